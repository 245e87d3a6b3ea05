"""ELB-001..006 and ASG-001..003 on designs built from the three-tier sample."""

from __future__ import annotations

import copy

from designer.edits import AddNode, RemoveNode, SetGeometry, SetProp
from designer.model import Node
from tests.conftest import load_sample
from tests.rules.helpers_b import apply, check_fix, check_incremental, found, only, setp

LB_RULES = ("ELB-001", "ELB-002", "ELB-003", "ELB-004", "ELB-005", "ELB-006", "ASG-001", "ASG-002", "ASG-003")


def _three_tier():
    return load_sample("three-tier")


def _add(design, node_id, kind, parent, **props):
    return apply(design, AddNode(Node(id=node_id, kind=kind, parent=parent, label=node_id, props=props)))


def _with_az_b(design):
    """A third AZ with a private app subnet."""
    _add(design, "az-b", "availability_zone", "vpc", name="ap-northeast-2b")
    return _add(design, "app-b", "subnet", "az-b", cidr="10.0.12.0/24", public=False)


def _other_vpc(design):
    _add(design, "vpc2", "vpc", "seoul", cidr="10.9.0.0/16")
    _add(design, "az2", "availability_zone", "vpc2", name="ap-northeast-2b")
    _add(design, "sub2", "subnet", "az2", cidr="10.9.1.0/24", public=False)
    return _add(design, "sg2", "security_group", "vpc2", inbound=[])


def _listeners(design):
    return copy.deepcopy(design.node("alb").props["listeners"])


def test_the_three_tier_sample_keeps_every_lb_and_asg_rule():
    for rule_id in LB_RULES:
        assert found(_three_tier(), rule_id) == [], rule_id


# --------------------------------------------------------------------------- ELB-001
def test_elb_001_alb_in_one_az_is_an_error_and_the_fix_adds_a_subnet():
    design = setp(_three_tier(), "alb", "subnets", ["pub-a"])
    finding = only(design, "ELB-001", "error")
    assert finding.nodes == ("alb",) and "ap-northeast-2a" in finding.message
    check_fix(design, finding)


def test_elb_001_classroom_alb_in_one_az():
    finding = only(load_sample("classroom-mistakes"), "ELB-001")
    assert finding.severity == "error" and finding.nodes == ("alb",)


def test_elb_001_nlb_in_one_az_is_a_warning():
    design = setp(setp(_three_tier(), "alb", "subnets", ["pub-a"]), "alb", "lb_type", "nlb")
    findings = {f.nodes: f.severity for f in found(design, "ELB-001")}
    # The LB itself, and the ASG whose instances in ap-northeast-2c get no traffic.
    assert findings == {("alb",): "warning", ("alb", "asg"): "warning"}


def test_elb_001_target_outside_the_lb_azs():
    design = setp(_with_az_b(_three_tier()), "asg", "subnets", ["app-a", "app-b"])
    finding = only(design, "ELB-001")
    assert finding.severity == "warning" and finding.nodes == ("alb", "asg") and "ap-northeast-2b" in finding.message
    setp(design, "asg", "subnets", ["app-b"])  # no target left in an enabled AZ
    assert only(design, "ELB-001").severity == "error"


# --------------------------------------------------------------------------- ELB-002
def test_elb_002_two_subnets_in_one_az():
    design = _add(_three_tier(), "pub-a2", "subnet", "az-a", cidr="10.0.5.0/24", public=True)
    setp(design, "alb", "subnets", ["pub-a", "pub-a2", "pub-c"])
    finding = only(design, "ELB-002")
    assert finding.severity == "error" and finding.nodes == ("alb", "pub-a", "pub-a2")
    check_fix(design, finding)


def test_elb_002_subnet_of_another_vpc():
    design = setp(_other_vpc(_three_tier()), "alb", "subnets", ["pub-a", "pub-c", "sub2"])
    finding = only(design, "ELB-002")
    assert finding.nodes == ("alb", "sub2")
    check_fix(design, finding)


def test_elb_002_small_alb_subnet_is_a_warning():
    design = setp(_three_tier(), "pub-a", "cidr", "10.0.0.0/28")
    finding = only(design, "ELB-002")
    assert finding.severity == "warning" and finding.nodes == ("alb", "pub-a")
    assert found(setp(_three_tier(), "pub-a", "cidr", "10.0.0.0/27"), "ELB-002") == []


# --------------------------------------------------------------------------- ELB-003
def test_elb_003_internet_facing_lb_in_private_subnets():
    design = setp(_three_tier(), "alb", "subnets", ["app-a", "app-c"])
    finding = only(design, "ELB-003")
    assert finding.severity == "error" and finding.nodes == ("alb", "app-a", "app-c")
    check_fix(design, finding)


def test_elb_003_internet_facing_lb_in_a_vpc_without_igw():
    design = apply(_three_tier(), RemoveNode("igw"))
    finding = only(design, "ELB-003")
    assert finding.severity == "error" and "InvalidSubnet" in finding.message


def test_elb_003_internal_lb_in_public_subnets_is_a_warning():
    design = setp(_three_tier(), "alb", "scheme", "internal")
    finding = only(design, "ELB-003")
    assert finding.severity == "warning"
    check_fix(design, finding)


# --------------------------------------------------------------------------- ELB-004
def test_elb_004_https_listener_without_certificate():
    design = _three_tier()
    listeners = _listeners(design)
    del listeners[0]["certificate"], listeners[0]["certificate_region"]
    finding = only(setp(design, "alb", "listeners", listeners), "ELB-004")
    assert finding.severity == "error" and "443" in finding.message


def test_elb_004_certificate_from_another_region():
    design = _three_tier()
    listeners = _listeners(design)
    listeners[0]["certificate"] = "arn:aws:acm:us-east-1:123456789012:certificate/x"
    listeners[0].pop("certificate_region")
    finding = only(setp(design, "alb", "listeners", listeners), "ELB-004")
    assert finding.severity == "error" and "us-east-1" in finding.message and "ap-northeast-2" in finding.message


def test_elb_004_plain_http_on_the_internet_is_a_warning():
    finding = only(load_sample("classroom-mistakes"), "ELB-004")
    assert finding.severity == "warning"
    design = _three_tier()
    listeners = _listeners(design)
    listeners[1]["redirect_to_https"] = False
    setp(design, "alb", "listeners", listeners[1:])
    assert only(design, "ELB-004").severity == "warning"
    assert found(setp(design, "alb", "scheme", "internal"), "ELB-004") == []


# --------------------------------------------------------------------------- ELB-005
def test_elb_005_missing_health_check_is_a_warning_with_a_fix():
    design = setp(_three_tier(), "alb", "health_check", None)
    finding = only(design, "ELB-005")
    assert finding.severity == "warning"
    check_fix(design, finding)


def test_elb_005_tcp_health_check_on_an_alb_is_an_error():
    design = setp(_three_tier(), "alb", "health_check", {"protocol": "TCP", "port": 80})
    finding = only(design, "ELB-005")
    assert finding.severity == "error" and "TCP" in finding.message
    check_fix(design, finding)


def test_elb_005_matcher_on_a_tcp_health_check():
    design = setp(_three_tier(), "alb", "lb_type", "nlb")
    setp(design, "alb", "health_check", {"protocol": "TCP", "port": 80, "matcher": "200"})
    finding = only(design, "ELB-005")
    assert finding.severity == "error"
    check_fix(design, finding)


def test_elb_005_target_security_group_blocks_the_health_check_port():
    design = setp(_three_tier(), "alb", "health_check", {"protocol": "HTTP", "port": 8080, "path": "/health"})
    finding = only(design, "ELB-005")
    assert finding.severity == "error" and finding.nodes == ("alb", "asg") and "8080" in finding.message
    inbound = copy.deepcopy(design.node("sg-web").props["inbound"])
    setp(design, "sg-web", "inbound", [*inbound, {"protocol": "tcp", "port": 8080, "source": "sg-alb"}])
    assert found(design, "ELB-005") == []


# --------------------------------------------------------------------------- ELB-006
def test_elb_006_alb_stickiness_with_cross_zone_off():
    design = setp(setp(_three_tier(), "alb", "sticky_sessions", True), "alb", "cross_zone", False)
    finding = only(design, "ELB-006", "error")
    assert finding.nodes == ("alb",)
    check_fix(design, finding)


def test_elb_006_nlb_stickiness_must_be_source_ip():
    design = setp(setp(_three_tier(), "alb", "lb_type", "nlb"), "alb", "sticky_sessions", True)
    assert found(design, "ELB-006") == []
    setp(design, "alb", "stickiness_type", "lb_cookie")
    finding = only(design, "ELB-006")
    assert finding.severity == "error"
    check_fix(design, finding)


def test_elb_006_alb_stickiness_gets_cookie_advice():
    design = setp(_three_tier(), "alb", "sticky_sessions", True)
    assert only(design, "ELB-006").severity == "info"


# --------------------------------------------------------------------------- ASG-001
def test_asg_001_desired_below_min_is_an_error_with_a_fix():
    design = setp(_three_tier(), "asg", "min", 3)
    finding = only(design, "ASG-001")
    assert finding.severity == "error" and finding.nodes == ("asg",)
    check_fix(design, finding)


def test_asg_001_min_above_max_and_bad_values():
    design = setp(_three_tier(), "asg", "min", 7)
    assert only(design, "ASG-001").fix is None
    assert only(setp(_three_tier(), "asg", "max", "six"), "ASG-001").severity == "error"


def test_asg_001_target_tracking_needs_room():
    design = setp(setp(_three_tier(), "asg", "max", 2), "asg", "scaling_policy", "target_tracking")
    assert "target-tracking" in only(design, "ASG-001").message
    assert found(setp(design, "asg", "max", 4), "ASG-001") == []


# --------------------------------------------------------------------------- ASG-002
def test_asg_002_single_az_is_a_warning_and_the_fix_adds_a_subnet():
    design = setp(_three_tier(), "asg", "subnets", ["app-a"])
    finding = only(design, "ASG-002")
    assert finding.severity == "warning"
    check_fix(design, finding)


def test_asg_002_subnets_or_groups_of_another_vpc_are_errors():
    design = setp(_other_vpc(_three_tier()), "asg", "subnets", ["app-a", "sub2"])
    assert only(design, "ASG-002").severity == "error"
    design = setp(_other_vpc(_three_tier()), "asg", "security_groups", ["sg-web", "sg2"])
    finding = only(design, "ASG-002")
    assert finding.severity == "error" and finding.nodes == ("asg", "sg2")


# --------------------------------------------------------------------------- ASG-003
def test_asg_003_ec2_health_checks_behind_a_load_balancer():
    design = setp(_three_tier(), "asg", "health_check_type", "EC2")
    finding = only(design, "ASG-003")
    assert finding.severity == "warning" and finding.nodes == ("asg", "alb")
    check_fix(design, finding)


# --------------------------------------------------------------------------- incremental
def test_load_balancing_incremental_matches_full():
    design = _with_az_b(_three_tier())
    check_incremental(design,
                      SetProp("alb", "subnets", ["pub-a"]),
                      SetProp("asg", "subnets", ["app-a", "app-b"]),
                      SetProp("pub-a", "public", False),
                      SetProp("sg-web", "inbound", []),
                      SetProp("alb", "health_check", {"protocol": "HTTP", "port": 81}),
                      SetGeometry("asg", (1, 1, 96, 84)),
                      SetProp("asg", "health_check_type", "EC2"),
                      SetProp("alb", "subnets", ["pub-a", "pub-c"]),
                      SetProp("pub-a", "public", True))
