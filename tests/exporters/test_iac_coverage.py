"""Every kind with an IaC type, in one design the samples do not cover: NACLs, EBS, Classic
and Network LBs, interface endpoints, Glacier, regional NAT, secondary CIDRs, EIPs on
instances, routing policies, health checks, an S3 website alias and a private zone.
CloudFormation must pass cfn-lint and deploy in moto; Terraform must pass the schema check."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
import yaml

from designer.catalogue import KINDS
from designer.exporters import export
from designer.exporters.derive import derive
from designer.model import Design, Edge, Node
from tests.exporters.iac_support import lint, moto_deploy, parse_hcl, schema_check, tf_blocks


def kitchen_sink() -> Design:
    """One Region with a little of everything (ids double as the facts the tests check)."""
    d = Design(title="Kitchen sink")
    nodes = [
        ("office", "on_premises", None, {"cidr": "172.16.0.0/12"}),
        ("cgw", "customer_gateway", "office", {"ip": "198.51.100.20"}),
        ("oregon", "region", None, {"code": "us-west-2"}),
        ("vpc", "vpc", "oregon", {"cidr": "10.5.0.0/16", "secondary_cidrs": ["100.64.0.0/16"]}),
        ("igw", "internet_gateway", "vpc", {}),
        ("vgw", "vpn_gateway", "vpc", {}),
        ("az1", "availability_zone", "vpc", {"name": "us-west-2a"}),
        ("az2", "availability_zone", "vpc", {"name": "us-west-2b"}),
        ("pub1", "subnet", "az1", {"cidr": "10.5.1.0/24", "public": True}),
        ("pub2", "subnet", "az2", {"cidr": "10.5.2.0/24", "public": True}),
        ("priv1", "subnet", "az1", {"cidr": "10.5.11.0/24"}),
        ("priv2", "subnet", "az2", {"cidr": "10.5.12.0/24"}),
        ("sg-lb", "security_group", "vpc", {"inbound": [
            {"protocol": "tcp", "port": 80, "source": "0.0.0.0/0"},
            {"protocol": "tcp", "port": 443, "source": "::/0"},
            {"protocol": "icmp", "source": "10.0.0.0/8"}]}),
        ("sg-app", "security_group", "vpc", {"inbound": [
            {"protocol": "tcp", "port": "8080-8081", "source": "sg-lb"},
            {"protocol": "-1", "source": "sg-app"}], "outbound": []}),
        ("acl", "network_acl", "vpc", {"subnets": ["priv1", "priv2"], "rules": [
            {"number": 100, "direction": "inbound", "protocol": "tcp", "port": "1024-65535",
             "cidr": "0.0.0.0/0", "action": "allow"},
            {"number": 110, "direction": "inbound", "protocol": "icmp", "cidr": "10.0.0.0/8",
             "action": "deny"},
            {"number": 100, "direction": "outbound", "protocol": "-1", "cidr": "0.0.0.0/0",
             "action": "allow"}]}),
        ("nat", "nat_gateway", "vpc", {"mode": "regional"}),
        ("nat-private", "nat_gateway", "priv2", {"connectivity": "private"}),
        ("web", "ec2", "pub1", {"instance_type": "t3.micro", "public_ip": True,
                                "security_groups": ["sg-app"], "ebs_optimized": True}),
        ("app", "ec2", "priv1", {"security_groups": ["sg-app"]}),
        ("vol", "ebs_volume", "az1", {"size_gb": 50, "volume_type": "io2", "iops": 3000}),
        ("eip", "elastic_ip", "oregon", {}),
        ("clb", "load_balancer", "vpc", {"lb_type": "clb", "subnets": ["pub1", "pub2"],
                                         "listeners": [{"protocol": "HTTP", "port": 80}],
                                         "health_check": {"protocol": "HTTP", "port": 8080, "path": "/ok"},
                                         "security_groups": ["sg-lb"]}),
        ("nlb", "load_balancer", "vpc", {"lb_type": "nlb", "scheme": "internal",
                                         "subnets": ["priv1", "priv2"],
                                         "listeners": [{"protocol": "TCP", "port": 8080}],
                                         "health_check": {"protocol": "TCP", "port": 8080},
                                         "sticky_sessions": True}),
        ("asg", "auto_scaling_group", "vpc", {"subnets": ["priv1", "priv2"], "min": 1, "max": 3,
                                              "desired": 1, "security_groups": ["sg-app"]}),
        ("ddb-endpoint", "vpc_endpoint", "vpc", {"service": "dynamodb", "endpoint_type": "gateway"}),
        ("ssm-endpoint", "vpc_endpoint", "priv1", {"service": "ssm", "endpoint_type": "interface",
                                                    "security_groups": ["sg-app"]}),
        ("db", "rds", "priv1", {"engine": "postgres", "multi_az": False, "subnets": ["priv1", "priv2"],
                                "security_groups": ["sg-app"], "backup_retention_days": 1}),
        ("site", "s3_bucket", "oregon", {"bucket_name": "www.example.net", "website": True,
                                         "public_access": True, "versioning": False,
                                         "lifecycle": [{"expire_after_days": 365}]}),
        ("vault", "glacier_vault", "oregon", {"vault_name": "archive"}),
        ("zone", "route53_zone", None, {"domain": "example.net"}),
        ("www", "route53_record", "zone", {"name": "www.example.net", "alias": True}),
        ("api-a", "route53_record", "zone", {"name": "api.example.net", "routing": "failover",
                                             "failover_role": "primary", "health_check": True}),
        ("api-b", "route53_record", "zone", {"name": "api.example.net", "routing": "failover",
                                             "failover_role": "secondary", "alias": False,
                                             "values": ["198.51.100.30"], "ttl": 60}),
        ("geo", "route53_record", "zone", {"name": "geo.example.net", "routing": "geolocation",
                                           "location": "KR", "alias": False, "values": ["198.51.100.31"]}),
        ("w1", "route53_record", "zone", {"name": "w.example.net", "routing": "weighted", "weight": 10,
                                          "alias": False, "values": ["198.51.100.32"]}),
        ("lat", "route53_record", "zone", {"name": "lat.example.net", "routing": "latency", "alias": True}),
        ("private-zone", "route53_zone", None, {"domain": "internal.example", "private": True}),
        ("db-name", "route53_record", "private-zone", {"name": "db.internal.example", "type": "CNAME",
                                                      "alias": False, "values": ["db.example"]}),
    ]
    for node_id, kind, parent, props in nodes:
        d.add_node(Node(id=node_id, kind=kind, parent=parent, label=f"{node_id} 라벨", props=props))
    edges = [
        ("vpn", "cgw", "vgw"), ("route", "priv1", "vgw"), ("route", "priv1", "ddb-endpoint"),
        ("route", "priv2", "nat"), ("traffic", "clb", "web"), ("traffic", "nlb", "asg"),
        ("attach", "eip", "web"), ("attach", "vol", "app"), ("dns", "www", "site"),
        ("dns", "api-a", "clb"), ("dns", "lat", "nlb"),
    ]
    for i, (kind, source, target) in enumerate(edges):
        d.add_edge(Edge(id=f"e{i}", kind=kind, source=source, target=target))
    return d


def test_every_kind_with_an_iac_type_is_covered():
    covered = {n.kind for n in kitchen_sink().nodes}
    # CloudFront is covered by the static-website sample.
    assert {k.key for k in KINDS if k.cloudformation_type} - covered == {"cloudfront"}


def test_derived_facts():
    f = derive(kitchen_sink())
    assert f.az_index["pub1"] == 0 and f.az_index["priv2"] == 1 and f.az_index["vol"] == 0
    assert [(r.destination, r.via) for r in f.routes["pub1"]] == [("0.0.0.0/0", "igw")]
    assert [(r.destination, r.via) for r in f.routes["priv1"]] == [("172.16.0.0/12", "vgw")]
    assert f.endpoint_subnets == {"ddb-endpoint": ["priv1"]}
    assert f.eip_instance == {"eip": "web"} and f.volume_attachments == [("vol", "app", "/dev/sdf")]
    rules = f.sg_rules["sg-lb"]
    assert [(r.protocol, r.from_port, r.cidr4 or r.cidr6) for r in rules if not r.egress] == [
        ("tcp", 80, "0.0.0.0/0"), ("tcp", 443, "::/0"), ("icmp", -1, "10.0.0.0/8")]
    assert [r.sg for r in f.sg_rules["sg-app"]] == ["sg-lb", "sg-app"], "no default egress when outbound is []"
    assert f.region["zone"] == "us-west-2" and f.region["cgw"] == "us-west-2"
    assert f.alias_target == {"www": "site", "api-a": "clb", "lat": "nlb"}
    assert f.lb_targets["nlb"].asgs == ["asg"] and f.lb_targets["clb"].instances == [("web", 8080)], "no edge port: the health-check port"


@pytest.mark.slow
def test_kitchen_sink_cloudformation_lints_and_deploys():
    result = export(kitchen_sink(), "cloudformation")
    [(file_name, text)] = result.files.items()
    assert file_name == "us-west-2.yaml"
    matches = lint(text, "us-west-2")
    assert not [m for m in matches if m.rule.id.startswith("E")], [str(m) for m in matches]
    assert not matches, [str(m) for m in matches]
    template = yaml.safe_load(text)
    types = collections.Counter(r["Type"] for r in template["Resources"].values())
    for expected in ("AWS::EC2::NetworkAclEntry", "AWS::EC2::VolumeAttachment", "AWS::Route53::HealthCheck",
                     "AWS::ElasticLoadBalancing::LoadBalancer", "AWS::EC2::VPCCidrBlock",
                     "AWS::EC2::VPNConnectionRoute", "AWS::S3::BucketPolicy"):
        assert types[expected] >= 1, expected
    assert types["AWS::EC2::NetworkAclEntry"] == 3 and types["AWS::Route53::RecordSet"] == 7
    assert any("Glacier" in n for n in result.notes), "the vault is a note, not an unknown type"
    status, created, removed, _ = moto_deploy(text, "us-west-2")
    assert status == "CREATE_COMPLETE"
    assert sum(created.values()) == len(template["Resources"]) - len(removed)


def test_kitchen_sink_terraform_passes_the_schema_check(tmp_path: Path):
    text = export(kitchen_sink(), "terraform").files["main.tf"]
    declared, errors = schema_check(text, tmp_path)
    assert not errors, errors
    r = tf_blocks(parse_hcl(text))
    assert r["aws_nat_gateway.nat"]["availability_mode"] == "regional"
    assert r["aws_route53_record.www"]["alias"][0]["zone_id"] == "${aws_s3_bucket.site.hosted_zone_id}"
    assert r["aws_route53_record.geo"]["geolocation_routing_policy"][0] == {"country": "KR"}
    assert r["aws_elb.clb"]["health_check"][0]["target"] == "HTTP:8080/ok"
    assert len([a for a in declared if a.startswith("aws_network_acl_rule.")]) == 3


def test_props_the_rules_read_reach_the_iac_where_it_has_a_field():
    """private_dns, stickiness_type and minimum_protocol_version are written; the defaults are unchanged."""
    from tests.conftest import load_sample

    design = kitchen_sink()
    design.set_prop("ssm-endpoint", "private_dns", False)
    design.set_prop("nlb", "stickiness_type", "lb_cookie")  # not valid on an NLB: it keeps source_ip
    tf = tf_blocks(parse_hcl(export(design, "terraform").files["main.tf"]))
    assert tf["aws_vpc_endpoint.ssm_endpoint"]["private_dns_enabled"] is False
    assert tf["aws_lb_target_group.nlb_target_group"]["stickiness"][0]["type"] == "source_ip"
    [cfn_text] = export(design, "cloudformation").files.values()
    resources = yaml.safe_load(cfn_text)["Resources"]
    assert resources["SsmEndpoint"]["Properties"]["PrivateDnsEnabled"] is False
    attributes = resources["NlbTargetGroup"]["Properties"]["TargetGroupAttributes"]
    assert {"Key": "stickiness.type", "Value": "source_ip"} in attributes
    site = load_sample("static-website")
    site.set_prop("cdn", "minimum_protocol_version", "TLSv1.2_2019")
    tf_text = export(site, "terraform").files["main.tf"]
    assert '"TLSv1.2_2019" : "TLSv1"' in tf_text
    [cfn_text] = export(site, "cloudformation").files.values()
    assert "MinimumProtocolVersion: TLSv1.2_2019" in cfn_text
    site.set_prop("cdn", "minimum_protocol_version", "SSLv3")  # not with an SNI certificate
    assert '"TLSv1.2_2021" : "TLSv1"' in export(site, "terraform").files["main.tf"]
