"""The canvas as a user meets it: drops from the palette, drags, keys, clipboard, labels."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from designer.gui.items import FrameItem, ResourceItem  # noqa: E402
from designer.gui.mime import kind_from_mime, kind_mime_data  # noqa: E402
from designer.gui.palette import PaletteWidget  # noqa: E402
from designer.model import Design  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.canvas_helpers import drag_mouse, drop_mime, make_view, mouse, view_point  # noqa: E402

ALT = Qt.KeyboardModifier.AltModifier  # no snapping: exact positions


def centre(design, node_id):
    rect = design.absolute_rect(node_id)
    return rect.x + rect.w / 2, rect.y + rect.h / 2


def findings_for(doc, rule, node_id):
    return [f for f in doc.findings if f.rule == rule and node_id in f.nodes]


# ---------------------------------------------------------------------- the scene mirrors the model
def test_scene_mirrors_every_node_and_edge(qtbot):
    view = make_view(qtbot, load_sample("three-tier"))
    scene, design = view.scene(), view.document.design
    assert {i.node_id for i in scene.node_items()} == set(design.node_ids())
    assert {i.edge_id for i in scene.edge_items()} == set(design.edge_ids())
    for node in design.nodes:
        item = scene.item_for(node.id)
        assert isinstance(item, FrameItem if node.kind in ("region", "vpc", "availability_zone", "subnet")
                          else (FrameItem, ResourceItem))
        parent = scene.item_for(node.parent) if node.parent else None
        assert item.parentItem() is parent
        rect = design.absolute_rect(node.id)
        assert (item.scenePos().x(), item.scenePos().y()) == (rect.x, rect.y)


# ---------------------------------------------------------------------- drop from the palette
def test_palette_drag_carries_the_kind(qtbot):
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    item = palette.item_for_kind("rds")
    assert kind_from_mime(palette.tree.mimeData([item])) == "rds"
    assert {"region", "vpc", "subnet", "ec2", "load_balancer", "rds", "s3_bucket", "route53_zone"} <= set(palette.kinds())
    palette.search.setText("RDS")
    visible = [k for k in palette.kinds() if not palette.item_for_kind(k).isHidden()]
    assert visible == ["rds"]
    palette.search.setText("서브넷")
    assert [k for k in palette.kinds() if not palette.item_for_kind(k).isHidden()] == ["subnet"]


def test_drop_creates_node_under_the_right_parent(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    x, y = centre(doc.design, "priv-a")
    before = doc.design.node_count
    assert drop_mime(view, kind_mime_data("rds"), view_point(view, x, y + 30))
    assert doc.design.node_count == before + 1
    new = doc.design.nodes_of_kind("rds")[-1]
    assert new.parent == "priv-a"
    assert view.scene().selected_node_ids() == [new.id]
    assert view.scene().item_for(new.id).parentItem() is view.scene().item_for("priv-a")
    doc.undo_stack.undo()
    assert doc.design.node_count == before and view.scene().item_for(new.id) is None


def test_public_database_is_flagged_the_moment_it_is_dropped(qtbot):
    view = make_view(qtbot, load_sample("three-tier"))
    doc = view.document
    public = [n.id for n in doc.design.nodes_of_kind("subnet") if n.props.get("public")][0]
    x, y = centre(doc.design, public)
    rect = doc.design.absolute_rect(public)
    assert drop_mime(view, kind_mime_data("rds"), view_point(view, rect.x + 60, y + 30))
    new = doc.design.nodes_of_kind("rds")[-1]
    assert new.parent == public
    flagged = [f for f in doc.findings if new.id in f.nodes and f.severity == "error"]
    assert flagged, "a database in a public subnet is an error"
    assert view.scene().item_for(new.id).severity == "error"
    assert view.scene().item_for(new.id).toolTip()


def test_refused_drop_changes_nothing_and_says_why(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    before = doc.design.model_dump()
    messages = []
    view.status_message.connect(messages.append)
    x, y = centre(doc.design, "pub-a")
    assert not drop_mime(view, kind_mime_data("internet_gateway"), view_point(view, x, y))
    assert doc.design.model_dump() == before and doc.undo_stack.count() == 0
    assert messages and "Internet gateway" in messages[-1] and "Subnet" in messages[-1]


def test_foreign_drags_are_ignored(qtbot):
    view = make_view(qtbot, Design())
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setText("ec2")
    assert not drop_mime(view, data, QPoint(100, 100))
    assert view.document.design.node_count == 0


# ---------------------------------------------------------------------- moving with the mouse
def test_moving_subnet_across_two_azs_raises_top002_and_back_clears_it(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    design = doc.design
    assert not findings_for(doc, "TOP-002", "pub-a")
    home = design.absolute_rect("pub-a")
    az_c = design.absolute_rect("az-c")
    view.centerOn(home.x + home.w, home.y + 100)
    grab = view.mapFromScene(home.x + 120, home.y + 14)  # the subnet's header
    shift = round(az_c.x - 80 - home.x)
    drag_mouse(view, grab, grab + QPoint(shift, 0), modifiers=ALT)
    assert design.node("pub-a").parent == "vpc"
    assert design.absolute_rect("pub-a").x == home.x + shift
    assert findings_for(doc, "TOP-002", "pub-a"), "a subnet across two AZs is reported"
    assert doc.undo_stack.count() == 1  # the drag is one step (move + reparent)
    # The item follows: still at the same place on screen, now a child of the VPC frame.
    assert view.scene().item_for("pub-a").parentItem() is view.scene().item_for("vpc")
    moved = view.mapFromScene(design.absolute_rect("pub-a").x + 120, home.y + 14)
    drag_mouse(view, moved, moved - QPoint(shift, 0), modifiers=ALT)
    assert design.node("pub-a").parent == "az-a"
    assert design.absolute_rect("pub-a") == home
    assert not findings_for(doc, "TOP-002", "pub-a")


def test_moving_a_container_moves_its_content_and_undo_restores(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    before = doc.design.model_dump()
    web = doc.design.absolute_rect("web-1")
    home = doc.design.absolute_rect("az-a")
    grab = view_point(view, home.x + 16, home.y + 14)  # the AZ's icon: no edge runs over it
    drag_mouse(view, grab, grab + QPoint(0, 40), modifiers=ALT)
    assert doc.design.absolute_rect("web-1").y == web.y + 40
    item = view.scene().item_for("web-1")
    assert item.scenePos().y() == web.y + 40
    doc.undo_stack.undo()
    assert doc.design.model_dump() == before
    assert item.scenePos().y() == web.y


def test_snap_to_grid_and_refused_move_snaps_back(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    messages = []
    view.status_message.connect(messages.append)
    web = doc.design.absolute_rect("web-1")
    grab = view_point(view, web.x + 48, web.y + 30)
    drag_mouse(view, grab, grab + QPoint(0, -700), modifiers=ALT)  # out of the Region
    assert doc.design.absolute_rect("web-1") == web and messages
    assert view.scene().item_for("web-1").scenePos().y() == web.y
    view.set_snap_to_grid(True)
    grab = view_point(view, web.x + 48, web.y + 30)
    drag_mouse(view, grab, grab + QPoint(13, 5))
    moved = doc.design.absolute_rect("web-1")
    assert moved != web


def test_click_and_ctrl_click_and_rubber_band_select(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    scene, design = view.scene(), view.document.design
    seen = []
    scene.selection_ids_changed.connect(seen.append)
    a = view_point(view, *centre(design, "web-1"))
    mouse(view, QMouseEvent.Type.MouseButtonPress, a)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, a)
    assert scene.selected_ids() == ["web-1"] and seen[-1] == ["web-1"]
    b = view.mapFromScene(*centre(design, "db"))
    mouse(view, QMouseEvent.Type.MouseButtonPress, b, modifiers=Qt.KeyboardModifier.ControlModifier)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, b, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert scene.selected_node_ids() == ["web-1", "db"]
    # A band dragged across the private subnet's interior selects what is wholly inside.
    sub = design.absolute_rect("priv-a")
    start = view_point(view, sub.x - 10, sub.y + 20)  # the AZ's interior, beside the subnet
    end = view.mapFromScene(sub.right - 4, sub.bottom - 4)
    drag_mouse(view, start, end)
    assert set(scene.selected_node_ids()) == {"nat", "app-1"}


def test_resize_handle_grows_a_frame_in_one_step(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    view.scene().select_ids(["az-c"])
    rect = doc.design.absolute_rect("az-c")
    corner = view_point(view, rect.right, rect.bottom)
    drag_mouse(view, corner, corner + QPoint(40, 24), modifiers=ALT)
    assert doc.design.absolute_rect("az-c").w == rect.w + 40
    assert doc.design.absolute_rect("az-c").h == rect.h + 24
    assert doc.undo_stack.count() == 1


def test_connect_by_dragging_from_a_handle(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    app = doc.design.absolute_rect("app-1")
    db = doc.design.absolute_rect("db")
    view.centerOn(app.x, app.y - 100)
    handle = view.mapFromScene(app.right, app.y + app.h / 2)  # right-hand handle
    mouse(view, QMouseEvent.Type.MouseMove, view.mapFromScene(app.x + 48, app.y + 40))  # hover shows handles
    view.scene().item_for("app-1").hovered = True
    drag_mouse(view, handle, view.mapFromScene(db.x + 48, db.y + 40))
    edges = [e for e in doc.design.edges if (e.source, e.target) == ("app-1", "db")]
    assert len(edges) == 1 and edges[0].kind == "traffic"
    view.set_connect_mode(True)
    eip = doc.design.absolute_rect("eip")
    web = doc.design.absolute_rect("web-1")
    view.centerOn(eip.x, (eip.y + web.y) / 2)
    drag_mouse(view, view.mapFromScene(eip.x + 48, eip.y + 30), view.mapFromScene(web.x + 48, web.y + 30))
    assert [e.kind for e in doc.design.edges if (e.source, e.target) == ("eip", "web-1")] == ["attach"]


# ---------------------------------------------------------------------- keyboard
def test_arrow_nudges_merge_into_one_step(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    web = doc.design.absolute_rect("web-1")
    view.scene().select_ids(["web-1"])
    view.setFocus()
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert doc.design.absolute_rect("web-1").x == web.x + 3
    assert doc.design.absolute_rect("web-1").y == web.y + 10
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.design.absolute_rect("web-1") == web


def test_delete_a_vpc_is_one_step_that_undo_restores_whole(qtbot):
    view = make_view(qtbot, load_sample("three-tier"))
    doc = view.document
    before = doc.design.model_dump()
    vpc = doc.design.nodes_of_kind("vpc")[0].id
    view.scene().select_ids([vpc])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert vpc not in doc.design and doc.undo_stack.count() == 1
    assert len(view.scene().node_items()) == doc.design.node_count
    doc.undo_stack.undo()
    assert doc.design.model_dump() == before
    assert len(view.scene().node_items()) == doc.design.node_count
    assert len(view.scene().edge_items()) == doc.design.edge_count


def test_copy_paste_and_duplicate_keep_edges_inside_the_copy(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    design = doc.design
    view.scene().select_ids(["pub-a"])
    view.copy_selection()
    assert "aws-designer" in QApplication.clipboard().text()
    nodes, edges = design.node_count, design.edge_count
    view.duplicate_selection()  # a subnet duplicated inside a full AZ lands in the VPC
    view.scene().select_ids(["web-1", "db"])
    view.copy_selection()
    view.paste()
    assert design.node_count > nodes + 2
    copies = view.scene().selected_node_ids()
    assert len(copies) == 2 and not {"web-1", "db"} & set(copies)
    inner = [e for e in design.edges if e.source in copies and e.target in copies]
    assert len(inner) == 1 and inner[0].kind == "traffic"
    assert design.edge_count >= edges + 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert (design.node_count, design.edge_count) == (nodes, edges)


def test_cut_then_paste_restores_the_same_ids(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    design = view.document.design
    view.scene().select_ids(["app-1"])
    view.cut_selection()
    assert "app-1" not in design
    view.paste()
    assert "app-1" in design and design.node("app-1").parent == "priv-a"


def test_paste_of_garbage_says_so(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    messages = []
    view.status_message.connect(messages.append)
    QApplication.clipboard().setText("not a design")
    view.paste()
    assert messages and view.document.undo_stack.count() == 0


def test_select_all(qtbot):
    view = make_view(qtbot, load_sample("vpc-peering"))
    view.select_all()
    design = view.document.design
    assert view.scene().selected_ids() == design.node_ids() + design.edge_ids()


# ---------------------------------------------------------------------- labels in place
def test_f2_edits_the_label_in_place(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    doc = view.document
    view.scene().select_ids(["web-1"])
    QTest.keyClick(view, Qt.Key.Key_F2)
    assert view._editor is not None
    view._editor.setText("웹 서버 1")
    QTest.keyClick(view._editor, Qt.Key.Key_Return)
    assert doc.design.node("web-1").label == "웹 서버 1"
    assert view.scene().item_for("web-1").text == "웹 서버 1"
    # Escape cancels
    QTest.keyClick(view, Qt.Key.Key_F2)
    view._editor.setText("nope")
    QTest.keyClick(view._editor, Qt.Key.Key_Escape)
    assert doc.design.node("web-1").label == "웹 서버 1" and doc.undo_stack.count() == 1


def test_double_click_edits_an_edge_label(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    edge_item = view.scene().edge_item_for("e3")
    point = view_point(view, edge_item.line.pointAt(0.3).x(), edge_item.line.pointAt(0.3).y())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert view._editing == ("edge", "e3")
    view._editor.setText("MySQL 3306")
    QTest.keyClick(view._editor, Qt.Key.Key_Return)
    assert view.document.design.edge("e3").label == "MySQL 3306"


# ---------------------------------------------------------------------- zoom, findings, language
def test_zoom_fit_and_centre(qtbot):
    view = make_view(qtbot, load_sample("three-tier"))
    zooms = []
    view.zoom_changed.connect(zooms.append)
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.2)
    view.zoom_out()
    view.zoom_out()
    assert zooms[-1] == pytest.approx(1 / 1.2)
    view.resize(500, 400)
    view.fit_to_window()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.scene().content_rect())
    view.zoom_reset()
    view.center_on_ids(["db-c"] if "db-c" in view.document.design else [view.document.design.node_ids()[-1]])
    for _ in range(40):
        view.zoom_out()
    assert view.zoom() == pytest.approx(0.05)
    view.grab()  # paints at the lowest level of detail without error


def test_badges_follow_the_findings(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    scene = view.scene()
    flagged = {nid for f in view.document.findings for nid in f.nodes}
    assert flagged
    for item in scene.node_items():
        assert (item.severity is not None) == (item.node_id in flagged)
    scene.set_findings([])
    assert all(item.severity is None and not item.toolTip() for item in scene.node_items())


def test_language_switch_renames_unlabelled_nodes(qtbot):
    from designer.gui.i18n import translator

    view = make_view(qtbot, Design())
    node_id = view.drop_kind("region", 400, 300)
    item = view.scene().item_for(node_id)
    previous = translator().language
    try:
        translator().set_language("en")
        assert item.text == "Region"
        translator().set_language("ko")
        assert item.text == "리전"
    finally:
        translator().set_language(previous)


def test_empty_canvas_builds_a_vpc_from_scratch(qtbot):
    view = make_view(qtbot, Design())
    doc = view.document
    region = view.drop_kind("region", 700, 500)
    r = doc.design.absolute_rect(region)
    vpc = view.drop_kind("vpc", r.x + r.w / 2, r.y + r.h / 2)
    assert doc.design.node(vpc).parent == region
    v = doc.design.absolute_rect(vpc)
    az = view.drop_kind("availability_zone", v.x + 200, v.y + v.h / 2)
    assert doc.design.node(az).parent == vpc
    a = doc.design.absolute_rect(az)
    subnet = view.drop_kind("subnet", a.x + a.w / 2, a.y + 150)
    assert doc.design.node(subnet).parent == az
    s = doc.design.absolute_rect(subnet)
    ec2 = view.drop_kind("ec2", s.x + s.w / 2, s.y + s.h / 2)
    assert doc.design.node(ec2).parent == subnet
    assert doc.undo_stack.count() == 5


def test_dropped_and_duplicated_subnets_do_not_overlap(qtbot):
    view = make_view(qtbot, Design())
    doc = view.document
    region = view.drop_kind("region", 700, 500)
    r = doc.design.absolute_rect(region)
    vpc = view.drop_kind("vpc", r.x + r.w / 2, r.y + r.h / 2)
    v = doc.design.absolute_rect(vpc)
    az = view.drop_kind("availability_zone", v.x + 200, v.y + v.h / 2)
    a = doc.design.absolute_rect(az)
    first = view.drop_kind("subnet", a.x + a.w / 2, a.y + 150)
    second = view.drop_kind("subnet", a.x + a.w / 2, a.y + 400)
    cidrs = [doc.design.node(s).props["cidr"] for s in (first, second)]
    assert cidrs == ["10.0.1.0/24", "10.0.2.0/24"]
    view.scene().select_ids([second])
    view.duplicate_selection()
    copy = view.scene().selected_node_ids()[0]
    assert doc.design.node(copy).props["cidr"] == "10.0.3.0/24"
    assert not [f for f in doc.findings if f.rule == "NET-003"]
    other = view.drop_kind("vpc", r.x + r.w + 2000, r.y)  # beside the region: a second network
    assert doc.design.node(other).props["cidr"] == "10.1.0.0/16"
    for _ in range(2):
        doc.undo_stack.undo()
    assert copy not in doc.design and doc.design.node(second).props["cidr"] == "10.0.2.0/24"
