"""A minimap in the canvas corner: the whole design small, the visible part outlined.

Shown only when the design does not fit in the window. Click or drag in it to move the
view. The thumbnail is the scene's low-detail overview (frames, not every item), redrawn
lazily (at most a few times per second) after the scene changed, never during a drag;
moving the view only moves the outline over the kept thumbnail.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from designer.gui.items import style

SIZE = (220, 150)
MARGIN = 12


class Minimap(QWidget):
    """The overview widget, a child of the CanvasView's viewport corner."""

    def __init__(self, view) -> None:
        # A child of the viewport, not a sibling over it: an overlapping sibling stops Qt from
        # scrolling the viewport by blitting (the view then repaints everything per pan step).
        super().__init__(view.viewport())
        self.view = view
        self.enabled = True
        self._image: QImage | None = None
        self._source = QRectF()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.resize(*SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        scene = view.scene()
        scene.changed.connect(self._on_scene_changed)
        self._stale = True
        self.hide()

    def _on_scene_changed(self, *_args) -> None:
        self._stale = True
        self.schedule()

    def set_enabled(self, on: bool) -> None:
        """Allow or forbid the minimap (View menu); it still hides when everything fits."""
        self.enabled = bool(on)
        self.refresh()

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def reposition(self) -> None:
        viewport = self.view.viewport().rect()
        self.move(viewport.right() - self.width() - MARGIN, viewport.bottom() - self.height() - MARGIN)
        self.schedule()

    def _needed(self) -> bool:
        content = self.view.scene().content_rect()
        if content.isEmpty():
            return False
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        return not visible.contains(content)

    def refresh(self) -> None:
        """Re-render the thumbnail and show or hide the minimap."""
        if getattr(self.view, "_interaction", None) is not None:
            self._timer.start()  # never during a drag: keep frames fast; redo after release
            return
        if not self.enabled or not self._needed():
            self.hide()
            return
        if self._stale or self._image is None:
            self._render()
        self.reposition_only()
        self.show()
        self.raise_()
        self.update()

    def _render(self) -> None:
        """Draw the thumbnail from the scene's overview (a replay, not every item's paint)."""
        self._stale = False
        self._source = self.view.scene().content_rect().adjusted(-20, -20, 20, 20)
        image = QImage(self.width(), self.height(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(255, 255, 255, 235))
        if not self._source.isEmpty():
            scale, offset = self._scale()
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setClipRect(self._target())
            painter.translate(offset)
            painter.scale(scale, scale)
            painter.translate(-self._source.topLeft())
            self.view.scene().overview.paint_plain(painter)
            painter.end()
        self._image = image

    def reposition_only(self) -> None:
        viewport = self.view.viewport().rect()
        self.move(viewport.right() - self.width() - MARGIN, viewport.bottom() - self.height() - MARGIN)

    def _target(self) -> QRectF:
        return QRectF(4, 4, self.width() - 8, self.height() - 8)

    def _scale(self) -> tuple[float, QPointF]:
        """Scene-to-minimap scale and offset (scene.render keeps the aspect ratio, centred)."""
        target = self._target()
        if self._source.isEmpty():
            return 1.0, QPointF()
        scale = min(target.width() / self._source.width(), target.height() / self._source.height())
        offset = QPointF(target.x() + (target.width() - self._source.width() * scale) / 2,
                         target.y() + (target.height() - self._source.height() * scale) / 2)
        return scale, offset

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#8D99A8"), 1))
        painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self._image is not None:
            painter.drawImage(0, 0, self._image)
        scale, offset = self._scale()
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        frame = QRectF(offset.x() + (visible.x() - self._source.x()) * scale,
                       offset.y() + (visible.y() - self._source.y()) * scale,
                       visible.width() * scale, visible.height() * scale)
        pen = QPen(style.SELECTION, 1.5)
        painter.setPen(pen)
        fill = QColor(style.SELECTION)
        fill.setAlpha(30)
        painter.setBrush(QBrush(fill))
        painter.drawRect(frame.intersected(QRectF(self.rect())))

    def _centre_view_at(self, pos: QPointF) -> None:
        scale, offset = self._scale()
        if scale <= 0:
            return
        self.view.centerOn(QPointF(self._source.x() + (pos.x() - offset.x()) / scale,
                                   self._source.y() + (pos.y() - offset.y()) / scale))
        self.update()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._centre_view_at(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_view_at(event.position())
