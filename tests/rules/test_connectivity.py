"""PEER-001..003, VPN-001, VPCE-001: peering, Site-to-Site VPN and VPC endpoints."""

from __future__ import annotations

import pytest

from designer.edits import RemoveEdge, RemoveNode, SetParent
from tests.conftest import load_sample
from tests.rules.helpers_a import add, apply, check_fix, link, none, of, one, setp

SAMPLES = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website", "classroom-mistakes")
RULES = ("PEER-001", "PEER-002", "PEER-003", "VPN-001", "VPCE-001")


@pytest.mark.parametrize("rule_id", RULES)
def test_samples_keep(rule_id):
    for name in SAMPLES:
        none(load_sample(name), rule_id)


def _edge(design, kind, source, target):
    return next(e.id for e in design.edges if (e.kind, e.source, e.target) == (kind, source, target))


def _third_vpc(design, peer_with: str):
    """A third VPC with one instance, peered with `peer_with` (routes both ways)."""
    add(design, "vpc-third", "vpc", "seoul", cidr="10.30.0.0/16")
    add(design, "az-third", "availability_zone", "vpc-third", name="ap-northeast-2a")
    add(design, "subnet-third", "subnet", "az-third", cidr="10.30.1.0/24")
    add(design, "third-server", "ec2", "subnet-third")
    link(design, "p3", "peering", peer_with, "vpc-third")
    return design


# ---------------------------------------------------------------- PEER-001
def test_peer_001_overlapping_peered_vpcs():
    design = setp(load_sample("vpc-peering"), "vpc-shared", "cidr", "10.10.0.0/16")
    one(design, "PEER-001", "error", "vpc-app", "vpc-shared")


def test_peer_001_secondary_block_overlap():
    design = setp(load_sample("vpc-peering"), "vpc-shared", "secondary_cidrs", ["10.10.128.0/17"])
    one(design, "PEER-001", "error", "vpc-app", "vpc-shared")


def test_peer_001_on_premises_range_overlapping_the_vpc():
    design = setp(load_sample("hybrid-vpn"), "office", "cidr", "10.1.0.0/16")
    one(design, "PEER-001", "error", "office", "vpc")


# ---------------------------------------------------------------- PEER-002
def test_peer_002_second_peering_between_the_same_vpcs():
    design = link(load_sample("vpc-peering"), "again", "peering", "vpc-shared", "vpc-app")
    assert one(design, "PEER-002", "error", "vpc-shared", "vpc-app").edges[0] == "again"


def test_peer_002_transitive_flow():
    design = _third_vpc(load_sample("vpc-peering"), "vpc-shared")
    link(design, "hop", "traffic", "app-server", "third-server", protocol="tcp", port=443)
    finding = one(design, "PEER-002", "error", "app-server", "third-server")
    assert "vpc-shared" in finding.nodes and "not transitive" in finding.message
    link(design, "direct", "peering", "vpc-app", "vpc-third")
    none(design, "PEER-002")


def test_peer_002_using_the_peers_gateways():
    design = load_sample("vpc-peering")
    add(design, "users", "internet", None)
    link(design, "out", "traffic", "app-server", "users", protocol="tcp", port=443)
    link(design, "via-peer", "route", "subnet-app", "vpc-shared", destination="0.0.0.0/0")
    finding = one(design, "PEER-002", "error", "app-server", "subnet-app", "vpc-shared")
    assert "via-peer" in finding.edges


def test_peer_002_peering_must_join_two_vpcs():
    design = link(load_sample("vpc-peering"), "odd", "peering", "vpc-app", "subnet-shared")
    one(design, "PEER-002", "error", "vpc-app", "subnet-shared")


# ---------------------------------------------------------------- PEER-003
def test_peer_003_missing_return_route_and_its_fix():
    design = load_sample("vpc-peering")
    apply(design, RemoveEdge(_edge(design, "route", "subnet-shared", "vpc-app")))
    finding = one(design, "PEER-003", "error", "subnet-shared", "vpc-app")
    check_fix(design, finding)


def test_peer_003_route_to_the_wrong_range():
    design = load_sample("vpc-peering")
    design.set_edge_prop(_edge(design, "route", "subnet-app", "vpc-shared"), "destination", "10.99.0.0/16")
    one(design, "PEER-003", "error", "subnet-app", "vpc-shared")


def test_peer_003_broad_route_to_a_peer_is_a_warning():
    design = load_sample("vpc-peering")
    design.set_edge_prop(_edge(design, "route", "subnet-app", "vpc-shared"), "destination", "0.0.0.0/0")
    one(design, "PEER-003", "warning", "subnet-app", "vpc-shared")


# ---------------------------------------------------------------- VPN-001
def test_vpn_001_missing_route_to_on_premises_and_its_fix():
    design = load_sample("hybrid-vpn")
    apply(design, RemoveEdge(_edge(design, "route", "app-a", "vgw")))
    finding = one(design, "VPN-001", "error", "app-a", "vgw", "office")
    check_fix(design, finding)


def test_vpn_001_route_propagation_replaces_static_routes():
    design = load_sample("hybrid-vpn")
    apply(design, RemoveEdge(_edge(design, "route", "app-a", "vgw")))
    setp(design, "app-a", "vgw_route_propagation", True)
    none(design, "VPN-001")


def test_vpn_001_no_virtual_private_gateway():
    design = load_sample("hybrid-vpn")
    apply(design, *(RemoveEdge(e.id) for e in list(design.edges) if "vgw" in (e.source, e.target)),
          RemoveNode("vgw"))
    found = of(design, "VPN-001", "error")
    assert {f.nodes[:2] for f in found} == {("office", "erp-a"), ("office", "erp-c")}


def test_vpn_001_vpn_without_a_gateway_at_each_end():
    design = load_sample("hybrid-vpn")
    apply(design, SetParent("vgw", "tokyo"))
    assert any(f.nodes == ("vgw",) for f in of(design, "VPN-001", "error"))
    design = link(load_sample("hybrid-vpn"), "bad", "vpn", "office", "erp-a")
    assert len([f for f in of(design, "VPN-001", "error") if "bad" in f.edges]) == 2


# ---------------------------------------------------------------- VPCE-001
def test_vpce_001_gateway_endpoint_only_for_s3_and_dynamodb():
    design = setp(load_sample("three-tier"), "s3-endpoint", "service", "sqs")
    one(design, "VPCE-001", "error", "s3-endpoint")


def test_vpce_001_duplicate_private_dns():
    design = load_sample("three-tier")
    add(design, "ssm-a", "vpc_endpoint", "app-a", service="ssm", endpoint_type="interface")
    add(design, "ssm-c", "vpc_endpoint", "app-c", service="ssm", endpoint_type="interface")
    assert len(of(design, "VPCE-001", "error")) == 2
    setp(design, "ssm-c", "private_dns", False)
    none(design, "VPCE-001")


def test_vpce_001_gateway_endpoint_for_a_bucket_in_another_region():
    design = load_sample("three-tier")
    add(design, "tokyo", "region", None, code="ap-northeast-1")
    apply(design, SetParent("assets", "tokyo"))
    none(design, "VPCE-001")  # the NAT gateways still reach it
    apply(design, RemoveEdge(_edge(design, "route", "app-a", "nat-a")))
    one(design, "VPCE-001", "error", "asg", "assets", "s3-endpoint")


def test_vpce_001_on_premises_cannot_use_a_gateway_endpoint():
    design = load_sample("hybrid-vpn")
    add(design, "s3gw", "vpc_endpoint", "vpc", service="s3", endpoint_type="gateway")
    add(design, "archive", "s3_bucket", "tokyo", bucket_name="example-archive")
    link(design, "upload", "traffic", "office", "archive", protocol="tcp", port=443)
    one(design, "VPCE-001", "error", "office", "archive", "s3gw")
    add(design, "s3if", "vpc_endpoint", "vpc", service="s3", endpoint_type="interface")
    none(design, "VPCE-001")
