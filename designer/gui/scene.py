"""The scene: mirrors `document.design` item by item and shows the validator's findings.

The scene never changes the model; it follows `Document.model_changed` events (one per
mutation primitive) and `design_replaced`. Nesting is the model's `parent`, shown with
`setParentItem`, so a container's content moves with it.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsScene

from designer.catalogue import find_kind
from designer.gui.extent import Extent
from designer.gui.frame_counts import FrameCounts
from designer.gui.i18n import language, translator
from designer.gui.items import EdgeItem, FrameItem, NodeItemBase, ResourceItem, style
from designer.gui.overview import Overview
from designer.gui.placement import is_frame_kind
from designer.model import (
    DesignChanged,
    Edge,
    EdgeAdded,
    EdgeChanged,
    EdgeRemoved,
    Event,
    Node,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)
from designer.model.bulk import gc_paused
from designer.rules import Finding

SEVERITY_ORDER = ("error", "warning", "info")
SCENE_MARGIN = 800.0
MIN_SCENE = QRectF(0.0, 0.0, 1600.0, 1000.0)
# A prop shown under a node's label (frames: beside it), e.g. a subnet's CIDR.
DETAIL_PROPS = {
    "region": "code", "vpc": "cidr", "subnet": "cidr", "availability_zone": "name",
    "ec2": "instance_type", "rds": "instance_class", "s3_bucket": "bucket_name",
    "route53_zone": "domain", "route53_record": "name", "auto_scaling_group": "instance_type",
}


def node_text(node: Node, lang: str) -> str:
    """What a node's item shows as its label: the label, else the kind's name."""
    if node.label:
        return node.label
    spec = find_kind(node.kind)
    return spec.label(lang) if spec else node.kind


def node_detail(node: Node) -> str:
    """A short second line: the prop that identifies the node (a CIDR, a Region code…)."""
    key = DETAIL_PROPS.get(node.kind)
    value = node.props.get(key) if key else None
    if value in (None, "") or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    return "" if node.label and text in node.label else text  # never say it twice


def edge_text(edge: Edge) -> str:
    """An edge's caption: its label, else "TCP 443" for traffic, the destination for routes."""
    if edge.label:
        return edge.label
    if edge.kind == "traffic":
        protocol = str(edge.props.get("protocol", "")).upper()
        port = edge.props.get("port")
        protocol = "ALL" if protocol == "-1" else protocol
        return " ".join(str(p) for p in (protocol, port) if p not in ("", None))
    if edge.kind == "route" and edge.props.get("destination"):
        return str(edge.props["destination"])
    return ""


class DesignScene(QGraphicsScene):
    """A QGraphicsScene that mirrors a Document's design; look items up with `item_for`."""

    selection_ids_changed = Signal(list)  # selected node ids, then selected edge ids

    def __init__(self, document, parent=None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.lang = lang  # None: follow the UI language; "en"/"ko": fixed (image export)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(QBrush(style.CANVAS_BACKGROUND))
        self._nodes: dict[str, NodeItemBase] = {}
        self._edges: dict[str, EdgeItem] = {}
        self._findings: list[Finding] = []
        # The findings that name each node and edge, in the findings' order (see set_findings).
        self._node_findings: dict[str, list[Finding]] = {}
        self._edge_findings: dict[str, list[Finding]] = {}
        self._fresh_nodes: set[str] = set()  # items made since the last findings: badge them too
        self._fresh_edges: set[str] = set()
        self.badge_updates = 0  # items whose badge was recomputed (tests count work with it)
        self._fallback: dict[str, tuple[float, float, float, float]] = {}
        self._pending_edges: set[str] = set()
        self._counts = FrameCounts()
        self.overview = Overview(self)  # what the view draws when zoomed far out
        # content_rect(): kept per changed item, not re-united from all ~28,000 after each edit.
        self._extent = Extent(self._measure_all, self._measure)
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self.flush)
        self.selectionChanged.connect(self._on_selection_changed)
        document.model_changed.connect(self._on_model_changed)
        document.design_replaced.connect(self.rebuild)
        document.findings_changed.connect(self.set_findings)
        translator().language_changed.connect(self.retranslate)
        self.rebuild()

    def language(self) -> str:
        """The language of kind names and tooltips on this scene."""
        return self.lang or language()

    # ------------------------------------------------------------------ lookups
    @property
    def design(self):
        return self.document.design

    def item_for(self, node_id: str) -> NodeItemBase | None:
        """The item that shows node `node_id` (None when there is no such node)."""
        return self._nodes.get(node_id)

    def edge_item_for(self, edge_id: str) -> EdgeItem | None:
        return self._edges.get(edge_id)

    def node_items(self) -> list[NodeItemBase]:
        return list(self._nodes.values())

    def edge_items(self) -> list[EdgeItem]:
        return list(self._edges.values())

    def top_level_items(self) -> list[NodeItemBase]:
        """The node items without a parent item, in the scene's order.

        Read from the model, as _place parents the items: asking 10,000 items for their
        parentItem() costs more than the whole answer.
        """
        nodes = self._nodes
        parent_of = {node.id: node.parent for node in self.design.nodes}
        return [item for nid, item in nodes.items()
                if (parent := parent_of.get(nid)) is None or parent not in nodes]

    # ------------------------------------------------------------------ selection
    def selected_node_ids(self) -> list[str]:
        """Selected nodes in file order."""
        design = self.design
        chosen = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItemBase)}
        # Sort the few chosen ids by position rather than scan every node of a large design.
        return sorted((nid for nid in chosen if nid in design), key=design.index_of_node)

    def selected_edge_ids(self) -> list[str]:
        design = self.design
        chosen = {i.edge_id for i in self.selectedItems() if isinstance(i, EdgeItem)}
        return sorted((eid for eid in chosen if design.get_edge(eid) is not None), key=design.index_of_edge)

    def selected_ids(self) -> list[str]:
        """Selected node ids (file order), then selected edge ids."""
        return self.selected_node_ids() + self.selected_edge_ids()

    def select_ids(self, ids) -> None:
        """Select exactly the nodes and edges with these ids (unknown ids are ignored)."""
        wanted = set(ids)
        self.blockSignals(True)  # one selection_ids_changed, not one per item
        try:
            self.clearSelection()
            for ident in wanted:  # look the few wanted ids up, not every item of the scene
                for item in (self._nodes.get(ident), self._edges.get(ident)):
                    if item is not None:
                        item.setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.overview.invalidate_selection()
        self.selection_ids_changed.emit(self.selected_ids())

    # ------------------------------------------------------------------ findings
    def set_findings(self, findings: list[Finding]) -> None:
        """Badge and outline the items that findings name, worst severity first.

        An edit changes a few of a large design's findings: the validator returns the
        findings it did not re-check as the same objects, so only the nodes and edges named
        by findings that came or went (by identity) have their badges recomputed.
        """
        self._apply_findings(list(findings), full=False)

    def _apply_findings(self, findings: list[Finding], full: bool) -> None:
        old, self._findings = self._findings, findings
        by_identity = {id(f): f for f in findings}
        if len(by_identity) != len(findings):
            full = True  # the same object twice: the identity diff cannot tell, so recount
        if full:  # only the items badged before or now can change, not every item
            was_nodes, was_edges = self._node_findings.keys(), self._edge_findings.keys()
            self._node_findings, self._edge_findings = _index_findings(findings)
            nodes = was_nodes | self._node_findings.keys()
            edges = was_edges | self._edge_findings.keys()
        else:
            before = {id(f) for f in old}
            gone = [f for f in old if id(f) not in by_identity]
            came = [f for f in findings if id(f) not in before]
            nodes = {nid for f in (*gone, *came) for nid in f.nodes} | self._fresh_nodes
            edges = {eid for f in (*gone, *came) for eid in f.edges} | self._fresh_edges
            if gone or came:
                order = {id(f): i for i, f in enumerate(findings)}
                _patch_index(self._node_findings, gone, came, order, lambda f: f.nodes)
                _patch_index(self._edge_findings, gone, came, order, lambda f: f.edges)
        self._fresh_nodes, self._fresh_edges = set(), set()
        self._badge(nodes, edges)

    def _badge(self, node_ids, edge_ids) -> None:
        """Recompute the badges of these items from the index of findings."""
        lang = self.language()
        stale_overview = False
        for nid in node_ids:
            item = self._nodes.get(nid)
            if item is not None:
                severity = item.severity
                item.set_problem(*_problem(self._node_findings.get(nid, ()), lang))
                self._extent.mark(("n", nid))  # a badge widens its item's bounds
                if item.severity != severity:  # the overview outlines errors and warnings
                    stale_overview = stale_overview or self._shows_in_overview(item)
        for eid in edge_ids:
            edge_item = self._edges.get(eid)
            if edge_item is not None:
                severity = edge_item.severity
                edge_item.set_problem(*_problem(self._edge_findings.get(eid, ()), lang))
                self._extent.mark(("e", eid))
                if edge_item.severity != severity:
                    stale_overview = stale_overview or self._edge_in_overview(eid)
        self.badge_updates += len(node_ids) + len(edge_ids)
        if stale_overview:
            self.overview.invalidate()

    @property
    def findings(self) -> list[Finding]:
        return self._findings

    # ------------------------------------------------------------------ building
    def rebuild(self) -> None:
        """Recreate every item from the design (after open/new, or for rendering)."""
        # Without an index while thousands of items come and go, then one index of them all.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        with gc_paused():
            self._rebuild()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def _rebuild(self) -> None:
        self.clearSelection()
        for item in list(self._edges.values()):
            self.removeItem(item)
        for item in self._nodes.values():
            if item.parentItem() is None:
                self.removeItem(item)  # removes the whole subtree
        self._nodes.clear()
        self._edges.clear()
        # The new items show nothing yet: badge them from scratch below.
        self._findings, self._node_findings, self._edge_findings = [], {}, {}
        self._fresh_nodes, self._fresh_edges = set(), set()
        self._extent.reset()
        design = self.design
        self._fallback = {}
        if not design.has_geometry():
            from designer.layout import compute_layout

            self._fallback = compute_layout(design)  # shown only; written by the next move
        for node in design.nodes:
            self._nodes[node.id] = self._make_item(node)
        for node in design.nodes:
            self._place(node)
        rects: dict[str, QRectF] = {}  # each node's scene rectangle, measured once for all its edges
        for edge in design.edges:
            self._add_edge_item(edge, rects)
        self._counts.recount(design)
        # Findings first: their badges widen the content, so the scene rectangle set by the
        # flush is right from the start (else the first edit changes it, and the next paint
        # rebuilds the BSP index of every item: ~125 ms at 10,000 resources).
        self._apply_findings(list(self.document.shown_findings), full=True)  # later ones: findings_changed
        self.flush()
        self.overview.invalidate()

    def _make_item(self, node: Node) -> NodeItemBase:
        item: NodeItemBase = FrameItem(node.id, node.kind) if is_frame_kind(node.kind) else ResourceItem(node.id, node.kind)
        item.set_display(node.kind, node_text(node, self.language()), node_detail(node), node.props)
        return item

    def geometry_of(self, node: Node) -> tuple[float, float, float, float]:
        """The node's (x, y, w, h) relative to its parent, with the layout for missing values."""
        if node.x is not None and node.y is not None and node.w is not None and node.h is not None:
            return (float(node.x), float(node.y), float(node.w), float(node.h))
        fallback = self._fallback.get(node.id)
        spec = find_kind(node.kind)
        dw, dh = spec.default_size if spec else (96.0, 84.0)
        defaults = fallback or (0.0, 0.0, dw, dh)
        values = (node.x, node.y, node.w, node.h)
        return tuple(float(v if v is not None else d) for v, d in zip(values, defaults, strict=True))  # type: ignore[return-value]

    def _place(self, node: Node) -> None:
        item = self._nodes[node.id]
        parent_item = self._nodes.get(node.parent) if node.parent else None
        if parent_item is not None:
            if item.parentItem() is not parent_item:
                item.setParentItem(parent_item)
        else:
            if item.parentItem() is not None:
                item.setParentItem(None)
            if item.scene() is not self:
                self.addItem(item)
        x, y, w, h = self.geometry_of(node)
        item.setPos(x, y)
        item.set_size(w, h)

    def _add_edge_item(self, edge: Edge, rects: dict[str, QRectF] | None = None) -> None:
        item = EdgeItem(edge.id, edge.kind, edge_text(edge))
        self._edges[edge.id] = item
        if rects is not None and not self._route(item, edge, rects):
            self._pending_edges.add(edge.id)
        elif rects is None:
            self._pending_edges.add(edge.id)
        self.addItem(item)  # after its line is set: a scene-less item changes for free

    def _route(self, item: EdgeItem, edge: Edge, rects: dict[str, QRectF]) -> bool:
        """Set the edge's line from its ends' rectangles (memoised in `rects`); False if an end is missing."""
        ends = []
        for nid in (edge.source, edge.target):
            rect = rects.get(nid)
            if rect is None:
                node_item = self._nodes.get(nid)
                if node_item is None:
                    return False
                rect = rects[nid] = node_item.scene_rect()
            ends.append(rect)
        item.set_ends(ends[0], ends[1])
        return True

    # ------------------------------------------------------------------ model events
    def _on_model_changed(self, event: Event) -> None:
        design = self.design
        if isinstance(event, NodeAdded):
            node = design.node(event.node_id)
            self._nodes[node.id] = self._make_item(node)
            self._place(node)
            self._fresh_nodes.add(node.id)
            self._counts.node_added(design, node.id)
            self._extent.mark(("n", node.id))
            self.overview.invalidate()  # the containers' counts changed
        elif isinstance(event, NodeRemoved):
            item = self._nodes.pop(event.node_id, None)
            if item is not None:
                for child in item.childItems():  # defensive: the model removes leaves only
                    child.setParentItem(None)
                    if isinstance(child, NodeItemBase):
                        self._extent.mark(("n", child.node_id))
                self.removeItem(item)
            self._counts.node_removed(design, event.node_id, event.parent)
            self._extent.mark(("n", event.node_id))
            self.overview.invalidate()
        elif isinstance(event, NodeChanged):
            self._on_node_changed(event)
        elif isinstance(event, EdgeAdded):
            self._add_edge_item(design.edge(event.edge_id))
            self._fresh_edges.add(event.edge_id)
            self._extent.mark(("e", event.edge_id))
            if self._edge_in_overview(event.edge_id):
                self.overview.invalidate()
        elif isinstance(event, EdgeRemoved):
            item = self._edges.pop(event.edge_id, None)
            if item is not None:
                self.removeItem(item)
            self._extent.mark(("e", event.edge_id))
            if self._ends_in_overview(event.source, event.target):
                self.overview.invalidate()
        elif isinstance(event, EdgeChanged):
            edge = design.edge(event.edge_id)
            item = self._edges[edge.id]
            item.set_display(edge.kind, edge_text(edge))
            self._pending_edges.add(edge.id)
            self._extent.mark(("e", edge.id))
            # A new end may take it out of the overview (or the old one bring it in).
            if event.field in ("source", "target") or self._edge_in_overview(edge.id):
                self.overview.invalidate()
        elif isinstance(event, DesignChanged):
            pass
        self._flush.start()

    def _on_node_changed(self, event: NodeChanged) -> None:
        node = self.design.node(event.node_id)
        item = self._nodes[node.id]
        was_in_overview = self._shows_in_overview(item)
        if event.field in ("geometry", "parent"):
            self._fallback.pop(node.id, None)
            self._place(node)
            self.touch_edges([node.id])
            if event.field == "parent":
                self._counts.parent_changed(self.design, node.id, event.old, event.new)
        else:
            item.set_display(node.kind, node_text(node, self.language()), node_detail(node), node.props)
        self._extent.mark(("n", node.id))
        if event.field == "parent" or was_in_overview:
            self.overview.invalidate()

    # ------------------------------------------------------------------ what the overview shows
    def _shows_in_overview(self, item: NodeItemBase) -> bool:
        """Whether a change to this node's item can change the overview (see Overview._build:
        it draws every frame and the nodes on the empty canvas, not the resources in frames)."""
        return item.is_frame or item.parentItem() is None

    def _ends_in_overview(self, source: str, target: str) -> bool:
        """Whether an edge between these nodes is drawn in the overview (both ends are)."""
        ends = (self._nodes.get(source), self._nodes.get(target))
        return all(end is not None and self._shows_in_overview(end) for end in ends)

    def _edge_in_overview(self, edge_id: str) -> bool:
        edge = self.design.get_edge(edge_id)
        return edge is not None and self._ends_in_overview(edge.source, edge.target)

    # ------------------------------------------------------------------ edges and counts
    def touch_edges(self, node_ids, schedule: bool = True) -> None:
        """Mark the edges of these nodes and of everything inside them for re-routing
        (at the next flush, scheduled unless `schedule` is False)."""
        design = self.design
        for nid in node_ids:
            if nid not in design:
                continue
            self._pending_edges.update(design.edge_ids_of(nid))
            item = self._nodes.get(nid)
            if item is not None and item.is_frame:
                for node in design.descendants(nid):
                    self._pending_edges.update(design.edge_ids_of(node.id))
        if schedule:
            self._flush.start()

    def route_edges_now(self, node_ids) -> None:
        """Re-route the edges of these nodes immediately (while a drag is in progress)."""
        node_ids = list(node_ids)
        # No flush between drag frames: it would measure the design (and may move the scene
        # rectangle, which rebuilds the item index) at every mouse move; the drop does.
        self.touch_edges(node_ids, schedule=False)
        self._route_pending()
        moved = [self._nodes[nid] for nid in node_ids if nid in self._nodes]
        self._extent.mark_all(("n", item.node_id) for item in moved)
        if any(self._shows_in_overview(item) for item in moved):
            self.overview.invalidate()  # the dragged frames moved

    def flush(self) -> None:
        """Apply deferred work: edge routes, container counts, the scene rectangle."""
        self._route_pending()
        for nid in self._counts.take_changed():
            item = self._nodes.get(nid)
            if isinstance(item, FrameItem):
                item.set_count(self._counts.counts.get(nid, 0))
        self._update_scene_rect()

    def _route_pending(self) -> None:
        pending, self._pending_edges = self._pending_edges, set()
        rects: dict[str, QRectF] = {}  # a dragged node with 30 edges is measured once, not 30 times
        for eid in pending:
            item = self._edges.get(eid)
            edge = self.design.get_edge(eid)
            if item is not None and edge is not None:
                self._route(item, edge, rects)
        self._extent.mark_all(("e", eid) for eid in pending)

    def content_rect(self) -> QRectF:
        """The bounding rectangle of every node and edge (scene coordinates)."""
        return self._extent.rect()

    def _measure_all(self):
        """Each top-level node's and each edge's rectangle, for `content_rect()`."""
        for nid, item in self._nodes.items():
            if item.parentItem() is None:  # a frame's content lies inside it
                yield ("n", nid), item.sceneBoundingRect()
        for eid, edge_item in self._edges.items():
            yield ("e", eid), QRectF(edge_item.boundingRect())  # edges sit at the scene origin

    def _measure(self, key: tuple[str, str]) -> QRectF | None:
        """One node's or edge's part of `content_rect()` (None: it has none)."""
        kind, ident = key
        if kind == "n":
            item = self._nodes.get(ident)
            return item.sceneBoundingRect() if item is not None and item.parentItem() is None else None
        edge_item = self._edges.get(ident)
        return QRectF(edge_item.boundingRect()) if edge_item is not None else None

    def _update_scene_rect(self) -> None:
        # Room around the content so the user can drop and pan beyond it.
        rect = self.content_rect().united(MIN_SCENE)
        rect.adjust(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    # ------------------------------------------------------------------ language
    def retranslate(self, *_args) -> None:
        """Kind names and finding tooltips follow the UI language."""
        lang = self.language()
        for node in self.design.nodes:
            item = self._nodes.get(node.id)
            if item is not None:
                item.set_display(node.kind, node_text(node, lang), node_detail(node), node.props)
        self._extent.reset()  # a label's length can change an item's bounds
        self._apply_findings(self._findings, full=True)
        self.overview.invalidate()  # its labels


def _index_findings(findings: list[Finding]) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
    """The findings that name each node and each edge, in the order given."""
    by_node: dict[str, list[Finding]] = defaultdict(list)
    by_edge: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        for nid in finding.nodes:
            by_node[nid].append(finding)
        for eid in finding.edges:
            by_edge[eid].append(finding)
    return dict(by_node), dict(by_edge)


def _patch_index(index: dict[str, list[Finding]], gone: list[Finding], came: list[Finding],
                 order: dict[int, int], names) -> None:
    """Take `gone` out of and put `came` into `index`, keeping each list in `order`."""
    touched: set[str] = set()
    for finding in gone:
        for key in names(finding):
            kept = [f for f in index.get(key, ()) if f is not finding]
            if kept:
                index[key] = kept
            else:
                index.pop(key, None)
    for finding in came:
        for key in names(finding):
            index.setdefault(key, []).append(finding)
            touched.add(key)
    for key in touched:
        index[key].sort(key=lambda f: order[id(f)])


def _problem(findings, lang: str) -> tuple[str | None, str]:
    """The worst severity among findings and a tooltip listing them."""
    if not findings:
        return None, ""
    worst = min(findings, key=lambda f: SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER else 9)
    lines = [f"[{f.rule}] {f.message_in(lang)}" for f in findings]
    return worst.severity, "\n".join(lines)


__all__ = ["DesignScene", "edge_text", "node_detail", "node_text"]
