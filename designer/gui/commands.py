"""QUndoCommands that wrap Qt-free edits: redo applies, undo reverts, typing merges."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from designer.edits import Edit, SetEdgeField, SetEdgeProp, SetGeometry, SetLabel, SetProp, SetTitle
from designer.model import Design

# Merge ids: QUndoStack merges consecutive commands with the same non-negative id().
MERGE_PROP, MERGE_LABEL, MERGE_NUDGE, MERGE_EDGE_PROP = 1, 2, 3, 4
MERGE_EDGE_FIELD, MERGE_TITLE = 5, 6  # typing an edge's label, the design's title


class EditCommand(QUndoCommand):
    """One undo step around a designer.edits Edit (a Compound for multi-part actions)."""

    def __init__(self, design: Design, edit: Edit, text: str | None = None, merge_id: int = -1):
        super().__init__(text or edit.description)
        self.design = design
        self.edit = edit
        self._merge_id = merge_id

    def redo(self) -> None:
        self.edit.apply(self.design)

    def undo(self) -> None:
        self.edit.revert(self.design)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Typing in one field, or nudging the same selection, becomes one step."""
        if not isinstance(other, EditCommand) or other.id() != self.id() or self.id() < 0:
            return False
        mine, theirs = self.edit, other.edit
        if isinstance(mine, SetProp) and isinstance(theirs, SetProp):
            if (mine.node_id, mine.key) != (theirs.node_id, theirs.key):
                return False
            mine.value = theirs.value  # our captured _old stays the value before typing began
            return True
        if isinstance(mine, SetEdgeProp) and isinstance(theirs, SetEdgeProp):
            if (mine.edge_id, mine.key) != (theirs.edge_id, theirs.key):
                return False
            mine.value = theirs.value
            return True
        if isinstance(mine, SetLabel) and isinstance(theirs, SetLabel):
            if mine.node_id != theirs.node_id:
                return False
            mine.label = theirs.label
            return True
        if isinstance(mine, SetEdgeField) and isinstance(theirs, SetEdgeField):
            if (mine.edge_id, mine.field_name) != (theirs.edge_id, theirs.field_name):
                return False
            mine.value = theirs.value
            return True
        if isinstance(mine, SetTitle) and isinstance(theirs, SetTitle):
            mine.title = theirs.title
            return True
        if self.id() == MERGE_NUDGE:
            return _merge_nudges(mine, theirs)
        return False


def _geometry_edits(edit: Edit) -> list[SetGeometry] | None:
    from designer.edits import Compound

    if isinstance(edit, SetGeometry):
        return [edit]
    if isinstance(edit, Compound) and all(isinstance(e, SetGeometry) for e in edit.edits):
        return list(edit.edits)  # type: ignore[arg-type]
    return None


def _merge_nudges(mine: Edit, theirs: Edit) -> bool:
    """Arrow-key nudges of the same nodes merge: keep the first old, take the last new."""
    a, b = _geometry_edits(mine), _geometry_edits(theirs)
    if a is None or b is None or [e.node_id for e in a] != [e.node_id for e in b]:
        return False
    for first, last in zip(a, b, strict=True):
        first.geometry = last.geometry
    return True
