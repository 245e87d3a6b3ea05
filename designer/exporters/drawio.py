"""Export a design as an uncompressed draw.io (diagrams.net) file, to continue editing there.

One vertex cell per node. Regions, VPCs, Availability Zones, subnets (and any node that
holds others, such as a hosted zone with its records) become draw.io's AWS group shapes
(`shape=mxgraph.aws4.group` with the matching `grIcon`) at exactly the design's geometry,
relative to their parent cell as in our format, so children move with their group.
Resources become `mxgraph.aws4.*` icons, as the AWS 2021+ palette draws them, centred at
the top of their box with the label below. Security groups are red `group_security_group`
frames joined to their members by thin dashed red lines. Edges connect the node cells.

The XML is built with ElementTree, so attribute escaping is automatic; labels are
HTML-escaped too because the cells use `html=1` (for word wrap), so a label is always
shown as the text it is and never as markup.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from designer.catalogue import find_kind
from designer.exporters import ExportError, ExportResult, exporter
from designer.model import Design, Edge, Node

FILE_NAME = "diagram.drawio"
NODE_PREFIX = "node:"
EDGE_PREFIX = "edge:"
MEMBER_PREFIX = "sg-member:"
ICON_SIZE = 48.0
ICON_TOP = 4.0

# Characters XML 1.0 cannot hold (and lone surrogates, which UTF-8 cannot encode).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# The common part of draw.io's AWS group styles (Sidebar-AWS4.js, "AWS / Groups").
GROUP_BASE = (
    "points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],[0.75,1],"
    "[0.5,1],[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];outlineConnect=0;gradientColor=none;"
    "html=1;whiteSpace=wrap;fontSize=12;fontStyle=0;container=1;pointerEvents=0;collapsible=0;"
    "recursiveResize=0;shape=mxgraph.aws4.group;verticalAlign=top;align=left;spacingLeft=30;"
)
# The common part of draw.io's AWS resource icon styles (one fill colour per category).
ICON_BASE = (
    "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=none;dashed=0;"
    "verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;whiteSpace=wrap;"
    "fontSize=12;fontStyle=0;aspect=fixed;pointerEvents=1;"
)
# Service tiles (`resourceIcon`) have a white glyph on a coloured square.
TILE_BASE = (
    "sketch=0;outlineConnect=0;fontColor=#232F3E;strokeColor=#ffffff;dashed=0;"
    "verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;whiteSpace=wrap;"
    "fontSize=12;fontStyle=0;aspect=fixed;shape=mxgraph.aws4.resourceIcon;"
)

NETWORK, COMPUTE, STORAGE, DATABASE, SECURITY, GENERAL = (
    "#8C4FFF", "#ED7100", "#7AA116", "#C925D1", "#DD344C", "#232F3D",
)
# kind -> (draw.io AWS4 shape name, fill colour, is a service tile).
RESOURCE_SHAPES: dict[str, tuple[str, str, bool]] = {
    "internet": ("users", GENERAL, False),
    "on_premises": ("corporate_data_center", GENERAL, False),
    "internet_gateway": ("internet_gateway", NETWORK, False),
    "nat_gateway": ("nat_gateway", NETWORK, False),
    "elastic_ip": ("elastic_ip_address", COMPUTE, False),
    "vpc_endpoint": ("endpoints", NETWORK, False),
    "vpn_gateway": ("vpn_gateway", NETWORK, False),
    "customer_gateway": ("customer_gateway", NETWORK, False),
    "route53_zone": ("hosted_zone", NETWORK, False),
    "route53_record": ("route_53", NETWORK, True),
    "cloudfront": ("cloudfront", NETWORK, True),
    "network_acl": ("network_access_control_list", NETWORK, False),
    "ec2": ("instance2", COMPUTE, False),
    "auto_scaling_group": ("auto_scaling2", COMPUTE, False),
    "ebs_volume": ("volume", STORAGE, False),
    "s3_bucket": ("bucket", STORAGE, False),
    "glacier_vault": ("vault", STORAGE, False),
    "rds": ("rds_instance", DATABASE, False),
}
LOAD_BALANCER_SHAPES = {
    "alb": "application_load_balancer",
    "nlb": "network_load_balancer",
    "clb": "classic_load_balancer",
}
# kind -> (grIcon, stroke, font colour, dashed): the AWS group conventions.
GROUPS: dict[str, tuple[str, str, str, bool]] = {
    "region": ("group_region", "#00A4A6", "#147EBA", True),
    "vpc": ("group_vpc2", "#8C4FFF", "#8C4FFF", False),
    "availability_zone": ("group_availability_zone", "#147EBA", "#147EBA", True),
    "security_group": ("group_security_group", "#DD344C", "#DD344C", False),
    "on_premises": ("group_corporate_data_center", "#7D8998", "#5A6C86", False),
}
EDGE_BASE = "edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endFill=1;fontSize=11;labelBackgroundColor=#FFFFFF;"
EDGE_STYLES: dict[str, str] = {
    "traffic": "strokeColor=#232F3E;endArrow=block;",
    "route": "strokeColor=#147EBA;dashed=1;endArrow=block;",
    "attach": "strokeColor=#7D8998;dashed=1;dashPattern=1 3;endArrow=none;",
    "dns": "strokeColor=#8C4FFF;dashed=1;endArrow=block;",
    "origin": "strokeColor=#ED7100;endArrow=block;",
    "peering": "strokeColor=#8C4FFF;strokeWidth=2;startArrow=block;endArrow=block;startFill=1;",
    "vpn": "strokeColor=#DD344C;dashed=1;startArrow=block;endArrow=block;startFill=1;",
    "replication": "strokeColor=#7AA116;dashed=1;endArrow=block;",
}
MEMBER_STYLE = "endArrow=none;html=1;strokeColor=#DD344C;dashed=1;dashPattern=2 4;strokeWidth=1;opacity=70;"


def _xml_text(value: str) -> str:
    """Drop what XML cannot hold (shown as U+FFFD) and normalise line breaks."""
    return _NOT_XML.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def html_label(value: str) -> str:
    """A label as draw.io's html=1 value: escaped text, line breaks as <br>."""
    return html.escape(_xml_text(value), quote=False).replace("\n", "<br>")


def label_of_value(value: str) -> str:
    """The text a user sees for an html=1 value (the inverse of `html_label`)."""
    return html.unescape(value.replace("<br>", "\n"))


def _display_label(node: Node, lang: str) -> str:
    if node.label:
        return node.label
    spec = find_kind(node.kind)
    return spec.label(lang) if spec else node.kind


def _fmt(value: float) -> str:
    """Numbers as draw.io writes them: integers without a trailing .0."""
    return str(int(value)) if float(value).is_integer() else repr(round(float(value), 3))


def group_style(node: Node) -> str:
    """The draw.io style of a node drawn as an AWS group frame."""
    if node.kind == "subnet":
        spec = find_kind("subnet")
        colours = spec.style if spec else {}
        public = node.props.get("public") is True
        prefix = "public_" if public else ""
        stroke = colours.get(prefix + "stroke", "#147EBA")
        fill = colours.get(prefix + "fill", "#E6F2F8")
        font = colours.get(prefix + "text", stroke)
        # draw.io's public/private subnet groups: the padlock icon, no border, a tinted fill.
        return (GROUP_BASE + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
                f"strokeColor={stroke};fillColor={fill};fontColor={font};dashed=0;")
    if node.kind in GROUPS:
        icon, stroke, font, dashed = GROUPS[node.kind]
        gricon = f"mxgraph.aws4.{icon}"
    else:
        # Any other node that holds nodes: a group with its own icon at the corner.
        shape, stroke, _tile = RESOURCE_SHAPES.get(node.kind, ("general", GENERAL, False))
        gricon, font, dashed = f"mxgraph.aws4.{shape}", stroke, False
    return (GROUP_BASE + f"grIcon={gricon};strokeColor={stroke};fillColor=none;"
            f"fontColor={font};dashed={int(dashed)};")


def icon_style(node: Node) -> str:
    """The draw.io style of a resource drawn as an AWS icon."""
    if node.kind == "load_balancer":
        shape = LOAD_BALANCER_SHAPES.get(str(node.props.get("lb_type", "alb")), "application_load_balancer")
        return ICON_BASE + f"fillColor={NETWORK};shape=mxgraph.aws4.{shape};"
    if node.kind in RESOURCE_SHAPES:
        shape, fill, tile = RESOURCE_SHAPES[node.kind]
        if tile:
            return TILE_BASE + f"fillColor={fill};resIcon=mxgraph.aws4.{shape};"
        return ICON_BASE + f"fillColor={fill};shape=mxgraph.aws4.{shape};"
    return TILE_BASE + f"fillColor={GENERAL};resIcon=mxgraph.aws4.general;"


def is_group(design: Design, node: Node) -> bool:
    """Drawn as a group frame: the four containers, security groups, and nodes with children."""
    spec = find_kind(node.kind)
    return bool(spec and spec.container) or node.kind == "security_group" or bool(design.child_ids(node.id))


def _geometry(cell: ET.Element, x: float, y: float, w: float, h: float) -> None:
    ET.SubElement(cell, "mxGeometry", {
        "x": _fmt(x), "y": _fmt(y), "width": _fmt(w), "height": _fmt(h), "as": "geometry",
    })


def _rect(node: Node) -> tuple[float, float, float, float]:
    if not node.has_geometry:
        raise ExportError(f'node "{node.id}" has no geometry; lay the design out first')
    return float(node.x), float(node.y), float(node.w), float(node.h)  # type: ignore[arg-type]


def _node_cell(root: ET.Element, design: Design, node: Node, lang: str) -> None:
    parent = NODE_PREFIX + node.parent if node.parent is not None else "1"
    x, y, w, h = _rect(node)
    group = is_group(design, node)
    # An icon's label wraps at its box's width, not at the narrower icon's.
    style = group_style(node) if group else icon_style(node) + f"labelWidth={_fmt(w)};"
    cell = ET.SubElement(root, "mxCell", {
        "id": NODE_PREFIX + node.id,
        "value": html_label(_display_label(node, lang)),
        "style": style,
        "vertex": "1",
        "parent": parent,
    })
    if group:
        _geometry(cell, x, y, w, h)
        return
    # An icon keeps its box's centre line and top; the label hangs below it, as on the canvas.
    size = max(1.0, min(ICON_SIZE, w, h))
    _geometry(cell, x + (w - size) / 2, y + min(ICON_TOP, max(0.0, h - size)), size, size)


def _edge_cell(root: ET.Element, cell_id: str, style: str, source: str, target: str,
               label: str = "") -> None:
    cell = ET.SubElement(root, "mxCell", {
        "id": cell_id,
        "value": html_label(label),
        "style": style,
        "edge": "1",
        "parent": "1",
        "source": NODE_PREFIX + source,
        "target": NODE_PREFIX + target,
    })
    ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})


def _edge_label(edge: Edge) -> str:
    if edge.label:
        return edge.label
    destination = edge.props.get("destination")
    return destination if edge.kind == "route" and isinstance(destination, str) else ""


def _memberships(design: Design) -> Iterable[tuple[str, str]]:
    """(security group id, member id) for every member naming an existing security group."""
    for node in design.nodes:
        groups = node.props.get("security_groups")
        if not isinstance(groups, list):
            continue
        seen: set[str] = set()
        for group in groups:
            if not isinstance(group, str) or group in seen:
                continue
            seen.add(group)
            target = design.get_node(group)
            if target is not None and target.kind == "security_group":
                yield group, node.id


def _ordered(design: Design) -> list[Node]:
    """Parents before children (draw.io needs a parent cell before its children)."""
    out: list[Node] = []
    for root in design.roots():
        out.append(root)
        out.extend(design.descendants(root.id))
    return out


def _page_size(design: Design) -> tuple[float, float]:
    right = bottom = 0.0
    for node in design.roots():
        x, y, w, h = _rect(node)
        right, bottom = max(right, x + w), max(bottom, y + h)
    return max(850.0, right + 40), max(1100.0, bottom + 40)


def render_drawio(design: Design, *, lang: str = "en", sg_links: bool = True) -> str:
    """The design as draw.io XML text (deterministic for a given design)."""
    page_w, page_h = _page_size(design)
    mxfile = ET.Element("mxfile", {"host": "aws-architecture-designer", "type": "device"})
    diagram = ET.SubElement(mxfile, "diagram", {"id": "aws-architecture", "name": _xml_text(design.title)})
    model = ET.SubElement(diagram, "mxGraphModel", {
        "dx": "1200", "dy": "800", "grid": "1", "gridSize": "10", "guides": "1",
        "tooltips": "1", "connect": "1", "arrows": "1", "fold": "1", "page": "1",
        "pageScale": "1", "pageWidth": _fmt(page_w), "pageHeight": _fmt(page_h),
        "math": "0", "shadow": "0",
    })
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", {"id": "0"})
    ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})
    for node in _ordered(design):
        _node_cell(root, design, node, lang)
    for edge in design.edges:
        style = EDGE_BASE + EDGE_STYLES.get(edge.kind, EDGE_STYLES["traffic"])
        _edge_cell(root, EDGE_PREFIX + edge.id, style, edge.source, edge.target, _edge_label(edge))
    if sg_links:
        for group, member in _memberships(design):
            _edge_cell(root, f"{MEMBER_PREFIX}{group}:{member}", MEMBER_STYLE, group, member)
    ET.indent(mxfile, space="  ")
    return ET.tostring(mxfile, encoding="unicode") + "\n"


@exporter("drawio", "draw.io", ".drawio")
def export_drawio(design: Design, *, lang: str = "en", sg_links: bool = True,
                  **_options: object) -> ExportResult:
    """The design as an uncompressed .drawio file (mxfile XML) that draw.io opens for editing."""
    return ExportResult(files={FILE_NAME: render_drawio(design, lang=lang, sg_links=sg_links)})
