"""RT-001..003, NAT-001..003, EIP-001..003: routes, NAT gateways and Elastic IPs."""

from __future__ import annotations

import pytest

from designer.edits import RemoveEdge, RemoveNode, SetEdgeField
from designer.model import Settings
from tests.conftest import load_sample
from tests.rules.helpers_a import add, apply, check_fix, link, none, of, one, setp

SAMPLES = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website", "classroom-mistakes")


@pytest.mark.parametrize("rule_id", ["RT-001", "RT-002", "RT-003", "NAT-002", "NAT-003", "EIP-001", "EIP-002"])
def test_samples_keep(rule_id):
    for name in SAMPLES:
        none(load_sample(name), rule_id)


def _edge(design, kind, source, target):
    return next(e.id for e in design.edges if (e.kind, e.source, e.target) == (kind, source, target))


# ---------------------------------------------------------------- RT-001
def test_rt_001_public_subnet_without_igw_gets_one_from_the_fix():
    design = apply(load_sample("three-tier"), RemoveNode("igw"))
    found = of(design, "RT-001", "error")
    assert {f.nodes[0] for f in found} == {"pub-a", "pub-c"}
    check_fix(design, found[0])


def test_rt_001_private_subnet_routed_to_an_igw_is_really_public():
    design = load_sample("hybrid-vpn")
    add(design, "igw", "internet_gateway", "vpc")
    link(design, "to-igw", "route", "app-a", "igw")
    finding = one(design, "RT-001", "warning", "app-a")
    check_fix(design, finding)


def test_rt_001_route_to_another_vpcs_igw():
    design = load_sample("vpc-peering")
    add(design, "igw-shared", "internet_gateway", "vpc-shared")
    link(design, "bad", "route", "subnet-app", "igw-shared", destination="0.0.0.0/0")
    assert one(design, "RT-001", "error", "subnet-app", "igw-shared").edges == ("bad",)


# ---------------------------------------------------------------- RT-002
def test_rt_002_two_default_routes_clash():
    design = link(load_sample("three-tier"), "dup", "route", "app-a", "nat-c", destination="0.0.0.0/0")
    finding = one(design, "RT-002", "error", "app-a")
    assert "dup" in finding.edges


def test_rt_002_two_internet_gateways():
    design = add(load_sample("three-tier"), "igw2", "internet_gateway", "vpc")
    one(design, "RT-002", "error", "vpc", "igw", "igw2")


def test_rt_002_route_targets():
    design = load_sample("vpc-peering")
    add(design, "nat-shared", "nat_gateway", "subnet-shared")
    link(design, "foreign", "route", "subnet-app", "nat-shared", destination="0.0.0.0/0")
    assert one(design, "RT-002", "error", "subnet-app", "nat-shared").edges == ("foreign",)
    design = link(load_sample("vpc-peering"), "odd", "route", "subnet-app", "app-server")
    one(design, "RT-002", "error", "subnet-app", "app-server")


def test_rt_002_route_to_a_vpc_that_is_not_peered():
    design = load_sample("vpc-peering")
    apply(design, RemoveEdge(_edge(design, "peering", "vpc-app", "vpc-shared")))
    found = [f for f in of(design, "RT-002", "error") if "peering" in f.message]
    assert {f.nodes[0] for f in found} == {"subnet-app", "subnet-shared"}


# ---------------------------------------------------------------- RT-003
def test_rt_003_instance_in_public_subnet_without_address():
    design = load_sample("three-tier")
    add(design, "bastion", "ec2", "pub-a", public_ip=False)
    link(design, "ssh", "traffic", "users", "bastion", protocol="tcp", port=22)
    finding = one(design, "RT-003", "error", "bastion")
    check_fix(design, finding)
    setp(design, "bastion", "public_ip", True)
    none(design, "RT-003")


def test_rt_003_elastic_ip_counts_as_an_address():
    design = load_sample("three-tier")
    add(design, "bastion", "ec2", "pub-a")
    link(design, "ssh", "traffic", "users", "bastion", protocol="tcp", port=22)
    add(design, "eip-b", "elastic_ip", "seoul")
    link(design, "a", "attach", "eip-b", "bastion")
    none(design, "RT-003")


def test_rt_003_internet_to_a_private_subnet_and_a_useless_public_ip():
    design = load_sample("three-tier")
    add(design, "worker", "ec2", "app-a", public_ip=True)
    finding = one(design, "RT-003", "warning", "worker", "app-a")
    check_fix(design, finding)
    link(design, "in", "traffic", "users", "worker", protocol="tcp", port=443)
    assert one(design, "RT-003", "error", "worker", "app-a").edges == ("in",)


# ---------------------------------------------------------------- NAT-001
def test_nat_001_classroom_nat_in_private_subnet_moves_to_the_public_one():
    design = load_sample("classroom-mistakes")
    finding = one(design, "NAT-001", "error", "nat", "priv-a")
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    assert design.node("nat").parent == "pub-a"


def test_nat_001_public_nat_needs_an_eip():
    design = load_sample("three-tier")
    apply(design, RemoveEdge(_edge(design, "attach", "eip-a", "nat-a")))
    finding = one(design, "NAT-001", "error", "nat-a")
    check_fix(design, finding)


def test_nat_001_private_nat_takes_no_eip_and_regional_nat_needs_no_public_subnet():
    design = setp(load_sample("three-tier"), "nat-a", "connectivity", "private")
    one(design, "NAT-001", "error", "nat-a", "eip-a")
    design = setp(load_sample("classroom-mistakes"), "nat", "mode", "regional")
    none(design, "NAT-001")


def test_nat_001_public_nat_in_a_vpc_without_igw():
    design = apply(load_sample("three-tier"), RemoveNode("igw"))
    assert {f.nodes[0] for f in of(design, "NAT-001", "error")} == {"nat-a", "nat-c"}


def test_nat_001_eip_quota_per_nat():
    design = load_sample("three-tier")
    for i in range(2):
        add(design, f"extra-{i}", "elastic_ip", "seoul")
        link(design, f"x{i}", "attach", f"extra-{i}", "nat-a")
    assert "quota is 2" in one(design, "NAT-001", "error", "nat-a").message
    design.set_settings(Settings(quotas={"eips_per_nat_gateway": 8, "elastic_ips_per_region": 10}))
    none(design, "NAT-001")


# ---------------------------------------------------------------- NAT-002
def test_nat_002_private_subnet_without_nat_route():
    design = load_sample("three-tier")
    link(design, "out", "traffic", "asg", "users", protocol="tcp", port=443)
    none(design, "NAT-002")  # both app subnets route to their AZ's NAT gateway
    apply(design, RemoveEdge(_edge(design, "route", "app-a", "nat-a")))
    finding = one(design, "NAT-002", "error", "app-a")
    check_fix(design, finding)


def test_nat_002_nat_in_the_same_private_subnet_gets_a_new_nat():
    design = load_sample("classroom-mistakes")
    link(design, "out", "traffic", "app-1", "users", protocol="tcp", port=443)
    finding = one(design, "NAT-002", "error", "priv-a", "nat")
    assert "itself" in finding.message
    check_fix(design, finding)


def test_nat_002_no_nat_in_the_az_adds_one_with_an_eip():
    design = load_sample("three-tier")
    link(design, "out", "traffic", "asg", "users", protocol="tcp", port=443)
    apply(design, RemoveEdge(_edge(design, "route", "app-c", "nat-c")),
          RemoveEdge(_edge(design, "attach", "eip-c", "nat-c")), RemoveNode("nat-c"))
    finding = one(design, "NAT-002", "error", "app-c")
    assert "Add a NAT gateway" in finding.fix.description
    check_fix(design, finding)


# ---------------------------------------------------------------- NAT-003
def test_nat_003_private_subnet_using_another_azs_nat():
    design = load_sample("three-tier")
    apply(design, SetEdgeField(_edge(design, "route", "app-c", "nat-c"), "target", "nat-a"))
    finding = one(design, "NAT-003", "warning", "app-c", "nat-a")
    check_fix(design, finding)


# ---------------------------------------------------------------- EIP-001..003
def test_eip_001_region_quota_and_raised_quota():
    design = load_sample("three-tier")
    for i in range(4):
        add(design, f"spare-{i}", "elastic_ip", "seoul")
        link(design, f"a{i}", "attach", f"spare-{i}", "nat-a" if i < 2 else "nat-c")
    assert "6 Elastic IP" in one(design, "EIP-001", "warning", "seoul").message
    design.set_settings(Settings(quotas={"elastic_ips_per_region": 6, "eips_per_nat_gateway": 4}))
    none(design, "EIP-001")


def test_eip_001_one_target_and_one_region():
    design = link(load_sample("three-tier"), "twice", "attach", "eip-a", "nat-c")
    one(design, "EIP-001", "error", "eip-a", "nat-a", "nat-c")
    design = load_sample("three-tier")
    add(design, "tokyo", "region", None, code="ap-northeast-1")
    add(design, "eip-t", "elastic_ip", "tokyo")
    link(design, "far", "attach", "eip-t", "nat-a")
    one(design, "EIP-001", "error", "eip-t", "nat-a")
    none(design, "TOP-001")  # reported once, by EIP-001


def test_eip_002_idle_eip_and_its_release():
    design = add(load_sample("three-tier"), "idle", "elastic_ip", "seoul")
    finding = one(design, "EIP-002", "warning", "idle")
    check_fix(design, finding)


def test_eip_003_counts_public_ipv4_addresses():
    finding = one(load_sample("three-tier"), "EIP-003", "info", "vpc")
    assert "4 public IPv4" in finding.message and "$14.60" in finding.message
    none(load_sample("static-website"), "EIP-003")
    none(load_sample("hybrid-vpn"), "EIP-003")
