"""Every prop the rules read is declared in the catalogue, so the inspector can edit it.

A prop the validator judges but the inspector does not show can only be set by editing
the file by hand; these tests keep the two from drifting apart again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import designer.rules
from designer.catalogue import EDGE_PROPS, KINDS, find_kind
from designer.rules import validate
from designer.rules.context import NodeView
from designer.storage import load_design
from tests.conftest import SAMPLES_DIR

RULES_DIR = Path(designer.rules.__file__).parent
# A read of a prop by name: props.flag(node, "x"), node.prop("x"), node.prop_list("x"),
# node.props.get("x") / node.props["x"], and the fixes' SetProp(id, "x", …) / SetEdgeProp(id, "x", …).
READ = re.compile(r'(?:props\.[a-z_]+\(\s*[A-Za-z_][\w.]*\s*,\s*|\.prop(?:_list)?\(\s*|\.props(?:\.get\(|\[)\s*'
                  r'|Set(?:Edge)?Prop\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*)"([a-z][a-z0-9_]*)"')
# facts.subnets_of / security_groups look for these on any node, to find where it lives.
REFERENCE_SCANS = {"subnets", "security_groups"}


def names_read_by_rules() -> dict[str, set[str]]:
    """prop name → the rule source files that read it."""
    found: dict[str, set[str]] = {}
    for path in RULES_DIR.rglob("*.py"):
        for match in READ.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), set()).add(path.name)
    return found


def test_every_prop_name_the_rules_read_is_declared():
    declared = {p.name for kind in KINDS for p in kind.props}
    declared |= {p.name for props in EDGE_PROPS.values() for p in props}
    read = names_read_by_rules()
    # The scan must see the reads it is meant to guard (else it would pass vacuously).
    assert {"stickiness_type", "access_logging", "cidr", "kms_key", "vpc_origin"} <= set(read)
    missing = {name: sorted(files) for name, files in read.items() if name not in declared}
    assert not missing, f"rules read props no kind declares: {missing}"


def _designs():
    for path in sorted(SAMPLES_DIR.rglob("*.awsd.json")):
        yield load_design(path)
        # Variants with every flag on and every choice at its first, second, third value,
        # to enter the branches those guard (an NLB's stickiness, a health-checked record…).
        for index in range(3):
            variant = load_design(path)
            for node in variant.nodes:
                spec = find_kind(node.kind)
                for prop in spec.props if spec else ():
                    if prop.type == "bool":
                        variant.set_prop(node.id, prop.name, True)
                    elif prop.type == "choice":
                        variant.set_prop(node.id, prop.name, prop.choices[min(index, len(prop.choices) - 1)])
            yield variant


def test_each_kind_declares_the_props_the_rules_read_on_it(monkeypatch):
    reads: set[tuple[str, str]] = set()
    prop, prop_list, props = NodeView.prop, NodeView.prop_list, NodeView.props

    class RecordingDict(dict):
        def __init__(self, data: dict, kind: str) -> None:
            super().__init__(data)
            self.kind = kind

        def get(self, key, default=None):
            reads.add((self.kind, key))
            return super().get(key, default)

        def __getitem__(self, key):
            reads.add((self.kind, key))
            return super().__getitem__(key)

    def recording_prop(self, key, default=None):
        reads.add((self.kind, key))
        return prop(self, key, default)

    def recording_prop_list(self, key):
        reads.add((self.kind, key))
        return prop_list(self, key)

    monkeypatch.setattr(NodeView, "prop", recording_prop)
    monkeypatch.setattr(NodeView, "prop_list", recording_prop_list)
    monkeypatch.setattr(NodeView, "props", property(lambda self: RecordingDict(props.fget(self), self.kind)))
    for design in _designs():
        validate(design)
    assert ("load_balancer", "stickiness_type") in reads  # the recording works and reaches guarded reads
    undeclared = sorted((kind, key) for kind, key in reads
                        if key not in REFERENCE_SCANS and (spec := find_kind(kind)) is not None
                        and spec.prop(key) is None)
    assert not undeclared, f"rules read props their kind does not declare: {undeclared}"


@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_declared_choices_hold_the_default(kind):
    for prop in find_kind(kind).props:
        if prop.type == "choice":
            assert (prop.default if prop.default is not None else "") in prop.choices, (kind, prop.name)
