"""R53-001..004, CF-001 and CF-002 on designs built from the static-website and three-tier samples."""

from __future__ import annotations

from designer.edits import AddEdge, AddNode, SetParent, SetProp
from designer.model import Edge, Node
from tests.conftest import load_sample
from tests.rules.helpers_b import apply, check_fix, check_incremental, found, only, setp

DNS_RULES = ("R53-001", "R53-002", "R53-003", "R53-004", "CF-001", "CF-002")
PUBLIC_IP = "52.95.110.1"  # a global (routable) address; TEST-NET ranges are not


def _record(design, rid, zone="zone", **props):
    base = {"type": "A", "alias": False, "routing": "simple"}
    base.update(props)
    return apply(design, AddNode(Node(id=rid, kind="route53_record", parent=zone, label=rid, props=base)))


def _dns(design, source, target, eid=None):
    return apply(design, AddEdge(Edge(id=eid or f"dns-{source}", kind="dns", source=source, target=target)))


def _failover(design, primary_props=None, secondary_props=None):
    primary = {"name": "api.example.com", "routing": "failover", "failover_role": "primary", "set_id": "p",
               "values": [PUBLIC_IP], **(primary_props or {})}
    secondary = {"name": "api.example.com", "routing": "failover", "failover_role": "secondary", "set_id": "s",
                 "values": ["52.95.110.2"], **(secondary_props or {})}
    _record(design, "api-1", **primary)
    return _record(design, "api-2", **secondary)


def test_well_architected_samples_keep_the_dns_and_cdn_rules():
    for sample in ("three-tier", "hybrid-vpn", "vpc-peering", "static-website"):
        for rule_id in DNS_RULES:
            assert found(load_sample(sample), rule_id) == [], (sample, rule_id)


# --------------------------------------------------------------------------- R53-001
def test_r53_001_primary_without_health_check_never_fails_over():
    design = _failover(load_sample("three-tier"))
    finding = only(design, "R53-001")
    assert finding.severity == "error" and finding.nodes == ("api-1",)
    check_fix(design, finding)
    assert found(_failover(load_sample("three-tier"), {"health_check": True}), "R53-001") == []


def test_r53_001_alias_primary_can_evaluate_target_health():
    design = _failover(load_sample("three-tier"), {"alias": True, "values": None})
    _dns(design, "api-1", "alb")
    finding = only(design, "R53-001")
    check_fix(design, finding)  # turns on evaluate_target_health


def test_r53_001_role_counts_and_set_ids():
    design = _failover(load_sample("three-tier"), {"health_check": True}, {"failover_role": "primary"})
    findings = found(design, "R53-001")
    assert any(f.nodes == ("api-1", "api-2") and "exactly one PRIMARY" in f.message for f in findings)
    design = _failover(load_sample("three-tier"), {"health_check": True}, {"set_id": ""})
    finding = only(design, "R53-001")
    assert finding.nodes == ("api-2",) and "identifier" in finding.message
    check_fix(design, finding)


# --------------------------------------------------------------------------- R53-002
def test_r53_002_health_check_on_a_private_ip():
    design = _record(load_sample("three-tier"), "int", name="int.example.com", values=["10.0.1.5"], health_check=True)
    finding = only(design, "R53-002")
    assert finding.severity == "error" and "10.0.1.5" in finding.message
    assert found(setp(design, "int", "health_check_type", "cloudwatch"), "R53-002") == []
    assert found(setp(design, "int", "values", [PUBLIC_IP]), "R53-002") == []


def test_r53_002_health_check_on_a_private_instance():
    design = _record(load_sample("hybrid-vpn"), "erp", zone=None, name="erp.example.com", health_check=True)
    apply(design, AddNode(Node(id="zone", kind="route53_zone", props={"domain": "example.com"})))
    apply(design, SetParent("erp", "zone"))
    _dns(design, "erp", "erp-a")
    finding = only(design, "R53-002")
    assert finding.nodes == ("erp", "erp-a")


# --------------------------------------------------------------------------- R53-003
def test_r53_003_name_outside_the_zone():
    design = _record(load_sample("three-tier"), "bad", name="www.example.net", values=[PUBLIC_IP])
    finding = only(design, "R53-003")
    assert finding.severity == "error" and "example.net" in finding.message
    assert found(_record(load_sample("three-tier"), "rel", name="api", values=[PUBLIC_IP]), "R53-003") == []


def test_r53_003_cname_at_the_apex_becomes_an_alias():
    design = _record(load_sample("three-tier"), "apex", name="example.com", type="CNAME", values=["x.example.net"])
    _dns(design, "apex", "alb")
    finding = only(design, "R53-003")
    assert "apex" in finding.message
    check_fix(design, finding)


def test_r53_003_alias_with_ttl_and_alias_targets():
    design = setp(load_sample("three-tier"), "www", "ttl", 300)
    finding = only(design, "R53-003")
    assert "TTL" in finding.message
    check_fix(design, finding)
    design = _record(load_sample("hybrid-vpn"), "x", zone=None, name="x.example.com", alias=True)
    _dns(design, "x", "erp-a")
    assert "cannot be an alias target" in only(design, "R53-003").message
    dangling = _record(load_sample("three-tier"), "lost", name="lost.example.com", alias=True)
    assert only(dangling, "R53-003").severity == "warning"


def test_r53_003_values_must_be_addresses():
    design = _record(load_sample("three-tier"), "v", name="v.example.com", values=["not-an-ip", "::1"])
    finding = only(design, "R53-003")
    assert "not-an-ip" in finding.message and "::1" in finding.message
    design = _record(load_sample("three-tier"), "c", name="c.example.com", type="CNAME", values=["a.net", "b.net"])
    assert "exactly one" in only(design, "R53-003").message
    design = _record(load_sample("three-tier"), "e", name="e.example.com")
    assert only(design, "R53-003").severity == "warning"  # points at nothing


def test_r53_003_cname_next_to_other_records():
    design = _record(load_sample("three-tier"), "c", name="www.example.com", type="CNAME", values=["a.example.net"])
    finding = only(design, "R53-003")
    assert finding.nodes == ("www", "c")


# --------------------------------------------------------------------------- R53-004
def test_r53_004_geolocation_set_without_default():
    design = _record(load_sample("three-tier"), "g1", name="geo.example.com", routing="geolocation", location="KR",
                     set_id="kr", values=[PUBLIC_IP])
    finding = only(design, "R53-004")
    assert finding.severity == "warning" and finding.nodes == ("g1",)
    _record(design, "g2", name="geo.example.com", routing="geolocation", location="*", set_id="all",
            values=[PUBLIC_IP])
    assert found(design, "R53-004") == []


def test_r53_004_latency_region_must_match_the_target():
    design = _record(load_sample("three-tier"), "lat", name="lat.example.com", routing="latency", alias=True,
                     region="us-east-1", set_id="use1")
    _dns(design, "lat", "alb")
    finding = only(design, "R53-004")
    assert "ap-northeast-2" in finding.message
    check_fix(design, finding)


def test_r53_004_weights_and_ttl():
    design = _record(load_sample("three-tier"), "w", name="w.example.com", routing="weighted", weight=300,
                     set_id="w", values=[PUBLIC_IP])
    assert only(design, "R53-004").severity == "error"
    design = _record(load_sample("three-tier"), "t", name="t.example.com", values=[PUBLIC_IP], health_check=True,
                     ttl=300)
    finding = only(design, "R53-004")
    assert finding.severity == "info"
    check_fix(design, finding)


# --------------------------------------------------------------------------- CF-001
def test_cf_001_certificate_outside_us_east_1():
    design = setp(load_sample("static-website"), "cdn", "certificate_region", "eu-west-1")
    finding = only(design, "CF-001")
    assert finding.severity == "error" and finding.nodes == ("cdn",)
    check_fix(design, finding)


def test_cf_001_certificate_must_cover_the_aliases():
    design = setp(load_sample("static-website"), "cdn", "certificate_domains", ["*.example.com"])
    assert "www.example.org" in only(design, "CF-001").message
    assert found(setp(design, "cdn", "certificate_domains", ["*.example.org"]), "CF-001") == []


def test_cf_001_alias_without_a_route53_record_gets_one():
    design = setp(load_sample("static-website"), "cdn", "aliases", ["www.example.org", "cdn.example.org"])
    finding = only(design, "CF-001")
    assert finding.severity == "warning" and "cdn.example.org" in finding.message
    check_fix(design, finding)
    # A domain whose DNS is hosted elsewhere is none of the design's business.
    assert found(setp(load_sample("static-website"), "cdn", "aliases", ["shop.example.net"]), "CF-001") == []


# --------------------------------------------------------------------------- CF-002
def test_cf_002_viewer_protocol_and_tls():
    design = setp(load_sample("static-website"), "cdn", "viewer_protocol_policy", "allow-all")
    check_fix(design, only(design, "CF-002"))
    design = setp(load_sample("static-website"), "cdn", "minimum_protocol_version", "TLSv1_2016")
    check_fix(design, only(design, "CF-002"))
    assert found(setp(design, "cdn", "minimum_protocol_version", "TLSv1.2_2021"), "CF-002") == []


def test_cf_002_public_bucket_origin():
    design = setp(load_sample("static-website"), "site", "public_access", True)
    finding = only(design, "CF-002")
    assert finding.severity == "warning" and finding.nodes == ("cdn", "site")
    check_fix(design, finding)


def test_cf_002_private_origin_must_be_a_vpc_origin():
    design = apply(setp(load_sample("three-tier"), "alb", "scheme", "internal"),
                   AddNode(Node(id="cdn", kind="cloudfront", props={})),
                   AddEdge(Edge(id="o", kind="origin", source="cdn", target="alb")))
    finding = only(design, "CF-002", "error")
    assert finding.nodes == ("cdn", "alb") and finding.edges == ("o",)
    check_fix(design, finding)
    assert len(found(design, "CF-002", "info")) == 1  # one custom origin, no failover
    assert found(setp(design, "cdn", "origin_failover", True), "CF-002", "info") == []


# --------------------------------------------------------------------------- incremental
def test_dns_incremental_matches_full():
    design = _failover(load_sample("three-tier"))
    apply(design, AddNode(Node(id="cdn", kind="cloudfront", props={"aliases": ["cdn.example.com"]})),
          AddEdge(Edge(id="o", kind="origin", source="cdn", target="alb")))
    check_incremental(design,
                      SetProp("api-1", "health_check", True),
                      SetProp("api-2", "failover_role", "primary"),
                      SetProp("alb", "scheme", "internal"),
                      SetProp("cdn", "certificate_region", "ap-northeast-2"),
                      SetProp("www", "name", "cdn.example.com"),
                      SetProp("zone", "domain", "example.org"),
                      SetProp("www", "ttl", 30))
