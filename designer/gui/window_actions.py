"""The main window's actions, menus and toolbar, with standard shortcuts and live retranslation.

Each action's text is a `tr()` literal kept in a lambda, so View ▸ Language re-sets every
text without a restart and the i18n test can see every string.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from designer.gui.i18n import tr
from designer.gui.import_action import add_import_action
from designer.gui.toolbar_icons import toolbar_icon

if TYPE_CHECKING:
    from designer.gui.main_window import MainWindow

Std = QKeySequence.StandardKey


def _keys(*keys: Std | str) -> list[QKeySequence]:
    """Shortcut list without duplicates (a standard key may already include the extra one)."""
    out: list[QKeySequence] = []
    for key in keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, Std) else [QKeySequence(key)]
        for sequence in sequences:
            if not sequence.isEmpty() and sequence not in out:
                out.append(sequence)
    return out


class WindowActions(QObject):
    """Builds and owns the QActions, menus and toolbar of one MainWindow (a child of it)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._texts: list[tuple[object, str, Callable[[], str]]] = []
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.retranslate()

    # ------------------------------------------------------------------ helpers
    def _text(self, obj: object, setter: str, text: Callable[[], str]) -> None:
        self._texts.append((obj, setter, text))

    def _action(self, name: str, text: Callable[[], str], slot: Callable | None = None,
                keys: list[QKeySequence] | None = None, icon: QStyle.StandardPixmap | QIcon | None = None,
                checkable: bool = False, tip: Callable[[], str] | None = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{name}")
        if keys:
            action.setShortcuts(keys)
        if isinstance(icon, QIcon):
            action.setIcon(icon)
        elif icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        action.setCheckable(checkable)
        if slot is not None:
            (action.toggled if checkable else action.triggered).connect(slot)
        self._text(action, "setText", text)
        if tip is not None:
            self._text(action, "setStatusTip", tip)
        self.actions[name] = action
        self.window.addAction(action)  # shortcuts work while the menu bar is hidden too
        return action

    def _menu(self, name: str, parent, text: Callable[[], str]) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName(f"menu_{name}")
        self._text(menu, "setTitle", text)
        self.menus[name] = menu
        return menu

    # ------------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        w = self.window
        sp = QStyle.StandardPixmap
        a = self._action
        a("new", lambda: tr("&New"), w.new_design, _keys(Std.New), sp.SP_FileIcon,
          tip=lambda: tr("Start an empty design"))
        a("new_window", lambda: tr("New &Window"), w.open_new_window, _keys("Ctrl+Shift+N"))
        a("open", lambda: tr("&Open…"), lambda: w.open_file(), _keys(Std.Open), sp.SP_DialogOpenButton,
          tip=lambda: tr("Open a design file"))
        a("save", lambda: tr("&Save"), w.save, _keys(Std.Save), sp.SP_DialogSaveButton,
          tip=lambda: tr("Save the design"))
        a("save_as", lambda: tr("Save &As…"), w.save_as, _keys(Std.SaveAs, "Ctrl+Shift+S"))
        a("export_png", lambda: tr("&PNG image…"), lambda: w.export_image("png"), _keys("Ctrl+E"),
          toolbar_icon("export_png"), tip=lambda: tr("Export the design as a PNG image"))
        a("export_svg", lambda: tr("&SVG drawing…"), lambda: w.export_image("svg"))
        a("export_pdf", lambda: tr("P&DF document…"), lambda: w.export_image("pdf"))
        a("clear_recent", lambda: tr("Clear the list"), w.clear_recent)
        a("close", lambda: tr("&Close window"), w.close, _keys(Std.Close))
        a("quit", lambda: tr("&Quit"), w.quit_application, _keys(Std.Quit, "Ctrl+Q"))

        stack = w.document.undo_stack
        undo = stack.createUndoAction(w)
        redo = stack.createRedoAction(w)
        undo.setShortcuts(_keys(Std.Undo))
        redo.setShortcuts(_keys(Std.Redo, "Ctrl+Shift+Z"))
        undo.setIcon(w.style().standardIcon(sp.SP_ArrowBack))
        redo.setIcon(w.style().standardIcon(sp.SP_ArrowForward))
        # createUndoAction keeps its text in step with the stack ("Undo Move"); its prefix follows tr().
        stack.undoTextChanged.connect(self._refresh_undo)
        stack.redoTextChanged.connect(self._refresh_undo)
        self.actions["undo"], self.actions["redo"] = undo, redo
        w.addAction(undo)
        w.addAction(redo)

        c = w.canvas
        a("cut", lambda: tr("Cu&t"), c.cut_selection, _keys(Std.Cut))
        a("copy", lambda: tr("&Copy"), c.copy_selection, _keys(Std.Copy))
        a("paste", lambda: tr("&Paste"), c.paste, _keys(Std.Paste))
        a("duplicate", lambda: tr("D&uplicate"), c.duplicate_selection, _keys("Ctrl+D"))
        a("delete", lambda: tr("&Delete"), c.delete_selection, _keys(Std.Delete), sp.SP_TrashIcon)
        a("select_all", lambda: tr("Select &All"), c.select_all, _keys(Std.SelectAll))
        a("rename", lambda: tr("&Rename"), c.rename_selected, _keys("F2"))
        a("connect", lambda: tr("C&onnect tool"), c.set_connect_mode, _keys("C"), toolbar_icon("connect"),
          checkable=True,
          tip=lambda: tr("Drag from one item to another to connect them"))
        c.connect_mode_changed.connect(self.actions["connect"].setChecked)

        a("zoom_in", lambda: tr("Zoom &In"), c.zoom_in, _keys(Std.ZoomIn, "Ctrl+="), toolbar_icon("zoom_in"))
        a("zoom_out", lambda: tr("Zoom &Out"), c.zoom_out, _keys(Std.ZoomOut), toolbar_icon("zoom_out"))
        a("zoom_reset", lambda: tr("&Actual Size"), c.zoom_reset, _keys("Ctrl+0"))
        a("fit", lambda: tr("&Fit to Window"), c.fit_to_window, _keys("Ctrl+Shift+F", "Ctrl+9"),
          toolbar_icon("fit"))
        a("snap", lambda: tr("&Snap to Grid"), w.set_snap_to_grid, _keys("Ctrl+'"), checkable=True)
        group = QActionGroup(w)
        for code, text in (("en", lambda: tr("English")), ("ko", lambda: tr("Korean"))):
            action = a(f"lang_{code}", text, checkable=True)
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(lambda action: w.set_language(action.data()))

        a("guide", lambda: tr("&User Guide"), w.show_user_guide, _keys(Std.HelpContents))
        a("shortcuts", lambda: tr("&Keyboard Shortcuts"), w.show_shortcuts)
        a("about", lambda: tr("&About"), w.show_about)

    def _refresh_undo(self, *_args) -> None:
        stack = self.window.document.undo_stack
        undo_text, redo_text = stack.undoText(), stack.redoText()
        undo, redo = self.actions["undo"], self.actions["redo"]
        undo.setText(tr("&Undo {step}").format(step=undo_text) if undo_text else tr("&Undo"))
        redo.setText(tr("&Redo {step}").format(step=redo_text) if redo_text else tr("&Redo"))

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        act = self.actions
        file_menu = self._menu("file", bar, lambda: tr("&File"))
        file_menu.addActions([act["new"], act["new_window"]])
        samples = self._menu("samples", file_menu, lambda: tr("New from &Sample"))
        samples.aboutToShow.connect(lambda: w.fill_samples_menu(samples))
        file_menu.addMenu(samples)
        file_menu.addAction(act["open"])
        add_import_action(self, file_menu)  # File ▸ Import… (CloudFormation, Terraform, draw.io)
        recent = self._menu("recent", file_menu, lambda: tr("Open &Recent"))
        recent.aboutToShow.connect(lambda: w.fill_recent_menu(recent))
        file_menu.addMenu(recent)
        file_menu.addSeparator()
        file_menu.addActions([act["save"], act["save_as"]])
        file_menu.addSeparator()
        export = self._menu("export", file_menu, lambda: tr("&Export"))
        export.addActions([act["export_png"], act["export_svg"], act["export_pdf"]])
        w.add_code_exports(export)
        file_menu.addMenu(export)
        file_menu.addSeparator()
        file_menu.addActions([act["close"], act["quit"]])
        bar.addMenu(file_menu)

        edit = self._menu("edit", bar, lambda: tr("&Edit"))
        edit.addActions([act["undo"], act["redo"]])
        edit.addSeparator()
        edit.addActions([act["cut"], act["copy"], act["paste"], act["duplicate"], act["delete"]])
        edit.addSeparator()
        edit.addActions([act["select_all"], act["rename"], act["connect"]])
        bar.addMenu(edit)

        view = self._menu("view", bar, lambda: tr("&View"))
        view.addActions([act["zoom_in"], act["zoom_out"], act["zoom_reset"], act["fit"]])
        view.addSeparator()
        view.addAction(act["snap"])
        view.addSeparator()
        panels = self._menu("panels", view, lambda: tr("&Panels"))
        for dock in w.docks.values():
            panels.addAction(dock.toggleViewAction())
        panels.addAction(self.toolbar.toggleViewAction())
        view.addMenu(panels)
        language = self._menu("language", view, lambda: tr("&Language"))
        language.addActions([act["lang_en"], act["lang_ko"]])
        view.addMenu(language)
        bar.addMenu(view)

        help_menu = self._menu("help", bar, lambda: tr("&Help"))
        help_menu.addActions([act["guide"], act["shortcuts"]])
        help_menu.addSeparator()
        help_menu.addAction(act["about"])
        bar.addMenu(help_menu)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.window)
        toolbar.setObjectName("main_toolbar")
        self._text(toolbar, "setWindowTitle", lambda: tr("Toolbar"))
        act = self.actions
        toolbar.addActions([act["new"], act["open"], act["save"]])
        toolbar.addSeparator()
        toolbar.addActions([act["undo"], act["redo"], act["delete"]])
        toolbar.addSeparator()
        toolbar.addAction(act["connect"])
        toolbar.addSeparator()
        toolbar.addActions([act["zoom_out"], act["zoom_in"], act["fit"]])
        toolbar.addSeparator()
        toolbar.addAction(act["export_png"])
        self.toolbar = toolbar
        self.window.addToolBar(toolbar)

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        """Re-set every text in the current language."""
        for obj, setter, text in self._texts:
            getattr(obj, setter)(text())
        self._refresh_undo()
        for action in self.actions.values():
            keys = action.shortcut()
            if not keys.isEmpty():
                action.setToolTip(f"{action.text().replace('&', '')} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
