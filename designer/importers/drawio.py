"""Import a draw.io (diagrams.net) file drawn with the AWS shapes as a design.

Reads plain and compressed diagrams (draw.io saves `<diagram>` as base64 of raw-deflated,
URL-encoded XML by default) and bare `<mxGraphModel>` files; the first page is imported.
Vertices with `mxgraph.aws4` styles become nodes: group frames by their `grIcon` (Region,
VPC, AZ, subnets by colour: green public, blue private, red security groups), icons by
their `shape` or `resIcon`. Nesting comes from each cell's `parent`, geometry is kept
(relative to the parent, as in our format; an icon the designer exported gets its box
back from `labelWidth`), and edges get their kind from their style. Cells this app wrote
(`node:<id>`, `edge:<id>`) keep their ids, and its dashed red membership lines become the
members' `security_groups`. A group that holds others but means nothing to the designer
(the AWS Cloud frame) is dissolved into its parent; other AWS shapes are listed in the
report and kept in `extra["unmodelled"]["drawio"]`; shapes that are not AWS shapes are
counted and left out.
"""

from __future__ import annotations

import base64
import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designer.catalogue import find_kind, get_kind
from designer.importers.report import ImporterError, ImportReport
from designer.layout import layout_missing_geometry
from designer.model import Design, Edge, Node, is_valid_id, unique_id

NODE_PREFIX, EDGE_PREFIX, MEMBER_PREFIX = "node:", "edge:", "sg-member:"
ICON_TOP = 4.0

GROUP_ICONS = {
    "group_region": "region", "group_vpc": "vpc", "group_vpc2": "vpc",
    "group_availability_zone": "availability_zone", "group_corporate_data_center": "on_premises",
    "group_auto_scaling_group": "auto_scaling_group",
}
TRANSPARENT_GROUPS = ("group_aws_cloud", "group_aws_cloud_alt", "group_account", "group_on_premise")
SHAPES = {
    "users": "internet", "user": "internet", "client": "internet", "internet": "internet",
    "internet_alt1": "internet", "internet_alt2": "internet", "mobile_client": "internet",
    "corporate_data_center": "on_premises", "traditional_server": "on_premises",
    "internet_gateway": "internet_gateway", "nat_gateway": "nat_gateway",
    "elastic_ip_address": "elastic_ip", "endpoints": "vpc_endpoint", "endpoint": "vpc_endpoint",
    "vpc_endpoints": "vpc_endpoint", "gateway_endpoint": "vpc_endpoint",
    "interface_endpoint": "vpc_endpoint",
    "vpn_gateway": "vpn_gateway", "customer_gateway": "customer_gateway",
    "hosted_zone": "route53_zone", "route_53": "route53_record", "route53": "route53_record",
    "cloudfront": "cloudfront", "network_access_control_list": "network_acl",
    "instance": "ec2", "instance2": "ec2", "ec2": "ec2", "instances": "ec2",
    "auto_scaling2": "auto_scaling_group", "auto_scaling": "auto_scaling_group",
    "ec2_auto_scaling": "auto_scaling_group",
    "volume": "ebs_volume", "elastic_block_store": "ebs_volume",
    "bucket": "s3_bucket", "bucket_with_objects": "s3_bucket", "s3": "s3_bucket",
    "simple_storage_service": "s3_bucket",
    "vault": "glacier_vault", "glacier": "glacier_vault", "s3_glacier": "glacier_vault",
    "rds_instance": "rds", "rds": "rds", "rds_instance_alt": "rds", "db_instance": "rds",
    "application_load_balancer": "load_balancer", "network_load_balancer": "load_balancer",
    "classic_load_balancer": "load_balancer", "elastic_load_balancing": "load_balancer",
}
LB_TYPES = {"application_load_balancer": "alb", "network_load_balancer": "nlb",
            "classic_load_balancer": "clb"}
# Edge kinds by the stroke colour and dash of this app's export (anything else: traffic).
EDGE_KINDS = (
    ("peering", "#8C4FFF", None, "2"), ("dns", "#8C4FFF", "1", None), ("route", "#147EBA", "1", None),
    ("attach", "#7D8998", None, None), ("origin", "#ED7100", None, None),
    ("vpn", "#DD344C", "1", None), ("replication", "#7AA116", "1", None),
)


def parse_style(style: str) -> dict[str, str]:
    """draw.io's `key=value;…` style as a dict (a bare word, like `ellipse`, maps to "")."""
    out: dict[str, str] = {}
    for part in (style or "").split(";"):
        if not part:
            continue
        key, _, value = part.partition("=")
        out[key.strip()] = value.strip()
    return out


def label_text(value: str) -> str:
    """The text a user sees for a cell value (HTML line breaks and tags removed)."""
    text = re.sub(r"<br\s*/?>|</div>|</p>", "\n", value or "", flags=re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


@dataclass
class Cell:
    """One mxCell (with the attributes of its <object> wrapper, if any)."""

    id: str
    parent: str | None
    style: dict[str, str]
    value: str
    vertex: bool
    edge: bool
    source: str | None
    target: str | None
    geometry: tuple[float, float, float, float] | None
    attributes: dict[str, str] = field(default_factory=dict)


def _number(text: str | None, default: float = 0.0) -> float:
    try:
        value = float(text) if text not in (None, "") else default
    except ValueError:
        return default
    return value if value == value and abs(value) < 1e7 else default  # no NaN, no huge


def _cells(model: ET.Element) -> list[Cell]:
    root = model.find("root")
    if root is None:
        raise ImporterError("expected <root> inside <mxGraphModel>")
    out: list[Cell] = []
    for element in root:
        attributes: dict[str, str] = {}
        cell = element
        if element.tag in ("object", "UserObject"):
            attributes = {k: v for k, v in element.attrib.items() if k not in ("id", "label")}
            inner = element.find("mxCell")
            cell = inner if inner is not None else ET.Element("mxCell")
            value = element.get("label", "")
            cell_id = element.get("id", "")
        elif element.tag == "mxCell":
            value = element.get("value", "")
            cell_id = element.get("id", "")
        else:
            continue
        geometry = cell.find("mxGeometry")
        rect = None
        if geometry is not None and geometry.get("relative") != "1":
            rect = (_number(geometry.get("x")), _number(geometry.get("y")),
                    _number(geometry.get("width"), 0.0), _number(geometry.get("height"), 0.0))
        out.append(Cell(cell_id, cell.get("parent"), parse_style(cell.get("style", "")), value,
                        cell.get("vertex") == "1", cell.get("edge") == "1", cell.get("source"),
                        cell.get("target"), rect, attributes))
    return out


def _decompress(text: str, file: str) -> ET.Element:
    try:
        data = zlib.decompress(base64.b64decode(text.strip(), validate=False), -15)
        xml = urllib.parse.unquote(data.decode("utf-8"))
        return ET.fromstring(xml)
    except (ValueError, zlib.error, UnicodeDecodeError, ET.ParseError) as exc:
        raise ImporterError(f"{file}: a compressed draw.io page cannot be read ({type(exc).__name__})") from None


def graph_model(text: str, file: str, report: ImportReport) -> tuple[ET.Element, str]:
    """The first page's <mxGraphModel> and the page's name (see the module docstring)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise ImporterError(f"{file}:{line}: not valid XML: {message} (column {column + 1})") from None
    if root.tag == "mxGraphModel":
        return root, ""
    if root.tag != "mxfile":
        raise ImporterError(f"{file}:1: expected a draw.io file (<mxfile> or <mxGraphModel>), "
                            f"found <{root.tag[:40]}>")
    pages = root.findall("diagram")
    if not pages:
        raise ImporterError(f"{file}: expected at least one <diagram> page")
    if len(pages) > 1:
        report.warn(f"{len(pages)} pages; only the first, {pages[0].get('name', '')!r}, is imported", file)
    page = pages[0]
    model = page.find("mxGraphModel")
    if model is None:
        model = _decompress(page.text or "", file)
    if model.tag != "mxGraphModel":
        raise ImporterError(f"{file}: expected <mxGraphModel> in the first page")
    return model, page.get("name", "")


class _Reader:
    def __init__(self, cells: list[Cell], file: str, report: ImportReport) -> None:
        self.cells = {c.id: c for c in cells if c.id}
        self.order = [c for c in cells if c.id]
        self.file = file
        self.report = report
        self.kinds: dict[str, str] = {}
        self.props: dict[str, dict[str, Any]] = {}
        self.dissolved: set[str] = set()
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()
        self.skipped = 0
        self.kept: dict[str, Any] = {}

    def classify(self) -> None:
        for cell in self.order:
            if not cell.vertex:
                continue
            kind, props = self._kind(cell)
            if kind is None:
                continue
            self.kinds[cell.id] = kind
            self.props[cell.id] = props

    def _kind(self, cell: Cell) -> tuple[str | None, dict[str, Any]]:
        style = cell.style
        shape = style.get("shape", "")
        name = shape.removeprefix("mxgraph.aws4.")
        if name == "group" or style.get("grIcon"):
            icon = style.get("grIcon", "").removeprefix("mxgraph.aws4.")
            if icon in GROUP_ICONS:
                return GROUP_ICONS[icon], {}
            if icon == "group_security_group" or icon in ("group_public_subnet", "group_private_subnet"):
                return self._subnet_or_group(style, icon)
            if icon in SHAPES:
                return SHAPES[icon], {}
            if icon in TRANSPARENT_GROUPS or not icon:
                self.dissolved.add(cell.id)
                return None, {}
            return self._unknown(cell, icon)
        if name == "resourceIcon":
            name = style.get("resIcon", "").removeprefix("mxgraph.aws4.")
        if name in SHAPES:
            props = {"lb_type": LB_TYPES[name]} if name in LB_TYPES else {}
            return SHAPES[name], props
        if shape.startswith("mxgraph.aws4.") or style.get("resIcon", "").startswith("mxgraph.aws4."):
            return self._unknown(cell, name)
        if _looks_like_az(cell):
            return "availability_zone", {}
        self.skipped += 1
        return None, {}

    def _subnet_or_group(self, style: dict[str, str], icon: str) -> tuple[str, dict[str, Any]]:
        stroke = style.get("strokeColor", "").upper()
        fill = style.get("fillColor", "").upper()
        if icon == "group_public_subnet" or stroke == "#7AA116" or fill == "#F2F6E8":
            return "subnet", {"public": True}
        if icon == "group_private_subnet" or stroke in ("#147EBA", "#00A4A6") or fill == "#E6F2F8":
            return "subnet", {"public": False}
        return "security_group", {}

    def _unknown(self, cell: Cell, name: str) -> tuple[None, dict[str, Any]]:
        self.report.unmodelled(f"mxgraph.aws4.{name}", cell.id,
                               "no designer kind draws this shape; kept in the design, not drawn",
                               self.file)
        self.kept[cell.id] = {"style": ";".join(f"{k}={v}" if v else k for k, v in cell.style.items()),
                              "value": cell.value, "parent": cell.parent,
                              "geometry": list(cell.geometry) if cell.geometry else None}
        return None, {}

    # ------------------------------------------------------------------ building
    def parent_of(self, cell: Cell) -> tuple[str | None, float, float]:
        """The nearest modelled ancestor, and the offset of dissolved groups in between."""
        dx = dy = 0.0
        current = self.cells.get(cell.parent or "")
        seen = {cell.id}
        while current is not None:
            if current.id in seen:  # a parent cycle (draw.io never writes one): top level
                self.report.warn(f"cell {cell.id}: its parent chain loops; drawn at the top level",
                                 self.file)
                return None, 0.0, 0.0
            seen.add(current.id)
            if current.id in self.kinds:
                return current.id, dx, dy
            if current.geometry is not None and current.vertex:
                dx += current.geometry[0]
                dy += current.geometry[1]
            current = self.cells.get(current.parent or "")
        return None, dx, dy

    def node_id(self, cell: Cell) -> str:
        if cell.id not in self.ids:
            raw = cell.id.removeprefix(NODE_PREFIX)
            base = raw if is_valid_id(raw) and cell.id.startswith(NODE_PREFIX) else \
                (label_text(cell.value) or self.kinds[cell.id])
            node_id = raw if base == raw and raw not in self.taken else unique_id(base, self.taken)
            self.taken.add(node_id)
            self.ids[cell.id] = node_id
        return self.ids[cell.id]

    def nodes(self) -> list[Node]:
        out: list[Node] = []
        for cell in self.order:
            if cell.id not in self.kinds:
                continue
            kind = self.kinds[cell.id]
            parent, dx, dy = self.parent_of(cell)
            label = label_text(cell.value) or None
            spec = get_kind(kind)
            if label in (spec.label_en, spec.label_ko):
                label = None  # the export names unlabelled nodes by their kind
            node = Node(id=self.node_id(cell), kind=kind, label=label[:200] if label else None,
                        parent=self.node_id(self.cells[parent]) if parent else None,
                        props=dict(self.props[cell.id]))
            self._geometry(node, cell, dx, dy)
            out.append(node)
        return out

    def _geometry(self, node: Node, cell: Cell, dx: float, dy: float) -> None:
        if cell.geometry is None:
            return
        x, y, w, h = cell.geometry
        spec = find_kind(node.kind)
        is_frame = cell.style.get("shape") == "mxgraph.aws4.group" or "grIcon" in cell.style \
            or (spec is not None and spec.container)
        if not is_frame:
            # An icon: our box is wider (its label width) and the icon sits at its top centre.
            default_w, default_h = spec.default_size if spec else (96.0, 84.0)
            box_w = max(_number(cell.style.get("labelWidth"), default_w), w)
            box_h = max(default_h, h)
            x, y, w, h = x - (box_w - w) / 2, y - ICON_TOP, box_w, box_h
        node.x, node.y, node.w, node.h = round(x + dx, 1), round(y + dy, 1), round(w, 1), round(h, 1)

    def edges(self, nodes: dict[str, Node]) -> list[Edge]:
        out: list[Edge] = []
        taken: set[str] = set()
        for cell in self.order:
            if not cell.edge:
                continue
            source, target = self._end(cell.source), self._end(cell.target)
            if source is None or target is None:
                self.report.warn(f"edge {cell.id}: an end is not an AWS shape the designer draws; "
                                 f"left out", self.file)
                continue
            if cell.id.startswith(MEMBER_PREFIX) or _is_member_line(cell.style):
                group, member = (source, target) if nodes[source].kind == "security_group" else (target, source)
                if nodes[group].kind == "security_group":
                    groups = nodes[member].props.setdefault("security_groups", [])
                    if group not in groups:
                        groups.append(group)
                    continue
            kind = _edge_kind(cell.style)
            raw = cell.id.removeprefix(EDGE_PREFIX)
            edge_id = raw if cell.id.startswith(EDGE_PREFIX) and is_valid_id(raw) and raw not in taken \
                else unique_id(f"e{len(out) + 1}", taken)
            taken.add(edge_id)
            label = label_text(cell.value) or None
            props: dict[str, Any] = {}
            if kind == "route" and label and re.fullmatch(r"[0-9a-fA-F:.]+/\d{1,3}", label):
                props["destination"], label = label, None
            out.append(Edge(id=edge_id, kind=kind, source=source, target=target, label=label, props=props))
        return out

    def _end(self, cell_id: str | None) -> str | None:
        cell = self.cells.get(cell_id or "")
        return self.ids.get(cell.id) if cell is not None else None


def _looks_like_az(cell: Cell) -> bool:
    """draw.io's own AZ frame: a dashed blue rectangle labelled as an Availability Zone."""
    text = label_text(cell.value).lower()
    return cell.style.get("dashed") == "1" and cell.style.get("strokeColor", "").upper() == "#147EBA" \
        and ("availability zone" in text or "가용 영역" in text or re.search(r"\baz\b", text) is not None)


def _is_member_line(style: dict[str, str]) -> bool:
    return style.get("strokeColor", "").upper() == "#DD344C" and style.get("dashPattern") == "2 4"


def _edge_kind(style: dict[str, str]) -> str:
    stroke = style.get("strokeColor", "").upper()
    for kind, colour, dashed, width in EDGE_KINDS:
        if stroke == colour and (dashed is None or style.get("dashed") == dashed) \
                and (width is None or style.get("strokeWidth") == width):
            return kind
    return "traffic"


def import_drawio(source: Path, text: str, report: ImportReport) -> Design:
    """A draw.io file as a design (see the module docstring)."""
    file = str(source)
    model, name = graph_model(text, file, report)
    try:
        cells = _cells(model)
    except ImporterError as exc:
        raise ImporterError(f"{file}: {exc.problems[0]}") from None
    reader = _Reader(cells, file, report)
    reader.classify()
    if not reader.kinds:
        raise ImporterError(f"{file}: no AWS shapes (mxgraph.aws4) the designer draws")
    nodes = reader.nodes()
    by_id = {n.id: n for n in nodes}
    edges = reader.edges(by_id)
    if reader.skipped:
        report.warn(f"{reader.skipped} shapes that are not AWS shapes (text, plain boxes) were left out",
                    file)
    page = source.stem.removesuffix(".drawio")
    title = name or page
    extra = {"unmodelled": {"drawio": reader.kept}} if reader.kept else None
    design = Design(title=title, nodes=nodes, edges=edges, extra=extra)
    layout_missing_geometry(design)
    report.counts = {"nodes": design.node_count, "edges": design.edge_count,
                     "kept unmodelled": len(reader.kept)}
    return design
