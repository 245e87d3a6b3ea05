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
from designer.gui.i18n import language, translator
from designer.gui.items import EdgeItem, FrameItem, NodeItemBase, ResourceItem, style
from designer.gui.items.edge import edges_bounding_rect
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
        self._flagged: dict[tuple[bool, str], NodeItemBase | EdgeItem] = {}  # items showing a problem
        self._marks: dict[tuple[bool, str], tuple] = {}  # what each shows: (language, finding ids)
        self._fallback: dict[str, tuple[float, float, float, float]] = {}
        self._pending_edges: set[str] = set()
        self._counts_dirty = False
        self.overview = Overview(self)  # what the view draws when zoomed far out
        self._content: QRectF | None = None  # content_rect(), until something moves
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
        chosen = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItemBase)}
        return [nid for nid in self.design.node_ids() if nid in chosen]

    def selected_edge_ids(self) -> list[str]:
        chosen = {i.edge_id for i in self.selectedItems() if isinstance(i, EdgeItem)}
        return [eid for eid in self.design.edge_ids() if eid in chosen]

    def selected_ids(self) -> list[str]:
        """Selected node ids (file order), then selected edge ids."""
        return self.selected_node_ids() + self.selected_edge_ids()

    def select_ids(self, ids) -> None:
        """Select exactly the nodes and edges with these ids (unknown ids are ignored)."""
        wanted = set(ids)
        self.blockSignals(True)  # one selection_ids_changed, not one per item
        try:
            self.clearSelection()
            for nid, item in self._nodes.items():
                if nid in wanted:
                    item.setSelected(True)
            for eid, item in self._edges.items():
                if eid in wanted:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.overview.invalidate_selection()
        self.selection_ids_changed.emit(self.selected_ids())

    # ------------------------------------------------------------------ findings
    def set_findings(self, findings: list[Finding]) -> None:
        """Badge and outline the items that findings name, worst severity first."""
        self._findings = list(findings)
        lang = self.language()
        by_node: dict[str, list[Finding]] = defaultdict(list)
        by_edge: dict[str, list[Finding]] = defaultdict(list)
        for finding in self._findings:
            for nid in finding.nodes:
                by_node[nid].append(finding)
            for eid in finding.edges:
                by_edge[eid].append(finding)
        flagged: dict[tuple[bool, str], NodeItemBase | EdgeItem] = {}
        marks: dict[tuple[bool, str], tuple] = {}
        for is_node, found_by, items in ((True, by_node, self._nodes), (False, by_edge, self._edges)):
            for item_id, found in found_by.items():
                item = items.get(item_id)
                if item is not None:
                    key = (is_node, item_id)
                    # The validator keeps the Finding objects of rules an edit did not affect:
                    # the same objects (alive until now, so ids are unique) show the same thing.
                    mark = marks[key] = (lang, tuple(map(id, found)))
                    if self._marks.get(key) != mark or self._flagged.get(key) is not item:
                        item.set_problem(*_problem(found, lang))
                    flagged[key] = item
        # Only what was flagged before can need clearing (every other item shows no problem):
        # an edit re-checks a few thousand findings, not all 28,000 items of a large design.
        for (is_node, item_id), item in self._flagged.items():
            current = (self._nodes if is_node else self._edges).get(item_id)
            # A removed or rebuilt item is gone (its C++ object may be deleted): skip it.
            if (is_node, item_id) not in flagged and current is item:
                item.set_problem(None, "")
        self._flagged, self._marks = flagged, marks
        self._content = None  # badges widen their items' bounds
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
        self._badged_nodes, self._badged_edges = set(), set()  # the new items show nothing yet
        self._content = None
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
        self._counts_dirty = True
        # Findings first: their badges widen the content, so the scene rectangle set by the
        # flush is right from the start (else the first edit changes it, and the next paint
        # rebuilds the BSP index of every item: ~125 ms at 10,000 resources).
        self.set_findings(self.document.shown_findings)  # never waits for a pending check
        self.flush()

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
        self._content = None
        design = self.design
        if isinstance(event, NodeAdded):
            node = design.node(event.node_id)
            self._nodes[node.id] = self._make_item(node)
            self._place(node)
            self._counts_dirty = True
        elif isinstance(event, NodeRemoved):
            item = self._nodes.pop(event.node_id, None)
            if item is not None:
                for child in item.childItems():  # defensive: the model removes leaves only
                    child.setParentItem(None)
                self.removeItem(item)
            self._counts_dirty = True
        elif isinstance(event, NodeChanged):
            self._on_node_changed(event)
        elif isinstance(event, EdgeAdded):
            self._add_edge_item(design.edge(event.edge_id))
        elif isinstance(event, EdgeRemoved):
            item = self._edges.pop(event.edge_id, None)
            if item is not None:
                self.removeItem(item)
        elif isinstance(event, EdgeChanged):
            edge = design.edge(event.edge_id)
            item = self._edges[edge.id]
            item.set_display(edge.kind, edge_text(edge))
            self._pending_edges.add(edge.id)
        elif isinstance(event, DesignChanged):
            pass
        self._flush.start()

    def _on_node_changed(self, event: NodeChanged) -> None:
        node = self.design.node(event.node_id)
        item = self._nodes[node.id]
        if event.field in ("geometry", "parent"):
            self._fallback.pop(node.id, None)
            before = item.parentItem()
            self._place(node)
            self.touch_edges([node.id])
            if event.field == "parent" and not self._counts_dirty:
                # A drop into another frame: only the two chains of frames change their counts.
                moved = 1 + (item.count if isinstance(item, FrameItem) else 0)
                _add_to_counts(before, -moved)
                _add_to_counts(item.parentItem(), moved)
        else:
            item.set_display(node.kind, node_text(node, self.language()), node_detail(node), node.props)

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
        # No flush between drag frames: it would measure the whole design (and may move the
        # scene rectangle, which rebuilds the item index) at every mouse move; the drop does.
        self.touch_edges(node_ids, schedule=False)
        self._route_pending()
        self._content = None
        self.overview.invalidate()  # the dragged frames moved

    def flush(self) -> None:
        """Apply deferred work: edge routes, container counts, the scene rectangle."""
        self._route_pending()
        self._content = None
        self.overview.invalidate()
        if self._counts_dirty:
            self._counts_dirty = False
            self._update_counts()
        self._update_scene_rect()

    def _update_counts(self) -> None:
        """How many nodes each frame holds (shown when zoomed far out), in one pass."""
        counts: dict[str, int] = defaultdict(int)
        nodes = {n.id: n for n in self.design.nodes}
        for node in nodes.values():
            parent = node.parent
            guard = 0
            while parent is not None and guard <= len(nodes):
                counts[parent] += 1
                owner = nodes.get(parent)
                parent = owner.parent if owner is not None else None
                guard += 1
        for nid, item in self._nodes.items():
            if isinstance(item, FrameItem):
                item.set_count(counts.get(nid, 0))

    def _route_pending(self) -> None:
        pending, self._pending_edges = self._pending_edges, set()
        rects: dict[str, QRectF] = {}  # a dragged node with 30 edges is measured once, not 30 times
        for eid in pending:
            item = self._edges.get(eid)
            edge = self.design.get_edge(eid)
            if item is not None and edge is not None:
                self._route(item, edge, rects)

    def content_rect(self) -> QRectF:
        """The bounding rectangle of every node and edge (scene coordinates)."""
        if self._content is None:  # the view, minimap and exports ask often; items change rarely
            rect = QRectF()
            for item in self.top_level_items():
                rect = rect.united(item.sceneBoundingRect())
            self._content = rect.united(edges_bounding_rect(self._edges.values()))
        return QRectF(self._content)

    def _update_scene_rect(self) -> None:
        # Room around the content so the user can drop and pan beyond it.
        rect = self.content_rect().united(MIN_SCENE)
        self.setSceneRect(rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    # ------------------------------------------------------------------ language
    def retranslate(self, *_args) -> None:
        """Kind names and finding tooltips follow the UI language."""
        lang = self.language()
        for node in self.design.nodes:
            item = self._nodes.get(node.id)
            if item is not None:
                item.set_display(node.kind, node_text(node, lang), node_detail(node), node.props)
        self.set_findings(self._findings)  # also marks the overview's labels stale


def _add_to_counts(frame, delta: int) -> None:
    """Add `delta` to the node count of `frame` and of every frame around it."""
    while frame is not None:
        if isinstance(frame, FrameItem):
            frame.set_count(frame.count + delta)
        frame = frame.parentItem()


def _problem(findings, lang: str) -> tuple[str | None, str]:
    """The worst severity among findings and a tooltip listing them."""
    if not findings:
        return None, ""
    worst = min(findings, key=lambda f: SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER else 9)
    lines = [f"[{f.rule}] {f.message_in(lang)}" for f in findings]
    return worst.severity, "\n".join(lines)


__all__ = ["DesignScene", "edge_text", "node_detail", "node_text"]
