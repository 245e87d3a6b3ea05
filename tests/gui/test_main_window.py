"""The main window as a user meets it: docks, menus, shortcuts, status bar, the wiring between
canvas, inspector and Problems panel, live language switch, exports, and the issue's
end-to-end story (empty canvas → three tiers → public DB flagged → fixed → saved → reopened → PNG)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QByteArray  # noqa: E402
from PySide6.QtGui import QImage, QKeySequence  # noqa: E402

from designer.edits import SetLabel  # noqa: E402
from designer.gui import settings  # noqa: E402
from designer.gui.export_dialog import ExportImageDialog, ImageExportOptions  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.gui.mime import kind_mime_data  # noqa: E402
from designer.gui.shortcuts_dialog import shortcut_rows  # noqa: E402
from designer.model import Design  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.canvas_helpers import drop_mime, view_point  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)
    translator().set_language("en")


def keys(action) -> list[str]:
    return [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()]


def test_window_parts(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    window.show()
    assert window.centralWidget() is window.canvas
    assert set(window.docks) == {"palette", "inspector", "problems", "history"}
    for name in ("palette", "inspector", "problems"):
        assert window.docks[name].isVisible()
    assert not window.docks["history"].isVisible()  # optional, off by default
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Tools", "&Help"]  # Tools: the classroom's failure drill
    assert window.ui.toolbar.actions()
    assert "Terraform" in " ".join(a.text() for a in window.ui.menus["export"].actions())


def test_standard_shortcuts(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    act = window.ui.actions
    assert "Ctrl+Z" in keys(act["undo"])
    assert "Ctrl+Shift+Z" in keys(act["redo"])
    assert "Ctrl+S" in keys(act["save"]) and "Ctrl+O" in keys(act["open"]) and "Ctrl+N" in keys(act["new"])
    assert "Ctrl+Shift+S" in keys(act["save_as"])
    assert "Del" in keys(act["delete"]) and "F2" in keys(act["rename"]) and "Ctrl+D" in keys(act["duplicate"])
    assert "Ctrl+A" in keys(act["select_all"]) and "Ctrl+C" in keys(act["copy"]) and "Ctrl+V" in keys(act["paste"])
    every = [k for a in act.values() for k in keys(a)]
    assert len(every) == len(set(every)), "no shortcut is bound twice"
    rows = dict(shortcut_rows(act.values()))
    assert rows["Save"].startswith("Ctrl+S")


def test_status_bar_counts_and_zoom(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("classroom-mistakes"))
    findings = window.document.findings
    assert window.error_count.text() == str(sum(f.severity == "error" for f in findings))
    assert window.warning_count.text() == str(sum(f.severity == "warning" for f in findings))
    window.canvas.zoom_reset()
    window.canvas.zoom_in()
    assert window.zoom_label.text() == f"{window.canvas.zoom() * 100:.0f}%" != "100%"
    window.docks["problems"].hide()
    window.error_count.click()
    assert not window.docks["problems"].isHidden()


def test_canvas_selection_drives_the_inspector(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    rds = window.document.design.nodes_of_kind("rds")[0]
    window.scene.select_ids([rds.id])
    assert window.inspector.node_id == rds.id
    edge = next(iter(window.document.design.edges))
    window.scene.select_ids([edge.id])
    assert window.inspector.edge_id == edge.id
    window.scene.select_ids([])
    assert window.inspector.node_id is None and window.inspector.title_edit is not None


def test_a_problem_row_selects_and_centres_its_items(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("classroom-mistakes"))
    window.show()
    problems = window.problems
    row = next(i for i, f in enumerate(problems.shown) if f.nodes)
    finding = problems.shown[row]
    window.canvas.zoom_reset()
    window.canvas.centerOn(-5000, -5000)
    problems.select_row(row)
    assert window.scene.selected_node_ids() == [n for n in window.document.design.node_ids() if n in finding.nodes]
    item = window.scene.item_for(finding.nodes[0])
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert visible.intersects(item.sceneBoundingRect())
    assert window.inspector.node_id == (finding.nodes[0] if len(finding.nodes) == 1 else None)


def test_language_switches_live(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("classroom-mistakes"))
    window.ui.actions["lang_ko"].trigger()
    assert [a.text() for a in window.menuBar().actions()] == ["파일(&F)", "편집(&E)", "보기(&V)", "도구(&T)", "도움말(&H)"]
    assert window.docks["problems"].windowTitle() == "문제"
    assert window.docks["inspector"].windowTitle() == "속성"
    assert window.ui.actions["save"].text() == "저장(&S)"
    assert "AWS 아키텍처 디자이너" in window.windowTitle()
    assert window.problems.tree.topLevelItem(0).text(2) == window.problems.shown[0].message_ko
    assert settings.value("language") == "ko"
    window.ui.actions["lang_en"].trigger()
    assert window.ui.actions["save"].text() == "&Save"
    assert window.ui.actions["lang_en"].isChecked()


def test_undo_redo_texts_and_history_view(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    doc = window.document
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "x"), "Rename")
    assert window.ui.actions["undo"].text() == "&Undo Rename"
    window.ui.actions["undo"].trigger()
    assert window.ui.actions["redo"].text() == "&Redo Rename"
    assert window.history.stack() is doc.undo_stack
    assert window.history.model().rowCount() == 2  # the start, and the step


def test_edit_actions_act_on_the_canvas(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("vpc-peering"))
    doc = window.document
    before = doc.design.model_dump()
    window.ui.actions["select_all"].trigger()
    assert len(window.scene.selected_ids()) >= doc.design.node_count
    window.ui.actions["delete"].trigger()
    assert doc.design.node_count == 0 and doc.undo_stack.count() == 1
    window.ui.actions["undo"].trigger()
    assert doc.design.model_dump() == before


def test_snap_setting_and_geometry_persist(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.show()
    window.ui.actions["snap"].setChecked(False)
    assert window.canvas.snap_to_grid is False
    window.resize(640, 480)  # inside the offscreen platform's 800×600 screen
    window.close()
    assert isinstance(settings.value("window/geometry"), QByteArray)
    again = make_window(qtbot, tmp_path)
    assert again.ui.actions["snap"].isChecked() is False and again.canvas.snap_to_grid is False
    assert (again.width(), again.height()) == (640, 480)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_export_images(qtbot, tmp_path, fmt):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    target = tmp_path / f"out.{fmt}"
    assert window.export_image(fmt, ImageExportOptions(target, fmt, scale=1.0, title="Test", legend=True))
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" if fmt == "png" else (b"<svg" in data[:2000] if fmt == "svg"
                                                                    else data[:5] == b"%PDF-")


def test_export_the_selection_is_smaller(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    whole, part = tmp_path / "whole.png", tmp_path / "part.png"
    assert window.export_image("png", ImageExportOptions(whole, "png", scale=1.0))
    window.scene.select_ids([window.document.design.nodes_of_kind("rds")[0].id])
    assert window.export_image("png", ImageExportOptions(part, "png", scale=1.0, selection_only=True))
    a, b = QImage(str(whole)), QImage(str(part))
    assert b.width() < a.width() and b.height() < a.height()


def test_export_dialog_collects_options(qtbot, tmp_path):
    dialog = ExportImageDialog("png", tmp_path / "x", "My design", selection_count=2)
    qtbot.addWidget(dialog)
    assert dialog.selection_only.isChecked()
    dialog.show_title.setChecked(True)
    dialog.transparent.setChecked(True)
    dialog._on_accepted()
    options = dialog.options()
    assert options.path == tmp_path / "x.png" and options.title == "My design"
    assert options.transparent and options.selection_only
    pdf = ExportImageDialog("pdf", tmp_path / "nowhere" / "x.pdf", "t", selection_count=0)
    qtbot.addWidget(pdf)
    pdf._on_accepted()
    assert "nowhere" in pdf.error.text() and not pdf.selection_only.isEnabled()


def test_code_export_writes_terraform(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    target = tmp_path / "main.tf"
    assert window.export_code("terraform", target)
    assert 'resource "aws_vpc"' in target.read_text(encoding="utf-8")


def test_new_window_is_independent(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    other = window.open_new_window()
    qtbot.addWidget(other)
    other.ask_unsaved_changes = lambda: "discard"
    assert other.document is not window.document and other.document.design.node_count == 0
    other.close()
    assert other not in type(window).open_windows


def test_done_when_story(qtbot, tmp_path):
    """Empty canvas → a public and a private subnet → a DB dropped in the public one is flagged
    at once → Apply fix → save → reopen → PNG."""
    window = make_window(qtbot, tmp_path, Design(title="Story"))
    window.show()
    view, doc = window.canvas, window.document
    view.zoom_reset()

    def drop(kind, x, y):
        assert drop_mime(view, kind_mime_data(kind), view_point(view, x, y)), kind
        return doc.design.nodes_of_kind(kind)[-1].id

    region = drop("region", 700, 500)
    r = doc.design.absolute_rect(region)
    vpc = drop("vpc", r.x + r.w / 2, r.y + r.h / 2)
    v = doc.design.absolute_rect(vpc)
    igw = drop("internet_gateway", v.x + v.w - 80, v.y + 80)  # public subnets route to it
    assert doc.design.node(igw).parent == vpc
    az = drop("availability_zone", v.x + 300, v.y + v.h / 2)
    a = doc.design.absolute_rect(az)
    public = drop("subnet", a.x + a.w / 2, a.y + 140)
    window.scene.select_ids([public])
    window.inspector.editors["public"].check.setChecked(True)  # made public in the inspector
    assert doc.design.node(public).props["public"] is True
    a = doc.design.absolute_rect(az)
    private = drop("subnet", a.x + a.w / 2, a.y + a.h - 140)
    cidr = window.inspector.editors["cidr"].line  # the drop selected it: give it its own block
    cidr.selectAll()
    qtbot.keyClicks(cidr, "10.0.2.0/24")
    assert doc.design.node(private).props["cidr"] == "10.0.2.0/24"
    assert doc.design.node(private).parent == az and doc.design.node(public).parent == az
    errors_before = int(window.error_count.text())
    s = doc.design.absolute_rect(public)
    db = drop("rds", s.x + s.w / 2, s.y + s.h / 2)
    assert doc.design.node(db).parent == public
    flagged = [f for f in doc.findings if f.rule == "RDS-002" and db in f.nodes]
    assert flagged, "the public database is flagged the moment it is dropped"
    assert int(window.error_count.text()) > errors_before
    row = next(i for i, f in enumerate(window.problems.shown) if f.rule == "RDS-002" and f.fix)
    window.problems.select_row(row)
    assert db in window.scene.selected_node_ids()
    window.problems.fix_button.click()
    assert doc.design.node(db).parent == private
    assert not [f for f in doc.findings if f.rule == "RDS-002" and db in f.nodes]
    target = tmp_path / "story.awsd.json"
    window.ask_save_path = lambda: str(target)
    window.ui.actions["save"].trigger()
    assert target.exists() and not doc.modified
    reopened = make_window(qtbot, tmp_path)
    assert reopened.open_file(target, ask=False)
    assert reopened.document.design.model_dump() == doc.design.model_dump()
    png = tmp_path / "story.png"
    assert reopened.export_image("png", ImageExportOptions(png, "png"))
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200
