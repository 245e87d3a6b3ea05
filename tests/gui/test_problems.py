"""The Problems panel follows the findings, filters them, selects their items and applies fixes."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from designer.edits import AddNode, SetProp, new_node  # noqa: E402
from designer.gui.document import Document  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.gui.problems import ProblemsPanel  # noqa: E402
from tests.conftest import load_sample  # noqa: E402


@pytest.fixture
def doc() -> Document:
    return Document(load_sample("classroom-mistakes"))


@pytest.fixture
def panel(qtbot, doc) -> ProblemsPanel:
    widget = ProblemsPanel(doc)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def rows(panel: ProblemsPanel) -> list[tuple[str, str]]:
    return [(panel.tree.topLevelItem(i).text(1), panel.tree.topLevelItem(i).text(2))
            for i in range(panel.tree.topLevelItemCount())]


def test_lists_every_finding_with_counts(panel, doc):
    assert doc.findings, "the classroom sample is full of mistakes"
    assert [r for r, _ in rows(panel)] == [f.rule for f in doc.findings]
    counts = panel.counts()
    assert sum(counts.values()) == len(doc.findings)
    for severity, button in panel.filter_buttons.items():
        assert f"({counts[severity]})" in button.text()


def test_follows_findings_after_an_edit_and_undo(panel, doc):
    before = rows(panel)
    subnet = next(n for n in doc.design.nodes_of_kind("subnet") if n.props.get("public"))
    rds = new_node(doc.design, "rds", subnet.id, 10, 10, props={"publicly_accessible": True})
    doc.push(AddNode(rds))
    after = rows(panel)
    assert len(after) > len(before)
    assert after == [(f.rule, f.message) for f in doc.findings]  # the partial update matches a full one
    assert any(rds.id in f.nodes for f in panel.shown)
    doc.undo_stack.undo()
    assert rows(panel) == before


def test_selecting_a_row_emits_its_items(qtbot, panel, doc):
    target = next(i for i, f in enumerate(panel.shown) if f.nodes)
    finding = panel.shown[target]
    with qtbot.waitSignal(panel.finding_selected) as blocker:
        panel.select_row(target)
    assert blocker.args == [list(finding.nodes), list(finding.edges)]
    assert panel.current_finding() == finding


def test_severity_filter_and_text_filter(panel, doc):
    errors = [f for f in doc.findings if f.severity == "error"]
    panel.filter_buttons["warning"].setChecked(False)
    panel.filter_buttons["info"].setChecked(False)
    assert panel.shown == errors
    panel.filter_buttons["warning"].setChecked(True)
    panel.filter_buttons["info"].setChecked(True)
    rule = doc.findings[0].rule
    panel.search.setText(rule.lower())
    assert panel.shown and all(rule in f.rule or rule.lower() in f.message.lower() for f in panel.shown)
    panel.search.setText("no finding mentions this text")
    assert panel.shown == []


def test_apply_fix_is_one_undoable_step(panel, doc):
    index = next((i for i, f in enumerate(panel.shown) if f.fix is not None), None)
    if index is None:  # make a finding that the rule families fix (a public database)
        subnet = doc.design.nodes_of_kind("subnet")[0]
        rds = new_node(doc.design, "rds", subnet.id, 10, 10, props={"publicly_accessible": True})
        doc.push(AddNode(rds))
        index = next(i for i, f in enumerate(panel.shown) if f.fix is not None)
    before = doc.design.model_dump()
    depth = doc.undo_stack.count()
    finding = panel.shown[index]
    panel.select_row(index)
    assert panel.fix_button.isEnabled()
    assert panel.apply_fix_of_current()
    assert doc.undo_stack.count() == depth + 1
    assert finding not in doc.findings
    doc.undo_stack.undo()
    assert doc.design.model_dump() == before
    assert finding in doc.findings


def test_fix_button_disabled_without_a_fix(panel):
    index = next((i for i, f in enumerate(panel.shown) if f.fix is None), None)
    assert index is not None
    panel.select_row(index)
    assert not panel.fix_button.isEnabled()
    assert not panel.apply_fix_of_current()


def test_messages_follow_the_language(panel, doc):
    try:
        translator().set_language("ko")
        assert [m for _, m in rows(panel)] == [f.message_ko for f in doc.findings]
        assert panel.tree.headerItem().text(2) == "메시지"
    finally:
        translator().set_language("en")
    assert [m for _, m in rows(panel)] == [f.message for f in doc.findings]


def test_selection_survives_a_refresh(panel, doc):
    panel.select_row(0)
    kept = panel.current_finding()
    other = next(n for n in doc.design.nodes if n.kind == "internet")
    doc.push(SetProp(other.id, "note", "unrelated edit"))
    assert panel.current_finding() == kept


def test_items_are_named_by_label(panel, doc):
    finding = next(f for f in panel.shown if f.nodes)
    row = panel.shown.index(finding)
    first = doc.design.node(finding.nodes[0])
    assert first.display_name() in panel.tree.topLevelItem(row).text(3)


def test_a_rename_updates_the_items_column(qtbot, panel, doc):
    from designer.edits import SetLabel

    node_id = next(f for f in panel.shown if f.nodes).nodes[0]
    doc.push(SetLabel(node_id, "Renamed node"))
    rows_of_node = lambda: [panel.tree.topLevelItem(i).text(3)  # noqa: E731
                            for i, f in enumerate(panel.shown) if node_id in f.nodes]
    qtbot.waitUntil(lambda: all("Renamed node" in text for text in rows_of_node()))


def test_the_text_filter_finds_an_item_by_its_new_name(panel, doc):
    from designer.edits import SetLabel

    node_id = next(f for f in panel.shown if f.nodes).nodes[0]
    panel.search.setText("quokka")
    assert panel.shown == []
    before = list(doc.findings)
    doc.push(SetLabel(node_id, "Quokka gateway"))  # the label names it: its findings may not change
    naming = [f for f in doc.findings if node_id in f.nodes]
    assert naming and all(f in panel.shown for f in naming)
    doc.undo_stack.undo()
    assert panel.shown == [] and doc.findings == before
    panel.search.setText("")
    assert len(panel.shown) == len(doc.findings)


def test_the_text_filter_follows_the_language(panel, doc):
    finding = doc.findings[0]
    word = finding.message_ko.split()[0]
    panel.search.setText(word)
    shown_in_english = list(panel.shown)
    try:
        translator().set_language("ko")
        assert finding in panel.shown
    finally:
        translator().set_language("en")
    assert panel.shown == shown_in_english


def test_with_a_text_filter_an_edit_searches_only_the_new_findings(panel, doc, monkeypatch):
    panel.search.setText("a")
    calls = []
    original = panel._items_text
    monkeypatch.setattr(panel, "_items_text", lambda f: calls.append(f) or original(f))
    other = next(n for n in doc.design.nodes if n.kind == "internet")
    doc.push(SetProp(other.id, "note", "unrelated edit"))
    assert len(doc.findings) > 5
    assert len(calls) <= 2 * sum(other.id in f.nodes for f in doc.findings) + 2  # not one per finding
