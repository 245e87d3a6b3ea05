"""Opening shows the design first and checks it right after (from the event loop).

While the check is pending the canvas has no badges, the Problems panel and the status
bar say "Checking…", and nothing on the open path may run the check early. Edits made
before it runs must end up validated exactly as a fresh full check would.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from designer.edits import AddNode, SetLabel, SetProp, new_node  # noqa: E402
from designer.gui import settings  # noqa: E402
from designer.gui.document import Document  # noqa: E402
from designer.gui.i18n import tr, translator  # noqa: E402
from designer.rules import validate  # noqa: E402
from tests.conftest import SAMPLES_DIR, load_sample  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402

MISTAKES = SAMPLES_DIR / "classroom-mistakes.awsd.json"


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)


def keys(findings) -> list[tuple]:
    return [(f.rule, f.severity, f.nodes, f.edges, f.message) for f in findings]


def badged(scene) -> dict[str, str]:
    """Node and edge ids whose items show a problem, with its severity."""
    out = {i.node_id: i.severity for i in scene.node_items() if i.severity}
    out.update({i.edge_id: i.severity for i in scene.edge_items() if i.severity})
    return out


def expected_badges(findings) -> set[str]:
    return {i for f in findings for i in (*f.nodes, *f.edges)}


def test_open_paints_before_the_check_and_says_so(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.show()
    doc = window.document
    assert window.open_file(MISTAKES, ask=False)
    # Nothing on the open path ran the check: the window can paint first.
    assert doc.checking and doc.shown_findings == []
    assert badged(window.scene) == {}
    assert window.problems.checking_label.isVisibleTo(window.problems)
    assert window.problems.tree.topLevelItemCount() == 0
    assert all("(…)" in b.text() for b in window.problems.filter_buttons.values())
    assert window.checking_label.isVisibleTo(window) and window.checking_label.text() == tr("Checking…")
    assert window.error_count.text() == "…" and window.warning_count.text() == "…"
    window.canvas.viewport().grab()  # a paint while checking needs no findings

    qtbot.waitUntil(lambda: not doc.checking, timeout=10_000)
    wanted = validate(doc.design)
    assert wanted, "the classroom sample is full of mistakes"
    assert keys(doc.findings) == keys(wanted)
    assert set(badged(window.scene)) == expected_badges(wanted)
    assert not window.problems.checking_label.isVisibleTo(window.problems)
    assert window.problems.tree.topLevelItemCount() == len(wanted)
    assert not window.checking_label.isVisibleTo(window)
    errors = sum(1 for f in wanted if f.severity == "error")
    assert window.error_count.text() == str(errors)


def test_edits_made_before_the_check_are_validated(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    doc = window.document
    assert window.open_file(MISTAKES, ask=False)
    assert doc.checking
    subnet = next(n for n in doc.design.nodes_of_kind("subnet") if n.props.get("public"))
    rds = new_node(doc.design, "rds", subnet.id, 10, 10, props={"publicly_accessible": True})
    doc.push(AddNode(rds))  # adds findings
    first = next(iter(doc.design.nodes))
    doc.push(SetLabel(first.id, "renamed before the check"))
    doc.undo_stack.undo()  # and an undone step
    assert doc.checking, "an edit must not run the pending check"

    qtbot.waitUntil(lambda: not doc.checking, timeout=10_000)
    wanted = validate(doc.design)
    assert any(rds.id in f.nodes for f in wanted)
    assert keys(doc.findings) == keys(wanted)
    assert set(badged(window.scene)) == expected_badges(wanted)
    assert [f.rule for f in window.problems.shown] == [f.rule for f in wanted]

    # After the check the validator is live: the next edits are re-checked incrementally.
    doc.push(SetProp(rds.id, "publicly_accessible", False))
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert keys(doc.findings) == keys(validate(doc.design))
    assert set(badged(window.scene)) == expected_badges(doc.findings)


def test_asking_for_the_findings_runs_the_pending_check(qtbot):
    doc = Document()
    seen: list[list] = []
    doc.findings_changed.connect(seen.append)
    doc.replace(load_sample("classroom-mistakes"), None)
    assert doc.checking and seen == []
    findings = doc.findings  # e.g. an exporter or a test that cannot wait
    assert not doc.checking and keys(findings) == keys(validate(doc.design))
    assert len(seen) == 1
    qtbot.wait(10)  # the timer that would have run it does nothing more
    assert len(seen) == 1


def test_a_second_open_before_the_check_checks_only_the_last_design(qtbot):
    doc = Document()
    runs: list[list] = []
    doc.findings_changed.connect(runs.append)
    doc.replace(load_sample("three-tier"), None)
    mistakes = load_sample("classroom-mistakes")
    doc.replace(mistakes, None)
    qtbot.waitUntil(lambda: not doc.checking, timeout=10_000)
    qtbot.wait(10)
    assert len(runs) == 1 and keys(runs[0]) == keys(validate(mistakes))


def test_validate_now_keeps_the_synchronous_behaviour():
    doc = Document(load_sample("classroom-mistakes"))
    assert not doc.checking and doc.shown_findings
    doc.replace(load_sample("three-tier"), None, validate="now")
    assert not doc.checking and keys(doc.shown_findings) == keys(validate(doc.design))
    later = Document(load_sample("classroom-mistakes"), validate="later")
    assert later.checking and later.shown_findings == []


def test_checking_texts_follow_the_language(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    assert window.open_file(MISTAKES, ask=False)
    translator().set_language("ko")
    try:
        assert window.document.checking, "switching the language must not run the check"
        assert window.checking_label.text() == "검사 중…"
        assert window.problems.checking_label.text() == "설계를 검사하는 중…"
    finally:
        translator().set_language("en")


def test_edges_built_in_one_go_match_edges_built_step_by_step(qtbot):
    """The open path's EdgeItem(id, kind, text) + set_ends gives the bounds and caption box
    that set_display + set_ends gave (what paints, culls and picks must not change)."""
    from designer.gui.items import EdgeItem
    from designer.gui.scene import DesignScene, edge_text

    doc = Document(load_sample("vpc-peering"))
    scene = DesignScene(doc)
    assert scene.edge_items()
    for item in scene.edge_items():
        edge = doc.design.edge(item.edge_id)
        step = EdgeItem(edge.id, edge.kind)
        step.set_display(edge.kind, edge_text(edge))
        step.set_ends(scene.item_for(edge.source).scene_rect(), scene.item_for(edge.target).scene_rect())
        assert (item.text, item.line) == (step.text, step.line)
        assert item.boundingRect() == step.boundingRect() == reference_bounds(item)
        assert item._label_box == step._label_box


def reference_bounds(item):
    """The bounds as QRectF arithmetic computes them: the line's box (padded) united with the caption's."""
    from PySide6.QtCore import QRectF

    from designer.gui.items.edge import ARROW

    line, pad = item.line, ARROW + 4
    rect = QRectF(min(line.x1(), line.x2()) - pad, min(line.y1(), line.y2()) - pad,
                  abs(line.dx()) + 2 * pad, abs(line.dy()) + 2 * pad)
    if not item.text:
        return rect
    width, height = item._label_size
    mid = line.center()
    return rect.united(QRectF(mid.x() - width / 2, mid.y() - height / 2, width, height))


def test_a_shown_window_paints_the_design_before_it_checks_it(qtbot, tmp_path):
    from PySide6.QtCore import QEvent, QObject

    window = make_window(qtbot, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    doc = window.document
    order: list[tuple[str, bool]] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                order.append(("paint", doc.checking))
            return False

    spy = PaintSpy()
    window.canvas.viewport().installEventFilter(spy)
    doc.findings_changed.connect(lambda findings: order.append(("findings", doc.checking)))
    assert window.open_file(MISTAKES, ask=False)
    assert window.check_after_paint.waiting  # held: the zero-delay timer alone could beat the paint
    qtbot.waitUntil(lambda: not doc.checking, timeout=10_000)
    assert order[0] == ("paint", True), order
    assert ("findings", False) in order


def test_a_held_check_runs_even_if_nothing_paints(qtbot):
    doc = Document()
    doc.replace(load_sample("classroom-mistakes"), None)
    doc.hold_check()  # e.g. a window that is shown but minimised
    qtbot.wait(50)
    assert doc.checking
    qtbot.waitUntil(lambda: not doc.checking, timeout=5_000)
    assert keys(doc.findings) == keys(validate(doc.design))
