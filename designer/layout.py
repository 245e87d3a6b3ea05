"""Deterministic automatic layout (Qt-free), as a person would draw the design.

Regions side by side; in a VPC the Availability Zones as columns with public subnets
above private ones; VPC-level resources (gateways, load balancers, groups) in a band at
the top of the VPC; resources on a grid inside their subnet; outside nodes (internet,
on-premises, DNS, CDN) in a column on the left. Containers are sized to hold their children.
"""

from __future__ import annotations

import math

from designer.catalogue import find_kind
from designer.model import Design, Node

HEADER = 44.0  # room for a frame's icon and label
PAD = 24.0
GAP = 28.0
GRID_COLUMNS = 4
EMPTY_CONTAINER = {
    "region": (480.0, 320.0),
    "vpc": (440.0, 280.0),
    "availability_zone": (300.0, 240.0),
    "subnet": (260.0, 150.0),
}
Geometry = tuple[float, float, float, float]


def default_size(kind: str) -> tuple[float, float]:
    spec = find_kind(kind)
    return spec.default_size if spec else (96.0, 84.0)


def _sort_key(design: Design, node: Node) -> tuple[int, int]:
    order = {"internet": 0, "on_premises": 1, "customer_gateway": 2, "route53_zone": 3, "cloudfront": 4}
    return (order.get(node.kind, 9), design.index_of_node(node.id))


def compute_layout(design: Design) -> dict[str, Geometry]:
    """Geometry for every node (relative to its parent), deterministic for a given design."""
    result: dict[str, Geometry] = {}
    sizes: dict[str, tuple[float, float]] = {}

    def size_of(node: Node) -> tuple[float, float]:
        if node.id in sizes:
            return sizes[node.id]
        children = design.children(node.id)
        if not children:
            size = EMPTY_CONTAINER.get(node.kind, default_size(node.kind))
            if node.kind == "route53_zone":
                size = default_size(node.kind)
        else:
            size = _arrange(node, children)
        sizes[node.id] = size
        return size

    def place_grid(nodes: list[Node], x0: float, y0: float, columns: int) -> tuple[float, float]:
        """Place nodes in rows of `columns`; returns the bottom-right corner used."""
        if not nodes:
            return (x0, y0)
        columns = max(1, columns)
        cell_w = max(size_of(n)[0] for n in nodes)
        x, y, row_h, right = x0, y0, 0.0, x0
        for i, node in enumerate(nodes):
            if i and i % columns == 0:
                x, y, row_h = x0, y + row_h + GAP, 0.0
            w, h = size_of(node)
            result[node.id] = (x, y, w, h)
            right = max(right, x + w)
            row_h = max(row_h, h)
            x += cell_w + GAP
        return (right, y + row_h)

    def place_row(nodes: list[Node], x0: float, y0: float) -> tuple[float, float]:
        x, bottom = x0, y0
        for node in nodes:
            w, h = size_of(node)
            result[node.id] = (x, y0, w, h)
            x += w + GAP
            bottom = max(bottom, y0 + h)
        return (x - GAP if nodes else x0, bottom)

    def place_column(nodes: list[Node], x0: float, y0: float) -> tuple[float, float]:
        y, right = y0, x0
        for node in nodes:
            w, h = size_of(node)
            result[node.id] = (x0, y, w, h)
            y += h + GAP
            right = max(right, x0 + w)
        return (right, y - GAP if nodes else y0)

    def _arrange(node: Node, children: list[Node]) -> tuple[float, float]:
        x0, y0 = PAD, HEADER
        if node.kind in ("vpc", "region"):
            lanes_kind = "availability_zone" if node.kind == "vpc" else "vpc"
            lanes = [c for c in children if c.kind == lanes_kind]
            frames = [c for c in children if find_kind(c.kind) and find_kind(c.kind).container
                      and c.kind != lanes_kind]
            band = [c for c in children if c not in lanes and c not in frames]
            if node.kind == "region":
                # Regional services (S3, EIPs, Glacier) sit below the VPCs.
                right, bottom = place_row(lanes + frames, x0, y0)
                band_right, band_bottom = place_grid(band, x0, bottom + (GAP if lanes + frames else 0),
                                                     max(GRID_COLUMNS, len(band) // 2 or 1))
                return (max(right, band_right) + PAD, max(bottom, band_bottom) + PAD)
            band_right, band_bottom = place_grid(band, x0, y0, max(6, math.ceil(len(band) / 2)))
            start = band_bottom + GAP if band else y0
            right, bottom = place_row(lanes + frames, x0, start)
            if lanes + frames:
                # Equal-height AZ columns read as lanes.
                tallest = max(size_of(c)[1] for c in lanes + frames)
                for c in lanes:
                    x, y, w, _ = result[c.id]
                    result[c.id] = (x, y, w, tallest)
                    sizes[c.id] = (w, tallest)
            return (max(right, band_right) + PAD, max(bottom, band_bottom) + PAD)
        if node.kind == "availability_zone":
            subnets = sorted(
                (c for c in children if c.kind == "subnet"),
                key=lambda s: (0 if s.props.get("public") is True else 1, design.index_of_node(s.id)),
            )
            others = [c for c in children if c.kind != "subnet"]
            if subnets:
                width = max(size_of(s)[0] for s in subnets)
                for s in subnets:  # equal widths make the column tidy
                    sizes[s.id] = (width, size_of(s)[1])
            right, bottom = place_column(subnets, x0, y0)
            o_right, o_bottom = place_grid(others, x0, bottom + (GAP if subnets else 0), GRID_COLUMNS)
            return (max(right, o_right) + PAD, max(bottom, o_bottom) + PAD)
        # subnet, route53 zone, on-premises… : a grid
        columns = min(GRID_COLUMNS, max(2, math.ceil(math.sqrt(len(children)))))
        right, bottom = place_grid(children, x0, y0, columns)
        return (right + PAD, bottom + PAD)

    roots = sorted(design.roots(), key=lambda n: _sort_key(design, n))
    outside = [n for n in roots if n.kind != "region" and not (find_kind(n.kind) and find_kind(n.kind).container)]
    frames = [n for n in roots if n not in outside]
    left_right, _ = place_column(outside, 40.0, 40.0)
    place_row(frames, (left_right + 80.0) if outside else 40.0, 40.0)
    return result


def layout_missing_geometry(design: Design) -> bool:
    """Give every node without geometry its automatic layout; True when anything changed.

    Runs while a file is loaded (before anyone listens to the design), so it sets the
    fields directly; the next save writes them.
    """
    missing = [n for n in design.nodes if not n.has_geometry]
    if not missing:
        return False
    layout = compute_layout(design)
    for node in missing:
        x, y, w, h = layout[node.id]
        if node.x is None or node.y is None:
            node.x, node.y = round(x, 1), round(y, 1)
        if node.w is None or node.h is None:
            node.w, node.h = round(w, 1), round(h, 1)
    return True
