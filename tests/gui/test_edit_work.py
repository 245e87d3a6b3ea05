"""An edit on a large design does work in proportion to what it changed, not to the design:
the scene rectangle, the badges, the containers' counts and the overview are kept up to
date item by item, and always equal what a recount from scratch gives."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRectF  # noqa: E402

from benchmarks.generate import generate  # noqa: E402
from designer.edits import (  # noqa: E402
    AddNode,
    SetGeometry,
    SetLabel,
    SetParent,
    SetProp,
    delete_nodes,
    new_node,
)
from designer.gui.frame_counts import FrameCounts  # noqa: E402
from designer.gui.items import FrameItem  # noqa: E402
from designer.gui.scene import _index_findings, _problem  # noqa: E402
from designer.model import NodeAdded  # noqa: E402
from tests.gui.canvas_helpers import make_view  # noqa: E402

N = 300  # resources: large enough that "every item" and "the changed ones" differ by 100x


@pytest.fixture
def view(qtbot):
    view = make_view(qtbot, generate(N, seed=1))
    view.document.check_now()
    view.scene().flush()
    return view


def recounted_rect(scene) -> QRectF:
    """content_rect() as it was computed before it was kept: every item united."""
    rect = QRectF()
    for item in scene.node_items():
        if item.parentItem() is None:
            rect = rect.united(item.sceneBoundingRect())
    for item in scene.edge_items():
        rect = rect.united(item.boundingRect())
    return rect


def assert_badges_match(scene) -> None:
    """Every item shows what a from-scratch pass over the findings gives."""
    by_node, by_edge = _index_findings(scene.findings)
    lang = scene.language()
    for item in scene.node_items():
        assert (item.severity, item._tooltip) == _problem(by_node.get(item.node_id, ()), lang), item.node_id
    for item in scene.edge_items():
        assert (item.severity, item._tooltip) == _problem(by_edge.get(item.edge_id, ()), lang), item.edge_id


def assert_counts_match(scene) -> None:
    fresh = FrameCounts()
    fresh.recount(scene.design)
    for item in scene.node_items():
        if isinstance(item, FrameItem):
            assert item.count == fresh.counts.get(item.node_id, 0), item.node_id


def settle(view) -> None:
    view.scene().flush()


def test_a_prop_edit_touches_only_the_changed_items(view):
    scene, doc = view.scene(), view.document
    instance = doc.design.nodes_of_kind("ec2")[3]
    scene.content_rect()
    scene.overview.draws(scene.item_for(instance.id))  # built once, as the minimap does
    measured, badged, builds = scene._extent.measured, scene.badge_updates, scene.overview.builds
    doc.push(SetProp(instance.id, "instance_type", "m7i.xlarge"))
    settle(view)
    scene.content_rect()
    scene.overview.draws(scene.item_for(instance.id))  # builds the overview only if it is stale
    items = len(scene.node_items()) + len(scene.edge_items())
    assert items > 500
    assert scene._extent.measured - measured <= 20  # the changed items, not a recount of all
    assert scene.badge_updates - badged <= 20  # the items its changed findings name
    assert scene.overview.builds == builds  # a resource inside a subnet is not drawn there
    assert scene.content_rect() == recounted_rect(scene)
    assert_badges_match(scene)


def test_content_rect_follows_edits_at_the_edges(view):
    scene, doc = view.scene(), view.document
    design = doc.design
    top = [n for n in design.nodes if n.parent is None and n.kind == "region"]
    assert len(top) >= 2
    outer = max(top, key=lambda n: n.x + n.w)
    steps = [
        SetGeometry(outer.id, (outer.x + 900, outer.y, outer.w, outer.h)),  # grows the content
        SetGeometry(outer.id, (outer.x, outer.y, outer.w, outer.h)),  # and shrinks it back
        SetGeometry(outer.id, (outer.x, outer.y, outer.w / 2, outer.h)),  # the edge moves inward
        SetProp(design.nodes_of_kind("ec2")[0].id, "instance_type", "t3.nano"),
    ]
    for edit in steps:
        doc.push(edit)
        settle(view)
        assert scene.content_rect() == recounted_rect(scene)
    loner = new_node(design, "s3_bucket", None, outer.x + outer.w + 5000, -3000)
    doc.push(AddNode(loner))
    settle(view)
    assert scene.content_rect() == recounted_rect(scene)
    doc.push(delete_nodes(design, [loner.id]))
    settle(view)
    assert scene.content_rect() == recounted_rect(scene)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        settle(view)
        assert scene.content_rect() == recounted_rect(scene)


def test_random_edits_keep_rect_badges_and_counts_exact(view):
    scene, doc = view.scene(), view.document
    design = doc.design
    rng = random.Random(7)
    subnets = design.nodes_of_kind("subnet")
    added: list[str] = []
    for step in range(40):
        choice = rng.randrange(6)
        instances = design.nodes_of_kind("ec2")
        node = rng.choice(instances)
        if choice == 0:
            doc.push(SetProp(node.id, "instance_type", rng.choice(["t3.micro", "m7i.xlarge", "c7g.large"])))
        elif choice == 1:
            doc.push(SetGeometry(node.id, (node.x + rng.uniform(-40, 40), node.y, node.w, node.h)))
        elif choice == 2:
            doc.push(SetLabel(node.id, f"renamed-{step}"))
        elif choice == 3:
            fresh = new_node(design, "ec2", rng.choice(subnets).id, 10, 40)
            doc.push(AddNode(fresh))
            added.append(fresh.id)
        elif choice == 4 and added:
            doc.push(delete_nodes(design, [added.pop()]))
        elif choice == 5:
            target = rng.choice(subnets)
            if target.id != node.parent:
                doc.push(SetParent(node.id, target.id))
        if rng.random() < 0.2 and doc.undo_stack.canUndo():
            doc.undo_stack.undo()
            if rng.random() < 0.5:
                doc.undo_stack.redo()
        settle(view)
        assert scene.content_rect() == recounted_rect(scene)
    assert_badges_match(scene)
    assert_counts_match(scene)


def test_deleting_a_vpc_and_undo_keep_counts_and_badges(view):
    scene, doc = view.scene(), view.document
    vpc = doc.design.nodes_of_kind("vpc")[0]
    doc.push(delete_nodes(doc.design, [vpc.id]))
    settle(view)
    assert_counts_match(scene)
    assert_badges_match(scene)
    doc.undo_stack.undo()
    settle(view)
    assert_counts_match(scene)
    assert_badges_match(scene)
    assert scene.content_rect() == recounted_rect(scene)


def test_a_recreated_item_gets_its_badge_even_if_its_findings_did_not_change(view):
    scene, doc = view.scene(), view.document
    flagged = next(f for f in doc.findings if f.nodes and f.severity in ("error", "warning"))
    node_id = flagged.nodes[0]
    item = scene.item_for(node_id)
    assert item.severity is not None
    # What undoing a delete does to the scene: the node's item is made anew, unbadged.
    scene._nodes.pop(node_id)
    scene.removeItem(item)
    scene._on_model_changed(NodeAdded(node_id))
    assert scene.item_for(node_id).severity is None
    scene.set_findings(list(scene.findings))  # the same finding objects
    assert scene.item_for(node_id).severity == _problem([f for f in scene.findings if node_id in f.nodes],
                                                        scene.language())[0]


def test_language_switch_and_filtered_findings_rebadge_everything(view):
    from designer.gui.i18n import translator

    scene = view.scene()
    previous = translator().language
    try:
        translator().set_language("ko")
        assert_badges_match(scene)
    finally:
        translator().set_language(previous)
    assert_badges_match(scene)
    errors_only = [f for f in scene.findings if f.severity == "error"]
    scene.set_findings(errors_only)  # what an export without warnings does
    assert_badges_match(scene)
    scene.set_findings(view.document.findings)
    assert_badges_match(scene)


def test_selecting_a_few_items_does_not_scan_the_design(view, monkeypatch):
    scene, design = view.scene(), view.document.design
    instances = [n.id for n in design.nodes_of_kind("ec2")[:3]]
    edge = design.edge_ids()[5]
    expected = sorted(instances, key=design.index_of_node)
    seen: list[list] = []
    scene.selection_ids_changed.connect(seen.append)

    def no_scan(*_args):
        raise AssertionError("a selection of a few items scanned every node or edge")

    monkeypatch.setattr(type(design), "node_ids", no_scan)
    monkeypatch.setattr(type(design), "edge_ids", no_scan)
    scene.select_ids(list(reversed(instances)) + [edge, "no-such-id"])
    assert seen[-1] == expected + [edge]  # file order, nodes first
    assert scene.selected_node_ids() == expected
    assert scene.selected_edge_ids() == [edge]
