"""Undo/redo of every canvas command restores `model_dump()` exactly (random sequences of 200).

The commands are built by the same planners the canvas uses (drop, delete, move and
reparent, resize, connect, disconnect, paste, nudge) plus prop and label edits, and
pushed through the Document's QUndoStack with a live DesignScene attached, so the scene's
mirroring is checked too.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from designer.catalogue import get_kind  # noqa: E402
from designer.edits import AddNode, RemoveEdge, SetLabel, SetProp, delete_nodes, new_node  # noqa: E402
from designer.gui.clipboard import copy_fragment, plan_paste  # noqa: E402
from designer.gui.commands import MERGE_LABEL, MERGE_NUDGE, MERGE_PROP  # noqa: E402
from designer.gui.connect import plan_connect  # noqa: E402
from designer.gui.document import Document  # noqa: E402
from designer.gui.placement import DropPlan, is_frame_kind, plan_drop, plan_move, plan_resize  # noqa: E402
from designer.gui.scene import DesignScene  # noqa: E402
from designer.model import Rect  # noqa: E402
from tests.conftest import load_sample  # noqa: E402

STEPS = 200
OPS = ("add", "delete", "move", "resize", "prop", "label", "connect", "disconnect", "paste", "nudge")
KINDS = ("ec2", "rds", "subnet", "availability_zone", "nat_gateway", "s3_bucket", "security_group",
         "load_balancer", "elastic_ip", "internet")


def _value(draw, prop):
    if prop.type == "bool":
        return draw(st.booleans())
    if prop.type == "int":
        return draw(st.integers(-5, 50))
    if prop.type == "choice":
        return draw(st.sampled_from(prop.choices))
    if prop.type in ("str", "cidr"):
        return draw(st.sampled_from(["", "10.0.0.0/16", "10.0.1.0/24", "web", "웹 서버", "x" * 30]))
    return draw(st.sampled_from([[], None]))


def _step(draw, doc: Document) -> bool:
    """Push one random command; False when the drawn one does not apply (nothing pushed)."""
    design = doc.design
    op = draw(st.sampled_from(OPS))
    ids = design.node_ids()
    if op == "add":
        kind = draw(st.sampled_from(KINDS))
        x, y = draw(st.integers(-100, 1400)), draw(st.integers(-100, 1200))
        plan = plan_drop(design, kind, x, y)
        if not isinstance(plan, DropPlan):
            return False
        node = new_node(design, kind, plan.parent, plan.x, plan.y)
        node.w, node.h = plan.w, plan.h
        doc.push(AddNode(node))
        return True
    if not ids:
        return False
    target = draw(st.sampled_from(ids))
    if op == "delete":
        doc.push(delete_nodes(design, [target]))
    elif op in ("move", "nudge"):
        rect = design.absolute_rect(target)
        span = 4 if op == "nudge" else 500
        dx, dy = draw(st.integers(-span, span)), draw(st.integers(-span, span))
        edit = plan_move(design, {target: (rect.x + dx, rect.y + dy)})
        if not hasattr(edit, "edits"):
            return False
        doc.push(edit, merge_id=MERGE_NUDGE if op == "nudge" else -1)
    elif op == "resize":
        if not is_frame_kind(design.node(target).kind):
            return False
        r = design.absolute_rect(target)
        edit = plan_resize(design, target, Rect(r.x + draw(st.integers(-40, 40)), r.y + draw(st.integers(-40, 40)),
                                                max(120, r.w + draw(st.integers(-60, 60))),
                                                max(80, r.h + draw(st.integers(-60, 60)))))
        if not hasattr(edit, "edits"):
            return False
        doc.push(edit)
    elif op == "prop":
        props = get_kind(design.node(target).kind).props
        if not props:
            return False
        prop = draw(st.sampled_from(props))
        doc.push(SetProp(target, prop.name, _value(draw, prop)), merge_id=MERGE_PROP)
    elif op == "label":
        doc.push(SetLabel(target, draw(st.sampled_from([None, "A", "웹", "Long label " * 3]))), merge_id=MERGE_LABEL)
    elif op == "connect":
        other = draw(st.sampled_from(ids))
        edit = plan_connect(design, target, other)
        if not hasattr(edit, "edge"):
            return False
        doc.push(edit)
    elif op == "disconnect":
        if not design.edge_ids():
            return False
        doc.push(RemoveEdge(draw(st.sampled_from(design.edge_ids()))))
    elif op == "paste":
        plan = plan_paste(design, copy_fragment(design, [target]), draw(st.integers(-60, 60)), draw(st.integers(-60, 60)))
        if not plan.edit.edits:
            return False
        doc.push(plan.edit)
    return True


def _assert_scene_mirrors(scene: DesignScene, design) -> None:
    assert {i.node_id for i in scene.node_items()} == set(design.node_ids())
    assert {i.edge_id for i in scene.edge_items()} == set(design.edge_ids())
    for node in design.nodes:
        item = scene.item_for(node.id)
        assert item.parentItem() is (scene.item_for(node.parent) if node.parent else None)
        assert (item.pos().x(), item.pos().y(), item.w, item.h) == (node.x, node.y, node.w, node.h)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_undo_redo_restores_every_state(qapp, data):
    doc = Document(load_sample("classroom-mistakes"))
    scene = DesignScene(doc)
    dumps = {0: doc.design.model_dump()}
    for _ in range(STEPS):
        if _step(data.draw, doc):
            assert doc.design.model_dump() is not None
            dumps[doc.undo_stack.index()] = doc.design.model_dump()  # a merged step overwrites
    top = doc.undo_stack.index()
    assert top == max(dumps)
    _assert_scene_mirrors(scene, doc.design)
    for index in range(top - 1, -1, -1):
        doc.undo_stack.undo()
        assert doc.design.model_dump() == dumps[index], f"undo to step {index}"
    _assert_scene_mirrors(scene, doc.design)
    for index in range(1, top + 1):
        doc.undo_stack.redo()
        assert doc.design.model_dump() == dumps[index], f"redo to step {index}"
    scene.flush()
    _assert_scene_mirrors(scene, doc.design)
