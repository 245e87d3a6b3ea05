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
    shoot(window, "three-tier")

    # 2. A database dropped into a public subnet: flagged at once, the fix offered.
    design = window.document.design
    public = next(n for n in design.nodes_of_kind("subnet") if n.props.get("public"))
    rect = design.absolute_rect(public.id)
    node = new_node(design, "rds", public.id, rect.w - 120, 40, label="Public DB")
    window.document.push(AddNode(node), "Add RDS DB instance")
    problems = window.problems
    flagged = [i for i, f in enumerate(problems.shown) if node.id in f.nodes and f.severity == "error"]
    row = next((i for i in flagged if problems.shown[i].rule == "RDS-002"), flagged[0] if flagged else 0)
    problems.select_row(row)
    window.scene.select_ids([node.id])  # the inspector shows the database, its problems and fixes
    window.canvas.fit_to_window()
    shoot(window, "public-database-flagged")
    window.document.undo_stack.setClean()  # nothing to ask about when closing
    window.close()

    # 3. The classroom sample in Korean: the Problems panel full of teaching moments.
    window = window_on("classroom-mistakes", "ko")
    problems = window.problems
    if problems.shown:
        problems.select_row(0)
        window.canvas.fit_to_window()  # the row centred its items; show the whole lesson again
    shoot(window, "classroom-ko")
    window.close()

    # 4. A security group's rule table in the inspector.
    window = window_on("three-tier")
    sg = window.document.design.nodes_of_kind("security_group")[0]
    window.scene.select_ids([sg.id])
    shoot(window, "inspector-rules")
    window.close()
    translator().set_language("en")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
