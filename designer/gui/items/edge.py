"""An edge on the canvas: a line between two nodes, styled by kind, with an optional label."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem

from designer.gui.items import style
from designer.gui.items.base import EDGE_TYPE, NodeItemBase, mark_overview_stale

ARROW = 10.0
_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
          | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
Z_EDGES = 1_000_000.0  # above every frame and resource, whatever their nesting


class EdgeItem(QGraphicsItem):
    """A dumb view of one edge; the scene gives it its ends' scene rectangles."""

    def __init__(self, edge_id: str, kind: str, text: str = "") -> None:
        super().__init__()
        self.edge_id = edge_id
        self.kind = kind
        # Given here rather than by set_display: thousands of edges are built when a design
        # opens, and their bounds are computed once, when set_ends places the line.
        self.text = text
        self.severity: str | None = None
        self.line = QLineF()
        self._length = 0.0
        self._bounds = QRectF()
        self._label_box = QRectF()  # where the caption sits, kept with the line
        self._label_size = _measure(text)  # measured once per text, not per frame
        self._arrow: QPolygonF | None = None
        self._tooltip = ""
        self.setFlags(_FLAGS)  # selectable; paint gets the exposed rectangle
        self.setZValue(Z_EDGES)

    def type(self) -> int:  # noqa: A003 - Qt's name
        return EDGE_TYPE

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        super().setVisible(visible)
        mark_overview_stale(self)  # the zoomed-out overview draws connections itself

    def setOpacity(self, opacity: float) -> None:  # noqa: N802 - Qt's name
        super().setOpacity(opacity)
        mark_overview_stale(self)

    def set_display(self, kind: str, text: str) -> None:
        if (kind, text) != (self.kind, self.text):
            self.prepareGeometryChange()
            self.kind, self.text = kind, text
            self._label_size = _measure(text)
            self._bounds = self._compute_bounds()
            self.update()

    def set_problem(self, severity: str | None, tooltip: str) -> None:
        if severity != self.severity:
            self.severity = severity
            self.update()
        if tooltip != self._tooltip:  # most edges have none: skip thousands of Qt calls
            self._tooltip = tooltip
            self.setToolTip(tooltip)

    def set_ends(self, source: QRectF, target: QRectF) -> None:
        """Route the line between two scene rectangles, from border to border."""
        line = _connect(source, target)
        if line != self.line:
            self.prepareGeometryChange()
            self.line = line
            self._length = line.length()
            self._arrow = None
            self._bounds = self._compute_bounds()
            self.update()

    def _set_bounds(self, rect: QRectF) -> QRectF:
        return rect

    # ------------------------------------------------------------------ geometry
    def _label_rect(self) -> QRectF:
        if not self.text:
            return QRectF()
        width, height = self._label_size
        mid = self.line.center()
        return QRectF(mid.x() - width / 2, mid.y() - height / 2, width, height)

    def _compute_bounds(self) -> QRectF:
        # Plain floats, one QRectF out (the same numbers as QRectF.united): every edge is
        # measured when a design opens.
        line = self.line
        x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
        pad = ARROW + 4
        left, top = min(x1, x2) - pad, min(y1, y2) - pad
        width, height = abs(x2 - x1) + 2 * pad, abs(y2 - y1) + 2 * pad
        if not self.text:
            self._label_box = QRectF()
            return self._set_bounds(QRectF(left, top, width, height))
        label_w, label_h = self._label_size
        lx, ly = (x1 + x2) / 2 - label_w / 2, (y1 + y2) / 2 - label_h / 2
        self._label_box = QRectF(lx, ly, label_w, label_h)
        right, bottom = max(left + width, lx + label_w), max(top + height, ly + label_h)
        left, top = min(left, lx), min(top, ly)
        return self._set_bounds(QRectF(left, top, right - left, bottom - top))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line.p1())
        path.lineTo(self.line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        shape = stroker.createStroke(path)
        if self.text:
            shape.addRect(self._label_rect())
        return shape

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._length < 1:
            return
        lod = NodeItemBase.lod(painter)
        colour = self.paint_line(painter, option.exposedRect, lod)
        self.paint_head(painter, colour, lod)
        if self.text and lod >= style.LOD_TEXT:
            painter.setFont(_label_font())
            self.paint_caption(painter, colour)

    def colour(self) -> QColor:
        """The line's colour: its kind's, its problem's, or the selection's."""
        if self.isSelected():
            return style.SELECTION
        colour = style.SEVERITY_COLOURS.get(self.severity) if self.severity else None
        return colour if colour is not None else style.edge_style(self.kind).colour

    def paint_line(self, painter: QPainter, exposed: QRectF, lod: float) -> QColor:
        """Stroke the part of the line inside `exposed`; returns the colour it used."""
        look = style.edge_style(self.kind)
        colour = self.colour()
        pen = _pen(colour, look.width + (1.0 if self.isSelected() else 0.0), look.pen_style, lod < 1)
        painter.setRenderHint(_ANTIALIASING)
        # Stroke only the part of the line that is exposed: dashing a long line is costly.
        if exposed.contains(self._bounds):
            line, skipped = self.line, 0.0
        else:
            line, skipped = _clip(self.line, exposed.adjusted(-6, -6, 6, 6))
        if line is not None:
            if skipped and look.pen_style != _SOLID:
                pen = QPen(pen)
                # Dashes stay put when clipped; a cosmetic pen dashes in device pixels.
                device = skipped * lod if pen.isCosmetic() else skipped
                pen.setDashOffset(device / max(pen.widthF(), 1.0))
            painter.setPen(pen)
            if look.double:
                normal = self.line.normalVector().unitVector()
                dx, dy = (normal.dx() * 2.2, normal.dy() * 2.2)
                painter.drawLine(line.translated(dx, dy))
                painter.drawLine(line.translated(-dx, -dy))
            else:
                painter.drawLine(line)
        return colour

    def paint_head(self, painter: QPainter, colour: QColor, lod: float) -> None:
        """The arrow head at the target end (none for undirected kinds, or far out)."""
        if style.edge_style(self.kind).arrow and lod >= style.LOD_ICONS:  # far out, heads are noise
            if self._arrow is None:
                self._arrow = _arrow_head(self.line)
            rgba = colour.rgba()
            painter.setPen(_arrow_pen(rgba))
            painter.setBrush(_brush(rgba))
            painter.drawPolygon(self._arrow)

    def paint_caption(self, painter: QPainter, colour: QColor) -> None:
        """The caption on its white box; the painter already has the caption font."""
        rect = self._label_box
        painter.setPen(_NO_PEN)
        painter.setBrush(_LABEL_BACKGROUND)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(colour if self.kind != "traffic" else style.TEXT)
        if painter.worldTransform().type() in _UNSCALED:
            # Unscaled (100 %): the glyphs drawText would draw, laid out once per text.
            width, height = _text_size(self.text)
            painter.drawStaticText(QPointF(rect.x() + (rect.width() - width) / 2,
                                           rect.y() + (rect.height() - height) / 2), _static_text(self.text))
        else:
            painter.drawText(rect, _CENTRE, self.text)


def paint_edges(painter: QPainter, edges: list[EdgeItem], exposed: QRectF) -> None:
    """Paint many edges (scene coordinates) with one setup: lines, then heads, then captions."""
    lod = NodeItemBase.lod(painter)
    drawn = []
    for edge in edges:
        if edge._length >= 1:
            painter.setOpacity(edge.effectiveOpacity())
            drawn.append((edge, edge.paint_line(painter, exposed, lod)))
    for edge, colour in drawn:
        painter.setOpacity(edge.effectiveOpacity())
        edge.paint_head(painter, colour, lod)
    if lod < style.LOD_TEXT:
        return
    painter.setFont(_label_font())  # once for every caption, not once per caption
    for edge, colour in drawn:
        if edge.text:
            painter.setOpacity(edge.effectiveOpacity())
            edge.paint_caption(painter, colour)


_ANTIALIASING = QPainter.RenderHint.Antialiasing
_SOLID = Qt.PenStyle.SolidLine
_NO_PEN = Qt.PenStyle.NoPen
_CENTRE = Qt.AlignmentFlag.AlignCenter
_LABEL_BACKGROUND = QBrush(QColor(255, 255, 255, 230))
_UNSCALED = (QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate)


def _pen(colour: QColor, width: float, pen_style: Qt.PenStyle, cosmetic: bool) -> QPen:
    """The line's pen (flat caps; cosmetic when zoomed out), built once per look."""
    return _line_pen(colour.rgba(), width, pen_style, cosmetic)


@cache
def _line_pen(rgba: int, width: float, pen_style: Qt.PenStyle, cosmetic: bool) -> QPen:
    # Hundreds of edges paint per frame: build each distinct pen once.
    pen = QPen(QColor.fromRgba(rgba), width, pen_style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setCosmetic(cosmetic)
    return pen


@cache
def _arrow_pen(rgba: int) -> QPen:
    return QPen(QColor.fromRgba(rgba), 1.0)


@cache
def _brush(rgba: int) -> QBrush:
    return QBrush(QColor.fromRgba(rgba))


@cache
def _label_font() -> QFont:
    return style.font(style.LABEL_FONT_PX - 1)


def _clip(line: QLineF, rect: QRectF) -> tuple[QLineF | None, float]:
    """The part of `line` inside `rect` (Liang-Barsky) and how far along it starts."""
    x0, y0, dx, dy = line.x1(), line.y1(), line.dx(), line.dy()
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - rect.left()), (dx, rect.right() - x0),
                 (-dy, y0 - rect.top()), (dy, rect.bottom() - y0)):
        if p == 0:
            if q < 0:
                return None, 0.0
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None, 0.0
    if t0 == 0.0 and t1 == 1.0:
        return line, 0.0
    return QLineF(line.pointAt(t0), line.pointAt(t1)), t0 * line.length()


_METRICS: list[QFontMetricsF] = []


@cache
def _measure(text: str) -> tuple[float, float]:
    """A label's box (with padding) in the edge label font."""
    if not text:
        return (0.0, 0.0)
    if not _METRICS:
        _METRICS.append(QFontMetricsF(style.font(style.LABEL_FONT_PX - 1)))
    metrics = _METRICS[0]
    return (metrics.horizontalAdvance(text) + 8.0, metrics.height() + 2.0)


def _text_size(text: str) -> tuple[float, float]:
    """A caption's own width and height (without the box's padding)."""
    width, height = _measure(text)
    return width - 8.0, height - 2.0


@cache
def _static_text(text: str) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    return static


def _arrow_head(line: QLineF) -> QPolygonF:
    angle = math.atan2(-line.dy(), line.dx())
    tip = line.p2()
    left = tip - QPointF(math.sin(angle + math.pi / 3) * ARROW, math.cos(angle + math.pi / 3) * ARROW)
    right = tip - QPointF(math.sin(angle + math.pi - math.pi / 3) * ARROW,
                          math.cos(angle + math.pi - math.pi / 3) * ARROW)
    return QPolygonF([tip, left, right])


def _border_point(rect: tuple[float, float, float, float], tx: float, ty: float) -> tuple[float, float]:
    """Where the ray from the rectangle's (x, y, w, h) centre towards (tx, ty) leaves it."""
    x, y, w, h = rect
    cx, cy = x + w / 2, y + h / 2
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    sx = (w / 2) / abs(dx) if dx else math.inf
    sy = (h / 2) / abs(dy) if dy else math.inf
    t = min(sx, sy)
    return cx + dx * t, cy + dy * t


def _contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    """QRectF.contains(QRectF) for non-empty rectangles given as (x, y, w, h)."""
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    if ow <= 0 or oh <= 0 or iw <= 0 or ih <= 0:
        return False
    return ox <= ix and ix + iw <= ox + ow and oy <= iy and iy + ih <= oy + oh


def _connect(source: QRectF, target: QRectF) -> QLineF:
    """A line between two rectangles; a container linked to its own content starts at its header."""
    # Plain floats, not QPointF arithmetic: thousands of edges are routed when a design opens.
    src, dst = source.getRect(), target.getRect()
    if _contains(src, dst):
        sx, sy = src[0] + src[2] - 18.0, src[1] + style.FRAME_HEADER / 2
        return QLineF(sx, sy, *_border_point(dst, sx, sy))
    if _contains(dst, src):
        ex, ey = dst[0] + dst[2] - 18.0, dst[1] + style.FRAME_HEADER / 2
        return QLineF(*_border_point(src, ex, ey), ex, ey)
    sc = (src[0] + src[2] / 2, src[1] + src[3] / 2)
    dc = (dst[0] + dst[2] / 2, dst[1] + dst[3] / 2)
    return QLineF(*_border_point(src, *dc), *_border_point(dst, *sc))
