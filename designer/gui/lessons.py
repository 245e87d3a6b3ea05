"""The Lesson panel: selecting a finding in the Problems panel explains it.

A lesson shows the rule (id, title, the validator's message), why AWS works this way
(designer.rules.lessons), the study-note topic, the AWS page as a link, the fix, and a
before/after picture of the fix rendered from the model: the fix is applied to a copy of
the design and the neighbourhood of the finding (the VPC around its nodes, plus the nodes
outside it) is drawn before and after. The live design is never touched.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from designer.gui.document import Document
from designer.gui.i18n import language, tr, translator
from designer.gui.placement import subtree_ids
from designer.gui.problems import finding_key
from designer.model import Design
from designer.rules import RULES, Finding
from designer.rules.lessons import lesson_for

PICTURE_SCALE = 1.0
PICTURE_MARGIN = 16
PICTURE_NODE_LIMIT = 150  # a larger neighbourhood is unreadable as a thumbnail and slow to draw


class PicturesTooLarge(ValueError):
    """The finding's neighbourhood has too many items to draw as a lesson picture."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} items")
        self.count = count


def neighbourhood(design: Design, node_ids) -> list[str]:
    """The ids to draw around these nodes: the Availability Zone each node is in (its
    subnets give the context), else the node itself; none inside another chosen one."""
    chosen: list[str] = []
    for node_id in node_ids:
        if node_id not in design:
            continue
        az = design.az_of(node_id)
        anchor = az.id if az is not None else node_id
        if anchor not in chosen:
            chosen.append(anchor)
    inside = {nid for nid in chosen for other in chosen
              if other != nid and any(a.id == other for a in design.ancestors(nid))}
    return [nid for nid in chosen if nid not in inside]


def involved_nodes(design: Design, finding: Finding) -> list[str]:
    """The finding's nodes and the ends of its edges that the design has."""
    ids = list(finding.nodes)
    for edge_id in finding.edges:
        edge = design.get_edge(edge_id)
        if edge is not None:
            ids += [edge.source, edge.target]
    return [i for i in dict.fromkeys(ids) if i in design]


def fixed_copy(design: Design, finding: Finding) -> tuple[Design | None, str]:
    """The design with the finding's fix applied to a copy, or (None, reason)."""
    if finding.fix is None:
        return None, ""
    copy = design.copy()
    try:
        finding.fix.to_edit().apply(copy)
    except Exception as exc:  # noqa: BLE001 - a stale fix must not break the lesson
        return None, str(exc) or type(exc).__name__
    return copy, ""


def changed_nodes(before: Design, after: Design) -> list[str]:
    """Nodes the fix added, re-parented or changed (in the fixed design's order)."""
    out = []
    for node in after.nodes:
        old = before.get_node(node.id)
        if old is None or old.parent != node.parent or old.props != node.props:
            out.append(node.id)
    return out


def same_finding(finding: Finding, nodes) -> Callable[[Finding], bool]:
    """Which findings of a re-validated picture stand for `finding`: the same rule on the
    same nodes (the picture is a fragment, so its findings are new objects)."""
    wanted = set(nodes)

    def keep(other: Finding) -> bool:
        return other.rule == finding.rule and (other.message == finding.message or bool(wanted & set(other.nodes)))

    return keep


def lesson_pictures(design: Design, finding: Finding, lang: str) -> tuple[QImage | None, QImage | None, str]:
    """(before, after, note): the finding's neighbourhood before and after its fix, with
    only this finding's badges.

    `after` is None when the finding has no fix or the fix cannot be applied (`note` says why).
    Raises PicturesTooLarge when the neighbourhood holds more than PICTURE_NODE_LIMIT items."""
    from designer.gui.render import RenderError, render_image

    involved = involved_nodes(design, finding)
    if not involved:
        return None, None, ""
    keep = same_finding(finding, finding.nodes or involved)
    around = neighbourhood(design, involved)
    count = len(subtree_ids(design, around))
    if count > PICTURE_NODE_LIMIT:
        raise PicturesTooLarge(count)
    before = render_image(design, scale=PICTURE_SCALE, margin=PICTURE_MARGIN,
                          selection=around, lang=lang, keep_finding=keep)
    after_design, reason = fixed_copy(design, finding)
    if after_design is None:
        return before, None, reason
    ids = [i for i in involved if i in after_design] + changed_nodes(design, after_design)
    try:
        after = render_image(after_design, scale=PICTURE_SCALE, margin=PICTURE_MARGIN,
                             selection=neighbourhood(after_design, ids), lang=lang,
                             keep_finding=lambda f: f.rule == finding.rule and f.message == finding.message)
    except RenderError as exc:
        return before, None, str(exc)
    return before, after, ""


class PictureLabel(QLabel):
    """An image scaled to fit its label (aspect kept); a click opens it at full size."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(60, 45)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QLabel { background: white; border: 1px solid #D5DBDB; }")

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else QPixmap()
        self._rescale()

    def full_pixmap(self) -> QPixmap:
        return self._pixmap

    def has_image(self) -> bool:
        return not self._pixmap.isNull()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            self.clear()
            return
        size = self.contentsRect().size()
        self.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._rescale()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.has_image():
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class LessonPanel(QWidget):
    """Explains the finding selected in the Problems panel (call `show_finding`)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.finding: Finding | None = None
        self.fixed = False  # the finding is no longer reported (the user applied the fix)
        self.note = ""
        self._rendered_for: tuple | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.before_caption = QLabel(self)
        self.after_caption = QLabel(self)
        self.before = PictureLabel(self)
        self.after = PictureLabel(self)
        self.before.clicked.connect(lambda: self._enlarge(self.before, self.before_caption.text()))
        self.after.clicked.connect(lambda: self._enlarge(self.after, self.after_caption.text()))
        pictures = QWidget(self)
        grid = QBoxLayout(QBoxLayout.Direction.LeftToRight, pictures)
        grid.setContentsMargins(0, 0, 0, 0)
        self.columns: list[QWidget] = []
        for caption, picture in ((self.before_caption, self.before), (self.after_caption, self.after)):
            column = QWidget(pictures)  # hidden as a whole, so "before" alone takes the room
            stack = QVBoxLayout(column)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(caption)
            stack.addWidget(picture, 1)
            grid.addWidget(column, 1)
            self.columns.append(column)
        self.pictures = pictures
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.text, 3)
        self.body.addWidget(pictures, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(self.body, 1)
        document.findings_changed.connect(self._on_document_findings_changed)
        document.design_replaced.connect(self._on_document_design_replaced)
        translator().language_changed.connect(self.retranslate)
        self.retranslate()

    # ------------------------------------------------------------------ content
    def show_finding(self, finding: Finding | None) -> None:
        """Explain this finding (None: the empty state)."""
        self.finding = finding
        self.fixed = False
        self._rendered_for = None
        self.retranslate()

    def retranslate(self, *_args) -> None:
        """Re-set every text (and re-render the pictures) in the current language."""
        self.before_caption.setText(tr("Before"))
        self.after_caption.setText(tr("After the fix"))
        finding = self.finding
        if finding is None:
            self.heading.setText(f"<b>{html.escape(tr('Lesson'))}</b>")
            self.text.setHtml(f"<p>{html.escape(tr('Select a finding in the Problems panel to see its lesson.'))}</p>")
            self.pictures.hide()
            return
        self.heading.setText(self._heading_html(finding))
        self.text.setHtml(self._body_html(finding))
        self.pictures.show()
        if self.isVisible():
            self._render_pictures()

    def _heading_html(self, finding: Finding) -> str:
        rule = RULES.get(finding.rule)
        title = (rule.title_ko if language() == "ko" else rule.title) if rule else ""
        text = f"<b style='font-size:115%'>{html.escape(finding.rule)} · {html.escape(title)}</b>"
        if self.fixed:
            text += f"<br><span style='color:#1D8102'>✔ {html.escape(tr('Fixed: this finding is no longer reported.'))}</span>"
        return text

    def _body_html(self, finding: Finding) -> str:
        lang = language()
        lesson = lesson_for(finding.rule)
        parts = [f"<p><b>{html.escape(tr('What the validator found'))}</b><br>"
                 f"{html.escape(finding.message_in(lang))}</p>"]
        if lesson is not None:
            parts.append(f"<p><b>{html.escape(tr('Why AWS works this way'))}</b><br>"
                         f"{html.escape(lesson.why_in(lang))}</p>")
            topic = lesson.topic_ko if lang == "ko" else f"{lesson.topic_en} ({lesson.topic_ko})"
            section = finding.source.seed
            where = f"{section} › {topic}" if section else topic
            parts.append(f"<p><b>{html.escape(tr('Study note'))}</b><br>{html.escape(where)}</p>")
        else:
            parts.append(f"<p>{html.escape(tr('No lesson is written for this rule yet.'))}</p>")
        if finding.source.aws:
            url = html.escape(finding.source.aws, quote=True)
            parts.append(f"<p><b>{html.escape(tr('AWS documentation'))}</b><br><a href=\"{url}\">{url}</a></p>")
        if finding.fix is not None:
            fix = finding.fix.description_ko if lang == "ko" else finding.fix.description
            parts.append(f"<p><b>{html.escape(tr('The fix'))}</b><br>{html.escape(fix)}</p>")
        if self.note:
            parts.append(f"<p><i>{html.escape(self.note)}</i></p>")
        return "".join(parts)

    # ------------------------------------------------------------------ pictures
    def _render_pictures(self) -> None:
        finding = self.finding
        if finding is None:
            return
        key = (finding_key(finding), self.document.design.revision if not self.fixed else None, language())
        if self._rendered_for == key:
            return
        if self.fixed and self._rendered_for is not None:
            return  # keep the pictures of the finding the user just fixed
        self._rendered_for = key
        try:
            before, after, reason = lesson_pictures(self.document.design, finding, language())
        except PicturesTooLarge as exc:
            self.before.set_image(None)
            self.columns[1].hide()
            self.note = tr("The neighbourhood has {count} items: too many to draw here.").format(count=exc.count)
            self.text.setHtml(self._body_html(finding))
            return
        self.before.set_image(before)
        self.after.set_image(after)
        has_after = after is not None
        self.columns[1].setVisible(has_after)
        if finding.fix is None:
            self.note = tr("This finding has no automatic fix: the picture shows the design as it is.")
        elif not has_after:
            self.note = tr("The fix could not be previewed: {reason}").format(reason=reason)
        else:
            self.note = tr("Click a picture to enlarge it.")
        self.text.setHtml(self._body_html(finding))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.finding is not None:
            self._render_pictures()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # Wide (a bottom dock): text beside the pictures; tall (a side dock): text above them.
        wide = event.size().width() > 1.4 * event.size().height()
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)

    def _enlarge(self, picture: PictureLabel, caption: str) -> None:
        dialog = QDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(caption)
        label = QLabel()
        label.setPixmap(picture.full_pixmap())
        area = QScrollArea(dialog)
        area.setWidget(label)
        layout = QVBoxLayout(dialog)
        layout.addWidget(area)
        size = picture.full_pixmap().size()
        dialog.resize(min(size.width() + 40, 1400), min(size.height() + 40, 900))
        dialog.show()

    # ------------------------------------------------------------------ following the document
    def _on_document_findings_changed(self, findings: list[Finding]) -> None:
        if self.finding is None:
            return
        key = finding_key(self.finding)
        still = next((f for f in findings if finding_key(f) == key), None)
        if still is None and not self.fixed:
            self.fixed = True
            self.heading.setText(self._heading_html(self.finding))
        elif still is not None:
            was_fixed, self.fixed, self.finding = self.fixed, False, still
            if was_fixed:  # undo brought it back
                self._rendered_for = None
                self.retranslate()

    def _on_document_design_replaced(self) -> None:
        self.show_finding(None)
