"""The failure drill in the window: what is lost turns grey, the paths say what still works,
the single points of failure are listed, and ending the drill restores the look."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from designer.analysis import simulate_failure, single_points_of_failure  # noqa: E402
from designer.edits import delete_nodes  # noqa: E402
from designer.gui import settings  # noqa: E402
from designer.gui.drill import DrillMarker  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.storage import load_design  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402

SINGLE_AZ = Path(__file__).resolve().parents[2] / "samples" / "drills" / "three-tier-single-az.awsd.json"


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)
    translator().set_language("en")


def greyed(window) -> set[str]:
    return {i.node_id for i in window.scene.node_items() if i.effectiveOpacity() < 0.5}


def greyed_edges(window) -> set[str]:
    return {i.edge_id for i in window.scene.edge_items() if i.effectiveOpacity() < 0.5}


def markers(window) -> list[DrillMarker]:
    return [i for i in window.scene.items() if isinstance(i, DrillMarker)]


def path_rows(panel) -> list[tuple[str, str]]:
    tree = panel.paths
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount())]


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, load_design(SINGLE_AZ))
    w.show()
    return w


def test_az_a_of_the_single_az_sample_greys_out_what_is_lost_and_restores(qtbot, window):
    design = window.document.design
    before = design.model_dump()
    expected = simulate_failure(design, {"az-a"})
    window.scene.select_ids(["az-a"])
    window.classroom.actions["drill"].trigger()  # Tools ▸ Failure Drill… with the AZ selected
    panel = window.classroom.drill
    assert window.classroom.docks["drill"].isVisible()
    assert panel.active and panel.failed == "az-a"
    assert greyed(window) == set(expected.down) == {"az-a", "pub-a", "nat-a", "web-1", "app-a", "app-1", "db-a", "db"}
    assert greyed_edges(window) == set(expected.lost_edges)
    assert "igw" not in greyed(window) and "db-c" not in greyed(window)
    assert [m.caption for m in markers(window)] == ["Failed"]
    assert markers(window)[0].parentItem() is window.scene.item_for("az-a")
    assert [status for status, _ in path_rows(panel)] == ["lost"] * 4
    assert panel.summary.text().startswith(design.node("az-a").display_name() + " failed: 8 items lost")
    assert "0 of 4 paths still work" in panel.summary.text()
    assert set(panel.spof_ids) == {s.id for s in single_points_of_failure(design)} == {
        "az-a", "nat-a", "web-1", "app-1", "db"}

    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    assert not panel.active
    assert greyed(window) == set() and greyed_edges(window) == set() and markers(window) == []
    assert all(i.opacity() == 1.0 for i in window.scene.node_items())
    assert [status for status, _ in path_rows(panel)] == ["works"] * 4
    assert design.model_dump() == before and window.document.undo_stack.count() == 0


def test_a_multi_az_database_in_a_lost_az_stays_solid(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    window.show()
    panel = window.classroom.drill
    window.classroom.show_dock("drill")
    result = panel.fail("az-a")
    assert set(result.degraded) == {"alb", "asg", "db"}
    assert greyed(window) == set(result.down) == {"az-a", "pub-a", "nat-a", "app-a", "db-a"}
    assert "db" not in greyed(window)  # drawn inside db-a, but its standby in AZ c took over
    assert sorted(m.caption for m in markers(window)) == ["Degraded", "Degraded", "Degraded", "Failed"]
    assert {status for status, _ in path_rows(panel)} == {"works"}
    assert panel.spof_ids == []


def test_pick_from_the_list_and_double_click_a_single_point_of_failure(qtbot, window):
    panel = window.classroom.drill
    window.classroom.show_dock("drill")
    ids = [panel.target.itemData(i) for i in range(panel.target.count())]
    assert ids[:2] == ["az-a", "az-c"] and set(ids) == set(window.document.design.node_ids())
    panel.target.setCurrentIndex(panel.target.findData("nat-a"))
    qtbot.mouseClick(panel.fail_button, Qt.MouseButton.LeftButton)
    assert greyed(window) == {"nat-a"}
    assert [status for status, _ in path_rows(panel)] == ["works", "works", "works", "lost"]
    row = panel.spof_ids.index("web-1")
    panel._on_spof_activated(panel.spof.topLevelItem(row), 0)
    assert panel.failed == "web-1" and greyed(window) == {"web-1"}


def test_selecting_a_path_selects_its_route(qtbot, window):
    panel = window.classroom.drill
    window.classroom.show_dock("drill")
    panel.paths.setCurrentItem(panel.paths.topLevelItem(0))
    assert window.scene.selected_node_ids() == ["users", "igw", "web-1"]


def test_esc_on_the_canvas_ends_the_drill_once_nothing_is_selected(qtbot, window):
    panel = window.classroom.drill
    window.scene.select_ids(["az-a"])
    window.classroom.open_drill()
    window.scene.select_ids(["web-1"])
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert panel.active and window.scene.selectedItems() == []  # the first Esc clears the selection
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not panel.active and greyed(window) == set()


def test_the_drill_follows_edits_and_ends_when_the_failed_item_goes(qtbot, window):
    panel = window.classroom.drill
    doc = window.document
    window.classroom.show_dock("drill")
    panel.fail("nat-a")
    doc.push(delete_nodes(doc.design, ["web-1"]), "Delete")
    qtbot.waitUntil(lambda: "web-1" not in {panel.target.itemData(i) for i in range(panel.target.count())})
    assert panel.active and greyed(window) == {"nat-a"}
    doc.push(delete_nodes(doc.design, ["nat-a"]), "Delete")
    qtbot.waitUntil(lambda: not panel.active)
    assert greyed(window) == set() and markers(window) == []
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.target.findData("nat-a") >= 0)


def test_opening_another_design_ends_the_drill(qtbot, window):
    panel = window.classroom.drill
    panel.fail("az-a")
    window.document.replace(load_sample("static-website"), None)
    assert not panel.active and greyed(window) == set()


def test_closing_the_drill_dock_ends_the_drill(qtbot, window):
    panel = window.classroom.drill
    window.classroom.show_dock("drill")
    panel.fail("az-a")
    window.classroom.docks["drill"].close()
    assert not panel.active and greyed(window) == set()


def test_the_drill_speaks_korean(qtbot, window):
    panel = window.classroom.drill
    window.classroom.show_dock("drill")
    panel.fail("az-a")
    window.ui.actions["lang_ko"].trigger()
    assert window.classroom.docks["drill"].windowTitle() == "장애 훈련"
    assert panel.fail_button.text() == "장애 발생" and panel.end_button.text() == "훈련 끝내기"
    assert "경로 4개 중 0개" in panel.summary.text()
    assert {status for status, _ in path_rows(panel)} == {"끊김"}
    assert "인터넷" in path_rows(panel)[-1][1]
    assert "가용 영역" in panel.spof.topLevelItem(0).text(1)
    assert markers(window)[0].caption == "장애"
    assert panel.target.itemText(0).startswith("가용 영역")
    assert window.classroom.actions["drill"].text() == "장애 훈련(&D)…"
