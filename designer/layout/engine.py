"""One layout pass: sizes every container bottom-up and places its children.

How each container is drawn (see the package docstring for the picture):
- the page: Regions (and other top-level frames) side by side; outside nodes (internet,
  on-premises, DNS, CDN) in rows above them, each row layered by the edges between
  them (users → CloudFront → the Region) and each node above what it connects to;
- a Region: its VPCs side by side, regional resources (Elastic IPs, buckets) in a band
  above or below the VPCs, whichever side their connections are on;
- a VPC: its Availability Zones as equal columns whose subnets line up in rows across
  the AZs (public rows first; subnets one resource spans share a row), resources that
  span subnets in two AZs (a load balancer, an Auto Scaling group) in the gutter between
  those AZs at the height of their row, gateways in a band at the top, endpoints and
  security groups (as one group) in a band at the bottom;
- a subnet (and any other frame): its resources on a grid, centred.
Within a band or grid, resources are ordered and placed by the barycentre of what they
connect to (known from the previous pass), and kept off the lines of other edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from designer.catalogue import find_kind
from designer.layout.constants import (
    BAND_GAP,
    EMPTY_CONTAINER,
    GAP,
    HEADER,
    LABEL_GAP,
    LANE_GAP,
    MAX_GRID_COLUMNS,
    PAD,
    ROW_GAP,
    Geometry,
)
from designer.layout.graph import LayoutGraph
from designer.layout.page import arrange_page
from designer.layout.spread import avoid_corridors, clear_corridors, spread
from designer.layout.text import (
    Footprint,
    edge_caption,
    frame_header_width,
    resource_footprint,
    text_width,
)
from designer.layout.vpc import az_grid

CAPTION_HALF_HEIGHT = 9.0  # half an edge caption's height
PASSING_EDGES_LIMIT = 300  # a subnet looks for lines over it only below this many
TOP_KINDS = frozenset({"internet_gateway", "vpn_gateway", "customer_gateway", "cloudfront", "route53_zone"})
GROUP_KINDS = frozenset({"security_group", "network_acl"})  # drawn together, at the band's end
# Where a regional resource goes when its connections are in the middle: the fraction
# of the frames' height above which it joins the top band.
TOP_THRESHOLD = {"elastic_ip": 0.75, "s3_bucket": 0.25, "glacier_vault": 0.25}


def default_size(kind: str) -> tuple[float, float]:
    """A node's size when nothing is inside it (a resource's icon box)."""
    spec = find_kind(kind)
    return spec.default_size if spec else (96.0, 84.0)


@dataclass
class Hints:
    """What the previous pass decided, for barycentres and corridors."""

    centre: dict[str, tuple[float, float]]  # absolute centres
    origin: dict[str | None, tuple[float, float]]  # absolute top-left corners (None: page)
    lanes_top: dict[str | None, float] = field(default_factory=dict)  # frames' y in a container
    size: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass
class _Item:
    """A resource (or a frame used as a cell) about to be placed in a row or grid."""

    id: str
    w: float
    h: float
    foot: Footprint


class LayoutPass:
    """Sizes and places every node once; `run()` returns geometry relative to parents."""

    def __init__(self, graph: LayoutGraph, hints: Hints | None) -> None:
        self.g = graph
        self.hints = hints
        self.rel: dict[str, Geometry] = {}
        self.size: dict[str, tuple[float, float]] = {}
        self.lanes_top: dict[str | None, float] = {}
        self._items: dict = graph.memo.setdefault("items", {})  # sizes repeat from pass to pass

    # ------------------------------------------------------------------ driver
    def run(self) -> dict[str, Geometry]:
        g = self.g
        leaf_size = g.memo.setdefault("leaf_size", {})  # a childless node's size never changes
        size = self.size
        for node_id in g.post_order:
            if node_id in g.children:
                size[node_id] = self._arrange(node_id)
                continue
            known = leaf_size.get(node_id)
            if known is None:
                kind = g.nodes[node_id].kind
                if kind in EMPTY_CONTAINER:
                    w, h = EMPTY_CONTAINER[kind]
                    known = (max(w, frame_header_width(g.nodes[node_id])), h)
                else:
                    known = default_size(kind)
                leaf_size[node_id] = known
            size[node_id] = known
        self._arrange_page()
        return self.rel

    def _arrange(self, node_id: str) -> tuple[float, float]:
        kind = self.g.kind(node_id)
        if kind == "vpc":
            return self._arrange_vpc(node_id)
        if kind == "region":
            return self._arrange_region(node_id)
        if kind == "availability_zone":
            return self._arrange_az(node_id)
        return self._arrange_grid(node_id)

    # ------------------------------------------------------------------ measuring
    def item(self, node_id: str) -> _Item:
        """The node with its size and drawn extent (memoised for all passes)."""
        w, h = self.size[node_id]
        key = (node_id, w, h)
        item = self._items.get(key)
        if item is None:
            if self.g.is_frame(node_id):
                foot = Footprint(half=w / 2, bottom=h)
            else:
                foot = resource_footprint(self.g.nodes[node_id], w, h)
            item = self._items[key] = _Item(node_id, w, h, foot)
        return item

    @staticmethod
    def sep(a: _Item, b: _Item) -> float:
        """The least distance between the centres of two neighbours in a row."""
        return max(a.w / 2 + b.w / 2 + GAP, a.foot.half + b.foot.half + LABEL_GAP)

    def position_in(self, container: str | None, node_id: str,
                    frames_at_zero: bool = False) -> tuple[float, float] | None:
        """Where `node_id`'s centre is relative to `container`'s top-left corner: from this
        pass when it is already placed inside the container, else from the previous pass
        (with `frames_at_zero`, measured from where the container's frames began, as the
        frames of this pass still sit at y 0 until the band above them is placed)."""
        x = y = 0.0
        current: str | None = node_id
        while current is not None and current != container:
            geometry = self.rel.get(current)
            if geometry is None:
                break
            if current == node_id:
                x, y = geometry[0] + geometry[2] / 2, geometry[1] + geometry[3] / 2
            else:
                x, y = x + geometry[0], y + geometry[1]
            current = self.g.nodes[current].parent
        else:
            if current == container:
                return (x, y)
        if self.hints is None or node_id not in self.hints.centre:
            return None
        cx, cy = self.hints.centre[node_id]
        ox, oy = self.hints.origin.get(container, (0.0, 0.0))
        if frames_at_zero:
            oy += self.hints.lanes_top.get(container, 0.0)
        return (cx - ox, cy - oy)

    def barycentre(self, container: str | None, node_id: str, skip: set[str] | None = None,
                   frames_at_zero: bool = False) -> tuple[float, float] | None:
        """The weighted mean position of what `node_id` connects to, relative to `container`."""
        total = sx = sy = 0.0
        for other, weight in self.g.ties(node_id):
            if skip and other in skip:
                continue
            pos = self.position_in(container, other, frames_at_zero)
            if pos is None:
                continue
            total += weight
            sx += pos[0] * weight
            sy += pos[1] * weight
        if total == 0.0:
            return None
        return (sx / total, sy / total)

    def corridors(self, container: str | None, span: tuple[float, float], level: float, row: set[str],
                  edges_of: str | None = None) -> list[tuple[float, float]]:
        """x ranges (relative to `container`) kept for edges that have nothing to do with
        `row`, from the previous pass: where their lines cross the height `level`, and where
        their captions sit when those fall within the row's `span` of heights (all relative
        to the container). The edges looked at are those leaving `edges_of` (default: the
        container)."""
        hints = self.hints
        if hints is None:
            return []
        ox, oy = hints.origin.get(container, (0.0, 0.0))
        level += oy
        top, bottom = span[0] + oy, span[1] + oy
        out: set[tuple[float, float]] = set()
        centre = hints.centre
        edges = self.g.edges
        captions = self.g.memo.setdefault("captions", {})
        for index in self.g.leaving.get(container if edges_of is None else edges_of, ()):
            s, t, edge = edges[index]
            a, b = centre.get(s), centre.get(t)
            if a is None or b is None or s in row or t in row:
                continue
            if a[1] < level < b[1] or b[1] < level < a[1]:
                # Many edges share a path (instances to one bucket): one corridor each 4 px.
                x = round((a[0] + (level - a[1]) / (b[1] - a[1]) * (b[0] - a[0]) - ox) / 4) * 4.0
                out.add((x, x))
            if index not in captions:
                text = edge_caption(edge)
                captions[index] = (text_width(text, 11.0) + 8.0) / 2 if text else 0.0
            half = captions[index]
            mid_y = (a[1] + b[1]) / 2
            if half and top - CAPTION_HALF_HEIGHT < mid_y < bottom + CAPTION_HALF_HEIGHT:
                mid_x = round(((a[0] + b[0]) / 2 - ox) / 4) * 4.0
                out.add((mid_x - half, mid_x + half))
        return sorted(out)

    # ------------------------------------------------------------------ rows and grids
    def place_row(self, container: str | None, ids: list[str], y: float, low: float,
                  right: float | None = None,
                  lanes: list[tuple[float, float]] | None = None) -> tuple[float, float]:
        """Place `ids` in one row at `y`, each near its barycentre (left to right by it),
        kept off other edges' lines (`lanes`: their x positions, found when not given);
        returns (right edge used, lowest drawn pixel)."""
        if not ids:
            return (low, y)
        items = [self.item(i) for i in ids]
        row = set(ids)
        if lanes is None:
            lanes = self.corridors(container, (y, y + max(it.foot.bottom for it in items)),
                                   y + max(it.h for it in items) / 2, row)
        wishes: list[float | None] = []
        for it in items:
            bary = self.barycentre(container, it.id, row)
            wish = bary[0] if bary else None
            if wish is not None and lanes:
                wish = avoid_corridors(wish, it.foot.half, lanes)
            wishes.append(wish)
        order = sorted(range(len(items)), key=lambda k: (wishes[k] is None, wishes[k] or 0.0, k))
        items = [items[k] for k in order]
        first_half = items[0].foot.half
        targets = [wishes[k] if wishes[k] is not None else -math.inf for k in order]
        seps = [self.sep(a, b) for a, b in zip(items, items[1:], strict=False)]
        centres = spread([max(t, low + first_half) for t in targets], seps, low + first_half)
        if right is not None:
            # Pull back inside the right bound where the left leaves room.
            limit = right - items[-1].foot.half
            for k in range(len(centres) - 1, -1, -1):
                centres[k] = min(centres[k], limit)
                limit = centres[k] - (seps[k - 1] if k else 0.0)
        centres = clear_corridors(centres, [it.foot.half for it in items], seps, lanes, low + first_half)
        bottom = y
        for it, cx in zip(items, centres, strict=True):
            self.rel[it.id] = (round(cx - it.w / 2), y, it.w, it.h)
            bottom = max(bottom, y + it.foot.bottom)
        end = max(cx + it.foot.half for it, cx in zip(items, centres, strict=True))
        return (end, bottom)

    def place_band(self, container: str | None, ids: list[str], y: float, low: float,
                   width: float) -> tuple[float, float]:
        """A band of resources from `low`, in as many rows as it takes to stay within
        `width` (or one row when that is wider anyway); returns (right, bottom)."""
        if not ids:
            return (low, y)
        items = [self.item(i) for i in ids]
        total = sum(self.sep(a, b) for a, b in zip(items, items[1:], strict=False)) + 2 * items[0].foot.half
        rows = max(1, math.ceil(total / max(width, 1.0))) if total > width * 1.25 else 1
        if rows == 1:
            return self.place_row(container, ids, y, low, low + width)
        # Too many for one row: a grid in barycentre order, rows filled left to right.
        ordered = self.ordered(container, ids)
        per_row = max(1, math.ceil(len(ordered) / rows))
        return self.place_grid(ordered, low, y, per_row, centre_in=None)

    def ordered(self, container: str | None, ids: list[str]) -> list[str]:
        """`ids` left to right by their barycentres; unconnected ones after, in file order."""
        keyed = []
        for k, node_id in enumerate(ids):
            bary = self.barycentre(container, node_id)
            keyed.append((bary is None, bary[0] if bary else 0.0, k, node_id))
        return [entry[3] for entry in sorted(keyed)]

    def ordered_by_hints(self, ids: list[str]) -> list[str]:
        """`ids` left to right by where the previous pass put what they connect to (a grid's
        content connects mostly outside it, which this pass has not placed yet)."""
        hints = self.hints
        if hints is None or len(ids) < 2:
            return list(ids)
        keyed = []
        for k, node_id in enumerate(ids):
            total = sx = 0.0
            for other, weight in self.g.ties(node_id):
                centre = hints.centre.get(other)
                if centre is not None:
                    total += weight
                    sx += centre[0] * weight
            keyed.append((total == 0.0, sx / total if total else 0.0, k, node_id))
        return [entry[3] for entry in sorted(keyed)]

    def place_grid(self, ids: list[str], x0: float, y0: float, columns: int,
                   centre_in: float | None) -> tuple[float, float]:
        """Rows of `columns` equal cells from (x0, y0), centred in `centre_in` width when
        given; returns (right edge used, lowest drawn pixel)."""
        if not ids:
            return (x0, y0)
        items = [self.item(i) for i in ids]
        columns = max(1, min(columns, len(items)))
        pitch = max(max(it.w + GAP, 2 * it.foot.half + LABEL_GAP) for it in items)
        half = max(max(it.w / 2, it.foot.half) for it in items)
        content_w = (columns - 1) * pitch + 2 * half
        start = x0 + (max(0.0, (centre_in - content_w) / 2) if centre_in is not None else 0.0)
        y = y0
        bottom = y0
        for r in range(0, len(items), columns):
            row = items[r:r + columns]
            for c, it in enumerate(row):
                cx = start + half + c * pitch
                self.rel[it.id] = (round(cx - it.w / 2), y, it.w, it.h)
            bottom = y + max(it.foot.bottom for it in row)
            y = bottom + ROW_GAP
        return (start + content_w, bottom)

    # ------------------------------------------------------------------ subnets and others
    def _grid_columns(self, n: int) -> int:
        return n if n <= 4 else min(MAX_GRID_COLUMNS, math.ceil(math.sqrt(n)))

    def _arrange_grid(self, node_id: str) -> tuple[float, float]:
        """A subnet (or a hosted zone, an office, any frame): a centred grid of its children;
        a subnet's single row is placed by barycentre, off the lines passing over it."""
        row = self._subnet_row(node_id)
        if row is not None:
            return row
        ids = self.ordered_by_hints(self.g.children[node_id])
        right, bottom = self.place_grid(ids, PAD, HEADER, self._grid_columns(len(ids)), None)
        w = max(right + PAD, frame_header_width(self.g.nodes[node_id]),
                EMPTY_CONTAINER.get(self.g.kind(node_id), (0.0, 0.0))[0])
        h = max(bottom + PAD, EMPTY_CONTAINER.get(self.g.kind(node_id), (0.0, 0.0))[1])
        self._centre_children(node_id, right + PAD, w)
        return (w, h)

    def _subnet_row(self, node_id: str) -> tuple[float, float] | None:
        """A subnet of a few resources, once the previous pass is known: one row at the
        previous width, each resource near what it connects to and clear of the edges that
        cross the AZ (looked at only while there are few, to stay fast on large designs)."""
        kids = self.g.children[node_id]
        hints = self.hints
        parent = self.g.nodes[node_id].parent
        if (hints is None or self.g.kind(node_id) != "subnet" or len(kids) > 4 or node_id not in hints.size
                or len(self.g.leaving.get(parent, ())) > PASSING_EDGES_LIMIT
                or any(self.g.is_frame(k) for k in kids)):
            return None
        prev_w = hints.size[node_id][0]
        feet = [self.item(k).foot.bottom for k in kids]
        lanes = self.corridors(node_id, (HEADER, HEADER + max(feet)), HEADER + max(self.size[k][1] for k in kids) / 2,
                               {*kids, node_id}, edges_of=parent)
        end, bottom = self.place_row(node_id, kids, HEADER, PAD, prev_w - PAD, lanes=lanes)
        w = max(end + PAD, prev_w, frame_header_width(self.g.nodes[node_id]), EMPTY_CONTAINER["subnet"][0])
        return (w, max(bottom + PAD, EMPTY_CONTAINER["subnet"][1]))

    def _centre_children(self, node_id: str, natural_w: float, w: float) -> None:
        """Shift a grid frame's children so that its content stays centred at width `w`."""
        dx = round((w - natural_w) / 2)
        if dx <= 0:
            return
        for child in self.g.children.get(node_id, ()):
            x, y, cw, ch = self.rel[child]
            self.rel[child] = (x + dx, y, cw, ch)

    def stretch(self, node_id: str, w: float, h: float) -> None:
        """Give a frame a larger size, keeping a grid frame's content centred."""
        old_w, _ = self.size[node_id]
        if self.g.kind(node_id) not in ("vpc", "region", "availability_zone"):
            self._centre_children(node_id, old_w, w)
        self.size[node_id] = (w, h)

    # ------------------------------------------------------------------ AZ on its own
    def _arrange_az(self, node_id: str) -> tuple[float, float]:
        """An AZ outside a VPC: its subnets in a column (public first), the rest below."""
        kids = self.g.children[node_id]
        subnets = sorted((c for c in kids if self.g.kind(c) == "subnet"),
                         key=lambda s: 0 if self.g.nodes[s].props.get("public") is True else 1)
        others = [c for c in kids if c not in subnets]
        width = max([self.size[s][0] for s in subnets], default=0.0)
        y = HEADER
        for s in subnets:
            self.stretch(s, width, self.size[s][1])
            self.rel[s] = (PAD, y, width, self.size[s][1])
            y += self.size[s][1] + ROW_GAP
        right, bottom = self.place_grid(self.ordered_by_hints(others), PAD, y,
                                        self._grid_columns(len(others)), None)
        bottom = bottom if others else y - ROW_GAP
        w = max(width + 2 * PAD, right + PAD, frame_header_width(self.g.nodes[node_id]))
        return (w, max(bottom + PAD, EMPTY_CONTAINER["availability_zone"][1]))

    # ------------------------------------------------------------------ lanes and bands
    def lane_gaps(self, container: str | None, lanes: list[str], base: float) -> list[float]:
        """Gaps between frames side by side, wide enough for the captions of edges between them."""
        if len(lanes) < 2:
            return []
        index = {lane: k for k, lane in enumerate(lanes)}
        gaps = [base] * (len(lanes) - 1)
        for e in self.g.leaving.get(container, ()):
            s, t, edge = self.g.edges[e]
            a, b = self._lane_of(s, container, index), self._lane_of(t, container, index)
            if a is None or b is None or a == b:
                continue
            caption = edge_caption(edge)
            need = text_width(caption, 11.0) + 8.0 + 2 * BAND_GAP if caption else base
            for k in range(min(a, b), max(a, b)):
                gaps[k] = max(gaps[k], need)
        return gaps

    def _lane_of(self, node_id: str, container: str | None, index: dict[str, int]) -> int | None:
        current: str | None = node_id
        while current is not None:
            if current in index and self.g.nodes[current].parent == container:
                return index[current]
            current = self.g.nodes[current].parent
        return None

    def place_lanes(self, container: str | None, lanes: list[str], x0: float, base_gap: float) -> float:
        """Frames side by side from x0 at y 0 (moved down later); returns the right edge."""
        gaps = self.lane_gaps(container, lanes, base_gap)
        x = x0
        for k, lane in enumerate(lanes):
            w, h = self.size[lane]
            self.rel[lane] = (x, 0.0, w, h)
            x += w + (gaps[k] if k < len(gaps) else 0.0)
        return x

    def shift(self, ids: list[str], dy: float) -> None:
        """Move already placed children down by dy."""
        for i in ids:
            x, y, w, h = self.rel[i]
            self.rel[i] = (x, y + dy, w, h)

    def split_bands(self, container: str, items: list[str], lanes_h: float) -> tuple[list[str], list[str]]:
        """Which resources go in the band above the frames and which below."""
        top: list[str] = []
        bottom: list[str] = []
        for node_id in items:
            kind = self.g.kind(node_id)
            if kind in TOP_KINDS or (kind == "load_balancer"
                                     and self.g.nodes[node_id].props.get("scheme") != "internal"):
                top.append(node_id)
                continue
            if kind in GROUP_KINDS:
                bottom.append(node_id)
                continue
            bary = self.barycentre(container, node_id, frames_at_zero=True)
            if bary is None:
                bottom.append(node_id)
                continue
            y = bary[1]
            threshold = TOP_THRESHOLD.get(kind, 0.5)
            (top if y < threshold * max(lanes_h, 1.0) else bottom).append(node_id)
        return top, bottom

    def place_bottom_band(self, container: str, ids: list[str], y: float, low: float,
                          width: float) -> tuple[float, float]:
        """The bottom band: resources near their barycentres, then the security groups and
        network ACLs together at the right end (ordered by what they guard)."""
        loose = [i for i in ids if self.g.kind(i) not in GROUP_KINDS]
        group = [i for i in ids if self.g.kind(i) in GROUP_KINDS]  # in the author's order
        right, bottom = self.place_band(container, loose, y, low, width)
        if not group:
            return (right, bottom)
        items = [self.item(i) for i in group]
        group_w = sum(self.sep(a, b) for a, b in zip(items, items[1:], strict=False)) + 2 * items[0].foot.half
        start = max(low + width - group_w, right + LABEL_GAP if loose else low)
        if group_w > width * 1.25:
            g_right, g_bottom = self.place_grid(group, start, y, max(1, int(width // (2 * items[0].foot.half
                                                                                   + LABEL_GAP))), None)
        else:
            g_right, g_bottom = self._pack(items, start, y)
        return (max(right, g_right), max(bottom, g_bottom))

    def _pack(self, items: list[_Item], x0: float, y: float) -> tuple[float, float]:
        """Items side by side from x0 at their least separations."""
        cx = x0 + items[0].foot.half
        bottom = y
        for k, it in enumerate(items):
            if k:
                cx += self.sep(items[k - 1], it)
            self.rel[it.id] = (round(cx - it.w / 2), y, it.w, it.h)
            bottom = max(bottom, y + it.foot.bottom)
        return (cx + items[-1].foot.half, bottom)

    # ------------------------------------------------------------------ Region
    def _arrange_region(self, node_id: str) -> tuple[float, float]:
        """VPCs (and other frames) side by side; regional resources above or below them."""
        kids = self.g.children[node_id]
        lanes = [c for c in kids if self.g.is_frame(c)]
        items = [c for c in kids if c not in lanes]
        right = self.place_lanes(node_id, lanes, PAD, LANE_GAP * 1.5)
        lanes_w = right - PAD
        lanes_h = max((self.size[c][1] for c in lanes), default=0.0)
        return self._bands_around(node_id, lanes, items, lanes_w, lanes_h, [])

    def _bands_around(self, node_id: str, lanes: list[str], items: list[str], lanes_w: float,
                      lanes_h: float, inner: list[str]) -> tuple[float, float]:
        """Put the top band, the frames (lanes and `inner` children placed with them at
        y relative to the frames) and the bottom band under the header; returns the size."""
        top, bottom = self.split_bands(node_id, items, lanes_h)
        width = max(lanes_w, 200.0)
        _, top_bottom = self.place_band(node_id, top, HEADER, PAD, width)
        top_right = max((self.rel[i][0] + self.item(i).foot.half * 2 for i in top), default=PAD)
        lanes_y = (top_bottom + BAND_GAP) if top and lanes else top_bottom if top else HEADER
        self.lanes_top[node_id] = lanes_y
        self.shift(lanes + inner, lanes_y)
        frames_bottom = lanes_y + lanes_h
        below = frames_bottom + (BAND_GAP if lanes else 0.0)
        b_right, b_bottom = self.place_bottom_band(node_id, bottom, below, PAD, width) \
            if bottom else (PAD, frames_bottom)
        content_bottom = b_bottom if bottom else frames_bottom
        content_right = max(PAD + lanes_w, top_right, b_right)
        w = max(content_right + PAD, frame_header_width(self.g.nodes[node_id]))
        return (w, content_bottom + PAD)

    # ------------------------------------------------------------------ VPC
    def _arrange_vpc(self, node_id: str) -> tuple[float, float]:
        """AZ columns with subnet rows and gutters, other frames beside them, bands."""
        kids = self.g.children[node_id]
        azs = [c for c in kids if self.g.kind(c) == "availability_zone"]
        frames = [c for c in kids if c not in azs and self.g.is_frame(c)]
        items = [c for c in kids if not self.g.is_frame(c)]
        grid = az_grid(self, node_id, azs, items)
        right = PAD + grid.width
        if frames:
            right = self.place_lanes(node_id, frames, right + (LANE_GAP if azs else 0.0), LANE_GAP)
        lanes_h = max([grid.height] + [self.size[f][1] for f in frames])
        spanning = list(grid.gutter_items)
        rest = [i for i in items if i not in grid.gutter_items]
        return self._bands_around(node_id, azs + frames, rest, right - PAD, lanes_h, spanning)

    # ------------------------------------------------------------------ page
    def _arrange_page(self) -> None:
        """Regions side by side; outside nodes in rows above, layered by their edges."""
        arrange_page(self)
