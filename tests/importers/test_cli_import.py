"""`aws-designer import`: design to stdout or -o, the report, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from designer.cli import main
from designer.storage import load_design, loads
from tests.exporters.iac_support import GOLDEN

TEMPLATE = GOLDEN / "three-tier.cfn.yaml"


def test_design_to_stdout_report_to_stderr(capsys):
    assert main(["import", str(TEMPLATE), "--region", "ap-northeast-2"]) == 0
    out, err = capsys.readouterr()
    assert loads(out).node_count == 26
    assert "imported" in err and "26 nodes" in err


def test_output_file_and_json_report(tmp_path: Path, capsys):
    target = tmp_path / "imported.awsd.json"
    assert main(["import", str(TEMPLATE), "-o", str(target), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["output"] == str(target) and report["counts"]["nodes"] == 26
    assert load_design(target).node_count == 26


def test_kept_resources_still_exit_0(tmp_path: Path, capsys):
    source = tmp_path / "t.yaml"
    source.write_text("Resources:\n  Fn: {Type: AWS::Lambda::Function, Properties: {}}\n", "utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "o.awsd.json")]) == 0
    assert "kept, not drawn:" in capsys.readouterr().out


def test_bad_input_exits_2_with_file_and_line(tmp_path: Path, capsys):
    source = tmp_path / "bad.yaml"
    source.write_text("Resources:\n  A: !Nope\n", "utf-8")
    target = tmp_path / "never.awsd.json"
    assert main(["import", str(source), "-o", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{source}:2: ")
    assert not target.exists()


def test_refuses_to_write_over_its_input(tmp_path: Path, capsys):
    source = tmp_path / "t.yaml"
    source.write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    assert main(["import", str(source), "-o", str(source)]) == 2
    assert source.read_text("utf-8") == TEMPLATE.read_text("utf-8")
