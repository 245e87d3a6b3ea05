"""Presentation mode (F5): the design full screen, revealed layer by layer for a class.

Entering hides the menus, toolbar, docks and minimap, goes full screen, zooms the canvas
up (large labels and icons) and shows the first layer of
`designer.analysis.presentation_steps.reveal_plan`. Right/PageDown/Space step forward,
Left/PageUp/Backspace back, Home/End jump; a caption names the step in the UI language
and an overlay shows, in large type, the findings of what the step revealed. The mouse
becomes a red laser dot. The canvas is read-only meanwhile (editing actions disabled,
clicks ignored). Esc or F5 leaves and restores the window exactly; the model is never
touched: steps only hide items with `setVisible(False)`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QRadialGradient, QTransform
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QToolBar, QWidget

from designer.analysis.presentation_steps import RevealStep, reveal_plan
from designer.gui.i18n import language, tr, translator
from designer.gui.items import style
from designer.rules import Finding

MAX_ZOOM = 3.0  # large type: up to 300 % when the design is small
MAX_FINDINGS_SHOWN = 4
FINDINGS_ROOM = 110  # pixels kept free at the bottom for the findings strip
NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_Up}
# Actions that stay usable while presenting (everything else would edit or leave the show).
KEEP_ACTIONS = {"present", "zoom_in", "zoom_out", "zoom_reset", "fit", "lang_en", "lang_ko", "quit", "close"}
SEVERITY_HEX = {name: colour.name() for name, colour in style.SEVERITY_COLOURS.items()}


class LaserPointer(QWidget):
    """A red dot with a soft glow that follows the mouse over the canvas."""

    RADIUS = 9.0

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.point: QPointF | None = None

    def move_to(self, point: QPointF | None) -> None:
        """Show the dot at `point` (viewport coordinates); None hides it."""
        old = self.point
        self.point = point
        for p in (old, point):
            if p is not None:
                r = self.RADIUS * 3
                self.update(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r).toAlignedRect())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.point is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        glow = QRadialGradient(self.point, self.RADIUS * 2.6)
        glow.setColorAt(0.0, QColor(255, 40, 40, 170))
        glow.setColorAt(1.0, QColor(255, 40, 40, 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(glow)
        painter.drawEllipse(self.point, self.RADIUS * 2.6, self.RADIUS * 2.6)
        painter.setBrush(QColor("#FF1A1A"))
        painter.drawEllipse(self.point, self.RADIUS * 0.55, self.RADIUS * 0.55)
        painter.end()


def _overlay_label(parent: QWidget, name: str, font_px: int) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    label.setStyleSheet(f"QLabel#{name} {{ background: rgba(35, 47, 62, 215); color: white; "
                        f"font-size: {font_px}px; padding: 10px 18px; border-radius: 10px; }}")
    label.hide()
    return label


class Presenter(QObject):
    """Presentation mode of one MainWindow: `toggle()` is bound to F5."""

    started = Signal()
    finished = Signal()
    step_changed = Signal(int)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.canvas = window.canvas
        self.active = False
        self.steps: list[RevealStep] = []
        self.index = 0
        self._saved: dict = {}
        viewport = self.canvas.viewport()
        self.caption = _overlay_label(self.canvas, "presentation_caption", 30)
        self.findings_box = _overlay_label(self.canvas, "presentation_findings", 22)
        self.laser = LaserPointer(viewport)
        self.laser.hide()
        # Scrolling the view moves the viewport's child widgets: put the laser's layer back.
        self.canvas.horizontalScrollBar().valueChanged.connect(self._on_canvas_scrolled)
        self.canvas.verticalScrollBar().valueChanged.connect(self._on_canvas_scrolled)
        self._replan = QTimer(self)
        self._replan.setSingleShot(True)
        self._replan.setInterval(0)
        self._replan.timeout.connect(self._on_replan_timeout)
        translator().language_changed.connect(self._on_translator_language_changed)

    # ------------------------------------------------------------------ entering and leaving
    def toggle(self) -> None:
        """Enter presentation mode, or leave it."""
        if self.active:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        """Full screen, chrome hidden, canvas zoomed up, first layer shown."""
        if self.active:
            return
        w, canvas = self.window, self.canvas
        canvas.set_connect_mode(False)
        self._saved = {
            "state": w.saveState(),
            "window_state": w.windowState(),
            "menu_hidden": w.menuBar().isHidden(),
            "status_hidden": w.statusBar().isHidden(),
            "minimap": canvas.minimap.enabled,
            "grid": canvas.snap_to_grid,
            "scrollbars": (canvas.horizontalScrollBarPolicy(), canvas.verticalScrollBarPolicy()),
            "transform": QTransform(canvas.transform()),
            "centre": canvas.mapToScene(canvas.viewport().rect().center()),
            "selection": self.window.scene.selected_ids(),
            "enabled": {name: a.isEnabled() for name, a in w.ui.actions.items()},
        }
        self.active = True
        for name, action in w.ui.actions.items():
            if name not in KEEP_ACTIONS:
                action.setEnabled(False)
        for dock in w.findChildren(QDockWidget):
            dock.hide()
        for bar in w.findChildren(QToolBar):
            bar.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        canvas.minimap.set_enabled(False)  # it would pop up over the slides
        canvas.set_snap_to_grid(False)  # a clean white slide: no grid dots (snapping is moot read-only)
        canvas.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        canvas.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.window.scene.clearSelection()
        w.showFullScreen()
        canvas.viewport().setCursor(Qt.CursorShape.BlankCursor)
        self.laser.setGeometry(canvas.viewport().rect())
        self.laser.show()
        self.laser.raise_()
        self.steps = reveal_plan(w.document.design)
        self.index = 0
        w.document.model_changed.connect(self._on_document_model_changed)
        w.document.design_replaced.connect(self.stop)
        QApplication.instance().installEventFilter(self)
        canvas.setFocus()
        self._show_step()
        QTimer.singleShot(0, self.fit)  # once the window has its full-screen size
        self.started.emit()

    def stop(self) -> None:
        """Leave presentation mode and restore the window as it was."""
        if not self.active:
            return
        self.active = False
        w, canvas = self.window, self.canvas
        QApplication.instance().removeEventFilter(self)
        w.document.model_changed.disconnect(self._on_document_model_changed)
        w.document.design_replaced.disconnect(self.stop)
        scene = w.scene
        for item in scene.node_items() + scene.edge_items():
            item.setVisible(True)
        self.caption.hide()
        self.findings_box.hide()
        self.laser.move_to(None)
        self.laser.hide()
        canvas.viewport().unsetCursor()
        saved = self._saved
        w.setWindowState(saved["window_state"])
        if isinstance(saved["state"], QByteArray):
            w.restoreState(saved["state"])
        w.menuBar().setHidden(saved["menu_hidden"])
        w.statusBar().setHidden(saved["status_hidden"])
        canvas.minimap.set_enabled(saved["minimap"])
        canvas.set_snap_to_grid(saved["grid"])
        canvas.setHorizontalScrollBarPolicy(saved["scrollbars"][0])
        canvas.setVerticalScrollBarPolicy(saved["scrollbars"][1])
        for name, enabled in saved["enabled"].items():
            if name in w.ui.actions:
                w.ui.actions[name].setEnabled(enabled)
        stack = w.document.undo_stack
        w.ui.actions["undo"].setEnabled(stack.canUndo())
        w.ui.actions["redo"].setEnabled(stack.canRedo())
        canvas.setTransform(saved["transform"])
        canvas.centerOn(saved["centre"])
        canvas.zoom_changed.emit(canvas.zoom())
        scene.select_ids(saved["selection"])
        self.steps = []
        self.finished.emit()

    # ------------------------------------------------------------------ stepping
    @property
    def step(self) -> RevealStep | None:
        """The step on screen (None when not presenting or the design is empty)."""
        return self.steps[self.index] if self.active and self.steps else None

    def next_step(self) -> None:
        self.go_to(self.index + 1)

    def previous_step(self) -> None:
        self.go_to(self.index - 1)

    def go_to(self, index: int) -> None:
        """Show step `index` (clamped to the plan)."""
        if not self.active or not self.steps:
            return
        index = max(0, min(index, len(self.steps) - 1))
        if index != self.index:
            self.index = index
            self._show_step()

    def _show_step(self) -> None:
        scene = self.window.scene
        step = self.step
        nodes = step.shown_nodes if step else frozenset()
        edges = step.shown_edges if step else frozenset()
        for item in scene.node_items():
            item.setVisible(item.node_id in nodes)
        for item in scene.edge_items():
            item.setVisible(item.edge_id in edges)
        self._refresh_texts()
        self.step_changed.emit(self.index)

    def step_findings(self) -> list[Finding]:
        """The findings about what the current step revealed."""
        step = self.step
        if step is None:
            return []
        new_nodes, new_edges = set(step.new_nodes), set(step.new_edges)
        return [f for f in self.window.document.findings
                if new_nodes.intersection(f.nodes) or new_edges.intersection(f.edges)]

    def _refresh_texts(self) -> None:
        if not self.active:
            return
        lang = language()
        step = self.step
        if step is None:
            self.caption.setText(html.escape(tr("The design is empty.")))
        else:
            self.caption.setText(
                f"<b>{html.escape(step.layer.title_in(lang))}</b>&nbsp;&nbsp;"
                f"<span style='color:#AAB7B8'>{html.escape(tr('Step {step} of {count}').format(step=self.index + 1, count=len(self.steps)))}</span>")
        findings = self.step_findings()
        if findings:
            rows = [f"<span style='color:{SEVERITY_HEX.get(f.severity, '#FFFFFF')}'>●</span> "
                    f"<b>{html.escape(f.rule)}</b> {html.escape(f.message_in(lang))}"
                    for f in findings[:MAX_FINDINGS_SHOWN]]
            if len(findings) > MAX_FINDINGS_SHOWN:
                rows.append(html.escape(tr("… and {count} more").format(count=len(findings) - MAX_FINDINGS_SHOWN)))
            self.findings_box.setText("<br>".join(rows))
            self.findings_box.show()
        else:
            self.findings_box.hide()
        self.caption.show()
        self._place_overlays()

    def _place_overlays(self) -> None:
        view = self.canvas.viewport().geometry()
        margin = 24
        width = max(min(view.width() - 2 * margin, 1100), 200)
        left = view.left() + (view.width() - width) // 2
        # A word-wrapped label's size hint ignores its width: ask for the height at this width.
        self.caption.setGeometry(left, view.top() + margin, width, self.caption.heightForWidth(width))
        self.caption.raise_()
        if not self.findings_box.isHidden():
            height = self.findings_box.heightForWidth(width)
            self.findings_box.setGeometry(left, view.bottom() - margin - height, width, height)
            self.findings_box.raise_()
        self.laser.setGeometry(self.canvas.viewport().rect())

    def _on_canvas_scrolled(self, _value: int) -> None:
        if self.active:
            self.laser.setGeometry(self.canvas.viewport().rect())

    def fit(self) -> None:
        """Zoom so the whole design fills the screen below the caption (up to MAX_ZOOM)."""
        if not self.active:
            return
        canvas = self.canvas
        rect = self.window.scene.content_rect()
        view = canvas.viewport().rect()
        if rect.isEmpty() or view.width() < 2 or view.height() < 2:
            return
        rect = rect.adjusted(-30, -30, 30, 30)
        # The room between the caption and the findings strip (two lines of large type).
        top = 24 + self.caption.heightForWidth(max(self.caption.width(), 200)) + 12
        bottom = view.height() - FINDINGS_ROOM
        if bottom - top < view.height() // 2:
            top, bottom = 0, view.height()
        scale = min(view.width() / rect.width(), (bottom - top) / rect.height(), MAX_ZOOM)
        canvas.set_zoom(scale)
        offset = (view.height() / 2 - (top + bottom) / 2) / max(scale, 1e-6)
        canvas.centerOn(rect.center() + QPointF(0, offset))
        self._place_overlays()

    # ------------------------------------------------------------------ events
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(watched, QWidget) and watched.window() is self.window:
            return self._on_key(event)
        viewport = self.canvas.viewport()
        if watched is viewport:
            if kind == QEvent.Type.MouseMove:
                self.laser.move_to(event.position())
                return True  # no hover handles or tooltips under the laser
            elif kind == QEvent.Type.Leave:
                self.laser.move_to(None)
            elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                          QEvent.Type.MouseButtonDblClick, QEvent.Type.ContextMenu):
                return True  # read-only while presenting: no drags, no selection, no menu
            elif kind == QEvent.Type.Resize:
                QTimer.singleShot(0, self.fit)
        if watched is self.window and kind == QEvent.Type.Close:
            self.stop()  # the window saves its layout on close: save the normal one
        return False

    def _on_key(self, event) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.stop()
        elif key in NEXT_KEYS:
            self.next_step()
        elif key in PREVIOUS_KEYS:
            self.previous_step()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.steps) - 1)
        # Every other key is swallowed: the canvas would nudge, select or delete. Shortcuts of
        # the actions still enabled (F5, zoom, language) arrive as shortcut events, not here.
        return True

    def _on_document_model_changed(self, _event) -> None:
        self._replan.start()

    def _on_replan_timeout(self) -> None:
        if self.active:
            self.steps = reveal_plan(self.window.document.design)
            self.index = min(self.index, max(len(self.steps) - 1, 0))
            self._show_step()

    def _on_translator_language_changed(self, *_args) -> None:
        self._refresh_texts()
