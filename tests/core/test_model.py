"""The Design aggregate: one event per primitive, queries, geometry, graphs."""

from __future__ import annotations

import pytest

from designer.model import (
    MISSING,
    Design,
    Edge,
    EdgeAdded,
    ModelError,
    Node,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)
from designer.model.graph import containment_tree, edge_graph
from tests.conftest import load_sample


def small() -> Design:
    return Design(
        nodes=[
            Node(id="r", kind="region", x=0, y=0, w=500, h=500, props={"code": "us-east-1"}),
            Node(id="v", kind="vpc", parent="r", x=10, y=20, w=400, h=400),
            Node(id="a", kind="availability_zone", parent="v", x=5, y=5, w=200, h=300),
            Node(id="s", kind="subnet", parent="a", x=1, y=2, w=100, h=100),
            Node(id="i", kind="ec2", parent="s", x=3, y=4, w=50, h=50),
            Node(id="u", kind="internet"),
        ],
        edges=[Edge(id="e", source="u", target="i")],
    )


def test_queries():
    d = small()
    assert [n.id for n in d.ancestors("i")] == ["s", "a", "v", "r"]
    assert d.az_of("i").id == "a" and d.subnet_of("i").id == "s"
    assert d.vpc_of("i").id == "v" and d.region_of("i").id == "r"
    assert d.subnet_of("s").id == "s"
    assert [n.id for n in d.children("v")] == ["a"]
    assert [n.id for n in d.descendants("v")] == ["a", "s", "i"]
    assert d.absolute_rect("i").x == 0 + 10 + 5 + 1 + 3
    assert d.absolute_rect("u") is None
    assert [e.id for e in d.edges_of("i")] == ["e"]


def test_each_primitive_emits_exactly_one_event():
    d = small()
    events = []
    d.subscribe(events.append)
    d.set_prop("i", "instance_type", "t3.large")
    d.set_label("i", "웹 서버")
    d.set_geometry("i", 1, 1, 60, 60)
    d.set_parent("i", "a")
    d.remove_edge("e")
    d.remove_node("i")
    d.add_node(Node(id="n", kind="nat_gateway", parent="s"))
    d.add_edge(Edge(id="e2", source="u", target="n"))
    assert len(events) == 8
    assert isinstance(events[0], NodeChanged) and events[0].field == "props.instance_type"
    assert isinstance(events[5], NodeRemoved)
    assert isinstance(events[6], NodeAdded) and isinstance(events[7], EdgeAdded)


def test_no_event_when_nothing_changes():
    d = small()
    events = []
    d.subscribe(events.append)
    d.set_label("i", None)
    d.set_prop("i", "missing", MISSING)
    assert events == []


def test_invariants_are_enforced():
    d = small()
    with pytest.raises(ModelError):
        d.remove_node("s")  # has children
    with pytest.raises(ModelError):
        d.remove_node("i")  # has an edge
    with pytest.raises(ModelError):
        d.set_parent("r", "i")  # cycle
    with pytest.raises(ModelError):
        d.add_edge(Edge(id="x", source="u", target="nope"))
    with pytest.raises(ModelError):
        d.add_node(Node(id="i", kind="ec2"))


def test_remove_and_reinsert_restores_dump():
    d = load_sample("three-tier")
    before = d.model_dump()
    for edge_id in [e.id for e in d.edges_of("db")]:
        d.remove_edge(edge_id)
    node, index = d.remove_node("db")
    d.add_node(node, index)
    assert d.model_dump()["nodes"] == before["nodes"]


def test_graph_views():
    d = load_sample("three-tier")
    tree = containment_tree(d)
    assert tree.has_edge("vpc", "az-a") and tree.in_degree("seoul") == 0
    graph = edge_graph(d, kinds=["traffic"])
    assert graph.has_edge("users", "alb") and not graph.has_edge("eip-a", "nat-a")
