"""The canvas view: zoom, pan, drop from the palette, gestures, keyboard and clipboard.

`CanvasView(document)` shows a `DesignScene`; every change it makes to the design is
one `document.push()` (a drag, a drop, a paste, a delete: one undo step each).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QLineEdit, QMenu

from designer.catalogue import find_kind
from designer.edits import (
    AddNode,
    Compound,
    RemoveEdge,
    SetEdgeField,
    SetLabel,
    delete_nodes,
    new_node,
)
from designer.gui import clipboard
from designer.gui.commands import MERGE_NUDGE
from designer.gui.drag_layer import DragLayer
from designer.gui.i18n import language, tr, translator
from designer.gui.interactions import (
    ConnectInteraction,
    Interaction,
    MoveInteraction,
    PanInteraction,
    ResizeInteraction,
    RubberBandInteraction,
)
from designer.gui.items import EdgeItem, FrameItem, NodeItemBase, style
from designer.gui.mime import fragment_from_mime, fragment_mime_data, kind_from_mime
from designer.gui.overview import OVERVIEW_ZOOM
from designer.gui.placement import DropPlan, Refusal, plan_drop, plan_move, top_level_ids
from designer.gui.scene import DesignScene
from designer.storage import StorageError

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.05, 8.0, 1.2
READABLE_ZOOM = 0.6  # opening lands at or above this: labels drop out below 0.5 (LOD_TEXT)
GRAB_BORDER = 8.0  # a frame is grabbed by its header or this close to its border


@dataclass
class Overlay:
    """What a gesture draws over the scene: guides, bands, previews, a link, a target."""

    guides: list[QLineF] = field(default_factory=list)
    band: QRectF | None = None
    preview: QRectF | None = None
    link: QLineF | None = None
    target: QRectF | None = None
    target_ok: bool = True

    def clear(self) -> None:
        self.guides, self.band, self.preview, self.link, self.target = [], None, None, None, None
        self.target_ok = True


class CanvasView(QGraphicsView):
    """The design canvas; `scene()` is its DesignScene."""

    zoom_changed = Signal(float)
    status_message = Signal(str)
    connect_mode_changed = Signal(bool)

    def __init__(self, document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._scene = DesignScene(document, self)
        self.setScene(self._scene)
        self.overlay = Overlay()
        self.snap_to_grid = True
        self.connect_mode = False
        self._interaction: Interaction | None = None
        self._space_down = False
        self._paste_count = 0
        self._pending_fit = False
        self._readable_fit = False  # the pending fit is a first look (see fit_readable)
        self._editor: QLineEdit | None = None
        self._editing: tuple[str, str] | None = None  # ("node" | "edge", id)
        self.drag_layer: DragLayer | None = None  # kept bitmaps while nodes are dragged
        self.model_changes = 0  # model events seen (a gesture knows whether the model changed under it)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        # The scene's opaque background brush paints every pixel, so Qt may scroll the viewport
        # by blitting and repaint only the uncovered strip (see scrollContentsBy).
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.overview_zoom = OVERVIEW_ZOOM  # below it the view draws the scene's overview
        self._overview_cache: tuple[tuple[float, int], QImage, QRectF] | None = None
        self._overview_seen: tuple[float, int] | None = None  # (zoom, revision) painted last
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        # Item caches live in QPixmapCache (10 MB by default): room for a large design's view.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 96 * 1024))
        from designer.gui.minimap import Minimap

        self.minimap = Minimap(self)
        translator().language_changed.connect(self.retranslate)
        document.model_changed.connect(self._on_document_model_changed)
        document.findings_changed.connect(self._on_document_changed)

    def _on_document_model_changed(self, *_args) -> None:
        self.model_changes += 1
        self._on_document_changed()

    def _on_document_changed(self, *_args) -> None:
        if self.drag_layer is not None:  # e.g. Ctrl+Z during a drag: the still bitmap is old
            self.drag_layer.invalidate()

    def scene(self) -> DesignScene:  # type: ignore[override]
        return self._scene

    # ------------------------------------------------------------------ zoom
    def zoom(self) -> float:
        """The current scale (1.0 = 100 %)."""
        return self.transform().m11()

    def set_zoom(self, value: float, anchor_under_mouse: bool = False) -> None:
        value = min(max(value, ZOOM_MIN), ZOOM_MAX)
        factor = value / self.zoom()
        if abs(factor - 1.0) < 1e-9:
            return
        previous = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(previous)
        self.zoom_changed.emit(self.zoom())
        self.minimap.schedule()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        """Show the whole design (at most 100 %)."""
        rect = self._scene.content_rect()
        if rect.isEmpty():
            self.zoom_reset()
            return
        self._fit(rect.adjusted(-40, -40, 40, 40), max_zoom=1.0)

    def _fit(self, rect: QRectF, max_zoom: float) -> None:
        view = self.viewport().rect()
        if not self.isVisible() or view.width() < 2 or view.height() < 2:
            self._pending_fit = True  # not laid out yet (opening): fit once it is shown
            return
        self._pending_fit = False
        scale = min(view.width() / rect.width(), view.height() / rect.height(), max_zoom)
        readable, self._readable_fit = self._readable_fit, False
        if readable and scale < READABLE_ZOOM:
            # Too big to fit with readable labels: show its top at a zoom where labels stay.
            self.set_zoom(READABLE_ZOOM)
            seen_w, seen_h = view.width() / READABLE_ZOOM, view.height() / READABLE_ZOOM
            x = rect.center().x() if rect.width() <= seen_w else rect.left() + seen_w / 2
            self.centerOn(QPointF(x, rect.top() + seen_h / 2))
            return
        self.set_zoom(scale)
        self.centerOn(rect.center())

    def fit_readable(self) -> None:
        """A first look at an opened design: fit it, but never below the zoom where labels drop out."""
        self._readable_fit = True
        self.fit_to_window()

    def center_on_ids(self, ids) -> None:
        """Centre the view on these nodes and edges (zooming out when they do not fit)."""
        rect = QRectF()
        for i in ids:
            item = self._scene.item_for(i) or self._scene.edge_item_for(i)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() or rect.height() > visible.height():
            self._fit(rect.adjusted(-40, -40, 40, 40), max_zoom=self.zoom())
        else:
            self.centerOn(rect.center())

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta == 0:
            return
        self.set_zoom(self.zoom() * (ZOOM_STEP ** (delta / 120.0)), anchor_under_mouse=True)
        event.accept()

    # ------------------------------------------------------------------ settings
    def set_snap_to_grid(self, on: bool) -> None:
        self.snap_to_grid = bool(on)
        self.viewport().update()

    def set_connect_mode(self, on: bool) -> None:
        """In connect mode, a drag from any node draws a connection."""
        if bool(on) != self.connect_mode:
            self.connect_mode = bool(on)
            self.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
            self.connect_mode_changed.emit(self.connect_mode)

    # ------------------------------------------------------------------ mouse
    def _node_at(self, pos) -> tuple[NodeItemBase | EdgeItem | None, bool]:
        """The item a press at `pos` grabs, and whether it hit a frame's interior only."""
        scene_pos = self.mapToScene(pos)
        for item in self.items_drawn_at(pos):
            if isinstance(item, EdgeItem):
                return item, False
            if isinstance(item, FrameItem):
                local = item.mapFromScene(scene_pos)
                grab = GRAB_BORDER / max(self.zoom(), 1e-6)
                in_header = local.y() <= style.FRAME_HEADER
                near_border = (local.x() <= grab or local.y() <= grab
                               or local.x() >= item.w - grab or local.y() >= item.h - grab)
                if item.handle_at(local, self.zoom()):
                    return item, False
                if not item.rect().contains(local):
                    continue  # the badge margin around a frame is not the frame
                if in_header or near_border:
                    return item, False
                continue  # the interior of a frame belongs to what is inside it
            if isinstance(item, NodeItemBase):
                return item, False
        return None, True

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._commit_editor()
        if self._interaction is not None:
            return
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_down):
            self._interaction = PanInteraction(self, event)
            return
        if button == Qt.MouseButton.RightButton:
            super().mousePressEvent(event)
            return
        if button != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        item, _ = self._node_at(pos)
        toggle = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        if isinstance(item, FrameItem):
            handle = item.handle_at(item.mapFromScene(self.mapToScene(pos)), self.zoom())
            if handle is not None and not toggle:
                self._interaction = ResizeInteraction(self, event, item, handle)
                return
        hover = self._hovered_node(pos)
        if hover is not None and not toggle and (
                self.connect_mode or hover.connect_handle_at(hover.mapFromScene(self.mapToScene(pos)), self.zoom())):
            self._interaction = ConnectInteraction(self, event, hover)
            return
        if item is None:
            self._interaction = RubberBandInteraction(self, event, add=toggle)
            return
        if toggle:
            item.setSelected(not item.isSelected())
            return
        if not item.isSelected():
            self._scene.select_ids([item.node_id if isinstance(item, NodeItemBase) else item.edge_id])
        if isinstance(item, NodeItemBase):
            self._interaction = MoveInteraction(self, event, item)

    def _hovered_node(self, pos) -> NodeItemBase | None:
        for item in self.items_drawn_at(pos):
            if isinstance(item, NodeItemBase):
                return item
        return None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._interaction is not None:
            self._interaction.move(event)
            if self._interaction.done:
                self._interaction = None
            return
        super().mouseMoveEvent(event)  # hover (connect handles, tooltips)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._interaction is not None:
            interaction, self._interaction = self._interaction, None
            interaction.release(event)
            self.minimap.schedule()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        item, _ = self._node_at(event.position().toPoint())
        if item is None:
            hover = self._hovered_node(event.position().toPoint())
            item = hover
        if isinstance(item, NodeItemBase):
            self._scene.select_ids([item.node_id])
            self._open_editor("node", item.node_id)
        elif isinstance(item, EdgeItem):
            self._scene.select_ids([item.edge_id])
            self._open_editor("edge", item.edge_id)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        item, _ = self._node_at(event.pos())
        if item is not None and not item.isSelected():
            self._scene.select_ids([item.node_id if isinstance(item, NodeItemBase) else item.edge_id])
        has_selection = bool(self._scene.selectedItems())
        menu = QMenu(self)
        entries = [
            (tr("Cut"), self.cut_selection, has_selection),
            (tr("Copy"), self.copy_selection, has_selection),
            (tr("Paste"), self.paste, True),
            (tr("Duplicate"), self.duplicate_selection, has_selection),
            (tr("Delete"), self.delete_selection, has_selection),
            (tr("Rename"), self.rename_selected, len(self._scene.selectedItems()) == 1),
        ]
        for text, slot, enabled in entries:
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(event.globalPos())

    # ------------------------------------------------------------------ keyboard
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape:
            if self._interaction is not None:
                self._interaction.cancel()
                self._interaction = None
            elif self.connect_mode:
                self.set_connect_mode(False)
            else:
                self._scene.clearSelection()
            self.viewport().update()
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows:
            step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
            self.nudge(arrows[key][0] * step, arrows[key][1] * step)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
            return
        if key == Qt.Key.Key_F2:
            self.rename_selected()
            return
        for sequence, slot in ((QKeySequence.StandardKey.Copy, self.copy_selection),
                               (QKeySequence.StandardKey.Cut, self.cut_selection),
                               (QKeySequence.StandardKey.Paste, self.paste),
                               (QKeySequence.StandardKey.SelectAll, self.select_all),
                               (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                               (QKeySequence.StandardKey.ZoomOut, self.zoom_out)):
            if event.matches(sequence):
                slot()
                return
        if key == Qt.Key.Key_D and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.duplicate_selection()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selection by (dx, dy); consecutive nudges merge into one undo step."""
        design = self.document.design
        ids = top_level_ids(design, self._scene.selected_node_ids())
        positions = {}
        for nid in ids:
            rect = design.absolute_rect(nid)
            if rect is not None:
                positions[nid] = (rect.x + dx, rect.y + dy)
        if not positions:
            return
        result = plan_move(design, positions, tr("Nudge"))
        if isinstance(result, Refusal):
            self.report_refusal(result)
        elif result is not None:
            reparents = any(type(e).__name__ == "SetParent" for e in result.edits)
            # A nudge that changes container stays its own step (it is more than a nudge).
            self.document.push(result, tr("Nudge"), -1 if reparents else MERGE_NUDGE)

    # ------------------------------------------------------------------ edit actions
    def select_all(self) -> None:
        self._scene.select_ids(self.document.design.node_ids() + self.document.design.edge_ids())

    def delete_selection(self) -> None:
        """Delete the selected nodes (with their content and edges) and edges: one step."""
        design = self.document.design
        node_ids = self._scene.selected_node_ids()
        edge_ids = self._scene.selected_edge_ids()
        if not node_ids and not edge_ids:
            return
        compound = delete_nodes(design, node_ids, tr("Delete"))
        gone = {e.edge_id for e in compound.edits if isinstance(e, RemoveEdge)}
        extra = [RemoveEdge(e) for e in edge_ids if e not in gone]
        self.document.push(Compound(extra + compound.edits, tr("Delete")), tr("Delete"))

    def copy_selection(self) -> bool:
        """Put the selection on the system clipboard as design JSON; False when empty."""
        design = self.document.design
        node_ids = self._scene.selected_node_ids()
        if not node_ids:
            return False
        fragment = clipboard.copy_fragment(design, node_ids)
        QApplication.clipboard().setMimeData(fragment_mime_data(clipboard.fragment_to_text(fragment)))
        self._paste_count = 0
        self.status_message.emit(tr("Copied {n} node(s).").format(n=fragment.node_count))
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            self.delete_selection()

    def paste(self) -> None:
        """Paste the clipboard's design fragment, offset so it does not hide the original."""
        text = fragment_from_mime(QApplication.clipboard().mimeData())
        try:
            fragment = clipboard.fragment_from_text(text or "")
        except StorageError:
            self.status_message.emit(tr("The clipboard holds no design to paste."))
            return
        self._paste_count += 1
        offset = clipboard.PASTE_OFFSET * self._paste_count
        self._insert_fragment(fragment, offset, tr("Paste"))

    def duplicate_selection(self) -> None:
        design = self.document.design
        node_ids = self._scene.selected_node_ids()
        if node_ids:
            self._insert_fragment(clipboard.copy_fragment(design, node_ids), clipboard.PASTE_OFFSET, tr("Duplicate"))

    def _insert_fragment(self, fragment, offset: float, text: str) -> None:
        plan = clipboard.plan_paste(self.document.design, fragment, offset, offset, text)
        if plan.edit.edits:
            self.document.push(plan.edit, text)
            design = self.document.design
            self._scene.select_ids(top_level_ids(design, plan.node_ids))
        if plan.skipped:
            self.status_message.emit(
                tr("{n} node(s) could not be placed here and were left out.").format(n=len(plan.skipped)))

    # ------------------------------------------------------------------ in-place labels
    def rename_selected(self) -> None:
        """Edit the label of the single selected node (or edge) in place (F2)."""
        node_ids, edge_ids = self._scene.selected_node_ids(), self._scene.selected_edge_ids()
        if len(node_ids) == 1 and not edge_ids:
            self._open_editor("node", node_ids[0])
        elif len(edge_ids) == 1 and not node_ids:
            self._open_editor("edge", edge_ids[0])

    def _open_editor(self, what: str, item_id: str) -> None:
        self._commit_editor()
        design = self.document.design
        if what == "node":
            item = self._scene.item_for(item_id)
            text = design.node(item_id).label or ""
            if item is None:
                return
            if isinstance(item, FrameItem):
                rect = QRectF(style.FRAME_HEADER + 4, 2, max(item.w - style.FRAME_HEADER - 8, 80), style.FRAME_HEADER - 4)
            else:
                rect = item.label_rect()  # type: ignore[attr-defined]
                rect.setHeight(22)
            scene_rect = item.mapRectToScene(rect)
        else:
            item = self._scene.edge_item_for(item_id)
            if item is None:
                return
            text = design.edge(item_id).label or ""
            mid = item.line.center()
            scene_rect = QRectF(mid.x() - 70, mid.y() - 11, 140, 22)
        self.ensureVisible(scene_rect)
        view_rect = self.mapFromScene(scene_rect).boundingRect()
        editor = QLineEdit(self.viewport())
        editor.setText(text)
        editor.selectAll()
        editor.setGeometry(view_rect.x(), view_rect.y(), max(view_rect.width(), 120), max(view_rect.height(), 24))
        editor.setPlaceholderText(tr("Label"))
        editor.returnPressed.connect(self._commit_editor)
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self._editor, self._editing = editor, (what, item_id)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self._editor:
            if event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self._close_editor()
                return True
            if event.type() == event.Type.FocusOut:
                self._commit_editor()
        return super().eventFilter(watched, event)

    def _commit_editor(self) -> None:
        if self._editor is None or self._editing is None:
            return
        text = self._editor.text().strip()
        what, item_id = self._editing
        self._close_editor()
        design = self.document.design
        label = text or None
        if what == "node" and item_id in design and design.node(item_id).label != label:
            self.document.push(SetLabel(item_id, label), tr("Rename"))
        elif what == "edge" and design.has_edge(item_id) and design.edge(item_id).label != label:
            self.document.push(SetEdgeField(item_id, "label", label), tr("Rename"))

    def _close_editor(self) -> None:
        editor, self._editor, self._editing = self._editor, None, None
        if editor is not None:
            editor.removeEventFilter(self)
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    # ------------------------------------------------------------------ drop from the palette
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if kind_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        kind = kind_from_mime(event.mimeData())
        if kind is None:
            event.ignore()
            return
        event.acceptProposedAction()
        point = self.mapToScene(event.position().toPoint())
        plan = plan_drop(self.document.design, kind, point.x(), point.y())
        self.overlay.target_ok = isinstance(plan, DropPlan)
        self.overlay.target = self._plan_rect(plan, kind, point)
        self.viewport().update()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.overlay.clear()
        self.viewport().update()

    def _plan_rect(self, plan, kind: str, point: QPointF) -> QRectF:
        if isinstance(plan, DropPlan):
            ox, oy = self.document.design.absolute_origin(plan.parent)
            return QRectF(ox + plan.x, oy + plan.y, plan.w, plan.h)
        spec = find_kind(kind)
        w, h = spec.default_size if spec else (96.0, 84.0)
        return QRectF(point.x() - w / 2, point.y() - h / 2, w, h)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.overlay.clear()
        self.viewport().update()
        kind = kind_from_mime(event.mimeData())
        if kind is None:
            event.ignore()
            return
        point = self.mapToScene(event.position().toPoint())
        if self.drop_kind(kind, point.x(), point.y()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop_kind(self, kind: str, x: float, y: float) -> str | None:
        """Add a `kind` node centred at scene point (x, y); returns its id, or None if refused."""
        design = self.document.design
        plan = plan_drop(design, kind, x, y)
        if isinstance(plan, Refusal):
            self.report_refusal(plan)
            return None
        node = new_node(design, kind, plan.parent, plan.x, plan.y)
        node.w, node.h = plan.w, plan.h
        spec = find_kind(kind)
        text = tr("Add {kind}").format(kind=spec.label(language()) if spec else kind)
        self.document.push(AddNode(node), text)
        self._scene.select_ids([node.id])
        self.setFocus()
        return node.id

    def add_kind(self, kind: str) -> str | None:
        """Add a `kind` node at the centre of the view (the palette's double-click or Enter)."""
        centre = self.mapToScene(self.viewport().rect().center())
        return self.drop_kind(kind, centre.x(), centre.y())

    def report_refusal(self, refusal: Refusal) -> None:
        """Say in the status bar why a node cannot go where it was put."""
        self.status_message.emit(refusal_message(self.document.design, refusal))

    # ------------------------------------------------------------------ painting
    def in_overview(self) -> bool:
        """Whether the view is zoomed out far enough to draw the scene's overview."""
        return self.zoom() < self.overview_zoom

    def items_drawn_at(self, pos) -> list:
        """The items under a viewport point that the user can see (zoomed out: frames only)."""
        items = self.items(pos)
        if self.in_overview():
            overview = self._scene.overview
            items = [i for i in items if overview.draws(i)]
        return items

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.in_overview():
            self._paint_overview(event)
            return
        layer = self.drag_layer
        if layer is not None and not layer.painting_still and layer.paint(self.viewport()):
            return  # a drag frame: two kept bitmaps and the stretching connections
        super().paintEvent(event)

    def _paint_overview(self, event) -> None:
        """Far out: the scene's overview instead of one paint call per item."""
        zoom = self.zoom()
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        overview = self._scene.overview
        key = (zoom, overview.revision)
        painter = QPainter(self.viewport())
        cached = self._overview_cache
        exposed = event.rect()
        # A small repaint (a scrolled-in strip, the minimap's corner) is drawn straight, for
        # the area it exposes: building the kept picture is worth it only for whole views.
        partial = exposed.width() * exposed.height() < 0.5 * self.viewport().width() * self.viewport().height()
        if cached is not None and cached[0] == key and cached[2].contains(visible):
            self._blit_overview(painter, cached[1], cached[2])
        elif partial:
            painter.fillRect(exposed, self._scene.backgroundBrush())
            painter.setTransform(self.viewportTransform())
            overview.paint(painter, self.mapToScene(exposed).boundingRect(), zoom, selection=False)
        elif key == self._overview_seen:
            # A second paint at this zoom (the user pans, or hovers): keep a drawing with a
            # quarter view of margin each side, blitted while the view moves within it.
            image, area = self._overview_image(visible, zoom, margin=0.25)
            self._overview_cache = (key, image, area)
            self._blit_overview(painter, image, area)
        else:
            # A zoom step: drawn straight on the viewport (no image to fill, draw and blit).
            self._overview_seen = key
            painter.fillRect(self.viewport().rect(), self._scene.backgroundBrush())
            painter.setTransform(self.viewportTransform())
            overview.paint(painter, visible, zoom, selection=False)
        painter.setTransform(self.viewportTransform())
        overview.paint_selection(painter, zoom)
        self.drawForeground(painter, self.mapToScene(event.rect()).boundingRect())
        painter.end()

    def _blit_overview(self, painter: QPainter, image: QImage, area: QRectF) -> None:
        painter.drawImage(self.mapFromScene(area.topLeft()), image)  # whole pixels: the view scrolls by pixels

    def _overview_image(self, visible: QRectF, zoom: float, margin: float) -> tuple[QImage, QRectF]:
        """The overview drawn around the visible area (`margin` views more on each side)."""
        area = visible.adjusted(-visible.width() * margin, -visible.height() * margin,
                                visible.width() * margin, visible.height() * margin)
        corner = self.mapFromScene(area.topLeft())
        area.moveTopLeft(self.mapToScene(corner))  # aligned with the view's pixels
        ratio = self.viewport().devicePixelRatioF()
        width, height = round(area.width() * zoom), round(area.height() * zoom)
        image = QImage(max(1, round(width * ratio)), max(1, round(height * ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        painter = QPainter(image)
        painter.fillRect(QRectF(0, 0, width, height), self._scene.backgroundBrush())
        painter.scale(zoom, zoom)
        painter.translate(-area.topLeft())
        self._scene.overview.paint(painter, area, zoom, selection=False)
        painter.end()
        return image, area

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        super().drawBackground(painter, rect)
        zoom = self.zoom()
        if not self.snap_to_grid or zoom < 0.6:
            return
        step = style.GRID * (2 if zoom < 1.2 else 1) * zoom  # grid spacing in device pixels
        # Tile a one-dot pixmap in device space: one untransformed fill, whatever the view size.
        origin = painter.transform().map(QPointF(0, 0))
        painter.save()
        painter.resetTransform()
        brush = QBrush(_grid_tile(max(2, round(step))))
        painter.setBrushOrigin(origin)
        painter.fillRect(painter.transform().inverted()[0].mapRect(self.viewport().rect()), brush)
        painter.restore()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        if self.drag_layer is not None and self.drag_layer.painting_still:
            return  # the drag's still bitmap: guides and targets are drawn over it each frame
        o = self.overlay
        if o.target is not None:
            colour = style.SELECTION if o.target_ok else style.SEVERITY_COLOURS["error"]
            pen = QPen(colour, 2.5)
            pen.setCosmetic(True)
            painter.setPen(pen)
            fill = QColor(colour)
            fill.setAlpha(28)
            painter.setBrush(QBrush(fill))
            painter.drawRect(o.target)
        if o.guides:
            pen = QPen(QColor("#E7157B"), 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            for line in o.guides:
                painter.drawLine(line)
        for shape in (o.band, o.preview):
            if shape is not None:
                pen = QPen(style.SELECTION, 1.0, Qt.PenStyle.DashLine)
                pen.setCosmetic(True)
                painter.setPen(pen)
                fill = QColor(style.SELECTION)
                fill.setAlpha(24)
                painter.setBrush(QBrush(fill))
                painter.drawRect(shape)
        if o.link is not None:
            pen = QPen(style.SELECTION, 2.0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(o.link)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._pending_fit:
            self.fit_to_window()
        self.minimap.reposition()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._pending_fit:
            self.fit_to_window()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        super().scrollContentsBy(dx, dy)
        if self.in_overview():
            # Far out the view blits its kept overview picture whole: cheap, and a scrolled-in
            # strip drawn afresh would not match its dashes to the pixel.
            self.viewport().update()
        # The blit moved the viewport's children with the picture: the minimap goes back to
        # its corner (Qt repaints the two small rectangles, not the view).
        self.minimap.reposition_only()
        self.minimap.update()

    def retranslate(self, *_args) -> None:
        """Nothing persistent to re-set: menus and messages are built on demand."""
        self.viewport().update()


@functools.cache
def _grid_tile(step: int) -> QPixmap:
    """A transparent `step`-pixel tile with one grid dot in its corner."""
    tile = QPixmap(step, step)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.fillRect(0, 0, 2, 2, style.GRID_DOT)
    painter.end()
    return tile


def refusal_message(design, refusal: Refusal) -> str:
    """A one-line reason, e.g. "EC2 instance cannot be placed on the canvas: put it in a Subnet."."""
    lang = language()
    spec = find_kind(refusal.kind)
    if spec is None:
        return tr("Unknown kind {kind}.").format(kind=refusal.kind)
    names = []
    for parent in spec.allowed_parents:
        parent_spec = find_kind(parent) if parent else None
        names.append(parent_spec.label(lang) if parent_spec else tr("the empty canvas"))
    where = find_kind(refusal.parent_kind).label(lang) if refusal.parent_kind and find_kind(refusal.parent_kind) else tr("the empty canvas")
    return tr("{kind} cannot be placed in {where}: put it in {allowed}.").format(
        kind=spec.label(lang), where=where, allowed=tr(" or ").join(names))
