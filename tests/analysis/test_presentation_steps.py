"""Presentation steps: layers in teaching order, containers before their content, everything at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from designer.analysis.presentation_steps import (
    LAYER_KEYS,
    LAYERS,
    layer_index,
    node_layers,
    reveal_plan,
)
from designer.catalogue import KINDS
from designer.model import Design, Node
from designer.storage import load_design
from tests.conftest import SAMPLE_FILES, load_sample

DRILLS = sorted((Path(__file__).resolve().parents[2] / "samples" / "drills").glob("*.awsd.json"))


def test_the_layer_order_is_the_issues():
    assert LAYER_KEYS == ("region", "vpc", "az", "subnet", "gateway", "compute", "data", "edge")
    every = [k for layer in LAYERS for k in layer.kinds]
    assert len(every) == len(set(every)), "a kind belongs to one layer"
    assert {spec.key for spec in KINDS} <= set(every), "every catalogue kind has a layer"
    assert all(layer.title and layer.title_ko for layer in LAYERS)


def test_three_tier_reveals_in_order():
    design = load_sample("three-tier")
    steps = reveal_plan(design)
    assert [s.layer.key for s in steps] == list(LAYER_KEYS)
    first = steps[0]
    assert first.new_nodes == ("seoul",) and first.new_edges == ()
    assert set(steps[2].new_nodes) == {"az-a", "az-c"}
    assert {"pub-a", "app-a", "db-a", "pub-c", "app-c", "db-c"} <= set(steps[3].new_nodes)
    assert {"igw", "nat-a", "nat-c", "users"} <= set(steps[4].new_nodes)
    assert {"alb", "asg"} <= set(steps[5].new_nodes)
    assert {"db", "assets"} <= set(steps[6].new_nodes)
    assert {"zone", "www"} == set(steps[7].new_nodes)


@pytest.mark.parametrize("path", SAMPLE_FILES + DRILLS, ids=lambda p: p.name)
def test_every_sample_reveals_everything_once_and_containers_first(path):
    design = load_design(path)
    steps = reveal_plan(design)
    shown: set[str] = set()
    edges: set[str] = set()
    for previous, step in zip([None, *steps], steps, strict=False):
        assert step.new_nodes, "empty steps are skipped"
        assert shown.isdisjoint(step.new_nodes)
        shown |= set(step.new_nodes)
        edges |= set(step.new_edges)
        assert step.shown_nodes == shown and step.shown_edges == edges
        for node_id in step.new_nodes:
            parent = design.node(node_id).parent
            assert parent is None or parent in shown, f"{node_id} before its container {parent}"
        for edge_id in step.shown_edges:
            edge = design.edge(edge_id)
            assert edge.source in shown and edge.target in shown
        if previous is not None:
            assert LAYERS.index(previous.layer) < LAYERS.index(step.layer)
    assert shown == set(design.node_ids()) and edges == set(design.edge_ids())


def test_content_waits_for_a_later_container_and_unknown_kinds_come_last():
    design = Design(title="t", nodes=[
        Node(id="onprem", kind="on_premises"),  # gateway layer
        Node(id="cgw", kind="customer_gateway", parent="onprem"),
        Node(id="odd", kind="ec2", parent="onprem"),  # compute, inside a gateway-layer frame
        Node(id="zone", kind="route53_zone"),
        Node(id="rec", kind="route53_record", parent="zone"),
    ])
    layers = node_layers(design)
    assert layers["cgw"] == layer_index("customer_gateway") == layers["onprem"]
    assert layers["odd"] == layer_index("ec2")
    assert layers["rec"] == layers["zone"] == len(LAYERS) - 1
    assert layer_index("no_such_kind") == len(LAYERS) - 1


def test_an_empty_design_has_no_steps():
    assert reveal_plan(Design(title="empty")) == []
