"""The zoomed-out canvas (level of detail): frames with their node counts, drawn in one replay.

Below `OVERVIEW_ZOOM` the view stops asking every item to paint itself: a 10,000-resource
design has about 28,000 items, and one Python paint call each cannot fit in a 16 ms frame.
Instead the view replays an `Overview`: the frames in their AWS group colours (with the
outline of their problems), the nodes that sit on the empty canvas as coloured tiles, and
the connections between those, recorded once into a QPicture; each frame's label and how
many nodes it holds are drawn on top at a readable size. Resources inside frames, and
their connections, give way to those counts.

The items stay in the scene, so selection, hit tests, undo and exports work as before;
the scene marks the overview stale after anything that changes what it shows, and it is
rebuilt on the next paint that needs it. The minimap draws the same overview.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPicture

from designer.gui.items import EdgeItem, FrameItem, NodeItemBase, ResourceItem, style
from designer.gui.items.resource import tile_colour

OVERVIEW_ZOOM = style.LOD_ICONS  # below this zoom the view draws the overview
LABEL_PX = 12.0  # frame labels keep this on-screen size whatever the zoom


class Overview:
    """A scene's low-detail drawing, rebuilt lazily after `invalidate()`."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self._picture: QPicture | None = None
        self._labels: list[tuple[QRectF, tuple[str, str], QColor, float, float]] = []
        self._drawn_edges: set[str] = set()
        self._selection: list[QRectF] | None = None
        self._shown: tuple[float, dict[int, str]] | None = None  # (zoom, elided label texts)
        self.revision = 0  # bumped by every change, so views know their cached drawing is old
        self.builds = 0  # how many times it was rebuilt (tests check that it is lazy)

    # ------------------------------------------------------------------ state
    def invalidate(self) -> None:
        """Something the overview shows changed: rebuild before the next paint."""
        self._picture = None
        self._selection = None
        self._shown = None
        self.revision += 1

    def invalidate_selection(self) -> None:
        self._selection = None

    def draws(self, item) -> bool:
        """Whether `item` appears in the overview (what a click there can grab)."""
        self._ensure()
        if isinstance(item, FrameItem):
            return True
        if isinstance(item, NodeItemBase):
            return item.parentItem() is None
        if isinstance(item, EdgeItem):
            return item.edge_id in self._drawn_edges
        return False

    # ------------------------------------------------------------------ building
    def _ensure(self) -> None:
        if self._picture is None:
            self._build()

    def _build(self) -> None:
        self.builds += 1
        picture = QPicture()
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        labels: list[tuple[QRectF, tuple[str, str], QColor, float, float]] = []
        drawn: set[str] = set()
        # Painter's order, as the scene stacks them: each frame before what it holds.
        stack = sorted((i for i in self.scene.node_items() if i.parentItem() is None),
                       key=lambda i: i.zValue(), reverse=True)
        while stack:
            item = stack.pop()
            if not item.isVisible():
                continue
            if isinstance(item, FrameItem):
                self._draw_frame(painter, item, labels)
                drawn.add(item.node_id)
                children = [c for c in item.childItems() if isinstance(c, FrameItem)]
                stack.extend(sorted(children, key=lambda c: c.zValue(), reverse=True))
            elif isinstance(item, ResourceItem):
                self._draw_tile(painter, item)
                drawn.add(item.node_id)
        self._drawn_edges = self._draw_edges(painter, drawn)
        painter.end()
        self._picture, self._labels = picture, labels

    @staticmethod
    def _draw_frame(painter: QPainter, item: FrameItem, labels: list) -> None:
        look = style.frame_style(item.kind, item.props)
        pen = QPen(look.stroke, 2.0)
        pen.setCosmetic(True)
        if look.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        rect = item.scene_rect()
        opacity = item.effectiveOpacity()
        painter.setOpacity(opacity)
        painter.setPen(pen)
        painter.setBrush(QBrush(look.fill))
        painter.drawRect(rect)
        _outline_problem(painter, item, rect)
        count = f" ({item.count})" if item.count else ""
        # The label shows from the zoom where it fits (as FrameItem draws it when zoomed out)
        # and no frame inside covers it (as its fill would): 1.5 and 3 label heights of room.
        need = [1.5 * LABEL_PX / max(rect.height(), 1e-6), 3 * LABEL_PX / max(rect.width(), 1e-6)]
        for child in item.childItems():
            if isinstance(child, FrameItem):
                gap = child.mapRectToScene(child.rect()).top() - rect.top()
                need.append(1.5 * LABEL_PX / gap if gap > 0 else float("inf"))
        labels.append((rect, (item.text, count), look.text, opacity, max(need)))

    @staticmethod
    def _draw_tile(painter: QPainter, item: ResourceItem) -> None:
        painter.setOpacity(item.effectiveOpacity())
        painter.fillRect(item.mapRectToScene(item.icon_rect()), tile_colour(item.kind))
        _outline_problem(painter, item, item.scene_rect())

    def _draw_edges(self, painter: QPainter, drawn_nodes: set[str]) -> set[str]:
        """Connections whose two ends are drawn (Region to Region, VPC to VPC…)."""
        design = self.scene.design
        out: set[str] = set()
        for item in self.scene.edge_items():
            edge = design.get_edge(item.edge_id)
            if edge is None or edge.source not in drawn_nodes or edge.target not in drawn_nodes:
                continue
            if not item.isVisible() or item.line.length() < 1:
                continue
            look = style.edge_style(item.kind)
            colour = style.SEVERITY_COLOURS.get(item.severity or "", look.colour)
            pen = QPen(colour, 1.5, look.pen_style)
            pen.setCosmetic(True)
            painter.setOpacity(item.effectiveOpacity())
            painter.setPen(pen)
            painter.drawLine(item.line)
            out.add(item.edge_id)
        return out

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, exposed: QRectF, zoom: float, selection: bool = True) -> None:
        """Draw the overview; `painter` maps scene coordinates, `exposed` is in the scene."""
        self._ensure()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPicture(0, 0, self._picture)
        self._paint_labels(painter, exposed, zoom)
        if selection:
            self.paint_selection(painter, zoom)
        painter.restore()

    def paint_plain(self, painter: QPainter) -> None:
        """The frames, tiles and connections alone (the minimap: labels would be specks)."""
        self._ensure()
        painter.drawPicture(0, 0, self._picture)

    def _paint_labels(self, painter: QPainter, exposed: QRectF, zoom: float) -> None:
        size = LABEL_PX / max(zoom, 1e-3)
        painter.setFont(_font(round(size, 1)))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if self._shown is None or self._shown[0] != zoom:
            self._shown = (zoom, {})  # elided texts at this zoom, kept while only panning
        elided = self._shown[1]
        metrics = _metrics()  # the label font at its on-screen size: widths in pixels
        for index, (rect, (name, count), colour, opacity, from_zoom) in enumerate(self._labels):
            if zoom < from_zoom or not rect.intersects(exposed):
                continue
            text = elided.get(index)
            if text is None:
                room = (rect.width() - size) * zoom - metrics.horizontalAdvance(count)
                text = elided[index] = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(room, 0.0)) + count
            painter.setOpacity(opacity)
            painter.setPen(colour)
            painter.drawText(rect.adjusted(size / 2, size / 4, -size / 2, 0), flags, text)

    def paint_selection(self, painter: QPainter, zoom: float) -> None:
        """Dashed outlines around the selected nodes and edges (drawn live, never cached)."""
        if self._selection is None:
            self._selection = [i.scene_rect() if isinstance(i, NodeItemBase) else i.sceneBoundingRect()
                               for i in self.scene.selectedItems()]
        if not self._selection:
            return
        pen = QPen(style.SELECTION, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setOpacity(1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        grow = 3.0 / max(zoom, 1e-3)
        painter.drawRects([r.adjusted(-grow, -grow, grow, grow) for r in self._selection])


def _outline_problem(painter: QPainter, item: NodeItemBase, rect: QRectF) -> None:
    """A red or amber outline for an error or a warning (information has none)."""
    if item.severity not in ("error", "warning"):
        return
    pen = QPen(style.SEVERITY_COLOURS[item.severity], 2.5)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


@cache
def _font(pixel_size: float) -> QFont:
    return style.font(pixel_size, bold=True)


@cache
def _metrics() -> QFontMetricsF:
    return QFontMetricsF(style.font(LABEL_PX, bold=True))
