"""Take the README's screenshots of the designer window (run by `make screenshots` under Xvfb).

Opens the real window on the samples, sets up a few scenes a user would see and saves
window grabs to docs/screenshots/*.png. Settings and recovery files go to a temporary
folder, so the user's own preferences are never touched.

    xvfb-run -a -s '-screen 0 1600x1000x24' .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1440, 900)
# Labels drop out below 50 %; a shot zooms onto what it shows so they read well.
READABLE_ZOOM = 0.7


def focus(window, node_ids, min_zoom: float = READABLE_ZOOM, max_zoom: float = 1.0,
          top: int = 0, bottom: int = 0) -> None:
    """Zoom onto these nodes (never below `min_zoom`) and centre them in the canvas.

    `top` and `bottom` are viewport pixels covered by overlays (presentation captions).
    """
    from PySide6.QtCore import QPointF, QRectF

    rect = QRectF()
    for node_id in node_ids:
        rect = rect.united(window.scene.item_for(node_id).sceneBoundingRect())
    view = window.canvas.viewport().rect()
    margin = 24
    fit = min((view.width() - 2 * margin) / rect.width(),
              (view.height() - top - bottom - 2 * margin) / rect.height())
    zoom = max(min_zoom, min(max_zoom, fit))
    window.canvas.set_zoom(zoom)
    window.canvas.centerOn(rect.center() - QPointF(0, (top - bottom) / 2 / zoom))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="awsd-shots-"))

    from designer.gui import settings
    from designer.gui.app import make_application

    settings.use_settings_file(scratch / "settings.ini")
    app = make_application([sys.argv[0]])
    from PySide6.QtTest import QTest

    from designer.edits import AddNode, new_node
    from designer.gui.i18n import translator
    from designer.gui.main_window import MainWindow

    def window_on(sample: str, language: str = "en") -> MainWindow:
        translator().set_language(language)
        window = MainWindow(recovery_dir=scratch / "recovery")
        window.resize(*SIZE)
        window.show()
        if not window.open_file(ROOT / "samples" / f"{sample}.awsd.json", ask=False):
            raise SystemExit(f"cannot open the sample {sample}")
        settle(window)
        return window

    def settle(window: MainWindow) -> None:
        for _ in range(5):
            app.processEvents()
            QTest.qWait(80)
        window.canvas.fit_to_window()
        app.processEvents()

    def shoot(window: MainWindow, name: str) -> None:
        app.processEvents()
        QTest.qWait(150)
        path = out / f"{name}.png"
        if not window.grab().save(str(path)):
            raise SystemExit(f"cannot write {path}")
        print(f"wrote {path}")

    # 1. The three-tier sample, the load balancer in the inspector.
    window = window_on("three-tier")
    lb = window.document.design.nodes_of_kind("load_balancer")[0]
    window.scene.select_ids([lb.id])
    # The whole sample fits only below 50 %, where labels drop out: show the VPC readable.
    window.canvas.set_zoom(0.55)
    window.canvas.centerOn(window.scene.item_for("vpc").sceneBoundingRect().center())
    shoot(window, "three-tier")

    # 2. A database dropped into a public subnet: flagged at once, the fix offered.
    design = window.document.design
    public = next(n for n in design.nodes_of_kind("subnet") if n.props.get("public"))
    rect = design.absolute_rect(public.id)
    node = new_node(design, "rds", public.id, rect.w - 100, 40, label="Public DB")  # clear of the NAT gateway
    window.document.push(AddNode(node), "Add RDS DB instance")
    problems = window.problems
    flagged = [i for i, f in enumerate(problems.shown) if node.id in f.nodes and f.severity == "error"]
    row = next((i for i in flagged if problems.shown[i].rule == "RDS-002"), flagged[0] if flagged else 0)
    problems.select_row(row)
    window.scene.select_ids([node.id])  # the inspector shows the database, its problems and fixes
    focus(window, [public.id, node.id, "alb"], max_zoom=0.85)
    shoot(window, "public-database-flagged")
    window.document.undo_stack.setClean()  # nothing to ask about when closing
    window.close()

    # 3. The classroom sample in Korean: the Problems panel full of teaching moments.
    window = window_on("classroom-mistakes", "ko")
    problems = window.problems
    if problems.shown:
        problems.select_row(0)
    # The mistakes of availability zone A and the overlapping subnet beside it, readable.
    focus(window, ["alb", "pub-a", "priv-a", "overlap-c"])
    shoot(window, "classroom-ko")
    window.close()

    # 4. A security group's rule table in the inspector.
    window = window_on("three-tier")
    sg = window.document.design.nodes_of_kind("security_group")[0]
    window.scene.select_ids([sg.id])
    focus(window, [sg.id, "alb"])  # the selected group and the load balancer it guards
    shoot(window, "inspector-rules")
    window.close()

    classroom_shots(app, window_on, settle, shoot)
    translator().set_language("en")
    return 0


def classroom_shots(app, window_on, settle, shoot) -> None:
    """The classroom features (issue 7): Korean UI with a lesson, a lesson's before/after
    pictures, presentation mode mid-way, the AZ failure drill, an exercise being checked."""
    from PySide6.QtCore import QByteArray, QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from designer.gui import settings
    from designer.gui.exercise_panel import EXERCISES_DIR

    def fresh(sample: str, language: str = "en"):
        """A window with the first-start layout (not the one the previous shot left)."""
        settings.set_value("window/state", QByteArray())
        return window_on(sample, language)

    def select_finding(window, rule: str, fix_text: str = "") -> None:
        problems = window.problems
        for row, finding in enumerate(problems.shown):
            if finding.rule == rule and fix_text in (finding.fix.description if finding.fix else ""):
                problems.select_row(row)
                return
        raise SystemExit(f"no {rule} finding to show")

    def bottom_height(window, height: int) -> None:
        window.resizeDocks([window.docks["problems"]], [height], Qt.Orientation.Vertical)
        window.resizeDocks([window.docks["problems"], window.classroom.docks["lesson"]], [560, 880],
                           Qt.Orientation.Horizontal)
        settle(window)

    # 5. The Korean UI on the three-tier sample, a finding's lesson beside the Problems panel.
    window = fresh("three-tier", "ko")
    bottom_height(window, 230)
    if window.problems.shown:
        window.problems.select_row(0)
    window.scene.clearSelection()
    window.canvas.set_zoom(0.62)  # close enough to read the Korean labels on the canvas
    window.canvas.centerOn(window.scene.item_for("vpc").sceneBoundingRect().center())
    shoot(window, "classroom-three-tier-ko")
    window.close()

    # 6. A lesson with the before/after pictures of its fix.
    window = fresh("classroom-mistakes")
    bottom_height(window, 330)
    select_finding(window, "RDS-002", "Move")
    window.canvas.minimap.set_enabled(False)  # it would cover half of this short canvas
    focus(window, ["pub-a", "priv-a"], max_zoom=0.9)  # the public database and where the fix moves it
    shoot(window, "lesson-before-after")
    window.close()

    # 7. Presentation mode mid-way (Korean), the laser dot beside the load balancer.
    window = fresh("three-tier", "ko")
    presenter = window.classroom.presenter
    presenter.start()
    for _ in range(10):
        app.processEvents()
        QTest.qWait(60)
    presenter.fit()
    presenter.go_to(5)  # compute: the load balancer and the Auto Scaling group appear
    app.processEvents()
    view = window.canvas.viewport().geometry()
    below_caption = presenter.caption.geometry().bottom() - view.top()
    above_findings = view.bottom() - presenter.findings_box.geometry().top() if presenter.findings_box.isVisible() else 0
    focus(window, ["vpc"], top=below_caption, bottom=above_findings)
    for _ in range(5):  # let the view settle before the laser dot is placed by the load balancer
        app.processEvents()
        QTest.qWait(60)
    alb = window.document.design.absolute_rect("alb")
    viewport = window.canvas.viewport()
    local = QPointF(window.canvas.mapFromScene(QPointF(alb.x + alb.w / 2 + 34, alb.y + alb.h / 2 + 12)))
    QApplication.sendEvent(viewport, QMouseEvent(QEvent.Type.MouseMove, local,
                                                 QPointF(viewport.mapToGlobal(local.toPoint())),
                                                 Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                 Qt.KeyboardModifier.NoModifier))
    shoot(window, "presentation-mode-ko")
    presenter.stop()
    window.close()

    # 8. The failure drill: Availability Zone a of the single-AZ three-tier app fails.
    window = fresh("drills/three-tier-single-az")
    window.scene.select_ids(["az-a"])
    window.classroom.open_drill()
    window.resizeDocks([window.classroom.docks["drill"], window.docks["palette"]], [440, 170],
                       Qt.Orientation.Horizontal)
    window.scene.clearSelection()
    settle(window)
    # Both AZs: the failed one greyed out beside the one that is left (labels still readable).
    focus(window, ["az-a", "az-c"], min_zoom=0.6)
    shoot(window, "failure-drill-az")
    window.close()

    # 9. An exercise being checked (Korean): the NAT gateway is in the wrong subnet.
    window = fresh("three-tier", "ko")
    window.classroom.open_exercise(EXERCISES_DIR / "03-nat-gateway.awsd.json")
    window.classroom.exercise.hint_button.click()
    window.classroom.check_exercise()
    window.resizeDocks([window.classroom.docks["exercise"], window.docks["inspector"]], [560, 240],
                       Qt.Orientation.Vertical)
    window.resizeDocks([window.classroom.docks["exercise"]], [420], Qt.Orientation.Horizontal)
    settle(window)
    focus(window, ["igw", "pub-a", "priv-a"])  # the NAT gateway in the private subnet, the empty public one
    shoot(window, "exercise-check-ko")
    window.document.undo_stack.setClean()
    window.close()
    settings.set_value("window/state", QByteArray())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
