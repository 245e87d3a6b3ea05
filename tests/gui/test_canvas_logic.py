"""Placement, connection and clipboard logic of the canvas (Qt-free functions, real samples)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from designer.edits import Compound, SetParent  # noqa: E402
from designer.gui.clipboard import copy_fragment, fragment_from_text, fragment_to_text, plan_paste  # noqa: E402
from designer.gui.connect import ConnectRefusal, infer_edge_kind, plan_connect  # noqa: E402
from designer.gui.placement import (  # noqa: E402
    DropPlan,
    Refusal,
    container_for_rect,
    plan_drop,
    plan_move,
    plan_resize,
)
from designer.model import Rect  # noqa: E402
from designer.storage import StorageError  # noqa: E402
from tests.conftest import load_sample  # noqa: E402


@pytest.fixture
def classroom():
    return load_sample("classroom-mistakes")


def centre(design, node_id):
    rect = design.absolute_rect(node_id)
    return rect.x + rect.w / 2, rect.y + rect.h / 2


def test_smallest_container_wins(classroom):
    sub = classroom.absolute_rect("pub-a")
    assert container_for_rect(classroom, Rect(sub.x + 10, sub.y + 10, 20, 20)) == "pub-a"
    az = classroom.absolute_rect("az-a")
    assert container_for_rect(classroom, Rect(az.x + 2, az.bottom - 20, 10, 10)) == "az-a"
    assert container_for_rect(classroom, Rect(-500, -500, 10, 10)) is None


def test_drop_ec2_into_subnet(classroom):
    x, y = centre(classroom, "priv-a")
    plan = plan_drop(classroom, "ec2", x, y + 30)
    assert isinstance(plan, DropPlan) and plan.parent == "priv-a"
    sub = classroom.absolute_rect("priv-a")
    assert 0 <= plan.x and plan.x + plan.w <= sub.w and 0 <= plan.y and plan.y + plan.h <= sub.h


def test_drop_near_the_border_is_pulled_inside(classroom):
    sub = classroom.absolute_rect("priv-a")
    plan = plan_drop(classroom, "rds", sub.right - 3, sub.bottom - 3)
    assert isinstance(plan, DropPlan) and plan.parent == "priv-a"


def test_refusals_name_kind_and_container(classroom):
    refused = plan_drop(classroom, "subnet", -400, -400)  # empty canvas
    assert refused == Refusal(None, "subnet", None)
    x, y = centre(classroom, "pub-a")
    assert plan_drop(classroom, "internet_gateway", x, y) == Refusal(None, "internet_gateway", "subnet")
    assert isinstance(plan_drop(classroom, "no_such_kind", x, y), Refusal)


def test_tolerated_parent_is_placed(classroom):
    # An EC2 dropped on the VPC's empty band: tolerated, placed, and left to the validator.
    vpc = classroom.absolute_rect("vpc")
    plan = plan_drop(classroom, "ec2", vpc.x + 800, vpc.y + 100)
    assert isinstance(plan, DropPlan) and plan.parent == "vpc"


def test_big_frame_shrinks_into_its_container(classroom):
    az = classroom.absolute_rect("az-c")
    # An empty spot of AZ c: right of the subnet that straddles the AZs, below its own subnet.
    top = classroom.absolute_rect("overlap-c").bottom
    plan = plan_drop(classroom, "subnet", az.x + az.w * 0.8, (top + az.bottom) / 2)
    assert isinstance(plan, DropPlan) and plan.parent == "az-c" and plan.w <= az.w


def test_move_across_azs_reparents_to_vpc_and_back(classroom):
    rect = classroom.absolute_rect("pub-a")
    az_c = classroom.absolute_rect("az-c")
    across = plan_move(classroom, {"pub-a": (az_c.x - 100, rect.y)})
    assert isinstance(across, Compound)
    assert isinstance(across.edits[0], SetParent) and across.edits[0].parent == "vpc"
    before = classroom.model_dump()
    across.apply(classroom)
    assert classroom.node("pub-a").parent == "vpc"
    assert classroom.absolute_rect("pub-a").x == az_c.x - 100
    back = plan_move(classroom, {"pub-a": (rect.x, rect.y)})
    back.apply(classroom)
    assert classroom.model_dump() == before


def test_move_to_a_forbidden_container_is_refused(classroom):
    rect = classroom.absolute_rect("web-1")
    assert isinstance(plan_move(classroom, {"web-1": (-600, -600)}), Refusal)
    assert plan_move(classroom, {"web-1": (rect.x, rect.y)}) is None  # no change, no step


def test_resize_from_top_left_keeps_children_in_place(classroom):
    old = classroom.absolute_rect("pub-a")
    child = classroom.absolute_rect("web-1")
    edit = plan_resize(classroom, "pub-a", Rect(old.x - 16, old.y - 8, old.w + 16, old.h + 8))
    edit.apply(classroom)
    assert classroom.absolute_rect("web-1") == child
    assert classroom.absolute_rect("pub-a") == Rect(old.x - 16, old.y - 8, old.w + 16, old.h + 8)


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("elastic_ip", "nat_gateway", ("attach", False)),
    ("ec2", "elastic_ip", ("attach", True)),
    ("subnet", "nat_gateway", ("route", False)),
    ("vpn_gateway", "subnet", ("route", True)),
    ("subnet", "vpc_endpoint", ("route", False)),
    ("subnet", "vpc", ("route", False)),
    ("route53_record", "load_balancer", ("dns", False)),
    ("route53_record", "cloudfront", ("dns", False)),
    ("cloudfront", "s3_bucket", ("origin", False)),
    ("cloudfront", "load_balancer", ("origin", False)),
    ("vpc", "vpc", ("peering", False)),
    ("customer_gateway", "vpn_gateway", ("vpn", False)),
    ("vpn_gateway", "customer_gateway", ("vpn", True)),
    ("internet", "load_balancer", ("traffic", False)),
    ("ec2", "rds", ("traffic", False)),
])
def test_edge_kind_follows_from_the_kinds(source, target, expected):
    assert infer_edge_kind(source, target) == expected


def test_connect_builds_the_conventional_edge(classroom):
    edit = plan_connect(classroom, "nat", "eip")  # dragged the "wrong" way
    assert isinstance(edit, ConnectRefusal)  # eip -> nat attach exists already
    edit = plan_connect(classroom, "app-1", "db")
    assert edit.edge.kind == "traffic" and edit.edge.props == {"protocol": "tcp", "port": 3306}
    assert plan_connect(classroom, "db", "db") == ConnectRefusal("self")


def test_copy_paste_keeps_edges_inside_and_renames_ids(classroom):
    fragment = copy_fragment(classroom, ["pub-a"])
    assert {n.id for n in fragment.nodes} == {"pub-a", "web-1", "db"}
    assert [e.id for e in fragment.edges] == ["e3"]  # web-1 -> db; alb -> web-1 leaves the copy
    text = fragment_to_text(fragment)
    parsed = fragment_from_text(text)
    plan = plan_paste(classroom, parsed, 0, 400)  # below, into az-a's lower area or the VPC
    plan.edit.apply(classroom)
    assert len(plan.node_ids) == 3 and not set(plan.node_ids) & {"pub-a", "web-1", "db"}
    new_edge = classroom.edge(plan.edge_ids[0])
    assert {new_edge.source, new_edge.target} <= set(plan.node_ids)
    plan.edit.revert(classroom)
    assert "e3" in classroom.edge_ids()


def test_paste_remaps_references_inside_the_copy():
    design = load_sample("three-tier")
    rds = design.nodes_of_kind("rds")[0]
    sg_id = rds.props["security_groups"][0]
    subnet = design.node(rds.parent)
    dx = 120 if rds.x + rds.w + 120 + 8 <= subnet.w else -120  # beside it, still in its subnet
    pasted = plan_paste(design, copy_fragment(design, [rds.id, sg_id]), dx, 0)
    assert not pasted.skipped and len(pasted.node_ids) == 2
    pasted.edit.apply(design)
    new_rds, new_sg = (design.node(i) for i in sorted(pasted.node_ids, key=lambda i: design.node(i).kind))
    assert new_rds.kind == "rds" and new_sg.kind == "security_group"
    assert new_rds.parent == rds.parent  # landed beside the original, in the same subnet
    assert new_sg.id in new_rds.props["security_groups"] and sg_id not in new_rds.props["security_groups"]
    alone = plan_paste(design, copy_fragment(design, [rds.id]), 240, 0)
    alone.edit.apply(design)
    assert design.node(alone.node_ids[0]).props["security_groups"] == rds.props["security_groups"]


def test_clipboard_text_that_is_not_a_design_is_refused():
    for text in ("", "hello", "{not json", '{"format": "other"}'):
        with pytest.raises(StorageError):
            fragment_from_text(text)


def test_paste_readdresses_subnets_that_would_overlap_and_keeps_a_copied_vpc():
    design = load_sample("three-tier")
    before = design.model_dump()
    # Two subnets pasted into the same VPC in one step: each gets its own free block.
    plan = plan_paste(design, copy_fragment(design, ["pub-a", "app-a"]), 4, 4)
    plan.edit.apply(design)
    pasted = [design.node(i) for i in plan.node_ids if design.node(i).kind == "subnet"]
    assert len(pasted) == 2 and all(design.vpc_of(p.id).id == "vpc" for p in pasted)
    assert sorted(p.props["cidr"] for p in pasted) == ["10.0.2.0/24", "10.0.3.0/24"]
    plan.edit.revert(design)
    assert design.model_dump() == before
    # A whole VPC keeps its blocks, and so do its subnets (a copy of a VPC is another network).
    vpc = design.node("vpc")
    design.set_geometry("vpc", vpc.x, vpc.y, vpc.w + 500, vpc.h)  # room for a third AZ
    whole = plan_paste(design, copy_fragment(design, ["az-a"]), 950, 0)  # an AZ pasted into the same VPC
    whole.edit.apply(design)
    assert design.node(whole.node_ids[0]).parent == "vpc"
    again = sorted(design.node(i).props["cidr"] for i in whole.node_ids if design.node(i).kind == "subnet")
    assert again == ["10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"]
    whole.edit.revert(design)
    vpc_copy = plan_paste(design, copy_fragment(design, ["vpc"]), 3000, 0)  # beside the region
    assert not vpc_copy.skipped
    vpc_copy.edit.apply(design)
    new_vpc = next(design.node(i) for i in vpc_copy.node_ids if design.node(i).kind == "vpc")
    inner = sorted(s.props["cidr"] for s in design.descendants(new_vpc.id) if s.kind == "subnet")
    assert new_vpc.props["cidr"] == "10.0.0.0/16"
    assert inner == sorted(s.props["cidr"] for s in design.nodes_of_kind("subnet") if design.vpc_of(s.id).id == "vpc")
