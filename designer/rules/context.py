"""The read-tracking view of a design that rules see.

Every read a rule makes (a node's props, its parent, the children of a container, the
edges of a node, the nodes of a kind…) is recorded as a dependency key. After an edit,
the engine turns the model's events into the same keys and re-evaluates only the
(rule, subject) pairs that read one of them. Because rules can only read through this
view, a full check and an incremental one give the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from designer.model import Design, Edge, Node, Rect

Key = tuple
T = TypeVar("T")


class NodeView:
    """A read-only node whose field reads are recorded. `id` and `kind` never change."""

    __slots__ = ("_ctx", "_node", "_fields", "id", "kind", "_k_label", "_k_parent", "_k_props",
                 "_k_geometry")

    def __init__(self, ctx: Context, node: Node) -> None:
        self._ctx = ctx
        self._node = node
        # The model's field values: pydantic keeps them in the instance dict (assignments
        # included), and reading it directly skips BaseModel's `__getattr__` hook on hot reads.
        self._fields: dict[str, Any] = vars(node)
        self.id = node.id
        self.kind = node.kind
        # The dependency keys, built once: reads are the validator's hottest path. A one-shot
        # check records nothing, so it builds none (its reads add None to a throwaway set).
        tracked = ctx.tracking
        self._k_label = ("l", node.id) if tracked else None
        self._k_parent = ("p", node.id) if tracked else None
        self._k_props = ("P", node.id) if tracked else None
        self._k_geometry = ("g", node.id) if tracked else None

    def __repr__(self) -> str:
        return f"NodeView({self.id!r}, {self.kind!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NodeView) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def label(self) -> str | None:
        self._ctx.deps.add(self._k_label)
        return self._fields["label"]

    @property
    def name(self) -> str:
        """What a message calls the node: its label, else its id."""
        self._ctx.deps.add(self._k_label)
        return self._fields["label"] or self.id

    @property
    def parent(self) -> str | None:
        self._ctx.deps.add(self._k_parent)
        return self._fields["parent"]

    @property
    def props(self) -> dict[str, Any]:
        """The props dict (read-only by convention: rules never change the design)."""
        self._ctx.deps.add(self._k_props)
        return self._fields["props"]

    def prop(self, key: str, default: Any = None) -> Any:
        self._ctx.deps.add(self._k_props)
        return self._fields["props"].get(key, default)

    def prop_list(self, key: str) -> list[Any]:
        """A list prop, or [] when it is absent or not a list (a design may hold anything)."""
        self._ctx.deps.add(self._k_props)
        value = self._fields["props"].get(key)
        return value if isinstance(value, list) else []

    @property
    def rect(self) -> Rect | None:
        """The absolute rectangle (depends on this node's and its ancestors' geometry)."""
        ctx = self._ctx
        ctx.deps.add(self._k_geometry)
        for ancestor in ctx.ancestors(self.id):
            ctx.deps.add(ancestor._k_geometry)
        return ctx.design.absolute_rect(self.id)


class EdgeView:
    """A read-only edge whose field reads are recorded. `id` never changes."""

    __slots__ = ("_ctx", "_edge", "_fields", "id", "_k_kind", "_k_ends", "_k_label", "_k_props")

    def __init__(self, ctx: Context, edge: Edge) -> None:
        self._ctx = ctx
        self._edge = edge
        self._fields: dict[str, Any] = vars(edge)  # as in NodeView: the live field values
        self.id = edge.id
        tracked = ctx.tracking  # as in NodeView: no keys for a one-shot check
        self._k_kind = ("ek", edge.id) if tracked else None
        self._k_ends = ("ee", edge.id) if tracked else None
        self._k_label = ("el", edge.id) if tracked else None
        self._k_props = ("eP", edge.id) if tracked else None

    def __repr__(self) -> str:
        return f"EdgeView({self.id!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EdgeView) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def kind(self) -> str:
        self._ctx.deps.add(self._k_kind)
        return self._fields["kind"]

    @property
    def source(self) -> str:
        self._ctx.deps.add(self._k_ends)
        return self._fields["source"]

    @property
    def target(self) -> str:
        self._ctx.deps.add(self._k_ends)
        return self._fields["target"]

    @property
    def label(self) -> str | None:
        self._ctx.deps.add(self._k_label)
        return self._fields["label"]

    @property
    def props(self) -> dict[str, Any]:
        self._ctx.deps.add(self._k_props)
        return self._fields["props"]

    def prop(self, key: str, default: Any = None) -> Any:
        self._ctx.deps.add(self._k_props)
        return self._fields["props"].get(key, default)


class _Discard:
    """Stands in for the dependency set outside an evaluation: reads are not recorded."""

    __slots__ = ()

    def add(self, key: Key) -> None:
        pass

    def update(self, keys: Iterable[Key]) -> None:
        pass


DISCARD: Any = _Discard()
EMPTY: frozenset[Key] = frozenset()
_MISS: Any = object()  # a memo table's "not computed yet" (None is a valid value)


class Context:
    """The design as rules see it; records what each evaluation reads into `deps`.

    Shared derived facts (a node's ancestors, a subnet's routes…) can be memoised with
    `memo`: the value is computed once per check together with the keys it read, and every
    later caller gets the value and those keys. `reset_memo()` drops them when the design
    has changed (the Validator calls it before each re-check).
    """

    def __init__(self, design: Design, tracking: bool = True) -> None:
        self.design = design
        self.tracking = tracking  # False: a one-shot check that records no dependencies
        self.deps: set[Key] | _Discard = DISCARD
        # Per function: key -> (value, the keys it read); a one-shot check stores bare values.
        self._memo: dict[Callable[..., Any], dict[Any, Any]] = {}
        self._node_views: dict[str, NodeView] = {}
        self._edge_views: dict[str, EdgeView] = {}
        # Reverse references (target id, prop) -> ids of nodes whose list prop names the target;
        # built on first use and kept current by `update_refs` (the Validator calls it).
        self._refs: dict[tuple[str, str], set[str]] | None = None
        self._refs_of: dict[str, dict[str, set[str]]] = {}

    # ---- bookkeeping
    def read(self, key: Key) -> None:
        self.deps.add(key)

    def memo(self, function: Callable[[Context, Any], T], arg: Any) -> T:
        """`function(ctx, arg)`, computed once per check; its reads count for every caller.

        `arg` is a view (keyed by its id) or any hashable value (a tuple for several).
        """
        # One table per function; a view is keyed by its id (a str hashes in C). Exact
        # arguments, no *args: this is the validator's most frequent call.
        key = arg.id if arg.__class__ is NodeView or arg.__class__ is EdgeView else arg
        table = self._memo.get(function)
        if table is None:
            table = self._memo[function] = {}
        if not self.tracking:  # a one-shot check: the table holds bare values
            value = table.get(key, _MISS)
            if value is _MISS:
                value = table[key] = function(self, arg)
            return value
        hit = table.get(key)
        if hit is None:
            outer = self.deps
            inner: set[Key] = set()
            self.deps = inner
            try:
                value = function(self, arg)
            finally:
                self.deps = outer
            hit = table[key] = (value, frozenset(inner))
        self.deps.update(hit[1])
        return hit[0]

    def prime(self) -> None:
        """Fill the memo tables of the structural facts that a full check asks for nearly every
        node (its edges, children, ancestors and containers) in one pass over the design each,
        instead of one look-up or walk per node. Values and recorded keys are exactly what the
        lazy facts compute (tests compare them); a re-check after an edit stays lazy."""
        design, tracked = self.design, self.tracking
        nodes = [self.view(n) for n in design.nodes]

        def fill(function: Callable[..., Any], key: Any, value: Any, deps: frozenset[Key]) -> None:
            table = self._memo.setdefault(function, {})
            if key not in table:
                table[key] = (value, deps) if tracked else value

        edges: dict[str, list[EdgeView]] = {v.id: [] for v in nodes}
        for edge in design.edges:  # file order, as Design.edges_of sorts them
            view = self.edge_view(edge)
            source, target = view._fields["source"], view._fields["target"]
            edges.setdefault(source, []).append(view)
            if target != source:
                edges.setdefault(target, []).append(view)
        kids: dict[str | None, list[NodeView]] = {v.id: [] for v in nodes}
        kids[None] = []
        for view in nodes:
            kids.setdefault(view._fields["parent"], []).append(view)
        for key, value in edges.items():
            fill(_edges_of, key, value, frozenset([("eo", key)]) if tracked else EMPTY)
        for key, value in kids.items():
            fill(_children, key, value, frozenset([("c", key)]) if tracked else EMPTY)
        # Top-down: a node's ancestors are its parent and the parent's ancestors; its
        # containers are the parent's, then itself. Both read the parent keys up the chain.
        stack = [(top, [], {}, EMPTY) for top in kids[None]]
        while stack:
            view, above, around, chain = stack.pop()
            chain = chain | {("p", view.id)} if tracked else EMPTY
            mine = {**around, view.kind: view}
            fill(_ancestors, view.id, above, chain)
            fill(_enclosing, view.id, mine, chain)
            below = [view, *above]
            stack.extend((child, below, mine, chain) for child in kids[view.id])

    def reset_memo(self) -> None:
        """Forget memoised facts (the design changed since they were computed)."""
        self._memo.clear()

    def clear(self) -> None:
        """Drop every cache (memo, views, reverse references). Views point back at the
        context, so this also lets a finished one-shot check be freed without the collector."""
        self._memo.clear()
        self._node_views.clear()
        self._edge_views.clear()
        self._refs, self._refs_of = None, {}

    def forget(self, node_id: str | None = None, edge_id: str | None = None) -> None:
        """Drop cached views of removed elements."""
        if node_id is not None:
            self._node_views.pop(node_id, None)
        if edge_id is not None:
            self._edge_views.pop(edge_id, None)

    def view(self, node: Node) -> NodeView:
        view = self._node_views.get(node.id)
        if view is None or view._node is not node:
            view = self._node_views[node.id] = NodeView(self, node)
        return view

    def edge_view(self, edge: Edge) -> EdgeView:
        view = self._edge_views.get(edge.id)
        if view is None or view._edge is not edge:
            view = self._edge_views[edge.id] = EdgeView(self, edge)
        return view

    # ---- nodes
    def node(self, node_id: str | None) -> NodeView | None:
        """The node with this id, or None when there is none."""
        if node_id is None:
            return None
        self.deps.add(("n", node_id))
        node = self.design.get_node(node_id)
        if node is None:
            return None
        view = self._node_views.get(node_id)
        if view is None or view._node is not node:
            view = self._node_views[node_id] = NodeView(self, node)
        return view

    def children(self, node_id: str | None) -> list[NodeView]:
        """Direct children in file order (do not modify the list)."""
        return self.memo(_children, node_id)

    def descendants(self, node_id: str) -> list[NodeView]:
        """Everything below a node, pre-order."""
        out: list[NodeView] = []
        stack = list(reversed(self.children(node_id)))
        while stack:
            view = stack.pop()
            out.append(view)
            stack.extend(reversed(self.children(view.id)))
        return out

    def ancestors(self, node_id: str) -> list[NodeView]:
        """From the parent up to the top-level node (do not modify the list)."""
        return self.memo(_ancestors, node_id)

    def containers(self, node_id: str) -> dict[str, NodeView]:
        """Per kind, the node itself or its nearest ancestor of that kind (do not modify)."""
        return self.memo(_enclosing, node_id)

    def enclosing(self, node_id: str, kind: str) -> NodeView | None:
        """The node itself when it is of `kind`, else its nearest ancestor of that kind."""
        return self.memo(_enclosing, node_id).get(kind)

    def az_of(self, node_id: str) -> NodeView | None:
        return self.memo(_enclosing, node_id).get("availability_zone")

    def subnet_of(self, node_id: str) -> NodeView | None:
        return self.memo(_enclosing, node_id).get("subnet")

    def vpc_of(self, node_id: str) -> NodeView | None:
        return self.memo(_enclosing, node_id).get("vpc")

    def region_of(self, node_id: str) -> NodeView | None:
        return self.memo(_enclosing, node_id).get("region")

    def nodes_of_kind(self, *kinds: str) -> list[NodeView]:
        for kind in kinds:
            self.read(("k", kind))
        return [self.view(n) for n in self.design.nodes_of_kind(*kinds)]

    # ---- edges
    def edges_of(self, node_id: str, kinds: Iterable[str] | None = None) -> list[EdgeView]:
        """Edges touching a node (optionally of some kinds), in file order."""
        if kinds is None:
            return list(self.memo(_edges_of, node_id))
        by_kind = self.memo(_edges_by_kind, node_id)  # reads every edge's kind, as a filter would
        wanted = tuple(kinds)
        if len(wanted) == 1:
            return list(by_kind.get(wanted[0], ()))
        return [v for v in self.memo(_edges_of, node_id) if v._fields["kind"] in wanted]

    def edges_from(self, node_id: str, *kinds: str) -> list[EdgeView]:
        return [e for e in self.edges_of(node_id, kinds or None) if e.source == node_id]

    def edges_to(self, node_id: str, *kinds: str) -> list[EdgeView]:
        return [e for e in self.edges_of(node_id, kinds or None) if e.target == node_id]

    def edges_of_kind(self, *kinds: str) -> list[EdgeView]:
        for kind in kinds:
            self.read(("K", kind))
        return [self.edge_view(e) for e in self.design.edges_of_kind(*kinds)]

    def edge(self, edge_id: str) -> EdgeView | None:
        self.read(("e", edge_id))
        edge = self.design.get_edge(edge_id)
        return self.edge_view(edge) if edge is not None else None

    # ---- reverse references
    def referrers(self, node_id: str, prop: str, *kinds: str) -> list[NodeView]:
        """Nodes (of `kinds`, when given) whose list prop `prop` names `node_id`, sorted by id.

        E.g. `referrers(subnet, "subnets", "network_acl")` is the NACLs associated with a
        subnet. Recorded as one key, so only edits that change this set re-check the reader.
        """
        self.read(("r", node_id, prop))
        refs = self._reference_index().get((node_id, prop))
        if not refs:
            return []
        out = []
        for ref in sorted(refs):
            node = self.design.get_node(ref)
            if node is not None and (not kinds or node.kind in kinds):
                out.append(self.view(node))
        return out

    def _reference_index(self) -> dict[tuple[str, str], set[str]]:
        if self._refs is None:
            # Built in one pass (what `_set_refs` would make, prop by prop, from empty).
            refs: dict[tuple[str, str], set[str]] = {}
            refs_of: dict[str, dict[str, set[str]]] = {}
            for node in self.design.nodes:
                for key, value in node.props.items():
                    if not isinstance(value, list):
                        continue
                    targets = _id_list(value)
                    if not targets:
                        continue
                    refs_of.setdefault(node.id, {})[key] = targets
                    for target in targets:
                        holders = refs.get((target, key))
                        if holders is None:
                            refs[(target, key)] = {node.id}
                        else:
                            holders.add(node.id)
            self._refs, self._refs_of = refs, refs_of
        return self._refs

    def _set_refs(self, node_id: str, key: str, value: Any) -> set[str]:
        """Replace what `node_id`'s prop `key` refers to; returns old ∪ new targets."""
        assert self._refs is not None
        mine = self._refs_of.setdefault(node_id, {})
        old = mine.pop(key, set())
        new = _id_list(value)
        for target in old - new:
            refs = self._refs.get((target, key))
            if refs is not None:
                refs.discard(node_id)
                if not refs:
                    del self._refs[(target, key)]
        for target in new - old:
            self._refs.setdefault((target, key), set()).add(node_id)
        if new:
            mine[key] = new
        if not mine:
            del self._refs_of[node_id]
        return old | new

    def update_refs(self, node_id: str, key: str, value: Any) -> set[str]:
        """Keep the reverse index current after a node's prop changed (or the node was added);
        returns the ids whose referrer sets may have changed, for ("r", id, key) keys."""
        if self._refs is None:  # nobody has asked yet, so nobody depends on it
            return set()
        return self._set_refs(node_id, key, value)

    def drop_refs(self, node_id: str) -> list[tuple[str, str]]:
        """Forget a removed node's references; returns the (target, key) pairs it held."""
        if self._refs is None:
            return []
        pairs = [(t, k) for k, targets in self._refs_of.get(node_id, {}).items() for t in targets]
        for key in list(self._refs_of.get(node_id, {})):
            self._set_refs(node_id, key, None)
        return pairs

    # ---- design-wide
    def quota(self, name: str, default: int) -> int:
        """A quota: the design's raised value from `settings.quotas`, else AWS's default."""
        self.read(("s",))
        value = self.design.settings.quotas.get(name)
        return value if isinstance(value, int) else default

    def setting(self, name: str, default: Any = None) -> Any:
        self.read(("s",))
        return getattr(self.design.settings, name, default)


def _id_list(value: Any) -> set[str]:
    """The strings of a list prop (ids, as far as the reverse index is concerned)."""
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _ancestors(ctx: Context, node_id: str) -> list[NodeView]:
    # The parent, then the parent's own (memoised) ancestors: reads the same parent keys as
    # a walk up the chain, and every node on the way gets its list from one walk.
    ctx.deps.add(("p", node_id))
    node = ctx.design.get_node(node_id)
    if node is None or node.parent is None:
        return []
    parent = ctx.design.get_node(node.parent)
    if parent is None:
        return []
    return [ctx.view(parent), *ctx.memo(_ancestors, parent.id)]


def _children(ctx: Context, node_id: str | None) -> list[NodeView]:
    ctx.deps.add(("c", node_id))
    return [ctx.view(n) for n in ctx.design.children(node_id)]


def _enclosing(ctx: Context, node_id: str) -> dict[str, NodeView]:
    """Per kind, the node itself or its nearest ancestor of that kind: one walk up the chain
    serves every `enclosing`/`vpc_of`/`subnet_of`… of the node (it reads the whole chain's
    parents, as `ancestors` does)."""
    node = ctx.design.get_node(node_id)
    if node is None:
        return {}
    found: dict[str, NodeView] = {}
    for ancestor in reversed(ctx.ancestors(node_id)):  # outermost first: nearer ones overwrite
        found[ancestor.kind] = ancestor
    found[node.kind] = ctx.view(node)
    return found


def _edges_of(ctx: Context, node_id: str) -> list[EdgeView]:
    ctx.deps.add(("eo", node_id))
    return [ctx.edge_view(e) for e in ctx.design.edges_of(node_id)]


def _edges_by_kind(ctx: Context, node_id: str) -> dict[str, list[EdgeView]]:
    """A node's edges grouped by kind, each group in file order."""
    out: dict[str, list[EdgeView]] = {}
    for view in ctx.memo(_edges_of, node_id):
        ctx.deps.add(view._k_kind)
        kind = view._fields["kind"]
        group = out.get(kind)
        if group is None:
            out[kind] = [view]
        else:
            group.append(view)
    return out

