"""PySide6 must not drop references to None (6.12.0 did: Python 3.11 then aborts with
"none_dealloc" after some tens of thousands of Qt calls, e.g. opening a large design)."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_void_qt_calls_keep_none_alive(qapp) -> None:
    from PySide6.QtWidgets import QGraphicsRectItem, QWidget

    item, widget = QGraphicsRectItem(0, 0, 10, 10), QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        item.update()
        item.setToolTip("")
        widget.update()
    # Other threads may hold or drop a few references meanwhile; a leak loses thousands.
    assert sys.getrefcount(None) - before > -100
