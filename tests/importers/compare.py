"""Compare two designs up to ids and geometry: kinds, containment, props, labels, edges.

Node ids are matched by signature: (kind, label) first, then a natural key (a Region's
code, a zone's domain, a record's name, a CIDR), then the most similar props within the
same kind; Availability Zones by the subnets they hold (an IaC file names them only by
index). Props are compared with the catalogue's defaults filled in, ids inside props
(security groups, subnets, rule sources) mapped, and only the props the format carries.
`differences()` returns one readable line per difference.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from designer.catalogue import find_kind
from designer.exporters.values import as_str
from designer.model import Design, Node

# Props no IaC format writes (documented in docs/import.md).
IAC_NOT_CARRIED = {"role", "env", "data_role"}
IAC_NOT_CARRIED_BY_KIND = {
    "s3_bucket": {"storage_class"},
    "cloudfront": {"certificate_region"},
    "availability_zone": {"name"},
    "region": set(),
    "route53_record": set(),
}
# Kinds whose label an IaC format does not carry (no Name tag).
IAC_UNLABELLED = {"region", "availability_zone", "internet", "on_premises", "route53_record",
                  "vpc_endpoint", "route53_zone"}
NATURAL_KEYS = {"region": "code", "route53_zone": "domain", "route53_record": "name", "vpc": "cidr",
                "subnet": "cidr", "s3_bucket": "bucket_name", "on_premises": "cidr"}


def _effective(node: Node) -> dict[str, Any]:
    spec = find_kind(node.kind)
    props = spec.defaults() if spec else {}
    props.update(copy.deepcopy(node.props))
    return props


def _similarity(a: Node, b: Node) -> int:
    pa, pb = _effective(a), _effective(b)
    return sum(1 for k in pa if k in pb and pa[k] == pb[k])


def match_nodes(original: Design, imported: Design) -> dict[str, str]:
    """original id → imported id (see the module docstring)."""
    mapping: dict[str, str] = {}
    free = {n.id for n in imported.nodes}

    def take(a: Node, b: Node) -> None:
        mapping[a.id] = b.id
        free.discard(b.id)

    def code(design: Design, node: Node) -> str:
        region = design.region_of(node.id)
        return as_str(region.props.get("code")) if region else ""

    for a in original.nodes:  # (kind, label), the same Region and the most similar first
        if a.kind == "availability_zone":
            continue
        label = a.label or a.id
        found = sorted((b for b in imported.nodes if b.id in free and b.kind == a.kind
                        and b.label == label),
                       key=lambda b: (code(imported, b) != code(original, a), -_similarity(a, b)))
        if found:
            take(a, found[0])
    for a in original.nodes:  # natural keys
        key = NATURAL_KEYS.get(a.kind)
        if a.id in mapping or key is None or not a.props.get(key):
            continue
        found = [b for b in imported.nodes if b.id in free and b.kind == a.kind
                 and as_str(b.props.get(key)) == as_str(a.props.get(key))]
        if found:
            take(a, found[0])
    for a in original.nodes:  # the most similar of the same kind
        if a.id in mapping or a.kind == "availability_zone":
            continue
        found = sorted((b for b in imported.nodes if b.id in free and b.kind == a.kind),
                       key=lambda b: -_similarity(a, b))
        if found:
            take(a, found[0])
    for a in original.nodes_of_kind("availability_zone"):  # by the subnets they hold
        held = [mapping.get(c.id) for c in original.children(a.id)]
        for b in imported.nodes_of_kind("availability_zone"):
            if b.id in free and any(h and imported.node(h).parent == b.id for h in held):
                take(a, b)
                break
    for a in original.nodes_of_kind("availability_zone"):  # an empty AZ: by its label
        found = [b for b in imported.nodes_of_kind("availability_zone")
                 if a.id not in mapping and b.id in free and b.label == a.label]
        if found:
            take(a, found[0])
    return mapping


ID_PROPS = ("security_groups", "subnets")


def _map_value(props: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    """Ids inside props (groups, subnets, rule sources) mapped; other values untouched."""
    out = dict(props)
    for key in ID_PROPS:
        if isinstance(out.get(key), list):
            out[key] = [mapping.get(v, v) if isinstance(v, str) else v for v in out[key]]
    for key in ("inbound", "outbound"):
        if isinstance(out.get(key), list):
            out[key] = [dict(r, source=mapping.get(r["source"], r["source"]))
                        if isinstance(r, dict) and isinstance(r.get("source"), str) else r
                        for r in out[key]]
    return out


def _normal_props(node: Node, props: dict[str, Any]) -> dict[str, Any]:
    """Spellings that mean the same: ports as ints, all-ports tcp, default actions."""
    out = copy.deepcopy(props)
    for direction in ("inbound", "outbound"):
        rules = out.get(direction)
        if isinstance(rules, list):
            normal = []
            for rule in rules:
                if not isinstance(rule, dict) or str(rule.get("action", "allow")).lower() == "deny":
                    continue  # security groups have no deny rules (the exporter skips them)
                rule = {k: v for k, v in rule.items() if k not in ("action",) and v not in (None, "")}
                if isinstance(rule.get("port"), str) and rule["port"].isdigit():
                    rule["port"] = int(rule["port"])
                normal.append(rule)
            out[direction] = normal
    if node.kind in ("load_balancer", "auto_scaling_group", "rds", "ec2", "vpc_endpoint"):
        for key in ("security_groups", "subnets"):
            if isinstance(out.get(key), list):
                out[key] = sorted(out[key])
    return out


def differences(original: Design, imported: Design, carried: str = "iac",
                derived: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """One line per difference between the designs (see the module docstring).

    `derived`: original node id → props whose effective value the exporter derives (an
    RDS's subnet group when the design leaves it empty), compared instead of the node's.
    """
    mapping = match_nodes(original, imported)
    out: list[str] = []
    kinds_a = Counter(n.kind for n in original.nodes)
    kinds_b = Counter(n.kind for n in imported.nodes)
    if kinds_a != kinds_b:
        out.append(f"kinds: {dict(kinds_a - kinds_b)} missing, {dict(kinds_b - kinds_a)} extra")
    for a in original.nodes:
        b_id = mapping.get(a.id)
        if b_id is None:
            out.append(f"node {a.id} ({a.kind}): no counterpart")
            continue
        b = imported.node(b_id)
        if mapping.get(a.parent or "", None) != b.parent and not (a.parent is None and b.parent is None):
            out.append(f"node {a.id}: parent {a.parent} → {b.parent}")
        if carried == "iac" and a.kind not in IAC_UNLABELLED and (a.label or a.id) != b.label:
            out.append(f"node {a.id}: label {a.label or a.id!r} → {b.label!r}")
        skip = set(IAC_NOT_CARRIED) | IAC_NOT_CARRIED_BY_KIND.get(a.kind, set()) if carried == "iac" else set()
        pa = _effective(a)
        pa.update((derived or {}).get(a.id, {}))
        pa = _normal_props(a, _map_value(pa, mapping))
        pb = _normal_props(b, _effective(b))
        if carried == "drawio":
            keys = {"public"} if a.kind == "subnet" else ({"lb_type"} if a.kind == "load_balancer" else set())
            keys |= {"security_groups"} if "security_groups" in a.props else set()
        else:
            keys = (set(pa) | set(pb)) - skip
        for key in sorted(keys):
            if pa.get(key) != pb.get(key):
                out.append(f"node {a.id}: {key} {pa.get(key)!r} → {pb.get(key)!r}")
    edges_a = Counter(_edge_key(e.kind, mapping.get(e.source), mapping.get(e.target), e.props, carried)
                      for e in original.edges)
    edges_b = Counter(_edge_key(e.kind, e.source, e.target, e.props, carried) for e in imported.edges)
    for edge in sorted(edges_a - edges_b, key=repr):
        out.append(f"edge missing: {edge}")
    for edge in sorted(edges_b - edges_a, key=repr):
        out.append(f"edge extra: {edge}")
    return out


def _edge_key(kind: str, source: Any, target: Any, props: dict[str, Any], carried: str) -> tuple:
    if carried == "drawio":
        return (kind, source, target)
    keep = {k: v for k, v in props.items() if k in ("port", "protocol", "destination")}
    if kind == "route" and keep.get("destination") in (None, "0.0.0.0/0"):
        keep.pop("destination", None)  # the default destination, written or not
    if kind != "traffic":
        keep.pop("port", None)
        keep.pop("protocol", None)
    return (kind, source, target, tuple(sorted(keep.items())))
