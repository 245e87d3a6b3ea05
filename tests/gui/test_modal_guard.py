"""The test-run guard against modal dialogs (tests/modal_guard.py): an unanswered box,
file dialog, menu or static message box fails fast with its title; answered ones work."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget  # noqa: E402

from tests import modal_guard  # noqa: E402
from tests.gui.shell_helpers import answer_next_box  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def quick_guard(request, monkeypatch):
    """A short grace period; what the test provokes on purpose is not reported at teardown."""
    monkeypatch.setattr(modal_guard, "GRACE_MS", 150)
    yield request.node.modal_guard
    request.node.modal_guard.unexpected.clear()


def test_an_unanswered_message_box_fails_fast_with_its_title(qtbot, quick_guard):
    parent = QWidget()
    qtbot.addWidget(parent)
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes", "Save before closing?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, parent)
    started = time.monotonic()
    with pytest.raises(modal_guard.UnexpectedModalDialog, match='"Unsaved changes": Save before closing'):
        box.exec()
    assert time.monotonic() - started < 10
    assert not box.isVisible()
    assert quick_guard.unexpected == ['QMessageBox "Unsaved changes": Save before closing?']


def test_an_answered_box_is_left_alone(qtbot, quick_guard):
    parent = QWidget()
    qtbot.addWidget(parent)
    box = QMessageBox(QMessageBox.Icon.Question, "Restore?", "Restore unsaved work?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    seen: list = []
    answer_next_box("&No", seen)
    assert box.exec() == QMessageBox.StandardButton.No
    assert seen == [("Restore?", "Restore unsaved work?", "")] and not quick_guard.unexpected


def test_static_dialogs_cannot_block(qtbot, quick_guard):
    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(modal_guard.UnexpectedModalDialog, match="getOpenFileName.*Open design"):
        QFileDialog.getOpenFileName(parent, "Open design", "", "", options=QFileDialog.Option.DontUseNativeDialog)
    with pytest.raises(modal_guard.UnexpectedModalDialog, match="QMessageBox.question"):
        QMessageBox.question(parent, "Sure?", "Really?")
    assert len(quick_guard.unexpected) == 2


def test_a_context_menu_left_open_is_closed_and_reported(qtbot, quick_guard):
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    menu.addAction("Delete")
    assert menu.exec(parent.mapToGlobal(parent.rect().center())) is None  # closed, as by Escape
    assert quick_guard.unexpected == ["QMenu \"\" (a popup menu)"]
