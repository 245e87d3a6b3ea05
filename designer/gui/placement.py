"""Where nodes go: the container that holds a rectangle, drops, moves and resizes as edits.

Qt-free so it is tested headless and fast: everything works in scene coordinates with
`designer.model.Rect`. A node's parent is the smallest frame that wholly holds its
rectangle (AWS convention: a subnet drawn across two AZs belongs to the VPC, and the
validator reports it); `can_be_placed` decides whether the editor accepts that parent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from designer.catalogue import KINDS, TOLERATED_PARENTS, can_be_placed, find_kind
from designer.edits import Compound, Edit, SetGeometry, SetParent, move_node
from designer.model import Design, Rect

# Kinds that hold other nodes (Region, VPC, AZ, subnet, and a hosted zone or an office).
FRAME_KINDS: frozenset[str] = frozenset(
    p for k in KINDS for p in (*k.allowed_parents, *TOLERATED_PARENTS.get(k.key, ())) if p is not None
)
PADDING = 8.0  # keep a dropped node this far inside its container's border
MIN_FRAME = (120.0, 80.0)


def is_frame_kind(kind: str) -> bool:
    """True for kinds drawn as frames because other nodes can live inside them."""
    return kind in FRAME_KINDS


@dataclass(frozen=True)
class Refusal:
    """Why the editor will not put a `kind` node inside `parent_kind` (None = top level)."""

    node_id: str | None
    kind: str
    parent_kind: str | None


@dataclass(frozen=True)
class DropPlan:
    """Where a dropped kind goes: its parent and geometry relative to that parent."""

    parent: str | None
    x: float
    y: float
    w: float
    h: float


def frame_rects(design: Design, exclude: Iterable[str] = ()) -> list[tuple[str, Rect, int]]:
    """(id, absolute rect, depth) of every frame node, minus `exclude`."""
    skip = set(exclude)
    out: list[tuple[str, Rect, int]] = []
    for node in design.nodes:
        if node.id in skip or not is_frame_kind(node.kind):
            continue
        rect = design.absolute_rect(node.id)
        if rect is not None:
            out.append((node.id, rect, len(design.ancestors(node.id))))
    return out


def container_for_rect(design: Design, rect: Rect, exclude: Iterable[str] = (),
                       frames: list[tuple[str, Rect, int]] | None = None) -> str | None:
    """The smallest frame that wholly holds `rect` (the deepest on ties), or None."""
    best: tuple[float, int] | None = None
    best_id: str | None = None
    for node_id, frame, depth in frames if frames is not None else frame_rects(design, exclude):
        if frame.contains(rect):
            key = (frame.area, -depth)
            if best is None or key < best:
                best, best_id = key, node_id
    return best_id


def container_at_point(design: Design, x: float, y: float) -> str | None:
    """The smallest frame under a scene point, or None for the empty canvas."""
    return container_for_rect(design, Rect(x, y, 0.0, 0.0))


def subtree_ids(design: Design, node_ids: Iterable[str]) -> set[str]:
    """The nodes and everything inside them."""
    out: set[str] = set()
    for nid in node_ids:
        if nid in design and nid not in out:
            out.add(nid)
            out.update(n.id for n in design.descendants(nid))
    return out


def top_level_ids(design: Design, node_ids: Iterable[str]) -> list[str]:
    """The given nodes minus those inside another given node (moving a frame moves its content)."""
    chosen = [n for n in node_ids if n in design]
    wanted = set(chosen)
    return [n for n in chosen if not any(a.id in wanted for a in design.ancestors(n))]


def parent_kind(design: Design, parent: str | None) -> str | None:
    return design.node(parent).kind if parent is not None else None


# --------------------------------------------------------------------------- drop
def plan_drop(design: Design, kind: str, x: float, y: float) -> DropPlan | Refusal:
    """Where a `kind` dropped at scene point (x, y) goes, or why it is refused.

    The node is centred on the point and kept inside the frame under the point (a frame
    too big for that container shrinks to fit); its parent is then the smallest frame
    that holds it, and `can_be_placed` accepts or refuses that parent.
    """
    spec = find_kind(kind)
    if spec is None:
        return Refusal(None, kind, None)
    w, h = spec.default_size
    target = container_at_point(design, x, y)
    rect = Rect(x - w / 2, y - h / 2, w, h)
    if target is not None:
        rect = fit_inside(rect, design.absolute_rect(target), shrink=is_frame_kind(kind))  # type: ignore[arg-type]
    parent = container_for_rect(design, rect)
    if not can_be_placed(kind, parent_kind(design, parent)):
        return Refusal(None, kind, parent_kind(design, parent))
    ox, oy = design.absolute_origin(parent)
    return DropPlan(parent, _round(rect.x - ox), _round(rect.y - oy), rect.w, rect.h)


def fit_inside(rect: Rect, frame: Rect, shrink: bool) -> Rect:
    """`rect` moved (and, for frames, shrunk) so it lies inside `frame` with some padding."""
    w, h = rect.w, rect.h
    room_w, room_h = frame.w - 2 * PADDING, frame.h - 2 * PADDING
    if shrink:
        w, h = max(min(w, room_w), min(MIN_FRAME[0], room_w)), max(min(h, room_h), min(MIN_FRAME[1], room_h))
    x = min(max(rect.x, frame.x + PADDING), frame.right - PADDING - w)
    y = min(max(rect.y, frame.y + PADDING), frame.bottom - PADDING - h)
    return Rect(max(x, frame.x), max(y, frame.y), w, h)


# --------------------------------------------------------------------------- move
def plan_move(design: Design, positions: Mapping[str, tuple[float, float]],
              description: str = "Move", frames: list[tuple[str, Rect, int]] | None = None) -> Compound | Refusal | None:
    """One step that moves nodes to new absolute top-left positions, reparenting as needed.

    `positions` holds the moved nodes (none inside another); each becomes the child of the
    smallest frame that holds its new rectangle. Returns None when nothing changes, and a
    Refusal (for the first offending node) when a new container cannot take the node.
    `frames`: the design's `frame_rects` without the moving nodes, when the caller has them.
    """
    if frames is None:
        frames = frame_rects(design, exclude=subtree_ids(design, positions))
    edits: list[Edit] = []
    for node_id, (ax, ay) in positions.items():
        node = design.node(node_id)
        old = design.absolute_rect(node_id)
        if old is None:
            continue
        rect = Rect(ax, ay, old.w, old.h)
        parent = container_for_rect(design, rect, frames=frames)
        if parent != node.parent and not can_be_placed(node.kind, parent_kind(design, parent)):
            return Refusal(node_id, node.kind, parent_kind(design, parent))
        ox, oy = design.absolute_origin(parent)
        x, y = _round(ax - ox), _round(ay - oy)
        if parent == node.parent and (x, y) == (node.x, node.y):
            continue
        edits.extend(move_node(design, node_id, parent, x, y, description=description).edits)
    return Compound(edits, description) if edits else None


def plan_resize(design: Design, node_id: str, rect: Rect, description: str = "Resize") -> Compound | Refusal | None:
    """One step that gives a frame a new absolute rectangle, keeping its content in place.

    Children are stored relative to the frame, so moving its top-left corner shifts them
    back by the same amount; the frame itself is reparented like a moved node.
    """
    node = design.node(node_id)
    old = design.absolute_rect(node_id)
    if old is None:
        return None
    frames = frame_rects(design, exclude=subtree_ids(design, [node_id]))
    parent = container_for_rect(design, rect, frames=frames)
    if parent != node.parent and not can_be_placed(node.kind, parent_kind(design, parent)):
        return Refusal(node_id, node.kind, parent_kind(design, parent))
    ox, oy = design.absolute_origin(parent)
    geometry = (_round(rect.x - ox), _round(rect.y - oy), _round(rect.w), _round(rect.h))
    edits: list[Edit] = []
    if parent != node.parent:
        edits.append(SetParent(node_id, parent))
    if geometry != (node.x, node.y, node.w, node.h):
        edits.append(SetGeometry(node_id, geometry))
    dx, dy = _round(rect.x - old.x), _round(rect.y - old.y)
    if dx or dy:
        for child in design.children(node_id):
            if child.x is not None and child.y is not None:
                edits.append(SetGeometry(child.id, (child.x - dx, child.y - dy, child.w, child.h)))
    return Compound(edits, description) if edits else None


def content_bounds(design: Design, node_id: str) -> Rect | None:
    """The absolute rectangle that a frame's children occupy (a resize keeps them inside)."""
    out: Rect | None = None
    for child in design.children(node_id):
        rect = design.absolute_rect(child.id)
        if rect is not None:
            out = rect if out is None else out.united(rect)
    return out


def _round(value: float) -> float:
    """Positions are stored with at most two decimals, so files stay readable and stable."""
    return float(round(value, 2))
