"""GUI benchmarks, offscreen: first paint after open, drag and zoom frame times, memory.

- `gui.first_paint`: load the file, build the Document (with its live validator), the
  scene and the view, frame the design in a 1600×1000 view as opening a file does
  (`CanvasView.fit_readable`) and paint the viewport once (`viewport().grab()`, which
  runs the real paint event).
- `gui.drag_frame`: at 100 % zoom, 50 selected instances are dragged with synthetic
  mouse events on the viewport; one frame = one mouse move handled + the event loop's turn
  after it (deferred work and the repaint Qt scheduled, as in the app).
- `gui.zoom_frame`: from 100 % down to the whole design in steps of 15 % (the app's
  `set_zoom`); one frame = one zoom step + the event loop's turn (its repaint).
- `gui.pan_frame`: the whole design in view (the level-of-detail case), panned by 5 %
  of the view per frame.
- `gui.edit_frame`: in the main window (canvas, Problems panel, inspector, status bar),
  once the opened design's findings are in: one edit of each kind in turn (a prop, a
  move, a rename, adding and deleting an instance, undo, redo), each = the edit + the
  event loop's turn (badges, panels, the repaint Qt scheduled). `extra` has the median
  CPU time per kind.
- `gui.peak_memory` (in the memory area): peak RSS of a fresh process that opens,
  paints and drags.

Uses `designer.gui.canvas.CanvasView` when it exists, else a plain QGraphicsView over
`designer.gui.scene.DesignScene` (noted in the result).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    Context,
    NotAvailable,
    Result,
    Samples,
    design_path,
    guarded,
    median,
    over_budget,
    probe_memory,
    summarize,
)

VIEW_SIZE = (1600, 1000)
DRAG_ITEMS = 50
DRAG_FRAMES = 40
ZOOM_STEP = 0.85
PAN_FRAMES = 30

_APP: Any = None  # the one QApplication, kept alive for the whole run


def ensure_qapp() -> Any:
    """The QApplication (created offscreen-capable on first use)."""
    global _APP
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise NotAvailable(f"PySide6: {exc}") from None
    _APP = QApplication.instance() or QApplication(["benchmarks"])
    return _APP


@dataclass
class OpenView:
    """A design open in a view: keeps every Qt object alive while it is measured."""

    document: Any
    scene: Any
    view: Any
    how: str

    def paint(self) -> Any:
        """Paint the viewport once, synchronously (the real paintEvent), and return the pixmap."""
        return self.view.viewport().grab()

    def frame(self) -> None:
        """Finish a frame as the app's event loop does: run what the event queued (deferred
        work, zero-delay timers) and the repaint Qt scheduled for what changed."""
        ensure_qapp().processEvents()

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()
        self.scene.deleteLater()
        ensure_qapp().processEvents()


def open_view(path: Path) -> OpenView:
    """Load `path` and show it as the app does, fitted in a VIEW_SIZE view (not yet painted)."""
    from designer.storage import load_design

    ensure_qapp()
    try:
        from designer.gui.document import Document
        from designer.gui.scene import DesignScene
    except ImportError as exc:
        raise NotAvailable(f"GUI scene: {exc}") from None
    design = load_design(path)
    try:  # as the window opens a file: the full check waits until the design is shown
        document = Document(design, validate="later")
    except TypeError:
        document = Document(design)
    document.path = path
    view, scene, how = _make_view(document, DesignScene)
    view.resize(*VIEW_SIZE)
    view.show()  # delivers the resize synchronously; processing events here would run the check
    opening = getattr(view, "fit_readable", None)  # what the window does when it opens a file
    if callable(opening):
        opening()
    else:
        fit(view, scene)
    return OpenView(document, scene, view, how)


def _make_view(document, scene_class) -> tuple[Any, Any, str]:
    """The app's CanvasView (it builds its own scene) when it exists, else a plain view."""
    try:
        from designer.gui.canvas import CanvasView
    except ImportError:
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QGraphicsView

        scene = scene_class(document)
        view = QGraphicsView(scene)
        view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        return view, scene, "QGraphicsView (no CanvasView yet)"
    view = CanvasView(document)
    return view, view.scene(), "CanvasView"


def fit(view, scene) -> None:
    """Show the whole design, as opening a file does."""
    from PySide6.QtCore import Qt

    for name in ("fit_to_window", "zoom_to_fit", "fit_all"):
        method = getattr(view, name, None)
        if callable(method):
            method()
            return
    rect = scene.content_rect() if hasattr(scene, "content_rect") else scene.itemsBoundingRect()
    view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)


def zoom_100(view, center) -> None:
    view.resetTransform()
    view.centerOn(center)


# --------------------------------------------------------------------------- measurements
def run(ctx: Context) -> Iterator[Result]:
    """Every GUI measurement for every size."""
    for n in ctx.sizes:
        path = design_path(n)
        reps = max(2, ctx.repeats(n) // 2) if n > 2000 else ctx.repeats(n) // 2 + 1
        opened_rows: list[Result] = []
        failed = guarded("gui.first_paint", n, "ms", _open_rows, opened_rows, path, n, reps)
        if opened_rows:
            yield from opened_rows
        else:  # the open failed or is missing: both rows say why
            yield failed
            yield Result("gui.open_to_findings", n, None, None, "ms", note=failed.note)
        yield from _frames(path, n, ctx)


def _open_rows(into: list[Result], path: Path, n: int, reps: int) -> Result:
    """Measure opening into `into`; returns the first row (for `guarded`)."""
    into.extend(first_paint(path, n, reps))
    return into[0]


def first_paint(path: Path, n: int, reps: int) -> Iterator[Result]:
    """Open-to-first-paint time, repeated (`gui.first_paint`), and open-to-findings: until the
    deferred full check has run and its badges are painted (`gui.open_to_findings`)."""
    samples, checked = Samples(), Samples()
    how = ""
    began = time.perf_counter()
    for _ in range(reps):
        if over_budget(began, samples):
            break
        gc.collect()
        with samples.lap():
            opened = open_view(path)
            opened.paint()
        with checked.lap():  # then the deferred full check, until its findings are shown
            wait_for_check(opened)
        how = opened.how
        opened.close()
    yield summarize("gui.first_paint", n, samples, "ms", view=how)
    opened_and_checked = Samples()
    opened_and_checked[:] = [a + b for a, b in zip(samples, checked, strict=True)]
    opened_and_checked.cpu[:] = [a + b for a, b in zip(samples.cpu, checked.cpu, strict=True)]
    yield summarize("gui.open_to_findings", n, opened_and_checked, "ms", view=how,
                    check_median=round(median(checked), 1))


def wait_for_check(opened: OpenView) -> None:
    """Run the event loop until the document's deferred full check has shown its findings."""
    app = ensure_qapp()
    document = opened.document
    app.processEvents()
    while getattr(document, "checking", False):
        if hasattr(document, "check_now") and not _timers_pending(document):
            document.check_now()
        app.processEvents()
    app.processEvents()  # the panels and badges react to the findings
    opened.paint()


def _timers_pending(document: Any) -> bool:
    """True while the document's check is still queued on the event loop (it will run)."""
    timer = getattr(document, "_check_timer", None)
    return bool(timer is not None and timer.isActive())


def _frames(path: Path, n: int, ctx: Context) -> Iterator[Result]:
    opened: OpenView | None = None
    try:
        opened = open_view(path)
        opened.paint()
    except Exception as exc:  # noqa: BLE001 - reported per measurement below
        reason = str(exc) if isinstance(exc, NotAvailable) else f"failed: {type(exc).__name__}: {exc}"
        for name in ("gui.drag_frame", "gui.zoom_frame", "gui.pan_frame"):
            yield guarded(name, n, "ms", _raise, reason)
        return
    try:
        yield guarded("gui.drag_frame", n, "ms", drag_frames, opened, n, ctx.quick)
        yield guarded("gui.zoom_frame", n, "ms", zoom_frames, opened, n)
        yield guarded("gui.pan_frame", n, "ms", pan_frames, opened, n, ctx.quick)
    finally:
        opened.close()
    yield guarded("gui.edit_frame", n, "ms", edit_frames, path, n, ctx.quick)


def _raise(reason: str) -> Result:
    raise NotAvailable(reason)


def drag_items(opened: OpenView, count: int = DRAG_ITEMS) -> list[Any]:
    """`count` instance items that sit together (one VPC's app subnets), for a drag."""
    scene = opened.scene
    design = opened.document.design
    instances = design.nodes_of_kind("ec2")
    if not instances:
        raise NotAvailable("the design has no instances to drag")
    vpc = design.vpc_of(instances[0].id)
    chosen = [n.id for n in instances if vpc is not None and design.vpc_of(n.id) is vpc][:count]
    taken = set(chosen)
    chosen += [n.id for n in instances if n.id not in taken][: count - len(chosen)]
    items = [scene.item_for(nid) for nid in chosen]
    return [i for i in items if i is not None]


def drag_frames(opened: OpenView, n: int, quick: bool = False) -> Result:
    """Frame times of a drag of up to 50 selected items, driven by mouse events."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    view, scene = opened.view, opened.scene
    items = drag_items(opened)
    grabbed = items[0]
    zoom_100(view, grabbed.sceneBoundingRect().center())
    scene.clearSelection()
    for item in items:
        item.setSelected(True)
    viewport = view.viewport()
    opened.paint()
    start_pos = grabbed.scenePos()

    def send(kind, pos, buttons) -> None:
        local = QPointF(pos)
        event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(pos.toPoint())),
                            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
                            buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    press = _grab_point(view, grabbed)
    send(QEvent.Type.MouseButtonPress, press, Qt.MouseButton.LeftButton)
    frames = DRAG_FRAMES // 2 if quick else DRAG_FRAMES
    samples = Samples()
    began = time.perf_counter()
    for k in range(1, frames + 1):
        if over_budget(began, samples):
            frames = k - 1
            break
        pos = press + QPointF(3 * k, 2 * k)
        with samples.lap():
            send(QEvent.Type.MouseMove, pos, Qt.MouseButton.LeftButton)
            opened.frame()
    release_start = time.perf_counter()
    send(QEvent.Type.MouseButtonRelease, press + QPointF(3 * frames, 2 * frames), Qt.MouseButton.NoButton)
    opened.frame()
    drop_ms = (time.perf_counter() - release_start) * 1000
    moved = grabbed.scenePos() != start_pos
    selected = sum(1 for i in items if i.isSelected())
    note = "" if moved else "the mouse drag moved nothing (the view may not support it yet)"
    return summarize("gui.drag_frame", n, samples, "ms", note=note, items=len(items),
                     still_selected=selected, drop_ms=round(drop_ms, 1), view=opened.how)


def _grab_point(view, item) -> Any:
    """A viewport point where a click lands on `item` itself (an edge may cross its centre)."""
    from PySide6.QtCore import QPointF

    rect = item.sceneBoundingRect()
    for fy in (0.5, 0.3, 0.7, 0.15, 0.85):
        for fx in (0.5, 0.3, 0.7, 0.15, 0.85):
            point = view.mapFromScene(QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height()))
            if view.itemAt(point) is item:
                return QPointF(point)
    return QPointF(view.mapFromScene(rect.center()))


def zoom_frames(opened: OpenView, n: int) -> Result:
    """Frame times while zooming out from 100 % to the whole design."""
    view, scene = opened.view, opened.scene
    rect = scene.content_rect() if hasattr(scene, "content_rect") else scene.itemsBoundingRect()
    zoom_100(view, rect.center())
    opened.paint()
    fit_scale = min(view.viewport().width() / max(rect.width(), 1), view.viewport().height() / max(rect.height(), 1))
    samples = Samples()
    began = time.perf_counter()
    while view.transform().m11() * ZOOM_STEP >= fit_scale * 0.9 and len(samples) < 60 \
            and not over_budget(began, samples):
        before = view.transform().m11()
        with samples.lap():
            if hasattr(view, "set_zoom"):  # the app's zoom (clamped, status bar, minimap)
                view.set_zoom(before * ZOOM_STEP)
            else:
                view.scale(ZOOM_STEP, ZOOM_STEP)
            opened.frame()
        if view.transform().m11() == before:  # the app's smallest zoom: nothing more to measure
            samples.pop()
            samples.cpu.pop()
            break
    if not samples:
        raise NotAvailable("the design already fits at 100 %")
    return summarize("gui.zoom_frame", n, samples, "ms", steps=len(samples),
                     final_scale=round(view.transform().m11(), 4))


def pan_frames(opened: OpenView, n: int, quick: bool = False) -> Result:
    """Frame times while panning with the whole design in view."""
    view, scene = opened.view, opened.scene
    fit(view, scene)
    # Zoom in a little so there is something to pan over, still showing most of the design.
    view.scale(1.5, 1.5)
    opened.paint()
    bar = view.horizontalScrollBar()
    step = max(1, view.viewport().width() // 20)
    samples = Samples()
    direction = 1
    began = time.perf_counter()
    for _ in range(PAN_FRAMES // 2 if quick else PAN_FRAMES):
        if over_budget(began, samples):
            break
        if bar.value() + direction * step > bar.maximum() or bar.value() + direction * step < bar.minimum():
            direction = -direction
        with samples.lap():
            bar.setValue(bar.value() + direction * step)
            opened.frame()
    return summarize("gui.pan_frame", n, samples, "ms", scale=round(view.transform().m11(), 4))


def edit_frames(path: Path, n: int, quick: bool = False) -> Result:
    """Per-edit times in the main window, after the opened design's full check."""
    import tempfile
    from functools import partial

    from designer.edits import AddNode, SetGeometry, SetLabel, SetProp, delete_nodes, new_node
    from designer.gui import settings
    from designer.gui.main_window import MainWindow

    app = ensure_qapp()
    previous = settings._settings_file  # put back after: tests run this in their process
    with tempfile.TemporaryDirectory() as tmp:
        settings.use_settings_file(Path(tmp) / "settings.ini")  # never the user's settings
        window = MainWindow(recovery_dir=Path(tmp) / "recovery")
        window.ask_unsaved_changes = lambda: "discard"  # closing never waits for a dialog
        try:
            window.resize(*VIEW_SIZE)
            window.show()
            app.processEvents()
            window.open_file(path, ask=False)
            document = window.document
            while document.checking:
                document.check_now()
            app.processEvents()
            window.canvas.viewport().grab()
            design = document.design
            instances = design.nodes_of_kind("ec2")
            subnet = next((node for node in design.nodes if node.kind == "subnet"), None)
            if not instances or subnet is None:
                raise NotAvailable("the design has no instance in a subnet")
            samples, by_kind = Samples(), {}

            def step(kind: str, action) -> None:
                with samples.lap():
                    action()
                    app.processEvents()  # the badges, panels and the repaint, as in the app
                by_kind.setdefault(kind, []).append(samples.cpu[-1])

            def delete(node_id: str) -> None:
                document.push(delete_nodes(design, [node_id]))

            rounds = 2 if quick else 4
            began = time.perf_counter()
            for k in range(rounds + 1):  # the first round warms up and is not kept
                if k > 1 and over_budget(began, samples):
                    break
                node = instances[(7 * k) % len(instances)]
                dx = 5 if k % 2 else -5
                step("prop", partial(document.push, SetProp(node.id, "instance_type", "m7i.xlarge" if k % 2 else "t3.micro")))
                step("move", partial(document.push, SetGeometry(node.id, (node.x + dx, node.y, node.w, node.h))))
                step("rename", partial(document.push, SetLabel(node.id, f"web-{k}")))
                added = new_node(design, "ec2", subnet.id, 20, 40)
                step("add", partial(document.push, AddNode(added)))
                step("delete", partial(delete, added.id))  # planning the delete is part of it
                step("undo", document.undo_stack.undo)
                step("redo", document.undo_stack.redo)
                if k == 0:
                    del samples[:], samples.cpu[:]
                    by_kind.clear()
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            settings.use_settings_file(previous)
    cpu_by_kind = {kind: round(median(values), 1) for kind, values in by_kind.items()}
    return summarize("gui.edit_frame", n, samples, "ms", cpu_median_by_kind=cpu_by_kind)


def peak(path: Path, n: int) -> Result:
    mb = probe_memory("gui", n, path)
    return Result("gui.peak_memory", n, mb, mb, "MB", samples=1,
                  note="peak RSS of a process that opens, paints and drags")
