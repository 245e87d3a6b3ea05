"""Mouse gestures on the canvas as small objects: pan, rubber band, move, resize, connect.

The view picks one interaction on press and forwards move/release to it; each gesture
changes only the items' preview while it runs and pushes one undo step on release
(or none, when it ends where it started or is refused).
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt

from designer.gui.connect import ConnectRefusal, plan_connect
from designer.gui.drag_layer import DragLayer
from designer.gui.i18n import tr
from designer.gui.items import EdgeItem, FrameItem, NodeItemBase, style
from designer.gui.items.frame import HANDLES
from designer.gui.placement import (
    MIN_FRAME,
    Refusal,
    container_for_rect,
    content_bounds,
    frame_rects,
    plan_move,
    plan_resize,
    subtree_ids,
    top_level_ids,
)
from designer.model import Rect

DRAG_THRESHOLD = 4  # pixels before a press becomes a drag
GUIDE_TOLERANCE = 6.0  # pixels within which an edge snaps to an alignment guide


class Interaction:
    """A gesture in progress; the view forwards mouse events until `done` is set."""

    def __init__(self, view) -> None:
        self.view = view
        self.scene = view.scene()
        self.done = False

    def move(self, event) -> None:
        """The mouse moved (view event)."""

    def release(self, event) -> None:
        """The button was released: finish the gesture."""
        self.done = True

    def cancel(self) -> None:
        """Escape or focus loss: undo the preview, push nothing."""
        self.done = True
        self.view.overlay.clear()


class PanInteraction(Interaction):
    """Middle-button or space-drag panning: the scroll bars follow the mouse."""

    def __init__(self, view, event) -> None:
        super().__init__(view)
        self.last = event.position()
        view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event) -> None:
        delta = event.position() - self.last
        self.last = event.position()
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() - round(delta.x()))
        v.setValue(v.value() - round(delta.y()))

    def release(self, event) -> None:
        self.done = True
        self.view.viewport().unsetCursor()

    def cancel(self) -> None:
        self.release(None)


class RubberBandInteraction(Interaction):
    """Drag on empty canvas (or a frame's interior) to select what lies wholly inside."""

    def __init__(self, view, event, add: bool) -> None:
        super().__init__(view)
        self.origin = view.mapToScene(event.position().toPoint())
        self.add = add
        self.before = set(self.scene.selectedItems()) if add else set()
        if not add:
            self.scene.clearSelection()

    def move(self, event) -> None:
        here = self.view.mapToScene(event.position().toPoint())
        band = QRectF(self.origin, here).normalized()
        self.view.overlay.band = band
        inside = set(self.before)
        for item in self.scene.items(band, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            # Boxes and lines, not labels or badges, decide what lies inside the band.
            if isinstance(item, NodeItemBase) and band.contains(item.scene_rect()):
                inside.add(item)
            elif isinstance(item, EdgeItem) and band.contains(item.line.p1()) and band.contains(item.line.p2()):
                inside.add(item)
        if inside != set(self.scene.selectedItems()):
            self.scene.blockSignals(True)  # one selection signal per band change, not per item
            try:
                for item in self.scene.selectedItems():
                    if item not in inside:
                        item.setSelected(False)
                for item in inside:
                    item.setSelected(True)
            finally:
                self.scene.blockSignals(False)
            self.scene.selectionChanged.emit()
        self.view.viewport().update()

    def release(self, event) -> None:
        self.done = True
        self.view.overlay.band = None
        self.view.viewport().update()


class MoveInteraction(Interaction):
    """Drag selected nodes: snap to the grid or to alignment guides; reparent on release."""

    def __init__(self, view, event, pressed: NodeItemBase) -> None:
        super().__init__(view)
        self.press = event.position()
        self.origin = view.mapToScene(event.position().toPoint())
        self.pressed = pressed
        design = self.scene.design
        chosen = [nid for nid in self.scene.selected_node_ids()]
        self.ids = top_level_ids(design, chosen)
        self.items = {nid: self.scene.item_for(nid) for nid in self.ids}
        self.start = {nid: item.scenePos() for nid, item in self.items.items() if item is not None}
        self.started = False
        self.offset: tuple[float, float] | None = None  # where the nodes were last put
        self.targets: list[QRectF] = []
        self.frames: list = []

    def _begin(self) -> None:
        self.started = True
        moving = set()
        for item in self.items.values():
            moving.add(item)
            moving.update(_descendant_items(item))
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        # Guides come from what the user can see, so a huge design stays fast.
        self.targets = [i.scene_rect() for i in self.scene.items(visible)
                        if isinstance(i, NodeItemBase) and i not in moving]
        design = self.scene.design
        # Frames do not move during the gesture: measure them once, not on every mouse move.
        self.frames = frame_rects(design, exclude=subtree_ids(design, self.ids))
        self.changes = self.view.model_changes  # the model as the frames were measured
        moving_ids = set(subtree_ids(design, self.ids))
        rigid, stretching, seen = [], [], set()
        for nid in moving_ids:
            for eid in design.edge_ids_of(nid):
                item = self.scene.edge_item_for(eid)
                if item is None or eid in seen:
                    continue
                seen.add(eid)
                edge = design.edge(eid)
                (rigid if edge.source in moving_ids and edge.target in moving_ids else stretching).append(item)
        roots = [item for item in self.items.values() if item is not None]
        self.view.drag_layer = DragLayer(self.view, roots, rigid, stretching)

    def move(self, event) -> None:
        if not self.started:
            if (event.position() - self.press).manhattanLength() < DRAG_THRESHOLD:
                return
            self._begin()
        here = self.view.mapToScene(event.position().toPoint())
        dx, dy = here.x() - self.origin.x(), here.y() - self.origin.y()
        dx, dy, guides = self._snap(dx, dy, event)
        self.view.overlay.guides = guides
        if (dx, dy) != self.offset:  # within one grid step the nodes stay where they are
            self.offset = (dx, dy)
            for nid, item in self.items.items():
                target = self.start[nid] + QPointF(dx, dy)
                parent = item.parentItem()
                item.setPos(parent.mapFromScene(target) if parent is not None else target)
            self.scene.route_edges_now(self.ids)
            self.view.overlay.target = self._drop_target()
        if self.view.drag_layer is not None and not self.view.in_overview():
            self.view.drag_layer.refresh()  # between frames: the paint only blits
        self.view.viewport().update()

    def _group_rect(self, dx: float, dy: float) -> QRectF:
        rect = QRectF()
        for nid, item in self.items.items():
            start = self.start[nid]
            rect = rect.united(QRectF(start.x() + dx, start.y() + dy, item.w, item.h))
        return rect

    def _snap(self, dx: float, dy: float, event) -> tuple[float, float, list[QLineF]]:
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            return dx, dy, []  # Alt: free move
        rect = self._group_rect(dx, dy)
        tolerance = GUIDE_TOLERANCE / max(self.view.zoom(), 1e-6)
        guides: list[QLineF] = []
        best_x = _nearest((rect.left(), rect.center().x(), rect.right()),
                          [(r, (r.left(), r.center().x(), r.right())) for r in self.targets], tolerance)
        best_y = _nearest((rect.top(), rect.center().y(), rect.bottom()),
                          [(r, (r.top(), r.center().y(), r.bottom())) for r in self.targets], tolerance)
        grid = self.view.snap_to_grid
        if best_x is not None:
            shift, line_x, other = best_x
            dx += shift
            guides.append(QLineF(line_x, min(rect.top(), other.top()), line_x, max(rect.bottom(), other.bottom())))
        elif grid:
            dx += _grid_shift(rect.left())
        if best_y is not None:
            shift, line_y, other = best_y
            dy += shift
            guides.append(QLineF(min(rect.left(), other.left()), line_y, max(rect.right(), other.right()), line_y))
        elif grid:
            dy += _grid_shift(rect.top())
        return dx, dy, guides

    def _drop_target(self):
        """The frame that would hold the pressed item, to show where it lands."""
        item = self.pressed
        rect = item.scene_rect()
        parent = container_for_rect(self.scene.design, Rect(rect.x(), rect.y(), rect.width(), rect.height()),
                                    frames=self.frames)
        frame = self.scene.item_for(parent) if parent else None
        return frame.scene_rect() if frame is not None else None

    def _end(self) -> None:
        self.view.drag_layer = None

    def release(self, event) -> None:
        self.done = True
        self.view.overlay.clear()
        if not self.started:
            return
        self._end()
        positions = {nid: (item.scenePos().x(), item.scenePos().y()) for nid, item in self.items.items()}
        # The frames measured at the start, unless the model changed since (Ctrl+Z mid-drag).
        unchanged = self.view.model_changes == self.changes
        result = plan_move(self.scene.design, positions, tr("Move"), frames=self.frames if unchanged else None)
        if isinstance(result, Refusal):
            self._restore()
            self.view.report_refusal(result)
        elif result is None:
            self._restore()
        else:
            self.view.document.push(result, tr("Move"))
        self.view.viewport().update()

    def cancel(self) -> None:
        super().cancel()
        if self.started:
            self._end()
            self._restore()

    def _restore(self) -> None:
        """Put the items back where the model has them."""
        for nid, item in self.items.items():
            start = self.start[nid]
            parent = item.parentItem()
            item.setPos(parent.mapFromScene(start) if parent is not None else start)
        self.scene.route_edges_now(self.ids)


class ResizeInteraction(Interaction):
    """Drag a selected frame's handle; the frame never shrinks past its content."""

    def __init__(self, view, event, frame: FrameItem, handle: str) -> None:
        super().__init__(view)
        self.frame = frame
        self.handle = handle
        self.origin = view.mapToScene(event.position().toPoint())
        self.start = frame.scene_rect()
        self.rect = QRectF(self.start)
        bounds = content_bounds(self.scene.design, frame.node_id)
        self.content = QRectF(bounds.x, bounds.y, bounds.w, bounds.h) if bounds else None

    def move(self, event) -> None:
        here = self.view.mapToScene(event.position().toPoint())
        dx, dy = here.x() - self.origin.x(), here.y() - self.origin.y()
        fx, fy = HANDLES[self.handle]
        left, top, right, bottom = self.start.left(), self.start.top(), self.start.right(), self.start.bottom()
        snap = self.view.snap_to_grid and not (event.modifiers() & Qt.KeyboardModifier.AltModifier)

        def s(value: float) -> float:
            return value + _grid_shift(value) if snap else value

        if fx == 0:
            left = min(s(left + dx), right - MIN_FRAME[0])
        elif fx == 1:
            right = max(s(right + dx), left + MIN_FRAME[0])
        if fy == 0:
            top = min(s(top + dy), bottom - MIN_FRAME[1])
        elif fy == 1:
            bottom = max(s(bottom + dy), top + MIN_FRAME[1])
        if self.content is not None:  # keep every child inside
            margin = 8.0
            left = min(left, self.content.left() - margin)
            top = min(top, self.content.top() - margin)
            right = max(right, self.content.right() + margin)
            bottom = max(bottom, self.content.bottom() + margin)
        self.rect = QRectF(QPointF(left, top), QPointF(right, bottom))
        self.view.overlay.preview = self.rect
        self.view.viewport().update()

    def release(self, event) -> None:
        self.done = True
        self.view.overlay.clear()
        self.view.viewport().update()
        if self.rect == self.start:
            return
        r = self.rect
        result = plan_resize(self.scene.design, self.frame.node_id, Rect(r.x(), r.y(), r.width(), r.height()),
                             tr("Resize"))
        if isinstance(result, Refusal):
            self.view.report_refusal(result)
        elif result is not None:
            self.view.document.push(result, tr("Resize"))


class ConnectInteraction(Interaction):
    """Drag from a node's connect handle (or any node in connect mode) to another node."""

    def __init__(self, view, event, source: NodeItemBase) -> None:
        super().__init__(view)
        self.source = source
        self.start = source.scene_rect().center()

    def _target_at(self, event) -> NodeItemBase | None:
        for item in self.view.items_drawn_at(event.position().toPoint()):
            if isinstance(item, NodeItemBase) and item is not self.source:
                return item
        return None

    def move(self, event) -> None:
        here = self.view.mapToScene(event.position().toPoint())
        self.view.overlay.link = QLineF(self.start, here)
        target = self._target_at(event)
        self.view.overlay.target = target.scene_rect() if target is not None else None
        self.view.viewport().update()

    def release(self, event) -> None:
        self.done = True
        self.view.overlay.clear()
        self.view.viewport().update()
        target = self._target_at(event)
        if target is None:
            return
        result = plan_connect(self.scene.design, self.source.node_id, target.node_id)
        if isinstance(result, ConnectRefusal):
            if result.reason == "duplicate":
                self.view.status_message.emit(tr("These two nodes are already connected."))
            return
        self.view.document.push(result, tr("Connect"))
        self.scene.select_ids([result.edge.id])


# --------------------------------------------------------------------------- helpers
def _descendant_items(item) -> list:
    out, stack = [], list(item.childItems())
    while stack:
        child = stack.pop()
        out.append(child)
        stack.extend(child.childItems())
    return out


def _grid_shift(value: float) -> float:
    """How far `value` is from the nearest grid line."""
    return round(value / style.GRID) * style.GRID - value


def _nearest(lines, candidates, tolerance: float):
    """The smallest shift that aligns one of `lines` with a candidate's line, within tolerance."""
    best = None
    for rect, theirs in candidates:
        for mine in lines:
            for other in theirs:
                shift = other - mine
                if abs(shift) <= tolerance and (best is None or abs(shift) < abs(best[0])):
                    best = (shift, other, rect)
    return best
