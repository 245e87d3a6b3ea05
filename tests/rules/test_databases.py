"""RDS-001..005 on designs built from the three-tier and classroom samples."""

from __future__ import annotations

from designer.edits import AddEdge, AddNode, SetEdgeProp, SetGeometry, SetParent, SetProp
from designer.model import Edge, Node
from tests.conftest import load_sample
from tests.rules.helpers_b import apply, check_fix, check_incremental, found, only, setp

DB_RULES = ("RDS-001", "RDS-002", "RDS-003", "RDS-004", "RDS-005")


def _three_tier():
    return load_sample("three-tier")


def _add(design, node_id, kind, parent, **props):
    return apply(design, AddNode(Node(id=node_id, kind=kind, parent=parent, label=node_id, props=props)))


def test_well_architected_samples_keep_the_database_rules():
    for sample in ("three-tier", "hybrid-vpn", "vpc-peering", "static-website"):
        for rule_id in DB_RULES:
            assert found(load_sample(sample), rule_id) == [], (sample, rule_id)


# --------------------------------------------------------------------------- RDS-001
def test_rds_001_subnet_group_in_one_az_is_an_error_with_a_fix():
    design = setp(_three_tier(), "db", "subnets", ["db-a"])
    finding = only(design, "RDS-001")
    assert finding.severity == "error" and finding.nodes == ("db", "db-a")
    check_fix(design, finding)


def test_rds_001_no_subnet_group_means_the_one_subnet_it_is_drawn_in():
    design = setp(_three_tier(), "db", "subnets", [])
    assert only(design, "RDS-001").nodes == ("db", "db-a")


def test_rds_001_subnets_of_two_vpcs():
    design = _add(_three_tier(), "vpc2", "vpc", "seoul", cidr="10.9.0.0/16")
    _add(design, "az2", "availability_zone", "vpc2", name="ap-northeast-2c")
    _add(design, "sub2", "subnet", "az2", cidr="10.9.1.0/24", public=False)
    setp(design, "db", "subnets", ["db-a", "sub2"])
    finding = only(design, "RDS-001")
    assert "one VPC" in finding.message


# --------------------------------------------------------------------------- RDS-002
def test_rds_002_classroom_public_database_gives_both_errors_with_fixes():
    design = load_sample("classroom-mistakes")
    findings = {f.nodes: f for f in found(design, "RDS-002")}
    assert set(findings) == {("db",), ("db", "pub-a")}
    assert all(f.severity == "error" for f in findings.values())
    assert "rejects" in findings[("db",)].message  # overlap-c in its group is private
    check_fix(design, findings[("db",)])
    check_fix(design, findings[("db", "pub-a")])
    # Both fixes together leave the database private.
    findings[("db",)].fix.to_edit().apply(design)
    findings[("db", "pub-a")].fix.to_edit().apply(design)
    assert found(design, "RDS-002") == []
    assert design.node("db").parent == "priv-a" and design.node("db").props["subnets"] == ["priv-a", "overlap-c"]


def test_rds_002_publicly_accessible_in_private_subnets():
    design = setp(_three_tier(), "db", "publicly_accessible", True)
    finding = only(design, "RDS-002")
    assert finding.nodes == ("db",)
    check_fix(design, finding)


def test_rds_002_ec2_database_server_in_a_public_subnet():
    design = setp(load_sample("classroom-mistakes"), "web-1", "role", "db")
    finding = [f for f in found(design, "RDS-002") if f.nodes[0] == "web-1"]
    assert len(finding) == 1 and finding[0].nodes == ("web-1", "pub-a")
    check_fix(design, finding[0])
    assert found(load_sample("vpc-peering"), "RDS-002") == []  # its DB server is private


# --------------------------------------------------------------------------- RDS-003
def test_rds_003_production_single_az_is_a_warning_with_a_fix():
    design = setp(_three_tier(), "db", "multi_az", False)
    finding = only(design, "RDS-003")
    assert finding.severity == "warning" and finding.nodes == ("db",)
    check_fix(design, finding)


def test_rds_003_keeps_dev_and_aurora():
    design = setp(setp(_three_tier(), "db", "multi_az", False), "db", "env", "dev")
    assert found(design, "RDS-003") == []
    design = setp(setp(_three_tier(), "db", "multi_az", False), "db", "engine", "aurora-mysql")
    assert found(design, "RDS-003") == []


# --------------------------------------------------------------------------- RDS-004
def test_rds_004_retention_over_35_days_is_an_error():
    design = setp(_three_tier(), "db", "backup_retention_days", 40)
    finding = only(design, "RDS-004")
    assert finding.severity == "error"
    check_fix(design, finding)


def test_rds_004_zero_retention_is_a_warning():
    design = setp(_three_tier(), "db", "backup_retention_days", 0)
    finding = only(design, "RDS-004")
    assert finding.severity == "warning"
    check_fix(design, finding)


def test_rds_004_nonsense_retention_is_an_error():
    for value in (-1, "seven", True):
        assert only(setp(_three_tier(), "db", "backup_retention_days", value), "RDS-004").severity == "error"
    assert found(setp(_three_tier(), "db", "backup_retention_days", 35), "RDS-004") == []


# --------------------------------------------------------------------------- RDS-005
def test_rds_005_unencrypted_database_is_a_warning_with_a_fix():
    design = setp(_three_tier(), "db", "encrypted", False)
    finding = only(design, "RDS-005")
    assert finding.severity == "warning"
    check_fix(design, finding)


def test_rds_005_replica_encryption_must_match_its_source():
    design = _add(_three_tier(), "replica", "rds", "db-c", encrypted=False, subnets=["db-a", "db-c"], env="prod")
    apply(design, AddEdge(Edge(id="rep", kind="replication", source="db", target="replica")))
    findings = found(design, "RDS-005", "error")
    assert len(findings) == 1 and findings[0].nodes == ("db", "replica")
    check_fix(design, findings[0])


def test_rds_005_cross_region_replica_needs_a_kms_key():
    design = _add(_three_tier(), "tokyo", "region", None, code="ap-northeast-1")
    _add(design, "vpc-t", "vpc", "tokyo", cidr="10.5.0.0/16")
    for zone in ("a", "c"):
        _add(design, f"az-t{zone}", "availability_zone", "vpc-t", name=f"ap-northeast-1{zone}")
        _add(design, f"db-t{zone}", "subnet", f"az-t{zone}", cidr=f"10.5.{ord(zone)}.0/24", public=False)
    _add(design, "replica", "rds", "db-ta", encrypted=True, subnets=["db-ta", "db-tc"])
    apply(design, AddEdge(Edge(id="rep", kind="replication", source="db", target="replica")))
    finding = only(design, "RDS-005")
    assert finding.severity == "warning" and "ap-northeast-1" in finding.message
    apply(design, SetEdgeProp("rep", "kms_key", "alias/tokyo-rds"))
    assert found(design, "RDS-005") == []


# --------------------------------------------------------------------------- incremental
def test_databases_incremental_matches_full():
    design = load_sample("classroom-mistakes")
    check_incremental(design,
                      SetProp("db", "publicly_accessible", False),
                      SetParent("db", "priv-a"),
                      SetProp("pub-a", "public", False),
                      SetProp("db", "subnets", ["priv-a"]),
                      SetProp("db", "env", "prod"),
                      SetProp("db", "backup_retention_days", 0),
                      SetGeometry("db", (5, 5, 96, 84)),
                      SetProp("web-1", "role", "db"),
                      SetProp("pub-a", "public", True))
