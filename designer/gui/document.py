"""The document: a Design, its file, its QUndoStack and its live validator.

Every change to the model goes through `push()` (one undo step per user action); the
scene, inspector and Problems panel follow the model through `model_changed` and
`findings_changed`. Opening replaces the design only after the file loaded completely.

An opened design is shown first and checked right after: `replace()` (and `open()`)
defer the full check to a zero-delay timer, so the canvas paints before the validator
runs (seconds on a 10,000-resource design). While `checking` is true the panels say so;
`findings` (or `check_now()`) runs the pending check at once, so whoever asks for the
findings always gets the current design's. Edits made meanwhile need no bookkeeping:
the deferred check is a full check of the design as it is when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from designer.edits import Edit
from designer.gui.commands import EditCommand
from designer.model import Design, Event
from designer.model.bulk import freeze_long_lived, thaw_long_lived
from designer.rules import Finding, Validator
from designer.storage import load_design, save_design

When = Literal["now", "later"]
HELD_CHECK_MS = 1000  # a held check runs after this long even if no paint released it


class Document(QObject):
    """Owns the design being edited; the only way widgets change it is `push()`."""

    model_changed = Signal(object)  # a designer.model event
    design_replaced = Signal()  # a new design was opened or created
    findings_changed = Signal(list)  # list[Finding], after each step and after a deferred check
    checking_changed = Signal(bool)  # True: a full check is pending; False: its findings are in
    path_changed = Signal(object)  # Path | None

    def __init__(self, design: Design | None = None, parent: QObject | None = None, *,
                 validate: When = "now"):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.design = design or Design(title="Untitled")
        self.path: Path | None = None
        self._unsubscribe = self.design.subscribe(self._on_model_event)
        self._validator: Validator | None = None  # None while the full check is pending
        self._findings: list[Finding] = []
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.timeout.connect(self._on_check_timer_timeout)
        self._held = False  # a view asked to paint before the check (hold_check)
        self.undo_stack.indexChanged.connect(self._revalidate)
        self._schedule_check(validate)

    # ------------------------------------------------------------------ editing
    def push(self, edit: Edit, text: str | None = None, merge_id: int = -1) -> None:
        """Apply `edit` as one undoable step (QUndoStack.push runs its redo)."""
        self.undo_stack.push(EditCommand(self.design, edit, text, merge_id))

    @property
    def findings(self) -> list[Finding]:
        """The current findings (runs a pending full check first)."""
        self.check_now()
        return self._findings

    @property
    def checking(self) -> bool:
        """True while the full check of a just-opened design has not run yet."""
        return self._validator is None

    @property
    def shown_findings(self) -> list[Finding]:
        """The findings to display without waiting: none while the check is pending."""
        return [] if self._validator is None else self._findings

    @property
    def validator(self) -> Validator:
        """The live validator (runs a pending full check first)."""
        self.check_now()
        assert self._validator is not None
        return self._validator

    def check_now(self) -> None:
        """Run the pending full check, if any, and announce its findings."""
        if self._validator is not None:
            return
        self._check_timer.stop()
        self._held = False
        # Created on the design as it is now: edits made while the check waited are in it.
        self._validator = Validator(self.design)
        self._findings = self._validator.findings()
        self.checking_changed.emit(False)
        self.findings_changed.emit(self._findings)
        # The design, its scene and its findings now live until the next replace: keep the
        # garbage collector's full passes from walking them after every few dozen edits.
        freeze_long_lived(len(self.design))

    def hold_check(self) -> None:
        """Let a pending check wait for `release_check()` (a view that paints the design
        first), or at most HELD_CHECK_MS of a running event loop."""
        if self._validator is None:
            self._check_timer.stop()
            self._held = True
            # Counted from the event loop's next turn: opening at start-up builds the scene
            # (seconds) before the loop runs, and a timer started now would already be due.
            QTimer.singleShot(0, self, self._on_hold_turn)

    def _on_hold_turn(self) -> None:
        if self._held and self._validator is None:
            self._check_timer.start(HELD_CHECK_MS)

    def release_check(self) -> None:
        """Run a pending check from the event loop, as soon as the current event is done."""
        self._held = False
        if self._validator is None:
            self._check_timer.start(0)

    def apply_fix(self, finding: Finding) -> None:
        """Apply a finding's fix as one undoable step."""
        if finding.fix is not None:
            self.push(finding.fix.to_edit(), finding.fix.description)

    def _schedule_check(self, when: When) -> None:
        if when == "now":
            self.check_now()
        else:
            self._check_timer.start(0)
            self.checking_changed.emit(True)

    def _on_check_timer_timeout(self) -> None:
        self.check_now()

    def _revalidate(self, *_args) -> None:
        if self._validator is None:
            return  # the pending full check will see this step
        self._validator.refresh()
        self._findings = self._validator.findings()
        self.findings_changed.emit(self._findings)

    def _on_model_event(self, event: Event) -> None:
        self.model_changed.emit(event)

    # ------------------------------------------------------------------ files
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def replace(self, design: Design, path: Path | None, *, validate: When = "later") -> None:
        """Show another design (after New or Open); clears undo history.

        By default the design is shown first and checked from the event loop right after.
        """
        self._unsubscribe()
        thaw_long_lived()  # the old design becomes collectable again
        if self._validator is not None:
            self._validator.close()
            self._validator = None
        self._findings = []
        self.undo_stack.clear()
        self.design = design
        self._unsubscribe = self.design.subscribe(self._on_model_event)
        self.path = path
        self.undo_stack.setClean()
        if validate == "later":  # before design_replaced: the panels redraw as "checking"
            self._check_timer.start(0)
            self.checking_changed.emit(True)
        self.design_replaced.emit()
        self.path_changed.emit(path)
        if validate == "now":
            self.check_now()

    def open(self, path: str | Path, *, validate: When = "later") -> None:
        """Load a file; raises StorageError and leaves the current design untouched on failure."""
        design = load_design(path)
        self.replace(design, Path(path), validate=validate)

    def save(self, path: str | Path | None = None) -> None:
        """Save atomically (to `path`, or the current file); raises StorageError on failure."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file name: use save(path)")
        save_design(self.design, target)
        self.undo_stack.setClean()
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
