"""The zoomed-out canvas (level of detail): frames with their node counts, drawn in one replay.

Below `OVERVIEW_ZOOM` the view stops asking every item to paint itself: a 10,000-resource
design has about 28,000 items, and one Python paint call each cannot fit in a 16 ms frame.
Instead the view replays an `Overview`: the frames in their AWS group colours (with the
outline of their problems), the nodes that sit on the empty canvas as coloured tiles, and
the connections between those, recorded once into QPictures (runs of CHUNK frames, each
with its bounds, so a view that shows a part of the design replays only that part); each
frame's label and how many nodes it holds are drawn on top at a readable size. Resources inside frames, and
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
CHUNK = 24  # drawings per recorded picture at most (a big frame's own drawing aside)
STROKE_PX = 3.0  # how far a cosmetic outline (2.5 px at most) may reach outside its rectangle


class _Recorder:
    """Records drawings, in order, into consecutive QPictures, each with the bounds of what it holds."""

    def __init__(self) -> None:
        self.chunks: list[tuple[QRectF, QPicture]] = []
        self.count = 0  # drawings in the open picture
        self.holds_groups = False  # the open picture holds whole small subtrees (see Overview._emit)
        self._painter = QPainter()
        self._picture: QPicture | None = None
        self._bounds = QRectF()

    def painter(self) -> QPainter:
        """The painter of the open picture (a new one is opened if none is)."""
        if self._picture is None:
            self._picture, self._bounds, self.count = QPicture(), QRectF(), 0
            self._painter.begin(self._picture)
            self._painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        return self._painter

    def drew(self, rect: QRectF) -> None:
        """One drawing was made within `rect` (scene coordinates)."""
        self._bounds = self._bounds.united(rect) if self.count else QRectF(rect)
        self.count += 1

    def cut(self) -> None:
        """Close the open picture: the next drawing starts another."""
        if self._picture is not None:
            self._painter.end()
            if self.count:
                self.chunks.append((self._bounds, self._picture))
            self._picture, self.count = None, 0

    def finish(self) -> list[tuple[QRectF, QPicture]]:
        self.cut()
        return self.chunks


def _painting_order(items) -> list:
    """Items in the order the overview has always drawn them (z ascending, ties last-first)."""
    return list(reversed(sorted(items, key=lambda i: i.zValue(), reverse=True)))


class Overview:
    """A scene's low-detail drawing, rebuilt lazily after `invalidate()`."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self._picture: list[tuple[QRectF, QPicture]] | None = None  # (bounds, drawing) in order
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
        recorder = _Recorder()
        labels: list[tuple[QRectF, tuple[str, str], QColor, float, float]] = []
        drawn: set[str] = set()
        # Painter's order, as the scene stacks them: each frame before what it holds.
        roots = _painting_order(self.scene.top_level_items())
        children: dict[FrameItem, list[FrameItem]] = {}
        sizes: dict[NodeItemBase, int] = {}
        for root in roots:
            self._measure(root, children, sizes)
        for root in roots:
            self._emit(root, recorder, children, sizes, labels, drawn)
        recorder.cut()
        self._drawn_edges = self._draw_edges(recorder, drawn)
        self._picture, self._labels = recorder.finish(), labels

    def _measure(self, item: NodeItemBase, children: dict, sizes: dict) -> int:
        """How many drawings `item` and the frames inside it make (filling `children` on the way)."""
        size = 1
        if isinstance(item, FrameItem):
            inside = children[item] = _painting_order(c for c in item.childItems() if isinstance(c, FrameItem))
            size += sum(self._measure(child, children, sizes) for child in inside)
        sizes[item] = size
        return size

    def _emit(self, item: NodeItemBase, recorder: _Recorder, children: dict, sizes: dict,
              labels: list, drawn: set[str]) -> None:
        """Draw `item` and what it holds. A small subtree goes whole into one picture (shared with
        its small neighbours), so the picture's bounds are about its frame's; a big frame draws
        itself, then its children in groups."""
        if not item.isVisible():
            return
        size = sizes[item]
        if size <= CHUNK:
            if not recorder.holds_groups or recorder.count + size > CHUNK:
                recorder.cut()
                recorder.holds_groups = True
            self._draw_subtree(item, recorder, children, labels, drawn)
            return
        if recorder.holds_groups:
            recorder.cut()
            recorder.holds_groups = False
        recorder.drew(self._draw_frame(recorder.painter(), item, labels, children[item]))  # big: a frame
        drawn.add(item.node_id)
        for child in children[item]:
            self._emit(child, recorder, children, sizes, labels, drawn)

    def _draw_subtree(self, item: NodeItemBase, recorder: _Recorder, children: dict,
                      labels: list, drawn: set[str]) -> None:
        if not item.isVisible():
            return
        if isinstance(item, FrameItem):
            recorder.drew(self._draw_frame(recorder.painter(), item, labels, children[item]))
            drawn.add(item.node_id)
            for child in children[item]:
                self._draw_subtree(child, recorder, children, labels, drawn)
        elif isinstance(item, ResourceItem):
            recorder.drew(self._draw_tile(recorder.painter(), item))
            drawn.add(item.node_id)

    @staticmethod
    def _draw_frame(painter: QPainter, item: FrameItem, labels: list, inside: list[FrameItem]) -> QRectF:
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
        for child in inside:
            gap = child.mapRectToScene(child.rect()).top() - rect.top()
            need.append(1.5 * LABEL_PX / gap if gap > 0 else float("inf"))
        labels.append((rect, (item.text, count), look.text, opacity, max(need)))
        return rect

    @staticmethod
    def _draw_tile(painter: QPainter, item: ResourceItem) -> QRectF:
        painter.setOpacity(item.effectiveOpacity())
        painter.fillRect(item.mapRectToScene(item.icon_rect()), tile_colour(item.kind))
        rect = item.scene_rect()
        _outline_problem(painter, item, rect)
        return rect

    def _draw_edges(self, recorder: _Recorder, drawn_nodes: set[str]) -> set[str]:
        """Connections whose two ends are drawn (Region to Region, VPC to VPC…)."""
        design = self.scene.design
        out: set[str] = set()
        # Only the connections of drawn nodes can qualify (a few, of 17,000 at N=10,000).
        touching = {eid for nid in drawn_nodes for eid in design.edge_ids_of(nid)}
        for item in self.scene.edge_items():
            if item.edge_id not in touching:
                continue
            edge = design.get_edge(item.edge_id)
            if edge is None or edge.source not in drawn_nodes or edge.target not in drawn_nodes:
                continue
            if not item.isVisible() or item.line.length() < 1:
                continue
            look = style.edge_style(item.kind)
            colour = style.SEVERITY_COLOURS.get(item.severity or "", look.colour)
            pen = QPen(colour, 1.5, look.pen_style)
            pen.setCosmetic(True)
            painter = recorder.painter()
            painter.setOpacity(item.effectiveOpacity())
            painter.setPen(pen)
            painter.drawLine(item.line)
            recorder.drew(QRectF(item.line.p1(), item.line.p2()).normalized().adjusted(-1, -1, 1, 1))
            if recorder.count >= CHUNK:
                recorder.cut()
            out.add(item.edge_id)
        return out

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, exposed: QRectF, zoom: float, selection: bool = True) -> None:
        """Draw the overview; `painter` maps scene coordinates, `exposed` is in the scene."""
        self._ensure()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = STROKE_PX / max(zoom, 1e-6)
        area = exposed.adjusted(-margin, -margin, margin, margin)
        for bounds, picture in self._picture:
            if bounds.intersects(area):  # the same drawings, in the same order, minus the unseen
                painter.drawPicture(0, 0, picture)
        self._paint_labels(painter, exposed, zoom)
        if selection:
            self.paint_selection(painter, zoom)
        painter.restore()

    def paint_plain(self, painter: QPainter) -> None:
        """The frames, tiles and connections alone (the minimap: labels would be specks)."""
        self._ensure()
        for _bounds, picture in self._picture:
            painter.drawPicture(0, 0, picture)

    def _paint_labels(self, painter: QPainter, exposed: QRectF, zoom: float) -> None:
        size = LABEL_PX / max(zoom, 1e-3)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if self._shown is None or self._shown[0] != zoom:
            self._shown = (zoom, {})  # elided texts at this zoom, kept while only panning
        elided = self._shown[1]
        metrics = _metrics()  # the label font at its on-screen size: widths in pixels
        # In device pixels with a 12-px font: glyphs come from the glyph cache, whereas a
        # 600-unit font scaled down to 12 px is drawn glyph by glyph as outlines.
        transform = painter.transform()
        painter.resetTransform()
        painter.setFont(_font(LABEL_PX))
        pad_x, pad_y = LABEL_PX / 2, LABEL_PX / 4
        for index, (rect, (name, count), colour, opacity, from_zoom) in enumerate(self._labels):
            if zoom < from_zoom or not rect.intersects(exposed):
                continue
            text = elided.get(index)
            if text is None:
                room = (rect.width() - size) * zoom - metrics.horizontalAdvance(count)
                text = elided[index] = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(room, 0.0)) + count
            painter.setOpacity(opacity)
            painter.setPen(colour)
            painter.drawText(transform.mapRect(rect).adjusted(pad_x, pad_y, -pad_x, 0), flags, text)
        painter.setTransform(transform)

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
