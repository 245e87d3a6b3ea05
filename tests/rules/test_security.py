"""SG-001..005, ACL-001, ACL-002: security groups and network ACLs."""

from __future__ import annotations

import pytest

from designer.edits import RemoveEdge
from designer.model import Settings
from tests.conftest import load_sample
from tests.rules.helpers_a import add, apply, check_fix, none, of, one, setp

WELL = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website")
RULES = ("SG-001", "SG-002", "SG-003", "SG-004", "SG-005", "ACL-001", "ACL-002")


@pytest.mark.parametrize("rule_id", RULES)
def test_well_architected_samples_keep(rule_id):
    for name in WELL:
        none(load_sample(name), rule_id)


# ---------------------------------------------------------------- SG-001
def test_sg_001_groups_per_interface_and_raised_quota():
    design = load_sample("three-tier")
    for i in range(5):
        add(design, f"sg-x{i}", "security_group", "vpc")
    setp(design, "db", "security_groups", ["sg-db", *(f"sg-x{i}" for i in range(5))])
    one(design, "SG-001", "error", "db")
    design.set_settings(Settings(quotas={"security_groups_per_eni": 6}))
    none(design, "SG-001")


def test_sg_001_rules_per_group_and_the_product_cap():
    design = load_sample("three-tier")
    setp(design, "sg-web", "inbound", [{"protocol": "tcp", "port": p, "source": "sg-alb"} for p in range(1, 62)])
    assert "61 inbound IPv4" in one(design, "SG-001", "error", "sg-web").message
    design = load_sample("three-tier")
    design.set_settings(Settings(quotas={"security_groups_per_eni": 16, "rules_per_security_group": 100}))
    finding = one(design, "SG-001", "error")
    assert finding.nodes == () and "1,000" in finding.message


# ---------------------------------------------------------------- SG-002
def test_sg_002_classroom_deny_rule_moves_to_a_new_nacl():
    design = load_sample("classroom-mistakes")
    finding = one(design, "SG-002", "error", "sg-web")
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    nacls = design.nodes_of_kind("network_acl")
    assert len(nacls) == 1 and set(nacls[0].props["subnets"]) == {"pub-a", "priv-a"}
    assert nacls[0].props["rules"][0]["action"] == "deny"
    assert all(r.get("action", "allow") == "allow" for r in design.node("sg-web").props["inbound"])


def test_sg_002_deny_rule_joins_an_existing_nacl():
    design = load_sample("classroom-mistakes")
    add(design, "acl", "network_acl", "vpc", subnets=["pub-a", "priv-a"],
        rules=[{"number": 100, "direction": "inbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"},
               {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"}])
    finding = one(design, "SG-002", "error", "sg-web")
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    rules = design.node("acl").props["rules"]
    assert rules[0]["action"] == "deny" and rules[0]["number"] < 100


@pytest.mark.parametrize("rule, words", [
    ({"protocol": "tcp", "port": 70000, "source": "0.0.0.0/0"}, "65535"),
    ({"protocol": "tcp", "source": "10.0.0.0/16"}, "port"),
    ({"protocol": "gre", "port": 1, "source": "10.0.0.0/16"}, "protocol"),
    ({"protocol": "-1", "port": 80, "source": "10.0.0.0/16"}, "-1"),
    ({"protocol": "tcp", "port": 80, "source": "sg-nope"}, "neither"),
    ({"protocol": "tcp", "port": 80}, "no source"),
])
def test_sg_002_malformed_rules(rule, words):
    design = setp(load_sample("three-tier"), "sg-web", "inbound",
                  [{"protocol": "tcp", "port": 80, "source": "sg-alb"}, rule])
    assert words in one(design, "SG-002", "error", "sg-web").message


# ---------------------------------------------------------------- SG-003
def test_sg_003_flow_without_inbound_rule_and_its_fix():
    design = setp(load_sample("three-tier"), "sg-web", "inbound", [])
    finding = one(design, "SG-003", "error", "alb", "asg", "sg-web")
    assert "tcp/80" in finding.message
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    assert {"protocol": "tcp", "source": "sg-alb", "port": 80} in design.node("sg-web").props["inbound"]


def test_sg_003_wrong_port_and_explicit_outbound_rules():
    design = setp(load_sample("three-tier"), "sg-db", "inbound", [{"protocol": "tcp", "port": 5432, "source": "sg-web"}])
    one(design, "SG-003", "error", "asg", "db")
    design = setp(load_sample("three-tier"), "sg-web", "outbound", [{"protocol": "tcp", "port": 443, "source": "0.0.0.0/0"}])
    finding = one(design, "SG-003", "error", "asg", "db", "sg-web")
    assert "outbound" in finding.message


def test_sg_003_on_premises_range():
    design = setp(load_sample("hybrid-vpn"), "sg-app", "inbound", [{"protocol": "tcp", "port": 443, "source": "10.0.0.0/8"}])
    assert {f.nodes[:2] for f in of(design, "SG-003", "error")} == {("office", "erp-a"), ("office", "erp-c")}


# ---------------------------------------------------------------- SG-004
def test_sg_004_group_of_another_vpc():
    design = setp(load_sample("vpc-peering"), "app-server", "security_groups", ["sg-shared"])
    one(design, "SG-004", "error", "app-server", "sg-shared")


def test_sg_004_reference_needs_a_same_region_peering():
    design = load_sample("vpc-peering")
    peering = next(e.id for e in design.edges if e.kind == "peering")
    apply(design, RemoveEdge(peering))
    assert "not peered" in one(design, "SG-004", "error", "sg-shared", "sg-app").message


# ---------------------------------------------------------------- SG-005
@pytest.mark.parametrize("rule, words", [
    ({"protocol": "tcp", "port": 22, "source": "0.0.0.0/0"}, "22"),
    ({"protocol": "tcp", "port": "3000-4000", "source": "::/0"}, "3389"),
    ({"protocol": "-1", "source": "0.0.0.0/0"}, "all ports"),
    ({"protocol": "tcp", "port": 3306, "source": "10.0.0.0/16"}, "3306"),
])
def test_sg_005_open_admin_or_db_ports(rule, words):
    design = setp(load_sample("three-tier"), "sg-web", "inbound",
                  [{"protocol": "tcp", "port": 80, "source": "sg-alb"}, rule])
    assert words in one(design, "SG-005", "warning", "sg-web").message


def test_sg_005_nacl_admin_port_but_not_allow_all():
    design = add(load_sample("three-tier"), "acl", "network_acl", "vpc", subnets=["pub-a"], rules=[
        {"number": 100, "direction": "inbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"},
        {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"}])
    none(design, "SG-005")  # what the default NACL does
    setp(design, "acl", "rules", [
        {"number": 90, "direction": "inbound", "protocol": "tcp", "port": 22, "cidr": "0.0.0.0/0", "action": "allow"},
        *design.node("acl").props["rules"]])
    one(design, "SG-005", "warning", "acl")


# ---------------------------------------------------------------- ACL-001
def test_acl_001_two_nacls_on_one_subnet():
    design = load_sample("three-tier")
    add(design, "acl1", "network_acl", "vpc", subnets=["app-a"])
    add(design, "acl2", "network_acl", "vpc", subnets=["app-a", "app-c"])
    one(design, "ACL-001", "error", "app-a", "acl1", "acl2")


def test_acl_001_subnet_of_another_vpc():
    design = add(load_sample("vpc-peering"), "acl", "network_acl", "vpc-app", subnets=["subnet-app", "subnet-shared"])
    finding = one(design, "ACL-001", "error", "acl")
    check_fix(design, finding)


# ---------------------------------------------------------------- ACL-002
ALLOW_VPC_IN = {"number": 100, "direction": "inbound", "protocol": "tcp", "port": 80, "cidr": "10.0.0.0/16",
                "action": "allow"}


def test_acl_002_return_traffic_needs_ephemeral_ports():
    design = add(load_sample("three-tier"), "acl", "network_acl", "vpc", subnets=["app-a"], rules=[ALLOW_VPC_IN])
    found = of(design, "ACL-002", "error")
    assert found and all("acl" in f.nodes for f in found)
    assert any("ephemeral" in f.message for f in found)
    setp(design, "acl", "rules", [ALLOW_VPC_IN,
                                  {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "0.0.0.0/0",
                                   "action": "allow"},
                                  {"number": 110, "direction": "inbound", "protocol": "tcp", "port": "1024-65535",
                                   "cidr": "0.0.0.0/0", "action": "allow"}])
    none(design, "ACL-002")


def test_acl_002_first_matching_deny_wins():
    rules = [{"number": 50, "direction": "inbound", "protocol": "tcp", "port": 80, "cidr": "10.0.0.0/24",
              "action": "deny"},
             {"number": 100, "direction": "inbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"},
             {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"}]
    design = add(load_sample("three-tier"), "acl", "network_acl", "vpc", subnets=["app-a"], rules=rules)
    finding = one(design, "ACL-002", "error", "alb", "asg", "app-a", "acl")
    assert "rule 50" in finding.message


def test_acl_002_rule_numbers_and_quota():
    rules = [{"number": 40000, "direction": "inbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"},
             {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"},
             {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "10.0.0.0/8", "action": "allow"}]
    design = add(load_sample("three-tier"), "acl", "network_acl", "vpc", subnets=[], rules=rules)
    messages = [f.message for f in of(design, "ACL-002", "error")]
    assert any("40000" in m for m in messages) and any("two outbound" in m for m in messages)
    many = [{"number": i, "direction": "inbound", "protocol": "tcp", "port": i, "cidr": "10.0.0.0/8",
             "action": "allow"} for i in range(1, 22)]
    design = add(load_sample("three-tier"), "acl", "network_acl", "vpc", subnets=[], rules=many)
    assert "21 inbound" in one(design, "ACL-002", "error", "acl").message
