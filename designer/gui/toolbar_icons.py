"""Small line icons for the toolbar actions Qt's style has none for (zoom, fit, connect, export).

Drawn with QPainter at several sizes, so they stay crisp at any DPI and need no files or
icon theme (a bare Linux session under Xvfb has none).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

INK = QColor("#37474F")
ACCENT = QColor("#147EBA")
SIZES = (16, 24, 32, 48)


def _magnifier(p: QPainter, s: float, sign: str) -> None:
    p.setPen(QPen(INK, s * 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawEllipse(QRectF(s * 0.12, s * 0.12, s * 0.52, s * 0.52))
    p.drawLine(QPointF(s * 0.58, s * 0.58), QPointF(s * 0.88, s * 0.88))
    p.setPen(QPen(ACCENT, s * 0.08, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(s * 0.26, s * 0.38), QPointF(s * 0.50, s * 0.38))
    if sign == "+":
        p.drawLine(QPointF(s * 0.38, s * 0.26), QPointF(s * 0.38, s * 0.50))


def _fit(p: QPainter, s: float) -> None:
    p.setPen(QPen(INK, s * 0.08, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    a, b, c = s * 0.12, s * 0.34, s * 0.88
    for x, y, dx, dy in ((a, a, 1, 1), (c, a, -1, 1), (a, c, 1, -1), (c, c, -1, -1)):
        p.drawLine(QPointF(x, y), QPointF(x + dx * (b - a), y))
        p.drawLine(QPointF(x, y), QPointF(x, y + dy * (b - a)))
    p.setPen(QPen(ACCENT, s * 0.07))
    p.drawRect(QRectF(s * 0.34, s * 0.38, s * 0.32, s * 0.24))


def _connect(p: QPainter, s: float) -> None:
    p.setPen(QPen(INK, s * 0.07))
    p.drawRect(QRectF(s * 0.08, s * 0.08, s * 0.30, s * 0.30))
    p.drawRect(QRectF(s * 0.62, s * 0.62, s * 0.30, s * 0.30))
    p.setPen(QPen(ACCENT, s * 0.08, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(s * 0.38, s * 0.38), QPointF(s * 0.62, s * 0.62))
    p.drawLine(QPointF(s * 0.62, s * 0.62), QPointF(s * 0.62, s * 0.47))
    p.drawLine(QPointF(s * 0.62, s * 0.62), QPointF(s * 0.47, s * 0.62))


def _image(p: QPainter, s: float) -> None:
    p.setPen(QPen(INK, s * 0.07))
    p.drawRoundedRect(QRectF(s * 0.10, s * 0.18, s * 0.80, s * 0.64), s * 0.06, s * 0.06)
    p.setPen(QPen(ACCENT, s * 0.07, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.drawPolyline([QPointF(s * 0.18, s * 0.72), QPointF(s * 0.40, s * 0.46), QPointF(s * 0.56, s * 0.62),
                    QPointF(s * 0.66, s * 0.52), QPointF(s * 0.82, s * 0.72)])
    p.drawEllipse(QPointF(s * 0.68, s * 0.34), s * 0.06, s * 0.06)


PAINTERS: dict[str, Callable[[QPainter, float], None]] = {
    "zoom_in": lambda p, s: _magnifier(p, s, "+"),
    "zoom_out": lambda p, s: _magnifier(p, s, "-"),
    "fit": _fit,
    "connect": _connect,
    "export_png": _image,
}


@cache
def toolbar_icon(name: str) -> QIcon:
    """The drawn icon for a toolbar action name (an empty icon for an unknown name)."""
    paint = PAINTERS.get(name)
    icon = QIcon()
    if paint is None:
        return icon
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter, float(size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
