"""The diagrams-code exporter: the script parses, nests like the design, runs and draws a PNG."""

from __future__ import annotations

import ast
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from designer.exporters import ExportError, export
from designer.exporters.diagrams_code import render_script
from designer.model import Design, Edge, Node
from designer.storage import load_design
from tests.conftest import SAMPLE_FILES, SAMPLES_DIR
from tests.exporters.images import assert_png_not_blank

GOLDEN = Path(__file__).parent / "golden" / "three-tier.diagrams.py.txt"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's dot is not installed (scripts/system-deps.sh installs it)")


def _script(path: Path, **options) -> str:
    return export(load_design(path), "diagrams", **options).single


def run_script(script_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a generated script the way a user does: `python script.py` in its folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run([sys.executable, script_path.name], cwd=script_path.parent, env=env,
                          capture_output=True, text=True, timeout=120)


def frame_stacks(source: str) -> dict[str, list[str]]:
    """For every nodeid/frame/anchor in the script: the ids of the frames around it."""
    stacks: dict[str, list[str]] = {}

    def visit(statements: list[ast.stmt], stack: list[str]) -> None:
        for statement in statements:
            if isinstance(statement, ast.With):
                call = statement.items[0].context_expr
                assert isinstance(call, ast.Call)
                if isinstance(call.func, ast.Name) and call.func.id == "frame":
                    frame_id = call.args[0].value  # type: ignore[attr-defined]
                    stacks[frame_id] = list(stack)
                    visit(statement.body, [*stack, frame_id])
                else:
                    visit(statement.body, stack)
            elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
                for keyword in statement.value.keywords:
                    if keyword.arg == "nodeid":
                        stacks.setdefault(keyword.value.value, list(stack))  # type: ignore[attr-defined]

    visit(ast.parse(source).body, [])
    return stacks


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_script_parses_and_nests_like_the_design(sample: Path):
    design = load_design(sample)
    source = _script(sample)
    compile(source, "diagram.py", "exec")
    stacks = frame_stacks(source)
    for node in design.nodes:
        assert node.id in stacks, f"{node.id} is not drawn"
        expected = [a.id for a in reversed(design.ancestors(node.id))]
        assert stacks[node.id] == expected, node.id


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_edge_is_drawn_once(sample: Path):
    design = load_design(sample)
    tree = ast.parse(_script(sample))
    arrows = [n for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.RShift)
              and isinstance(n.left, ast.BinOp)]
    assert len(arrows) == design.edge_count


def test_imported_classes_exist_in_the_diagrams_package():
    names: set[tuple[str, str]] = set()
    for sample in SAMPLE_FILES:
        for node in ast.walk(ast.parse(_script(sample))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("diagrams"):
                names.update((node.module, alias.name) for alias in node.names)
    assert ("diagrams.aws.compute", "EC2") in names
    for module, name in names:
        assert hasattr(importlib.import_module(module), name), f"{module}.{name}"


def test_frames_use_the_aws_group_colours():
    source = _script(SAMPLES_DIR / "three-tier.awsd.json")
    assert "PUBLIC_SUBNET_FRAME = {'pencolor': '#7AA116', 'bgcolor': '#F2F6E8'" in source
    assert "SUBNET_FRAME = {'pencolor': '#147EBA', 'bgcolor': '#E6F2F8'" in source
    assert "REGION_FRAME = {'pencolor': '#00A4A6'" in source and "'style': 'dashed'" in source
    assert "VPC_FRAME = {'pencolor': '#8C4FFF'" in source


def test_output_is_named_after_the_script_not_the_title():
    source = _script(SAMPLES_DIR / "three-tier.awsd.json")
    assert 'OUTPUT = SCRIPT.with_suffix("")' in source
    assert 'filename=str(OUTPUT), outformat="png", show=False' in source


def test_script_is_deterministic_and_matches_the_golden_file():
    source = _script(SAMPLES_DIR / "three-tier.awsd.json")
    assert source == _script(SAMPLES_DIR / "three-tier.awsd.json")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(source, encoding="utf-8")
    assert source == GOLDEN.read_text(encoding="utf-8"), "regenerate with UPDATE_GOLDEN=1 if intended"


def test_a_bad_direction_is_a_clear_error():
    with pytest.raises(ExportError, match="direction"):
        export(load_design(SAMPLES_DIR / "three-tier.awsd.json"), "diagrams", direction="up")


def test_an_empty_design_is_a_valid_script():
    compile(render_script(Design(title="empty")), "diagram.py", "exec")


@needs_dot
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_script_runs_and_writes_a_png_named_after_itself(sample: Path, tmp_path: Path):
    script = tmp_path / "my architecture.py"  # a space in the name, and not the title
    script.write_text(_script(sample), encoding="utf-8")
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    png = tmp_path / "my architecture.png"
    assert png.exists(), sorted(p.name for p in tmp_path.iterdir())
    assert_png_not_blank(png)
    # Graphviz's intermediate source is removed; only the script and its PNG remain.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my architecture.png", "my architecture.py"]


@needs_dot
def test_frames_with_equal_labels_stay_separate(tmp_path: Path):
    nodes = [
        Node(id="r", kind="region", label="Region"),
        Node(id="v", kind="vpc", parent="r"),
        Node(id="a", kind="availability_zone", parent="v", label="AZ"),
        Node(id="b", kind="availability_zone", parent="v", label="AZ"),
        Node(id="s1", kind="subnet", parent="a", label="Private"),
        Node(id="s2", kind="subnet", parent="b", label="Private"),
        Node(id="i1", kind="ec2", parent="s1"),
        Node(id="i2", kind="ec2", parent="s2"),
        Node(id="nat", kind="nat_gateway", parent="s1"),
    ]
    design = Design(title="twins", nodes=nodes, edges=[Edge(id="e", kind="route", source="s2", target="nat")])
    # Render to DOT instead of PNG so the clusters can be counted.
    source = render_script(design).replace('outformat="png"', 'outformat="dot"')
    script = tmp_path / "twins.py"
    script.write_text(source, encoding="utf-8")
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    dot = (tmp_path / "twins.dot").read_text(encoding="utf-8")
    for frame_id in ("r", "v", "a", "b", "s1", "s2"):
        assert f"cluster_{frame_id}" in dot
    assert '"s2 frame" -> nat' in dot  # the route edge starts at subnet s2's anchor


@needs_dot
def test_script_saved_without_extension_does_not_overwrite_itself(tmp_path: Path):
    script = tmp_path / "diagram"
    source = _script(SAMPLES_DIR / "static-website.awsd.json")
    script.write_text(source, encoding="utf-8")
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    assert script.read_text(encoding="utf-8") == source
    assert_png_not_blank(tmp_path / "diagram-diagram.png")
