"""CloudFormation export against the real tools: cfn-lint and a moto deploy per sample,
goldens for the three-tier sample, multi-Region split, JSON, limits and safety."""

from __future__ import annotations

import collections
import json
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.exporters import ExportError, export
from designer.model import Node
from tests.exporters.iac_support import (
    EXPECTED_LINT_ERRORS,
    GOLDEN,
    MOTO_UNSUPPORTED,
    SAMPLE_NAMES,
    lint,
    merged,
    moto_deploy,
    repeated,
    sample,
)


def only(name: str) -> tuple[str, str]:
    """(region, text) of a single-Region sample's template."""
    result = export(sample(name), "cloudformation")
    assert len(result.files) == 1
    file_name, text = next(iter(result.files.items()))
    return file_name.removesuffix(".yaml"), text


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_passes_cfn_lint(name: str):
    region, text = only(name)
    matches = lint(text, region)
    rules = collections.Counter(m.rule.id for m in matches)
    errors = {r for r in rules if r.startswith("E")}
    assert errors == EXPECTED_LINT_ERRORS.get(name, set()), [str(m) for m in matches]
    assert "W3010" not in rules, "AZs come from Fn::GetAZs, never hard-coded"
    # W1011 (a NoEcho DB password parameter) is switched off in the template's Metadata.
    assert not [r for r in rules if r.startswith("W")], rules


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in SAMPLE_NAMES if n not in ("classroom-mistakes", "three-tier")])
def test_every_other_sample_deploys_in_moto(name: str):
    region, text = only(name)
    template = yaml.safe_load(text)
    status, created, removed, warnings = moto_deploy(text, region)
    assert status == "CREATE_COMPLETE"
    assert not warnings, "everything moto cannot create was taken out before the deploy"
    expected = collections.Counter(
        r["Type"] for key, r in template["Resources"].items() if key not in removed)
    assert created == expected
    # Only resources of unsupported types, or that depend on them, were left to cfn-lint.
    kept_out = collections.Counter(template["Resources"][k]["Type"] for k in removed)
    assert all(t in MOTO_UNSUPPORTED or t == "AWS::Route53::RecordSet" for t in kept_out), kept_out


def test_three_tier_deploys_whole_in_moto():
    region, text = only("three-tier")
    status, created, removed, _ = moto_deploy(text, region)
    assert status == "CREATE_COMPLETE" and not removed
    assert created == collections.Counter({
        "AWS::EC2::Subnet": 6, "AWS::EC2::RouteTable": 6, "AWS::EC2::SubnetRouteTableAssociation": 6,
        "AWS::EC2::Route": 4, "AWS::EC2::SecurityGroup": 3, "AWS::EC2::SecurityGroupIngress": 2,
        "AWS::ElasticLoadBalancingV2::Listener": 2, "AWS::EC2::NatGateway": 2, "AWS::EC2::EIP": 2,
        "AWS::Route53::HostedZone": 1, "AWS::Route53::RecordSet": 1, "AWS::EC2::VPC": 1,
        "AWS::EC2::InternetGateway": 1, "AWS::EC2::VPCGatewayAttachment": 1,
        "AWS::ElasticLoadBalancingV2::LoadBalancer": 1, "AWS::ElasticLoadBalancingV2::TargetGroup": 1,
        "AWS::EC2::LaunchTemplate": 1, "AWS::AutoScaling::AutoScalingGroup": 1,
        "AWS::EC2::VPCEndpoint": 1, "AWS::RDS::DBSubnetGroup": 1, "AWS::RDS::DBInstance": 1,
        "AWS::S3::Bucket": 1})


@pytest.mark.slow
def test_the_classroom_overlap_is_refused_by_moto_as_aws_would():
    from botocore.exceptions import ClientError

    region, text = only("classroom-mistakes")
    with pytest.raises(ClientError, match="InvalidSubnet.Conflict"):
        moto_deploy(text, region)


def test_three_tier_template_shape():
    _, text = only("three-tier")
    t = yaml.safe_load(text)
    r = t["Resources"]
    # Long-form links, literal CIDRs, AZs by index.
    assert r["PublicA"]["Properties"]["VpcId"] == {"Ref": "ServiceVPC"}
    assert r["PublicA"]["Properties"]["CidrBlock"] == "10.0.0.0/24"
    assert r["PublicC"]["Properties"]["AvailabilityZone"] == {"Fn::Select": ["1", {"Fn::GetAZs": ""}]}
    # The public subnet routes 0.0.0.0/0 to the IGW after the attachment exists.
    route = r["PublicARoute1"]
    assert route["Properties"]["GatewayId"] == {"Ref": "IGW"} and route["DependsOn"] == ["IGWAttachment"]
    assert r["AppARoute1"]["Properties"]["NatGatewayId"] == {"Ref": "NatA"}
    assert r["S3Endpoint"]["Properties"]["RouteTableIds"] == [
        {"Ref": "AppARouteTable"}, {"Ref": "AppCRouteTable"}]
    assert r["NatA"]["Properties"]["AllocationId"] == {"Fn::GetAtt": ["EIPA", "AllocationId"]}
    # SG-to-SG sources are Refs on separate ingress resources (no cycles).
    assert r["DBSGIngress1"]["Properties"]["SourceSecurityGroupId"] == {"Ref": "WebSG"}
    assert r["WebASG"]["Properties"]["TargetGroupARNs"] == [{"Ref": "WebALBTargetGroup"}]
    assert r["WwwExampleCom"]["Properties"]["AliasTarget"]["HostedZoneId"] == {
        "Fn::GetAtt": ["WebALB", "CanonicalHostedZoneID"]}
    lifecycle = r["AssetsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"][0]
    assert [x["StorageClass"] for x in lifecycle["Transitions"]] == ["STANDARD_IA", "GLACIER"]
    params = t["Parameters"]
    assert params["OrdersDBMasterPassword"]["NoEcho"] is True and "Default" not in params["OrdersDBMasterPassword"]
    assert params["WebALBCertificate443"]["Default"].startswith("arn:aws:acm:")
    assert params["LatestAmiId"]["Type"] == "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    assert all("Default" in p for k, p in params.items() if k != "OrdersDBMasterPassword")


def test_hybrid_vpn_connection_and_static_route():
    _, text = only("hybrid-vpn")
    r = yaml.safe_load(text)["Resources"]
    vpn = next(v for v in r.values() if v["Type"] == "AWS::EC2::VPNConnection")["Properties"]
    assert vpn["CustomerGatewayId"] == {"Ref": "CustomerGateway"} and vpn["StaticRoutesOnly"] is True
    route = next(v for v in r.values() if v["Type"] == "AWS::EC2::VPNConnectionRoute")["Properties"]
    assert route["DestinationCidrBlock"] == "192.168.0.0/16"
    subnet_route = r["PrivateARoute1"]
    assert subnet_route["Properties"]["GatewayId"] == {"Ref": "VGW"}
    assert subnet_route["DependsOn"] == ["VGWAttachment"]


def test_static_website_cloudfront_with_origin_access_control():
    _, text = only("static-website")
    r = yaml.safe_load(text)["Resources"]
    config = r["Distribution"]["Properties"]["DistributionConfig"]
    origin = config["Origins"][0]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["DistributionOriginAccessControl", "Id"]}
    policy = r["SiteBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]
    assert policy["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    alias = r["WwwExampleOrg"]["Properties"]["AliasTarget"]
    assert alias["HostedZoneId"] == "Z2FDTNDATAQYW2"
    assert config["Aliases"]["Fn::If"][1] == ["www.example.org"]


def test_golden_three_tier(request: pytest.FixtureRequest):
    _, text = only("three-tier")
    golden = GOLDEN / "three-tier.cfn.yaml"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 after a deliberate change"


def test_json_option():
    result = export(sample("three-tier"), "cloudformation", json=True)
    [(file_name, text)] = result.files.items()
    assert file_name == "ap-northeast-2.json"
    assert json.loads(text) == yaml.safe_load(only("three-tier")[1])


@pytest.mark.slow
def test_multi_region_design_gives_one_template_per_region():
    design = merged(sample("three-tier"), sample("hybrid-vpn"))
    result = export(design, "cloudformation")
    assert sorted(result.files) == ["ap-northeast-1.yaml", "ap-northeast-2.yaml"]
    for file_name, text in result.files.items():
        region = file_name.removesuffix(".yaml")
        errors = [m for m in lint(text, region) if m.rule.id.startswith("E")]
        assert not errors, [str(m) for m in errors]
    tokyo = yaml.safe_load(result.files["ap-northeast-1.yaml"])["Resources"]
    assert any(v["Type"] == "AWS::EC2::VPNGateway" for v in tokyo.values())
    assert not any(v["Type"] == "AWS::ElasticLoadBalancingV2::LoadBalancer" for v in tokyo.values())


def test_global_resources_follow_their_targets_across_regions():
    design = merged(sample("three-tier"), sample("static-website"))
    result = export(design, "cloudformation")
    virginia = yaml.safe_load(result.files["us-east-1.yaml"])["Resources"]
    seoul = yaml.safe_load(result.files["ap-northeast-2.yaml"])["Resources"]
    assert any(v["Type"] == "AWS::CloudFront::Distribution" for v in virginia.values())
    # Each zone sits with what its records point at.
    assert any(v["Type"] == "AWS::Route53::HostedZone" for v in seoul.values())
    assert any(v["Type"] == "AWS::Route53::HostedZone" for v in virginia.values())


def test_over_500_resources_is_refused_clearly():
    design = repeated(sample("three-tier"), 11)  # 46 resources each, all in ap-northeast-2
    with pytest.raises(ExportError, match="500-per-template"):
        export(design, "cloudformation")


def test_mistakes_are_exported_sensibly():
    design = sample("three-tier")
    # A bucket drawn inside the VPC is hoisted to its Region; a deny rule becomes a note.
    design.add_node(Node(id="logs", kind="s3_bucket", parent="vpc", label="Logs"))
    design.set_prop("sg-web", "inbound", [{"protocol": "tcp", "port": 22, "source": "10.0.0.0/8",
                                           "action": "deny"},
                                          {"protocol": "tcp", "port": "8000-8080", "source": "sg-alb"}])
    result = export(design, "cloudformation")
    r = yaml.safe_load(result.single)["Resources"]
    assert r["Logs"]["Type"] == "AWS::S3::Bucket"
    assert any("deny" in n for n in result.notes)
    ingress = [v["Properties"] for v in r.values() if v["Type"] == "AWS::EC2::SecurityGroupIngress"
               and v["Properties"]["GroupId"] == {"Ref": "WebSG"}]
    assert ingress == [{"GroupId": {"Ref": "WebSG"}, "IpProtocol": "tcp", "FromPort": 8000,
                        "ToPort": 8080, "SourceSecurityGroupId": {"Ref": "ALBSG"}}]


def test_an_empty_design_is_refused():
    from designer.model import Design

    with pytest.raises(ExportError, match="nothing to export"):
        export(Design(), "cloudformation")


LABELS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                 min_size=1, max_size=60) | st.sampled_from(
    ['"', "'", '"""', "\\", "${x}", "${", "%{", "</mxCell>", "\n- !Ref X\n", "보안 그룹", "a: b"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=LABELS, node=st.sampled_from(["vpc", "pub-a", "sg-web", "alb", "asg", "db", "assets"]))
def test_any_label_gives_a_template_that_parses(label: str, node: str):
    from cfnlint.decode import decode_str

    design = sample("three-tier")
    design.set_label(node, label)
    design.set_title(label)
    _, text = next(iter(export(design, "cloudformation").files.items()))
    template, matches = decode_str(text)
    assert not matches and template is not None
    tags = [t["Value"] for r in template["Resources"].values()
            for t in (r["Properties"].get("Tags") or []) if isinstance(t, dict)]
    assert label in tags
