"""Paint an opened design before checking it, in a window that is on screen.

`Document.replace()` defers the full check to a zero-delay timer, but a window that was
just shown (the app started with a file) has not painted yet, and the event loop may run
that timer before the window's first paint: the user would look at an empty window for
the whole check. `CheckAfterPaint` holds the check until the canvas paints.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from designer.gui.document import Document


class CheckAfterPaint(QObject):
    """Holds a just-opened design's check until `widget` (the canvas viewport) paints it."""

    def __init__(self, document: Document, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.widget = widget
        self.waiting = False
        document.checking_changed.connect(self._on_document_checking_changed)
        widget.installEventFilter(self)

    def _on_document_checking_changed(self, checking: bool) -> None:
        self.waiting = checking and self.widget.isVisible()  # hidden: nothing to wait for
        if self.waiting:
            self.document.hold_check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self.waiting and watched is self.widget and event.type() == QEvent.Type.Paint:
            self.waiting = False
            self.document.release_check()  # a zero-delay timer: it runs after this paint
        return False
