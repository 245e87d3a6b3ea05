"""The engine itself, with small rules of its own: registration, tracking, incrementality."""

from __future__ import annotations

from designer.edits import SetGeometry, SetProp
from designer.rules.context import Context
from designer.rules.engine import Validator
from designer.rules.finding import Issue
from designer.rules.registry import Rule, Source
from tests.conftest import load_sample


def _public_ec2(ctx: Context, node):
    subnet = ctx.subnet_of(node.id)
    if node.prop("public_ip") and subnet is not None and not subnet.prop("public"):
        yield Issue("warning", (node.id,), f"{node.name} has a useless public IP", "쓸모없는 퍼블릭 IP")


def _count_subnets(ctx: Context, _subject):
    if len(ctx.nodes_of_kind("subnet")) > 3:
        yield Issue("info", (), "many subnets", "서브넷이 많다")


RULE_A = Rule("T-1", "warning", ("ec2",), "t", "t", Source(), _public_ec2)
RULE_B = Rule("T-2", "info", ("design",), "t", "t", Source(), _count_subnets)


def test_incremental_matches_full_and_is_local():
    design = load_sample("hybrid-vpn")
    validator = Validator(design, [RULE_A, RULE_B])
    assert [f.rule for f in validator.findings()] == []
    SetProp("erp-a", "public_ip", True).apply(design)
    assert validator.refresh() == 1  # only the edited instance's evaluation
    assert [f.rule for f in validator.findings()] == ["T-1"]
    SetGeometry("erp-a", (1, 2, 3, 4)).apply(design)
    assert validator.refresh() == 0  # nobody read its geometry
    full = Validator(design, [RULE_A, RULE_B], live=False).findings()
    assert validator.findings() == full
