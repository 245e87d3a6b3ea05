"""What node items share: an id, a size, display data pushed by the scene, problem state."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from designer.gui.items import style

NODE_TYPE = QGraphicsItem.UserType + 1
FRAME_TYPE = QGraphicsItem.UserType + 2
EDGE_TYPE = QGraphicsItem.UserType + 3


class NodeItemBase(QGraphicsItem):
    """A dumb view of one node: it knows its id and what the scene told it to show."""

    is_frame = False

    def __init__(self, node_id: str, kind: str) -> None:
        super().__init__()
        self.node_id = node_id
        self.kind = kind
        self.text = ""
        self.detail = ""
        self.props: dict = {}
        self.w = 96.0
        self.h = 84.0
        self.severity: str | None = None
        self.hovered = False
        self.show_connect_handles = True
        self._bounds = QRectF()  # Qt asks for it very often: computed on change, not per call
        self._tooltip = ""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)

    # ------------------------------------------------------------------ set by the scene
    def set_display(self, kind: str, text: str, detail: str, props: dict) -> None:
        """Update what the item shows (kind, label text, detail line, props for variants)."""
        if (kind, text, detail, props) != (self.kind, self.text, self.detail, self.props):
            self.kind, self.text, self.detail, self.props = kind, text, detail, dict(props)
            self.update()

    def set_size(self, w: float, h: float) -> None:
        if (w, h) != (self.w, self.h):
            self.prepareGeometryChange()
            self.w, self.h = max(1.0, float(w)), max(1.0, float(h))
            self._bounds = self.compute_bounds()
            self.update()

    def set_problem(self, severity: str | None, tooltip: str) -> None:
        """Show (or clear) a red/amber outline and badge with the findings as tooltip."""
        if severity != self.severity:
            self.prepareGeometryChange()  # the badge sticks out of the rectangle
            self.severity = severity
            self._bounds = self.compute_bounds()
            self.update()
        if tooltip != self._tooltip:  # most nodes have none: skip thousands of Qt calls
            self._tooltip = tooltip
            self.setToolTip(tooltip)

    # ------------------------------------------------------------------ geometry
    def compute_bounds(self) -> QRectF:  # pragma: no cover - overridden
        return self.rect()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        if self._bounds.isNull():
            self._bounds = self.compute_bounds()
        return self._bounds

    def rect(self) -> QRectF:
        return QRectF(0.0, 0.0, self.w, self.h)

    def scene_rect(self) -> QRectF:
        """The node's rectangle in scene coordinates."""
        return self.mapRectToScene(self.rect())

    def connect_points(self) -> list[QPointF]:
        """Where a connection can be dragged from (item coordinates)."""
        return [QPointF(self.w, self.h / 2), QPointF(self.w / 2, 0.0),
                QPointF(0.0, self.h / 2), QPointF(self.w / 2, self.h)]

    def connect_handle_at(self, pos: QPointF, scale: float = 1.0) -> bool:
        """True when `pos` (item coordinates) is on a visible connect handle."""
        if not (self.hovered or self.isSelected()) or not self.show_connect_handles:
            return False
        radius = (style.CONNECT_RADIUS + 3.0) / max(scale, 1e-6)
        return any((p - pos).manhattanLength() <= radius * 1.5 for p in self.connect_points())

    def type(self) -> int:  # noqa: A003 - Qt's name
        return NODE_TYPE

    # Presentation steps hide items and the failure drill greys them: the zoomed-out
    # overview (drawn from a recording, not by the items) must hear of it.
    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        super().setVisible(visible)
        mark_overview_stale(self)

    def setOpacity(self, opacity: float) -> None:  # noqa: N802 - Qt's name
        super().setOpacity(opacity)
        mark_overview_stale(self)

    # ------------------------------------------------------------------ hover
    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    # ------------------------------------------------------------------ painting helpers
    @staticmethod
    def lod(painter: QPainter) -> float:
        return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())

    def paint_problem(self, painter: QPainter, lod: float) -> None:
        """Outline and badge in the severity colour (kept readable when zoomed out)."""
        if self.severity is None:
            return
        colour = style.SEVERITY_COLOURS.get(self.severity, style.SEVERITY_COLOURS["error"])
        if self.severity != "info":  # information gets a badge, not an alarming outline
            pen = QPen(colour, 3.0 / max(lod, 0.25) if lod < 1 else 3.0)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(-2, -2, 2, 2))
        radius = 9.0 / max(min(lod, 1.0), 0.25)
        centre = QPointF(self.w, 0.0)
        painter.setPen(QPen(QColor("#FFFFFF"), 1.5))
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(centre, radius, radius)
        if lod * radius >= 5:
            painter.setPen(QColor("#FFFFFF"))
            painter.setFont(style.font(radius * 1.4, bold=True))
            mark = "!" if self.severity != "info" else "i"
            painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                             Qt.AlignmentFlag.AlignCenter, mark)

    def paint_selection(self, painter: QPainter, lod: float) -> None:
        if not self.isSelected():
            return
        pen = QPen(style.SELECTION, 2.0)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect().adjusted(-3, -3, 3, 3))

    def paint_connect_handles(self, painter: QPainter, lod: float) -> None:
        if not (self.hovered and self.show_connect_handles) or lod < style.LOD_ICONS:
            return
        pen = QPen(style.SELECTION, 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor("#FFFFFF")))
        radius = style.CONNECT_RADIUS / max(lod, 1e-6) if lod < 1 else style.CONNECT_RADIUS
        for point in self.connect_points():
            painter.drawEllipse(point, radius, radius)

    def problem_margin(self) -> float:
        return 12.0 if self.severity else 4.0


def mark_overview_stale(item: QGraphicsItem) -> None:
    """Tell the item's scene that its zoomed-out overview no longer shows the item as it is."""
    overview = getattr(item.scene(), "overview", None)
    if overview is not None:
        overview.invalidate()
