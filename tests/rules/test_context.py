"""The read-tracking context's caches: primed tables equal the lazy facts, memo keys, resets."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.generate import generate
from designer.edits import AddEdge, SetEdgeField, SetParent, SetProp
from designer.model import Design, Edge
from designer.rules import Validator, validate
from designer.rules.context import Context
from tests.conftest import SAMPLES_DIR, load_sample

SAMPLES = sorted(p.name.removesuffix(".awsd.json") for p in SAMPLES_DIR.glob("*.awsd.json"))


def _facts(ctx: Context, design: Design) -> dict[tuple[str, Any], tuple[Any, frozenset]]:
    """Every structural fact `prime` fills, as (ids of the value, keys read) per node."""
    out: dict[tuple[str, Any], tuple[Any, frozenset]] = {}
    for node_id in [None, *design.node_ids()]:
        asks = {"children": lambda i: [v.id for v in ctx.children(i)]}
        if node_id is not None:
            asks.update({
                "edges": lambda i: [v.id for v in ctx.edges_of(i)],
                "ancestors": lambda i: [v.id for v in ctx.ancestors(i)],
                "containers": lambda i: {k: v.id for k, v in ctx.containers(i).items()},
                "vpc_of": lambda i: getattr(ctx.vpc_of(i), "id", None),
                "on_premises": lambda i: getattr(ctx.enclosing(i, "on_premises"), "id", None),
            })
        for name, ask in asks.items():
            ctx.deps = set()
            value = ask(node_id)
            out[(name, node_id)] = (value, frozenset(ctx.deps))
    return out


def _designs() -> list[tuple[str, Design]]:
    return [*((name, load_sample(name)) for name in SAMPLES), ("generated-100", generate(100, seed=0))]


@pytest.mark.parametrize("tracking", [True, False])
def test_primed_facts_equal_the_lazy_ones(tracking):
    """`prime` fills edges, children, ancestors and containers in one pass each; what every
    caller then gets (values and, when tracking, the keys it records) is what the lazy
    facts compute node by node."""
    for name, design in _designs():
        lazy = Context(design, tracking=tracking)
        primed = Context(design, tracking=tracking)
        primed.prime()
        assert primed._memo, name  # the tables were filled before anyone asked
        want, got = _facts(lazy, design), _facts(primed, design)
        if not tracking:  # a one-shot check records nothing: compare the values only
            want = {k: v for k, (v, _) in want.items()}
            got = {k: v for k, (v, _) in got.items()}
        assert got == want, name


def test_priming_covers_nested_and_top_level_nodes():
    design = generate(100, seed=0)
    ctx = Context(design, tracking=True)
    ctx.prime()
    deepest = max(design.nodes, key=lambda n: len(design.ancestors(n.id)))
    chain = [a.id for a in design.ancestors(deepest.id)]
    assert len(chain) >= 4
    ctx.deps = set()
    assert [v.id for v in ctx.ancestors(deepest.id)] == chain
    assert ctx.deps == {("p", deepest.id), *(("p", a) for a in chain)}
    assert {v.id for v in ctx.children(None)} == {n.id for n in design.roots()}


def test_memo_keys_a_view_by_its_id_and_computes_once():
    design = load_sample("three-tier")
    ctx = Context(design, tracking=True)
    calls: list[str] = []

    def fact(c: Context, node: Any) -> str:
        calls.append(node.id)
        return node.prop("cidr")

    view = ctx.node("app-a")
    assert view is not None
    ctx.deps = set()
    assert ctx.memo(fact, view) == ctx.memo(fact, view) == design.node("app-a").props["cidr"]
    assert calls == ["app-a"]
    assert ctx.deps == {("P", "app-a")}  # the second caller gets the first one's reads too
    ctx.reset_memo()
    ctx.memo(fact, view)
    assert calls == ["app-a", "app-a"]


def test_a_refresh_after_structural_edits_does_not_reuse_primed_facts():
    """The live validator primes its first full check only; edits that change what was primed
    (a re-parent, an edge's ends, a new edge) must show in the next re-check."""
    design = load_sample("three-tier")
    validator = Validator(design)
    assert validator.findings() == validate(design)
    steps = [
        SetParent("db", "db-c"),
        SetEdgeField("e2", "target", "db"),
        AddEdge(Edge(id="x-flow", kind="traffic", source="users", target="db", props={"port": 3306})),
        SetProp("app-a", "cidr", "10.0.200.0/24"),
    ]
    for step in steps:
        step.apply(design)
        assert validator.findings() == validate(design), step
        ctx = validator.ctx
        ctx.deps = set()
        assert [v.id for v in ctx.ancestors("db")] == [a.id for a in design.ancestors("db")]
        assert [v.id for v in ctx.edges_of("db")] == [e.id for e in design.edges_of("db")]
    for step in reversed(steps):
        step.revert(design)
        assert validator.findings() == validate(design), step
