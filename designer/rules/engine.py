"""The validation engine: full checks and incremental re-checks after edits.

Each rule is evaluated once per subject (a node of its kinds, an edge of its kinds, or
the whole design). An evaluation's reads are recorded (see context.py); an index maps
each dependency key to the evaluations that read it. Model events are turned into keys
and mark those evaluations dirty; `refresh()` re-runs only them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from designer.model import (
    Design,
    DesignChanged,
    EdgeAdded,
    EdgeChanged,
    EdgeRemoved,
    Event,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)
from designer.rules.context import Context, Key
from designer.rules.finding import Finding, Issue
from designer.rules.registry import DESIGN_SUBJECT, RULES, Rule

Entry = tuple[str, str]  # (rule id, subject id: a node id, "edge:<id>", or "design")


def _load_rule_families() -> None:
    """Import every rule module so its decorators register (once)."""
    from designer.rules import families  # noqa: F401


class Validator:
    """Keeps the findings of a design up to date; `refresh()` re-checks only what changed."""

    def __init__(self, design: Design, rules: Iterable[Rule] | None = None, *, live: bool = True):
        _load_rule_families()
        self.design = design
        self.rules: dict[str, Rule] = {r.id: r for r in (rules if rules is not None else RULES.values())}
        self.ctx = Context(design)
        self._results: dict[Entry, list[Finding]] = {}
        self._deps: dict[Entry, set[Key]] = {}
        self._rules_of_subject: dict[str, set[str]] = defaultdict(set)
        self._index: dict[Key, set[Entry]] = defaultdict(set)
        self._dirty: set[Entry] = set()
        self._dirty_keys: set[Key] = set()
        self._added_nodes: list[str] = []
        self._added_edges: list[str] = []
        self._removed_nodes: set[str] = set()
        self._removed_edges: set[str] = set()
        self.evaluations = 0  # how many (rule, subject) evaluations ran, for tests and benchmarks
        self.trace: list[Entry] | None = None  # set to a list to record which evaluations ran
        self._by_node_kind: dict[str, list[Rule]] = defaultdict(list)
        self._by_edge_kind: dict[str, list[Rule]] = defaultdict(list)
        self._design_rules: list[Rule] = []
        for r in self.rules.values():
            for kind in r.node_kinds:
                self._by_node_kind[kind].append(r)
            for kind in r.edge_kinds:
                self._by_edge_kind[kind].append(r)
            if r.is_design_wide:
                self._design_rules.append(r)
        self._unsubscribe = design.subscribe(self._on_event) if live else None
        self._full()

    def close(self) -> None:
        """Stop following the design's events."""
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None

    # ------------------------------------------------------------------ results
    def findings(self) -> list[Finding]:
        """All current findings (refreshing first), in a stable order."""
        self.refresh()
        out = [f for findings in self._results.values() for f in findings]
        out.sort(key=Finding.sort_key)
        return out

    @property
    def pending(self) -> bool:
        return bool(self._dirty_keys or self._dirty or self._added_nodes or self._added_edges
                    or self._removed_nodes or self._removed_edges)

    # ------------------------------------------------------------------ evaluation
    def _full(self) -> None:
        for node in list(self.design.nodes):
            for r in self._by_node_kind.get(node.kind, ()):
                self._evaluate(r, node.id)
        for edge in list(self.design.edges):
            for r in self._by_edge_kind.get(edge.kind, ()):
                self._evaluate(r, f"edge:{edge.id}")
        for r in self._design_rules:
            self._evaluate(r, DESIGN_SUBJECT)

    def _evaluate(self, r: Rule, subject_id: str) -> None:
        entry = (r.id, subject_id)
        self._drop(entry)
        ctx = self.ctx
        deps: set[Key] = set()
        ctx.deps = deps
        try:
            if subject_id == DESIGN_SUBJECT:
                subject = None
            elif subject_id.startswith("edge:"):
                edge = self.design.get_edge(subject_id[5:])
                if edge is None:
                    return
                deps.add(("ek", edge.id))
                subject = ctx.edge_view(edge)
            else:
                node = self.design.get_node(subject_id)
                if node is None:
                    return
                subject = ctx.view(node)
            issues = list(r.function(ctx, subject))
        finally:
            ctx.deps = None
        self.evaluations += 1
        if self.trace is not None:
            self.trace.append(entry)
        self._deps[entry] = deps
        self._rules_of_subject[subject_id].add(r.id)
        for key in deps:
            self._index[key].add(entry)
        if issues:
            self._results[entry] = [self._finding(r, issue) for issue in issues]

    @staticmethod
    def _finding(r: Rule, issue: Issue) -> Finding:
        return Finding(r.id, issue.severity, tuple(issue.nodes), tuple(issue.edges),
                       issue.message, issue.message_ko, r.source, issue.fix)

    def _drop(self, entry: Entry) -> None:
        self._results.pop(entry, None)
        subject_rules = self._rules_of_subject.get(entry[1])
        if subject_rules is not None:
            subject_rules.discard(entry[0])
            if not subject_rules:
                del self._rules_of_subject[entry[1]]
        for key in self._deps.pop(entry, ()):
            entries = self._index.get(key)
            if entries is not None:
                entries.discard(entry)
                if not entries:
                    del self._index[key]

    # ------------------------------------------------------------------ incremental
    def _on_event(self, event: Event) -> None:
        keys = self._dirty_keys
        if isinstance(event, NodeChanged):
            nid, field = event.node_id, event.field
            if field.startswith("props."):
                keys.add(("P", nid))
                prop = field[6:]
                node = self.design.get_node(nid)
                value = node.props.get(prop) if node is not None else None
                keys.update(("r", t, prop) for t in self.ctx.update_refs(nid, prop, value))
            elif field == "geometry":
                keys.add(("g", nid))
            elif field == "label":
                keys.add(("l", nid))
            elif field == "parent":
                keys.update({("p", nid), ("c", event.old), ("c", event.new), ("g", nid)})
        elif isinstance(event, NodeAdded):
            node = self.design.node(event.node_id)
            keys.update({("n", node.id), ("c", node.parent), ("k", node.kind)})
            for prop, value in node.props.items():
                keys.update(("r", t, prop) for t in self.ctx.update_refs(node.id, prop, value))
            self._added_nodes.append(node.id)
        elif isinstance(event, NodeRemoved):
            nid = event.node_id
            keys.update({("n", nid), ("l", nid), ("p", nid), ("P", nid), ("g", nid), ("c", nid),
                         ("eo", nid), ("c", event.parent), ("k", event.kind)})
            self._removed_nodes.add(nid)
            keys.update(("r", t, prop) for t, prop in self.ctx.drop_refs(nid))
            self.ctx.forget(node_id=nid)
        elif isinstance(event, EdgeAdded):
            edge = self.design.edge(event.edge_id)
            keys.update({("e", edge.id), ("eo", edge.source), ("eo", edge.target), ("K", edge.kind)})
            self._added_edges.append(edge.id)
        elif isinstance(event, EdgeRemoved):
            eid = event.edge_id
            keys.update({("e", eid), ("ek", eid), ("ee", eid), ("eP", eid), ("el", eid),
                         ("eo", event.source), ("eo", event.target), ("K", event.kind)})
            self._removed_edges.add(eid)
            self.ctx.forget(edge_id=eid)
        elif isinstance(event, EdgeChanged):
            eid, field = event.edge_id, event.field
            if field.startswith("props."):
                keys.add(("eP", eid))
            elif field == "label":
                keys.add(("el", eid))
            elif field == "kind":
                keys.update({("ek", eid), ("K", event.old), ("K", event.new)})
                self._added_edges.append(eid)  # its subject memberships change
            else:  # source / target
                keys.update({("ee", eid), ("eo", event.old), ("eo", event.new)})
        elif isinstance(event, DesignChanged):
            keys.add(("s",) if event.field == "settings" else ("t",))

    def refresh(self) -> int:
        """Re-check what the edits since the last refresh can affect; returns evaluations run."""
        if not self.pending:
            return 0
        before = self.evaluations
        dirty = self._dirty
        for key in self._dirty_keys:
            dirty.update(self._index.get(key, ()))
        self._dirty_keys = set()
        # Subjects that no longer exist lose their entries; new subjects get evaluated.
        gone = [*self._removed_nodes, *(f"edge:{e}" for e in self._removed_edges)]
        for subject_id in gone:
            for rule_id in list(self._rules_of_subject.get(subject_id, ())):
                self._drop((rule_id, subject_id))
                dirty.discard((rule_id, subject_id))
        for nid in self._added_nodes:
            node = self.design.get_node(nid)
            if node is not None:
                dirty.update((r.id, nid) for r in self._by_node_kind.get(node.kind, ()))
        for eid in self._added_edges:
            edge = self.design.get_edge(eid)
            for rule_id in list(self._rules_of_subject.get(f"edge:{eid}", ())):
                # An edge whose kind changed may leave some rules' scope.
                self._drop((rule_id, f"edge:{eid}"))
                dirty.add((rule_id, f"edge:{eid}"))
            if edge is not None:
                dirty.update((r.id, f"edge:{eid}") for r in self._by_edge_kind.get(edge.kind, ()))
        self._added_nodes, self._added_edges = [], []
        self._removed_nodes, self._removed_edges = set(), set()
        for rule_id, subject_id in sorted(dirty):
            r = self.rules[rule_id]
            if self._in_scope(r, subject_id):
                self._evaluate(r, subject_id)
            else:
                self._drop((rule_id, subject_id))
        self._dirty = set()
        return self.evaluations - before

    def _in_scope(self, r: Rule, subject_id: str) -> bool:
        if subject_id == DESIGN_SUBJECT:
            return r.is_design_wide
        if subject_id.startswith("edge:"):
            edge = self.design.get_edge(subject_id[5:])
            return edge is not None and edge.kind in r.edge_kinds
        node = self.design.get_node(subject_id)
        return node is not None and node.kind in r.node_kinds


def validate(design: Design) -> list[Finding]:
    """Every finding of a design (a full check; no subscription is left behind)."""
    return Validator(design, live=False).findings()
