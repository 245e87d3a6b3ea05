"""Labels and props are data, never code, in every exporter.

Hostile labels (quotes, newlines, `${…}`, triple quotes, `</mxCell>`, backslashes, Korean,
control characters) and hostile string props go onto a sample's nodes; every registered
text exporter must still produce output that parses in its own language, with the label
surviving as data. A generated diagrams script with labels that would create marker files
if they ever ran as code is run for real, and nothing may appear.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.catalogue import get_kind
from designer.exporters import ExportError, ExportResult, available, export
from designer.exporters.drawio import NODE_PREFIX, label_of_value
from designer.model import Design
from designer.storage import load_design
from tests.conftest import SAMPLES_DIR
from tests.exporters.images import assert_png_not_blank
from tests.exporters.test_diagrams_code import run_script

PIECES = [
    '"', "'", '"""', "'''", "\\", "\\n", "\\\"", "\n", "\r\n", "\t", "${", "${var.secret}",
    "$${", "%{", "%%{", "}", "{{", "</mxCell>", '<mxCell id="1"/>', "<b>", "]]>", "&amp;", "&",
    "#", "--", ";", "`", "$(touch pwned)", "'); import os; os.system('touch pwned') #",
    "!Ref AWS::StackName", "*anchor", "? ", ": ", "- ", "null", "~", "서울 리전", "가용 영역 A",
    "보안 그룹 / SG", "\u2028", "\x00", "\x1b[31m", "\ufeff",
]
hostile_text = (
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), min_size=1, max_size=10)
    .map("".join)
    .filter(lambda s: 0 < len(s) <= 200)
)
# Kinds whose label reaches CloudFormation/Terraform (as a Name tag or a description).
TAGGED_KINDS = ("vpc", "subnet", "ec2", "security_group", "s3_bucket")
BASE = load_design(SAMPLES_DIR / "three-tier.awsd.json")
NODE_IDS = [n.id for n in BASE.nodes]
TAGGED_IDS = [n.id for n in BASE.nodes if n.kind in TAGGED_KINDS]


def hostile_design(label: str, node_id: str, prop_text: str | None) -> Design:
    """The three-tier sample with a hostile label, title, edge label (and string props)."""
    design = BASE.copy()
    design.set_label(node_id, label)
    design.set_title(label)
    design.set_edge_field(design.edge_ids()[0], "label", label)
    for node in design.nodes if prop_text is not None else ():
        for spec in get_kind(node.kind).props:
            # Free-text props only: choice/CIDR values are checked by the validator, not here.
            if spec.type == "str" and spec.name in node.props:
                design.set_prop(node.id, spec.name, prop_text)
    return design


def normalised(text: str) -> str:
    """What a label becomes where a format cannot hold every character (XML, Graphviz)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "\ufffd", text)


def strings(value: Any) -> Iterator[str]:
    """Every string in a parsed document (keys and values)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


_HCL_ESCAPE = re.compile(r'\\(["\\nrt]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|\$\$\{|%%\{')


def hcl_string(raw: str) -> str:
    """Decode an HCL string literal as python-hcl2 returns it (quotes and escapes kept)."""
    if not (len(raw) >= 2 and raw[0] == raw[-1] == '"'):
        return raw

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("$${", "%%{"):
            return token[1:]
        escaped = match.group(1)
        simple = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}
        return simple.get(escaped) or chr(int(escaped[1:], 16))

    return _HCL_ESCAPE.sub(one, raw[1:-1])


# ----------------------------------------------------------------------- per-format checks
def check_diagrams(result: ExportResult, design: Design, node_id: str, label: str) -> None:
    tree = ast.parse(result.single)
    constants = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert label in constants, "the label is a string literal in the script"
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & {"eval", "exec", "open", "__import__", "compile"}


def check_drawio(result: ExportResult, design: Design, node_id: str, label: str) -> None:
    mxfile = ET.fromstring(result.single)
    cells = {c.get("id"): c for c in mxfile.iter("mxCell")}
    assert label_of_value(cells[NODE_PREFIX + node_id].get("value")) == normalised(label)
    vertices = [c for c in cells.values() if c.get("vertex") == "1"]
    assert len(vertices) == design.node_count, "a label cannot add or remove cells"


def check_cloudformation(result: ExportResult, design: Design, node_id: str, label: str) -> None:
    found: list[str] = []
    for name, text in result.files.items():
        document = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        assert isinstance(document, dict) and "Resources" in document, name
        found.extend(strings(document))
    if design.node(node_id).kind in TAGGED_KINDS:
        assert any(label in s for s in found), "the label survives as a string value"


def check_terraform(result: ExportResult, design: Design, node_id: str, label: str) -> None:
    import hcl2

    found: list[str] = []
    for name, text in result.files.items():
        found.extend(hcl_string(s) for s in strings(hcl2.loads(text)))
        assert name.endswith(".tf")
    if design.node(node_id).kind in TAGGED_KINDS:
        assert any(label in s for s in found), "the label survives as a string value"


def check_any(result: ExportResult, design: Design, node_id: str, label: str) -> None:
    assert result.files and all(isinstance(v, (str, bytes)) for v in result.files.values())


CHECKS: dict[str, Callable[[ExportResult, Design, str, str], None]] = {
    "diagrams": check_diagrams,
    "drawio": check_drawio,
    "cloudformation": check_cloudformation,
    "terraform": check_terraform,
}
EXPORTERS = sorted(available())


def test_the_exporters_of_this_task_are_registered():
    assert {"diagrams", "drawio"} <= set(EXPORTERS)


@pytest.mark.parametrize("name", EXPORTERS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=hostile_text, data=st.data())
def test_hostile_labels_stay_data(name: str, label: str, data: st.DataObject):
    ids = TAGGED_IDS if name in ("cloudformation", "terraform") else NODE_IDS
    node_id = data.draw(st.sampled_from(ids), label="node")
    design = hostile_design(label, node_id, None)
    result = export(design, name)
    CHECKS.get(name, check_any)(result, design, node_id, label)


@pytest.mark.parametrize("name", EXPORTERS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=hostile_text, prop_text=hostile_text, data=st.data())
def test_hostile_props_give_valid_output_or_a_clear_refusal(name: str, label: str, prop_text: str,
                                                             data: st.DataObject):
    ids = TAGGED_IDS if name in ("cloudformation", "terraform") else NODE_IDS
    node_id = data.draw(st.sampled_from(ids), label="node")
    design = hostile_design(label, node_id, prop_text)
    try:
        result = export(design, name)
    except ExportError as refusal:  # e.g. a Region code that is no Region code: refused, clearly
        assert str(refusal) and "\n" not in str(refusal), "a refusal is one line"
        return
    CHECKS.get(name, check_any)(result, design, node_id, label)


# ----------------------------------------------------------------------- running the script
MARKERS = [
    "'); open('pwned-1', 'w'); ('",
    '"); open("pwned-2", "w"); ("',
    '"""); open("pwned-3", "w"); ("""',
    "\\'); open('pwned-4', 'w') #",
    "{open('pwned-5', 'w')}",
    "${__import__('os').system('touch pwned-6')}",
    "$(touch pwned-7) `touch pwned-8`",
    "\n__import__('os').system('touch pwned-9')\n",
    "<<img src=\"pwned-10\"/>>",  # a Graphviz HTML label if it were ever treated as one
    "\\G \\N \\L trailing backslash \\",
    "서울 리전 </mxCell> \"quoted\"",
]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_running_a_script_with_hostile_labels_executes_nothing(tmp_path: Path):
    design = BASE.copy()
    design.set_title(MARKERS[0])
    for node_id, marker in zip(NODE_IDS, MARKERS[1:] * 3, strict=False):
        design.set_label(node_id, marker)
    for edge_id, marker in zip(design.edge_ids(), reversed(MARKERS), strict=False):
        design.set_edge_field(edge_id, "label", marker)
    script = tmp_path / "hostile.py"
    script.write_text(export(design, "diagrams").single, encoding="utf-8")
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    assert "syntax error" not in result.stderr.lower()
    assert_png_not_blank(tmp_path / "hostile.png")
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["hostile.png", "hostile.py"], leftovers


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@settings(max_examples=6, deadline=None)
@given(label=hostile_text)
def test_graphviz_draws_any_label(label: str, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("script")
    design = BASE.copy()
    design.set_label("alb", label)
    design.set_edge_field("e2", "label", label)
    script = folder / "any.py"
    script.write_text(export(design, "diagrams").single, encoding="utf-8")
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    assert (folder / "any.png").stat().st_size > 1000
