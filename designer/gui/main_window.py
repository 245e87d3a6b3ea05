"""The main window: canvas in the centre, palette, inspector, Problems and history docks,
menus and toolbar, a status bar with zoom and finding counts, and the file commands
(New, New from sample, Open, Recent, Save, Save As, Export, Close asking about changes).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolButton,
    QUndoView,
    QWidget,
)

from designer import __version__
from designer.gui import settings
from designer.gui.autosave import Autosaver, Recovery
from designer.gui.canvas import CanvasView
from designer.gui.classroom import Classroom
from designer.gui.document import Document
from designer.gui.export_dialog import ExportImageDialog, ExportProgress
from designer.gui.i18n import language, tr, translator
from designer.gui.inspector import InspectorPanel
from designer.gui.paint_first import CheckAfterPaint
from designer.gui.palette import PaletteWidget
from designer.gui.problems import ProblemsPanel, severity_icon
from designer.gui.window_actions import WindowActions
from designer.model import Design
from designer.model.bulk import thaw_long_lived
from designer.storage import StorageError, load_design

DESIGN_FILTER_SUFFIX = ".awsd.json"
ROOT = Path(__file__).resolve().parents[2]


def samples_dir() -> Path:
    """The bundled sample designs (the repository's samples/ folder)."""
    return ROOT / "samples"


def docs_dir() -> Path:
    return ROOT / "docs"


class MainWindow(QMainWindow):
    """One design in one window."""

    open_windows: list[MainWindow] = []  # keeps windows opened with New Window alive

    def __init__(self, document: Document | None = None, *, recovery_dir: Path | None = None,
                 autosave_interval_ms: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setAcceptDrops(True)  # a design file dragged from the file manager opens
        self.document = document or Document(Design(title=tr("Untitled")))
        self.canvas = CanvasView(self.document)
        self.scene = self.canvas.scene()
        self.check_after_paint = CheckAfterPaint(self.document, self.canvas.viewport(), self)
        self.setCentralWidget(self.canvas)
        self.palette = PaletteWidget()
        self.inspector = InspectorPanel(self.document)
        self.problems = ProblemsPanel(self.document)
        self.history = QUndoView(self.document.undo_stack)
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("palette", self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_dock("history", self.history, Qt.DockWidgetArea.RightDockWidgetArea)
        self.docks["history"].hide()
        self._build_status_bar()
        self.ui = WindowActions(self)
        self.classroom = Classroom(self)  # lessons, exercises, failure drill, presentation (issue 7)
        kwargs = {"interval_ms": autosave_interval_ms} if autosave_interval_ms else {}
        self.autosaver = Autosaver(self.document, recovery_dir, parent=self, **kwargs)
        self.autosaver.failed.connect(self._on_autosaver_failed)
        self.autosaver.start()
        self._connect_signals()
        self._restore_settings()
        self.retranslate()
        self._update_title()

    # ------------------------------------------------------------------ building
    def _add_dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.zoom_label = QLabel("100%")
        self.zoom_label.setMinimumWidth(56)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.checking_label = QLabel()  # shown while an opened design waits for its first check
        self.checking_label.setVisible(False)
        bar.addPermanentWidget(self.checking_label)
        self.error_count = QToolButton()
        self.warning_count = QToolButton()
        for button, severity in ((self.error_count, "error"), (self.warning_count, "warning")):
            button.setIcon(severity_icon(severity))
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.clicked.connect(self.show_problems)
            bar.addPermanentWidget(button)
        bar.addPermanentWidget(self.zoom_label)

    def _connect_signals(self) -> None:
        doc = self.document
        self.scene.selection_ids_changed.connect(self.inspector.show_ids)
        self.problems.finding_selected.connect(self._on_problems_finding_selected)
        doc.findings_changed.connect(self._update_counts)
        doc.checking_changed.connect(self._on_document_checking_changed)
        # Bound methods, never lambdas, on the document's signals: Qt drops them with the window.
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.destroyed.connect(self._on_document_destroyed)
        doc.model_changed.connect(self._on_document_model_changed)
        self.canvas.zoom_changed.connect(self._on_canvas_zoom_changed)
        self.canvas.status_message.connect(self.show_status)
        translator().language_changed.connect(self.retranslate)

    def retranslate(self, *_args) -> None:
        """Re-set every text of the window in the current language."""
        titles = {"palette": tr("Palette"), "inspector": tr("Properties"), "problems": tr("Problems"),
                  "history": tr("History")}
        for name, dock in self.docks.items():
            dock.setWindowTitle(titles[name])
        self.history.setEmptyLabel(tr("(start)"))
        self.ui.retranslate()
        self.ui.actions[f"lang_{language()}"].setChecked(True)
        self.checking_label.setText(tr("Checking…"))
        self._update_counts(self.document.shown_findings)
        self._update_title()
        if hasattr(self.palette, "retranslate"):
            self.palette.retranslate()

    # ------------------------------------------------------------------ status and title
    def show_status(self, message: str) -> None:
        """A transient message in the status bar."""
        self.statusBar().showMessage(message, 8000)

    def _on_canvas_zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _on_document_checking_changed(self, _checking: bool) -> None:
        self._update_counts(self.document.shown_findings)

    def _update_counts(self, findings) -> None:
        checking = self.document.checking
        self.checking_label.setVisible(checking)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        self.error_count.setText("…" if checking else str(errors))
        self.warning_count.setText("…" if checking else str(warnings))
        self.error_count.setToolTip(tr("{count} errors: show the Problems panel").format(count=errors))
        self.warning_count.setToolTip(tr("{count} warnings: show the Problems panel").format(count=warnings))

    def _on_document_destroyed(self, *_args) -> None:
        # A dying QUndoStack emits while it clears (at interpreter exit the document can go
        # first): stop listening before it does.
        stack = self.document.undo_stack
        stack.cleanChanged.disconnect(self._update_title)
        stack.undoTextChanged.disconnect(self.ui._refresh_undo)
        stack.redoTextChanged.disconnect(self.ui._refresh_undo)

    def _on_autosaver_failed(self, reason: str) -> None:
        self.show_status(tr("Autosave failed: {reason}").format(reason=reason))

    def _update_title(self, *_args) -> None:
        path = self.document.path
        name = path.name if path else (self.document.design.title or tr("Untitled"))
        self.setWindowTitle(f"{name}[*] — {tr('AWS Architecture Designer')}")
        self.setWindowModified(self.document.modified)

    def _on_document_model_changed(self, event) -> None:
        if self.document.path is None and getattr(event, "field", None) == "title":
            self._update_title()

    def show_problems(self) -> None:
        dock = self.docks["problems"]
        dock.show()
        dock.raise_()

    def _on_problems_finding_selected(self, node_ids: list, edge_ids: list) -> None:
        ids = list(node_ids) + list(edge_ids)
        self.scene.select_ids(ids)
        self.canvas.center_on_ids(ids)

    # ------------------------------------------------------------------ dialogs (overridable in tests)
    def ask_unsaved_changes(self) -> str:
        """"save", "discard" or "cancel" for a design with unsaved changes."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Unsaved changes"))
        box.setText(tr("Save the changes to \"{name}\" before closing it?").format(name=self._display_name()))
        box.setInformativeText(tr("Your changes will be lost if you don't save them."))
        save = box.addButton(tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("Don't Save"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open design"), self._last_folder(),
                                              tr("AWS designs (*.awsd.json *.json);;All files (*)"))
        return path or None

    def ask_save_path(self) -> str | None:
        suggested = self.document.path or Path(self._last_folder()) / f"{_slug(self.document.design.title)}{DESIGN_FILTER_SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save design as"), str(suggested),
                                              tr("AWS designs (*.awsd.json)"))
        return path or None

    def show_error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(text)
        if details:
            box.setInformativeText(details)
        box.exec()

    def _display_name(self) -> str:
        return self.document.path.name if self.document.path else (self.document.design.title or tr("Untitled"))

    def _last_folder(self) -> str:
        if self.document.path:
            return str(self.document.path.parent)
        return str(settings.value("last_folder", str(Path.home())))

    # ------------------------------------------------------------------ files
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current design (saved, discarded, or unchanged)."""
        if not self.document.modified:
            return True
        answer = self.ask_unsaved_changes()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_design(self) -> bool:
        """Replace the design with an empty one (asking about unsaved changes first)."""
        if not self.maybe_save():
            return False
        self.document.replace(Design(title=tr("Untitled")), None)
        return True

    def new_from_sample(self, path: str | Path) -> bool:
        """Start a new, unnamed design from a sample (saving asks for a file name)."""
        if not self.maybe_save():
            return False
        try:
            design = load_design(path)
        except StorageError as exc:
            self.show_error(tr("Cannot open the sample"), "\n".join(exc.lines()))
            return False
        self.document.replace(design, None)
        self.canvas.fit_readable()
        return True

    def open_file(self, path: str | Path | None = None, *, ask: bool = True) -> bool:
        """Open a design; a bad file shows its problems and leaves the current design as it was."""
        if path is None:
            if not self.maybe_save():
                return False
            path = self.ask_open_path()
            if path is None:
                return False
        elif ask and not self.maybe_save():
            return False
        try:
            self.document.open(path)
        except StorageError as exc:
            lines = exc.problems
            shown = "\n".join(lines[:12]) + (tr("\n… and {count} more").format(count=len(lines) - 12)
                                            if len(lines) > 12 else "")
            self.show_error(tr("Cannot open the design"),
                            tr("\"{name}\" could not be opened; the current design is unchanged.").format(
                                name=Path(path).name), shown)
            if "file not found" in lines:
                settings.remove_recent_file(path)
            return False
        self._remember_file(Path(path))
        self.canvas.fit_readable()
        self.show_status(tr("Opened {name}").format(name=Path(path).name))
        return True

    def save(self) -> bool:
        """Save to the current file (or ask for one); False when cancelled or failed."""
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        target = Path(path)
        if not target.name.endswith(".json"):
            target = target.with_name(target.name + DESIGN_FILTER_SUFFIX)
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except StorageError as exc:
            self.show_error(tr("Cannot save the design"),
                            tr("The design was not saved; the previous file is unchanged."), "\n".join(exc.lines()))
            return False
        self._remember_file(path)
        self.show_status(tr("Saved {name}").format(name=path.name))
        return True

    def _remember_file(self, path: Path) -> None:
        settings.add_recent_file(path)
        settings.set_value("last_folder", str(path.resolve().parent))

    def clear_recent(self) -> None:
        settings.clear_recent_files()

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Rebuild File ▸ Open Recent from the settings."""
        menu.clear()
        files = settings.recent_files()
        for index, file in enumerate(files, start=1):
            action = menu.addAction(f"&{index % 10} {Path(file).name}")
            action.setToolTip(file)
            action.setStatusTip(file)
            action.triggered.connect(lambda _checked=False, f=file: self.open_file(f))
        if not files:
            empty = menu.addAction(tr("(no recent files)"))
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.ui.actions["clear_recent"])

    def fill_samples_menu(self, menu: QMenu) -> None:
        """File ▸ New from Sample: one entry per bundled sample, named by its title."""
        menu.clear()
        for path in sorted(samples_dir().glob(f"*{DESIGN_FILTER_SUFFIX}")):
            title = _sample_title(path)
            action = menu.addAction(title)
            action.setStatusTip(path.name)
            action.triggered.connect(lambda _checked=False, p=path: self.new_from_sample(p))
        if menu.isEmpty():
            empty = menu.addAction(tr("(no samples found)"))
            empty.setEnabled(False)

    # ------------------------------------------------------------------ export
    def export_image(self, fmt: str, options=None) -> bool:
        """File ▸ Export ▸ PNG/SVG/PDF of the whole design or the selection."""
        selection = self.scene.selected_node_ids()
        if options is None:
            base = self.document.path.name.removesuffix(DESIGN_FILTER_SUFFIX) if self.document.path else \
                _slug(self.document.design.title)
            dialog = ExportImageDialog(fmt, Path(self._last_folder()) / f"{base}.{fmt}",
                                       self.document.design.title, len(selection), self)
            if dialog.exec() != ExportImageDialog.DialogCode.Accepted:
                return False
            options = dialog.options()
        from designer.gui.render import PIXEL_BUDGET, RenderCancelled, render_to_file

        progress = ExportProgress(options.path.name, self)
        try:
            # The window's findings are the design's: the export draws them without re-checking.
            info = render_to_file(self.document.design, options.path, options.fmt, scale=options.scale,
                                  transparent=options.transparent, margin=options.margin, title=options.title,
                                  legend=options.legend, selection=selection if options.selection_only else None,
                                  lang=language(), findings=None if options.selection_only else self.document.findings,
                                  progress=progress)
        except RenderCancelled:
            self.show_status(tr("Export cancelled; no file was written."))
            return False
        except (OSError, ValueError, RuntimeError) as exc:
            self.show_error(tr("Export failed"), tr("The image was not written."), str(exc))
            return False
        finally:
            progress.close()
        if info.lowered:
            self.show_status(tr("Exported {name} at {scale}× ({width}×{height} pixels): {requested}× would pass "
                                "{budget} megapixels").format(
                name=options.path.name, scale=f"{info.scale:g}", width=info.width, height=info.height,
                requested=f"{info.requested_scale:g}", budget=f"{PIXEL_BUDGET / 1e6:g}"))
        else:
            self.show_status(tr("Exported {name}").format(name=options.path.name))
        return True

    def add_code_exports(self, menu: QMenu) -> None:
        """File ▸ Export ▸ Terraform, CloudFormation, … from the exporter registry."""
        from designer import exporters

        infos = exporters.available()
        if infos:
            menu.addSeparator()
        for info in infos.values():
            action = menu.addAction(f"{info.label}…")
            action.triggered.connect(lambda _checked=False, name=info.name: self.export_code(name))

    def export_code(self, name: str, target: str | Path | None = None) -> bool:
        """Export with a registered exporter into one file, or a folder when it makes several."""
        from designer import exporters
        from designer.gui.code_export import write_export

        info = exporters.get_exporter(name)
        try:
            result = exporters.export(self.document.design, name, lang=language())
        except exporters.ExportError as exc:
            self.show_error(tr("Export failed"), str(exc))
            return False
        if target is None:
            base = self.document.path.name.removesuffix(DESIGN_FILTER_SUFFIX) if self.document.path else \
                _slug(self.document.design.title)
            if len(result.files) == 1:
                target, _ = QFileDialog.getSaveFileName(self, info.label, str(Path(self._last_folder()) /
                                                                             f"{base}{info.extension}"))
            else:
                target = QFileDialog.getExistingDirectory(self, info.label, self._last_folder())
            if not target:
                return False
        try:
            written = write_export(result, Path(target))
        except OSError as exc:
            self.show_error(tr("Export failed"), str(exc))
            return False
        self.show_status(tr("Exported {name}").format(name=", ".join(p.name for p in written)))
        if result.notes:  # not modal: the export is done, the notes are for reading
            box = QMessageBox(QMessageBox.Icon.Information, info.label, "\n".join(result.notes),
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        return True

    # ------------------------------------------------------------------ view and help
    def set_snap_to_grid(self, on: bool) -> None:
        self.canvas.set_snap_to_grid(on)
        settings.set_value("snap_to_grid", bool(on))

    def set_language(self, code: str) -> None:
        translator().set_language(code)
        settings.set_value("language", code)

    def open_new_window(self) -> MainWindow:
        window = MainWindow(recovery_dir=self.autosaver.directory)
        MainWindow.open_windows.append(window)
        window.show()
        return window

    def show_user_guide(self) -> None:
        guide = docs_dir() / "user-guide.md"
        if guide.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide)))
        else:
            self.show_status(tr("The user guide is not installed."))

    def show_shortcuts(self) -> None:
        """A list of every action that has a shortcut, generated from the actions themselves."""
        from designer.gui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.ui.actions.values(), self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, tr("About"), tr(
            "<b>AWS Architecture Designer</b> {version}<br>Design AWS architectures by drag and drop, "
            "with a live validator and exports.<br><br>AWS icons: Amazon Web Services Architecture Icons, "
            "via the <i>diagrams</i> package.").format(version=__version__))

    def quit_application(self) -> None:
        for window in [*MainWindow.open_windows, self]:
            if not window.close():
                return
        QApplication.quit()

    # ------------------------------------------------------------------ recovery
    def restore_recovery(self, recovery: Recovery) -> bool:
        """Open an autosaved design as unsaved changes to its original file."""
        try:
            design = recovery.load()
        except StorageError as exc:
            self.show_error(tr("Cannot restore"), tr("The autosaved design could not be read."),
                            "\n".join(exc.lines()))
            return False
        self.document.replace(design, recovery.original)
        self.document.undo_stack.resetClean()  # restored work is unsaved until the user saves it
        self.autosaver.save_now()  # our own recovery copy exists before the old one goes
        recovery.discard()
        self._update_title()
        self.canvas.fit_readable()
        return True

    # ------------------------------------------------------------------ files dropped on the window
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if _dropped_design(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        path = _dropped_design(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_file(path)

    # ------------------------------------------------------------------ settings and closing
    def _restore_settings(self) -> None:
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:  # first start: the canvas gets most of the room
            self.resizeDocks([self.docks["palette"], self.docks["inspector"]], [250, 340],
                             Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["problems"]], [170], Qt.Orientation.Vertical)
        snap = settings.bool_value("snap_to_grid", True)
        self.ui.actions["snap"].setChecked(snap)
        self.canvas.set_snap_to_grid(snap)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.maybe_save():
            event.ignore()
            return
        settings.set_value("window/geometry", self.saveGeometry())
        settings.set_value("window/state", self.saveState())
        self.autosaver.close()
        if self in MainWindow.open_windows:
            MainWindow.open_windows.remove(self)
        thaw_long_lived()  # this window's design may be freed (see Document.check_now)
        event.accept()


def _dropped_design(mime) -> Path | None:
    """The first local .json file a drag from a file manager carries, if any."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
            return Path(url.toLocalFile())
    return None


def _slug(title: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in (title or "design").strip())
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "design"


def _sample_title(path: Path) -> str:
    try:
        import json

        return str(json.loads(path.read_text(encoding="utf-8")).get("title") or path.name)
    except (OSError, ValueError, AttributeError):
        return path.name
