"""Random and mutated YAML, JSON, HCL and draw.io input: the importers either import (and
the design saves and loads) or raise ImporterError; nothing else ever escapes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.exporters import export
from designer.importers import ImporterError, import_file
from designer.storage import dumps, loads
from tests.exporters.iac_support import GOLDEN, sample

SEEDS = {
    "t.yaml": (GOLDEN / "three-tier.cfn.yaml").read_text("utf-8"),
    "t.json": export(sample("hybrid-vpn"), "cloudformation", json=True).single,
    "t.tf": (GOLDEN / "three-tier.main.tf").read_text("utf-8"),
    "t.drawio": (GOLDEN / "three-tier.drawio").read_text("utf-8"),
}
NOISE = st.sampled_from(["", "{", "}", "[", "]", '"', "'", ":", "\n", "  ", "!Ref", "!GetAtt x",
                         "${", "<", "/>", "&amp;", "\x00", "null", "- ", "=", "#", "Resources:",
                         '"Type": 1', "count = 3", "parent=\"node:vpc\"", "\ud800"])


@st.composite
def mutated(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    text = SEEDS[name]
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 300)))
        text = text[:start] + draw(NOISE) + text[end:]
    return name, text


def check(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            design, _report = import_file(path)
        except ImporterError as exc:
            assert exc.lines() and all(isinstance(line, str) and line for line in exc.lines())
            return
    loads(dumps(design))  # whatever was imported is a valid design file


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_import_or_fail_cleanly(case: tuple[str, str]):
    check(*case)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(SEEDS)), st.text(max_size=300))
def test_random_text_imports_or_fails_cleanly(name: str, text: str):
    check(name, text)


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["Ref", "Fn::GetAtt", "Fn::Select", "Fn::Sub", "Fn::If",
                                         "Type", "Properties", "VpcId", "SubnetId", "Tags", "x"]),
                        inner, max_size=4), max_leaves=20),
       st.sampled_from(["AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::Instance",
                        "AWS::ElasticLoadBalancingV2::Listener", "AWS::Route53::RecordSet",
                        "AWS::EC2::SecurityGroup", "AWS::CloudFront::Distribution", "AWS::X::Y"]))
def test_odd_properties_never_crash_a_handler(properties, rtype: str):
    import json

    template = {"Resources": {"V": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
                              "R": {"Type": rtype, "Properties": properties}}}
    check("t.json", json.dumps(template))


def test_a_drawio_cell_that_is_its_own_parent_is_drawn_at_the_top():
    # Found by the mutation test above: a cell whose parent is itself.
    tail = 'grIcon=mxgraph.aws4.hosted_zone;strokeColor=#8C4FFF;fillColor=none;fontColor=#8C4FFF;dashed=0;"'
    text = SEEDS["t.drawio"].replace(tail + ' vertex="1" parent="1">', tail + ' vertex="1" parent="node:zone">')
    assert text != SEEDS["t.drawio"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "loop.drawio"
        path.write_text(text, encoding="utf-8")
        design, report = import_file(path)
    assert design.node("zone").parent is None
    assert any("loops" in w.text() for w in report.warnings)
