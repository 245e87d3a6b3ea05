"""Frame work on the canvas: a drag blits two kept bitmaps and strokes only the connections
that stretch; an edit re-flags only what changed and recounts only the frames it touches."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QMouseEvent, QPainter  # noqa: E402

from benchmarks.generate import generate  # noqa: E402
from designer.edits import SetLabel  # noqa: E402
from designer.gui import overview as overview_module  # noqa: E402
from designer.gui import placement  # noqa: E402
from designer.gui.items import EdgeItem, FrameItem, ResourceItem  # noqa: E402
from designer.gui.placement import plan_move  # noqa: E402
from designer.rules.finding import Finding, Source  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.canvas_helpers import make_view, mouse, view_point  # noqa: E402

ALT = Qt.KeyboardModifier.AltModifier  # free move: no snapping, no guides
MOVE = QMouseEvent.Type.MouseMove


def start_drag(view, node_id: str) -> QPoint:
    """Press on the node's icon and move once, so the drag has begun; returns the press point."""
    rect = view.document.design.absolute_rect(node_id)
    press = view_point(view, rect.x + rect.w / 2, rect.y + 20)
    mouse(view, QMouseEvent.Type.MouseButtonPress, press, modifiers=ALT)
    mouse(view, MOVE, press + QPoint(8, 4), modifiers=ALT)
    return press


def count_calls(monkeypatch, cls, name: str) -> list[int]:
    calls = [0]
    original = getattr(cls, name)

    def counted(self, *args, _original=original, **kwargs):
        calls[0] += 1
        return _original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def test_a_drag_frame_strokes_only_the_stretching_connections(qtbot, monkeypatch):
    view = make_view(qtbot, load_sample("three-tier"))
    design = view.document.design
    before = design.absolute_rect("alb")
    press = start_drag(view, "alb")
    layer = view.drag_layer
    assert layer is not None and layer.builds == 1
    stretching = {e.edge_id for e in layer.stretching_edges}
    assert stretching == set(design.edge_ids_of("alb")) and not layer.rigid_edges
    item_paints = count_calls(monkeypatch, EdgeItem, "paint")
    node_paints = count_calls(monkeypatch, ResourceItem, "paint")
    lines = count_calls(monkeypatch, EdgeItem, "paint_line")
    for step in range(2, 5):
        mouse(view, MOVE, press + QPoint(8 * step, 4 * step), modifiers=ALT)
        view.viewport().grab()
    assert item_paints[0] == 0 and node_paints[0] == 0  # nothing else is painted again
    assert not view.scene()._flush.isActive()  # nor is the whole design measured between frames
    assert 0 < lines[0] <= 3 * len(stretching)
    assert layer.builds == 1  # kept for the whole drag
    measured = count_calls(monkeypatch, placement, "frame_rects")
    mouse(view, QMouseEvent.Type.MouseButtonRelease, press + QPoint(32, 16), modifiers=ALT)
    assert measured[0] == 0  # the drop uses the frames measured when the drag began
    assert view.drag_layer is None
    assert view.document.undo_stack.count() == 1
    assert design.absolute_rect("alb").x == before.x + 32
    view.viewport().grab()
    assert item_paints[0] > 0  # released: the view paints itself again


@pytest.mark.parametrize("node_id", ["nat-a", "users"])  # four frames deep; on the empty canvas
def test_a_drag_frame_looks_like_the_full_paint(qtbot, node_id):
    # Neither crosses a still connection (those are drawn under the moving nodes in a drag).
    view = make_view(qtbot, load_sample("three-tier"))
    press = start_drag(view, node_id)
    mouse(view, MOVE, press + QPoint(16, 8), modifiers=ALT)
    layered = view.viewport().grab().toImage()
    layer, view.drag_layer = view.drag_layer, None
    full = view.viewport().grab().toImage()
    view.drag_layer = layer
    assert layer.builds == 1 and layered == full


def test_the_bitmaps_are_redrawn_after_zoom_or_undo(qtbot):
    view = make_view(qtbot, load_sample("three-tier"))
    press = start_drag(view, "alb")
    layer = view.drag_layer
    view.set_zoom(0.8)
    view.viewport().grab()  # does not fit: painted the usual way, no stale bitmap shown
    mouse(view, MOVE, press + QPoint(24, 12), modifiers=ALT)
    assert layer.builds == 2
    view.document.findings_changed.emit([])  # e.g. Ctrl+Z during the drag
    mouse(view, MOVE, press + QPoint(32, 16), modifiers=ALT)
    assert layer.builds == 3


def test_a_drop_measures_the_frames_again_if_the_model_changed_during_the_drag(qtbot, monkeypatch):
    view = make_view(qtbot, load_sample("three-tier"))
    design = view.document.design
    before = design.absolute_rect("alb")
    press = start_drag(view, "alb")
    view.document.push(SetLabel("db", "Orders"), "Rename")  # e.g. from the inspector
    measured = count_calls(monkeypatch, placement, "frame_rects")
    mouse(view, QMouseEvent.Type.MouseButtonRelease, press + QPoint(32, 16), modifiers=ALT)
    assert measured[0] == 1
    assert design.absolute_rect("alb").x == before.x + 8 and view.document.undo_stack.count() == 2  # the last move


def finding(node_id: str, severity: str = "error") -> Finding:
    return Finding("TST-001", severity, (node_id,), (), "A test finding", "시험", Source())


def test_new_findings_clear_only_what_was_flagged(qtbot):
    view = make_view(qtbot, load_sample("three-tier"))
    scene = view.scene()
    scene.set_findings([finding("alb"), finding("db", "warning")])
    assert scene.item_for("alb").severity == "error" and scene.item_for("db").severity == "warning"
    scene.set_findings([finding("db")])
    assert scene.item_for("alb").severity is None and scene.item_for("alb").toolTip() == ""
    assert scene.item_for("db").severity == "error" and "TST-001" in scene.item_for("db").toolTip()
    scene.rebuild()  # the flagged items are replaced: the next findings must not touch the old ones
    scene.set_findings([])
    assert all(item.severity is None for item in scene.node_items())


def test_counts_follow_a_drop_into_another_frame(qtbot):
    view = make_view(qtbot, load_sample("classroom-mistakes"))
    scene, doc = view.scene(), view.document
    design = doc.design
    rect, az_c = design.absolute_rect("pub-a"), design.absolute_rect("az-c")
    doc.push(plan_move(design, {"pub-a": (az_c.x - 100, rect.y)}), "Move")  # AZ a -> the VPC
    scene.flush()
    counted = {i.node_id: i.count for i in scene.node_items() if isinstance(i, FrameItem)}
    # A full recount agrees with the incremental one.
    assert counted == {i.node_id: len(list(design.descendants(i.node_id)))
                       for i in scene.node_items() if isinstance(i, FrameItem)}
    assert counted["az-a"] < counted["vpc"]
    doc.undo_stack.undo()
    scene.flush()
    assert scene.item_for("az-a").count == len(list(design.descendants("az-a")))


def test_the_overview_replays_only_what_the_view_shows(qtbot, monkeypatch):
    monkeypatch.setattr(overview_module, "CHUNK", 4)  # small pictures, so a small design has many
    view = make_view(qtbot, generate(300, seed=0))
    overview = view.scene().overview
    overview.invalidate()
    overview._ensure()
    chunks = overview._picture
    zoom = 0.2
    first_frame = next(i for i in view.scene().node_items() if isinstance(i, FrameItem) and not i.parentItem())
    exposed = QRectF(first_frame.scene_rect().topLeft(), QRectF(0, 0, 1400 / zoom, 900 / zoom).size())

    def draw(area: QRectF) -> QImage:
        image = QImage(1400, 900, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.scale(zoom, zoom)
        painter.translate(-exposed.topLeft())
        overview.paint(painter, area, zoom, selection=False)
        painter.end()
        return image

    replays = count_calls(monkeypatch, QPainter, "drawPicture")
    part = draw(exposed)
    assert 0 < replays[0] < len(chunks) > 4  # a part of the design: a part of the drawings
    everything = draw(QRectF(-1e7, -1e7, 2e7, 2e7))
    assert part == everything  # and nothing the view shows is left out


def test_the_scene_rectangle_is_right_from_the_start(qtbot):
    # Else the first edit moves it, and the paint after that edit rebuilds the whole item index.
    from designer.gui.document import Document
    from designer.gui.scene import DesignScene

    document = Document(load_sample("three-tier"))
    design = document.design
    rightmost = max((n for n in design.nodes if n.parent is None), key=lambda n: design.absolute_rect(n.id).right)
    document._findings = [finding(rightmost.id)]  # its badge sticks out of the design's right side
    scene = DesignScene(document)
    opened = scene.sceneRect()
    scene.flush()
    assert scene.sceneRect() == opened
