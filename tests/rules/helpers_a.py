"""Helpers for the rules-A family tests: pick a rule's findings, check fixes round-trip."""

from __future__ import annotations

from typing import Any

from designer.edits import AddEdge, AddNode, Edit, SetProp
from designer.model import Design, Edge, Node
from designer.rules import Finding, Validator, validate


def of(design: Design, rule_id: str, severity: str | None = None) -> list[Finding]:
    """The findings of one rule (optionally of one severity) on a full check."""
    return [f for f in validate(design) if f.rule == rule_id and (severity is None or f.severity == severity)]


def one(design: Design, rule_id: str, severity: str, *nodes: str) -> Finding:
    """The single finding of `rule_id` with that severity; its nodes start with `nodes`."""
    found = of(design, rule_id, severity)
    assert len(found) == 1, [f"{f.severity} {f.nodes} {f.message}" for f in of(design, rule_id)]
    finding = found[0]
    assert finding.nodes[: len(nodes)] == nodes, finding.nodes
    assert finding.message and finding.message_ko and finding.message != finding.message_ko
    assert any("\uac00" <= c <= "\ud7a3" for c in finding.message_ko)  # Hangul in the Korean text
    assert finding.source.aws.startswith("https://")
    return finding


def none(design: Design, rule_id: str) -> None:
    """The rule reports nothing on this design."""
    assert of(design, rule_id) == [], [f"{f.severity} {f.nodes} {f.message}" for f in of(design, rule_id)]


def apply(design: Design, *edits: Edit) -> Design:
    for edit in edits:
        edit.apply(design)
    return design


def setp(design: Design, node_id: str, key: str, value: Any) -> Design:
    return apply(design, SetProp(node_id, key, value))


def add(design: Design, node_id: str, kind: str, parent: str | None, **props: Any) -> Design:
    return apply(design, AddNode(Node(id=node_id, kind=kind, parent=parent, props=props)))


def link(design: Design, edge_id: str, kind: str, source: str, target: str, **props: Any) -> Design:
    return apply(design, AddEdge(Edge(id=edge_id, kind=kind, source=source, target=target, props=props)))


def check_fix(design: Design, finding: Finding) -> None:
    """The fix removes the finding without adding errors; revert restores the design exactly."""
    assert finding.fix is not None, finding.message
    assert finding.fix.description and finding.fix.description_ko
    before = design.model_dump()
    errors_before = {(f.rule, f.nodes) for f in validate(design) if f.severity == "error"}
    validator = Validator(design)
    edit = finding.fix.to_edit()
    edit.apply(design)
    after_findings = validate(design)
    assert finding not in after_findings, "the fix did not fix it"
    new_errors = {(f.rule, f.nodes) for f in after_findings if f.severity == "error"} - errors_before
    assert not new_errors, new_errors
    assert validator.findings() == after_findings  # the live validator follows the fix
    after = design.model_dump()
    edit.revert(design)
    assert design.model_dump() == before
    edit.apply(design)
    assert design.model_dump() == after
    edit.revert(design)
    assert design.model_dump() == before
    assert validator.findings() == validate(design)
    validator.close()
