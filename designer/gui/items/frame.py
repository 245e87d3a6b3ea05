"""A container on the canvas (Region, VPC, AZ, subnet) drawn as an AWS group frame."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from designer.gui.icons import draw_icon
from designer.gui.items import style
from designer.gui.items.base import FRAME_TYPE, NodeItemBase

# Resize handles: name -> (x factor, y factor) of the frame's width and height.
HANDLES: dict[str, tuple[float, float]] = {
    "top_left": (0, 0), "top": (0.5, 0), "top_right": (1, 0), "right": (1, 0.5),
    "bottom_right": (1, 1), "bottom": (0.5, 1), "bottom_left": (0, 1), "left": (0, 0.5),
}
MIN_FRAME = (120.0, 80.0)


class FrameItem(NodeItemBase):
    """A group frame: stroke and fill in the AWS group colours, icon top-left, label beside."""

    is_frame = True

    def __init__(self, node_id: str, kind: str) -> None:
        super().__init__(node_id, kind)
        self.count = 0  # descendants, shown when zoomed far out
        self.setZValue(0.0)


    def type(self) -> int:  # noqa: A003 - Qt's name
        return FRAME_TYPE

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.update()

    def compute_bounds(self) -> QRectF:
        m = max(self.problem_margin(), style.HANDLE)
        return self.rect().adjusted(-m, -m, m, m)

    def shape(self) -> QPainterPath:
        """The frame's rectangle, plus room for the resize handles when selected."""
        path = QPainterPath()
        grow = style.HANDLE if self.isSelected() else 0.0
        path.addRect(self.rect().adjusted(-grow, -grow, grow, grow))
        return path

    def connect_points(self) -> list[QPointF]:
        # One handle at the right end of the header, clear of the resize handles.
        return [QPointF(self.w - 18.0, style.FRAME_HEADER / 2)]

    # ------------------------------------------------------------------ resize handles
    def handle_rects(self, scale: float) -> dict[str, QRectF]:
        """The resize handles (item coordinates) at a view scale, so they stay 8 px wide."""
        side = style.HANDLE / max(scale, 1e-6)
        return {name: QRectF(fx * self.w - side / 2, fy * self.h - side / 2, side, side)
                for name, (fx, fy) in HANDLES.items()}

    def handle_at(self, pos: QPointF, scale: float) -> str | None:
        """The resize handle under `pos` (item coordinates), if the frame is selected."""
        if not self.isSelected():
            return None
        for name, rect in self.handle_rects(scale).items():
            if rect.adjusted(-2 / scale, -2 / scale, 2 / scale, 2 / scale).contains(pos):
                return name
        return None

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = self.lod(painter)
        look = style.frame_style(self.kind, self.props)
        pen = QPen(look.stroke, 2.0)
        if lod < 1:
            pen.setCosmetic(True)  # keep the frame visible when zoomed out
        if look.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(look.fill))
        painter.drawRect(self.rect())
        if lod < style.LOD_ICONS:
            self._paint_overview(painter, look.text, lod)
        else:
            self._paint_header(painter, look.stroke, look.text, lod)
        self.paint_selection(painter, lod)
        if self.isSelected():
            self._paint_handles(painter, lod)
        self.paint_problem(painter, lod)
        self.paint_connect_handles(painter, lod)

    def _paint_header(self, painter: QPainter, stroke: QColor, text_colour: QColor, lod: float) -> None:
        side = style.FRAME_HEADER
        icon = QRectF(0.0, 0.0, side, side)
        pixels = int(side * min(max(lod, 1.0), 4.0) * 2)
        pixels = 64 if pixels <= 64 else 128 if pixels <= 128 else 256
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        draw_icon(painter, icon, self.kind, pixels, self.props)
        label_font = style.font(style.FRAME_FONT_PX, bold=True)
        metrics = _metrics(style.FRAME_FONT_PX, True)
        space = self.w - side - 16.0
        if space <= 10:
            return
        text_rect = QRectF(side + 8.0, 0.0, space, side)
        painter.setPen(text_colour)
        if metrics.horizontalAdvance(self.text) > space:
            # A narrow frame: the label wraps onto two smaller lines instead of being cut.
            small = style.font(style.FRAME_FONT_PX - 2, bold=True)
            painter.setFont(small)
            text = _two_lines(self.text, _metrics(style.FRAME_FONT_PX - 2, True), space)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            return
        painter.setFont(label_font)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text)
        if self.detail:
            used = metrics.horizontalAdvance(self.text) + 10.0
            small = style.font(style.FRAME_FONT_PX - 1)
            rest = space - used
            if rest > 30:
                painter.setFont(small)
                painter.setPen(style.MUTED)
                detail = _metrics(style.FRAME_FONT_PX - 1, False).elidedText(self.detail, Qt.TextElideMode.ElideRight, rest)
                painter.drawText(text_rect.adjusted(used, 0, 0, 0),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, detail)

    def _paint_overview(self, painter: QPainter, text_colour: QColor, lod: float) -> None:
        """Far out: the frame's label and how many nodes it holds, at a readable size."""
        size = 12.0 / max(lod, 1e-3)
        if size * 1.5 > self.h or size * 3 > self.w:
            return
        painter.setFont(style.font(size, bold=True))
        painter.setPen(text_colour)
        text = f"{self.text} ({self.count})" if self.count else self.text
        painter.drawText(self.rect().adjusted(size / 2, size / 4, -size / 2, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)

    def _paint_handles(self, painter: QPainter, lod: float) -> None:
        pen = QPen(style.SELECTION, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor("#FFFFFF")))
        for rect in self.handle_rects(lod).values():
            painter.drawRect(rect)


def _two_lines(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` broken at a space (or anywhere) into at most two lines that fit `width`."""
    words = text.split(" ")
    first = ""
    for i, word in enumerate(words):
        candidate = f"{first} {word}" if first else word
        if metrics.horizontalAdvance(candidate) > width:
            if not first:  # one long word: cut by characters
                cut = len(word)
                while cut > 1 and metrics.horizontalAdvance(word[:cut]) > width:
                    cut -= 1
                first, rest = word[:cut], " ".join([word[cut:], *words[i + 1:]])
            else:
                rest = " ".join(words[i:])
            return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        first = candidate
    return first


@cache
def _metrics(pixel_size: float, bold: bool) -> QFontMetricsF:
    # Measuring is asked on every paint of every frame: one QFontMetricsF per font.
    return QFontMetricsF(style.font(pixel_size, bold=bold))
