"""TOP-001..003: Regions, AZs, subnets and the scope each resource is drawn at."""

from __future__ import annotations

from designer.edits import SetGeometry, SetParent
from tests.conftest import load_sample
from tests.rules.helpers_a import add, apply, check_fix, link, none, one, setp

SAMPLES = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website", "classroom-mistakes")


def test_samples_keep_top_001_and_003():
    for name in SAMPLES:
        none(load_sample(name), "TOP-001")
        none(load_sample(name), "TOP-003")


def test_top_001_vpc_outside_a_region():
    design = apply(load_sample("three-tier"), SetParent("vpc", None))
    one(design, "TOP-001", "error", "vpc")


def test_top_001_az_name_of_another_region():
    design = setp(load_sample("three-tier"), "az-a", "name", "us-east-1a")
    finding = one(design, "TOP-001", "error", "az-a", "seoul")
    assert "us-east-1a" in finding.message


def test_top_001_route_across_regions():
    design = load_sample("three-tier")
    add(design, "tokyo", "region", None, code="ap-northeast-1")
    add(design, "vpc2", "vpc", "tokyo", cidr="10.9.0.0/16")
    add(design, "az2", "availability_zone", "vpc2", name="ap-northeast-1a")
    add(design, "pub2", "subnet", "az2", cidr="10.9.0.0/24", public=True)
    add(design, "nat2", "nat_gateway", "pub2")
    link(design, "far", "route", "db-a", "nat2")
    finding = one(design, "TOP-001", "error", "db-a", "nat2")
    assert finding.edges == ("far",)


def test_top_002_classroom_span_and_its_fix():
    design = load_sample("classroom-mistakes")
    finding = one(design, "TOP-002", "error", "span")
    check_fix(design, finding)


def test_top_002_keeps_the_well_drawn_samples():
    for name in ("three-tier", "hybrid-vpn", "vpc-peering", "static-website"):
        none(load_sample(name), "TOP-002")


def test_top_002_subnet_frame_crossing_into_another_az():
    design = load_sample("three-tier")
    subnet = design.node("app-a")
    apply(design, SetGeometry("app-a", (subnet.x, subnet.y, subnet.w + 600, subnet.h)))
    finding = one(design, "TOP-002", "error", "app-a", "az-a")
    assert "az-c" in finding.nodes


def test_top_002_subnet_outside_any_vpc():
    design = load_sample("three-tier")
    add(design, "loose-az", "availability_zone", "seoul", name="ap-northeast-2b")
    apply(design, SetParent("db-c", "loose-az"))
    one(design, "TOP-002", "error", "db-c")


def test_top_003_instance_outside_a_subnet():
    design = apply(load_sample("hybrid-vpn"), SetParent("erp-a", "vpc"))
    one(design, "TOP-003", "error", "erp-a")


def test_top_003_ebs_volume_needs_an_az():
    design = add(load_sample("hybrid-vpn"), "vol", "ebs_volume", "tokyo")
    one(design, "TOP-003", "error", "vol")


def test_top_003_bucket_inside_vpc_is_hoisted_by_the_fix():
    design = apply(load_sample("three-tier"), SetParent("assets", "vpc"))
    finding = one(design, "TOP-003", "warning", "assets", "vpc")
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    assert design.node("assets").parent == "seoul"


def test_top_003_cloudfront_inside_a_region_is_hoisted_to_the_top():
    design = apply(load_sample("static-website"), SetParent("cdn", "virginia"))
    finding = one(design, "TOP-003", "warning", "cdn", "virginia")
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    assert design.node("cdn").parent is None


def test_top_003_regional_nat_gateway_needs_no_subnet():
    design = load_sample("three-tier")
    add(design, "rnat", "nat_gateway", "vpc", mode="regional")
    none(design, "TOP-003")
