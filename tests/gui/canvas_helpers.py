"""Helpers for canvas tests: a shown CanvasView and synthetic mouse and drag events."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from designer.gui.canvas import CanvasView
from designer.gui.document import Document

NO_MOD = Qt.KeyboardModifier.NoModifier


def make_view(qtbot, design) -> CanvasView:
    """A CanvasView on a Document of `design`, shown at 1400×900 and 100 % zoom."""
    view = CanvasView(Document(design))
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_reset()
    return view


def view_point(view: CanvasView, x: float, y: float) -> QPoint:
    """The viewport point that shows scene point (x, y), scrolling it into view first."""
    view.centerOn(x, y)
    return view.mapFromScene(QPointF(x, y))


def mouse(view: CanvasView, kind, point: QPoint, button=Qt.MouseButton.LeftButton,
          modifiers=NO_MOD) -> None:
    """Send one mouse event of `kind` (press/move/release) at a viewport point."""
    buttons = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseButtonRelease else button
    if kind == QMouseEvent.Type.MouseMove:
        event_button = Qt.MouseButton.NoButton
    else:
        event_button = button
    local = QPointF(point)
    event = QMouseEvent(kind, local, QPointF(view.viewport().mapToGlobal(point)), event_button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def drag_mouse(view: CanvasView, start: QPoint, end: QPoint, modifiers=NO_MOD, steps: int = 6) -> None:
    """Press at `start`, move in steps to `end`, release: one gesture."""
    mouse(view, QMouseEvent.Type.MouseButtonPress, start, modifiers=modifiers)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        mouse(view, QMouseEvent.Type.MouseMove, QPoint(round(p.x()), round(p.y())), modifiers=modifiers)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, end, modifiers=modifiers)


def drop_mime(view: CanvasView, mime: QMimeData, point: QPoint) -> bool:
    """DragEnter, DragMove, then Drop at a viewport point; True when the drop was accepted."""
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, NO_MOD)
    QApplication.sendEvent(view.viewport(), enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, NO_MOD)
    QApplication.sendEvent(view.viewport(), move)
    drop = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton, NO_MOD)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()
