"""The page an image export draws: a scene of the design (or the selection) with its
findings, placed with a margin, a title and a legend. `designer.gui.render` turns it into
PNG, SVG or PDF.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from designer.model import Design
from designer.rules import Finding

TITLE_PX = 22.0
LEGEND_PX = 12.0

# The legend's words, in both languages (export may use a language other than the UI's).
_WORDS_KO = {
    "Connections": "연결", "Problems": "문제", "error": "오류", "warning": "경고", "info": "정보",
    "traffic": "트래픽", "route": "경로", "attach": "연결(부착)", "dns": "DNS", "origin": "원본",
    "peering": "피어링", "vpn": "VPN", "replication": "복제",
}


class RenderError(ValueError):
    """A request that cannot be rendered (unknown format, empty selection, bad language)."""


def ensure_app():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        if sys.platform.startswith("linux"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    global _APP
    _APP = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "aws-designer"])
    return _APP


_APP = None


def _word(text: str, lang: str) -> str:
    return _WORDS_KO.get(text, text) if lang == "ko" else text


class ExportSource(QObject):
    """What a `DesignScene` needs from a document, for a scene drawn once: the design and
    its findings, with the signals the scene connects to (never emitted: nothing edits it)."""

    model_changed = Signal(object)
    design_replaced = Signal()
    findings_changed = Signal(list)

    def __init__(self, design: Design, findings: list[Finding]) -> None:
        super().__init__()
        self.design = design
        self.findings = findings

    @property
    def shown_findings(self) -> list[Finding]:
        """The findings drawn (a Document may still be checking; an export never is)."""
        return self.findings

    @property
    def checking(self) -> bool:
        return False


class ExportJob:
    """A scene built for one export: the design (or the selection), its findings, the layout.

    `findings`, when given, are the design's current findings (the window's, or the ones the
    CLI already printed), so the design is not checked again; a selection is always checked
    on its own, as the fragment it is.
    """

    def __init__(self, design: Design, selection, lang: str | None, transparent: bool, problems: bool,
                 keep_finding=None, findings: list[Finding] | None = None) -> None:
        ensure_app()
        from designer.gui.i18n import language
        from designer.gui.scene import DesignScene
        from designer.layout import layout_missing_geometry

        self.lang = lang or language()
        if lang not in (None, "en", "ko"):
            raise RenderError(f'unsupported language "{lang}" (use en or ko)')
        if selection is not None:
            from designer.gui.clipboard import copy_fragment

            ids = list(selection)
            unknown = [i for i in ids if i not in design]
            if unknown:
                raise RenderError(f'selection: no node "{unknown[0]}"')
            if not ids:
                raise RenderError("selection is empty: nothing to export")
            copy = copy_fragment(design, ids)
            copy.title = design.title
            findings = None
        elif design.has_geometry():
            copy = design  # only read while the scene is built and drawn: no copy needed
        else:
            copy = design.copy()
        if copy is not design:
            layout_missing_geometry(copy)  # on the copy: the caller's design is left as it is
        if not problems:
            findings = []
        elif findings is None:
            from designer.rules import validate

            findings = validate(copy)
        if keep_finding is not None:  # a lesson's picture badges only the finding it explains
            findings = [f for f in findings if keep_finding(f)]
        self.source = ExportSource(copy, list(findings))
        self.scene = DesignScene(self.source, lang=self.lang)
        if transparent:
            self.scene.setBackgroundBrush(QBrush(Qt.BrushStyle.NoBrush))
        for item in self.scene.items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # vector output: no bitmap caches
        self.findings = self.scene.findings
        self.content = self.scene.content_rect()
        if self.content.isEmpty():
            self.content = QRectF(0, 0, 200, 120)

    @property
    def design(self) -> Design:
        return self.source.design

    def close(self) -> None:
        """Drop the scene's items (the design is left as it was)."""
        self.scene.clear()


def page_layout(job: ExportJob, margin: float, title: str | None, legend: bool) -> tuple[QSizeF, QPointF, float, float]:
    """Page size (scene units), where the scene goes, and the title and legend heights."""
    title_h = TITLE_PX * 2.0 if title else 0.0
    legend_h = _legend_height(job) if legend else 0.0
    width = job.content.width() + 2 * margin
    width = max(width, _legend_width(job) + 2 * margin if legend else 0.0)
    if title:
        from designer.gui.items import style

        width = max(width, QFontMetricsF(style.font(TITLE_PX, bold=True)).horizontalAdvance(title) + 2 * margin + 8)
    height = job.content.height() + 2 * margin + title_h + legend_h
    return QSizeF(width, height), QPointF(margin, margin + title_h), title_h, legend_h


def paint_page(painter: QPainter, job: ExportJob, size: QSizeF, origin: QPointF, title: str | None,
           title_h: float, legend_h: float, margin: float, transparent: bool) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if not transparent:
        painter.fillRect(QRectF(QPointF(0, 0), size), QColor("#FFFFFF"))
    target = QRectF(origin, job.content.size())
    job.scene.render(painter, target, job.content, Qt.AspectRatioMode.IgnoreAspectRatio)
    from designer.gui.items import style

    if title:
        painter.setPen(style.TEXT)
        painter.setFont(style.font(TITLE_PX, bold=True))
        painter.drawText(QRectF(margin, margin * 0.5, size.width() - 2 * margin, title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    if legend_h:
        _paint_legend(painter, job, QRectF(margin, size.height() - margin * 0.5 - legend_h,
                                           size.width() - 2 * margin, legend_h))


def _legend_entries(job: ExportJob) -> tuple[list[str], Counter]:
    design = job.design
    kinds = [k for k in ("traffic", "route", "attach", "dns", "origin", "peering", "vpn", "replication")
             if any(e.kind == k for e in design.edges)]
    severities = Counter(f.severity for f in job.findings)
    return kinds, severities


def _legend_height(job: ExportJob) -> float:
    kinds, severities = _legend_entries(job)
    rows = (1 if kinds else 0) + (1 if severities else 0)
    return rows * LEGEND_PX * 2.0 + (LEGEND_PX if rows else 0.0)


def _legend_width(job: ExportJob) -> float:
    kinds, severities = _legend_entries(job)
    from designer.gui.items import style

    metrics = QFontMetricsF(style.font(LEGEND_PX))
    row1 = sum(60 + metrics.horizontalAdvance(_word(k, job.lang)) for k in kinds) + 120
    row2 = sum(40 + metrics.horizontalAdvance(_word(s, job.lang) + " 00") for s in severities) + 120
    return max(row1, row2)


def _paint_legend(painter: QPainter, job: ExportJob, rect: QRectF) -> None:
    from designer.gui.items import style

    kinds, severities = _legend_entries(job)
    font = style.font(LEGEND_PX)
    bold = style.font(LEGEND_PX, bold=True)
    metrics = QFontMetricsF(font)
    row_h = LEGEND_PX * 2.0
    y = rect.top() + LEGEND_PX / 2
    rows: list[tuple[str, list]] = []
    if kinds:
        rows.append(("Connections", kinds))
    if severities:
        rows.append(("Problems", [s for s in ("error", "warning", "info") if severities.get(s)]))
    for heading, entries in rows:
        x = rect.left()
        painter.setFont(bold)
        painter.setPen(style.TEXT)
        head = _word(heading, job.lang)
        painter.drawText(QRectF(x, y, 110, row_h), Qt.AlignmentFlag.AlignVCenter, head)
        x += max(110.0, QFontMetricsF(bold).horizontalAdvance(head) + 12)
        painter.setFont(font)
        mid = y + row_h / 2
        for entry in entries:
            if heading == "Connections":
                look = style.edge_style(entry)
                pen = QPen(look.colour, look.width, look.pen_style)
                painter.setPen(pen)
                if look.double:
                    painter.drawLine(QPointF(x, mid - 2), QPointF(x + 36, mid - 2))
                    painter.drawLine(QPointF(x, mid + 2), QPointF(x + 36, mid + 2))
                else:
                    painter.drawLine(QPointF(x, mid), QPointF(x + 36, mid))
                text = _word(entry, job.lang)
                x += 42
            else:
                colour = style.SEVERITY_COLOURS[entry]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(colour))
                painter.drawEllipse(QPointF(x + 7, mid), 6, 6)
                text = f"{_word(entry, job.lang)} {severities[entry]}"
                x += 18
            painter.setPen(style.TEXT)
            painter.drawText(QRectF(x, y, metrics.horizontalAdvance(text) + 4, row_h),
                             Qt.AlignmentFlag.AlignVCenter, text)
            x += metrics.horizontalAdvance(text) + 18
        y += row_h
