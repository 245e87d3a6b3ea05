"""No test can hang on a modal dialog, a context menu or a drag.

`install(monkeypatch)` wraps every blocking dialog entry point the designer can reach
(`QDialog.exec`, and so every message box and dialog of ours, and the static
`QFileDialog.get*`, `QMessageBox.question/…/about`, `QInputDialog.get*`,
`QColorDialog.getColor`, `QFontDialog.getFont`). A test that expects a box answers it
within the grace period (see `answer_next_box` in tests/gui/shell_helpers.py, which clicks
on the first turn of the box's event loop). Anything still open after the grace period is
closed, its title and text are recorded, and the call raises `UnexpectedModalDialog`, so
the test fails in seconds, naming the dialog, instead of stalling CI until the timeout.

`QMenu.exec` cannot be wrapped (PySide6 binds it to the instance whatever the class
attribute says), so a timer closes any popup menu left open for the grace period and the
test fails at teardown. `QDrag.exec` needs no guard offscreen: it returns IgnoreAction at
once (a real drag needs a real display and mouse).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)

# Long enough for a scripted answer under a heavily loaded machine (it comes on the first
# turn of the nested event loop), far shorter than pytest-timeout's 300 s.
GRACE_MS = 2000
POPUP_POLL_MS = 100

STATIC_DIALOGS: dict[type, tuple[str, ...]] = {
    QFileDialog: ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory",
                  "getOpenFileUrl", "getOpenFileUrls", "getSaveFileUrl", "getExistingDirectoryUrl"),
    QMessageBox: ("question", "warning", "critical", "information", "about", "aboutQt"),
    QInputDialog: ("getText", "getMultiLineText", "getInt", "getDouble", "getItem"),
    QColorDialog: ("getColor",),
    QFontDialog: ("getFont",),
}


class UnexpectedModalDialog(AssertionError):
    """A dialog, menu or drag blocked a test that did not answer it."""


def describe(widget: QWidget | None) -> str:
    """A dialog's class, title and (for a message box) its text, for the failure message."""
    if widget is None:
        return "a modal dialog"
    text = f'{type(widget).__name__} "{widget.windowTitle()}"'
    if isinstance(widget, QMessageBox) and widget.text():
        text += f": {widget.text()}"
    return text


def _close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.done(QDialog.DialogCode.Rejected)
    else:
        widget.close()


class ModalGuard:
    """Watchdogs around blocking calls; `unexpected` lists what had to be closed."""

    def __init__(self) -> None:
        self.unexpected: list[str] = []
        self._popup: QWidget | None = None
        self._popup_since = 0.0
        self._popup_timer: QTimer | None = None

    def watch_popups(self) -> None:
        """Poll for a popup menu left open (it only runs while an event loop does)."""
        if QApplication.instance() is None:
            return  # no application, no menu
        self._popup_timer = QTimer()
        self._popup_timer.setInterval(POPUP_POLL_MS)
        self._popup_timer.timeout.connect(self._check_popup)
        self._popup_timer.start()

    def stop(self) -> None:
        """Stop polling (end of the test)."""
        if self._popup_timer is not None:
            self._popup_timer.stop()
            self._popup_timer = None

    def _check_popup(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is None or popup is not self._popup:
            self._popup, self._popup_since = popup, time.monotonic()
            return
        if (time.monotonic() - self._popup_since) * 1000 >= GRACE_MS:
            self.unexpected.append(f"{describe(popup)} (a popup menu)")
            popup.close()
            self._popup = None

    def _watched(self, call: Callable[[], Any], close_open: Callable[[], str | None]) -> Any:
        """Run a blocking call; after GRACE_MS close whatever it still shows, then raise."""
        closed: list[str] = []

        def on_timeout() -> None:
            what = close_open()
            if what is not None:
                closed.append(what)

        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(on_timeout)
        timer.start(GRACE_MS)
        try:
            result = call()
        finally:
            timer.stop()
        if closed:
            self.unexpected.extend(closed)
            raise UnexpectedModalDialog(
                f"{closed[0]} was left open for {GRACE_MS} ms; a test must answer it "
                "(override the window's ask_* method, or use answer_next_box)")
        return result

    def exec_wrapper(self, original: Callable[..., Any]) -> Callable[..., Any]:
        """A replacement for `QDialog.exec` that closes its own dialog."""
        guard = self

        @functools.wraps(original)
        def exec_(widget: QDialog, *args: Any, **kwargs: Any) -> Any:
            def close_open() -> str | None:
                if not widget.isVisible():
                    return None
                what = describe(widget)
                _close(widget)
                return what

            return guard._watched(lambda: original(widget, *args, **kwargs), close_open)

        return exec_

    def static_wrapper(self, original: Callable[..., Any], name: str) -> Callable[..., Any]:
        """A replacement for a static dialog function: closes the active modal widget."""
        guard = self

        @functools.wraps(original)
        def static(*args: Any, **kwargs: Any) -> Any:
            def close_open() -> str | None:
                widget = QApplication.activeModalWidget()
                if widget is None:
                    return None
                what = f"{name}: {describe(widget)}"
                _close(widget)
                return what

            return guard._watched(lambda: original(*args, **kwargs), close_open)

        return static


def install(monkeypatch: Any) -> ModalGuard:
    """Guard every blocking dialog entry point for one test (undone by `monkeypatch`;
    call `stop()` at the end of the test)."""
    guard = ModalGuard()
    monkeypatch.setattr(QDialog, "exec", guard.exec_wrapper(QDialog.exec))
    for cls, names in STATIC_DIALOGS.items():
        for name in names:
            original = getattr(cls, name)
            monkeypatch.setattr(cls, name, staticmethod(guard.static_wrapper(original, f"{cls.__name__}.{name}")))
    guard.watch_popups()
    return guard
