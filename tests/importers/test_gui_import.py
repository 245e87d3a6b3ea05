"""File ▸ Import… in the window: a new unsaved design, the report dialog, bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from designer.gui.import_action import import_design  # noqa: E402
from designer.gui.main_window import MainWindow  # noqa: E402

GOLDEN = Path(__file__).resolve().parents[1] / "exporters" / "golden"
pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    errors: list[tuple[str, str, str]] = []
    win.show_error = lambda title, text, details="": errors.append((title, text, details))  # no modal box
    win.errors = errors
    win.ask_unsaved_changes = lambda: "discard"  # closing an imported design asks; answer here
    return win


def test_the_file_menu_has_import(window):
    actions = [a.objectName() for a in window.ui.menus["file"].actions()]
    assert actions.index("action_import") == actions.index("action_open") + 1


def test_importing_a_template_opens_it_as_a_new_unsaved_design(window):
    assert import_design(window, GOLDEN / "three-tier.cfn.yaml")
    design = window.document.design
    assert design.node_count == 26 and window.document.path is None
    assert not window.document.undo_stack.isClean()  # closing asks; saving asks for a name
    box = window.import_report_box
    assert "26 nodes" in box.text() and "outputs are not kept" in box.detailedText()
    box.close()


def test_a_tf_file_imports_its_folder(window, tmp_path):
    folder = tmp_path / "tf"
    folder.mkdir()
    for part in ("main", "variables", "outputs"):
        (folder / f"{part}.tf").write_text((GOLDEN / f"three-tier.{part}.tf").read_text("utf-8"), "utf-8")
    assert import_design(window, folder / "main.tf")
    assert len(window.document.design.nodes_of_kind("subnet")) == 6
    window.import_report_box.close()


def test_a_bad_file_leaves_the_design_and_says_where(window, tmp_path):
    before = window.document.design
    bad = tmp_path / "broken.yaml"
    bad.write_text("Resources:\n  A: [unclosed\n", encoding="utf-8")
    assert not import_design(window, bad)
    assert window.document.design is before
    (title, _text, details), = window.errors
    assert title == "Cannot import" and "broken.yaml:" in details
