"""Files from the window: save/open round trip, corrupt and missing files, close asking,
New from sample, Recent, save failures, autosave and crash recovery (with a real crash)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")

from designer.edits import SetLabel, SetProp  # noqa: E402
from designer.gui import settings  # noqa: E402
from designer.gui.app import offer_recovery  # noqa: E402
from designer.gui.autosave import Autosaver, pending_recoveries  # noqa: E402
from designer.gui.document import Document  # noqa: E402
from designer.storage import load_design  # noqa: E402
from tests.conftest import ROOT, SAMPLES_DIR, load_sample  # noqa: E402
from tests.gui.shell_helpers import answer_next_box, make_window  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)


def test_save_then_open_gives_the_same_design(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    doc = window.document
    sg = doc.design.nodes_of_kind("security_group")[0]
    doc.push(SetLabel(sg.id, "웹 보안 그룹"))
    window.ask_save_path = lambda: str(tmp_path / "mine")
    assert window.save()
    saved = tmp_path / "mine.awsd.json"
    assert saved.exists() and doc.path == saved and not doc.modified
    assert not window.isWindowModified()
    expected = doc.design.model_dump()
    other = make_window(qtbot, tmp_path)
    assert other.open_file(saved)
    assert other.document.design.model_dump() == expected
    assert "mine.awsd.json" in other.windowTitle()
    assert settings.recent_files()[0] == str(saved.resolve())


def test_a_corrupt_file_shows_an_error_and_leaves_the_design_untouched(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    doc = window.document
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "edited"))
    before, depth, path = doc.design.model_dump(), doc.undo_stack.count(), doc.path
    broken = tmp_path / "broken.awsd.json"
    text = (SAMPLES_DIR / "three-tier.awsd.json").read_text(encoding="utf-8")
    broken.write_text(text.replace('"kind": "vpc"', '"kind": "vpcc"', 1), encoding="utf-8")
    on_disk = broken.read_bytes()
    seen: list = []
    answer_next_box(seen=seen)
    assert window.open_file(broken, ask=False) is False
    assert seen, "an error dialog was shown"
    title, text_line, details = seen[0]
    assert "broken.awsd.json" in text_line and "vpcc" in details
    assert doc.design.model_dump() == before
    assert doc.undo_stack.count() == depth and doc.path == path and doc.modified
    assert broken.read_bytes() == on_disk


def test_not_json_reports_line_and_column(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    bad = tmp_path / "bad.awsd.json"
    bad.write_text('{"format": "aws-designer",\n  "version": 1,,}', encoding="utf-8")
    errors: list = []
    window.show_error = lambda title, text, details="": errors.append(details)
    assert not window.open_file(bad, ask=False)
    assert "line 2" in errors[0]


def test_a_missing_recent_file_is_dropped_from_the_list(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    gone = tmp_path / "gone.awsd.json"
    gone.write_text((SAMPLES_DIR / "three-tier.awsd.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert window.open_file(gone, ask=False)
    gone.unlink()
    window.show_error = lambda *args: None
    assert not window.open_file(gone, ask=False)
    assert str(gone.resolve()) not in settings.recent_files()


def test_recent_menu_lists_files_newest_first(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    for name in ("three-tier", "vpc-peering"):
        assert window.open_file(SAMPLES_DIR / f"{name}.awsd.json", ask=False)
    menu = window.ui.menus["recent"]
    window.fill_recent_menu(menu)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0].endswith("vpc-peering.awsd.json") and texts[1].endswith("three-tier.awsd.json")
    menu.actions()[1].trigger()
    assert window.document.path.name == "three-tier.awsd.json"


def test_close_with_unsaved_changes_asks(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    window.show()
    doc = window.document
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "changed"))
    asked = []
    window.ask_unsaved_changes = lambda: asked.append(1) or "cancel"
    assert window.close() is False and window.isVisible()
    window.ask_unsaved_changes = lambda: "save"
    window.ask_save_path = lambda: str(tmp_path / "closing.awsd.json")
    assert window.close() is True
    assert load_design(tmp_path / "closing.awsd.json").node(doc.design.nodes_of_kind("vpc")[0].id).label == "changed"
    assert asked == [1]


def test_the_real_unsaved_changes_box(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    del window.ask_unsaved_changes  # back to the class's real dialog
    doc = window.document
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "changed"))
    seen: list = []
    answer_next_box("Don't Save", seen)
    assert window.new_design()
    assert seen and "Untitled" not in seen[0][1]
    assert doc.design.node_count == 0 and not doc.modified


def test_new_from_sample_is_unnamed_and_saving_asks_for_a_name(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    menu = window.ui.menus["samples"]
    window.fill_samples_menu(menu)
    titles = [a.text() for a in menu.actions()]
    sample = load_sample("three-tier")
    assert sample.title in titles
    menu.actions()[titles.index(sample.title)].trigger()
    assert window.document.path is None
    assert window.document.design.model_dump() == sample.model_dump()
    asked = []
    window.ask_save_path = lambda: asked.append(1) or None
    assert window.save() is False and asked == [1]  # never over the sample


def test_a_failed_save_keeps_the_previous_file(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    target = tmp_path / "keep.awsd.json"
    window.ask_save_path = lambda: str(target)
    assert window.save()
    good = target.read_bytes()
    doc = window.document
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "unsaved"))
    errors: list = []
    window.show_error = lambda title, text, details="": errors.append((title, details))

    def disk_full(src, dst):  # the rename is the last step: fail there, after the data was written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert window.save() is False
    monkeypatch.undo()
    assert errors and "keep.awsd.json" in errors[0][1]
    assert target.read_bytes() == good and doc.modified
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")) == []  # no temp left


def test_title_shows_name_and_modified_marker(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    assert window.open_file(SAMPLES_DIR / "vpc-peering.awsd.json", ask=False)
    assert window.windowTitle().startswith("vpc-peering.awsd.json[*]")
    assert not window.isWindowModified()
    doc = window.document
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "x"))
    assert window.isWindowModified()
    doc.undo_stack.undo()
    assert not window.isWindowModified()


# ---------------------------------------------------------------------------- autosave
def test_autosave_writes_only_unsaved_changes(qtbot, tmp_path):
    doc = Document(load_sample("three-tier"))
    saver = Autosaver(doc, tmp_path)
    assert saver.save_now() is False and not saver.design_file.exists()
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "autosaved"))
    assert saver.save_now() is True
    assert load_design(saver.design_file).model_dump() == doc.design.model_dump()
    assert saver.save_now() is False  # nothing new since
    meta = json.loads(saver.meta_file.read_text(encoding="utf-8"))
    assert meta["original"] is None and meta["title"] == doc.design.title
    doc.save(tmp_path / "saved.awsd.json")
    assert not saver.design_file.exists()  # saved: nothing to recover
    saver.close()


def test_autosave_timer_fires(qtbot, tmp_path):
    doc = Document(load_sample("three-tier"))
    saver = Autosaver(doc, tmp_path, interval_ms=30)
    saver.start()
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "tick"))
    qtbot.waitUntil(saver.design_file.exists, timeout=3000)
    saver.close()
    assert not saver.design_file.exists()


def test_a_live_window_recovery_file_is_not_offered(qtbot, tmp_path):
    doc = Document(load_sample("three-tier"))
    saver = Autosaver(doc, tmp_path)
    doc.push(SetLabel(doc.design.nodes_of_kind("vpc")[0].id, "live"))
    assert saver.save_now()
    assert pending_recoveries(tmp_path) == []  # its lock is held by this (running) process
    saver.close()


CRASHING_CHILD = r"""
import os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from designer.edits import SetLabel, SetProp
from designer.gui.autosave import Autosaver
from designer.gui.document import Document
from designer.storage import load_design
doc = Document(load_design(sys.argv[1]))
doc.path = Path(sys.argv[1])
vpc = doc.design.nodes_of_kind("vpc")[0].id
doc.push(SetLabel(vpc, "before the crash"))
doc.push(SetProp(vpc, "cidr", "10.9.0.0/16"))
saver = Autosaver(doc, Path(sys.argv[2]))
assert saver.save_now()
os._exit(3)  # a crash: no cleanup, the lock stays on disk with a dead pid
"""


def test_a_real_crash_is_offered_and_restored(qtbot, tmp_path):
    original = tmp_path / "work.awsd.json"
    original.write_bytes((SAMPLES_DIR / "three-tier.awsd.json").read_bytes())
    recovery = tmp_path / "recovery"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(original), str(recovery)],
                           env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 3, child.stderr
    found = pending_recoveries(recovery)
    assert len(found) == 1 and found[0].original == original
    window = make_window(qtbot, tmp_path)
    seen: list = []
    answer_next_box("Restore", seen)
    assert offer_recovery(window, found) == 1
    assert "work.awsd.json" in seen[0][2]
    doc = window.document
    vpc = doc.design.node(doc.design.nodes_of_kind("vpc")[0].id)
    assert vpc.label == "before the crash" and vpc.props["cidr"] == "10.9.0.0/16"
    assert doc.path == original and doc.modified  # restored work is unsaved until saved
    assert original.read_bytes() == (SAMPLES_DIR / "three-tier.awsd.json").read_bytes()
    assert pending_recoveries(recovery) == []  # the old file is gone; this window owns a new one
    assert window.autosaver.design_file.exists()
    window.close()
    assert not window.autosaver.design_file.exists()


def test_discarding_recoveries_deletes_them(qtbot, tmp_path):
    recovery = tmp_path / "recovery"
    doc = Document(load_sample("vpc-peering"))
    saver = Autosaver(doc, recovery)
    doc.push(SetProp(doc.design.nodes_of_kind("vpc")[0].id, "cidr", "10.1.0.0/16"))
    assert saver.save_now()
    saver._lock.unlock()  # as if the process had died
    saver._lock = None
    found = pending_recoveries(recovery)
    assert len(found) == 1
    window = make_window(qtbot, tmp_path)
    answer_next_box("Discard")
    assert offer_recovery(window, found) == 0
    assert pending_recoveries(recovery) == [] and not any(recovery.glob("*.awsd.json"))


def test_recovery_not_now_keeps_the_files(qtbot, tmp_path):
    recovery = tmp_path / "recovery"
    doc = Document(load_sample("vpc-peering"))
    saver = Autosaver(doc, recovery)
    doc.push(SetProp(doc.design.nodes_of_kind("vpc")[0].id, "cidr", "10.1.0.0/16"))
    assert saver.save_now()
    saver._lock.unlock()
    saver._lock = None
    window = make_window(qtbot, tmp_path)
    answer_next_box("Not now")
    assert offer_recovery(window, pending_recoveries(recovery)) == 0
    assert len(pending_recoveries(recovery)) == 1


def test_a_design_file_dropped_on_the_window_opens(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = make_window(qtbot, tmp_path)
    window.show()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SAMPLES_DIR / "vpc-peering.awsd.json"))])
    point = QPointF(20, 20)
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert window.document.path == SAMPLES_DIR / "vpc-peering.awsd.json"
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    refused = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
