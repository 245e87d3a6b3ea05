"""The draw.io exporter: the XML parses and nests, shapes are draw.io's AWS shapes, edges connect."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from designer.exporters import export
from designer.exporters.drawio import (
    EDGE_PREFIX,
    MEMBER_PREFIX,
    NODE_PREFIX,
    RESOURCE_SHAPES,
    label_of_value,
    render_drawio,
)
from designer.model import Design, Node
from designer.storage import load_design
from tests.conftest import SAMPLE_FILES, SAMPLES_DIR

GOLDEN = Path(__file__).parent / "golden" / "three-tier.drawio"
# Stencil names checked against draw.io's own stencils/aws4.xml (and the AWS4 sidebar);
# a typo in a mapping would draw an empty box in draw.io.
DRAWIO_AWS4_STENCILS = frozenset({
    "group_region", "group_vpc2", "group_availability_zone", "group_security_group",
    "group_corporate_data_center", "hosted_zone", "users", "corporate_data_center",
    "internet_gateway", "nat_gateway", "elastic_ip_address", "endpoints", "vpn_gateway",
    "customer_gateway", "route_53", "cloudfront", "network_access_control_list", "instance2",
    "auto_scaling2", "volume", "bucket", "vault", "rds_instance", "application_load_balancer",
    "network_load_balancer", "classic_load_balancer", "general",
})


def parse(text: str) -> dict[str, ET.Element]:
    """The cells of a .drawio file by id, after checking the mxfile envelope."""
    mxfile = ET.fromstring(text)
    assert mxfile.tag == "mxfile"
    root = mxfile.find("./diagram/mxGraphModel/root")
    assert root is not None
    cells = {cell.get("id"): cell for cell in root.findall("mxCell")}
    assert len(cells) == len(root.findall("mxCell")), "cell ids must be unique"
    assert cells["0"].get("parent") is None and cells["1"].get("parent") == "0"
    return cells


def style_of(cell: ET.Element) -> dict[str, str]:
    parts = [p for p in (cell.get("style") or "").split(";") if p]
    return dict(p.split("=", 1) if "=" in p else (p, "") for p in parts)


def geometry(cell: ET.Element) -> tuple[float, float, float, float]:
    g = cell.find("mxGeometry")
    assert g is not None
    return tuple(float(g.get(k, 0)) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


def _drawio(sample: Path) -> tuple[Design, dict[str, ET.Element]]:
    design = load_design(sample)
    return design, parse(export(design, "drawio").single)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_node_is_one_vertex_nested_like_the_design(sample: Path):
    design, cells = _drawio(sample)
    vertices = {cid for cid, c in cells.items() if c.get("vertex") == "1"}
    assert vertices == {NODE_PREFIX + n.id for n in design.nodes}
    position = list(cells)
    for node in design.nodes:
        cell = cells[NODE_PREFIX + node.id]
        parent = NODE_PREFIX + node.parent if node.parent else "1"
        assert cell.get("parent") == parent
        assert position.index(parent) < position.index(NODE_PREFIX + node.id), "parents come first"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_edges_connect_the_right_cells(sample: Path):
    design, cells = _drawio(sample)
    for edge in design.edges:
        cell = cells[EDGE_PREFIX + edge.id]
        assert cell.get("edge") == "1"
        assert cell.get("source") == NODE_PREFIX + edge.source
        assert cell.get("target") == NODE_PREFIX + edge.target
    for cid, cell in cells.items():
        if cell.get("edge") == "1":
            assert cell.get("source") in cells and cell.get("target") in cells, cid


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_groups_keep_geometry_and_icons_stay_in_their_box(sample: Path):
    design, cells = _drawio(sample)
    for node in design.nodes:
        cell = cells[NODE_PREFIX + node.id]
        x, y, w, h = geometry(cell)
        if style_of(cell).get("shape") == "mxgraph.aws4.group":
            assert (x, y, w, h) == (node.x, node.y, node.w, node.h), node.id
            assert style_of(cell).get("container") == "1"
        else:
            assert node.x <= x and x + w <= node.x + node.w, node.id
            assert node.y <= y and y + h <= node.y + node.h, node.id
            assert abs((x + w / 2) - (node.x + node.w / 2)) < 0.01, "icon centred on its box"


def test_aws_group_shapes_for_every_container_kind():
    design, cells = _drawio(SAMPLES_DIR / "three-tier.awsd.json")
    expected = {
        "seoul": ("mxgraph.aws4.group_region", "#00A4A6", "1"),
        "vpc": ("mxgraph.aws4.group_vpc2", "#8C4FFF", "0"),
        "az-a": ("mxgraph.aws4.group_availability_zone", "#147EBA", "1"),
        "pub-a": ("mxgraph.aws4.group_security_group", "#7AA116", "0"),
        "app-a": ("mxgraph.aws4.group_security_group", "#147EBA", "0"),
        "sg-web": ("mxgraph.aws4.group_security_group", "#DD344C", "0"),
        "zone": ("mxgraph.aws4.hosted_zone", "#8C4FFF", "0"),
    }
    for node_id, (gricon, stroke, dashed) in expected.items():
        style = style_of(cells[NODE_PREFIX + node_id])
        assert style["shape"] == "mxgraph.aws4.group", node_id
        assert (style["grIcon"], style["strokeColor"], style["dashed"]) == (gricon, stroke, dashed), node_id
    assert style_of(cells[NODE_PREFIX + "pub-a"])["fillColor"] == "#F2F6E8"
    assert style_of(cells[NODE_PREFIX + "app-a"])["fillColor"] == "#E6F2F8"


def test_resources_are_aws4_shapes():
    design, cells = _drawio(SAMPLES_DIR / "three-tier.awsd.json")
    assert style_of(cells[NODE_PREFIX + "alb"])["shape"] == "mxgraph.aws4.application_load_balancer"
    assert style_of(cells[NODE_PREFIX + "db"])["shape"] == "mxgraph.aws4.rds_instance"
    assert style_of(cells[NODE_PREFIX + "www"])["resIcon"] == "mxgraph.aws4.route_53"
    for node in design.nodes:
        style = style_of(cells[NODE_PREFIX + node.id])
        shape = style.get("grIcon") or style.get("resIcon") or style["shape"]
        assert shape.removeprefix("mxgraph.aws4.") in DRAWIO_AWS4_STENCILS, (node.id, shape)


def test_every_mapped_shape_is_a_known_draw_io_stencil():
    for kind, (shape, _fill, _tile) in RESOURCE_SHAPES.items():
        assert shape in DRAWIO_AWS4_STENCILS, kind


def test_security_groups_are_linked_to_their_members():
    design, cells = _drawio(SAMPLES_DIR / "classroom-mistakes.awsd.json")
    links = {(c.get("source"), c.get("target")) for cid, c in cells.items() if cid.startswith(MEMBER_PREFIX)}
    expected = {
        (NODE_PREFIX + group, NODE_PREFIX + node.id)
        for node in design.nodes
        for group in node.props.get("security_groups", [])
    }
    assert links == expected and len(links) == 4


def test_labels_are_text_never_markup():
    hostile = 'a </mxCell><mxCell id="x"> & <b>bold</b>\n"quoted" ${x} \\ 서울'
    design = Design(title="t", nodes=[Node(id="n", kind="ec2", label=hostile, x=0, y=0, w=96, h=84)])
    cells = parse(render_drawio(design))
    assert set(cells) == {"0", "1", NODE_PREFIX + "n"}
    value = cells[NODE_PREFIX + "n"].get("value")
    assert "<b>" not in value and label_of_value(value) == hostile


def test_characters_xml_cannot_hold_are_replaced():
    design = Design(title="bell\x07", nodes=[Node(id="n", kind="ec2", label="a\x00b\x1bc", x=0, y=0, w=96, h=84)])
    cells = parse(render_drawio(design))
    assert label_of_value(cells[NODE_PREFIX + "n"].get("value")) == "a\ufffdb\ufffdc"


def test_drawio_matches_the_golden_file():
    text = export(load_design(SAMPLES_DIR / "three-tier.awsd.json"), "drawio").single
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "regenerate with UPDATE_GOLDEN=1 if intended"
