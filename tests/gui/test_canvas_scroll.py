"""Panning blits: at full detail a scroll step repaints the uncovered strip (and the
minimap's corner), not every item in view; at any zoom what ends up on screen equals a full
repaint."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.generate import generate  # noqa: E402
from tests.gui.canvas_helpers import make_view  # noqa: E402


class PaintedArea(QObject):
    """Sums the area of the viewport's paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.area = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.area += sum(r.width() * r.height() for r in event.region())
        return False


def on_screen(view):
    """The viewport as the screen shows it (the backing store), not a fresh paint."""
    viewport = view.viewport()
    corner = viewport.mapTo(viewport.window(), viewport.rect().topLeft())
    return view.screen().grabWindow(viewport.window().winId(), corner.x(), corner.y(),
                                    viewport.width(), viewport.height()).toImage()


@pytest.fixture(params=[0.8, 0.2], ids=["full-detail", "overview"])
def panned_view(qtbot, request):
    view = make_view(qtbot, generate(1000 if request.param < 0.35 else 100, seed=0))
    view.set_zoom(request.param)
    view.minimap.set_enabled(True)
    view.minimap.refresh()
    QApplication.processEvents()
    return view


@pytest.mark.parametrize("panned_view", [0.8], indirect=True, ids=["full-detail"])
def test_a_pan_step_repaints_a_strip_not_the_view(panned_view):
    # (Zoomed far out the view blits its whole kept overview picture instead.)
    view = panned_view
    assert view.minimap.isVisible()  # the minimap must not stop the blit
    counter = PaintedArea()
    view.viewport().installEventFilter(counter)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 40)
    QApplication.processEvents()
    view.viewport().removeEventFilter(counter)
    whole = view.viewport().width() * view.viewport().height()
    assert 0 < counter.area < whole / 3


def test_what_a_pan_leaves_on_screen_equals_a_full_repaint(panned_view):
    view = panned_view
    bar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    for step in range(6):
        bar.setValue(bar.value() + 37)
        QApplication.processEvents()
        vbar.setValue(vbar.value() + (23 if step % 2 else -17))
        QApplication.processEvents()
    panned = on_screen(view)
    view.viewport().repaint()  # everything drawn afresh at the same position
    view.minimap.repaint()
    QApplication.processEvents()
    fresh = on_screen(view)
    # Lines clipped to a strip are rasterised from another start point: their antialiased
    # pixels may differ by a few levels, never more (a seam or a shifted dash would).
    assert largest_channel_difference(panned, fresh) <= 32


def largest_channel_difference(a, b) -> int:
    """The largest difference of one colour channel between two same-size images."""
    assert a.size() == b.size()
    a, b = (image.convertToFormat(QImage.Format.Format_RGB32) for image in (a, b))
    first, second = bytes(a.constBits()), bytes(b.constBits())
    if first == second:
        return 0
    return max(abs(x - y) for x, y in zip(first, second, strict=True) if x != y)
