"""The classroom features wired into a MainWindow: the Lesson, Exercise and Failure drill
docks, View ▸ Presentation Mode (F5), Tools ▸ Failure Drill… and File ▸ Open Exercise.

One object per window (`window.classroom`), built after the window's own actions, so the
main window only has to create it. Its actions join `window.ui.actions` (the shortcuts
dialog lists them, presentation mode enables and disables them with the rest).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu, QWidget

from designer.gui.drill import DrillPanel
from designer.gui.exercise_panel import EXERCISES_DIR, ExercisePanel, exercise_entries
from designer.gui.i18n import language, tr, translator
from designer.gui.lessons import LessonPanel
from designer.gui.presentation import Presenter


class Classroom(QObject):
    """Builds and owns the classroom docks, actions and menus of one MainWindow."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        doc = window.document
        self.lesson = LessonPanel(doc)
        self.exercise = ExercisePanel(doc)
        self.drill = DrillPanel(doc, window.canvas)
        self.presenter = Presenter(window)
        self.docks: dict[str, QDockWidget] = {}
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self._texts: list[tuple[object, str, Callable[[], str]]] = []
        self._build_docks()
        self._build_actions()
        self._build_menus()
        window.problems.tree.itemSelectionChanged.connect(self._on_problems_selection_changed)
        doc.design_replaced.connect(self._on_document_design_replaced)
        self.drill.drill_started.connect(self._on_drill_started)
        self.drill.status_message.connect(window.show_status)
        translator().language_changed.connect(self.retranslate)
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _dock(self, name: str, widget: QWidget, title: Callable[[], str]) -> QDockWidget:
        dock = QDockWidget(self.window)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self._texts.append((dock, "setWindowTitle", title))
        self.docks[name] = dock
        return dock

    def _build_docks(self) -> None:
        w = self.window
        lesson = self._dock("lesson", self.lesson, lambda: tr("Lesson"))
        exercise = self._dock("exercise", self.exercise, lambda: tr("Exercise"))
        drill = self._dock("drill", self.drill, lambda: tr("Failure drill"))
        # The lesson sits beside the Problems list it explains; the exercise above the inspector
        # (the student reads the prompt and edits below it); the drill with the inspector.
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, lesson)
        w.splitDockWidget(w.docks["problems"], lesson, Qt.Orientation.Horizontal)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, exercise)
        w.splitDockWidget(exercise, w.docks["inspector"], Qt.Orientation.Vertical)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, drill)
        w.tabifyDockWidget(w.docks["inspector"], drill)
        w.docks["inspector"].raise_()
        exercise.hide()
        drill.hide()
        drill.visibilityChanged.connect(self._on_drill_dock_visibility_changed)

    def _action(self, name: str, text: Callable[[], str], slot: Callable, keys: str = "",
                tip: Callable[[], str] | None = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{name}")
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self._texts.append((action, "setText", text))
        if tip is not None:
            self._texts.append((action, "setStatusTip", tip))
        self.actions[name] = action
        self.window.ui.actions[name] = action
        self.window.addAction(action)  # F5 works with the menu bar hidden (presentation)
        return action

    def _build_actions(self) -> None:
        a = self._action
        a("present", lambda: tr("&Presentation Mode"), self.presenter.toggle, "F5",
          tip=lambda: tr("Full screen, layer by layer: arrow keys step, Esc leaves"))
        a("drill", lambda: tr("Failure &Drill…"), self.open_drill,
          tip=lambda: tr("What if an Availability Zone, a subnet or an item fails?"))
        a("check_exercise", lambda: tr("&Check My Answer"), self.check_exercise,
          tip=lambda: tr("Check the open exercise with the validator"))
        a("open_exercise_file", lambda: tr("Other Exercise &File…"), self.ask_exercise_file)

    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        ui_menus = w.ui.menus
        exercises = QMenu(ui_menus["file"])
        exercises.setObjectName("menu_exercises")
        self._texts.append((exercises, "setTitle", lambda: tr("Open E&xercise")))
        exercises.aboutToShow.connect(lambda: self.fill_exercise_menu(exercises))
        self.menus["exercises"] = exercises
        ui_menus["file"].insertMenu(ui_menus["recent"].menuAction(), exercises)
        view = ui_menus["view"]
        view.insertAction(ui_menus["panels"].menuAction(), self.actions["present"])
        view.insertSeparator(ui_menus["panels"].menuAction())
        for dock in self.docks.values():
            ui_menus["panels"].addAction(dock.toggleViewAction())
        tools = QMenu(bar)
        tools.setObjectName("menu_tools")
        self._texts.append((tools, "setTitle", lambda: tr("&Tools")))
        tools.addAction(self.actions["drill"])
        tools.addSeparator()
        tools.addAction(self.actions["check_exercise"])
        self.menus["tools"] = tools
        ui_menus["tools"] = tools
        bar.insertMenu(ui_menus["help"].menuAction(), tools)

    def fill_exercise_menu(self, menu: QMenu) -> None:
        """File ▸ Open Exercise: one entry per bundled exercise, named by its topic."""
        menu.clear()
        for path, title in exercise_entries(language()):
            action = menu.addAction(title)
            action.setStatusTip(path.name)
            action.triggered.connect(lambda _checked=False, p=path: self.open_exercise(p))
        if menu.isEmpty():
            empty = menu.addAction(tr("(no exercises found)"))
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.actions["open_exercise_file"])

    def retranslate(self, *_args) -> None:
        """Re-set the docks' titles and the actions' texts in the current language."""
        for obj, setter, text in self._texts:
            getattr(obj, setter)(text())
        for action in self.actions.values():
            keys = action.shortcut()
            if not keys.isEmpty():
                native = keys.toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.text().replace('&', '')} ({native})")

    # ------------------------------------------------------------------ commands
    def open_exercise(self, path: str | Path) -> bool:
        """Start an unnamed copy of an exercise and show its panel."""
        if not self.window.new_from_sample(path):
            return False
        self.show_dock("exercise")
        self.window.show_status(tr("Exercise opened: find the mistake, fix it, then Check My Answer."))
        return True

    def ask_exercise_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open exercise"), str(EXERCISES_DIR),
                                              tr("AWS designs (*.awsd.json *.json);;All files (*)"))
        return self.open_exercise(path) if path else False

    def check_exercise(self) -> None:
        """Tools ▸ Check My Answer: show the Exercise panel and check."""
        self.show_dock("exercise")
        if self.exercise.check() is None:
            self.window.show_status(tr("This design is not an exercise. Open one with File ▸ Open Exercise."))

    def open_drill(self) -> None:
        """Tools ▸ Failure Drill…: show the drill; a selected item fails at once."""
        self.show_dock("drill")
        if self.drill.pick_selection():
            self.drill.fail(self.drill.target.currentData())

    def show_dock(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    # ------------------------------------------------------------------ following the window
    def _on_problems_selection_changed(self) -> None:
        self.lesson.show_finding(self.window.problems.current_finding())

    def _on_document_design_replaced(self) -> None:
        if self.exercise.is_exercise:
            self.show_dock("exercise")
        else:
            self.docks["exercise"].hide()

    def _on_drill_started(self, _node_id: str) -> None:
        if not self.docks["drill"].isVisible():
            self.show_dock("drill")

    def _on_drill_dock_visibility_changed(self, visible: bool) -> None:
        # Closing the drill's dock ends the drill (unless it is only tabbed away or presenting).
        if not visible and self.docks["drill"].isHidden() and not self.presenter.active:
            self.drill.end_drill()
