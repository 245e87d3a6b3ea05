"""Write back what an import kept but the designer does not model (see docs/import.md).

An import stores resources of types the designer does not draw in the design's
`extra["unmodelled"]`: for CloudFormation, per Region, the resource bodies with the
parameters and conditions they use; for Terraform, each block's source text with the
variable and data blocks it uses. Each also records, for every design resource it
mentions, the node id and the exporter's role (`refs`). The exporters call these helpers
to put them back: names are reserved first so that nothing generated takes them, and the
mentions are re-pointed at the names this export gives those nodes.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from designer.model import Design

# The Terraform type the exporter writes for a node kind's role ("" = its main resource).
TF_ROLE_TYPES = {
    "route table": "aws_route_table", "route table association": "aws_route_table_association",
    "target group": "aws_lb_target_group", "subnet group": "aws_db_subnet_group",
    "launch template": "aws_launch_template", "eip": "aws_eip", "versioning": "aws_s3_bucket_versioning",
    "encryption": "aws_s3_bucket_server_side_encryption_configuration",
    "public access block": "aws_s3_bucket_public_access_block",
    "lifecycle": "aws_s3_bucket_lifecycle_configuration", "website": "aws_s3_bucket_website_configuration",
    "policy": "aws_s3_bucket_policy", "health check": "aws_route53_health_check",
    "vpn connection": "aws_vpn_connection", "origin access control": "aws_cloudfront_origin_access_control",
}


def _kept(design: Design, fmt: str) -> dict[str, Any]:
    store = design.extra.get("unmodelled")
    found = store.get(fmt) if isinstance(store, dict) else None
    return found if isinstance(found, dict) else {}


# ---------------------------------------------------------------------- CloudFormation
def cfn_regions(design: Design) -> dict[str, dict[str, Any]]:
    """Region code → {resources, refs, parameters, conditions} kept for CloudFormation."""
    return {code: store for code, store in _kept(design, "cloudformation").items()
            if isinstance(store, dict) and isinstance(store.get("resources"), dict)}


def reserve_cfn(design: Design, name: Any) -> None:
    """Keep the kept resources' logical ids (and their parameters') from being handed out."""
    for store in cfn_regions(design).values():
        for logical in [*store["resources"], *(store.get("parameters") or {})]:
            name.reserve(str(logical))


def add_cfn(design: Design, t: Any, first: bool) -> None:
    """Add the resources kept for `t`'s Region (the first template also takes those of Regions
    the export has no template for) to template `t`."""
    stores = cfn_regions(design)
    codes = [t.plan.code] if t.plan.code in stores else []
    if first:
        exported = {p.code for p in t.facts.regions}
        codes += [c for c in stores if c not in exported and c != t.plan.code]
    for code in codes:
        store = stores[code]
        if code != t.plan.code:
            t.notes.append(f"{len(store['resources'])} kept CloudFormation resources of {code} are "
                           f"written to the {t.plan.code} template (the design has no resources there)")
        for logical, body in store["resources"].items():
            names = _cfn_names(design, t, (store.get("refs") or {}).get(logical) or {})
            t.resources[logical] = _rename_cfn(copy.deepcopy(body), names)
        for key, section in (("parameters", t.parameters), ("conditions", t.conditions)):
            for item, body in (store.get(key) or {}).items():
                section.setdefault(item, copy.deepcopy(body))


def _cfn_names(design: Design, t: Any, refs: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for old, target in refs.items():
        node = target.get("node") if isinstance(target, dict) else None
        if isinstance(node, str) and node in design:
            out[old] = t.name(node, str(target.get("role") or ""))
        else:
            t.notes.append(f"kept resource refers to {old}, which is no longer in the design")
    return out


def _rename_cfn(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [_rename_cfn(v, names) for v in value]
    if isinstance(value, str):
        return names.get(value, value)
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, inner in value.items():
        if key == "Ref" and isinstance(inner, str):
            out[key] = names.get(inner, inner)
        elif key == "Fn::GetAtt" and isinstance(inner, list) and inner and isinstance(inner[0], str):
            out[key] = [names.get(inner[0], inner[0]), *inner[1:]]
        elif key == "Fn::GetAtt" and isinstance(inner, str):
            head, _, tail = inner.partition(".")
            out[key] = f"{names.get(head, head)}.{tail}" if tail else names.get(head, head)
        elif key == "Fn::Sub":
            out[key] = _rename_sub(inner, names)
        elif key == "DependsOn":
            out[key] = _rename_cfn(inner, names)
        else:
            out[key] = _rename_cfn(inner, names) if isinstance(inner, (dict, list)) else inner
    return out


def _rename_sub(value: Any, names: dict[str, str]) -> Any:
    def one(match: re.Match[str]) -> str:
        head, dot, tail = match.group(1).partition(".")
        return "${" + names.get(head, head) + dot + tail + "}"
    if isinstance(value, str):
        return re.sub(r"\$\{([^}!][^}]*)\}", one, value)
    if isinstance(value, list) and value and isinstance(value[0], str):
        return [re.sub(r"\$\{([^}!][^}]*)\}", one, value[0]), *[_rename_cfn(v, names) for v in value[1:]]]
    return value


# ---------------------------------------------------------------------- Terraform
def tf_store(design: Design) -> dict[str, Any]:
    store = _kept(design, "terraform")
    return store if isinstance(store.get("blocks"), dict) else {}


def reserve_tf(design: Design, name: Any) -> None:
    """Keep the kept blocks' names from being handed out."""
    for block in tf_store(design).get("blocks", {}).values():
        if isinstance(block, dict) and isinstance(block.get("name"), str):
            name.reserve(block["name"])


def tf_text(design: Design, config: Any) -> tuple[str, str]:
    """(resource and data blocks for main.tf, variable blocks) kept by a Terraform import."""
    store = tf_store(design)
    if not store:
        return "", ""
    aliases = {p.code: p.alias for p in config.facts.regions}
    first = next(iter(aliases.values()), "us_east_1")
    blocks: list[str] = []
    for address, block in store.get("blocks", {}).items():
        if not isinstance(block, dict) or not isinstance(block.get("hcl"), str):
            continue
        text = block["hcl"]
        for old, target in (block.get("refs") or {}).items():
            new = _tf_address(design, config, old, target)
            if new is None:
                config.notes.append(f"kept block {address} refers to {old}, which is no longer in the design")
                continue
            text = re.sub(rf"(?<![\w.-]){re.escape(old)}(?![\w-])", new, text)
        alias = aliases.get(str(block.get("region")), first)
        blocks.append(_with_provider(text, alias))
    data = [t for t in (store.get("data") or {}).values() if isinstance(t, str)]
    variables = [t for name, t in (store.get("variables") or {}).items()
                 if isinstance(t, str) and name not in config.variables]
    return "\n".join(_with_provider(t, first) for t in data) + "\n".join(blocks), "\n".join(variables)


def _tf_address(design: Design, config: Any, old: str, target: Any) -> str | None:
    node = target.get("node") if isinstance(target, dict) else None
    if not isinstance(node, str) or node not in design:
        return None
    role = str(target.get("role") or "")
    rtype = TF_ROLE_TYPES.get(role) if role else _main_type(design, node)
    return f"{rtype or old.split('.')[0]}.{config.name(node, role)}"


def _main_type(design: Design, node_id: str) -> str | None:
    from designer.catalogue import find_kind

    node = design.node(node_id)
    if node.kind == "load_balancer" and node.props.get("lb_type") == "clb":
        return "aws_elb"
    spec = find_kind(node.kind)
    return spec.terraform_type if spec else None


def _with_provider(text: str, alias: str) -> str:
    """The block with `provider = aws.<alias>` (replaced, or added as its first line)."""
    if re.search(r"^\s*provider\s*=", text, re.M):
        return re.sub(r"^(\s*provider\s*=\s*)aws(\.[\w-]+)?", rf"\g<1>aws.{alias}", text, count=1, flags=re.M)
    head, brace, rest = text.partition("{")
    return f"{head}{brace}\n  provider = aws.{alias}{rest}" if brace else text
