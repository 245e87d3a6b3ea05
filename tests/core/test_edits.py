"""Reversible edits: apply → revert restores model_dump() exactly, and redo works again."""

from __future__ import annotations

import pytest

from designer.edits import (
    AddEdge,
    AddNode,
    SetLabel,
    SetProp,
    delete_nodes,
    move_node,
    new_node,
)
from designer.model import MISSING, Edge
from tests.conftest import load_sample


def roundtrip(design, edit):
    before = design.model_dump()
    edit.apply(design)
    after = design.model_dump()
    edit.revert(design)
    assert design.model_dump() == before
    edit.apply(design)
    assert design.model_dump() == after


@pytest.mark.parametrize("node_id", ["vpc", "az-a", "db", "seoul", "zone"])
def test_deleting_a_subtree_is_one_exact_step(node_id):
    design = load_sample("three-tier")
    edit = delete_nodes(design, [node_id])
    roundtrip(design, edit)
    edit.revert(design)


def test_delete_cleans_references():
    design = load_sample("three-tier")
    delete_nodes(design, ["pub-a"]).apply(design)
    assert design.node("alb").props["subnets"] == ["pub-c"]


def test_other_edits_roundtrip():
    design = load_sample("three-tier")
    roundtrip(design, SetLabel("db", "주문 DB"))
    roundtrip(design, SetProp("db", "multi_az", False))
    roundtrip(design, SetProp("db", "multi_az", MISSING))
    roundtrip(design, move_node(design, "db", "db-c", 30, 40))
    node = new_node(design, "ec2", "app-a", 10, 10)
    roundtrip(design, AddNode(node))
    roundtrip(design, AddEdge(Edge(id="new-edge", source="users", target="alb")))
