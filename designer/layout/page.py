"""The page: Regions side by side, outside nodes in rows above them.

Outside nodes (the internet, an office, a hosted zone, a CloudFront distribution) are
layered by the edges between them, sources on top: users and DNS in the first row, the
CDN they reach in the next, the Regions below. Each row is placed bottom-up, every node
above the barycentre of what it connects to and off the lines of other edges, so traffic
reads downwards without crossing the nodes it does not touch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from designer.layout.constants import LANE_GAP, MARGIN, OUTSIDE_GAP
from designer.model import CONTAINER_KINDS

if TYPE_CHECKING:
    from designer.layout.engine import LayoutPass


def arrange_page(p: LayoutPass) -> None:
    """Place the top-level nodes of the pass's design."""
    g = p.g
    roots = g.children.get(None, [])
    lanes = [r for r in roots if g.kind(r) in CONTAINER_KINDS]
    outside = [r for r in roots if r not in set(lanes)]
    right = p.place_lanes(None, lanes, MARGIN, LANE_GAP * 2) if lanes else MARGIN
    rows = _layers(p, outside)
    heights = [max(p.item(i).foot.bottom for i in row) for row in rows]
    tops: list[float] = []
    y = MARGIN
    for h in heights:
        tops.append(y)
        y += h + OUTSIDE_GAP
    p.lanes_top[None] = y
    p.shift(lanes, y)
    lanes_right = max(right, MARGIN + 200.0)
    for row, top in reversed(list(zip(rows, tops, strict=True))):
        p.place_row(None, row, top, MARGIN, lanes_right)


def _layers(p: LayoutPass, outside: list[str]) -> list[list[str]]:
    """Outside nodes in rows by longest path along the edges between them (cycles cut
    where a depth-first walk in file order meets them)."""
    if not outside:
        return []
    g = p.g
    top_of: dict[str, str] = {}
    members = set(outside)

    def owner(node_id: str) -> str | None:
        if node_id in top_of:
            return top_of[node_id]
        current = node_id
        while g.nodes[current].parent is not None:
            current = g.nodes[current].parent  # type: ignore[assignment]
        result = current if current in members else None
        if result is not None:
            top_of[node_id] = result
        return result

    succ: dict[str, list[str]] = {o: [] for o in outside}
    for index in g.leaving.get(None, ()):
        s, t, _ = g.edges[index]
        a, b = owner(s), owner(t)
        if a is not None and b is not None and a != b and b not in succ[a]:
            succ[a].append(b)
    # Depth-first topological order; an edge to a node still on the stack closes a cycle.
    state: dict[str, int] = {}
    order: list[str] = []
    for start in outside:
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            node, k = stack.pop()
            if k < len(succ[node]):
                stack.append((node, k + 1))
                nxt = succ[node][k]
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                order.append(node)
    order.reverse()
    position = {node: k for k, node in enumerate(order)}
    rank = dict.fromkeys(outside, 0)
    for node in order:
        for nxt in succ[node]:
            if position[nxt] > position[node]:  # forward edges only; back edges close cycles
                rank[nxt] = max(rank[nxt], rank[node] + 1)
    rows: list[list[str]] = [[] for _ in range(max(rank.values()) + 1)]
    for node in outside:
        rows[rank[node]].append(node)
    return rows
