"""The failure drill on the samples and on small designs built for one behaviour each."""

from __future__ import annotations

import pytest

from designer.analysis import (
    UnknownNodeError,
    find_tiers,
    paths,
    simulate_failure,
    single_points_of_failure,
)
from tests.analysis.helpers import sample, two_az_vpc


def statuses(result) -> dict[str, str]:
    return {p.id: p.status for p in result.paths}


# ------------------------------------------------------------------ the samples
def test_three_tier_has_paths_to_every_tier_and_no_spof():
    design = sample("three-tier")
    assert {p.id: p.status for p in paths(design)} == {
        "users -> web": "ok", "users -> db": "ok", "web -> internet": "ok"}
    assert single_points_of_failure(design) == []


def test_three_tier_losing_az_a_keeps_every_tier_reachable():
    result = simulate_failure(sample("three-tier"), {"az-a"})
    assert set(statuses(result).values()) == {"ok"}
    assert result.down == ("az-a", "pub-a", "nat-a", "app-a", "db-a")
    # The ALB, the ASG and the Multi-AZ DB lose their AZ a side but stay up.
    assert result.degraded == ("alb", "asg", "db")
    outbound = next(p for p in result.paths if p.direction == "outbound")
    assert outbound.via[:3] == ("asg", "nat-c", "igw")  # the app tier now leaves through AZ c's NAT


def test_three_tier_losing_both_azs_loses_everything():
    result = simulate_failure(sample("three-tier"), {"az-a", "az-c"})
    assert set(statuses(result).values()) == {"lost"}
    assert {"alb", "asg", "db"} <= set(result.down)


def test_single_az_variant_spofs_are_its_nat_instances_database_and_az():
    spofs = single_points_of_failure(sample("drills/three-tier-single-az"))
    assert [(s.kind, s.id) for s in spofs] == [
        ("az", "az-a"), ("node", "nat-a"), ("node", "web-1"), ("node", "app-1"), ("node", "db")]
    by_id = {s.id: s for s in spofs}
    assert [p.id for p in by_id["nat-a"].lost_paths] == ["app -> internet"]
    assert [p.id for p in by_id["db"].lost_paths] == ["users -> db"]
    assert [p.id for p in by_id["web-1"].lost_paths] == ["users -> web", "users -> app", "users -> db"]
    assert "NAT" in by_id["nat-a"].reason and "NAT" in by_id["nat-a"].reason_ko
    assert "az-c" not in by_id  # the empty DB-subnet-group AZ carries no path


def test_failing_the_only_database_of_a_single_az_design_cuts_the_db_tier():
    result = simulate_failure(sample("drills/three-tier-single-az"), {"db"})
    assert statuses(result) == {"users -> web": "ok", "users -> app": "ok", "users -> db": "lost",
                                "app -> internet": "ok"}
    lost = result.lost_paths[0]
    assert lost.cut_by == ("db",)
    assert lost.via == ("users", "igw", "web-1", "app-1", "db")


def test_hybrid_vpn_paths_depend_on_the_vpn_gateway_and_survive_one_az():
    design = sample("hybrid-vpn")
    assert statuses(simulate_failure(design, {"az-a"})) == {"office -> app": "ok"}
    assert statuses(simulate_failure(design, {"vgw"})) == {"office -> app": "lost"}
    assert statuses(simulate_failure(design, {"cgw"})) == {"office -> app": "lost"}
    assert single_points_of_failure(design) == []  # the VGW is managed, the CGW is on-premises


def test_classroom_sample_reports_its_broken_nat_path_as_broken_not_lost():
    result = simulate_failure(sample("classroom-mistakes"), set())
    assert statuses(result)["app -> internet"] == "broken"
    spof_ids = [s.id for s in single_points_of_failure(sample("classroom-mistakes"))]
    assert spof_ids == ["alb", "az-a", "web-1", "db"]  # the one-AZ ALB is confined to AZ a


# ------------------------------------------------------------------ behaviours
def test_failing_a_subnet_takes_down_what_is_in_it_only():
    s = two_az_vpc()
    s.node("web-a", "ec2", "pub-a", role="web").node("web-c", "ec2", "pub-c", role="web")
    s.edge("traffic", "users", "web-a").edge("traffic", "users", "web-c")
    result = simulate_failure(s.design, {"pub-a"})
    assert result.down == ("pub-a", "web-a")
    assert statuses(result) == {"users -> web": "ok"}
    assert result.lost_edges == ("e1",)
    assert result.is_down("web-a") and not result.is_down("web-c")


def test_single_node_failure_of_a_managed_alb_is_simulated_but_never_a_spof():
    s = two_az_vpc()
    s.node("alb", "load_balancer", "vpc", lb_type="alb", subnets=["pub-a", "pub-c"])
    s.node("asg", "auto_scaling_group", "vpc", subnets=["priv-a", "priv-c"], role="web")
    s.edge("traffic", "users", "alb").edge("traffic", "alb", "asg")
    assert statuses(simulate_failure(s.design, {"alb"})) == {"users -> web": "lost"}
    assert single_points_of_failure(s.design) == []


def test_alb_in_one_az_is_a_spof():
    s = two_az_vpc()
    s.node("alb", "load_balancer", "vpc", lb_type="alb", subnets=["pub-a"])
    s.node("asg", "auto_scaling_group", "vpc", subnets=["priv-a", "priv-c"], role="web")
    s.edge("traffic", "users", "alb").edge("traffic", "alb", "asg")
    assert [(x.kind, x.id) for x in single_points_of_failure(s.design)] == [("az", "az-a"), ("node", "alb")]


def test_multi_az_rds_survives_its_primary_az_but_not_when_its_group_is_in_one_az():
    s = two_az_vpc()
    s.node("app", "ec2", "pub-a", role="app")
    s.node("db", "rds", "priv-a", multi_az=True, subnets=["priv-a", "priv-c"])
    s.edge("traffic", "users", "app").edge("traffic", "app", "db")
    after = simulate_failure(s.design, {"priv-a"})
    assert statuses(after)["users -> databases"] == "ok"
    assert after.degraded == ("db",)
    s.design.set_prop("db", "subnets", ["priv-a"])
    assert statuses(simulate_failure(s.design, {"priv-a"}))["users -> databases"] == "lost"
    assert "db" in [x.id for x in single_points_of_failure(s.design)]


def test_internet_paths_need_the_internet_gateway_and_a_public_placement():
    s = two_az_vpc()
    s.node("web", "ec2", "pub-a", role="web").edge("traffic", "users", "web")
    assert statuses(simulate_failure(s.design, {"igw"})) == {"users -> web": "lost"}
    s.design.set_prop("pub-a", "public", False)
    assert statuses(simulate_failure(s.design, set())) == {"users -> web": "broken"}


def test_outbound_path_follows_each_az_to_its_own_nat():
    s = two_az_vpc()
    s.node("nat-a", "nat_gateway", "pub-a").node("nat-c", "nat_gateway", "pub-c")
    s.node("asg", "auto_scaling_group", "vpc", subnets=["priv-a", "priv-c"], role="app")
    s.edge("route", "priv-a", "nat-a").edge("route", "priv-c", "nat-c")
    s.edge("traffic", "users", "asg")
    assert statuses(simulate_failure(s.design, {"nat-a"}))["app -> internet"] == "ok"
    assert statuses(simulate_failure(s.design, {"nat-a", "nat-c"}))["app -> internet"] == "lost"
    # Both private subnets through the one NAT in AZ a: that NAT becomes a single point of failure.
    s.design.set_edge_field("e2", "target", "nat-a")
    spofs = {x.id: x for x in single_points_of_failure(s.design)}
    assert [p.id for p in spofs["nat-a"].lost_paths] == ["app -> internet"]
    assert "nat-c" not in spofs


def test_a_regional_nat_gateway_is_not_zonal():
    s = two_az_vpc()
    s.node("nat", "nat_gateway", "vpc", mode="regional")
    s.node("app", "auto_scaling_group", "vpc", subnets=["priv-a", "priv-c"], role="app")
    s.edge("route", "priv-a", "nat").edge("route", "priv-c", "nat")
    assert statuses(simulate_failure(s.design, {"az-a"}))["app -> internet"] == "ok"
    assert single_points_of_failure(s.design) == []


def test_dns_and_cloudfront_edges_are_followed():
    s = two_az_vpc()
    s.node("zone", "route53_zone").node("www", "route53_record", "zone")
    s.node("cdn", "cloudfront").node("alb", "load_balancer", "vpc", subnets=["priv-a", "priv-c"])
    s.node("web", "ec2", "priv-a", role="web")
    s.edge("traffic", "users", "www").edge("dns", "www", "cdn").edge("origin", "cdn", "alb")
    s.edge("traffic", "alb", "web")
    result = simulate_failure(s.design, set())
    # CloudFront reaches a VPC origin in private subnets without our internet gateway.
    assert statuses(result) == {"users -> web": "ok"}
    assert result.paths[0].via == ("users", "www", "cdn", "alb", "web")
    assert statuses(simulate_failure(s.design, {"zone"})) == {"users -> web": "lost"}


def test_tiers_merge_identical_definitions_in_a_stable_order():
    tiers = find_tiers(sample("three-tier"))
    assert [(t.key, t.members, t.aliases) for t in tiers] == [
        ("web", ("asg",), ("targets:alb",)), ("db", ("db",), ("databases",))]
    assert [(t.name, t.name_ko) for t in tiers] == [("web tier", "웹 계층"), ("db tier", "데이터베이스 계층")]


def test_unknown_ids_are_refused_with_every_name():
    with pytest.raises(UnknownNodeError) as info:
        simulate_failure(sample("three-tier"), ["az-a", "nope", "zzz"])
    assert info.value.missing == ["nope", "zzz"]


def test_output_is_deterministic_and_does_not_change_the_design():
    design = sample("drills/three-tier-single-az")
    before = design.model_dump()
    first = [s.to_json() for s in single_points_of_failure(design)]
    again = [s.to_json() for s in single_points_of_failure(design)]
    assert first == again
    assert simulate_failure(design, ["db", "az-a"]).to_json() == simulate_failure(design, ["az-a", "db"]).to_json()
    assert design.model_dump() == before


def test_failing_a_vpc_takes_down_resources_spread_over_its_subnets():
    s = two_az_vpc()
    s.node("asg", "auto_scaling_group", "vpc", subnets=["pub-a", "pub-c"], role="web")
    s.edge("traffic", "users", "asg")
    result = simulate_failure(s.design, {"vpc"})
    assert "asg" in result.down and "igw" in result.down
    assert statuses(result) == {"users -> web": "lost"}


def test_a_prepared_drill_follows_edits_to_the_design():
    from designer.analysis import FailureDrill

    design = sample("drills/three-tier-single-az")
    drill = FailureDrill(design)
    assert statuses(drill.simulate({"db"}))["users -> db"] == "lost"
    design.set_prop("db", "multi_az", True)  # the fix a student makes after the drill
    assert statuses(drill.simulate({"az-a"}))["users -> db"] == "lost"  # web-1 and app-1 are gone too
    assert statuses(drill.simulate({"db-a"}))["users -> db"] == "ok"  # the standby in AZ c takes over
    with pytest.raises(UnknownNodeError):
        drill.simulate({"nope"})
