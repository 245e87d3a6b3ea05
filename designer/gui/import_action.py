"""File ▸ Import…: CloudFormation, Terraform or draw.io opened as a new, unsaved design.

`add_import_action(actions, menu)` adds the action after File ▸ Open; `import_design`
asks for a file (a `.tf` file brings its whole folder, as Terraform reads a folder),
imports it with `designer.importers.import_file`, replaces the window's design with the
result (marked unsaved, so closing asks, and saving asks for a name) and shows the import
report in a non-blocking dialog. A file that cannot be read leaves the design unchanged
and shows its problems, one `file:line` each.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from designer.gui.i18n import tr
from designer.importers import ImporterError, ImportReport, import_file

if TYPE_CHECKING:
    from designer.gui.main_window import MainWindow
    from designer.gui.window_actions import WindowActions

MAX_SHOWN = 12


def add_import_action(actions: WindowActions, menu: QMenu) -> None:
    """Create the `import` action and put it in `menu` (File)."""
    window = actions.window
    action = actions._action("import", lambda: tr("&Import…"), lambda: import_design(window),
                             [QKeySequence("Ctrl+I")],
                             tip=lambda: tr("Import CloudFormation, Terraform or draw.io as a new design"))
    menu.addAction(action)


def ask_import_path(window: MainWindow) -> str | None:
    """The file to import, from a file dialog (None when cancelled)."""
    path, _ = QFileDialog.getOpenFileName(
        window, tr("Import"), window._last_folder(),
        tr("Infrastructure code and diagrams (*.yaml *.yml *.json *.template *.tf *.drawio *.xml);;"
           "All files (*)"))
    return path or None


def import_design(window: MainWindow, path: str | Path | None = None) -> bool:
    """Import `path` (or ask for one) into `window` as a new design; False when nothing changed."""
    if not window.maybe_save():
        return False
    if path is None:
        path = ask_import_path(window)
        if path is None:
            return False
    source = Path(path)
    if source.suffix.lower() == ".tf" and source.is_file():
        source = source.parent  # Terraform reads every .tf file of a folder as one configuration
    try:
        design, report = import_file(source)
    except ImporterError as exc:
        lines = exc.lines()
        shown = "\n".join(lines[:MAX_SHOWN]) + (
            tr("\n… and {count} more").format(count=len(lines) - MAX_SHOWN) if len(lines) > MAX_SHOWN else "")
        window.show_error(tr("Cannot import"), tr("\"{name}\" could not be imported; the current "
                                                   "design is unchanged.").format(name=source.name), shown)
        return False
    window.document.replace(design, None)
    # Not saved anywhere yet: closing asks, and Save asks for a file name.
    window.document.undo_stack.resetClean()
    window.canvas.fit_to_window()
    window.show_status(tr("Imported {name}").format(name=source.name))
    show_report(window, report, source.name)
    return True


def report_summary(report: ImportReport, name: str) -> str:
    """One or two sentences for the report dialog."""
    text = tr("{nodes} nodes and {edges} edges imported from {name}.").format(
        nodes=report.counts.get("nodes", 0), edges=report.counts.get("edges", 0), name=name)
    if report.items:
        text += "\n" + tr("{count} resources the designer does not draw are kept in the design and "
                          "written back when you export it.").format(count=len(report.items))
    if report.warnings:
        text += "\n" + tr("{count} warnings: see the details.").format(count=len(report.warnings))
    return text


def show_report(window: MainWindow, report: ImportReport, name: str) -> QMessageBox:
    """The import report in a window-modal, non-blocking dialog (kept on the window)."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning if report.warnings else QMessageBox.Icon.Information)
    box.setWindowTitle(tr("Import report"))
    box.setText(report_summary(report, name))
    details = report.lines()[1:]
    if details:
        box.setDetailedText("\n".join(details))
    box.open()
    window.import_report_box = box  # type: ignore[attr-defined]
    return box
