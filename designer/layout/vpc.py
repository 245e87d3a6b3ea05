"""A VPC's Availability Zones as equal columns whose subnets line up in rows.

Rows are tiers: public subnets first, then private ones in each AZ's order; subnets that
one resource spans (a load balancer's, an Auto Scaling group's, a DB subnet group's) share
a row even when another AZ has fewer subnets (the lone "DB C" lines up with "DB A", not
with "App A"). A resource of the VPC that spans subnets in two or more AZs stands in the
gutter between those AZs, at the height of its row, as AWS diagrams draw a load balancer
between its public subnets and an Auto Scaling group across its app subnets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from designer.layout.constants import (
    EMPTY_CONTAINER,
    GAP,
    GUTTER_MARGIN,
    HEADER,
    LANE_GAP,
    PAD,
    ROW_GAP,
)
from designer.layout.text import frame_header_width

if TYPE_CHECKING:  # the pass uses this module; only type checking looks back
    from designer.layout.engine import LayoutPass

SUBNET_GAP = 24.0  # between subnets in an AZ column
STACK_PAD = 12.0  # above and below a gutter stack in its row


@dataclass
class AzGrid:
    """What the grid took: its size (from the VPC's left padding) and the resources it
    placed in gutters (y relative to the top of the AZ frames)."""

    width: float
    height: float
    gutter_items: list[str] = field(default_factory=list)


@dataclass
class _Row:
    cells: list[str | None]
    tier: str | None
    public: bool


def _is_public(p: LayoutPass, subnet: str) -> bool:
    return p.g.nodes[subnet].props.get("public") is True


def match_rows(p: LayoutPass, columns: list[list[str]]) -> list[list[str | None]]:
    """Align the AZ columns' subnets into rows (see the module docstring)."""
    rows: list[_Row] = []
    n = len(columns)
    for c, sequence in enumerate(columns):
        pos = -1
        for k, subnet in enumerate(sequence):
            tier = p.g.tier.get(subnet)
            public = _is_public(p, subnet)
            later = {p.g.tier.get(s) for s in sequence[k + 1:]} - {None}
            found = None
            if tier is not None:
                found = next((r for r in range(pos + 1, len(rows))
                              if rows[r].tier == tier and rows[r].cells[c] is None), None)
            if found is None:
                found = next((r for r in range(pos + 1, len(rows))
                              if rows[r].cells[c] is None and rows[r].public == public
                              and (rows[r].tier is None or (tier is None and rows[r].tier not in later))),
                             None)
            if found is None:
                found = pos + 1
                rows.insert(found, _Row([None] * n, tier, public))
            rows[found].cells[c] = subnet
            if rows[found].tier is None:
                rows[found].tier = tier
            pos = found
    return [row.cells for row in rows]


def az_grid(p: LayoutPass, vpc: str, azs: list[str], items: list[str]) -> AzGrid:
    """Place `azs` (at y 0, from the VPC's left padding) with their subnets in rows, and the
    resources among `items` that span AZs in the gutters."""
    if not azs:
        return AzGrid(0.0, 0.0)
    g = p.g
    columns = [sorted((c for c in g.children.get(az, ()) if g.kind(c) == "subnet"),
                      key=lambda s: 0 if _is_public(p, s) else 1) for az in azs]
    rows = match_rows(p, columns)
    cell_of = {s: (c, r) for r, row in enumerate(rows) for c, s in enumerate(row) if s is not None}

    # Resources spanning subnets of two or more AZs go to a gutter of their row.
    stacks: dict[tuple[int, int], list[str]] = {}
    for item in items:
        refs = g.nodes[item].props.get("subnets")
        if len(azs) < 2 or not isinstance(refs, list):
            continue
        cells = [cell_of[s] for s in refs if isinstance(s, str) and s in cell_of]
        cols = sorted({c for c, _ in cells})
        if len(cols) < 2:
            continue
        row = min(r for _, r in cells)
        gutter = min(int((cols[0] + cols[-1]) / 2), len(azs) - 2)
        stacks.setdefault((row, gutter), []).append(item)

    # Column width: the widest subnet, AZ-level extras or AZ header; all AZs alike.
    extras = {az: [c for c in g.children.get(az, ()) if g.kind(c) != "subnet"] for az in azs}
    extra_size: dict[str, tuple[float, float]] = {}
    for az in azs:
        ids = p.ordered_by_hints(extras[az])
        if ids:
            right, bottom = p.place_grid(ids, PAD, 0.0, p._grid_columns(len(ids)), None)
            extra_size[az] = (right + PAD, bottom)
    width = max([p.size[s][0] + 2 * PAD for s in cell_of] + [w for w, _ in extra_size.values()]
                + [frame_header_width(g.nodes[az]) for az in azs] + [EMPTY_CONTAINER["availability_zone"][0]])
    row_h = [max((p.size[s][1] for s in row if s is not None), default=0.0) for row in rows]
    gutter_w = [LANE_GAP] * (len(azs) - 1)
    stack_h: dict[tuple[int, int], float] = {}
    for (row, gutter), ids in stacks.items():
        feet = [p.item(i) for i in ids]
        stack_h[(row, gutter)] = sum(it.foot.bottom for it in feet) + ROW_GAP * (len(feet) - 1)
        row_h[row] = max(row_h[row], stack_h[(row, gutter)] + 2 * STACK_PAD)
        gutter_w[gutter] = max(gutter_w[gutter],
                               max(max(it.foot.half, it.w / 2 + GAP / 2) for it in feet) * 2 + 2 * GUTTER_MARGIN)

    row_top: list[float] = []
    y = HEADER
    for h in row_h:
        row_top.append(y)
        y += h + SUBNET_GAP
    rows_bottom = y - SUBNET_GAP if rows else HEADER
    extras_h = max((h for _, h in extra_size.values()), default=0.0)
    extras_top = rows_bottom + (SUBNET_GAP if rows else 0.0)
    height = max(extras_top + extras_h + PAD if extra_size else rows_bottom + PAD,
                 EMPTY_CONTAINER["availability_zone"][1])

    x = PAD
    az_x: list[float] = []
    for k, az in enumerate(azs):
        az_x.append(x)
        p.size[az] = (width, height)
        p.rel[az] = (x, 0.0, width, height)
        for r, row in enumerate(rows):
            subnet = row[k]
            if subnet is not None:
                p.stretch(subnet, width - 2 * PAD, row_h[r])
                p.rel[subnet] = (PAD, row_top[r], width - 2 * PAD, row_h[r])
        if az in extra_size:
            for child in extras[az]:
                cx, cy, cw, ch = p.rel[child]
                p.rel[child] = (cx + round((width - extra_size[az][0]) / 2), cy + extras_top, cw, ch)
        x += width + (gutter_w[k] if k < len(gutter_w) else 0.0)

    placed: list[str] = []
    for (row, gutter), ids in sorted(stacks.items()):
        centre = az_x[gutter] + width + gutter_w[gutter] / 2
        top = row_top[row] + (row_h[row] - stack_h[(row, gutter)]) / 2
        for item_id in ids:
            it = p.item(item_id)
            p.rel[item_id] = (round(centre - it.w / 2), round(top), it.w, it.h)
            top += it.foot.bottom + ROW_GAP
            placed.append(item_id)
    return AzGrid(x - PAD, height, placed)
