"""Helpers for the rule-family tests (rules B): find a rule's findings, check fixes round-trip."""

from __future__ import annotations

from designer.edits import Edit, SetProp
from designer.model import Design
from designer.rules import Finding, Validator, validate


def found(design: Design, rule_id: str, severity: str | None = None) -> list[Finding]:
    """The findings of one rule (optionally of one severity) on a full check."""
    return [f for f in validate(design) if f.rule == rule_id and (severity is None or f.severity == severity)]


def only(design: Design, rule_id: str, severity: str | None = None) -> Finding:
    """The single finding of a rule; fails when there are none or several."""
    findings = found(design, rule_id, severity)
    assert len(findings) == 1, [f"{f.severity} {f.nodes} {f.message}" for f in findings]
    finding = findings[0]
    assert finding.message and finding.message_ko and finding.message != finding.message_ko
    assert finding.source.aws.startswith("https://")
    return finding


def apply(design: Design, *edits: Edit) -> Design:
    for edit in edits:
        edit.apply(design)
    return design


def setp(design: Design, node_id: str, key: str, value) -> Design:
    """Set one prop (a shortcut for building broken designs)."""
    return apply(design, SetProp(node_id, key, value))


def check_fix(design: Design, finding: Finding) -> None:
    """Applying the fix removes the finding; reverting restores the design exactly (and re-applies)."""
    assert finding.fix is not None, finding.message
    assert finding.fix.description and finding.fix.description_ko
    before = design.model_dump()
    edit = finding.fix.to_edit()
    edit.apply(design)
    key = (finding.rule, finding.severity, finding.nodes, finding.message)
    assert key not in {(f.rule, f.severity, f.nodes, f.message) for f in validate(design)}, "the fix did not fix it"
    after = design.model_dump()
    edit.revert(design)
    assert design.model_dump() == before
    edit.apply(design)
    assert design.model_dump() == after
    edit.revert(design)
    assert design.model_dump() == before


def check_incremental(design: Design, *edits: Edit) -> None:
    """After the edits, a live validator's findings equal a fresh full check's."""
    validator = Validator(design)
    try:
        for edit in edits:
            edit.apply(design)
            assert validator.findings() == Validator(design, live=False).findings()
    finally:
        validator.close()
