"""What the layout needs to know about a design, gathered once for all of its passes.

The tree (children in file order, depth-first order), which nodes are drawn as frames,
each node's neighbours (edges, and weaker ties from props that name other nodes: the
subnets a load balancer spans, an instance's security groups), the subnet tiers (subnets
that one resource spans belong in one row), and for each container the edges that leave
it (the only ones that can run through its bands).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.catalogue import KINDS, TOLERATED_PARENTS
from designer.model import CONTAINER_KINDS, Design, Edge, Node

# Kinds the canvas draws as frames because other nodes can live inside them.
FRAME_KINDS: frozenset[str] = frozenset(
    p for k in KINDS for p in (*k.allowed_parents, *TOLERATED_PARENTS.get(k.key, ())) if p is not None
) | frozenset(CONTAINER_KINDS)
EDGE_WEIGHT = 1.0
REF_WEIGHT = 0.5  # a prop reference pulls less than a drawn connection
REF_PROPS = ("subnets", "security_groups")


@dataclass
class LayoutGraph:
    """The design's tree and ties, indexed for the layout passes."""

    nodes: dict[str, Node]
    children: dict[str | None, list[str]]
    post_order: list[str]  # every node after all of its descendants
    neighbours: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    edges: list[tuple[str, str, Edge]] = field(default_factory=list)
    leaving: dict[str | None, list[int]] = field(default_factory=dict)  # container → edge indexes
    tier: dict[str, str] = field(default_factory=dict)  # subnet → the tier it shares with others
    _frame_ties: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    _chains: dict[str | None, tuple[str | None, ...]] = field(default_factory=dict)
    memo: dict[str, dict] = field(default_factory=dict)  # what the passes work out once and share

    def parent(self, node_id: str) -> str | None:
        return self.nodes[node_id].parent

    def kind(self, node_id: str) -> str:
        return self.nodes[node_id].kind

    def is_frame(self, node_id: str) -> bool:
        """Drawn as a frame: a container kind, or anything that holds nodes."""
        return self.nodes[node_id].kind in CONTAINER_KINDS or bool(self.children.get(node_id))

    def ties(self, node_id: str) -> list[tuple[str, float]]:
        """What a node connects to; for a frame, also what its content connects to outside it."""
        own = self.neighbours.get(node_id, [])
        if not self.children.get(node_id):
            return own
        cached = self._frame_ties.get(node_id)
        if cached is None:
            cached = list(own)
            stack = list(self.children[node_id])
            inside = set(stack)
            while stack:
                current = stack.pop()
                kids = self.children.get(current, ())
                inside.update(kids)
                stack.extend(kids)
                cached.extend(self.neighbours.get(current, ()))
            cached = [(other, w) for other, w in cached if other not in inside and other != node_id]
            self._frame_ties[node_id] = cached
        return cached

    def is_inside(self, node_id: str, container: str | None) -> bool:
        """True when `node_id` lies (strictly) below `container` (None: the page)."""
        if container is None:
            return True
        parent = self.nodes[node_id].parent
        while parent is not None:
            if parent == container:
                return True
            parent = self.nodes[parent].parent
        return False


def build_graph(design: Design) -> LayoutGraph:
    """Index `design` for the layout (linear in nodes, edges and prop references)."""
    nodes = {n.id: n for n in design.nodes}
    children: dict[str | None, list[str]] = {None: []}
    for node in nodes.values():
        parent = node.parent if node.parent in nodes else None
        children.setdefault(parent, []).append(node.id)
    children = {k: v for k, v in children.items() if v or k is None}
    graph = LayoutGraph(nodes=nodes, children=children, post_order=_post_order(children))
    _add_ties(graph, design)
    _add_tiers(graph)
    return graph


def _post_order(children: dict[str | None, list[str]]) -> list[str]:
    """Children before parents, iteratively (deep nesting must not hit the recursion limit)."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = [(c, False) for c in reversed(children.get(None, []))]
    while stack:
        node_id, expanded = stack.pop()
        if expanded:
            out.append(node_id)
            continue
        stack.append((node_id, True))
        stack.extend((c, False) for c in reversed(children.get(node_id, [])))
    return out


def _add_ties(graph: LayoutGraph, design: Design) -> None:
    nodes, neighbours = graph.nodes, graph.neighbours
    for edge in design.edges:
        s, t = edge.source, edge.target
        if s == t or s not in nodes or t not in nodes:
            continue
        neighbours.setdefault(s, []).append((t, EDGE_WEIGHT))
        neighbours.setdefault(t, []).append((s, EDGE_WEIGHT))
        index = len(graph.edges)
        graph.edges.append((s, t, edge))
        for container in _containers_left(graph, s, t):
            graph.leaving.setdefault(container, []).append(index)
    _add_gateway_ties(graph)
    for node in nodes.values():
        for key in REF_PROPS:
            refs = node.props.get(key)
            if not isinstance(refs, list):
                continue
            for ref in refs:
                if isinstance(ref, str) and ref in nodes and ref != node.id:
                    neighbours.setdefault(node.id, []).append((ref, REF_WEIGHT))
                    neighbours.setdefault(ref, []).append((node.id, REF_WEIGHT))


def _add_gateway_ties(graph: LayoutGraph) -> None:
    """An internet gateway serves its VPC's public subnets (their default route), drawn or not."""
    gateways: dict[str, list[str]] = {}
    for node in graph.nodes.values():
        if node.kind == "internet_gateway" and node.parent in graph.nodes \
                and graph.nodes[node.parent].kind == "vpc":
            gateways.setdefault(node.parent, []).append(node.id)
    if not gateways:
        return
    for node in graph.nodes.values():
        if node.kind != "subnet" or node.props.get("public") is not True:
            continue
        vpc = next((c for c in _chain(graph, node.id) if c is not None and graph.nodes[c].kind == "vpc"), None)
        for gateway in gateways.get(vpc, ()) if vpc else ():
            graph.neighbours.setdefault(gateway, []).append((node.id, REF_WEIGHT))
            graph.neighbours.setdefault(node.id, []).append((gateway, REF_WEIGHT))


def _containers_left(graph: LayoutGraph, s: str, t: str) -> list[str | None]:
    """The containers an edge from s to t leaves: every ancestor of either end up to and
    including their lowest common one (None for the page)."""
    up_s = _chain(graph, s)
    up_t = _chain(graph, t)
    k = 0  # length of the shared tail (the common ancestors, ending with None)
    while k < len(up_s) and k < len(up_t) and up_s[-1 - k] == up_t[-1 - k]:
        k += 1
    return [*up_s[:len(up_s) - k], *up_t[:len(up_t) - k], up_s[-k]]


def _chain(graph: LayoutGraph, node_id: str) -> tuple[str | None, ...]:
    """The node's ancestors, nearest first, ending with None (the page); memoised per parent."""
    parent = graph.nodes[node_id].parent
    cached = graph._chains.get(parent)
    if cached is not None:
        return cached
    out: list[str | None] = []
    current = parent
    while current is not None:
        out.append(current)
        current = graph.nodes[current].parent
    out.append(None)
    chain = tuple(out)
    graph._chains[parent] = chain
    return chain


def _add_tiers(graph: LayoutGraph) -> None:
    """Union the subnets that one node's `subnets` prop names: they form one tier (row)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression keeps it linear
            parent[x], x = root, parent[x]
        return root

    for node in graph.nodes.values():
        refs = node.props.get("subnets")
        if not isinstance(refs, list):
            continue
        subnets = [r for r in refs if isinstance(r, str) and r in graph.nodes
                   and graph.nodes[r].kind == "subnet"]
        if len(subnets) < 2:
            continue
        for subnet in subnets:
            parent.setdefault(subnet, subnet)
        for other in subnets[1:]:
            a, b = find(subnets[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the smaller id wins: deterministic
    for subnet in parent:
        graph.tier[subnet] = find(subnet)
