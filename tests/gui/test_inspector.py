"""The inspector, both ways: widget edits reach the model (one undo step per typing burst),
model changes and undo reach the widgets, bad input is shown and never written."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QComboBox, QLabel  # noqa: E402

from designer.catalogue import EDGE_PROPS  # noqa: E402
from designer.edits import AddNode, SetLabel, SetProp, new_node  # noqa: E402
from designer.gui.document import Document  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.gui.inspector import InspectorPanel  # noqa: E402
from designer.gui.prop_editors import BoolEditor, ChoiceEditor, IdsEditor  # noqa: E402
from designer.gui.rule_tables import HealthCheckEditor, TableEditor  # noqa: E402
from designer.model import MISSING  # noqa: E402
from tests.conftest import load_sample  # noqa: E402


@pytest.fixture
def doc() -> Document:
    design = load_sample("three-tier")
    subnet = design.nodes_of_kind("subnet")[0]
    # the sample runs its web tier in an Auto Scaling group; add one plain instance to edit
    design.add_node(new_node(design, "ec2", subnet.id, 20, 40, label="web-1"))
    return Document(design)


@pytest.fixture
def panel(qtbot, doc) -> InspectorPanel:
    widget = InspectorPanel(doc)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def first(design, kind):
    return design.nodes_of_kind(kind)[0]


def test_editors_follow_the_catalogue(panel, doc):
    lb = first(doc.design, "load_balancer")
    panel.show_ids([lb.id])
    assert panel.node_id == lb.id
    kinds = {name: type(editor) for name, editor in panel.editors.items()}
    assert kinds["lb_type"] is ChoiceEditor
    assert kinds["subnets"] is IdsEditor
    assert kinds["listeners"] is TableEditor
    assert kinds["health_check"] is HealthCheckEditor
    assert kinds["sticky_sessions"] is BoolEditor
    assert panel.label_edit.text() == (lb.label or "")


def test_typing_writes_and_merges_into_one_undo_step(qtbot, panel, doc):
    ec2 = first(doc.design, "ec2")
    before = doc.design.model_dump()
    panel.show_ids([ec2.id])
    line = panel.editors["instance_type"].line
    line.selectAll()
    qtbot.keyClicks(line, "m5.large")
    assert doc.design.node(ec2.id).props["instance_type"] == "m5.large"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.design.model_dump() == before
    assert line.text() == before_value(before, ec2.id, "instance_type")
    doc.undo_stack.redo()
    assert line.text() == "m5.large"


def before_value(dump, node_id, key):
    return next(n for n in dump["nodes"] if n["id"] == node_id)["props"][key]


def test_label_typing_is_one_step(qtbot, panel, doc):
    ec2 = first(doc.design, "ec2")
    panel.show_ids([ec2.id])
    panel.label_edit.clear()
    qtbot.keyClicks(panel.label_edit, "web server")
    assert doc.design.node(ec2.id).label == "web server"
    assert doc.undo_stack.count() == 1
    panel.label_edit.setText("웹 서버 1")  # QTest types Latin-1 only; Korean arrives as one edit
    panel.label_edit.textEdited.emit("웹 서버 1")
    assert doc.design.node(ec2.id).label == "웹 서버 1"
    assert doc.undo_stack.count() == 1


def test_model_changes_reach_the_widgets(panel, doc):
    ec2 = first(doc.design, "ec2")
    public_before = bool(ec2.props.get("public_ip", False))
    panel.show_ids([ec2.id])
    doc.push(SetProp(ec2.id, "instance_type", "c6g.xlarge"))
    doc.push(SetProp(ec2.id, "public_ip", not public_before))
    doc.push(SetLabel(ec2.id, "renamed"))
    assert panel.editors["instance_type"].line.text() == "c6g.xlarge"
    assert panel.editors["public_ip"].check.isChecked() is (not public_before)
    assert panel.label_edit.text() == "renamed"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert panel.editors["public_ip"].check.isChecked() is public_before
    assert panel.label_edit.text() == (ec2.label or "")


def test_a_non_number_is_shown_in_red_and_not_written(qtbot, panel, doc):
    rds = first(doc.design, "rds")
    doc.push(SetProp(rds.id, "backup_retention_days", 1))
    panel.show_ids([rds.id])
    editor = panel.editors["backup_retention_days"]
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "7x")
    assert editor.error and "7x" in editor.error
    assert editor.error_label.isVisibleTo(panel)
    assert doc.design.node(rds.id).props["backup_retention_days"] == 7  # "7" was written, "7x" not
    assert doc.undo_stack.count() == 2
    editor.line.editingFinished.emit()  # leaving the field restores the model's value
    assert editor.error is None and editor.line.text() == "7"


def test_bad_cidr_refused_aws_mistake_written(qtbot, panel, doc):
    vpc = first(doc.design, "vpc")
    panel.show_ids([vpc.id])
    editor = panel.editors["cidr"]
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "10.0.0.1/16")
    assert editor.error and "10.0.0.0/16" in editor.error  # host bits: says what was meant
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "10.0.0.0/8")
    assert editor.error is None
    assert doc.design.node(vpc.id).props["cidr"] == "10.0.0.0/8"  # an AWS-level mistake is the validator's


def test_empty_optional_int_removes_the_key(qtbot, panel, doc):
    vol = new_node(doc.design, "ebs_volume", first(doc.design, "subnet").id, 10, 10)
    doc.push(AddNode(vol))
    panel.show_ids([vol.id])
    line = panel.editors["iops"].line
    qtbot.keyClicks(line, "3000")
    assert doc.design.node(vol.id).props["iops"] == 3000
    line.clear()
    line.textEdited.emit("")
    assert "iops" not in doc.design.node(vol.id).props


def test_ids_editor_lists_security_groups_and_writes_ids(qtbot, panel, doc):
    ec2 = first(doc.design, "ec2")
    panel.show_ids([ec2.id])
    editor = panel.editors["security_groups"]
    sg_ids = [n.id for n in doc.design.nodes_of_kind("security_group")]
    listed = [editor.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(editor.list.count())]
    assert listed == sg_ids
    current = list(doc.design.node(ec2.id).props.get("security_groups", []))
    target = next(i for i, sg in enumerate(sg_ids) if sg not in current)
    editor.list.item(target).setCheckState(Qt.CheckState.Checked)
    assert doc.design.node(ec2.id).props["security_groups"] == current + [sg_ids[target]]
    # a new security group appears in the list after the step
    sg = new_node(doc.design, "security_group", first(doc.design, "vpc").id, 5, 5, label="new-sg")
    doc.push(AddNode(sg))
    qtbot.waitUntil(lambda: editor.list.count() == len(sg_ids) + 1)
    assert "new-sg" in editor.list.item(editor.list.count() - 1).text()


def test_rule_table_add_edit_remove(qtbot, panel, doc):
    sg = first(doc.design, "security_group")
    panel.show_ids([sg.id])
    editor = panel.editors["inbound"]
    rows = len(doc.design.node(sg.id).props["inbound"])
    editor.add_button.click()
    assert len(doc.design.node(sg.id).props["inbound"]) == rows + 1
    assert editor.table.rowCount() == rows + 1
    port_col = [c.key for c in editor.table_spec.columns].index("port")
    editor.table.item(rows, port_col).setText("ssh")
    assert editor.error and "ssh" in editor.error
    assert doc.design.node(sg.id).props["inbound"][rows]["port"] == 443
    editor.table.item(rows, port_col).setText("1024-2048")
    assert editor.error is None
    assert doc.design.node(sg.id).props["inbound"][rows]["port"] == "1024-2048"
    action_col = [c.key for c in editor.table_spec.columns].index("action")
    combo = editor.table.cellWidget(rows, action_col)
    assert isinstance(combo, QComboBox) and combo.currentData() == "allow"
    combo.setCurrentIndex(combo.findData("deny"))
    combo.activated.emit(combo.currentIndex())
    assert doc.design.node(sg.id).props["inbound"][rows]["action"] == "deny"
    editor.table.selectRow(rows)
    editor.remove_button.click()
    assert len(doc.design.node(sg.id).props["inbound"]) == rows


def test_table_keeps_unknown_keys_of_a_row(panel, doc):
    sg = first(doc.design, "security_group")
    doc.push(SetProp(sg.id, "inbound", [{"protocol": "tcp", "port": 80, "source": "0.0.0.0/0",
                                         "description": "from file"}]))
    panel.show_ids([sg.id])
    editor = panel.editors["inbound"]
    editor.table.item(0, 1).setText("8080")
    assert doc.design.node(sg.id).props["inbound"] == [
        {"protocol": "tcp", "port": 8080, "source": "0.0.0.0/0", "description": "from file"}]


def test_lifecycle_rows_switch_between_transition_and_expire(panel, doc):
    bucket = first(doc.design, "s3_bucket")
    doc.push(SetProp(bucket.id, "lifecycle", [{"after_days": 30, "storage_class": "STANDARD_IA"}]))
    panel.show_ids([bucket.id])
    editor = panel.editors["lifecycle"]
    combo = editor.table.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findData("expire"))
    combo.activated.emit(combo.currentIndex())
    assert doc.design.node(bucket.id).props["lifecycle"] == [{"expire_after_days": 30}]


def test_health_check_form(qtbot, panel, doc):
    lb = first(doc.design, "load_balancer")
    panel.show_ids([lb.id])
    editor = panel.editors["health_check"]
    editor.path.clear()
    qtbot.keyClicks(editor.path, "/healthz")
    assert doc.design.node(lb.id).props["health_check"]["path"] == "/healthz"
    assert doc.undo_stack.count() == 1


def test_choice_and_bool_are_single_steps(panel, doc):
    rds = first(doc.design, "rds")
    panel.show_ids([rds.id])
    engine = panel.editors["engine"]
    engine.combo.setCurrentIndex(engine.combo.findData("postgres"))
    engine.combo.activated.emit(engine.combo.currentIndex())
    panel.editors["multi_az"].check.toggle()
    assert doc.design.node(rds.id).props["engine"] == "postgres"
    assert doc.undo_stack.count() == 2


def test_unknown_choice_from_a_file_is_shown(panel, doc):
    rds = first(doc.design, "rds")
    doc.push(SetProp(rds.id, "engine", "aurora-mysql"))
    panel.show_ids([rds.id])
    assert panel.editors["engine"].combo.currentData() == "aurora-mysql"


def test_edge_kind_label_and_props(qtbot, panel, doc):
    edge = next(e for e in doc.design.edges if e.kind == "traffic")
    panel.show_ids([edge.id])
    assert panel.edge_id == edge.id
    panel.label_edit.clear()
    qtbot.keyClicks(panel.label_edit, "HTTPS")
    assert doc.design.edge(edge.id).label == "HTTPS"
    assert doc.undo_stack.count() == 1
    port = panel.editors["port"].line
    port.selectAll()
    qtbot.keyClicks(port, "8443")
    assert doc.design.edge(edge.id).props["port"] == 8443
    combo = panel.kind_combo
    combo.setCurrentIndex(combo.findData("route"))
    combo.activated.emit(combo.currentIndex())
    assert doc.design.edge(edge.id).kind == "route"
    qtbot.waitUntil(lambda: "destination" in panel.editors)


def test_props_the_rules_read_are_editable(panel, doc):
    lb = first(doc.design, "load_balancer")
    panel.show_ids([lb.id])
    stickiness = panel.editors["stickiness_type"]
    assert stickiness.combo.currentData() == ""  # absent: the LB type's usual stickiness
    stickiness.combo.setCurrentIndex(stickiness.combo.findData("source_ip"))
    stickiness.combo.activated.emit(stickiness.combo.currentIndex())
    assert doc.design.node(lb.id).props["stickiness_type"] == "source_ip"
    endpoint = first(doc.design, "vpc_endpoint")
    panel.show_ids([endpoint.id])
    assert "private_dns" not in endpoint.props and panel.editors["private_dns"].check.isChecked()
    panel.editors["private_dns"].check.toggle()
    assert doc.design.node(endpoint.id).props["private_dns"] is False
    doc.undo_stack.undo()
    assert "private_dns" not in doc.design.node(endpoint.id).props


def test_replication_and_origin_edges_show_their_props(panel, doc):
    assert {p.name for p in EDGE_PROPS["replication"]} == {"kms_key"}
    edge = next(e for e in doc.design.edges if e.kind == "traffic")
    panel.show_ids([edge.id])
    combo = panel.kind_combo
    combo.setCurrentIndex(combo.findData("origin"))
    combo.activated.emit(combo.currentIndex())
    panel.show_ids([edge.id])
    panel.editors["vpc_origin"].check.toggle()
    assert doc.design.edge(edge.id).props["vpc_origin"] is True


def test_removed_node_clears_the_inspector(qtbot, panel, doc):
    vol = new_node(doc.design, "ebs_volume", first(doc.design, "subnet").id, 10, 10)
    doc.push(AddNode(vol))
    panel.show_ids([vol.id])
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.node_id is None)
    assert panel.title_edit is not None


def test_design_title_when_nothing_is_selected(qtbot, panel, doc):
    panel.show_ids([])
    panel.title_edit.clear()
    qtbot.keyClicks(panel.title_edit, "New title")
    assert doc.design.title == "New title"
    assert doc.undo_stack.count() <= 2  # clear + typing, merged


def test_unknown_props_are_shown_and_kept(panel, doc):
    ec2 = first(doc.design, "ec2")
    doc.push(SetProp(ec2.id, "owner_team", "payments"))
    panel.show_ids([ec2.id])
    assert "owner_team" in panel._extra_label.text()
    assert doc.design.node(ec2.id).props["owner_team"] == "payments"


def test_language_switch_relabels_the_form(panel, doc):
    from PySide6.QtWidgets import QLabel

    rds = first(doc.design, "rds")
    panel.show_ids([rds.id])
    try:
        translator().set_language("ko")
        texts = [w.text() for w in panel.form_widget().findChildren(QLabel)]
        assert any("다중 AZ 배포" in t for t in texts)
        assert any("레이블" in t or "이름" in t for t in texts)
    finally:
        translator().set_language("en")
    texts = [w.text() for w in panel.form_widget().findChildren(QLabel)]
    assert any("Multi-AZ deployment" in t for t in texts)


def test_editors_show_absent_keys_as_defaults(qtbot, doc):
    rds = first(doc.design, "rds")
    doc.push(SetProp(rds.id, "multi_az", MISSING))
    widget = InspectorPanel(doc)
    qtbot.addWidget(widget)
    widget.show_ids([rds.id])
    assert widget.editors["multi_az"].check.isChecked()  # the catalogue default is True


def test_the_selected_node_shows_its_problems_and_fixes(qtbot, panel, doc):
    from PySide6.QtWidgets import QPushButton

    public = next(n for n in doc.design.nodes_of_kind("subnet") if n.props.get("public"))
    db = new_node(doc.design, "rds", public.id, 10, 10, label="Public DB")
    doc.push(AddNode(db))
    panel.show_ids([db.id])
    texts = [w.text() for w in panel.form_widget().findChildren(QLabel)]
    assert any("RDS-002" in t for t in texts)
    fixes = [b for b in panel.form_widget().findChildren(QPushButton) if b.text() == "Apply fix"]
    assert fixes
    depth = doc.undo_stack.count()
    next(b for b in fixes if b.toolTip().startswith("Move")).click()
    assert doc.undo_stack.count() == depth + 1
    assert not [f for f in doc.findings if f.rule == "RDS-002" and db.id in f.nodes]
    qtbot.waitUntil(lambda: not any("RDS-002" in w.text() for w in panel.form_widget().findChildren(QLabel)
                                    if w.isVisibleTo(panel)))
