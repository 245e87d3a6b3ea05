"""S3-001..005 and GLC-001 on designs built from the samples."""

from __future__ import annotations

import pytest

from designer.edits import AddEdge, AddNode, RemoveEdge, SetProp
from designer.model import Edge, Node
from designer.rules.families.s3_glacier import bucket_name_problem, suggest_bucket_name
from tests.conftest import load_sample
from tests.rules.helpers_b import apply, check_fix, check_incremental, found, only, setp

S3_RULES = ("S3-001", "S3-002", "S3-003", "S3-004", "S3-005", "GLC-001")


def _add(design, node_id, kind, parent, **props):
    return apply(design, AddNode(Node(id=node_id, kind=kind, parent=parent, label=node_id, props=props)))


def test_well_architected_samples_keep_the_s3_rules():
    for sample in ("three-tier", "hybrid-vpn", "vpc-peering", "static-website"):
        for rule_id in S3_RULES:
            assert found(load_sample(sample), rule_id) == [], (sample, rule_id)


# --------------------------------------------------------------------------- S3-001
@pytest.mark.parametrize("name", ["My_Bucket", "ab", "a" * 64, "-starts-with-hyphen", "two..dots", "192.168.1.1",
                                  "xn--bucket", "sthree-bucket", "amzn-s3-demo-bucket", "logs-s3alias",
                                  "data--ol-s3", "point.mrap"])
def test_s3_001_bad_bucket_names(name):
    design = setp(load_sample("three-tier"), "assets", "bucket_name", name)
    finding = only(design, "S3-001")
    assert finding.severity == "error" and finding.nodes == ("assets",)
    if finding.fix is not None:
        check_fix(design, finding)


def test_s3_001_the_suggested_name_is_valid():
    assert suggest_bucket_name("My_Bucket") == "my-bucket"
    assert bucket_name_problem(suggest_bucket_name("Web Site Assets!")) is None
    assert bucket_name_problem("example-three-tier-assets") is None


def test_s3_001_duplicate_bucket_names():
    design = _add(load_sample("three-tier"), "assets2", "s3_bucket", "seoul", bucket_name="example-three-tier-assets")
    finding = only(design, "S3-001")
    assert finding.nodes == ("assets", "assets2") and "unique" in finding.message


# --------------------------------------------------------------------------- S3-002
def _lifecycle(*rules):
    return setp(load_sample("three-tier"), "assets", "lifecycle", list(rules))


def test_s3_002_ia_before_30_days_is_an_error_with_a_fix():
    design = _lifecycle({"after_days": 10, "storage_class": "STANDARD_IA"})
    finding = only(design, "S3-002")
    assert finding.severity == "error" and "30 days" in finding.message
    check_fix(design, finding)


def test_s3_002_transitions_go_only_to_colder_classes_and_later_days():
    design = _lifecycle({"after_days": 30, "storage_class": "GLACIER"}, {"after_days": 60, "storage_class": "STANDARD_IA"})
    assert "not a colder class" in only(design, "S3-002").message
    design = _lifecycle({"after_days": 90, "storage_class": "GLACIER"}, {"after_days": 90, "storage_class": "DEEP_ARCHIVE"})
    assert "not later" in only(design, "S3-002").message
    design = _lifecycle({"after_days": 30, "storage_class": "STANDARD_IA"}, {"after_days": 45, "storage_class": "GLACIER"})
    assert "stay 30 days" in only(design, "S3-002").message
    design = _lifecycle({"after_days": 30, "storage_class": "FROZEN"})
    assert only(design, "S3-002").severity == "error"


def test_s3_002_early_expiration_is_a_warning():
    design = _lifecycle({"after_days": 0, "storage_class": "DEEP_ARCHIVE"}, {"expire_after_days": 100})
    finding = only(design, "S3-002")
    assert finding.severity == "warning" and "180" in finding.message
    assert found(_lifecycle({"after_days": 0, "storage_class": "DEEP_ARCHIVE"}, {"expire_after_days": 365}),
                 "S3-002") == []


# --------------------------------------------------------------------------- S3-003
def test_s3_003_critical_data_in_one_zone_ia_without_replication():
    design = setp(setp(load_sample("three-tier"), "assets", "storage_class", "ONEZONE_IA"), "assets", "data_role",
                  "critical")
    setp(design, "assets", "access_logging", True)
    finding = only(design, "S3-003")
    assert finding.severity == "warning" and finding.nodes == ("assets",)
    _add(design, "dr", "s3_bucket", "seoul", bucket_name="example-three-tier-dr")
    apply(design, AddEdge(Edge(id="rep", kind="replication", source="assets", target="dr")))
    assert found(design, "S3-003") == []


# --------------------------------------------------------------------------- S3-004
def _private_server_to_bucket():
    design = _add(load_sample("hybrid-vpn"), "archive", "s3_bucket", "tokyo", bucket_name="corp-archive")
    return apply(design, AddEdge(Edge(id="to-s3", kind="traffic", source="erp-a", target="archive",
                                      props={"protocol": "tcp", "port": 443})))


def test_s3_004_private_instance_without_a_path_to_s3_with_a_fix():
    design = _private_server_to_bucket()
    finding = only(design, "S3-004")
    assert finding.severity == "error" and finding.nodes == ("erp-a", "archive", "app-a")
    assert finding.edges == ("to-s3",)
    check_fix(design, finding)  # adds a gateway endpoint and the route


def test_s3_004_interface_endpoint_or_gateway_route_keeps_it():
    design = _add(_private_server_to_bucket(), "s3-if", "vpc_endpoint", "vpc", service="s3", endpoint_type="interface")
    assert found(design, "S3-004") == []
    design = _add(_private_server_to_bucket(), "s3-gw", "vpc_endpoint", "vpc", service="s3", endpoint_type="gateway")
    finding = only(design, "S3-004")  # the endpoint exists but app-a has no route to it
    assert "s3-gw" in finding.fix.description
    apply(design, AddEdge(Edge(id="r", kind="route", source="app-a", target="s3-gw")))
    assert found(design, "S3-004") == []


def test_s3_004_three_tier_without_endpoint_routes_still_has_its_nat():
    design = load_sample("three-tier")
    for edge in list(design.edges):
        if edge.kind == "route" and edge.target == "s3-endpoint":
            apply(design, RemoveEdge(edge.id))
    assert found(design, "S3-004") == []  # the NAT gateways still carry the traffic
    for edge in list(design.edges):
        if edge.kind == "route":
            apply(design, RemoveEdge(edge.id))
    finding = only(design, "S3-004")
    assert finding.nodes == ("asg", "assets", "app-a", "app-c")
    check_fix(design, finding)


def test_s3_004_gateway_endpoint_in_another_region_does_not_count():
    design = _add(load_sample("hybrid-vpn"), "seoul", "region", None, code="ap-northeast-2")
    _add(design, "archive", "s3_bucket", "seoul", bucket_name="corp-archive")
    _add(design, "s3-gw", "vpc_endpoint", "vpc", service="s3", endpoint_type="gateway")
    apply(design, AddEdge(Edge(id="r", kind="route", source="app-a", target="s3-gw")),
          AddEdge(Edge(id="to-s3", kind="traffic", source="erp-a", target="archive")))
    assert only(design, "S3-004").severity == "error"


# --------------------------------------------------------------------------- S3-005
def test_s3_005_public_bucket_is_a_warning_with_a_fix():
    design = setp(load_sample("three-tier"), "assets", "public_access", True)
    finding = only(design, "S3-005")
    assert finding.severity == "warning"
    check_fix(design, finding)
    design = setp(setp(load_sample("three-tier"), "assets", "public_access", True), "assets", "website", True)
    assert only(design, "S3-005").fix is None  # blocking access would take the website down


def test_s3_005_encryption_versioning_and_logging():
    design = setp(load_sample("three-tier"), "assets", "encrypted", False)
    check_fix(design, only(design, "S3-005"))
    design = setp(load_sample("three-tier"), "assets", "data_role", "critical")
    assert "logging" in only(design, "S3-005").message
    setp(design, "assets", "versioning", False)
    findings = found(design, "S3-005")
    assert len(findings) == 2
    for finding in findings:
        check_fix(design, finding)
    assert found(setp(setp(design, "assets", "versioning", True), "assets", "access_logging", True), "S3-005") == []


# --------------------------------------------------------------------------- GLC-001
def test_glc_001_new_vault_is_a_warning_and_converts_to_an_s3_bucket():
    design = _add(load_sample("three-tier"), "vault", "glacier_vault", "seoul", vault_name="Old_Archive")
    apply(design, AddEdge(Edge(id="arch", kind="traffic", source="asg", target="vault")))
    finding = only(design, "GLC-001")
    assert finding.severity == "warning" and finding.nodes == ("vault",)
    check_fix(design, finding)
    finding.fix.to_edit().apply(design)
    bucket = design.node("vault")
    assert bucket.kind == "s3_bucket" and bucket.props["lifecycle"][0]["storage_class"] == "GLACIER"
    assert design.edge("arch").target == "vault"
    assert found(design, "S3-001") == []  # the converted bucket's name is valid


def test_glc_001_vault_names_and_duplicates():
    design = _add(load_sample("three-tier"), "vault", "glacier_vault", "seoul", vault_name="my vault!", existing=True)
    assert only(design, "GLC-001").severity == "error"
    design = _add(load_sample("three-tier"), "v1", "glacier_vault", "seoul", vault_name="logs", existing=True)
    assert found(design, "GLC-001") == []  # an account that already has vaults may keep them
    _add(design, "v2", "glacier_vault", "seoul", vault_name="logs", existing=True)
    finding = only(design, "GLC-001")
    assert finding.nodes == ("v1", "v2")


# --------------------------------------------------------------------------- incremental
def test_s3_incremental_matches_full():
    design = _private_server_to_bucket()
    _add(design, "dup", "s3_bucket", "tokyo", bucket_name="other")
    check_incremental(design,
                      SetProp("dup", "bucket_name", "corp-archive"),
                      SetProp("archive", "public_access", True),
                      SetProp("app-a", "public", True),
                      SetProp("app-a", "public", False),
                      AddNode(Node(id="gw", kind="vpc_endpoint", parent="vpc", props={"service": "s3"})),
                      AddEdge(Edge(id="r", kind="route", source="app-a", target="gw")),
                      SetProp("gw", "endpoint_type", "interface"),
                      SetProp("archive", "lifecycle", [{"after_days": 1, "storage_class": "STANDARD_IA"}]),
                      SetProp("dup", "bucket_name", "Bad_Name"))
