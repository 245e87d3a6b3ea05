"""Reversible edits of a design, with no Qt: each applies and reverts exactly.

The GUI wraps an edit in a QUndoCommand (redo = apply, undo = revert); validator fixes
are edits too, so "Apply fix" is one undoable step. Old values are captured when an edit
is applied, so an edit can be applied, reverted and applied again any number of times.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from designer.addressing import fresh_cidr
from designer.catalogue import find_kind
from designer.model import MISSING, Design, Edge, Node

Geometry = tuple[float | None, float | None, float | None, float | None]


class Edit:
    """Base class: `apply` changes the design, `revert` restores it exactly."""

    description: str = "Edit"

    def apply(self, design: Design) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self, design: Design) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class AddNode(Edit):
    node: Node
    index: int | None = None
    description: str = "Add node"

    def apply(self, design: Design) -> None:
        design.add_node(self.node.model_copy(deep=True), self.index)

    def revert(self, design: Design) -> None:
        design.remove_node(self.node.id)


@dataclass
class RemoveNode(Edit):
    """Remove one leaf node with no edges (use `delete_nodes` for subtrees)."""

    node_id: str
    description: str = "Remove node"
    _removed: tuple[Node, int] | None = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._removed = design.remove_node(self.node_id)

    def revert(self, design: Design) -> None:
        assert self._removed is not None
        node, index = self._removed
        design.add_node(node, index)


@dataclass
class SetParent(Edit):
    node_id: str
    parent: str | None
    description: str = "Change container"
    _old: str | None = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._old = design.node(self.node_id).parent
        design.set_parent(self.node_id, self.parent)

    def revert(self, design: Design) -> None:
        design.set_parent(self.node_id, self._old)


@dataclass
class SetGeometry(Edit):
    node_id: str
    geometry: Geometry
    description: str = "Move"
    _old: Geometry | None = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        node = design.node(self.node_id)
        self._old = (node.x, node.y, node.w, node.h)
        design.set_geometry(self.node_id, *self.geometry)

    def revert(self, design: Design) -> None:
        assert self._old is not None
        design.set_geometry(self.node_id, *self._old)


@dataclass
class SetLabel(Edit):
    node_id: str
    label: str | None
    description: str = "Rename"
    _old: str | None = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._old = design.node(self.node_id).label
        design.set_label(self.node_id, self.label)

    def revert(self, design: Design) -> None:
        design.set_label(self.node_id, self._old)


@dataclass
class SetProp(Edit):
    """Set a node prop; `value=MISSING` removes the key."""

    node_id: str
    key: str
    value: Any
    description: str = "Change property"
    _old: Any = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._old = copy.deepcopy(design.node(self.node_id).props.get(self.key, MISSING))
        design.set_prop(self.node_id, self.key, self.value)

    def revert(self, design: Design) -> None:
        design.set_prop(self.node_id, self.key, self._old)


@dataclass
class AddEdge(Edit):
    edge: Edge
    index: int | None = None
    description: str = "Connect"

    def apply(self, design: Design) -> None:
        design.add_edge(self.edge.model_copy(deep=True), self.index)

    def revert(self, design: Design) -> None:
        design.remove_edge(self.edge.id)


@dataclass
class RemoveEdge(Edit):
    edge_id: str
    description: str = "Remove connection"
    _removed: tuple[Edge, int] | None = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._removed = design.remove_edge(self.edge_id)

    def revert(self, design: Design) -> None:
        assert self._removed is not None
        edge, index = self._removed
        design.add_edge(edge, index)


@dataclass
class SetEdgeField(Edit):
    edge_id: str
    field_name: str
    value: Any
    description: str = "Change connection"
    _old: Any = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._old = getattr(design.edge(self.edge_id), self.field_name)
        design.set_edge_field(self.edge_id, self.field_name, self.value)

    def revert(self, design: Design) -> None:
        design.set_edge_field(self.edge_id, self.field_name, self._old)


@dataclass
class SetEdgeProp(Edit):
    edge_id: str
    key: str
    value: Any
    description: str = "Change connection property"
    _old: Any = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        self._old = copy.deepcopy(design.edge(self.edge_id).props.get(self.key, MISSING))
        design.set_edge_prop(self.edge_id, self.key, self.value)

    def revert(self, design: Design) -> None:
        design.set_edge_prop(self.edge_id, self.key, self._old)


@dataclass
class SetTitle(Edit):
    title: str
    description: str = "Rename design"
    _old: str = field(default="", repr=False)

    def apply(self, design: Design) -> None:
        self._old = design.title
        design.set_title(self.title)

    def revert(self, design: Design) -> None:
        design.set_title(self._old)


@dataclass
class Compound(Edit):
    """Several edits as one step: applied in order, reverted in reverse order."""

    edits: list[Edit]
    description: str = "Edit"

    def apply(self, design: Design) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(design)
                done.append(edit)
        except Exception:
            for edit in reversed(done):  # leave the design as it was
                edit.revert(design)
            raise

    def revert(self, design: Design) -> None:
        for edit in reversed(self.edits):
            edit.revert(design)


# --------------------------------------------------------------------------- builders
def id_list_props(kind: str) -> list[str]:
    """Names of the props of `kind` that hold lists of node ids."""
    spec = find_kind(kind)
    return [p.name for p in spec.props if p.type == "ids"] if spec else []


def delete_nodes(design: Design, node_ids: Iterable[str], description: str = "Delete") -> Compound:
    """One step that deletes nodes with their whole subtrees, their edges and references.

    Ids of deleted nodes are also taken out of other nodes' id-list props (an ALB's subnets,
    an instance's security groups, …) and SG rules that name them, so nothing dangles.
    """
    doomed: list[str] = []
    seen: set[str] = set()
    for node_id in node_ids:
        if node_id in seen or node_id not in design:
            continue
        for node in [design.node(node_id), *design.descendants(node_id)]:
            if node.id not in seen:
                seen.add(node.id)
                doomed.append(node.id)
    edits: list[Edit] = []
    edge_ids = {e for nid in doomed for e in design.edge_ids_of(nid)}
    edits += [RemoveEdge(e) for e in design.edge_ids() if e in edge_ids]
    for node in design.nodes:
        if node.id in seen:
            continue
        for key in id_list_props(node.kind):
            value = node.props.get(key)
            if isinstance(value, list) and any(v in seen for v in value):
                edits.append(SetProp(node.id, key, [v for v in value if v not in seen]))
    # Children before parents, so each removal takes a leaf.
    depth = {nid: len(design.ancestors(nid)) for nid in doomed}
    for nid in sorted(doomed, key=lambda n: -depth[n]):
        edits.append(RemoveNode(nid))
    return Compound(edits, description)


def move_node(
    design: Design,
    node_id: str,
    new_parent: str | None,
    x: float,
    y: float,
    w: float | None = None,
    h: float | None = None,
    description: str = "Move",
) -> Compound:
    """One step that moves (and if needed reparents) a node; x, y are relative to new_parent."""
    node = design.node(node_id)
    edits: list[Edit] = []
    if node.parent != new_parent:
        edits.append(SetParent(node_id, new_parent))
    edits.append(SetGeometry(node_id, (x, y, node.w if w is None else w, node.h if h is None else h)))
    return Compound(edits, description)


def new_node(design: Design, kind: str, parent: str | None, x: float, y: float,
             label: str | None = None, props: dict[str, Any] | None = None) -> Node:
    """A node of `kind` with the catalogue's defaults and a fresh readable id.

    A new VPC or subnet gets a free address block (see designer.addressing) instead of the
    catalogue's fixed one, which would overlap its siblings.
    """
    from designer.model import unique_id

    spec = find_kind(kind)
    w, h = spec.default_size if spec else (96.0, 84.0)
    base_props = spec.defaults() if spec else {}
    cidr = fresh_cidr(design, kind, parent)
    if cidr is not None:
        base_props["cidr"] = cidr
    base_props.update(props or {})
    return Node(
        id=unique_id(kind.replace("_", "-"), design),
        kind=kind,
        label=label,
        parent=parent,
        x=x,
        y=y,
        w=w,
        h=h,
        props=base_props,
    )


def apply_all(design: Design, edits: Sequence[Edit]) -> None:
    for edit in edits:
        edit.apply(design)
