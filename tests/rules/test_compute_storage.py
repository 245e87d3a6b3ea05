"""EC2-001 and EBS-001..004 on designs built from the samples."""

from __future__ import annotations

from designer.edits import AddEdge, AddNode, SetEdgeProp, SetGeometry, SetParent, SetProp
from designer.model import Edge, Node
from tests.conftest import load_sample
from tests.rules.helpers_b import apply, check_fix, check_incremental, found, only, setp


def _volume(design, vid="vol", parent="app-a", attach_to=("erp-a",), **props):
    """Add an EBS volume (gp3, 100 GiB, encrypted unless told) attached to the given instances."""
    base = {"size_gb": 100, "volume_type": "gp3", "encrypted": True}
    base.update(props)
    apply(design, AddNode(Node(id=vid, kind="ebs_volume", parent=parent, label=f"Volume {vid}", props=base)))
    for i, target in enumerate(attach_to):
        apply(design, AddEdge(Edge(id=f"{vid}-att{i}", kind="attach", source=vid, target=target)))
    return design


def _instance(design, iid, parent, **props):
    apply(design, AddNode(Node(id=iid, kind="ec2", parent=parent, label=f"Server {iid}", props=props)))
    return design


# --------------------------------------------------------------------------- EC2-001
def test_ec2_001_private_web_tier_without_a_front_door_is_a_warning():
    design = setp(load_sample("hybrid-vpn"), "erp-a", "role", "web")
    finding = only(design, "EC2-001")
    assert finding.severity == "warning" and finding.nodes == ("erp-a",)
    assert "private subnets" in finding.message and "프라이빗 서브넷" in finding.message_ko


def test_ec2_001_keeps_web_tiers_behind_an_internet_facing_alb_or_cloudfront():
    assert found(load_sample("three-tier"), "EC2-001") == []  # the ASG is behind the ALB
    design = setp(load_sample("hybrid-vpn"), "erp-a", "role", "web")
    apply(design, AddNode(Node(id="cdn", kind="cloudfront", props={})),
          AddEdge(Edge(id="o1", kind="origin", source="cdn", target="erp-a")))
    assert found(design, "EC2-001") == []


def test_ec2_001_public_web_tier_gets_advice():
    finding = only(load_sample("classroom-mistakes"), "EC2-001")
    assert finding.severity == "info" and finding.nodes == ("web-1",)


# --------------------------------------------------------------------------- EBS-001
def test_ebs_001_volume_in_another_az_is_an_error_and_the_fix_moves_it():
    design = _volume(load_sample("hybrid-vpn"), parent="app-c")
    finding = only(design, "EBS-001")
    assert finding.severity == "error" and finding.nodes == ("vol", "erp-a") and finding.edges == ("vol-att0",)
    check_fix(design, finding)


def test_ebs_001_same_az_attachment_passes():
    assert found(_volume(load_sample("hybrid-vpn")), "EBS-001") == []
    # A volume drawn on the AZ frame (not in a subnet) is in that AZ too.
    assert found(_volume(load_sample("hybrid-vpn"), parent="az-a"), "EBS-001") == []


def test_ebs_001_two_instances_need_multi_attach_io2():
    design = _instance(load_sample("hybrid-vpn"), "erp-b", "app-a")
    _volume(design, attach_to=("erp-a", "erp-b"))
    finding = only(design, "EBS-001")
    assert finding.nodes == ("vol", "erp-a", "erp-b") and finding.fix is None  # gp3 cannot Multi-Attach
    setp(design, "vol", "volume_type", "io2")
    setp(design, "vol", "iops", 3000)
    check_fix(design, only(design, "EBS-001"))  # io2 without the flag: the fix turns it on
    setp(design, "vol", "multi_attach", True)
    assert found(design, "EBS-001") == []


# --------------------------------------------------------------------------- EBS-002
def test_ebs_002_io_volume_without_iops_is_an_error_with_a_fix():
    design = _volume(load_sample("hybrid-vpn"), volume_type="io1")
    finding = only(design, "EBS-002")
    assert finding.severity == "error" and finding.nodes == ("vol",)
    check_fix(design, finding)


def test_ebs_002_iops_above_the_ratio_is_an_error():
    design = _volume(load_sample("hybrid-vpn"), volume_type="io1", iops=6000)  # 100 GiB × 50 = 5,000
    finding = only(design, "EBS-002")
    assert "5000" in finding.message
    check_fix(design, finding)
    design = _volume(load_sample("hybrid-vpn"), volume_type="io2", iops=60000, size_gb=50)  # 1,000 per GiB
    assert only(design, "EBS-002").severity == "error"
    design = _volume(load_sample("hybrid-vpn"), volume_type="io1", iops=70000, size_gb=4000)  # 64,000 cap
    assert "64000" in only(design, "EBS-002").message


def test_ebs_002_keeps_valid_provisioned_iops():
    assert found(_volume(load_sample("hybrid-vpn"), volume_type="io2", iops=20000), "EBS-002") == []
    assert found(_volume(load_sample("hybrid-vpn"), volume_type="gp3", iops=6000), "EBS-002") == []


def test_ebs_002_iops_on_gp2_is_ignored_warning():
    design = _volume(load_sample("hybrid-vpn"), volume_type="gp2", iops=3000)
    finding = only(design, "EBS-002")
    assert finding.severity == "warning"
    check_fix(design, finding)


def test_ebs_002_piops_on_an_old_instance_that_is_not_ebs_optimized():
    design = setp(load_sample("hybrid-vpn"), "erp-a", "instance_type", "t2.large")
    _volume(design, volume_type="io1", iops=3000)
    finding = only(design, "EBS-002")
    assert finding.severity == "warning" and finding.nodes == ("vol", "erp-a")
    check_fix(design, finding)


# --------------------------------------------------------------------------- EBS-003
def test_ebs_003_unencrypted_volume_is_a_warning_with_a_fix():
    design = _volume(load_sample("hybrid-vpn"), encrypted=False)
    finding = only(design, "EBS-003")
    assert finding.severity == "warning" and finding.nodes == ("vol",)
    check_fix(design, finding)
    assert found(_volume(load_sample("hybrid-vpn")), "EBS-003") == []


def _with_dr_region(design):
    return apply(design, AddNode(Node(id="osaka", kind="region", label="Osaka", props={"code": "ap-northeast-3"})))


def test_ebs_003_cross_region_copy_needs_a_kms_key():
    design = _with_dr_region(_volume(load_sample("hybrid-vpn")))
    apply(design, AddEdge(Edge(id="copy", kind="replication", source="vol", target="osaka")))
    finding = only(design, "EBS-003")
    assert "ap-northeast-3" in finding.message and finding.edges == ("copy",)
    apply(design, SetProp("vol", "encrypted", True))
    apply(design, SetEdgeProp("copy", "kms_key", "alias/dr-ebs"))
    assert found(design, "EBS-003") == []


# --------------------------------------------------------------------------- EBS-004
def test_ebs_004_critical_volume_without_backups_gets_info():
    design = _volume(load_sample("hybrid-vpn"), data_role="critical")
    finding = only(design, "EBS-004")
    assert finding.severity == "info"
    check_fix(design, finding)


def test_ebs_004_cross_region_copy_counts_as_backup():
    design = _with_dr_region(_volume(load_sample("hybrid-vpn"), data_role="critical"))
    apply(design, AddEdge(Edge(id="copy", kind="replication", source="vol", target="osaka",
                               props={"kms_key": "alias/dr"})))
    assert found(design, "EBS-004") == []


# --------------------------------------------------------------------------- incremental
def test_compute_storage_incremental_matches_full():
    design = _volume(load_sample("hybrid-vpn"), parent="app-c", volume_type="io1", data_role="critical")
    check_incremental(design,
                      SetProp("vol", "iops", 2000),
                      SetParent("vol", "app-a"),
                      SetProp("erp-a", "instance_type", "t2.micro"),
                      SetProp("erp-a", "role", "web"),
                      SetGeometry("erp-a", (10, 10, 96, 84)),
                      SetProp("vol", "encrypted", False),
                      SetProp("vol", "snapshot_schedule", True))
