"""Cut, copy, paste and duplicate: fragments of a design as JSON in the file format.

A copied fragment is a valid design file (top nodes carry absolute positions and no
parent), so it can be pasted into another window, saved as is, or pasted from a file.
Pasting renames every id that is taken, keeps the edges inside the fragment, remaps the
fragment's own references (an instance's security groups, an ALB's subnets, SG rule
sources) and drops references to nodes that the target design does not have.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from designer.addressing import effective_cidr, pasted_subnet_cidr
from designer.catalogue import can_be_placed
from designer.edits import AddEdge, AddNode, Compound, Edit, id_list_props
from designer.gui.placement import container_for_rect, frame_rects, parent_kind, subtree_ids
from designer.model import Design, Edge, Node, Rect, unique_id
from designer.storage import StorageError, dumps, loads

PASTE_OFFSET = 24.0


def copy_fragment(design: Design, node_ids, edge_ids=()) -> Design:
    """The selected nodes with everything inside them and the edges among them.

    Edges selected on their own come along only when both ends are copied too.
    """
    keep = subtree_ids(design, node_ids)
    nodes: list[Node] = []
    for node in design.nodes:
        if node.id not in keep:
            continue
        copy = node.model_copy(deep=True)
        if node.parent not in keep:
            rect = design.absolute_rect(node.id)
            copy.parent = None
            if rect is not None:
                copy.x, copy.y = rect.x, rect.y
        nodes.append(copy)
    edges = [e.model_copy(deep=True) for e in design.edges if e.source in keep and e.target in keep]
    return Design(title="Clipboard", nodes=nodes, edges=edges)


def fragment_to_text(fragment: Design) -> str:
    """The fragment as design-file JSON (what goes on the system clipboard)."""
    return dumps(fragment)


def fragment_from_text(text: str) -> Design:
    """Parse clipboard text; raises StorageError when it is not a design."""
    if not text or not text.lstrip().startswith("{"):
        raise StorageError("the clipboard holds no design")
    try:
        json.loads(text)
    except ValueError as exc:
        raise StorageError(f"the clipboard holds no design ({exc})") from None
    return loads(text)


@dataclass
class PastePlan:
    """What a paste does: one compound edit, the new node ids, and nodes it had to skip."""

    edit: Compound
    node_ids: list[str] = field(default_factory=list)
    edge_ids: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def plan_paste(design: Design, fragment: Design, dx: float = PASTE_OFFSET, dy: float = PASTE_OFFSET,
               description: str = "Paste") -> PastePlan:
    """One step that adds the fragment to `design`, shifted by (dx, dy).

    Each top node of the fragment goes into the smallest frame that holds its new
    rectangle; a top node that cannot be placed there (say, an EC2 pasted on the empty
    canvas) is skipped with its content, and reported.
    """
    taken = set(design.node_ids())
    id_map: dict[str, str] = {}
    for node in fragment.nodes:
        new_id = node.id if node.id not in taken else unique_id(node.id, taken)
        taken.add(new_id)
        id_map[node.id] = new_id
    frames = frame_rects(design)
    edits: list[Edit] = []
    skipped: set[str] = set()
    added: list[str] = []
    readdress = _SubnetReaddressing(design)
    # Parents before children: a reparented node may come before its container in file order.
    ordered = sorted(fragment.nodes, key=lambda n: len(fragment.ancestors(n.id)))
    for node in ordered:
        if node.parent is not None and node.parent in skipped:
            skipped.add(node.id)
            continue
        copy = node.model_copy(deep=True)
        copy.id = id_map[node.id]
        if node.parent is None:
            x, y = float(node.x or 0.0) + dx, float(node.y or 0.0) + dy
            w, h = float(node.w or 96.0), float(node.h or 84.0)
            parent = container_for_rect(design, Rect(x, y, w, h), frames=frames)
            if not can_be_placed(node.kind, parent_kind(design, parent)):
                skipped.add(node.id)
                continue
            ox, oy = design.absolute_origin(parent)
            copy.parent, copy.x, copy.y = parent, round(x - ox, 2), round(y - oy, 2)
        else:
            copy.parent = id_map[node.parent]
        copy.props = _remap_props(copy.kind, copy.props, id_map, design)
        readdress.place(copy)
        edits.append(AddNode(copy))
        added.append(copy.id)
    edge_taken = set(design.edge_ids())
    edge_ids: list[str] = []
    for edge in fragment.edges:
        if edge.source in skipped or edge.target in skipped:
            continue
        new_id = edge.id if edge.id not in edge_taken else unique_id(edge.id, edge_taken)
        edge_taken.add(new_id)
        copy: Edge = edge.model_copy(deep=True)  # type: ignore[no-redef]
        copy.id, copy.source, copy.target = new_id, id_map[edge.source], id_map[edge.target]
        edits.append(AddEdge(copy))
        edge_ids.append(new_id)
    return PastePlan(Compound(edits, description), added, edge_ids, sorted(skipped))


class _SubnetReaddressing:
    """Gives subnets pasted into an existing VPC a free block when theirs would overlap.

    A pasted VPC keeps its blocks and so do the subnets inside it (a copy of a VPC is a
    separate network); only a subnet that lands in a VPC of the design, alone or inside
    a pasted AZ, is checked against that VPC's subnets and the ones pasted with it.
    """

    def __init__(self, design: Design) -> None:
        self.design = design
        self.landing: dict[str, str | None] = {}  # pasted node id -> existing VPC it lands in
        self.taken: dict[str, list[str]] = {}  # existing VPC id -> blocks pasted into it

    def place(self, node: Node) -> None:
        """Record where `node` lands (parents come first) and re-address it if it is such a subnet."""
        if node.parent in self.landing:
            vpc_id = self.landing[node.parent]
        else:
            vpc = self.design.vpc_of(node.parent) if node.parent in self.design else None
            vpc_id = vpc.id if vpc is not None else None
        self.landing[node.id] = None if node.kind == "vpc" else vpc_id
        if node.kind != "subnet" or vpc_id is None:
            return
        taken = self.taken.setdefault(vpc_id, [])
        fresh = pasted_subnet_cidr(self.design, vpc_id, node, taken)
        if fresh is not None:
            node.props = {**node.props, "cidr": fresh}
        cidr = effective_cidr(node)
        if isinstance(cidr, str):
            taken.append(cidr)


def _remap_props(kind: str, props: dict, id_map: dict[str, str], design: Design) -> dict:
    """Point the fragment's references at the pasted copies; drop ones that would dangle."""
    out = dict(props)
    for key in id_list_props(kind):
        value = out.get(key)
        if isinstance(value, list):
            out[key] = [id_map.get(v, v) for v in value if v in id_map or v in design]
    for key in ("inbound", "outbound"):
        rules = out.get(key)
        if kind == "security_group" and isinstance(rules, list):
            out[key] = [
                {**r, "source": id_map[r["source"]]} if isinstance(r, dict) and r.get("source") in id_map else r
                for r in rules
            ]
    return out
