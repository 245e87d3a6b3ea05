"""Shared helpers for the CloudFormation and Terraform tests: samples, the real tools
(cfn-lint, moto, python-hcl2, the provider-schema oracle) and design builders."""

from __future__ import annotations

import collections
import functools
import importlib.util
import os
import warnings
from pathlib import Path
from typing import Any

import yaml

from designer.model import Design, Edge, Node
from designer.storage import load_design
from tests.conftest import SAMPLE_FILES, SAMPLES_DIR

GOLDEN = Path(__file__).resolve().parent / "golden"
ORACLE = Path(__file__).resolve().parent.parent / "oracles" / "tf_schema_check.py"
SAMPLE_NAMES = [p.name.removesuffix(".awsd.json") for p in SAMPLE_FILES]
# The classroom sample holds deliberate mistakes; cfn-lint's graph rules see two of them
# (an ALB in one subnet, overlapping subnets), which is what docs/rules.md relies on.
EXPECTED_LINT_ERRORS = {"classroom-mistakes": {"E3680", "E3060"}}
# Types moto's CloudFormation cannot create (it skips them with a warning): checked with
# cfn-lint only, and removed (with whatever refers to them) before a moto deploy.
MOTO_UNSUPPORTED = frozenset({
    "AWS::EC2::CustomerGateway", "AWS::EC2::VPNConnection", "AWS::EC2::VPNConnectionRoute",
    "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::SecurityGroupEgress", "AWS::EC2::VPCCidrBlock", "AWS::CloudFront::Distribution",
    "AWS::CloudFront::OriginAccessControl", "AWS::S3::BucketPolicy", "AWS::Glacier::Vault",
})


def sample(name: str) -> Design:
    return load_design(SAMPLES_DIR / f"{name}.awsd.json")


# ------------------------------------------------------------------------ cfn-lint
def lint(text: str, region: str) -> list[Any]:
    """cfn-lint matches (errors and warnings) for one template.

    What `cfnlint.api.lint(text, config=ManualArgs(regions=[region]))` does, with the
    runner (and its ~0.5 s of rule loading) built once per Region instead of per call.
    """
    from cfnlint.decode.decode import decode_str

    template, errors = decode_str(text)
    if errors:
        return errors
    if template is None:
        return []
    return list(_cfn_lint_runner(region).validate_template(template))


@functools.cache
def _cfn_lint_runner(region: str) -> Any:
    from cfnlint.config import ConfigMixIn
    from cfnlint.runner import Runner

    return Runner(ConfigMixIn(regions=[region]))


# ------------------------------------------------------------------------ moto
def _mentions(value: Any, names: set[str]) -> bool:
    if isinstance(value, dict):
        if value.get("Ref") in names:
            return True
        got = value.get("Fn::GetAtt")
        if isinstance(got, list) and got and got[0] in names:
            return True
        return any(_mentions(v, names) for v in value.values())
    if isinstance(value, list):
        return any(_mentions(v, names) for v in value)
    return False


def moto_cannot(resource: dict[str, Any]) -> bool:
    """Types moto skips, and NAT gateways it cannot build (regional or private: moto needs
    both SubnetId and AllocationId)."""
    if resource["Type"] == "AWS::EC2::NatGateway":
        return not {"SubnetId", "AllocationId"} <= set(resource["Properties"])
    return resource["Type"] in MOTO_UNSUPPORTED


def without_unsupported(template: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The template minus what moto cannot create and everything that refers to it."""
    resources = dict(template["Resources"])
    removed = {k for k, v in resources.items() if moto_cannot(v)}
    while True:
        more = {k for k, v in resources.items() if k not in removed and (
            _mentions(v, removed) or set(v.get("DependsOn", [])) & removed)}
        if not more:
            break
        removed |= more
    out = dict(template, Resources={k: v for k, v in resources.items() if k not in removed})
    if "Outputs" in out:
        out["Outputs"] = {k: v for k, v in out["Outputs"].items() if not _mentions(v, removed)} or None
        if out["Outputs"] is None:
            del out["Outputs"]
    return out, removed


def moto_deploy(text: str, region: str) -> tuple[str, collections.Counter, set[str], list[str]]:
    """Deploy in moto: (status, created types, removed logical ids, moto warnings)."""
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    import boto3
    from moto import mock_aws

    template, removed = without_unsupported(yaml.safe_load(text))
    with mock_aws(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        acm = boto3.client("acm", region_name=region)
        certificate = acm.request_certificate(DomainName="www.example.com")["CertificateArn"]
        parameters = []
        for key, spec in template.get("Parameters", {}).items():
            if "Certificate" in key:
                parameters.append({"ParameterKey": key, "ParameterValue": certificate})
            elif "Default" not in spec:
                parameters.append({"ParameterKey": key, "ParameterValue": "Secret-Passw0rd"})
        cfn = boto3.client("cloudformation", region_name=region)
        cfn.create_stack(StackName="designer", TemplateBody=yaml.safe_dump(template),
                         Parameters=parameters)
        status = cfn.describe_stacks(StackName="designer")["Stacks"][0]["StackStatus"]
        summaries = cfn.list_stack_resources(StackName="designer")["StackResourceSummaries"]
    created = collections.Counter(s["ResourceType"] for s in summaries)
    messages = [str(w.message) for w in caught if "not supported by moto" in str(w.message)]
    return status, created, removed, messages


# ------------------------------------------------------------------------ Terraform
def schema_check(text: str, tmp_path: Path) -> tuple[dict[str, str], list[str]]:
    """Run the provider-schema oracle (tests/oracles) on one HCL text."""
    spec = importlib.util.spec_from_file_location("tf_schema_check", ORACLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "check.tf"
    path.write_text(text, encoding="utf-8")
    return module.check_file(path)


def parse_hcl(text: str) -> dict[str, Any]:
    """python-hcl2 with the oracle's options (string quotes stripped, escapes decoded)."""
    import hcl2

    options = hcl2.SerializationOptions(strip_string_quotes=True, with_comments=False,
                                        explicit_blocks=False)
    return hcl2.loads(text, serialization_options=options)


def tf_blocks(document: dict[str, Any], kind: str = "resource") -> dict[str, dict[str, Any]]:
    """`type.name` → body for every resource (or data) block of a parsed document."""
    out: dict[str, dict[str, Any]] = {}
    for item in document.get(kind, []):
        for rtype, instances in item.items():
            for name, body in instances.items():
                out[f"{rtype}.{name}"] = body
    return out


# ------------------------------------------------------------------------ designs
def merged(*designs: Design) -> Design:
    """One design holding copies of several, ids prefixed so that they stay unique."""
    out = Design(title=" + ".join(d.title for d in designs))
    for i, design in enumerate(designs):
        prefix = f"d{i}-"

        def rename(value: Any, ids: set[str], prefix: str = prefix) -> Any:
            if isinstance(value, str) and value in ids:
                return prefix + value
            if isinstance(value, list):
                return [rename(v, ids) for v in value]
            if isinstance(value, dict):
                return {k: rename(v, ids) for k, v in value.items()}
            return value

        ids = set(design.node_ids())
        for node in design.nodes:
            data = node.model_dump()
            data.update(id=prefix + node.id, parent=prefix + node.parent if node.parent else None,
                        props=rename(node.props, ids))
            out.add_node(Node(**data))
        for edge in design.edges:
            data = edge.model_dump()
            data.update(id=prefix + edge.id, source=prefix + edge.source, target=prefix + edge.target)
            out.add_edge(Edge(**data))
    return out


def repeated(design: Design, copies: int) -> Design:
    """`copies` copies of a design in one (ids prefixed), Regions included."""
    return merged(*([design] * copies))
