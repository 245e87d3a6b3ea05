"""The failure drill (Tools ▸ Failure drill…): "what if this AZ, subnet or item fails?"

Pick what fails (the current selection, or from the list) and press Fail it: the canvas
greys out everything lost (item opacity only, the model is untouched), marks the failed
item red and the degraded ones amber, and the panel lists which paths from the internet
and on-premises to each tier still work, which are lost and which were broken already,
plus the design's single points of failure. The analysis is designer.analysis.failure;
End drill (or Esc on the canvas with nothing selected) restores the look. The drill
follows edits: it re-runs after each change and ends if the failed item is deleted.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.analysis import (
    FailureDrill,
    FailureResult,
    PathStatus,
    UnknownNodeError,
    path_label,
    single_points_of_failure,
)
from designer.catalogue import find_kind
from designer.gui.i18n import language, tr, translator
from designer.gui.items import style
from designer.model import Design

DOWN_OPACITY = 0.25
KIND_ORDER = {"availability_zone": 0, "subnet": 1}  # AZs first, then subnets, then the rest
FAILED_COLOUR = style.SEVERITY_COLOURS["error"]
DEGRADED_COLOUR = style.SEVERITY_COLOURS["warning"]
STATUS_COLOURS = {"ok": QColor("#1D8102"), "lost": FAILED_COLOUR, "broken": QColor("#7D8998")}


class DrillMarker(QGraphicsItem):
    """A dashed outline with a caption around a failed (red) or degraded (amber) item.

    A child of the item it marks (it moves with it) that ignores the greyed-out parent's
    opacity; it takes no clicks and is not part of the model."""

    def __init__(self, parent: QGraphicsItem, rect: QRectF, colour: QColor, caption: str) -> None:
        super().__init__(parent)
        self.rect = rect.adjusted(-6, -6, 6, 6)
        self.colour = colour
        self.caption = caption
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(50.0)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-4, -24, 4, 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pen = QPen(self.colour, 3.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect)
        font = style.font(13, bold=True)
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance(self.caption) + 12
        box = QRectF(self.rect.left(), self.rect.top() - 20, width, 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(self.colour))
        painter.drawRect(box)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.caption)


def drill_targets(design: Design, lang: str) -> list[tuple[str, str]]:
    """(node id, text) of everything that can fail: AZs, then subnets, then the other items."""
    rows = []
    for index, node in enumerate(design.nodes):
        spec = find_kind(node.kind)
        kind = spec.label(lang) if spec else node.kind
        rows.append((KIND_ORDER.get(node.kind, 2), index, node.id, f"{kind}: {node.display_name()}"))
    return [(nid, text) for _, _, nid, text in sorted(rows)]


class DrillPanel(QWidget):
    """The drill's dock: what fails, what is lost, which paths still work, single points of failure."""

    drill_started = Signal(str)  # the failed node id
    drill_ended = Signal()
    status_message = Signal(str)

    def __init__(self, document, canvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.canvas = canvas
        self.scene = canvas.scene()
        self.failed: str | None = None
        self.result: FailureResult | None = None
        self._drill: FailureDrill | None = None
        self._markers: list[DrillMarker] = []
        self._spof_for: int | None = None  # design revision the single-points list was made for
        self._stale = True  # the lists wait for the panel to be shown
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.target = QComboBox(self)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(18)
        self.use_selection = QPushButton(self)
        self.use_selection.clicked.connect(self.pick_selection)
        self.fail_button = QPushButton(self)
        self.fail_button.clicked.connect(self._on_fail_button_clicked)
        self.end_button = QPushButton(self)
        self.end_button.clicked.connect(self.end_drill)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.paths_title = QLabel(self)
        self.paths = self._tree(3)
        self.paths.itemSelectionChanged.connect(self._on_paths_selection_changed)
        self.spof_title = QLabel(self)
        self.spof = self._tree(2)
        self.spof.itemSelectionChanged.connect(self._on_spof_selection_changed)
        self.spof.itemActivated.connect(self._on_spof_activated)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_selection)
        buttons.addWidget(self.fail_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addWidget(self.target)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.paths_title)
        layout.addWidget(self.paths, 3)
        layout.addWidget(self.spof_title)
        layout.addWidget(self.spof, 2)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(150)  # an edit is a burst of model events: re-run once
        self._refresh.timeout.connect(self._on_refresh_timeout)
        document.model_changed.connect(self._on_document_model_changed)
        document.design_replaced.connect(self._on_document_design_replaced)
        translator().language_changed.connect(self.retranslate)
        canvas.installEventFilter(self)
        self.retranslate()

    def _tree(self, columns: int) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setColumnCount(columns)
        tree.setRootIsDecorated(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setWordWrap(True)
        header = tree.header()
        for column in range(columns - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.Stretch)
        return tree

    # ------------------------------------------------------------------ texts
    def retranslate(self, *_args) -> None:
        """Re-set every text in the current language (the lists included)."""
        self.intro.setText(tr("Pick an Availability Zone, a subnet or any item, then press Fail it: "
                              "what is lost turns grey and the paths below show what still works."))
        self.use_selection.setText(tr("Use the selection"))
        self.fail_button.setText(tr("Fail it"))
        self.end_button.setText(tr("End drill"))
        self.end_button.setToolTip(tr("Restore the canvas (Esc on the canvas)"))
        self.paths_title.setText(f"<b>{tr('Paths from the internet and on-premises')}</b>")
        self.paths.setHeaderLabels([tr("Status"), tr("Path"), tr("Via")])
        self.spof_title.setText(f"<b>{tr('Single points of failure')}</b>")
        self.spof.setHeaderLabels([tr("What"), tr("Why")])
        if self.active:
            self._apply_look()  # the markers' captions
        self._spof_for = None
        self.update_lists()

    def update_lists(self) -> None:
        """Refill what can fail, the paths and the single points of failure; while the
        panel is hidden only remember to (each costs a walk of the design)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.fill_targets()
        self._show_result()
        self.refresh_spof()

    def fill_targets(self) -> None:
        """List what can fail, keeping the current choice."""
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        for node_id, text in drill_targets(self.document.design, language()):
            self.target.addItem(text, node_id)
        index = self.target.findData(current)
        self.target.setCurrentIndex(max(index, 0))
        self.target.blockSignals(False)
        self.fail_button.setEnabled(self.target.count() > 0)

    # ------------------------------------------------------------------ the drill
    @property
    def active(self) -> bool:
        return self.failed is not None

    def pick_selection(self) -> bool:
        """Choose the first selected node as what fails; False when nothing is selected."""
        ids = self.scene.selected_node_ids()
        if not ids:
            return False
        index = self.target.findData(ids[0])
        if index >= 0:
            self.target.setCurrentIndex(index)
        return index >= 0

    def _on_fail_button_clicked(self) -> None:
        node_id = self.target.currentData()
        if node_id:
            self.fail(node_id)

    def fail(self, node_id: str) -> FailureResult | None:
        """Fail this node: grey out what is lost and list the paths. None if it is unknown."""
        design = self.document.design
        if self._drill is None or self._drill.design is not design:
            self._drill = FailureDrill(design)
        try:
            result = self._drill.simulate([node_id])
        except UnknownNodeError as exc:
            self.status_message.emit(str(exc))
            return None
        self.failed = node_id
        self.result = result
        index = self.target.findData(node_id)
        if index >= 0:
            self.target.setCurrentIndex(index)
        self._apply_look()
        self._show_result()
        self.drill_started.emit(node_id)
        return result

    def end_drill(self) -> None:
        """Stop the drill and restore the canvas' look."""
        was_active = self.active
        self.failed = None
        self.result = None
        self._restore_look()
        self.update_lists()
        if was_active:
            self.drill_ended.emit()

    def _apply_look(self) -> None:
        self._restore_look()
        result = self.result
        if result is None:
            return
        lang = language()
        degraded = set(result.degraded)
        for item in self.scene.node_items():
            down = result.is_down(item.node_id)
            parent_id = getattr(item.parentItem(), "node_id", None)
            parent_down = parent_id is not None and result.is_down(parent_id)
            item.setOpacity(DOWN_OPACITY if down else 1.0)
            # An item still up inside a lost container (a Multi-AZ DB drawn in AZ a) stays solid.
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, not down and parent_down)
            if item.node_id in result.failed:
                self._markers.append(DrillMarker(item, item.rect(), FAILED_COLOUR,
                                                 "장애" if lang == "ko" else "Failed"))
            elif item.node_id in degraded:
                self._markers.append(DrillMarker(item, item.rect(), DEGRADED_COLOUR,
                                                 "성능 저하" if lang == "ko" else "Degraded"))
        lost = set(result.lost_edges)
        for item in self.scene.edge_items():
            item.setOpacity(DOWN_OPACITY if item.edge_id in lost else 1.0)

    def _restore_look(self) -> None:
        for marker in self._markers:
            # A marker dies with the item it marks (a deleted node, a design replaced).
            if shiboken6.isValid(marker) and marker.scene() is not None:
                marker.scene().removeItem(marker)
        self._markers = []
        for item in self.scene.node_items():
            item.setOpacity(1.0)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, False)
        for item in self.scene.edge_items():
            item.setOpacity(1.0)

    def item_is_greyed(self, node_id: str) -> bool:
        """Whether the node's item is drawn greyed out (its effective opacity is low)."""
        item = self.scene.item_for(node_id)
        return item is not None and item.effectiveOpacity() < 0.5

    # ------------------------------------------------------------------ lists
    def _show_result(self) -> None:
        self.end_button.setEnabled(self.active)
        self.paths.clear()
        design = self.document.design
        lang = language()
        result = self.result
        if result is None:
            try:
                shown = FailureDrill(design).simulate([]).paths if design.node_count else ()
            except UnknownNodeError:
                shown = ()
            self.summary.setText(tr("No drill running: the paths of the intact design."))
        else:
            shown = result.paths
            ok = sum(1 for p in shown if p.works)
            name = design.node(result.failed[0]).display_name() if result.failed else ""
            self.summary.setText(tr("{name} failed: {down} items lost, {degraded} degraded; "
                                    "{ok} of {total} paths still work.").format(
                name=name, down=len(result.down), degraded=len(result.degraded), ok=ok, total=len(shown)))
        for path in shown:
            self.paths.addTopLevelItem(self._path_item(design, path, lang))
        if not shown:
            placeholder = QTreeWidgetItem(["", tr("No paths: connect the internet or on-premises to your tiers "
                                                  "with traffic connections."), ""])
            self.paths.addTopLevelItem(placeholder)

    def _path_item(self, design: Design, path: PathStatus, lang: str) -> QTreeWidgetItem:
        status = {"ok": tr("works"), "lost": tr("lost"), "broken": tr("broken")}.get(path.status, path.status)
        route = " → ".join(design.node(n).display_name() if n in design else n for n in path.via)
        item = QTreeWidgetItem([status, path_label(design, path, lang), route])
        icon = {"ok": QStyle.StandardPixmap.SP_DialogApplyButton, "lost": QStyle.StandardPixmap.SP_DialogCancelButton,
                "broken": QStyle.StandardPixmap.SP_MessageBoxWarning}.get(path.status)
        if icon is not None:
            item.setIcon(0, self.style().standardIcon(icon))
        item.setForeground(0, QBrush(STATUS_COLOURS.get(path.status, QColor("#000000"))))
        item.setData(0, Qt.ItemDataRole.UserRole, list(path.via))
        item.setToolTip(2, route)
        return item

    def refresh_spof(self) -> None:
        """Re-list the single points of failure (when the design changed since the last time)."""
        design = self.document.design
        if self._spof_for == design.revision and self.spof.topLevelItemCount():
            return
        self._spof_for = design.revision
        self.spof.clear()
        lang = language()
        found = single_points_of_failure(design) if design.node_count else []
        for spof in found:
            what = tr("Availability Zone") if spof.kind == "az" else tr("Item")
            item = QTreeWidgetItem([f"{what}: {spof.label}", spof.reason_ko if lang == "ko" else spof.reason])
            item.setData(0, Qt.ItemDataRole.UserRole, spof.id)
            item.setToolTip(1, item.text(1))
            item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            self.spof.addTopLevelItem(item)
        if not found:
            self.spof.addTopLevelItem(QTreeWidgetItem(["", tr("None: losing any one AZ or item cuts no path.")]))

    @property
    def spof_ids(self) -> list[str]:
        """The ids listed as single points of failure."""
        out = []
        for row in range(self.spof.topLevelItemCount()):
            value = self.spof.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole)
            if value:
                out.append(value)
        return out

    def _on_paths_selection_changed(self) -> None:
        items = self.paths.selectedItems()
        via = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        if via:
            self.scene.select_ids(via)

    def _on_spof_selection_changed(self) -> None:
        items = self.spof.selectedItems()
        node_id = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        if node_id:
            self.scene.select_ids([node_id])
            self.canvas.center_on_ids([node_id])

    def _on_spof_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        if node_id:
            self.fail(node_id)  # double-click a single point of failure to see what it cuts

    # ------------------------------------------------------------------ following the document
    def _on_document_model_changed(self, _event) -> None:
        self._refresh.start()

    def _on_refresh_timeout(self) -> None:
        if self.active and self.failed not in self.document.design:
            self.end_drill()
            self.status_message.emit(tr("The failed item is no longer in the design; the drill ended."))
        elif self.active:
            self.fail(self.failed)
        self.update_lists()

    def _on_document_design_replaced(self) -> None:
        self._drill = None
        self.end_drill()
        self._spof_for = None
        self.update_lists()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.update_lists()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Esc on the canvas first clears the selection (the canvas' own job); with nothing
        # selected it ends a running drill.
        if (watched is self.canvas and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                and self.active and not self.scene.selectedItems() and not self.canvas.connect_mode):
            self.end_drill()
            return True
        return False
