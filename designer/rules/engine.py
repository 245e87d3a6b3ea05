"""The validation engine: full checks and incremental re-checks after edits.

Each rule is evaluated once per subject (a node of its kinds, an edge of its kinds, or
the whole design); the rules of one subject run together. Their reads are recorded (see
context.py); an index maps each dependency key to the subjects that read it. Model events
are turned into keys and mark those subjects dirty; `refresh()` re-runs only them.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

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
from designer.rules.context import DISCARD, Context, EdgeView, Key, NodeView
from designer.rules.finding import Finding, Issue
from designer.rules.registry import DESIGN_SUBJECT, RULES, Rule

Entry = tuple[str, str]  # (rule id, subject id: a node id, "edge:<id>", or "design")


def _load_rule_families() -> None:
    """Import every rule module so its decorators register (once)."""
    from designer.rules import families  # noqa: F401


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while checking: a check allocates many small,
    short-lived objects, and collections that walk the whole design cost a third of it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Validator:
    """Keeps the findings of a design up to date; `refresh()` re-checks only what changed.

    The unit of re-checking is a subject (a node, an edge or the design): all the rules
    that apply to it run together and share one dependency set, so the index stays small.
    """

    def __init__(self, design: Design, rules: Iterable[Rule] | None = None, *, live: bool = True):
        _load_rule_families()
        self.design = design
        self.rules: dict[str, Rule] = {r.id: r for r in (rules if rules is not None else RULES.values())}
        self.ctx = Context(design, tracking=live)
        self._results: dict[str, list[Finding]] = {}
        self._deps: dict[str, tuple[Key, ...]] = {}
        self._index: dict[Key, set[str]] = {}
        self._dirty: set[str] = set()
        self._dirty_keys: set[Key] = set()
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
        # A one-shot check (live=False) records no dependencies: nothing will be re-checked.
        self._tracking = live
        self._unsubscribe = design.subscribe(self._on_event) if live else None
        with _gc_paused():
            self._full()
            self.ctx.reset_memo()  # as after every re-check (see refresh)

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
        return bool(self._dirty_keys or self._dirty)

    # ------------------------------------------------------------------ evaluation
    def _full(self) -> None:
        ctx = self.ctx
        ctx.prime()  # nearly every node's edges, children and containers will be asked for
        by_node, by_edge = self._by_node_kind, self._by_edge_kind
        # The subjects are at hand here: no id parsing or look-up as in `_evaluate`.
        for node in list(self.design.nodes):
            rules = by_node.get(node.kind)
            if rules:
                self._run(node.id, ctx.view(node), rules, set())
        for edge in list(self.design.edges):
            rules = by_edge.get(edge.kind)
            if rules:
                # Its kind decides which rules apply.
                self._run(f"edge:{edge.id}", ctx.edge_view(edge), rules, {("ek", edge.id)})
        if self._design_rules:
            self._run(DESIGN_SUBJECT, None, self._design_rules, set())

    def _evaluate(self, subject_id: str) -> None:
        """(Re-)run every rule that applies to the subject as it is now."""
        self._results.pop(subject_id, None)
        # The index is updated with what changed in the subject's reads, once they are known.
        old = self._deps.pop(subject_id, ())
        ctx = self.ctx
        if subject_id == DESIGN_SUBJECT:
            if self._design_rules:
                self._run(subject_id, None, self._design_rules, set(), old)
                return
        elif subject_id.startswith("edge:"):
            edge = self.design.get_edge(subject_id[5:])
            if edge is not None:
                rules = self._by_edge_kind.get(edge.kind)
                if rules:
                    self._run(subject_id, ctx.edge_view(edge), rules, {("ek", edge.id)}, old)
                    return
        else:
            node = self.design.get_node(subject_id)
            if node is not None:
                rules = self._by_node_kind.get(node.kind)
                if rules:
                    self._run(subject_id, ctx.view(node), rules, set(), old)
                    return
        self._unindex(subject_id, old)  # gone, or no rule applies to it any more

    def _run(self, subject_id: str, subject: NodeView | EdgeView | None, rules: list[Rule],
             deps: set[Key], old: tuple[Key, ...] = ()) -> None:
        """Run the subject's rules together, keep their findings and index what they read
        (`old`: what its previous evaluation read, already taken out of `_deps`)."""
        ctx = self.ctx
        findings: list[Finding] = []
        # Untracked, reads still land in a set (a C-level add is cheaper than a no-op call).
        ctx.deps = deps
        try:
            for r in rules:
                for issue in r.function(ctx, subject):
                    findings.append(self._finding(r, issue))
        finally:
            ctx.deps = DISCARD
        self.evaluations += len(rules)
        if self.trace is not None:
            self.trace.extend((r.id, subject_id) for r in rules)
        if findings:
            self._results[subject_id] = findings
        if not self._tracking:
            return
        self._deps[subject_id] = tuple(deps)
        added: set[Key] = deps
        if old:
            # A re-check mostly reads what it read before: touch only the index entries
            # of keys it stopped or started reading.
            before = set(old)
            self._unindex(subject_id, before.difference(deps))
            added = deps.difference(before)
        index = self._index
        for key in added:
            subjects = index.get(key)
            if subjects is None:
                index[key] = {subject_id}
            else:
                subjects.add(subject_id)

    @staticmethod
    def _finding(r: Rule, issue: Issue) -> Finding:
        return Finding(r.id, issue.severity, tuple(issue.nodes), tuple(issue.edges),
                       issue.message, issue.message_ko, r.source, issue.fix)

    def _unindex(self, subject_id: str, keys: Iterable[Key]) -> None:
        """Take the subject out of the index entries of these keys."""
        for key in keys:
            subjects = self._index.get(key)
            if subjects is not None:
                subjects.discard(subject_id)
                if not subjects:
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
            self._dirty.add(node.id)
        elif isinstance(event, NodeRemoved):
            nid = event.node_id
            keys.update({("n", nid), ("l", nid), ("p", nid), ("P", nid), ("g", nid), ("c", nid),
                         ("eo", nid), ("c", event.parent), ("k", event.kind)})
            self._dirty.add(nid)
            keys.update(("r", t, prop) for t, prop in self.ctx.drop_refs(nid))
            self.ctx.forget(node_id=nid)
        elif isinstance(event, EdgeAdded):
            edge = self.design.edge(event.edge_id)
            keys.update({("e", edge.id), ("eo", edge.source), ("eo", edge.target), ("K", edge.kind)})
            self._dirty.add(f"edge:{edge.id}")
        elif isinstance(event, EdgeRemoved):
            eid = event.edge_id
            keys.update({("e", eid), ("ek", eid), ("ee", eid), ("eP", eid), ("el", eid),
                         ("eo", event.source), ("eo", event.target), ("K", event.kind)})
            self._dirty.add(f"edge:{eid}")
            self.ctx.forget(edge_id=eid)
        elif isinstance(event, EdgeChanged):
            eid, field = event.edge_id, event.field
            if field.startswith("props."):
                keys.add(("eP", eid))
            elif field == "label":
                keys.add(("el", eid))
            elif field == "kind":
                keys.update({("ek", eid), ("K", event.old), ("K", event.new)})
                self._dirty.add(f"edge:{eid}")  # the rules that apply to it change
            else:  # source / target
                keys.update({("ee", eid), ("eo", event.old), ("eo", event.new)})
        elif isinstance(event, DesignChanged):
            keys.add(("s",) if event.field == "settings" else ("t",))

    def refresh(self) -> int:
        """Re-check what the edits since the last refresh can affect; returns evaluations run."""
        if not self.pending:
            return 0
        before = self.evaluations
        self.ctx.reset_memo()
        dirty = self._dirty
        index = self._index
        for key in self._dirty_keys:
            subjects = index.get(key)
            if subjects:
                dirty.update(subjects)
        self._dirty_keys = set()
        self._dirty = set()
        # A subject that no longer exists is dropped by _evaluate; a new one is evaluated.
        with _gc_paused():
            for subject_id in sorted(dirty):
                self._evaluate(subject_id)
            # Facts are per check: freed now, by reference counting, so the collector's next
            # young collection does not walk them all first.
            self.ctx.reset_memo()
        return self.evaluations - before


def validate(design: Design) -> list[Finding]:
    """Every finding of a design (a full check; no subscription is left behind)."""
    with _gc_paused():
        validator = Validator(design, live=False)
        findings = validator.findings()
        # Freed by reference counting before the collector resumes: its first young
        # collection would otherwise walk every view and memoised fact of the check.
        validator.ctx.clear()
        del validator
    return findings
