"""QTA-001: default quotas, raised quotas from settings, and cheap local re-counting."""

from __future__ import annotations

from designer.edits import AddEdge, AddNode, SetGeometry, SetProp
from designer.model import Edge, Node, Settings
from designer.rules import RULES, Validator
from tests.conftest import load_sample
from tests.rules.helpers_b import apply, check_incremental, found, only, setp


def _add(design, node_id, kind, parent, **props):
    return apply(design, AddNode(Node(id=node_id, kind=kind, parent=parent, label=node_id, props=props)))


def _quotas(design, **quotas):
    design.set_settings(Settings(quotas=quotas))
    return design


def test_samples_are_within_quotas():
    for sample in ("three-tier", "hybrid-vpn", "vpc-peering", "static-website", "classroom-mistakes"):
        assert found(load_sample(sample), "QTA-001") == [], sample


def test_vpcs_per_region_default_and_raised():
    design = load_sample("three-tier")
    for i in range(5):
        _add(design, f"v{i}", "vpc", "seoul", cidr=f"10.{50 + i}.0.0/16")
    finding = only(design, "QTA-001")
    assert finding.severity == "warning" and finding.nodes[0] == "seoul" and len(finding.nodes) == 7
    assert "6 VPCs" in finding.message and "vpcs_per_region" in finding.message
    assert found(_quotas(design, vpcs_per_region=10), "QTA-001") == []


def test_nat_gateways_per_az_count_same_named_azs_of_all_vpcs():
    design = load_sample("three-tier")
    for i in range(4):  # with nat-a: 5 in ap-northeast-2a, the quota
        _add(design, f"extra-nat-{i}", "nat_gateway", "pub-a")
    _add(design, "vpc2", "vpc", "seoul", cidr="10.9.0.0/16")
    _add(design, "az2", "availability_zone", "vpc2", name="ap-northeast-2a")
    _add(design, "pub2", "subnet", "az2", cidr="10.9.0.0/24", public=True)
    assert found(design, "QTA-001") == []
    _add(design, "nat-vpc2", "nat_gateway", "pub2")
    finding = only(design, "QTA-001")
    assert "ap-northeast-2a" in finding.message and "6 NAT gateways" in finding.message


def test_routes_per_route_table():
    design = load_sample("three-tier")
    for i in range(48):
        _add(design, f"pcx-{i}", "vpc", "seoul", cidr=f"10.{100 + i}.0.0/16")
        apply(design, AddEdge(Edge(id=f"r{i}", kind="route", source="app-a", target=f"pcx-{i}")))
    assert [f.nodes for f in found(design, "QTA-001")] == [("seoul", *[n.id for n in design.children("seoul")
                                                                       if n.kind == "vpc"])]
    apply(design, AddEdge(Edge(id="r-last", kind="route", source="app-a", target="pcx-0",
                               props={"destination": "10.200.0.0/16"})))
    subnet_findings = [f for f in found(design, "QTA-001") if f.nodes == ("app-a",)]
    assert len(subnet_findings) == 1 and "51 routes" in subnet_findings[0].message


def test_vpc_level_quotas():
    design = setp(load_sample("three-tier"), "vpc", "secondary_cidrs", [f"10.{i}.0.0/16" for i in range(1, 6)])
    assert "6 IPv4 CIDR blocks" in only(design, "QTA-001").message
    design = _quotas(load_sample("three-tier"), subnets_per_vpc=5)
    assert "6 subnets" in only(design, "QTA-001").message
    design = _quotas(load_sample("vpc-peering"), peerings_per_vpc=0)
    assert {f.nodes for f in found(design, "QTA-001")} == {("vpc-app",), ("vpc-shared",)}
    design = _quotas(_add(load_sample("three-tier"), "acl", "network_acl", "vpc"), network_acls_per_vpc=0)
    assert "network ACLs" in only(design, "QTA-001").message
    design = _add(load_sample("three-tier"), "ssm", "vpc_endpoint", "vpc", service="ssm", endpoint_type="interface")
    assert "interface VPC endpoints" in only(_quotas(design, interface_endpoints_per_vpc=0), "QTA-001").message


def test_region_level_gateway_quotas():
    design = _quotas(load_sample("three-tier"), internet_gateways_per_region=0, gateway_endpoints_per_region=0)
    messages = sorted(f.message for f in found(design, "QTA-001"))
    assert len(messages) == 2 and "gateway VPC endpoints" in messages[0] and "internet gateways" in messages[1]
    design = _quotas(load_sample("hybrid-vpn"), vpn_gateways_per_region=0)
    assert "virtual private gateways" in only(design, "QTA-001").message


def test_quota_counts_are_local_and_cheap():
    design = load_sample("three-tier")
    validator = Validator(design, [RULES["QTA-001"]])
    try:
        assert validator.evaluations == 8  # 1 Region + 1 VPC + 6 subnets
        apply(design, SetProp("db", "multi_az", False), SetGeometry("db", (30, 40, 96, 84)))
        assert validator.refresh() == 0  # a resource's prop or a move inside its subnet: nothing to recount
        _add(design, "app-a2", "subnet", "az-a", cidr="10.0.30.0/24", public=False)
        assert validator.refresh() == 3  # the new subnet, its VPC and its Region
        design.set_settings(Settings(quotas={"subnets_per_vpc": 6}))
        validator.refresh()
        assert [f.nodes for f in validator.findings()] == [("vpc",)]
    finally:
        validator.close()


def test_quotas_incremental_matches_full():
    design = load_sample("three-tier")
    check_incremental(design,
                      AddNode(Node(id="v1", kind="vpc", parent="seoul", props={})),
                      AddEdge(Edge(id="r1", kind="route", source="app-a", target="v1")),
                      SetProp("vpc", "secondary_cidrs", ["10.1.0.0/16"] * 5),
                      SetProp("pub-a", "public", False),
                      AddNode(Node(id="n2", kind="nat_gateway", parent="app-a", props={"mode": "regional"})))
