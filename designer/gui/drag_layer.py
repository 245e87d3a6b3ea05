"""A drag's frames from two kept bitmaps: the still part of the view and the moving nodes.

A mouse drag repaints the whole viewport on every move, yet almost nothing in it
changes: the frames, the other resources and every connection not attached to what
moves stay put. At the drag's first move the view draws itself once without the moving
nodes and their connections (the *still* bitmap) and draws the moving nodes, with the
connections between them, once into a transparent bitmap. Each frame then blits the
two and strokes only the connections that stretch (one end moves, the other does not),
then the gesture's guides and drop target.

The moving nodes are drawn above everything that stays, so a dragged instance no longer
disappears under the fill of a subnet it passes over. When the view's transform or size
changes, or the design changes, the bitmaps are redrawn at the next mouse move; until
then the view paints itself the usual way. On release the view paints as usual again.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from designer.gui.items.edge import paint_edges

MAX_MOVING_VIEWPORTS = 4.0  # a moving bitmap larger than this many viewports is not kept


class DragLayer:
    """The kept bitmaps of one drag in `view`; `roots` move (with their content), `edges` follow."""

    def __init__(self, view, roots: list[QGraphicsItem], rigid_edges: list[QGraphicsItem],
                 stretching_edges: list[QGraphicsItem]) -> None:
        self.view = view
        self.roots = roots
        self.rigid_edges = rigid_edges  # both ends move: drawn into the moving bitmap
        self.stretching_edges = stretching_edges  # one end moves: stroked every frame
        self.usable = True  # False when the moving part is too big to keep as a bitmap
        self.builds = 0
        self._key: tuple | None = None
        self._still: QPixmap | None = None
        self._moving: QPixmap | None = None
        self._moving_corner = QPointF()  # the moving bitmap's top-left in the scene, when drawn
        self._anchor = QPointF()  # roots[0]'s scene position when the bitmaps were drawn
        self.painting_still = False  # the view is drawing the still bitmap: no overlay

    # ------------------------------------------------------------------ keeping
    def _current_key(self) -> tuple:
        view = self.view
        t = view.viewportTransform()
        viewport = view.viewport()
        return (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy(), viewport.width(), viewport.height(),
                viewport.devicePixelRatioF())

    def invalidate(self) -> None:
        """Something still changed (an undo, new findings): redraw the bitmaps at the next move."""
        self._key = None

    def refresh(self) -> None:
        """Draw the bitmaps if they are missing or no longer match the view (called between frames)."""
        if not self.usable or not self.roots:
            return
        key = self._current_key()
        if key == self._key:
            return
        moving = self._draw_moving()
        if moving is None:
            self.usable = False  # e.g. a whole Region dragged at 100 %: paint as usual
            self._still = self._moving = None
            return
        self._moving = moving
        self._still = self._draw_still()
        self._anchor = self.roots[0].scenePos()
        self._key = key
        self.builds += 1

    def _hidden_items(self) -> list[QGraphicsItem]:
        return [*self.roots, *self.rigid_edges, *self.stretching_edges]

    def _draw_still(self) -> QPixmap:
        """The view as it is, without the moving nodes and the connections that follow them."""
        view = self.view
        viewport = view.viewport()
        ratio = viewport.devicePixelRatioF()
        pixmap = QPixmap(round(viewport.width() * ratio), round(viewport.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        hidden = [(item, item.opacity()) for item in self._hidden_items()]
        # Opacity 0, not hide(): a hidden item loses its selection; the base method keeps
        # this paint-only trick from marking the overview stale.
        for item, _opacity in hidden:
            QGraphicsItem.setOpacity(item, 0.0)
        self.painting_still = True
        try:
            viewport.render(pixmap, QPoint(), QRegion(), QWidget.RenderFlag.DrawWindowBackground)
        finally:
            self.painting_still = False
            for item, opacity in hidden:
                QGraphicsItem.setOpacity(item, opacity)
        return pixmap

    def _draw_moving(self) -> QPixmap | None:
        """The moving nodes (with their content and the connections among them), on transparency."""
        view = self.view
        viewport = view.viewport()
        area = QRectF()
        for root in self.roots:
            area = area.united(root.sceneBoundingRect())
            area = area.united(root.mapRectToScene(root.childrenBoundingRect()))
        for edge in self.rigid_edges:
            area = area.united(edge.sceneBoundingRect())
        transform = view.viewportTransform()
        device = transform.mapRect(area).toAlignedRect().adjusted(-1, -1, 1, 1)
        if device.width() * device.height() > MAX_MOVING_VIEWPORTS * viewport.width() * viewport.height():
            return None
        ratio = viewport.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(device.width() * ratio)), max(1, round(device.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(view.renderHints())
        base = transform * QTransform.fromTranslate(-device.x(), -device.y())
        for root in self.roots:
            _paint_tree(painter, root, base)
        for edge in self.rigid_edges:
            _paint_item(painter, edge, base, edge.boundingRect())
        painter.end()
        self._moving_corner = transform.inverted()[0].map(QPointF(device.topLeft()))
        return pixmap

    # ------------------------------------------------------------------ painting
    def paint(self, painter_device) -> bool:
        """Paint a drag frame on `painter_device` (the viewport); False if the bitmaps do not fit the view."""
        if self._key is None or self._key != self._current_key() or self._still is None or self._moving is None:
            return False
        view = self.view
        painter = QPainter(painter_device)
        painter.drawPixmap(0, 0, self._still)
        moved = self.roots[0].scenePos() - self._anchor
        corner = view.viewportTransform().map(self._moving_corner + moved)
        # Whole pixels: the bitmap is drawn as it was rendered, never resampled.
        painter.drawPixmap(QPoint(round(corner.x()), round(corner.y())), self._moving)
        painter.setRenderHints(view.renderHints())
        visible = view.mapToScene(painter_device.rect()).boundingRect()
        painter.setTransform(view.viewportTransform())  # edges sit at the scene origin
        shown = [e for e in self.stretching_edges if e.isVisible() and e.sceneBoundingRect().intersects(visible)]
        paint_edges(painter, shown, visible)
        painter.setOpacity(1.0)
        view.drawForeground(painter, visible)
        painter.end()
        return True


def _paint_tree(painter: QPainter, item: QGraphicsItem, base: QTransform) -> None:
    """Paint `item` and its children in the scene's stacking order (children below it first)."""
    if not item.isVisible() or item.effectiveOpacity() <= 0.0:
        return
    children = item.childItems()  # sorted by stacking order
    below = [c for c in children if c.zValue() < 0
             or c.flags() & QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent]
    for child in below:
        _paint_tree(painter, child, base)
    _paint_item(painter, item, base, item.boundingRect())
    for child in children:
        if child not in below:
            _paint_tree(painter, child, base)


def _paint_item(painter: QPainter, item: QGraphicsItem, base: QTransform, exposed: QRectF) -> None:
    option = QStyleOptionGraphicsItem()
    option.exposedRect = exposed
    if item.isSelected():
        option.state |= QStyle.StateFlag.State_Selected
    painter.save()
    painter.setTransform(item.sceneTransform() * base)
    painter.setOpacity(item.effectiveOpacity())
    item.paint(painter, option, None)
    painter.restore()
