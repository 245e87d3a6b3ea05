"""Terraform export: python-hcl2 parses it and the AWS provider-schema oracle finds nothing,
for every sample and both layouts; goldens, multi-Region providers, names and safety."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.exporters import ExportError, export
from designer.exporters.hcl import string
from designer.model import Design, Node
from tests.exporters.iac_support import (
    GOLDEN,
    SAMPLE_NAMES,
    merged,
    parse_hcl,
    sample,
    schema_check,
    tf_blocks,
)


def main_tf(design: Design) -> str:
    return export(design, "terraform").files["main.tf"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_passes_the_provider_schema_check(name: str, tmp_path: Path):
    text = main_tf(sample(name))
    declared, errors = schema_check(text, tmp_path)
    assert not errors, errors
    resources = [a for a in declared if not a.startswith("data.")]
    assert resources, "something was exported"
    for address, body in tf_blocks(parse_hcl(text)).items():
        assert body["provider"].startswith("${aws."), f"{address} names its provider alias"


@pytest.mark.parametrize("name", ["three-tier", "hybrid-vpn"])
def test_folder_layout_splits_variables_and_outputs(name: str, tmp_path: Path):
    files = export(sample(name), "terraform", layout="folder").files
    assert sorted(files) == ["main.tf", "outputs.tf", "variables.tf"]
    for text in files.values():
        parse_hcl(text)
    assert "variable " not in files["main.tf"] and "output " not in files["main.tf"]
    # The oracle resolves references within one text: check the three together.
    _, errors = schema_check("\n".join(files.values()), tmp_path)
    assert not errors, errors
    single = export(sample(name), "terraform").files["main.tf"]
    assert sorted(parse_hcl(single)) == sorted(parse_hcl("\n".join(files.values())))


def test_three_tier_config_shape():
    document = parse_hcl(main_tf(sample("three-tier")))
    r = tf_blocks(document)
    assert r["aws_subnet.public_c"]["availability_zone"] == "${data.aws_availability_zones.ap_northeast_2.names[1]}"
    assert r["aws_subnet.public_a"]["cidr_block"] == "10.0.0.0/24"
    assert r["aws_route.public_a_route_1"]["gateway_id"] == "${aws_internet_gateway.igw.id}"
    assert r["aws_route.app_a_route_1"]["nat_gateway_id"] == "${aws_nat_gateway.nat_a.id}"
    assert r["aws_nat_gateway.nat_a"]["allocation_id"] == "${aws_eip.eip_a.allocation_id}"
    assert r["aws_vpc_security_group_ingress_rule.db_sg_ingress_1"]["referenced_security_group_id"] == \
        "${aws_security_group.web_sg.id}"
    assert r["aws_autoscaling_group.web_asg"]["target_group_arns"] == [
        "${aws_lb_target_group.web_alb_target_group.arn}"]
    assert r["aws_lb_listener.web_alb_listener_80"]["default_action"][0]["type"] == "redirect"
    assert r["aws_route53_record.www_example_com"]["alias"][0]["zone_id"] == "${aws_lb.web_alb.zone_id}"
    variables = {k: v for item in document["variable"] for k, v in item.items()}
    assert variables["orders_db_master_password"]["sensitive"] is True
    assert "default" not in variables["orders_db_master_password"]
    assert variables["web_alb_certificate_443"]["default"].startswith("arn:aws:acm:")
    data = tf_blocks(document, "data")
    assert data["aws_ssm_parameter.ami_ap_northeast_2"]["name"] == "${var.ami_ssm_parameter}"


def test_golden_three_tier():
    files = export(sample("three-tier"), "terraform", layout="folder").files
    for name, text in files.items():
        golden = GOLDEN / f"three-tier.{name}"
        if os.environ.get("UPDATE_GOLDEN") == "1":
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{name}: run with UPDATE_GOLDEN=1 after a deliberate change"


def test_multi_region_design_has_a_provider_alias_per_region(tmp_path: Path):
    design = merged(sample("three-tier"), sample("hybrid-vpn"))
    text = main_tf(design)
    document = parse_hcl(text)
    providers = sorted(p["aws"]["alias"] for p in document["provider"])
    assert providers == ["ap_northeast_1", "ap_northeast_2"]
    r = tf_blocks(document)
    assert r["aws_vpn_gateway.vgw"]["provider"] == "${aws.ap_northeast_1}"
    assert r["aws_lb.web_alb"]["provider"] == "${aws.ap_northeast_2}"
    _, errors = schema_check(text, tmp_path)
    assert not errors, errors


def test_cross_region_peering_has_an_accepter(tmp_path: Path):
    design = sample("vpc-peering")
    design.add_node(Node(id="tokyo", kind="region", props={"code": "ap-northeast-1"}))
    design.set_parent("vpc-shared", "tokyo")
    text = main_tf(design)
    r = tf_blocks(parse_hcl(text))
    peering = next(v for k, v in r.items() if k.startswith("aws_vpc_peering_connection."))
    assert peering["peer_region"] == "ap-northeast-1" and "auto_accept" not in peering
    accepter = next(v for k, v in r.items() if k.startswith("aws_vpc_peering_connection_accepter."))
    assert accepter["provider"] == "${aws.ap_northeast_1}"
    assert not schema_check(text, tmp_path)[1]


def test_names_come_from_labels_and_stay_unique():
    document = parse_hcl(main_tf(sample("vpc-peering")))
    names = list(tf_blocks(document))
    assert len(names) == len(set(names))
    # Both subnets are "프라이빗 서브넷 / Private subnet": the second one takes its id's words.
    assert "aws_subnet.private_subnet" in names and "aws_subnet.private_subnet_subnet_shared" in names


def test_unknown_layout_is_refused():
    with pytest.raises(ExportError, match="layout"):
        export(sample("three-tier"), "terraform", layout="zip")


@pytest.mark.parametrize("text", ['"', "\\", "${var.x}", "${", "%{ if }", "%{", "a\nb\tc\r",
                                  "\x00\x1b\u2028\ufeff", "서울 리전", '"""', "</mxCell>", "$${", "$${x}"])
def test_string_literals_round_trip(text: str):
    import hcl2

    assert decode(hcl2.loads(f"a = {string(text)}\n")["a"]) == text


LABELS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                 min_size=1, max_size=60) | st.sampled_from(
    ['"', "\\", "${x}", "${", "%{", "%%{", "$${", "</mxCell>", "\n}\nresource x {", "보안 그룹"])


@functools.cache
def three_tier_block_count() -> int:
    """Resource blocks of the unchanged three-tier sample (parsed once: hcl2 is slow)."""
    return len(tf_blocks(parse_hcl(main_tf(sample("three-tier")))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=LABELS, node=st.sampled_from(["vpc", "pub-a", "sg-web", "alb", "asg", "db", "assets"]))
def test_any_label_stays_data(label: str, node: str):
    import hcl2

    design = sample("three-tier")
    design.set_label(node, label)
    text = main_tf(design)
    blocks = tf_blocks(hcl2.loads(text))
    assert len(blocks) == three_tier_block_count(), \
        "a label may rename a block; it cannot add or remove one"
    names = [decode(body["tags"]["Name"]) for body in blocks.values() if "tags" in body]
    names += [decode(t["value"]) for body in blocks.values() for t in body.get("tag", [])]
    assert label in names


_ESCAPE = re.compile(r'\\(["\\nrt]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|\$\$\{|%%\{')


def decode(raw: str) -> str:
    """An HCL string literal as python-hcl2 returns it by default (quotes and escapes kept)."""
    assert raw[0] == raw[-1] == '"', raw

    def one(match: re.Match[str]) -> str:
        if match.group(0) in ("$${", "%%{"):
            return match.group(0)[1:]
        code = match.group(1)
        return {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(one, raw[1:-1])
