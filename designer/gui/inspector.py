"""The property inspector: a form generated from the catalogue for the selected node or edge.

Edits go through `document.push()` (typing merges into one undo step); the form follows
model changes, undo and redo through `document.model_changed`, with signals blocked while
it updates itself so nothing echoes back into the model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from designer.catalogue import EDGE_PROPS, PropSpec, find_kind
from designer.edits import SetEdgeField, SetEdgeProp, SetLabel, SetProp, SetTitle
from designer.gui.commands import (
    MERGE_EDGE_FIELD,
    MERGE_EDGE_PROP,
    MERGE_LABEL,
    MERGE_PROP,
    MERGE_TITLE,
)
from designer.gui.document import Document
from designer.gui.i18n import language, tr, translator
from designer.gui.problems import severity_name
from designer.gui.prop_editors import IdsEditor, LineEditor, PropEditor, editor_for
from designer.gui.rule_tables import HealthCheckEditor, TableEditor
from designer.model import (
    EDGE_KINDS,
    MISSING,
    DesignChanged,
    EdgeChanged,
    EdgeRemoved,
    Event,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)

SEVERITY_COLOURS = {"error": "#C62828", "warning": "#B26A00", "info": "#1565C0"}

def edge_kind_name(kind: str) -> str:
    """An edge kind as the UI names it."""
    names = {
        "traffic": tr("Traffic"),
        "route": tr("Route"),
        "attach": tr("Attachment"),
        "dns": tr("DNS"),
        "origin": tr("Origin"),
        "peering": tr("Peering"),
        "vpn": tr("VPN"),
        "replication": tr("Replication"),
    }
    return names.get(kind, kind)


def node_caption(design, node_id: str) -> str:
    """"Label (id)" or just the id, for lists and headers."""
    node = design.get_node(node_id)
    if node is None:
        return node_id
    return f"{node.label} ({node.id})" if node.label else node.id


class InspectorPanel(QWidget):
    """The inspector dock's widget: shows the design, one node, one edge or a multi-selection."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.ids: list[str] = []
        self.node_id: str | None = None
        self.edge_id: str | None = None
        self.editors: dict[str, PropEditor] = {}
        self.label_edit: QLineEdit | None = None
        self.title_edit: QLineEdit | None = None
        self.kind_combo: QComboBox | None = None
        self._options_pending = False
        self._rebuild_pending = False
        self._counts: QLabel | None = None
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Forms fit the dock's width (tables stretch their columns) instead of scrolling sideways.
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        document.model_changed.connect(self._on_document_model_changed)
        document.design_replaced.connect(self._on_document_design_replaced)
        document.findings_changed.connect(self._on_document_findings_changed)
        translator().language_changed.connect(self.retranslate)
        self._rebuild()

    # ------------------------------------------------------------------ selection
    def show_ids(self, ids: list[str]) -> None:
        """Show the items with these ids (node ids, or edge ids when no node has that id)."""
        self.ids = list(ids)
        self._rebuild()

    def form_widget(self) -> QWidget:
        """The widget that holds the current form (replaced on every rebuild)."""
        return self._scroll.widget()

    def retranslate(self, *_args) -> None:
        """Rebuild the form in the current language."""
        self._rebuild()

    def _rebuild(self) -> None:
        self._rebuild_pending = False
        design = self.document.design
        self.ids = [i for i in self.ids if i in design or design.has_edge(i)]
        self.node_id = self.edge_id = None
        self.editors = {}
        self.label_edit = self.title_edit = self.kind_combo = None
        self._counts = None
        self._findings_box: QVBoxLayout | None = None
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        if len(self.ids) == 1 and self.ids[0] in design:
            self.node_id = self.ids[0]
            self._build_node(layout)
        elif len(self.ids) == 1:
            self.edge_id = self.ids[0]
            self._build_edge(layout)
        elif self.ids:
            self._build_multi(layout)
        else:
            self._build_design(layout)
        layout.addStretch(1)  # spare height goes below the form, not between its rows
        old = self._scroll.takeWidget()
        self._scroll.setWidget(content)
        if old is not None:
            old.deleteLater()

    # ------------------------------------------------------------------ forms
    def _build_design(self, layout: QVBoxLayout) -> None:
        design = self.document.design
        layout.addWidget(_heading(tr("Design")))
        form = QFormLayout()
        self.title_edit = QLineEdit(design.title)
        self.title_edit.setCursorPosition(0)  # long titles show their beginning
        self.title_edit.textEdited.connect(self._on_title_edit_text_edited)
        form.addRow(tr("Title"), self.title_edit)
        self._counts = QLabel(self._counts_text())
        form.addRow(tr("Contents"), self._counts)
        layout.addLayout(form)
        layout.addWidget(_muted(tr("Select an item on the canvas to edit its properties.")))

    def _counts_text(self) -> str:
        design = self.document.design
        return tr("{nodes} items, {edges} connections").format(nodes=design.node_count, edges=design.edge_count)

    def _build_multi(self, layout: QVBoxLayout) -> None:
        layout.addWidget(_heading(tr("{count} items selected").format(count=len(self.ids))))
        for item_id in self.ids[:30]:
            layout.addWidget(QLabel(node_caption(self.document.design, item_id)))
        if len(self.ids) > 30:
            layout.addWidget(_muted(tr("and {count} more").format(count=len(self.ids) - 30)))

    def _build_node(self, layout: QVBoxLayout) -> None:
        design = self.document.design
        node = design.node(self.node_id)
        spec = find_kind(node.kind)
        lang = language()
        kind_name = spec.label(lang) if spec else node.kind
        layout.addLayout(self._node_header(node, kind_name))
        if spec and (spec.description_ko if lang == "ko" else spec.description_en):
            layout.addWidget(_muted(spec.description_ko if lang == "ko" else spec.description_en))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_edit = QLineEdit(node.label or "")
        self.label_edit.setCursorPosition(0)
        self.label_edit.setPlaceholderText(node.id)
        self.label_edit.textEdited.connect(self._on_label_edit_text_edited)
        form.addRow(tr("Label"), self.label_edit)
        self._parent_label = QLabel(self._parent_text(node.id))
        self._parent_label.setWordWrap(True)
        form.addRow(tr("Inside"), self._parent_label)
        for prop in spec.props if spec else ():
            editor = editor_for(prop)
            editor.set_value(node.props.get(prop.name, MISSING))
            editor.edited.connect(lambda value, p=prop, e=editor: self._on_prop_edited(p, e, value))
            if prop.help_en:
                editor.setToolTip(prop.help_en)
            self.editors[prop.name] = editor
            _add_row(form, prop.label_ko if lang == "ko" else prop.label_en, editor)
        layout.addLayout(form)
        self._extra_label = _muted(self._extra_text())
        layout.addWidget(self._extra_label)
        self._findings_box = QVBoxLayout()
        layout.addLayout(self._findings_box)
        self._show_findings()
        self._refresh_options()

    def _node_header(self, node, kind_name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        try:
            from designer.gui.icons import kind_pixmap

            icon.setPixmap(kind_pixmap(node.kind, 32, node.props))
        except ImportError:  # the canvas' icon cache is optional for the inspector
            pass
        row.addWidget(icon)
        text = QLabel(f"<b>{_escape(kind_name)}</b><br><span style='color:gray'>{_escape(node.id)}</span>")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(text, 1)
        return row

    def _parent_text(self, node_id: str) -> str:
        design = self.document.design
        chain = [a for a in design.ancestors(node_id)]
        if not chain:
            return tr("(top level)")
        lang = language()
        parts = []
        for ancestor in chain:
            spec = find_kind(ancestor.kind)
            kind = spec.label(lang) if spec else ancestor.kind
            parts.append(f"{kind} {ancestor.display_name()}")
        return " ▸ ".join(parts)

    def _extra_text(self) -> str:
        """Props the catalogue does not declare: shown so nothing in the file is hidden."""
        node = self.document.design.node(self.node_id)
        spec = find_kind(node.kind)
        known = {p.name for p in spec.props} if spec else set()
        extra = {k: v for k, v in node.props.items() if k not in known}
        if not extra:
            return ""
        lines = ", ".join(f"{k} = {v!r}" for k, v in sorted(extra.items()))
        return tr("Other properties (kept as they are): {props}").format(props=lines)

    def _build_edge(self, layout: QVBoxLayout) -> None:
        design = self.document.design
        edge = design.edge(self.edge_id)
        layout.addWidget(_heading(tr("Connection")))
        layout.addWidget(QLabel(f"{node_caption(design, edge.source)} → {node_caption(design, edge.target)}"))
        form = QFormLayout()
        self.kind_combo = QComboBox()
        for kind in EDGE_KINDS:
            self.kind_combo.addItem(edge_kind_name(kind), kind)
        if self.kind_combo.findData(edge.kind) < 0:
            self.kind_combo.addItem(edge.kind, edge.kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(edge.kind))
        self.kind_combo.activated.connect(self._on_kind_combo_activated)
        form.addRow(tr("Kind"), self.kind_combo)
        self.label_edit = QLineEdit(edge.label or "")
        self.label_edit.textEdited.connect(self._on_edge_label_text_edited)
        form.addRow(tr("Label"), self.label_edit)
        lang = language()
        for prop in EDGE_PROPS.get(edge.kind, ()):
            editor = editor_for(prop)
            editor.set_value(edge.props.get(prop.name, MISSING))
            editor.edited.connect(lambda value, p=prop, e=editor: self._on_edge_prop_edited(p, e, value))
            self.editors[prop.name] = editor
            form.addRow(prop.label_ko if lang == "ko" else prop.label_en, editor)
        layout.addLayout(form)

    # ------------------------------------------------------------------ widget → model
    def _on_title_edit_text_edited(self, text: str) -> None:
        self.document.push(SetTitle(text), tr("Rename design"), merge_id=MERGE_TITLE)

    def _on_label_edit_text_edited(self, text: str) -> None:
        if self.node_id is not None:
            self.document.push(SetLabel(self.node_id, text or None), tr("Rename"), merge_id=MERGE_LABEL)

    def _on_prop_edited(self, prop: PropSpec, editor: PropEditor, value: Any) -> None:
        if self.node_id is None:
            return
        typing = isinstance(editor, (LineEditor, HealthCheckEditor))
        name = prop.label_ko if language() == "ko" else prop.label_en
        self.document.push(SetProp(self.node_id, prop.name, value), tr("Change {name}").format(name=name),
                           merge_id=MERGE_PROP if typing else -1)

    def _on_kind_combo_activated(self, index: int) -> None:
        if self.edge_id is not None and self.kind_combo is not None:
            kind = self.kind_combo.itemData(index)
            self.document.push(SetEdgeField(self.edge_id, "kind", kind), tr("Change connection kind"))

    def _on_edge_label_text_edited(self, text: str) -> None:
        if self.edge_id is not None:
            self.document.push(SetEdgeField(self.edge_id, "label", text or None), tr("Rename connection"),
                               merge_id=MERGE_EDGE_FIELD)

    def _on_edge_prop_edited(self, prop: PropSpec, editor: PropEditor, value: Any) -> None:
        if self.edge_id is None:
            return
        typing = isinstance(editor, LineEditor)
        name = prop.label_ko if language() == "ko" else prop.label_en
        self.document.push(SetEdgeProp(self.edge_id, prop.name, value), tr("Change {name}").format(name=name),
                           merge_id=MERGE_EDGE_PROP if typing else -1)

    # ------------------------------------------------------------------ model → widget
    def _on_document_findings_changed(self, _findings) -> None:
        if self.node_id is not None and self._findings_box is not None:
            self._show_findings()

    def _show_findings(self) -> None:
        """The selected node's findings under its form, each with its fix when it has one."""
        box = self._findings_box
        while box.count():
            widget = box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        mine = [f for f in self.document.findings if self.node_id in f.nodes]
        if not mine:
            return
        box.addWidget(_heading(tr("Problems")))
        lang = language()
        for finding in mine:
            text = QLabel(f"<b>{_escape(severity_name(finding.severity))} {finding.rule}</b> "
                          f"{_escape(finding.message_in(lang))}")
            text.setWordWrap(True)
            text.setStyleSheet(f"color: {SEVERITY_COLOURS.get(finding.severity, 'gray')};")
            box.addWidget(text)
            if finding.fix is not None:
                label = finding.fix.description_ko if lang == "ko" else finding.fix.description
                row = QHBoxLayout()
                description = _muted(tr("Fix: {fix}").format(fix=label))
                button = QPushButton(tr("Apply fix"))  # short: a long label would widen the dock
                button.setToolTip(label)
                button.clicked.connect(lambda _checked=False, f=finding: self.document.apply_fix(f))
                row.addWidget(description, 1)
                row.addWidget(button)
                holder = QWidget()
                holder.setLayout(row)
                row.setContentsMargins(0, 0, 0, 0)
                box.addWidget(holder)

    def _on_document_design_replaced(self) -> None:
        self.ids = []
        self._rebuild()

    def _on_document_model_changed(self, event: Event) -> None:
        design = self.document.design
        if isinstance(event, NodeRemoved) and event.node_id in self.ids:
            self.ids.remove(event.node_id)
            self._schedule_rebuild()
            return
        if isinstance(event, EdgeRemoved) and event.edge_id in self.ids:
            self.ids.remove(event.edge_id)
            self._schedule_rebuild()
            return
        if isinstance(event, NodeChanged) and event.node_id == self.node_id:
            self._update_node_field(event.field)
        elif isinstance(event, EdgeChanged) and event.edge_id == self.edge_id:
            self._update_edge_field(event.field)
        elif isinstance(event, DesignChanged) and self.title_edit is not None and event.field == "title":
            if self.title_edit.text() != design.title:
                self.title_edit.setText(design.title)
        if isinstance(event, (NodeAdded, NodeRemoved)) or (
            isinstance(event, NodeChanged) and event.field in ("label", "parent")
        ):
            self._schedule_options()

    def _update_node_field(self, name: str) -> None:
        node = self.document.design.node(self.node_id)
        if name.startswith("props."):
            key = name[len("props."):]
            editor = self.editors.get(key)
            if editor is not None:
                editor.set_value(node.props.get(key, MISSING))
            else:
                self._extra_label.setText(self._extra_text())
        elif name == "label" and self.label_edit is not None:
            if self.label_edit.text() != (node.label or ""):
                self.label_edit.setText(node.label or "")
        elif name == "parent":
            self._parent_label.setText(self._parent_text(node.id))

    def _update_edge_field(self, name: str) -> None:
        edge = self.document.design.edge(self.edge_id)
        if name == "kind":  # another kind carries other props: rebuild the form
            self._schedule_rebuild()
        elif name == "label" and self.label_edit is not None:
            if self.label_edit.text() != (edge.label or ""):
                self.label_edit.setText(edge.label or "")
        elif name.startswith("props."):
            key = name[len("props."):]
            if key in self.editors:
                self.editors[key].set_value(edge.props.get(key, MISSING))
        elif name in ("source", "target"):
            self._schedule_rebuild()

    def _schedule_rebuild(self) -> None:
        # Deferred: a delete or undo emits many events; rebuild once, after the step.
        if not self._rebuild_pending:
            self._rebuild_pending = True
            QTimer.singleShot(0, self._rebuild)

    def _schedule_options(self) -> None:
        if self._counts is not None:
            self._counts.setText(self._counts_text())
        if not self._options_pending and any(isinstance(e, IdsEditor) for e in self.editors.values()):
            self._options_pending = True
            QTimer.singleShot(0, self._refresh_options)

    def _refresh_options(self) -> None:
        """Fill the id-list editors with the nodes of their kinds (labels change, nodes come and go)."""
        self._options_pending = False
        if self.node_id is None or self.node_id not in self.document.design:
            return
        design = self.document.design
        node = design.node(self.node_id)
        for name, editor in self.editors.items():
            if isinstance(editor, IdsEditor) and editor.spec.ref_kind:
                options = [(n.id, node_caption(design, n.id)) for n in design.nodes_of_kind(editor.spec.ref_kind)]
                editor.set_options(options)
                editor.set_value(node.props.get(name, MISSING))


def _add_row(form: QFormLayout, label: str, editor: PropEditor) -> None:
    """A form row; tables and lists get the full width under their label."""
    if isinstance(editor, (TableEditor, IdsEditor, HealthCheckEditor)):
        form.addRow(QLabel(label))
        form.addRow(editor)
    else:
        form.addRow(label, editor)


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{_escape(text)}</b>")
    return label


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: gray;")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
