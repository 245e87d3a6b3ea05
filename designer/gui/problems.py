"""The Problems panel: the validator's findings with severity, rule, message and items.

Selecting a row emits `finding_selected(node_ids, edge_ids)` (the main window selects
and centres them on the canvas); "Apply fix" applies the finding's fix as one undoable
step. Messages follow the UI language (`message_ko` in Korean); severity buttons filter.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.gui.document import Document
from designer.gui.i18n import language, tr, translator
from designer.model import EdgeAdded, EdgeChanged, EdgeRemoved, NodeAdded, NodeChanged, NodeRemoved
from designer.rules import SEVERITIES, Finding

FindingKey = tuple[str, tuple[str, ...], tuple[str, ...], str]


def finding_key(finding: Finding) -> FindingKey:
    """What identifies a finding across re-validations (to keep the selection)."""
    return (finding.rule, finding.nodes, finding.edges, finding.message)


@cache
def severity_icon(severity: str) -> QIcon:
    """The standard message-box icon for a severity (cached: one per severity)."""
    from PySide6.QtWidgets import QApplication

    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QApplication.style().standardIcon(pixmap)


def severity_name(severity: str) -> str:
    """A severity as the UI names it."""
    return {"error": tr("Error"), "warning": tr("Warning"), "info": tr("Info")}.get(severity, severity)


class ProblemsPanel(QWidget):
    """Lists the document's findings and follows `document.findings_changed`."""

    finding_selected = Signal(list, list)  # node ids, edge ids of the chosen finding

    COLUMNS = 4

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._findings: list[Finding] = []
        self._shown: list[Finding] = []
        self._relabeled: set[str] = set()  # nodes renamed since the Items column was written
        # What the filter box searches, per finding object (kept while the names stay).
        self._haystacks: dict[int, tuple[Finding, str, str]] = {}
        self.filter_buttons: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for severity in SEVERITIES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.toggled.connect(self._refill)
            self.filter_buttons[severity] = button
            bar.addWidget(button)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refill)
        bar.addWidget(self.search, 1)
        self.fix_button = QPushButton(self)
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self.apply_fix_of_current)
        bar.addWidget(self.fix_button)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.tree.itemSelectionChanged.connect(self._on_tree_selection_changed)
        self.tree.itemActivated.connect(lambda *_: self._emit_current())
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        # While an opened design waits for its first check (see Document.checking).
        self.checking_label = QLabel(self)
        self.checking_label.setVisible(document.checking)
        layout.addLayout(bar)
        layout.addWidget(self.checking_label)
        layout.addWidget(self.tree)
        document.findings_changed.connect(self.set_findings)
        document.checking_changed.connect(self._on_document_checking_changed)
        document.design_replaced.connect(self._on_document_design_replaced)
        document.model_changed.connect(self._on_document_model_changed)
        translator().language_changed.connect(self.retranslate)
        self.retranslate()
        self.set_findings(document.shown_findings)

    # ------------------------------------------------------------------ content
    def retranslate(self, *_args) -> None:
        """Re-set every text (and the messages) in the current language."""
        self.tree.setHeaderLabels([tr("Severity"), tr("Rule"), tr("Message"), tr("Items")])
        self.search.setPlaceholderText(tr("Filter by text, rule or item"))
        self.fix_button.setText(tr("Apply fix"))
        self.fix_button.setToolTip(tr("Apply the selected finding's fix (one undoable step)"))
        self.checking_label.setText(tr("Checking the design…"))
        self._refill()

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings (keeps the selected one when it is still there)."""
        self._findings = list(findings)
        self._refill(full=False)

    def _on_document_design_replaced(self) -> None:
        self._haystacks.clear()
        self._findings = list(self.document.shown_findings)  # never waits for a pending check
        self.checking_label.setVisible(self.document.checking)
        self._refill()

    def _on_document_checking_changed(self, checking: bool) -> None:
        self.checking_label.setVisible(checking)
        if checking:
            self._refill()  # the counts say "…" until the findings are in

    def _on_document_model_changed(self, event) -> None:
        if isinstance(event, (NodeAdded, NodeRemoved, EdgeAdded, EdgeRemoved)) or (
                isinstance(event, NodeChanged) and event.field == "label") or (
                isinstance(event, EdgeChanged) and event.field in ("source", "target")):
            self._haystacks.clear()  # the names an item's finding is searched by may change
        # The Items column shows labels: a rename can change rows whose findings did not change.
        if isinstance(event, NodeChanged) and event.field == "label":
            if not self._relabeled:
                QTimer.singleShot(0, self._on_relabel_timer)
            self._relabeled.add(event.node_id)

    def _on_relabel_timer(self) -> None:
        renamed, self._relabeled = self._relabeled, set()
        for row, finding in enumerate(self._shown):
            if renamed.intersection(finding.nodes):
                item = self.tree.topLevelItem(row)
                if item is not None:
                    item.setText(3, self._items_text(finding))

    def counts(self) -> dict[str, int]:
        """How many findings of each severity (all of them, not only the shown ones)."""
        out = {s: 0 for s in SEVERITIES}
        for finding in self._findings:
            out[finding.severity] = out.get(finding.severity, 0) + 1
        return out

    @property
    def shown(self) -> list[Finding]:
        """The findings listed after filtering, in row order."""
        return list(self._shown)

    def _passes(self, finding: Finding, needle: str, hidden: set[str]) -> bool:
        if finding.severity in hidden:
            return False
        if not needle:
            return True
        return needle in self._haystack(finding)

    def _haystack(self, finding: Finding) -> str:
        """The finding's rule, message and item names, lower-case (built once per finding)."""
        lang = language()
        kept = self._haystacks.get(id(finding))
        if kept is not None and kept[0] is finding and kept[1] == lang:
            return kept[2]
        text = " ".join([finding.rule, finding.message_in(lang), self._items_text(finding)]).lower()
        self._haystacks[id(finding)] = (finding, lang, text)
        return text

    def _refill(self, *_args, full: bool = True) -> None:
        """Re-list the findings; `full=False` replaces only the rows that changed."""
        counts = self.counts()
        checking = self.document.checking
        for severity, button in self.filter_buttons.items():
            count = "…" if checking else counts.get(severity, 0)
            button.setText(f"{severity_name(severity)} ({count})")
        current = self.current_finding()
        keep = finding_key(current) if current is not None else None
        needle = self.search.text().strip().lower()
        hidden = {s for s, button in self.filter_buttons.items() if not button.isChecked()}
        if len(self._haystacks) > 2 * len(self._findings) + 100:  # forget findings long gone
            self._haystacks.clear()
        old, new = self._shown, [f for f in self._findings if self._passes(f, needle, hidden)]
        self._shown = new
        # An edit changes a few findings of a sorted list: keep the equal rows at both ends
        # and rebuild only the middle, so a large design's panel updates within a frame.
        head = tail = 0
        if not full:
            limit = min(len(old), len(new))
            # Unchanged findings are the same objects: `is` spares most dataclass comparisons.
            while head < limit and (old[head] is new[head] or old[head] == new[head]):
                head += 1
            while tail < limit - head and (old[-1 - tail] is new[-1 - tail] or old[-1 - tail] == new[-1 - tail]):
                tail += 1
        self.tree.blockSignals(True)
        if full:
            self.tree.clear()
        else:
            for _ in range(len(old) - head - tail):
                self.tree.takeTopLevelItem(head)
        self.tree.insertTopLevelItems(head, [self._make_item(f) for f in new[head:len(new) - tail]])
        current_item = self.tree.currentItem()
        if keep is not None and (current_item is None or self.current_finding() is None
                                 or finding_key(self.current_finding()) != keep):
            for row, finding in enumerate(new):
                if finding_key(finding) == keep:
                    self.tree.setCurrentItem(self.tree.topLevelItem(row))
                    break
        self.tree.blockSignals(False)
        self._update_fix_button()

    def _make_item(self, finding: Finding) -> QTreeWidgetItem:
        message = finding.message_in(language())
        item = QTreeWidgetItem([severity_name(finding.severity), finding.rule, message, self._items_text(finding)])
        item.setIcon(0, severity_icon(finding.severity))
        tooltip = self._tooltip(finding, message)
        for column in range(self.COLUMNS):
            item.setToolTip(column, tooltip)
        return item

    def _items_text(self, finding: Finding) -> str:
        design = self.document.design
        names = []
        for node_id in finding.nodes:
            node = design.get_node(node_id)
            names.append(node.display_name() if node is not None else node_id)
        for edge_id in finding.edges:
            edge = design.get_edge(edge_id)
            if edge is not None:
                source, target = design.get_node(edge.source), design.get_node(edge.target)
                names.append(f"{source.display_name() if source else edge.source} → "
                             f"{target.display_name() if target else edge.target}")
        return ", ".join(names)

    def _tooltip(self, finding: Finding, message: str) -> str:
        lines = [f"{finding.rule}: {message}"]
        if finding.source.seed:
            lines.append(tr("Study note: {section}").format(section=finding.source.seed))
        if finding.source.aws:
            lines.append(tr("AWS documentation: {url}").format(url=finding.source.aws))
        if finding.fix is not None:
            fix = finding.fix.description_ko if language() == "ko" else finding.fix.description
            lines.append(tr("Fix: {fix}").format(fix=fix))
        return "\n".join(lines)

    # ------------------------------------------------------------------ selection and fixes
    def current_finding(self) -> Finding | None:
        """The finding of the selected row, if any."""
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        row = self.tree.indexOfTopLevelItem(item)
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def select_row(self, row: int) -> None:
        """Select the row (as a click does)."""
        self.tree.setCurrentItem(self.tree.topLevelItem(row))

    def _on_tree_selection_changed(self) -> None:
        self._update_fix_button()
        self._emit_current()

    def _emit_current(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.finding_selected.emit(list(finding.nodes), list(finding.edges))

    def _update_fix_button(self) -> None:
        finding = self.current_finding()
        has_fix = finding is not None and finding.fix is not None
        self.fix_button.setEnabled(has_fix)
        if has_fix:
            fix = finding.fix.description_ko if language() == "ko" else finding.fix.description
            self.fix_button.setToolTip(fix)

    def apply_fix_of_current(self) -> bool:
        """Apply the selected finding's fix as one undo step; False when it has none."""
        finding = self.current_finding()
        if finding is None or finding.fix is None:
            return False
        self.document.apply_fix(finding)
        return True

    def _on_tree_context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        finding = self.current_finding()
        if finding is None:
            return
        menu = QMenu(self)
        fix_action = menu.addAction(tr("Apply fix"))
        fix_action.setEnabled(finding.fix is not None)
        fix_action.triggered.connect(self.apply_fix_of_current)
        copy_action = menu.addAction(tr("Copy message"))
        copy_action.triggered.connect(
            lambda: QGuiApplication.clipboard().setText(f"{finding.rule}: {finding.message_in(language())}"))
        if finding.source.aws:
            doc_action = menu.addAction(tr("Open AWS documentation"))
            doc_action.triggered.connect(lambda: QDesktopServices.openUrl(QUrl(finding.source.aws)))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
