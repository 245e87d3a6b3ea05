"""Building blocks for validator fixes: edits computed when applied, and fresh ids.

A fix is built when its rule is evaluated, but it is applied later, perhaps after the user
moved things around. Edits that depend on geometry or on a node's full contents (placing a
node in a container, turning a Glacier vault into an S3 bucket) therefore plan their
concrete steps from the design at apply time; revert undoes exactly those steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designer.edits import (
    AddEdge,
    AddNode,
    Compound,
    Edit,
    RemoveEdge,
    RemoveNode,
    SetGeometry,
    SetParent,
)
from designer.layout import GAP, HEADER, PAD, default_size
from designer.model import Design, Node
from designer.rules.context import Context


def fresh_node_id(ctx: Context, base: str) -> str:
    """`base` or `base-2`, `base-3`… whichever names no node (reads are tracked)."""
    candidate, n = base, 1
    while ctx.node(candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def fresh_edge_id(ctx: Context, base: str) -> str:
    """`base` or `base-2`, `base-3`… whichever names no edge (reads are tracked)."""
    candidate, n = base, 1
    while ctx.edge(candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@dataclass
class PlannedEdit(Edit):
    """An edit whose steps are planned from the design when it is applied."""

    description: str = "Edit"
    _steps: Compound | None = field(default=None, repr=False)

    def plan(self, design: Design) -> list[Edit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, design: Design) -> None:
        self._steps = Compound(self.plan(design), self.description)
        self._steps.apply(design)

    def revert(self, design: Design) -> None:
        assert self._steps is not None
        self._steps.revert(design)


def free_spot(design: Design, parent_id: str, node_id: str, size: tuple[float, float]) -> tuple[float, float]:
    """A position inside `parent_id` (relative to it) below or beside its other children."""
    w, h = size
    parent = design.node(parent_id)
    width = parent.w if parent.w is not None else w + 2 * PAD
    others = [c for c in design.children(parent_id) if c.id != node_id and c.has_geometry]
    if not others:
        return (PAD, HEADER)
    # Try the right end of the top row first, then a new row under everything.
    top = min(c.y for c in others)
    top_row = [c for c in others if c.y < top + h]
    x = max(c.x + c.w for c in top_row) + GAP
    if x + w + PAD <= width:
        return (x, top)
    return (PAD, max(c.y + c.h for c in others) + GAP)


def grow_to_fit(design: Design, parent_id: str, rect: tuple[float, float, float, float]) -> list[Edit]:
    """SetGeometry edits that grow `parent_id` and its ancestors to hold `rect` (relative to it)."""
    edits: list[Edit] = []
    x, y, w, h = rect
    parent = design.get_node(parent_id)
    while parent is not None:
        if None in (parent.x, parent.y, parent.w, parent.h):
            break
        need_w, need_h = max(parent.w, x + w + PAD), max(parent.h, y + h + PAD)
        if (need_w, need_h) == (parent.w, parent.h):
            break
        edits.append(SetGeometry(parent.id, (parent.x, parent.y, need_w, need_h)))
        x, y, w, h = parent.x, parent.y, need_w, need_h
        parent = design.get_node(parent.parent)
    return edits


@dataclass
class MoveInto(PlannedEdit):
    """Move a node into another container at a free spot, growing containers if needed."""

    node_id: str = ""
    parent_id: str = ""
    description: str = "Move into container"

    def plan(self, design: Design) -> list[Edit]:
        node = design.node(self.node_id)
        size = (node.w, node.h) if node.w is not None and node.h is not None else default_size(node.kind)
        x, y = free_spot(design, self.parent_id, node.id, size)
        steps: list[Edit] = []
        if node.parent != self.parent_id:
            steps.append(SetParent(node.id, self.parent_id))
        steps.append(SetGeometry(node.id, (x, y, size[0], size[1])))
        return steps + grow_to_fit(design, self.parent_id, (x, y, *size))


@dataclass
class AddNodeAt(PlannedEdit):
    """Add a node inside a container at a free spot (the node's own x/y are ignored)."""

    node: Node | None = None
    description: str = "Add node"

    def plan(self, design: Design) -> list[Edit]:
        assert self.node is not None
        node = self.node.model_copy(deep=True)
        size = (node.w, node.h) if node.w is not None and node.h is not None else default_size(node.kind)
        if node.parent is None:
            node.x, node.y, node.w, node.h = node.x or 40.0, node.y or 40.0, *size
            return [AddNode(node)]
        x, y = free_spot(design, node.parent, node.id, size)
        node.x, node.y, node.w, node.h = x, y, *size
        return [AddNode(node), *grow_to_fit(design, node.parent, (x, y, *size))]


@dataclass
class ReplaceKind(PlannedEdit):
    """Replace a leaf node by one of another kind with the same id, place and connections."""

    node_id: str = ""
    kind: str = ""
    props: dict[str, Any] = field(default_factory=dict)
    description: str = "Convert"

    def plan(self, design: Design) -> list[Edit]:
        old = design.node(self.node_id)
        index = design.index_of_node(old.id)
        edges = sorted(design.edges_of(old.id), key=lambda e: design.index_of_edge(e.id))
        positions = [design.index_of_edge(e.id) for e in edges]
        new = Node(id=old.id, kind=self.kind, label=old.label, parent=old.parent,
                   x=old.x, y=old.y, w=old.w, h=old.h, props=dict(self.props))
        steps: list[Edit] = [RemoveEdge(e.id) for e in reversed(edges)]
        steps += [RemoveNode(old.id), AddNode(new, index)]
        steps += [AddEdge(e.model_copy(deep=True), i) for e, i in zip(edges, positions, strict=True)]
        return steps
