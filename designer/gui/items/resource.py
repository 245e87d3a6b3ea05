"""A resource on the canvas: its AWS icon with the label below."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QTextOption
from PySide6.QtWidgets import QGraphicsItem

from designer.gui.icons import draw_icon
from designer.gui.items import style
from designer.gui.items.base import NodeItemBase

LABEL_OVERHANG = 12.0  # labels may be wider than the icon box, as in AWS diagrams
LABEL_LINES = 3


class ResourceItem(NodeItemBase):
    """An EC2, RDS, S3… node: icon centred at the top, label (and detail) below."""

    def __init__(self, node_id: str, kind: str) -> None:
        super().__init__(node_id, kind)
        # Resources are small and numerous: cache their rendering per device resolution.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1.0)

    def compute_bounds(self) -> QRectF:
        m = self.problem_margin()
        return QRectF(-LABEL_OVERHANG, -m, self.w + 2 * LABEL_OVERHANG, self.h + m + 30.0)

    def shape(self) -> QPainterPath:
        """The node's box: what clicks and rubber bands hit (not the label overhang)."""
        path = QPainterPath()
        path.addRect(self.rect())
        return path

    def icon_rect(self) -> QRectF:
        size = min(style.RESOURCE_ICON, self.w - 8, self.h - 30)
        size = max(size, 12.0)
        return QRectF((self.w - size) / 2, 4.0, size, size)

    def label_rect(self) -> QRectF:
        top = self.icon_rect().bottom() + 3.0
        return QRectF(-LABEL_OVERHANG, top, self.w + 2 * LABEL_OVERHANG, self.h - top + 30.0)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = self.lod(painter)
        if lod < style.LOD_ICONS:
            # Far out: a plain coloured tile stands in for the icon; no text.
            painter.fillRect(self.icon_rect(), tile_colour(self.kind))
            self.paint_problem(painter, lod)
            return
        icon = self.icon_rect()
        pixels = int(icon.width() * min(max(lod, 1.0), 4.0) * 2)  # crisp on HiDPI and zoom
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        draw_icon(painter, icon, self.kind, _bucket(pixels), self.props)
        if lod >= style.LOD_TEXT:
            self._paint_label(painter)
        self.paint_selection(painter, lod)
        self.paint_problem(painter, lod)
        self.paint_connect_handles(painter, lod)

    def _paint_label(self, painter: QPainter) -> None:
        rect = self.label_rect()
        font = style.font(style.LABEL_FONT_PX)
        painter.setFont(font)
        painter.setPen(style.TEXT)
        metrics = _metrics(style.LABEL_FONT_PX)
        text = _elide_lines(self.text, metrics, rect.width(), LABEL_LINES - (1 if self.detail else 0))
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        painter.drawText(rect, text, option)
        if self.detail:
            lines = text.count("\n") + 1
            detail_rect = rect.adjusted(0, lines * metrics.lineSpacing(), 0, 0)
            small = style.font(style.LABEL_FONT_PX - 2)
            painter.setFont(small)
            painter.setPen(style.MUTED)
            detail = _metrics(style.LABEL_FONT_PX - 2).elidedText(self.detail, Qt.TextElideMode.ElideRight,
                                                     rect.width())
            painter.drawText(detail_rect, detail, QTextOption(Qt.AlignmentFlag.AlignHCenter))


def _bucket(pixels: int) -> int:
    """Round pixmap sizes to a few buckets so the cache holds few renditions."""
    for size in (32, 48, 64, 96, 128, 192, 256, 384):
        if pixels <= size:
            return size
    return 512


def _elide_lines(text: str, metrics: QFontMetricsF, width: float, lines: int) -> str:
    """Break `text` into at most `lines` lines that fit `width`, eliding the last one."""
    words = text.split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1:])]
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out)


_TILE = {"compute": "#ED7100", "database": "#C925D1", "storage": "#7AA116",
         "networking": "#8C4FFF", "security": "#DD344C", "general": "#7D8998"}


@cache
def tile_colour(kind: str) -> QColor:
    """The plain tile that stands in for a kind's icon when zoomed far out (its category colour)."""
    from designer.catalogue import find_kind

    spec = find_kind(kind)
    return QColor(_TILE.get(spec.category if spec else "", "#7D8998"))


@cache
def _metrics(pixel_size: float) -> QFontMetricsF:
    # Labels are measured on every paint: one QFontMetricsF per font size.
    return QFontMetricsF(style.font(pixel_size))
