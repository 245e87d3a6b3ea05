"""Level of detail: zoomed far out the view draws the scene's overview (frames with counts),
not every item; it stays lazy, follows edits, presentation steps and selection, and a click
there grabs only what is drawn."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QImage, QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsItem  # noqa: E402

from designer.edits import SetLabel  # noqa: E402
from designer.gui.items import EdgeItem, FrameItem, ResourceItem, style  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.canvas_helpers import make_view, mouse  # noqa: E402

FAR = 0.2  # below OVERVIEW_ZOOM
NEAR = 1.0


def far_view(qtbot, sample="three-tier"):
    view = make_view(qtbot, load_sample(sample))
    view.set_zoom(FAR)
    view.centerOn(view.scene().content_rect().center())
    return view


def count_paints(monkeypatch) -> dict[str, int]:
    counts = {"ResourceItem": 0, "FrameItem": 0, "EdgeItem": 0}
    for cls in (ResourceItem, FrameItem, EdgeItem):
        original = cls.paint

        def paint(self, painter, option, widget=None, _original=original, _name=cls.__name__):
            counts[_name] += 1
            return _original(self, painter, option, widget)

        monkeypatch.setattr(cls, "paint", paint)
    return counts


def colours(image) -> set[str]:
    """The colour names of every second pixel in both directions.

    Read as whole rows of 32-bit ARGB words (the same values as QImage.pixel(), ~30x faster
    than one pixel() call per pixel).
    """
    image = image.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    width, stride = image.width(), image.bytesPerLine()
    bits = image.constBits().cast("B")
    seen: set[int] = set()
    for y in range(0, image.height(), 2):
        seen.update(bits[y * stride: y * stride + width * 4].cast("I")[::2])
    return {f"#{pixel & 0xFFFFFF:06x}" for pixel in seen}


def test_far_out_no_item_paints_itself_and_frames_show(qtbot, monkeypatch):
    view = far_view(qtbot)
    counts = count_paints(monkeypatch)
    image = view.viewport().grab()
    assert counts == {"ResourceItem": 0, "FrameItem": 0, "EdgeItem": 0}
    vpc_stroke = style.frame_style("vpc").stroke.name()
    assert vpc_stroke in colours(image)
    view.set_zoom(NEAR)
    view.viewport().grab()
    assert counts["ResourceItem"] > 0  # near: the items paint themselves again


def test_overview_labels_carry_counts_and_it_is_lazy(qtbot):
    view = far_view(qtbot)
    overview = view.scene().overview
    view.viewport().grab()
    builds = overview.builds
    assert any(count for _rect, (_name, count), *_rest in overview._labels)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
    view.viewport().grab()
    view.set_zoom(FAR * 0.8)
    view.viewport().grab()
    assert overview.builds == builds  # panning and zooming replay; nothing is rebuilt
    vpc = view.document.design.nodes_of_kind("vpc")[0].id
    view.document.push(SetLabel(vpc, "Renamed VPC"), "Rename")
    view.scene().flush()
    view.viewport().grab()
    assert overview.builds == builds + 1
    assert any(name == "Renamed VPC" for _rect, (name, _count), *_rest in overview._labels)


def test_hidden_and_greyed_items_are_followed(qtbot):
    view = far_view(qtbot)
    overview = view.scene().overview
    frame = next(i for i in view.scene().node_items() if isinstance(i, FrameItem) and i.parentItem() is None)
    view.viewport().grab()
    labels = len(overview._labels)
    frame.setVisible(False)  # what a presentation step does
    view.viewport().grab()
    assert len(overview._labels) < labels
    frame.setVisible(True)
    frame.setOpacity(0.3)  # what the failure drill does
    view.viewport().grab()
    assert len(overview._labels) == labels
    assert any(opacity == pytest.approx(0.3) for _r, _t, _c, opacity, _zoom in overview._labels)


def test_far_click_grabs_only_what_is_drawn(qtbot):
    view = far_view(qtbot)
    scene = view.scene()
    resource = next(i for i in scene.node_items() if isinstance(i, ResourceItem) and i.parentItem() is not None)
    point = view.mapFromScene(resource.scene_rect().center())
    assert resource in view.items(point)
    assert resource not in view.items_drawn_at(point)
    mouse(view, QMouseEvent.Type.MouseButtonPress, point)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, point)
    assert resource.node_id not in scene.selected_node_ids()
    frame = next(i for i in scene.node_items() if isinstance(i, FrameItem))
    header = view.mapFromScene(frame.mapToScene(frame.rect().center().x(), style.FRAME_HEADER / 2))
    mouse(view, QMouseEvent.Type.MouseButtonPress, header)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, header)
    assert scene.selected_node_ids()  # a frame (the top one under the header) was picked


def test_selection_is_drawn_far_out(qtbot):
    view = far_view(qtbot)
    scene = view.scene()
    before = colours(view.viewport().grab())
    scene.select_ids(view.document.design.node_ids())
    after = colours(view.viewport().grab())
    assert style.SELECTION.name() not in before and style.SELECTION.name() in after


def test_minimap_draws_the_overview_not_every_item(qtbot, monkeypatch):
    view = far_view(qtbot)
    view.set_zoom(NEAR)
    counts = count_paints(monkeypatch)
    view.minimap.refresh()
    assert view.minimap.isVisible() and view.minimap._image is not None
    assert counts == {"ResourceItem": 0, "FrameItem": 0, "EdgeItem": 0}
    builds = view.scene().overview.builds
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 50)
    view.minimap.refresh()
    assert view.scene().overview.builds == builds  # moving the view keeps the thumbnail


def test_edges_are_not_bitmap_cached_at_full_size(qtbot):
    view = far_view(qtbot)
    view.viewport().grab()
    view.resetTransform()  # changes the zoom without set_zoom (as benchmarks do)
    view.viewport().grab()
    assert all(e.cacheMode() == QGraphicsItem.CacheMode.NoCache for e in view.scene().edge_items())
    view.set_zoom(0.4)
    view.viewport().grab()
    # Nor zoomed out: edge bitmaps were redrawn at every zoom step and, at 10,000 resources,
    # overflowed QPixmapCache (a pan frame at 38 % took 220 ms with them, 56 ms without).
    assert all(e.cacheMode() == QGraphicsItem.CacheMode.NoCache for e in view.scene().edge_items())
    QApplication.processEvents()
