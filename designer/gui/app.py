"""Starting the desktop app: QApplication, high-DPI, names for QSettings, the language,
the first window (on a file or an empty design) and the crash-recovery offer."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from designer.gui import settings
from designer.gui.autosave import Recovery, pending_recoveries
from designer.gui.i18n import LANGUAGES, tr, translator

APP_ICON_KIND = "vpc"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named so QSettings and AppDataLocation find our files."""
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 %) keeps icons and text crisp instead of rounding.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName(settings.APPLICATION)
    app.setDesktopFileName("aws-architecture-designer")
    try:
        from designer.gui.icons import kind_qicon

        app.setWindowIcon(kind_qicon(APP_ICON_KIND))
    except ImportError:  # the icon cache is the canvas' module; a plain icon is fine without it
        app.setWindowIcon(QIcon())
    saved = settings.value("language")
    if saved in LANGUAGES:
        translator().set_language(str(saved))
    return app


def offer_recovery(window, recoveries: list[Recovery]) -> int:
    """Ask whether to restore designs left by a crash; returns how many were restored."""
    if not recoveries:
        return 0
    lines = []
    for recovery in recoveries:
        where = recovery.original.name if recovery.original else tr("never saved")
        lines.append(f"• {recovery.title or tr('Untitled')} ({where}, {recovery.saved_at.replace('T', ' ')})")
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Restore unsaved work?"))
    box.setText(tr("The designer did not close properly last time. These designs had unsaved changes:"))
    box.setInformativeText("\n".join(lines))
    restore = box.addButton(tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is discard:
        for recovery in recoveries:
            recovery.discard()
        return 0
    if box.clickedButton() is not restore:
        return 0  # kept for the next start
    restored = 0
    target = window
    for recovery in recoveries:
        if target is None:
            target = window.open_new_window()
        if target.restore_recovery(recovery):
            restored += 1
        target = None
    return restored


def run_app(path: str | None) -> int:
    """Open the designer window (on `path` when given) and run until the last window closes."""
    app = make_application()
    from designer.gui.main_window import MainWindow  # after QApplication: widgets need it

    window = MainWindow()
    window.show()
    recoveries = pending_recoveries()
    restored = offer_recovery(window, recoveries) if recoveries else 0
    if path and not restored:
        if not Path(path).exists():
            print(f"aws-designer: {path}: file not found", file=sys.stderr)
        window.open_file(path, ask=False)
    return app.exec()
