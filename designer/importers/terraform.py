"""Import a Terraform configuration (one `.tf` file or a folder of them) as a draft design.

Providers give the Regions: `provider "aws" { alias = "x", region = "…" }` and a
resource's `provider = aws.x` put it in that Region (no provider: the default `aws`
provider's Region, else `--region`, else us-east-1). Variables are read at their
defaults and locals as written; `count` with a known number makes one node per instance.
Resources are read by `tf_types` like the CloudFormation reader reads templates; a block
of any other type is kept: its source text goes to
`extra["unmodelled"]["terraform"]["blocks"][address]` with the Region, the variable and
data blocks it uses, and for each design resource it mentions the node id and the
exporter's role, so that the Terraform export writes it back re-pointed (docs/import.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from designer.importers import tf_types
from designer.importers.assemble import build_design
from designer.importers.cfn_values import ResRef
from designer.importers.common import normalise_outbound
from designer.importers.draft import AzRef, Draft, DraftNode, Key
from designer.importers.hcl_values import Evaluator, ProviderRef, block_text, parse_file, unquote
from designer.importers.reader import DraftReader
from designer.importers.report import ImporterError, ImportReport
from designer.model import Design

FORMAT = "terraform"
DEFAULT_REGION = "us-east-1"
META_ARGUMENTS = ("provider", "count", "for_each", "depends_on", "lifecycle", "provisioner",
                  "connection", "__is_block__")
_ADDRESS = re.compile(r"\b(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][\w-]*)")
_VARIABLE = re.compile(r"\bvar\.([A-Za-z_][\w-]*)")


@dataclass
class Block:
    """One `resource` block instance: type, name, body, source position, count index."""

    rtype: str
    name: str
    body: dict[str, Any]
    file: str
    line: int | None
    text: str
    index: int | None = None

    @property
    def address(self) -> str:
        base = f"{self.rtype}.{self.name}"
        return base if self.index is None else f"{base}[{self.index}]"


class TfReader(DraftReader):
    """Reads a whole configuration into a draft (see the module docstring)."""

    def __init__(self, files: list[tuple[str, str, dict[str, Any]]], region: str | None,
                 report: ImportReport) -> None:
        self.files = files
        self.report = report
        self.draft = Draft()
        self.variables: dict[str, Any] = {}
        self.variable_text: dict[str, str] = {}
        self.locals: dict[str, Any] = {}
        self.providers: dict[str, str] = {}  # alias ("" = default) → Region
        self.data_text: dict[str, str] = {}
        self.data_regions: dict[str, str | None] = {}
        self.blocks: list[Block] = []
        self.by_address: dict[str, Block] = {}
        self.cli_region = region
        self.handled: set[str] = set()
        self.kept: dict[str, Block] = {}
        self.absorbed_into: dict[str, tuple[str | None, str]] = {}
        self.vpn_cgw: dict[str, str] = {}
        self.launch: dict[str, dict[str, Any]] = {}
        self.pending_absorb: dict[str, str] = {}
        self.tg_asgs: dict[str, list[str]] = {}
        self.tg_lbs: dict[str, list[str]] = {}
        self.clb_port: dict[str, int] = {}
        self.target_groups: dict[str, dict[str, Any]] = {}
        self.subnet_groups: dict[str, list[str]] = {}
        self.evaluator = Evaluator(self.variables, self.locals, {}, self.data_regions)

    # ------------------------------------------------------------------ collecting
    def collect(self) -> None:
        pending: list[tuple[str, str, str, dict[str, Any], str]] = []
        for file, text, data in self.files:
            for item in _items(data.get("variable")):
                for name, body in item.items():
                    name = unquote(name)
                    self.variables[name] = body.get("default") if isinstance(body, dict) else None
                    self.variable_text[name] = _block_at(text, rf'variable\s+"{re.escape(name)}"')
            for item in _items(data.get("locals")):
                self.locals.update({k: v for k, v in item.items() if k != "__is_block__"})
            for item in _items(data.get("data")):
                for dtype, named in item.items():
                    for name in (named if isinstance(named, dict) else []):
                        address = f"data.{unquote(dtype)}.{unquote(name)}"
                        self.data_text[address] = _block_at(
                            text, rf'data\s+"{re.escape(unquote(dtype))}"\s+"{re.escape(unquote(name))}"')
                        self.data_regions[address] = None
            for item in _items(data.get("resource")):
                for rtype, named in item.items():
                    for name, body in (named.items() if isinstance(named, dict) else []):
                        pending.append((file, text, unquote(rtype), body if isinstance(body, dict) else {},
                                        unquote(name)))
            for item in _items(data.get("module")):
                for name in item:
                    line = _line_of(text, rf'module\s+"{re.escape(unquote(name))}"')
                    self.report.unmodelled("module", f"module.{unquote(name)}",
                                           "modules are not read (import the module's own folder); "
                                           "not kept", file, line)
            if data.get("output"):
                self.report.warn(f"{sum(len(i) for i in _items(data.get('output')))} outputs are not "
                                 f"kept (an export writes its own)", file)
        self._providers()
        for file, text, rtype, body, name in pending:
            self._expand(file, text, rtype, body, name)

    def _providers(self) -> None:
        for file, _text, data in self.files:
            for item in _items(data.get("provider")):
                for name, body in item.items():
                    if unquote(name) != "aws" or not isinstance(body, dict):
                        continue
                    alias = self.evaluator.value(body.get("alias"))
                    region = self.evaluator.value(body.get("region"))
                    if not isinstance(region, str):
                        self.report.warn("provider aws" + (f' alias "{alias}"' if alias else "")
                                         + " has no Region the configuration fixes; using "
                                         + (self.cli_region or DEFAULT_REGION), file)
                        region = self.cli_region or DEFAULT_REGION
                    self.providers[alias if isinstance(alias, str) else ""] = region
                    if region not in self.draft.regions:
                        self.draft.regions.append(region)

    def _expand(self, file: str, text: str, rtype: str, body: dict[str, Any], name: str) -> None:
        line = _line_of(text, rf'resource\s+"{re.escape(rtype)}"\s+"{re.escape(name)}"')
        source = _block_at(text, rf'resource\s+"{re.escape(rtype)}"\s+"{re.escape(name)}"')
        count: Any = None
        if "count" in body:
            count = self.evaluator.value(body["count"])
            if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 100:
                self.report.warn(f"{rtype}.{name}: count is not a number the configuration fixes; "
                                 f"read as one instance", file, line)
                count = None
        if "for_each" in body:
            self.report.warn(f"{rtype}.{name}: for_each is read as one instance", file, line)
        instances = [None] if count is None else list(range(count))
        for index in instances:
            block = Block(rtype, name, body, file, line, source, index)
            self.blocks.append(block)
            self.by_address[block.address] = block
            self.evaluator.resources.setdefault(f"{rtype}.{name}", []).append(block.address)

    # ------------------------------------------------------------------ reading
    def read(self) -> Draft:
        self.collect()
        order = {t: i for i, t in enumerate(tf_types.FIRST)}
        for block in sorted(self.blocks, key=lambda b: order.get(b.rtype, len(order))):
            self._read_one(block)
        self._finish()
        return self.draft

    def _read_one(self, block: Block) -> None:
        handler = tf_types.HANDLERS.get(block.rtype)
        if handler is None:
            self.keep(block.address, "the designer does not model this type; kept and written back "
                                     "on export")
            return
        self.evaluator.count_index = block.index
        attributes = self.evaluator.value({k: v for k, v in block.body.items() if k not in META_ARGUMENTS})
        self.evaluator.count_index = None
        try:
            handler(self, block.address, attributes if isinstance(attributes, dict) else {})
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            self.keep(block.address, f"an attribute has an unexpected shape ({type(exc).__name__}); "
                                     f"kept as is")

    def region_of(self, address: str) -> str:
        block = self.by_address.get(address)
        provider = self.evaluator.value(block.body.get("provider")) if block else None
        if isinstance(provider, ProviderRef):
            if provider.alias in self.providers:
                return self.providers[provider.alias]
            self.warn(address, f"provider aws.{provider.alias} is not declared; using the default Region")
        return self.providers.get("") or self.cli_region or (
            self.draft.regions[0] if self.draft.regions else DEFAULT_REGION)

    # ------------------------------------------------------------------ handler API
    def node(self, address: str, kind: str, p: dict[str, Any], **props: Any) -> DraftNode:
        block = self.by_address[address]
        tags = p.get("tags") if isinstance(p.get("tags"), dict) else {}
        # An Auto Scaling group tags with `tag { key, value }` blocks.
        tags = tags or {t.get("key"): t.get("value") for t in p.get("tag") or [] if isinstance(t, dict)}
        label = tags.get("Name") if isinstance(tags.get("Name"), str) else address.split(".", 1)[1]
        node = DraftNode(address, kind, label[:200], {k: v for k, v in props.items() if v is not None},
                         region=self.region_of(address), file=block.file, line=block.line)
        self.draft.add(node)
        self.handled.add(address)
        return node

    def warn(self, address: str, message: str) -> None:
        block = self.by_address.get(address)
        self.report.warn(f"{address}: {message}", block.file if block else None,
                         block.line if block else None)

    def understood(self, address: str) -> None:
        self.handled.add(address)

    def absorbed(self, address: str, owner: str | None, role: str) -> None:
        self.handled.add(address)
        self.absorbed_into[address] = (owner, role)
        if owner:
            self.draft.roles[address] = (owner, role)

    def keep(self, address: str, reason: str) -> None:
        block = self.by_address[address]
        self.kept[address] = block
        self.handled.discard(address)
        self.report.unmodelled(block.rtype, address, reason, block.file, block.line)

    def add_rule(self, node: DraftNode, rule: dict[str, Any], egress: bool) -> None:
        node.props.setdefault("outbound" if egress else "inbound", []).append(rule)

    def subnet_in(self, subnets: list[str], az: AzRef | None) -> str | None:
        for key in subnets:
            other = self.draft.nodes.get(key)
            if az is not None and other is not None and other.az == az:
                return key
        return subnets[0] if subnets else None

    def raw_text(self, address: str) -> str:
        block = self.by_address.get(address)
        return block.text if block else ""

    def bucket_of_website(self, value: Any) -> str | None:
        """The bucket behind `aws_s3_bucket_website_configuration.x.website_endpoint`."""
        if isinstance(value, ResRef):
            owner = self.absorbed_into.get(value.logical_id, (None, ""))[0]
            if self.kind(owner) == "s3_bucket":
                return owner
        return None

    # ------------------------------------------------------------------ after all blocks
    def _finish(self) -> None:
        for group, info in self.target_groups.items():
            lbs = list(dict.fromkeys(self.tg_lbs.get(group, [])))
            if not lbs:
                self.keep(group, "a target group no listener of this configuration uses")
                continue
            for lb_key in lbs:
                lb = self.draft.nodes[lb_key]
                health = {k: v for k, v in info["health"].items() if v is not None}
                lb.props.setdefault("health_check", health)
                if info["sticky"]:
                    lb.props["sticky_sessions"] = True
                for target, port in info["targets"]:
                    self.draft.edge("traffic", lb_key, target, protocol="tcp", port=port or info["port"] or 80)
                for asg in self.tg_asgs.get(group, []):
                    self.draft.edge("traffic", lb_key, asg, protocol="tcp", port=info["port"] or 80)
            self.absorbed(group, lbs[0], "target group")
        for address, role in list(self.pending_absorb.items()):
            base = re.escape(address.split("[")[0])
            users = [b.address for b in self.blocks if b.address in self.handled
                     and b.address != address and re.search(rf"\b{base}\b", b.text)]
            if users:
                self.absorbed(address, users[0], role)
            else:
                self.keep(address, "not used by anything the designer draws; kept and written back")
        for node in self.draft.nodes.values():
            if node.kind == "security_group":
                outbound = normalise_outbound(node.props.get("outbound"))
                if outbound is None:
                    node.props.pop("outbound", None)
                else:
                    node.props["outbound"] = outbound
        self._store_kept()

    def _store_kept(self) -> None:
        if not self.kept:
            return
        store = self.draft.unmodelled.setdefault(FORMAT, {"blocks": {}, "variables": {}, "data": {}})
        bases = {b.address.split("[")[0]: b.address for b in self.blocks}
        for address, block in self.kept.items():
            if block.index not in (None, 0):
                continue  # one source block, however many instances
            refs: dict[str, Any] = {}
            for match in _ADDRESS.finditer(block.text):
                if match.group(1):
                    name = f"data.{match.group(2)}.{match.group(3)}"
                    if name in self.data_text:
                        store["data"][name] = self.data_text[name]
                    continue
                other = bases.get(f"{match.group(2)}.{match.group(3)}")
                if other is None or other == address:
                    continue
                short = f"{match.group(2)}.{match.group(3)}"
                if other in self.draft.nodes:
                    refs[short] = {"node": Key(other), "role": ""}
                elif self.absorbed_into.get(other, (None, ""))[0]:
                    owner, role = self.absorbed_into[other]
                    refs[short] = {"node": Key(owner or ""), "role": role}
            for name in _VARIABLE.findall(block.text):
                if name in self.variable_text:
                    store["variables"][name] = self.variable_text[name]
            store["blocks"][address.split("[")[0]] = {
                "type": block.rtype, "name": block.name, "region": self.region_of(address),
                "hcl": block.text, "refs": refs}


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else (
        [value] if isinstance(value, dict) else [])


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(r"^\s*" + pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 + match.group(0).count("\n") if match else None


def _block_at(text: str, pattern: str) -> str:
    match = re.search(r"^[ \t]*" + pattern, text, re.M)
    return block_text(text, text.count("\n", 0, match.start()) + 1) if match else ""


def import_terraform(source: Path, text: str | None, region: str | None,
                     report: ImportReport) -> Design:
    """A `.tf` file, or every `.tf` file of a folder, as a laid-out design."""
    from designer.importers import read_text

    paths = [source] if text is not None else sorted(source.glob("*.tf"))
    files, problems = [], []
    for path in paths:
        try:
            content = text if text is not None else read_text(path)
            files.append((str(path), content, parse_file(content, str(path))))
        except ImporterError as exc:
            problems.extend(exc.problems)
    if problems and not files:
        raise ImporterError(problems)
    for problem in problems:
        report.warn(f"skipped: {problem}")
    reader = TfReader(files, region, report)
    draft = reader.read()
    if not draft.nodes and not draft.unmodelled:
        raise ImporterError(f"{source}: the configuration declares no resources")
    draft.title = source.stem if source.is_file() else source.name
    return build_design(draft, report)
