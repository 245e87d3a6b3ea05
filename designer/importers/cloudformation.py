"""Import CloudFormation templates (YAML or JSON) as a draft design.

Every resource is read by the handler of its type (`cfn_types`): the ones the designer
models become nodes; their helpers (route tables, attachments, listeners, target groups,
rules…) become containment, props and edges of those nodes. A resource of any other type
(or one the importer cannot tie to the design) is *kept*: its body goes to
`extra["unmodelled"]["cloudformation"][<region>]` with the parameters and conditions it
uses and, for each logical id it mentions that became a node, that node's id and the
exporter's role name, so that the CloudFormation export writes it back pointing at the
resources the export names (see docs/import.md).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from designer.importers import cfn_types
from designer.importers.assemble import build_design
from designer.importers.cfn_values import Resolver, refs_in
from designer.importers.cfn_yaml import LineDict, load_template
from designer.importers.common import normalise_outbound
from designer.importers.draft import AzRef, Draft, DraftNode, Key
from designer.importers.reader import DraftReader
from designer.importers.report import ImporterError, ImportReport
from designer.model import Design

FORMAT = "cloudformation"


def looks_like_template(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("Resources"), dict)


class CfnReader(DraftReader):
    """Reads one template into a shared draft (several templates: one Region each)."""

    def __init__(self, template: dict[str, Any], file: str, region: str, draft: Draft,
                 report: ImportReport, prefix: str = "") -> None:
        self.template = template
        self.file = file
        self.region = region
        self.draft = draft
        self.report = report
        self.prefix = prefix
        self.resolver = Resolver(template, region, prefix)
        self.resources: dict[str, Any] = template["Resources"]
        self.raw: dict[str, Any] = {}
        self.current = ""
        self.handled: set[str] = set()
        self.kept: dict[str, dict[str, Any]] = {}
        self.absorbed_into: dict[str, tuple[str | None, str]] = {}
        # Facts handlers share while the template is read.
        self.vpn_cgw: dict[str, str] = {}
        self.attached_volumes: dict[str, str] = {}
        self.launch: dict[str, dict[str, Any]] = {}
        self.pending_absorb: dict[str, str] = {}
        self.asg_subnets: dict[str, list[str]] = {}
        self.lb_subnets: dict[str, list[str]] = {}
        self.tg_asgs: dict[str, list[str]] = {}
        self.tg_lbs: dict[str, list[str]] = {}
        self.clb_port: dict[str, int] = {}
        self.target_groups: dict[str, dict[str, Any]] = {}
        self.subnet_groups: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ reading
    def line(self, logical_id: str) -> int | None:
        return self.resources.line_of(logical_id) if isinstance(self.resources, LineDict) else None

    def read(self) -> None:
        order = {t: i for i, t in enumerate(cfn_types.FIRST)}
        names = list(self.resources)
        names.sort(key=lambda n: order.get(self._type(n), len(order)))
        for name in names:
            self._read_one(name)
        self._finish()

    def _type(self, name: str) -> str:
        body = self.resources.get(name)
        return str(body.get("Type")) if isinstance(body, dict) else ""

    def _read_one(self, name: str) -> None:
        body = self.resources[name]
        lid = self.prefix + str(name)
        if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
            self.report.warn(f"resource {name}: expected a mapping with a Type; skipped",
                             self.file, self.line(name))
            return
        self.current = lid
        self.raw = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
        handler = cfn_types.HANDLERS.get(body["Type"])
        if handler is None:
            self.keep(lid, "the designer does not model this type; kept and written back on export")
            return
        if body.get("Condition") is not None and self.resolver.condition(body["Condition"]) is False:
            self.keep(lid, f"created only when condition {body['Condition']} holds, which it does not "
                           f"with the parameters' defaults; kept")
            return
        if body.get("Properties") is not None and not isinstance(body.get("Properties"), dict):
            self.report.warn(f"resource {name}: Properties must be a mapping; read as empty",
                             self.file, self.line(name))
        props = self.resolver.value(self.raw)
        try:
            handler(self, lid, props if isinstance(props, dict) else {})
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            # A property of an unexpected shape: keep the resource rather than guess.
            self.keep(lid, f"a property has an unexpected shape ({type(exc).__name__}); kept as is")

    # ------------------------------------------------------------------ handler API
    def node(self, lid: str, kind: str, p: dict[str, Any], **props: Any) -> DraftNode:
        """Record a modelled resource; None props are left out (the catalogue default holds)."""
        node = DraftNode(lid, kind, self._label(p, lid), {k: v for k, v in props.items() if v is not None},
                         region=self.region, file=self.file, line=self.line(lid[len(self.prefix):]))
        self.draft.add(node)
        self.handled.add(lid)
        return node

    def _label(self, p: dict[str, Any], lid: str) -> str:
        for tag in p.get("Tags") or []:
            if isinstance(tag, dict) and tag.get("Key") == "Name" and isinstance(tag.get("Value"), str):
                return tag["Value"][:200]
        return lid[len(self.prefix):]

    def warn(self, lid: str, message: str) -> None:
        self.report.warn(f"{lid[len(self.prefix):]}: {message}", self.file, self.line(lid[len(self.prefix):]))

    def understood(self, lid: str) -> None:
        self.handled.add(lid)

    def absorbed(self, lid: str, owner: str | None, role: str) -> None:
        """`lid` is part of `owner`'s drawing (the exporter writes it as `owner`'s `role`)."""
        self.handled.add(lid)
        self.absorbed_into[lid] = (owner, role)
        if owner:
            self.draft.roles[lid] = (owner, role)

    def keep(self, lid: str, reason: str) -> None:
        name = lid[len(self.prefix):]
        body = self.resources.get(name)
        self.kept[lid] = _plain(body)
        self.handled.discard(lid)
        rtype = body.get("Type") if isinstance(body, dict) else "?"
        self.report.unmodelled(str(rtype), name, reason, self.file, self.line(name))

    def add_rule(self, node: DraftNode, raw: Any, egress: bool, where: str) -> None:
        rule = cfn_types.rule_from(raw, egress) if isinstance(raw, dict) else None
        if rule is None:
            self.warn(where, f"a {'n egress' if egress else 'n ingress'} rule without a CIDR or "
                             f"group is not drawn")
            return
        node.props.setdefault("outbound" if egress else "inbound", []).append(rule)

    def subnet_in(self, subnets: list[str], az: AzRef | None) -> str | None:
        """The subnet (of a group) in `az`, else the first one."""
        for key in subnets:
            node = self.draft.nodes.get(key)
            if az is not None and node is not None and node.az == az:
                return key
        return subnets[0] if subnets else None

    def first_list(self, raw: Any) -> list[str]:
        """The first list of names among the branches of a raw Fn::If (or the value itself)."""
        if isinstance(raw, dict) and isinstance(raw.get("Fn::If"), list) and len(raw["Fn::If"]) == 3:
            for branch in raw["Fn::If"][1:]:
                found = self.first_list(branch)
                if found:
                    return found
            return []
        value = self.resolver.value(raw)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def refs_inside(self, raw: Any) -> list[str]:
        return [self.prefix + name for name in refs_in(raw) if name in self.resources]

    # ------------------------------------------------------------------ after all resources
    def _finish(self) -> None:
        self._target_groups()
        for lid, role in list(self.pending_absorb.items()):
            users = [k for k, v in self.resources.items() if isinstance(v, dict)
                     and lid[len(self.prefix):] in refs_in(v) and self.prefix + k in self.handled]
            if users:
                self.absorbed(lid, self.prefix + users[0], role)
            else:
                self.keep(lid, "not used by anything the designer draws; kept and written back")
        for node in self.draft.nodes.values():
            if node.kind == "security_group" and "outbound" in node.props:
                outbound = normalise_outbound(node.props["outbound"])
                if outbound is None:
                    del node.props["outbound"]
                else:
                    node.props["outbound"] = outbound
        if isinstance(self.template.get("Outputs"), dict) and self.template["Outputs"]:
            self.report.warn(f"{len(self.template['Outputs'])} outputs are not kept (an export "
                             f"writes its own)", self.file)
        self._store_kept()

    def _target_groups(self) -> None:
        for tg, info in self.target_groups.items():
            lbs = list(dict.fromkeys(self.tg_lbs.get(tg, [])))
            if not lbs:
                self.keep(tg, "a target group no listener of this template uses")
                continue
            for lb_key in lbs:
                lb = self.draft.nodes[lb_key]
                lb.props.setdefault("health_check", _health(info["health"]))
                if info["sticky"]:
                    lb.props["sticky_sessions"] = True
                for target, port in info["targets"]:
                    self.draft.edge("traffic", lb_key, target, protocol="tcp",
                                    port=port or info["port"] or 80)
                for asg in self.tg_asgs.get(tg, []):
                    self.draft.edge("traffic", lb_key, asg, protocol="tcp", port=info["port"] or 80)
            self.absorbed(tg, lbs[0], "Target Group")

    def _store_kept(self) -> None:
        if not self.kept:
            return
        store = self.draft.unmodelled.setdefault(FORMAT, {}).setdefault(
            self.region, {"resources": {}, "refs": {}, "parameters": {}, "conditions": {}})
        parameters = self.template.get("Parameters") if isinstance(self.template.get("Parameters"), dict) else {}
        conditions = self.template.get("Conditions") if isinstance(self.template.get("Conditions"), dict) else {}
        for lid, body in self.kept.items():
            name = lid[len(self.prefix):]
            store["resources"][name] = body
            mentioned = refs_in(body) + _depends_on(body)
            refs: dict[str, Any] = {}
            for other in mentioned:
                key = self.prefix + other
                if key in self.draft.nodes:
                    refs[other] = {"node": Key(key), "role": ""}
                elif key in self.absorbed_into and self.absorbed_into[key][0]:
                    owner, role = self.absorbed_into[key]
                    refs[other] = {"node": Key(owner or ""), "role": role}
                elif other in parameters:
                    store["parameters"][other] = _plain(parameters[other])
            if refs:
                store["refs"][name] = refs
            condition = body.get("Condition") if isinstance(body, dict) else None
            if isinstance(condition, str) and condition in conditions:
                store["conditions"][condition] = _plain(conditions[condition])
                for other in refs_in(conditions[condition]):
                    if other in parameters:
                        store["parameters"][other] = _plain(parameters[other])


def _health(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"protocol": raw.get("protocol") or "HTTP"}
    if raw.get("port") is not None:
        out["port"] = raw["port"]
    if isinstance(raw.get("path"), str):
        out["path"] = raw["path"]
    return out


def _depends_on(body: Any) -> list[str]:
    value = body.get("DependsOn") if isinstance(body, dict) else None
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, str)]


def _plain(value: Any) -> Any:
    """JSON-safe data: dict keys as text, odd scalars (bytes, NaN) as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def read_template_text(text: str, file: str, region: str, draft: Draft, report: ImportReport,
                       prefix: str = "") -> None:
    """Read one template's text into `draft` (raises ImporterError when it is not a template)."""
    data = load_template(text, file)
    if not isinstance(data, dict):
        raise ImporterError(f"{file}:1: expected a CloudFormation template (a mapping with "
                            f"Resources), found {type(data).__name__}")
    if not looks_like_template(data):
        line = data.line if isinstance(data, LineDict) else 1
        raise ImporterError(f"{file}:{line or 1}: expected a Resources section (a mapping of "
                            f"logical ids to resources)")
    if draft.title == "Imported design" and isinstance(data.get("Description"), str):
        draft.title = " ".join(data["Description"].split())[:200] or draft.title
    if region not in draft.regions:
        draft.regions.append(region)
    CfnReader(data, file, region, draft, report, prefix).read()


def import_cloudformation(source: Path, text: str | None, region: str | None,
                          report: ImportReport) -> Design:
    """A template file, or a folder of templates (one Region each), as a laid-out design."""
    from designer.importers import TEMPLATE_SUFFIXES, read_text, region_for

    draft = Draft()
    if text is not None:
        read_template_text(text, str(source), region_for(source, region), draft, report)
    else:
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in TEMPLATE_SUFFIXES)
        problems: list[str] = []
        for i, file in enumerate(files):
            try:
                read_template_text(read_text(file), str(file), region_for(file, region), draft,
                                   report, prefix=f"t{i}:" if len(files) > 1 else "")
            except ImporterError as exc:
                problems.extend(exc.problems)
        if problems and len(problems) == len(files):
            raise ImporterError(problems)
        for problem in problems:
            report.warn(f"skipped: {problem}")
    if not draft.nodes and not draft.unmodelled:
        raise ImporterError(f"{source}: the template declares no resources")
    if draft.title == "Imported design":
        draft.title = source.stem
    return build_design(draft, report)
