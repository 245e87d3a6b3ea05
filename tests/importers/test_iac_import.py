"""CloudFormation and Terraform import: goldens validate like the originals, a hand-written
template, short-form tags, kept resources written back, partial files, clear errors."""

from __future__ import annotations

import base64
import urllib.parse
import zlib
from pathlib import Path

import pytest
import yaml

from designer.exporters import export
from designer.importers import ImporterError, import_file
from designer.importers.cfn_yaml import TemplateLoader, load_template
from designer.rules import validate
from tests.exporters.iac_support import GOLDEN, lint, parse_hcl, sample, tf_blocks

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def rule_ids(design) -> set[str]:
    return {f.rule for f in validate(design)}


def write_tf(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.tf").write_text(text, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ the exporters' goldens
def test_the_cloudformation_golden_validates_like_the_sample():
    design, report = import_file(GOLDEN / "three-tier.cfn.yaml", region="ap-northeast-2")
    assert rule_ids(design) == rule_ids(sample("three-tier")) == {"EIP-003"}
    assert not report.items


def test_the_terraform_goldens_validate_like_the_sample(tmp_path: Path):
    folder = write_tf(tmp_path / "tf", **{p: (GOLDEN / f"three-tier.{p}.tf").read_text("utf-8")
                                         for p in ("main", "variables", "outputs")})
    design, report = import_file(folder)
    assert rule_ids(design) == rule_ids(sample("three-tier"))
    assert [r.props["code"] for r in design.nodes_of_kind("region")] == ["ap-northeast-2"]


def test_the_drawio_golden_imports_with_its_ids():
    design, _ = import_file(GOLDEN / "three-tier.drawio")
    assert sorted(design.node_ids()) == sorted(sample("three-tier").node_ids())


def test_a_compressed_drawio_page_imports(tmp_path: Path):
    text = (GOLDEN / "three-tier.drawio").read_text("utf-8")
    start, end = text.index("<mxGraphModel"), text.index("</mxGraphModel>") + len("</mxGraphModel>")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = packer.compress(urllib.parse.quote(text[start:end]).encode()) + packer.flush()
    packed = text[:start] + base64.b64encode(raw).decode() + text[end:]
    (tmp_path / "packed.drawio").write_text(packed, encoding="utf-8")
    design, _ = import_file(tmp_path / "packed.drawio")
    assert design.node_count == sample("three-tier").node_count


# ------------------------------------------------------------------ a template a person wrote
def test_the_hand_written_two_az_web_app(tmp_path: Path):
    design, report = import_file(FIXTURES / "two-az-web.yaml", region="ap-northeast-2")
    assert [f.rule for f in validate(design) if f.severity == "error"] == []
    azs = design.nodes_of_kind("availability_zone")
    assert [a.props["name"] for a in azs] == ["ap-northeast-2a", "ap-northeast-2b"]
    subnets = {s.label: s for s in design.nodes_of_kind("subnet")}
    assert subnets["shop Public Subnet (AZ1)"].props["public"] is True  # a shared route table
    assert subnets["shop App Subnet (AZ2)"].props["public"] is False
    assert all(design.az_of(s.id) is not None for s in subnets.values())
    db, = design.nodes_of_kind("rds")
    assert design.subnet_of(db.id).label == "shop DB Subnet (AZ1)"
    asg, = design.nodes_of_kind("auto_scaling_group")
    assert asg.props["scaling_policy"] == "target_tracking" and asg.props["instance_type"] == "t3.small"
    assert design.node(asg.parent).kind == "vpc"
    kinds = {(e.kind, design.node(e.source).kind, design.node(e.target).kind) for e in design.edges}
    assert {("traffic", "internet", "load_balancer"), ("traffic", "load_balancer", "auto_scaling_group"),
            ("traffic", "auto_scaling_group", "rds"), ("route", "subnet", "nat_gateway"),
            ("attach", "elastic_ip", "nat_gateway")} <= kinds
    item, = report.items
    assert (item.type, item.logical_id, item.line) == ("AWS::AutoScaling::ScalingPolicy", "CpuScaling", 298)
    # The kept policy is written back, pointing at the name the export gives the group.
    template = export(design, "cloudformation").files["ap-northeast-2.yaml"]
    data = yaml.safe_load(template)
    group = data["Resources"]["CpuScaling"]["Properties"]["AutoScalingGroupName"]["Ref"]
    assert data["Resources"][group]["Type"] == "AWS::AutoScaling::AutoScalingGroup"
    assert [m for m in lint(template, "ap-northeast-2") if str(m.rule.id).startswith("E")] == []


def test_the_hand_written_layout_is_deterministic():
    first, _ = import_file(FIXTURES / "two-az-web.yaml")
    second, _ = import_file(FIXTURES / "two-az-web.yaml")
    assert first.model_dump() == second.model_dump()
    public = [s for s in first.nodes_of_kind("subnet") if s.props["public"]]
    private = [s for s in first.nodes_of_kind("subnet") if not s.props["public"]]
    # Public subnets above private ones; AZs side by side.
    assert max(first.absolute_rect(s.id).y for s in public) < min(first.absolute_rect(s.id).y for s in private)
    a, b = (first.absolute_rect(z.id) for z in first.nodes_of_kind("availability_zone"))
    assert a.y == b.y and a.x + a.w <= b.x


def test_json_templates_import_like_yaml(tmp_path: Path):
    text = export(sample("three-tier"), "cloudformation", json=True).files["ap-northeast-2.json"]
    (tmp_path / "ap-northeast-2.json").write_text(text, encoding="utf-8")
    design, _ = import_file(tmp_path / "ap-northeast-2.json")
    assert design.node(design.nodes_of_kind("region")[0].id).props["code"] == "ap-northeast-2"
    assert rule_ids(design) == {"EIP-003"}


# ------------------------------------------------------------------ short-form tags
@pytest.mark.parametrize(("text", "expected"), [
    ("!Ref X", {"Ref": "X"}),
    ("!GetAtt A.B.C", {"Fn::GetAtt": ["A", "B.C"]}),
    ("!GetAtt [A, B]", {"Fn::GetAtt": ["A", "B"]}),
    ("!Sub '${A}-x'", {"Fn::Sub": "${A}-x"}),
    ("!Select [0, !GetAZs '']", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
    ("!Join ['', [a, !Ref B]]", {"Fn::Join": ["", ["a", {"Ref": "B"}]]}),
    ("!If [C, 1, 2]", {"Fn::If": ["C", 1, 2]}),
    ("!Not [!Equals [!Ref P, '']]", {"Fn::Not": [{"Fn::Equals": [{"Ref": "P"}, ""]}]}),
    ("!And [!Condition A, !Or [!Condition B, !Condition C]]",
     {"Fn::And": [{"Condition": "A"}, {"Fn::Or": [{"Condition": "B"}, {"Condition": "C"}]}]}),
    ("!FindInMap [M, K, V]", {"Fn::FindInMap": ["M", "K", "V"]}),
    ("!Base64 x", {"Fn::Base64": "x"}), ("!Split [',', a]", {"Fn::Split": [",", "a"]}),
    ("!ImportValue X", {"Fn::ImportValue": "X"}), ("!Cidr [a, 2, 8]", {"Fn::Cidr": ["a", 2, 8]}),
])
def test_short_form_tags_read_as_the_long_form(text: str, expected):
    assert yaml.load(f"v: {text}", Loader=TemplateLoader)["v"] == expected


def test_select_from_getazs_places_subnets_by_index():
    template = """
Resources:
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  S: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.2.0/24,
      AvailabilityZone: !Select [2, !GetAZs '']}}
"""
    design = _import_text(template, "t.yaml", region="eu-west-1")
    az, = design.nodes_of_kind("availability_zone")
    assert az.props["name"] == "eu-west-1c"


# ------------------------------------------------------------------ partial files and errors
def _import_text(text: str, name: str, **options):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        design, report = import_file(path, **options)
    _import_text.report = report  # type: ignore[attr-defined]
    return design


def test_a_partly_understood_template_imports_what_it_can():
    template = """
Resources:
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Odd: {Type: AWS::EC2::Subnet, Properties: not-a-mapping}
  Fn: {Type: AWS::Lambda::Function, Properties: {Role: arn, VpcConfig: {SubnetIds: [!Ref Odd]}}}
  NoType: {Properties: {}}
"""
    design = _import_text(template, "t.yaml")
    report = _import_text.report
    assert [n.kind for n in design.nodes] == ["region", "vpc", "subnet"]
    assert {i.logical_id for i in report.items} == {"Fn"}
    assert any("NoType" in w.text() and ":6:" in w.text() for w in report.warnings)
    assert design.extra["unmodelled"]["cloudformation"]["us-east-1"]["resources"]["Fn"]


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("bad.yaml", "Resources:\n  A: !Nope x\n", "bad.yaml:2: not valid YAML: unknown tag !Nope"),
    ("bad.yaml", "Resources:\n  A: [1,\n", "bad.yaml:3: not valid YAML"),
    ("bad.yaml", "Parameters: {}\n", "bad.yaml:1: expected a Resources section"),
    ("bad.json", '{"Resources": {"A": 1,}}', "bad.json:1: not valid JSON"),
    ("bad.tf", 'resource "aws_vpc" "a" {\n  cidr_block = \n}\n', "bad.tf:2: not valid HCL"),
    ("bad.drawio", "<mxfile><diagram>", "bad.drawio:1: not valid XML"),
    ("bad.drawio", "<html/>", "bad.drawio:1: expected a draw.io file"),
])
def test_bad_input_says_file_line_and_what_was_expected(name: str, text: str, expected: str):
    with pytest.raises(ImporterError) as caught:
        _import_text(text, name)
    assert any(expected in line for line in caught.value.lines()), caught.value.lines()


def test_bad_region_is_refused():
    with pytest.raises(ImporterError, match="Region code"):
        import_file(GOLDEN / "three-tier.cfn.yaml", region="Seoul")


def test_load_template_never_constructs_python_objects():
    with pytest.raises(ImporterError):
        load_template("a: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")


# ------------------------------------------------------------------ Terraform specifics
TF_COUNT = """
provider "aws" {
  region = var.region
}
variable "region" {
  default = "eu-central-1"
}
variable "cidrs" {
  default = ["10.1.0.0/24", "10.1.1.0/24"]
}
data "aws_availability_zones" "available" {
  state = "available"
}
resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_subnet" "private" {
  count             = length(var.cidrs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = var.cidrs[count.index]
  availability_zone = data.aws_availability_zones.available.names[count.index]
  tags = { Name = "private-${count.index}" }
}
resource "aws_cloudwatch_log_group" "flow" {
  name = "/vpc/flow"
}
resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  log_destination = aws_cloudwatch_log_group.flow.arn
  traffic_type    = "ALL"
  iam_role_arn    = var.flow_role
}
variable "flow_role" {
  type = string
}
"""


def test_terraform_count_variables_and_kept_blocks(tmp_path: Path):
    design, report = import_file(write_tf(tmp_path / "tf", main=TF_COUNT))
    assert [s.label for s in design.nodes_of_kind("subnet")] == ["private-0", "private-1"]
    assert [a.props["name"] for a in design.nodes_of_kind("availability_zone")] == \
        ["eu-central-1a", "eu-central-1b"]
    assert {i.logical_id for i in report.items} == {"aws_cloudwatch_log_group.flow", "aws_flow_log.main"}
    design.set_label(design.nodes_of_kind("vpc")[0].id, "Core network")  # renames the export's vpc
    text = export(design, "terraform").files["main.tf"]
    blocks = tf_blocks(parse_hcl(text))
    flow = blocks["aws_flow_log.main"]
    assert flow["vpc_id"] == "${aws_vpc.core_network.id}" and flow["provider"] == "${aws.eu_central_1}"
    assert "aws_cloudwatch_log_group.flow" in blocks
    assert 'variable "flow_role"' in text


def test_terraform_providers_with_aliases_make_regions(tmp_path: Path):
    text = export(sample("vpc-peering"), "terraform").files["main.tf"]
    design, _ = import_file(write_tf(tmp_path / "tf", main=text))
    assert [r.props["code"] for r in design.nodes_of_kind("region")] == ["ap-northeast-2"]
    two = export(_two_regions(), "terraform").files["main.tf"]
    design, _ = import_file(write_tf(tmp_path / "tf2", main=two))
    assert sorted(r.props["code"] for r in design.nodes_of_kind("region")) == ["ap-northeast-1", "ap-northeast-2"]


def _two_regions():
    from designer.storage import load_design
    from tests.conftest import SAMPLES_DIR

    return load_design(SAMPLES_DIR / "exercises" / "09-route53-failover.awsd.json")
