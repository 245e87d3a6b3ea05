"""`aws-designer export`: stdout, -o, folders, findings and --strict, bad input, safe writes."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

import designer.commands.export as export_command
from designer.cli import main
from designer.exporters import ExportError, available
from tests.conftest import SAMPLE_FILES, SAMPLES_DIR

THREE_TIER = SAMPLES_DIR / "three-tier.awsd.json"
CLASSROOM = SAMPLES_DIR / "classroom-mistakes.awsd.json"
ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["export", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def fake_finding(severity: str = "error") -> SimpleNamespace:
    return SimpleNamespace(rule="TST-001", severity=severity, nodes=("web-1", "db"),
                           message="a test\nfinding", message_ko="시험 결과")


@pytest.fixture
def one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A validator that reports one error and one warning, whatever the design."""
    monkeypatch.setattr(export_command, "_validator",
                        lambda: lambda design: [fake_finding("error"), fake_finding("warning")])


# ----------------------------------------------------------------------- outputs
def test_text_goes_to_stdout_without_o(capsys):
    code, out, err = run(capsys, THREE_TIER, "--to", "drawio")
    assert code == 0, err
    assert ET.fromstring(out).tag == "mxfile"
    code, out, err = run(capsys, THREE_TIER, "--to", "diagrams")
    assert code == 0, err
    ast.parse(out)


def test_o_writes_the_same_text_as_stdout(capsys, tmp_path: Path):
    _, stdout_text, _ = run(capsys, THREE_TIER, "--to", "drawio")
    target = tmp_path / "three.drawio"
    code, out, err = run(capsys, THREE_TIER, "--to", "drawio", "-o", target)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == stdout_text
    assert out.strip() == f"wrote {target}"


def test_o_folder_writes_the_exports_files_inside(capsys, tmp_path: Path):
    folder = tmp_path / "new" / "out"
    code, _, err = run(capsys, THREE_TIER, "--to", "diagrams", "-o", f"{folder}/")
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["diagram.py"]


def test_input_file_is_never_written(capsys, tmp_path: Path):
    # A design without geometry is laid out for the export, but the file stays as it was.
    design = {"format": "aws-designer", "version": 1, "title": "no geometry", "nodes": [
        {"id": "r", "kind": "region", "parent": None, "props": {"code": "eu-west-1"}},
        {"id": "v", "kind": "vpc", "parent": "r", "props": {}},
        {"id": "a", "kind": "availability_zone", "parent": "v", "props": {}},
        {"id": "s", "kind": "subnet", "parent": "a", "props": {}},
        {"id": "i", "kind": "ec2", "parent": "s", "props": {}},
    ], "edges": []}
    source = tmp_path / "bare.awsd.json"
    source.write_text(json.dumps(design), encoding="utf-8")
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    code, out, err = run(capsys, source, "--to", "drawio")
    assert code == 0, err
    geometries = ET.fromstring(out).iter("mxGeometry")
    assert sum(1 for g in geometries if g.get("width")) == 5, "every node was laid out"
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    code, _, err = run(capsys, source, "--to", "drawio", "-o", source)
    assert code == 2 and "input design" in err
    assert source.read_bytes() == before[0]


# ----------------------------------------------------------------------- findings
def test_errors_go_to_stderr_and_the_export_still_happens(capsys, one_error, tmp_path: Path):
    target = tmp_path / "x.drawio"
    code, out, err = run(capsys, THREE_TIER, "--to", "drawio", "-o", target)
    assert code == 0
    assert err.splitlines() == ["error TST-001 web-1,db: a test finding"]  # warnings stay quiet
    assert target.exists()


def test_a_finding_stays_on_one_line_whatever_its_labels_hold(capsys, monkeypatch):
    finding = fake_finding()
    finding.message = "label \x1b[31mred\x1b[0m\nsecond line\r\x00"
    monkeypatch.setattr(export_command, "_validator", lambda: lambda design: [finding])
    code, _, err = run(capsys, THREE_TIER, "--to", "drawio")
    assert code == 0
    assert err.splitlines() == ["error TST-001 web-1,db: label \\x1b[31mred\\x1b[0m second line \\x00"]


def test_an_exporters_refusal_is_printed_on_one_line(capsys, monkeypatch):
    def refuse(design, name, **options):
        raise ExportError('region "r": code "a\nb\x1b" is not a Region code')

    monkeypatch.setattr(export_command, "export", refuse)
    code, out, err = run(capsys, THREE_TIER, "--to", "drawio")
    assert code == 2 and out == ""
    assert err.splitlines() == ['aws-designer export: cannot export to drawio: region "r": code "a b\\x1b" is not a Region code']


def test_findings_in_korean(capsys, one_error):
    code, _, err = run(capsys, THREE_TIER, "--to", "drawio", "--lang", "ko")
    assert code == 0 and "error TST-001 web-1,db: 시험 결과" in err


def test_strict_refuses_a_design_with_errors(capsys, one_error, tmp_path: Path):
    target = tmp_path / "x.drawio"
    code, out, err = run(capsys, THREE_TIER, "--to", "drawio", "-o", target, "--strict")
    assert code == 1 and out == ""
    assert "refused" in err.splitlines()[-1]
    assert not target.exists()


def test_strict_passes_a_design_without_errors(capsys, monkeypatch):
    monkeypatch.setattr(export_command, "_validator", lambda: lambda design: [fake_finding("warning")])
    code, out, err = run(capsys, THREE_TIER, "--to", "drawio", "--strict")
    assert code == 0 and err == "" and out.startswith("<mxfile")


def test_strict_refuses_when_no_validator_is_available(capsys, monkeypatch):
    monkeypatch.setattr(export_command, "_validator", lambda: None)
    assert run(capsys, THREE_TIER, "--to", "drawio")[0] == 0
    code, _, err = run(capsys, THREE_TIER, "--to", "drawio", "--strict")
    assert code == 1 and "validator" in err


def _classroom_has_errors() -> bool:
    from designer.rules import validate
    from designer.storage import load_design

    return any(f.severity == "error" for f in validate(load_design(CLASSROOM)))


classroom_rules = pytest.mark.skipif(not _classroom_has_errors(),
                                     reason="the validator's rules have not landed in this build")


@classroom_rules
def test_classroom_sample_exports_with_its_mistakes_listed(capsys, tmp_path: Path):
    target = tmp_path / "lesson.py"
    code, _, err = run(capsys, CLASSROOM, "--to", "diagrams", "-o", target)
    assert code == 0 and target.exists()
    lines = err.splitlines()
    assert lines and all(line.startswith("error ") for line in lines)
    assert any(" TOP-002 span:" in line for line in lines), lines


@classroom_rules
def test_classroom_sample_is_refused_under_strict(capsys, tmp_path: Path):
    target = tmp_path / "lesson.drawio"
    code, _, err = run(capsys, CLASSROOM, "--to", "drawio", "-o", target, "--strict")
    assert code == 1 and not target.exists()


# ----------------------------------------------------------------------- bad input and usage
@pytest.mark.parametrize(("argv", "needle"), [
    (["--to", "nope"], "unknown format 'nope'"),
    (["--to", "png"], "needs an output file"),
    (["--to", "drawio", "--scale", "0"], "--scale"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, THREE_TIER, *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and needle in err


def test_bad_input_files_exit_2_with_one_line_per_problem(capsys, tmp_path: Path):
    broken = tmp_path / "broken.awsd.json"
    broken.write_text('{"format": "aws-designer", "version": 1, "nodes": [{"id": "a", "kind": "nope"},'
                      ' {"id": "b", "kind": "ec2", "parent": "zz"}]}', encoding="utf-8")
    code, out, err = run(capsys, broken, "--to", "drawio")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 2 and 'unknown kind "nope"' in err and 'parent "zz"' in err
    not_json = tmp_path / "x.awsd.json"
    not_json.write_text("{nope", encoding="utf-8")
    code, _, err = run(capsys, not_json, "--to", "drawio")
    assert code == 2 and "invalid JSON" in err
    code, _, err = run(capsys, tmp_path / "missing.awsd.json", "--to", "drawio")
    assert code == 2 and "file not found" in err


def test_missing_output_folder_is_one_line(capsys, tmp_path: Path):
    code, _, err = run(capsys, THREE_TIER, "--to", "drawio", "-o", tmp_path / "no" / "x.drawio")
    assert code == 1 and len(err.splitlines()) == 1 and "does not exist" in err


# ----------------------------------------------------------------------- never half-written
def test_a_failing_exporter_leaves_the_old_output_alone(capsys, monkeypatch, tmp_path: Path):
    target = tmp_path / "keep.drawio"
    target.write_text("old", encoding="utf-8")

    def broken(design, name, **options):
        raise ExportError("something about the design")

    monkeypatch.setattr(export_command, "export", broken)
    code, _, err = run(capsys, THREE_TIER, "--to", "drawio", "-o", target)
    assert code == 2 and "something about the design" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.drawio"]


def test_a_failing_write_leaves_the_old_output_and_no_temp_file(capsys, monkeypatch, tmp_path: Path):
    target = tmp_path / "keep.drawio"
    target.write_text("old", encoding="utf-8")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_command.os, "replace", full_disk)
    code, _, err = run(capsys, THREE_TIER, "--to", "drawio", "-o", target)
    assert code == 1 and "No space left on device" in err and len(err.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.drawio"]


# ----------------------------------------------------------------------- IaC formats, when present
needs_cfn = pytest.mark.skipif("cloudformation" not in available(),
                               reason="the CloudFormation exporter has not landed in this build")
needs_tf = pytest.mark.skipif("terraform" not in available(),
                              reason="the Terraform exporter has not landed in this build")


@needs_cfn
def test_cloudformation_yaml_or_json_by_extension(capsys, tmp_path: Path):
    import yaml

    code, _, err = run(capsys, THREE_TIER, "--to", "cloudformation", "-o", tmp_path / "t.yaml")
    assert code == 0, err
    assert "Resources" in yaml.safe_load((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    code, _, err = run(capsys, THREE_TIER, "--to", "cloudformation", "-o", tmp_path / "t.json")
    assert code == 0, err
    assert "Resources" in json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))


@needs_cfn
def test_cloudformation_of_several_regions_needs_a_folder(capsys, tmp_path: Path):
    two_regions = _two_region_design(tmp_path)
    code, _, err = run(capsys, two_regions, "--to", "cloudformation", "-o", tmp_path / "t.yaml")
    assert code == 2 and "folder" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "t.yaml").exists()
    code, _, err = run(capsys, two_regions, "--to", "cloudformation", "-o", f"{tmp_path / 'stacks'}/")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "stacks").iterdir()) == ["eu-west-1.yaml", "us-east-1.yaml"]


@needs_tf
def test_terraform_single_file_or_folder(capsys, tmp_path: Path):
    import hcl2

    code, _, err = run(capsys, THREE_TIER, "--to", "terraform", "-o", tmp_path / "main.tf")
    assert code == 0, err
    hcl2.loads((tmp_path / "main.tf").read_text(encoding="utf-8"))
    folder = tmp_path / "tf"
    folder.mkdir()
    code, _, err = run(capsys, THREE_TIER, "--to", "terraform", "-o", folder)  # an existing folder
    assert code == 0, err
    assert {"main.tf", "variables.tf", "outputs.tf"} <= {p.name for p in folder.iterdir()}


def _two_region_design(tmp_path: Path) -> Path:
    nodes = []
    for code in ("us-east-1", "eu-west-1"):
        nodes += [
            {"id": f"r-{code}", "kind": "region", "parent": None, "props": {"code": code}},
            {"id": f"v-{code}", "kind": "vpc", "parent": f"r-{code}", "props": {"cidr": "10.0.0.0/16"}},
        ]
    path = tmp_path / "two.awsd.json"
    path.write_text(json.dumps({"format": "aws-designer", "version": 1, "title": "two",
                                "nodes": nodes, "edges": []}), encoding="utf-8")
    return path


# ----------------------------------------------------------------------- images, when present
def _has_renderer() -> bool:
    try:
        import designer.gui.render  # noqa: F401
    except ImportError:
        return False
    return True


needs_render = pytest.mark.skipif(not _has_renderer(),
                                  reason="designer.gui.render has not landed in this build")


@needs_render
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_images_of_every_sample(capsys, sample: Path, tmp_path: Path):
    from tests.exporters.images import assert_png_not_blank

    for fmt in ("png", "svg", "pdf"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = run(capsys, sample, "--to", fmt, "-o", target, "--title", "--legend")
        assert code == 0, err
        assert target.stat().st_size > 1000, fmt
    assert_png_not_blank(tmp_path / "out.png")
    assert ET.parse(tmp_path / "out.svg").getroot().tag.endswith("svg")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temp file left"


# ----------------------------------------------------------------------- as a user runs it
def test_the_real_command_line(tmp_path: Path):
    """A separate process: exit codes, and never a traceback on bad input."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "designer", "export"]
    ok = subprocess.run([*command, str(THREE_TIER), "--to", "drawio"], capture_output=True,
                        text=True, env=env, timeout=120)
    assert ok.returncode == 0 and ok.stdout.startswith("<mxfile"), ok.stderr
    garbage = tmp_path / "garbage.awsd.json"
    garbage.write_bytes(b"\xff\xfe not a design")
    bad = subprocess.run([*command, str(garbage), "--to", "diagrams"], capture_output=True,
                         text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.splitlines()) == 1


# ----------------------------------------------------------------------- image size and findings
@needs_render
def test_a_png_past_the_pixel_budget_is_written_smaller_with_a_note(capsys, monkeypatch, tmp_path: Path):
    from PySide6.QtGui import QImage

    from designer.gui import render

    target = tmp_path / "big.png"
    code, _, err = run(capsys, THREE_TIER, "--to", "png", "--scale", "1", "-o", target)
    assert code == 0 and "note:" not in err, err
    natural = QImage(str(target)).size()
    monkeypatch.setattr(render, "PIXEL_BUDGET", natural.width() * natural.height())
    code, out, err = run(capsys, THREE_TIER, "--to", "png", "--scale", "4", "-o", target)
    assert code == 0, err
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == [f"note: scale lowered from 4 to 1 to keep the image within "
                     f"{natural.width() * natural.height() / 1e6:g} megapixels "
                     f"({natural.width()}×{natural.height()} pixels)"]
    assert QImage(str(target)).size() == natural and out.strip() == f"wrote {target}"
    code, _, err = run(capsys, THREE_TIER, "--to", "png", "--scale", "0.5", "-o", target)
    assert code == 0 and "note:" not in err, "a scale that fits is honoured"
    assert abs(QImage(str(target)).width() - natural.width() / 2) <= 1


@needs_render
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_an_image_export_checks_the_design_once(capsys, monkeypatch, tmp_path: Path, fmt):
    from designer.rules import Validator

    calls: list[int] = []
    real = Validator.__init__
    monkeypatch.setattr(Validator, "__init__", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    code, _, err = run(capsys, CLASSROOM, "--to", fmt, "-o", tmp_path / f"x.{fmt}")
    assert code == 0 and err.startswith("error "), err
    assert calls == [1], "the findings printed are the ones drawn"
