"""The document: a Design, its file, its QUndoStack and its live validator.

Every change to the model goes through `push()` (one undo step per user action); the
scene, inspector and Problems panel follow the model through `model_changed` and
`findings_changed`. Opening replaces the design only after the file loaded completely.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from designer.edits import Edit
from designer.gui.commands import EditCommand
from designer.model import Design, Event
from designer.rules import Finding, Validator
from designer.storage import load_design, save_design


class Document(QObject):
    """Owns the design being edited; the only way widgets change it is `push()`."""

    model_changed = Signal(object)  # a designer.model event
    design_replaced = Signal()  # a new design was opened or created
    findings_changed = Signal(list)  # list[Finding], after each step
    path_changed = Signal(object)  # Path | None

    def __init__(self, design: Design | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.design = design or Design(title="Untitled")
        self.path: Path | None = None
        self._unsubscribe = self.design.subscribe(self._on_model_event)
        self.validator = Validator(self.design)
        self._findings: list[Finding] = self.validator.findings()
        self.undo_stack.indexChanged.connect(self._revalidate)

    # ------------------------------------------------------------------ editing
    def push(self, edit: Edit, text: str | None = None, merge_id: int = -1) -> None:
        """Apply `edit` as one undoable step (QUndoStack.push runs its redo)."""
        self.undo_stack.push(EditCommand(self.design, edit, text, merge_id))

    @property
    def findings(self) -> list[Finding]:
        return self._findings

    def apply_fix(self, finding: Finding) -> None:
        """Apply a finding's fix as one undoable step."""
        if finding.fix is not None:
            self.push(finding.fix.to_edit(), finding.fix.description)

    def _revalidate(self, *_args) -> None:
        self.validator.refresh()
        self._findings = self.validator.findings()
        self.findings_changed.emit(self._findings)

    def _on_model_event(self, event: Event) -> None:
        self.model_changed.emit(event)

    # ------------------------------------------------------------------ files
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def replace(self, design: Design, path: Path | None) -> None:
        """Show another design (after New or Open); clears undo history."""
        self._unsubscribe()
        self.validator.close()
        self.undo_stack.clear()
        self.design = design
        self._unsubscribe = self.design.subscribe(self._on_model_event)
        self.validator = Validator(self.design)
        self.path = path
        self.undo_stack.setClean()
        self.design_replaced.emit()
        self.path_changed.emit(path)
        self._revalidate()

    def open(self, path: str | Path) -> None:
        """Load a file; raises StorageError and leaves the current design untouched on failure."""
        design = load_design(path)
        self.replace(design, Path(path))

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
