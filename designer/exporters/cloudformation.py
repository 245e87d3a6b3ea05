"""CloudFormation exporter: one template per Region, YAML (or JSON with `json=True`).

    export(design, "cloudformation")             -> {"ap-northeast-2.yaml": "..."}
    export(design, "cloudformation", json=True)  -> {"ap-northeast-2.json": "..."}

Every kind with a CloudFormation type becomes resources linked with `Ref` / `Fn::GetAtt`
(long form); CIDRs are literal and AZs are `Fn::Select [i, Fn::GetAZs ""]`. What a design
cannot know is a parameter with a default (AMI via an SSM public parameter, key pair,
certificate ARNs), except secrets (DB master passwords: NoEcho, no default). Route 53 and
CloudFront go into the template of the Region they point at (else the first Region); a
link to another Region's template becomes a parameter (see `cfn_template`). A template
over CloudFormation's 500-resource limit is refused with an `ExportError` (no nested
stacks). Templates are built as dicts and written with `yaml.safe_dump` / `json.dumps`:
labels are data (tags, descriptions), never template text.
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import Callable
from typing import Any

import yaml

from designer.exporters import (
    ExportError,
    ExportResult,
    cfn_network,
    cfn_services,
    exporter,
    unmodelled,
)
from designer.exporters.cfn_template import CfnTemplate
from designer.exporters.derive import Facts, derive
from designer.exporters.naming import Namer, pascal
from designer.model import Design, Node

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_RESOURCES = 500
MAX_PARAMETERS = 200
MAX_OUTPUTS = 200

BUILDERS: dict[str, Callable[[CfnTemplate, Node], None]] = {
    "vpc": cfn_network.vpc,
    "subnet": cfn_network.subnet,
    "internet_gateway": cfn_network.internet_gateway,
    "nat_gateway": cfn_network.nat_gateway,
    "elastic_ip": cfn_network.elastic_ip,
    "vpc_endpoint": cfn_network.vpc_endpoint,
    "vpn_gateway": cfn_network.vpn_gateway,
    "customer_gateway": cfn_network.customer_gateway,
    "security_group": cfn_network.security_group,
    "network_acl": cfn_network.network_acl,
    "ec2": cfn_services.ec2,
    "ebs_volume": cfn_services.ebs_volume,
    "auto_scaling_group": cfn_services.auto_scaling_group,
    "load_balancer": cfn_services.load_balancer,
    "rds": cfn_services.rds,
    "s3_bucket": cfn_services.s3_bucket,
    "glacier_vault": cfn_services.glacier_vault,
    "route53_zone": cfn_services.route53_zone,
    "route53_record": cfn_services.route53_record,
    "cloudfront": cfn_services.cloudfront,
}


def _logical_id(text: str) -> str:
    """Logical ids are alphanumeric and start with a letter."""
    text = re.sub(r"[^A-Za-z0-9]", "", text)[:200]
    return text if text[:1].isalpha() else "R" + text


def build_templates(design: Design, facts: Facts | None = None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Region code → template dict, and the notes for the user."""
    facts = facts or derive(design)
    notes = list(facts.notes)
    name = Namer(facts.words, pascal, _logical_id)
    for reserved in ("KeyName", "LatestAmiId", "HasKeyName"):
        name.reserve(reserved)
    unmodelled.reserve_cfn(design, name)  # resources an import kept keep their logical ids
    templates: dict[str, dict[str, Any]] = {}
    for plan in facts.regions:
        t = CfnTemplate(facts, plan, name, notes)
        for node in plan.nodes:
            if node.id in facts.exported:
                BUILDERS[node.kind](t, node)
        cfn_network.peerings(t)
        unmodelled.add_cfn(design, t, first=plan is facts.regions[0])
        if not t.resources:
            notes.append(f"{plan.code}: nothing to create; no template written")
            continue
        _check_limits(t, plan.code, notes)
        title = " ".join(design.title.split())
        templates[plan.code] = t.template(_truncate(f"{title} ({plan.code})", 1000))
    if not templates:
        raise ExportError("nothing to export: the design has no AWS resources")
    return templates, notes


def _check_limits(t: CfnTemplate, code: str, notes: list[str]) -> None:
    if len(t.resources) > MAX_RESOURCES:
        raise ExportError(
            f"{code}: {len(t.resources)} CloudFormation resources exceed the 500-per-template "
            f"limit; split the design into several Regions or designs, or export to Terraform")
    if len(t.parameters) > MAX_PARAMETERS:
        raise ExportError(f"{code}: {len(t.parameters)} parameters exceed CloudFormation's limit of 200")
    if len(t.outputs) > MAX_OUTPUTS:
        for key in list(t.outputs)[MAX_OUTPUTS:]:
            del t.outputs[key]
        notes.append(f"{code}: only the first {MAX_OUTPUTS} outputs are kept (CloudFormation's limit)")


def _truncate(text: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, cut on a character boundary."""
    data = text.encode("utf-8")[:limit]
    return data.decode("utf-8", errors="ignore")


# libyaml's emitter is ~10x faster on large templates and writes the same text.
_BaseDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# Characters a string must be checked for before it is written (see _represent_str).
_NEEDS_CARE = re.compile("[\x85\u2028\u2029\ud800-\udfff]")


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """SafeDumper without anchors/aliases: CloudFormation rejects YAML aliases (W1101)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_data(self, data: Any) -> yaml.Node:
        # Fast path for the template's own types: with aliases off, PyYAML's generic dispatch
        # (alias bookkeeping, MRO walk) only costs time; the nodes built are the same.
        kind = type(data)
        if kind is str:
            return _represent_str(self, data)
        if kind is dict:
            return self.represent_mapping("tag:yaml.org,2002:map", data)
        if kind is list:
            return self.represent_sequence("tag:yaml.org,2002:seq", data)
        return super().represent_data(data)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = None
    if _NEEDS_CARE.search(data):
        # Lone surrogates (possible in JSON input) cannot be encoded: U+FFFD instead.
        data = _SURROGATE.sub("\ufffd", data)
        # PyYAML writes NEL/LS/PS raw in plain and single-quoted scalars, where readers take
        # them as line breaks; double quotes escape them (\N, \L, \P).
        if any(c in data for c in "\x85\u2028\u2029"):
            style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _clean(value: Any) -> Any:
    """Lone surrogates (possible in JSON input) cannot be encoded: replace them with U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def dump(template: dict[str, Any], as_json: bool = False) -> str:
    """The template as YAML (block style, Unicode kept) or as indented JSON."""
    if as_json:
        return jsonlib.dumps(_clean(template), indent=2, ensure_ascii=False) + "\n"
    # The YAML representer replaces lone surrogates itself (one walk instead of two).
    return yaml.dump(template, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


@exporter("cloudformation", "CloudFormation", ".yaml")
def export_cloudformation(design: Design, json: bool = False, **_options: Any) -> ExportResult:
    """One template per Region: `<region-code>.yaml` (or `.json` with json=True)."""
    templates, notes = build_templates(design)
    suffix = ".json" if json else ".yaml"
    files: dict[str, str | bytes] = {code + suffix: dump(t, json) for code, t in templates.items()}
    return ExportResult(files=files, notes=notes)
