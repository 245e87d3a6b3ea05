"""Presentation mode: F5 goes full screen without chrome, steps reveal the layers in order,
the current step's findings show large, and Esc restores everything (the model untouched)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar  # noqa: E402

from designer.analysis.presentation_steps import LAYER_KEYS, reveal_plan  # noqa: E402
from designer.gui import settings  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)
    translator().set_language("en")


def visible_ids(window) -> tuple[set[str], set[str]]:
    scene = window.scene
    return ({i.node_id for i in scene.node_items() if i.isVisible()},
            {i.edge_id for i in scene.edge_items() if i.isVisible()})


def open_docks(window) -> set[str]:
    return {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()}


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, load_sample("three-tier"))
    w.show()
    qtbot.waitExposed(w)
    return w


def test_f5_enters_and_esc_restores(qtbot, window):
    presenter = window.classroom.presenter
    design = window.document.design
    before_dump, before_steps = design.model_dump(), window.document.undo_stack.count()
    docks = open_docks(window)
    window.scene.select_ids(["alb"])
    zoom = window.canvas.zoom()
    assert window.ui.actions["present"].shortcut().toString() == "F5"
    window.ui.actions["present"].trigger()
    assert presenter.active and window.isFullScreen()
    assert open_docks(window) == set()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not any(bar.isVisible() for bar in window.findChildren(QToolBar))
    assert window.scene.selectedItems() == []
    assert not window.ui.actions["delete"].isEnabled() and not window.ui.actions["undo"].isEnabled()
    assert presenter.caption.isVisible() and "Region" in presenter.caption.text()
    assert "Step 1 of 8" in presenter.caption.text()
    qtbot.wait(50)
    # Large: the design is zoomed to fill the screen (below the caption).
    viewport = window.canvas.viewport().rect()
    shown = window.canvas.mapFromScene(window.scene.content_rect()).boundingRect()
    assert shown.width() >= 0.85 * viewport.width() or shown.height() >= 0.6 * viewport.height()

    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not presenter.active and not window.isFullScreen()
    assert open_docks(window) == docks
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.ui.actions["delete"].isEnabled() and window.ui.actions["undo"].isEnabled() is False
    assert visible_ids(window) == (set(design.node_ids()), set(design.edge_ids()))
    assert window.scene.selected_node_ids() == ["alb"]
    assert abs(window.canvas.zoom() - zoom) < 1e-9
    assert not presenter.caption.isVisible() and not presenter.laser.isVisible()
    assert design.model_dump() == before_dump and window.document.undo_stack.count() == before_steps


def test_steps_reveal_in_order_with_the_arrow_keys(qtbot, window):
    design = window.document.design
    plan = reveal_plan(design)
    presenter = window.classroom.presenter
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)
    assert presenter.active
    seen = []
    for index, step in enumerate(plan):
        assert presenter.index == index
        nodes, edges = visible_ids(window)
        assert nodes == set(step.shown_nodes) and edges == set(step.shown_edges)
        assert step.layer.title in presenter.caption.text()
        seen.append(step.layer.key)
        qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert seen == list(LAYER_KEYS)
    assert presenter.index == len(plan) - 1  # the last step stays: everything is shown
    assert visible_ids(window) == (set(design.node_ids()), set(design.edge_ids()))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    assert presenter.index == len(plan) - 2
    assert "zone" not in visible_ids(window)[0]
    qtbot.keyClick(window.canvas, Qt.Key.Key_PageUp)
    assert presenter.index == len(plan) - 3
    qtbot.keyClick(window.canvas, Qt.Key.Key_PageDown)  # a clicker's "next"
    assert presenter.index == len(plan) - 2
    qtbot.keyClick(window.canvas, Qt.Key.Key_Home)
    assert presenter.index == 0 and visible_ids(window) == ({"seoul"}, set())
    qtbot.keyClick(window.canvas, Qt.Key.Key_End)
    assert presenter.index == len(plan) - 1
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)  # F5 leaves too
    assert not presenter.active


def test_presenting_is_read_only(qtbot, window):
    design = window.document.design
    before = design.model_dump()
    presenter = window.classroom.presenter
    presenter.start()
    presenter.go_to(len(presenter.steps) - 1)
    click_on(window, "alb")
    assert window.scene.selectedItems() == []
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_A, Qt.Key.Key_Backspace):
        qtbot.keyClick(window.canvas, key, Qt.KeyboardModifier.ControlModifier if key == Qt.Key.Key_A else
                       Qt.KeyboardModifier.NoModifier)
    assert design.model_dump() == before and window.document.undo_stack.count() == 0
    presenter.stop()
    click_on(window, "alb")  # the same click selects once the show is over
    assert window.scene.selected_node_ids() == ["alb"]


def click_on(window, node_id: str) -> None:
    """A left click on the node's icon, sent straight to the canvas' viewport."""
    viewport = window.canvas.viewport()
    item = window.scene.item_for(node_id)
    local = QPointF(window.canvas.mapFromScene(item.mapToScene(item.rect().center())))
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(local.toPoint())), Qt.MouseButton.LeftButton,
                            Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)


def test_laser_pointer_follows_the_mouse(qtbot, window):
    presenter = window.classroom.presenter
    presenter.start()
    viewport = window.canvas.viewport()
    assert viewport.cursor().shape() == Qt.CursorShape.BlankCursor
    local = QPointF(120, 90)
    move = QMouseEvent(QEvent.Type.MouseMove, local, QPointF(viewport.mapToGlobal(local.toPoint())),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    assert presenter.laser.isVisible() and presenter.laser.point is not None
    assert (round(presenter.laser.point.x()), round(presenter.laser.point.y())) == (120, 90)
    presenter.stop()
    assert viewport.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_the_laser_layer_stays_on_the_viewport_when_the_view_scrolls(qtbot, window):
    presenter = window.classroom.presenter
    presenter.start()
    qtbot.waitUntil(lambda: window.isFullScreen())
    canvas = window.canvas
    canvas.set_zoom(1.5)  # larger than the screen, so the view can scroll
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    canvas.centerOn(centre + QPointF(120, 80))
    assert canvas.mapToScene(canvas.viewport().rect().center()) != centre  # it did scroll
    assert presenter.laser.geometry() == canvas.viewport().rect()
    presenter.stop()


def test_each_steps_findings_are_shown_large(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("classroom-mistakes"))
    window.show()
    presenter = window.classroom.presenter
    presenter.start()
    findings = window.document.findings
    shown_any = False
    for index, step in enumerate(presenter.steps):
        presenter.go_to(index)
        expected = [f for f in findings if set(step.new_nodes) & set(f.nodes) or set(step.new_edges) & set(f.edges)]
        assert presenter.step_findings() == expected
        assert presenter.findings_box.isVisible() == bool(expected)
        if expected:
            shown_any = True
            assert expected[0].rule in presenter.findings_box.text()
            assert "22px" in presenter.findings_box.styleSheet()
    assert shown_any
    presenter.stop()


def test_the_caption_follows_the_language(qtbot, window):
    presenter = window.classroom.presenter
    presenter.start()
    presenter.go_to(2)
    assert "Availability Zones" in presenter.caption.text()
    window.ui.actions["lang_ko"].trigger()  # still usable while presenting
    assert "가용 영역" in presenter.caption.text() and "8단계 중 3단계" in presenter.caption.text()
    assert window.ui.actions["present"].text() == "프레젠테이션 모드(&P)"
    window.ui.actions["lang_en"].trigger()
    presenter.stop()


def test_opening_another_design_leaves_presentation(qtbot, window):
    presenter = window.classroom.presenter
    presenter.start()
    window.document.replace(load_sample("static-website"), None)
    assert not presenter.active and not window.isFullScreen()
    assert visible_ids(window)[0] == set(window.document.design.node_ids())


def test_an_empty_design_presents_nothing(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.show()
    presenter = window.classroom.presenter
    presenter.start()
    assert presenter.steps == [] and presenter.step is None
    assert "empty" in presenter.caption.text()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    presenter.stop()
    assert not window.isFullScreen()
