"""Helpers for the shell's window tests: isolated settings and recovery folders, no modal dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from designer.gui import settings
from designer.gui.document import Document
from designer.gui.main_window import MainWindow


def make_window(qtbot, tmp_path: Path, design=None, answer: str = "discard") -> MainWindow:
    """A MainWindow whose settings and recovery files live in tmp_path; closing never blocks."""
    settings.use_settings_file(tmp_path / "settings.ini")
    window = MainWindow(Document(design) if design is not None else None, recovery_dir=tmp_path / "recovery")
    window.ask_unsaved_changes = lambda: answer  # tests that need the real box replace this
    qtbot.addWidget(window)
    return window


def answer_next_box(button_text: str | None = None, seen: list | None = None) -> None:
    """Click a button (by text, else the default/escape button) of the next modal message box."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        if seen is not None:
            seen.append((box.windowTitle(), box.text(), box.informativeText()))
        for button in box.buttons():
            if button_text is None or button.text() == button_text:
                button.click()
                return
        box.close()

    QTimer.singleShot(0, click)
