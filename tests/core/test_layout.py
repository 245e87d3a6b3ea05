"""The automatic layout: deterministic, tidy for any loadable design, and drawn the way a
person draws the samples' architectures (checked on the samples with geometry removed)."""

from __future__ import annotations

import json
import math
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.catalogue import KINDS
from designer.layout import compute_layout, layout_missing_geometry
from designer.layout.spread import clear_corridors, spread
from designer.layout.text import resource_footprint, text_width, wrap
from designer.model import CONTAINER_KINDS, Design, Edge, Node
from designer.storage import dumps, load_design, loads
from tests.conftest import SAMPLES_DIR

KIND_KEYS = [k.key for k in KINDS]


def bare(name: str) -> Design:
    """A sample with every coordinate removed: what the layout alone makes of it."""
    data = json.loads((SAMPLES_DIR / f"{name}.awsd.json").read_text(encoding="utf-8"))
    for node in data["nodes"]:
        for key in ("x", "y", "w", "h"):
            node.pop(key, None)
    return loads(json.dumps(data))


def absolute(design: Design, layout: dict) -> dict[str, tuple[float, float, float, float]]:
    """Scene rectangles from the layout's parent-relative ones."""
    out: dict[str, tuple[float, float, float, float]] = {}
    for node in design.nodes:  # parents come first in a loaded design
        x, y, w, h = layout[node.id]
        if node.parent is not None:
            px, py, _, _ = out[node.parent]
            x, y = x + px, y + py
        out[node.id] = (x, y, w, h)
    return out


def centre(rect: tuple[float, float, float, float]) -> tuple[float, float]:
    return (rect[0] + rect[2] / 2, rect[1] + rect[3] / 2)


def overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def segment_hits_rect(p, q, rect) -> bool:
    """Does the segment p→q pass through the rectangle (Liang-Barsky)?"""
    x, y, w, h = rect
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for a, b in ((-dx, p[0] - x), (dx, x + w - p[0]), (-dy, p[1] - y), (dy, y + h - p[1])):
        if a == 0:
            if b < 0:
                return False
            continue
        t = b / a
        if a < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def assert_tidy(design: Design, layout: dict) -> None:
    """Every node placed with finite numbers, inside its parent, clear of its siblings."""
    assert set(layout) == {n.id for n in design.nodes}
    children: dict[str | None, list[str]] = {}
    for node in design.nodes:
        rect = layout[node.id]
        assert all(math.isfinite(v) for v in rect) and rect[2] > 0 and rect[3] > 0, (node.id, rect)
        children.setdefault(node.parent, []).append(node.id)
        if node.parent is not None:
            x, y, w, h = rect
            _, _, pw, ph = layout[node.parent]
            assert x >= 0 and y >= 0 and x + w <= pw + 1e-6 and y + h <= ph + 1e-6, (node.id, rect, pw, ph)
    for ids in children.values():
        rects = sorted((layout[i], i) for i in ids)
        for k, (a, ia) in enumerate(rects):
            for b, ib in rects[k + 1:]:
                if b[0] >= a[0] + a[2]:
                    break
                assert not overlaps(a, b), (ia, a, ib, b)


# ------------------------------------------------------------------ determinism, any design
def test_same_design_same_layout():
    first, second = bare("three-tier"), bare("three-tier")
    assert compute_layout(first) == compute_layout(second)
    layout_missing_geometry(first)
    layout_missing_geometry(second)
    assert dumps(first) == dumps(second)


@pytest.mark.parametrize("name", ["three-tier", "hybrid-vpn", "vpc-peering", "static-website",
                                  "classroom-mistakes"])
def test_samples_lay_out_tidily(name):
    design = bare(name)
    assert_tidy(design, compute_layout(design))


labels = st.text(alphabet=string.ascii_letters + " /-가나다라서브넷보안그룹", max_size=40)


@st.composite
def designs(draw) -> Design:
    """Any loadable design: random kinds nested anyhow, random edges and prop references."""
    n = draw(st.integers(1, 40))
    nodes: list[Node] = []
    for i in range(n):
        kind = draw(st.sampled_from(KIND_KEYS))
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        props = {}
        if draw(st.booleans()):
            props["public"] = draw(st.booleans())
        if i and draw(st.integers(0, 4)) == 0:
            props["subnets"] = [f"n{draw(st.integers(0, n - 1))}" for _ in range(draw(st.integers(0, 3)))]
        if i and draw(st.integers(0, 4)) == 0:
            props["security_groups"] = [f"n{draw(st.integers(0, n - 1))}"]
        label = draw(st.none() | labels)
        nodes.append(Node(id=f"n{i}", kind=kind, parent=None if parent is None else f"n{parent}",
                          label=label, props=props))
    edges = []
    for j in range(draw(st.integers(0, 30))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        edges.append(Edge(id=f"e{j}", kind=draw(st.sampled_from(["traffic", "route", "attach", "dns"])),
                          source=f"n{a}", target=f"n{b}"))
    return Design(nodes=nodes, edges=edges)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(designs())
def test_any_design_lays_out_tidily_and_deterministically(design):
    layout = compute_layout(design)
    assert_tidy(design, layout)
    assert compute_layout(Design(nodes=[n.model_copy(deep=True) for n in design.nodes],
                                 edges=list(design.edges))) == layout


def test_deep_nesting_does_not_hit_the_recursion_limit():
    nodes = [Node(id="n0", kind="region")]
    nodes += [Node(id=f"n{i}", kind="subnet", parent=f"n{i - 1}") for i in range(1, 1500)]
    design = Design(nodes=nodes)
    assert_tidy(design, compute_layout(design))


def test_a_file_with_some_geometry_keeps_it():
    design = bare("hybrid-vpn")
    design.node("vpc").x, design.node("vpc").y = 7, 9
    layout_missing_geometry(design)
    assert (design.node("vpc").x, design.node("vpc").y) == (7, 9)
    assert design.has_geometry()


# ------------------------------------------------------------------ drawn as a person would
def test_three_tier_reads_like_the_reference_drawing():
    design = bare("three-tier")
    rect = absolute(design, compute_layout(design))
    az_a, az_c = rect["az-a"], rect["az-c"]
    # AZs: equal columns side by side.
    assert az_a[1] == az_c[1] and az_a[2:] == az_c[2:] and az_a[0] + az_a[2] < az_c[0]
    # Subnets in rows across the AZs, public on top.
    for tier in ("pub", "app", "db"):
        assert rect[f"{tier}-a"][1] == rect[f"{tier}-c"][1]
    assert rect["pub-a"][1] < rect["app-a"][1] < rect["db-a"][1]
    # What spans the AZs stands between them, level with the subnets it spans.
    for node, row in (("alb", "pub-a"), ("asg", "app-a")):
        x, y = centre(rect[node])
        assert az_a[0] + az_a[2] < rect[node][0] and rect[node][0] + rect[node][2] < az_c[0]
        assert rect[row][1] < y < rect[row][1] + rect[row][3]
    # Each Elastic IP is above its NAT gateway's AZ column, outside the VPC.
    for eip, az in (("eip-a", az_a), ("eip-c", az_c)):
        x, _ = centre(rect[eip])
        assert az[0] < x < az[0] + az[2] and rect[eip][1] + rect[eip][3] < rect["vpc"][1]
    # Outside nodes above the Region; the users' line to the ALB touches no other resource.
    assert rect["users"][1] + rect["users"][3] < rect["seoul"][1]
    resources = [n.id for n in design.nodes if n.kind not in CONTAINER_KINDS and not design.children(n.id)]
    for edge in design.edges:
        p, q = centre(rect[edge.source]), centre(rect[edge.target])
        for other in resources:
            if other not in (edge.source, edge.target) and edge.kind == "traffic":
                assert not segment_hits_rect(p, q, rect[other]), (edge.id, other)


def test_static_website_users_line_clears_the_hosted_zone():
    design = bare("static-website")
    rect = absolute(design, compute_layout(design))
    line = (centre(rect["users"]), centre(rect["cdn"]))
    assert not segment_hits_rect(*line, rect["zone"])
    assert rect["cdn"][1] > rect["users"][1] and rect["site"][1] > rect["cdn"][1]  # traffic flows down


def test_a_lone_subnet_lines_up_with_its_tier():
    """The drill's empty "DB C" sits in the DB row, not beside "App A"."""
    path = SAMPLES_DIR / "drills" / "three-tier-single-az.awsd.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for node in data["nodes"]:
        for key in ("x", "y", "w", "h"):
            node.pop(key, None)
    design = loads(json.dumps(data))
    rect = absolute(design, compute_layout(design))
    assert rect["db-c"][1] == rect["db-a"][1]


def test_labels_of_neighbours_do_not_touch():
    """Long bilingual labels side by side keep a gap (estimated as the canvas wraps them)."""
    design = bare("three-tier")
    layout = compute_layout(design)
    rect = absolute(design, layout)
    by_parent: dict[str | None, list[Node]] = {}
    for node in design.nodes:
        if node.kind not in CONTAINER_KINDS and not design.children(node.id):
            by_parent.setdefault(node.parent, []).append(node)
    for siblings in by_parent.values():
        for k, a in enumerate(siblings):
            for b in siblings[k + 1:]:
                ra, rb = rect[a.id], rect[b.id]
                fa, fb = resource_footprint(a, ra[2], ra[3]), resource_footprint(b, rb[2], rb[3])
                box_a = (centre(ra)[0] - fa.half, ra[1], 2 * fa.half, fa.bottom)
                box_b = (centre(rb)[0] - fb.half, rb[1], 2 * fb.half, fb.bottom)
                assert not overlaps(box_a, box_b), (a.id, b.id)


def test_region_and_vpc_sizes_follow_their_content():
    design = bare("hybrid-vpn")
    layout = compute_layout(design)
    assert layout["tokyo"][2] >= layout["vpc"][0] + layout["vpc"][2]
    assert load_design(SAMPLES_DIR / "hybrid-vpn.awsd.json").has_geometry()


# ------------------------------------------------------------------ the pieces
def test_text_width_counts_hangul_wider():
    assert text_width("가나다라") > 1.6 * text_width("abcd")
    assert text_width("AZ", bold=True) > text_width("AZ")
    assert wrap("", 120, 3) == []
    assert len(wrap("웹 서버 Auto Scaling 그룹 / Web ASG", 120, 3)) == 2
    assert len(wrap("word " * 40, 120, 3)) == 3  # cut after three lines, as the canvas does


def test_spread_shares_a_wanted_spot_and_keeps_order():
    assert spread([100.0, 100.0], [50.0], 0.0) == [75.0, 125.0]
    assert spread([0.0, 500.0, 10.0], [50.0, 50.0], 20.0) == [20.0, 230.0, 280.0]
    placed = clear_corridors([100.0, 200.0], [30.0, 30.0], [100.0], [(100.0, 100.0)], 0.0)
    assert all(abs(c - 100.0) >= 40.0 for c in placed) and placed[1] - placed[0] >= 100.0


def test_detail_props_match_the_canvas():
    scene = pytest.importorskip("designer.gui.scene")
    from designer.layout.text import DETAIL_PROPS

    assert scene.DETAIL_PROPS == DETAIL_PROPS
