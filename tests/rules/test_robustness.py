"""The validator never crashes on a design that loads: any prop may hold any JSON value.

A design can hold mistakes (the loader checks structure only), so every rule must read
props defensively; a crash here would stop the live validator in the window.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.catalogue import get_kind
from designer.rules import validate
from tests.conftest import SAMPLE_FILES

SAMPLE_NAMES = [p.name.removesuffix(".awsd.json") for p in SAMPLE_FILES]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-70000, 70000) | st.floats(allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["10.0.0.0/16", "0.0.0.0/0", "sg-web", "-1", "80-443", "tcp"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["protocol", "port", "source", "action", "number", "direction", "cidr",
                         "after_days", "storage_class", "expire_after_days", "path", "certificate"]),
        children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLE_NAMES), st.data())
def test_random_prop_values_never_crash_the_validator(name, data):
    from tests.conftest import load_sample

    design = load_sample(name)
    nodes = list(design.nodes)
    for _ in range(data.draw(st.integers(1, 5))):
        node = nodes[data.draw(st.integers(0, len(nodes) - 1))]
        declared = [p.name for p in get_kind(node.kind).props] or ["anything"]
        key = data.draw(st.sampled_from(declared))
        design.set_prop(node.id, key, data.draw(json_values))
    edges = list(design.edges)
    if edges and data.draw(st.booleans()):
        edge = edges[data.draw(st.integers(0, len(edges) - 1))]
        design.set_edge_prop(edge.id, data.draw(st.sampled_from(["port", "protocol", "destination"])),
                             data.draw(json_values))
    for finding in validate(design):
        assert finding.message and finding.message_ko
