"""Properties of the drill on every sample, for random sets of failed ids."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.analysis.failure import _Drill, simulate_failure
from tests.analysis.helpers import SAMPLES, sample

NAMES = sorted(str(p.relative_to(SAMPLES)).removesuffix(".awsd.json") for p in SAMPLES.rglob("*.awsd.json"))


@cache
def design_of(name: str):
    return sample(name)


@st.composite
def failures(draw):
    name = draw(st.sampled_from(NAMES))
    ids = design_of(name).node_ids()
    small = draw(st.sets(st.sampled_from(ids), max_size=3))
    more = draw(st.sets(st.sampled_from(ids), max_size=3))
    return name, small, small | more


@settings(max_examples=150, deadline=None)
@given(failures())
def test_failures_are_monotone_and_consistent(case):
    name, small, large = case
    design = design_of(name)
    a, b = simulate_failure(design, small), simulate_failure(design, large)
    for result, failed in ((a, small), (b, large)):
        assert set(failed) <= set(result.down)
        assert not set(result.degraded) & set(result.down)
        for path in result.paths:
            if path.status == "ok":
                assert not set(path.via) & set(result.down), path
            if path.status == "lost":
                assert path.cut_by
    # Failing more never brings anything back.
    assert set(a.down) <= set(b.down)
    lost_a = {p.id for p in a.paths if p.status != "ok"}
    lost_b = {p.id for p in b.paths if p.status != "ok"}
    assert lost_a <= lost_b


@settings(max_examples=100, deadline=None)
@given(failures())
def test_the_intact_route_shortcut_agrees_with_a_full_search(case):
    name, _, failed = case
    drill = _Drill(design_of(name))
    quick = drill.evaluate(frozenset(failed))
    drill.witness.clear()  # force a breadth-first search for every path
    full = drill.evaluate(frozenset(failed))
    assert {k: v[0] for k, v in quick.items()} == {k: v[0] for k, v in full.items()}


@pytest.mark.parametrize("name", NAMES)
def test_every_single_node_failure_runs_on_every_sample(name):
    design = design_of(name)
    for node_id in design.node_ids():
        result = simulate_failure(design, {node_id})
        assert result.failed == (node_id,)
