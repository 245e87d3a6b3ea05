"""`aws-designer validate`: text and JSON output, languages, exit codes, bad input."""

from __future__ import annotations

import json
import re

import pytest

from designer.cli import main
from designer.storage import save_design
from tests.conftest import SAMPLES_DIR, load_sample

CLASSROOM = str(SAMPLES_DIR / "classroom-mistakes.awsd.json")
THREE_TIER = str(SAMPLES_DIR / "three-tier.awsd.json")
LINE = re.compile(r"^(error|warning|info) [A-Z0-9]+-\d{3} \S+: .+$")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_lines_grouped_by_severity_with_summary(capsys):
    code, out, err = run(capsys, CLASSROOM)
    assert code == 1 and err == ""
    lines = out.splitlines()
    body, summary = lines[:-1], lines[-1]
    assert body and all(LINE.match(line) for line in body), body
    ranks = ["error warning info".split().index(line.split()[0]) for line in body]
    assert ranks == sorted(ranks)  # errors, then warnings, then info
    assert "error TOP-002 span: " in out
    counts = {s: sum(1 for line in body if line.startswith(s + " ")) for s in ("error", "warning", "info")}
    words = {s: (s if counts[s] == 1 or s == "info" else s + "s") for s in counts}
    assert summary == f"{CLASSROOM}: " + ", ".join(f"{counts[s]} {words[s]}" for s in counts)


def test_korean_messages(capsys):
    code, out, _ = run(capsys, CLASSROOM, "--lang", "ko")
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("error TOP-002"))
    assert "가용 영역" in line
    assert "오류" in out.splitlines()[-1]


def test_json_shape(capsys):
    code, out, _ = run(capsys, CLASSROOM, "--format", "json")
    assert code == 1
    payload = json.loads(out)
    assert set(payload) == {"findings", "summary"}
    assert set(payload["summary"]) == {"error", "warning", "info"}
    keys = {"rule", "severity", "nodes", "edges", "message", "message_ko", "source", "fix"}
    for finding in payload["findings"]:
        assert set(finding) == keys
        assert isinstance(finding["nodes"], list) and isinstance(finding["edges"], list)
        assert set(finding["source"]) == {"seed", "aws"}
        assert finding["fix"] is None or set(finding["fix"]) == {"description", "description_ko"}
    counts = {s: sum(1 for f in payload["findings"] if f["severity"] == s) for s in payload["summary"]}
    assert counts == payload["summary"]
    assert any(f["fix"] for f in payload["findings"])


def test_clean_design_exits_0(capsys):
    code, out, _ = run(capsys, THREE_TIER, "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["error"] == 0


def test_warnings_alone_exit_0(tmp_path, capsys):
    design = load_sample("three-tier")
    design.set_prop("sg-web", "inbound", [{"protocol": "tcp", "port": 80, "source": "sg-alb"},
                                           {"protocol": "tcp", "port": 22, "source": "0.0.0.0/0"}])
    path = tmp_path / "warn.awsd.json"
    save_design(design, path)
    code, out, _ = run(capsys, str(path))
    assert code == 0
    assert "warning SG-005 sg-web: " in out


def test_labels_with_newlines_stay_on_one_line(tmp_path, capsys):
    design = load_sample("classroom-mistakes")
    design.set_label("span", "two\nlines\x07")
    path = tmp_path / "nl.awsd.json"
    save_design(design, path)
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert all(LINE.match(line) for line in out.splitlines()[:-1])


@pytest.mark.parametrize("content, expected", [
    ("{", "invalid JSON"),
    ('{"format": "aws-designer", "version": 1, "nodes": [{"id": "a", "kind": "nope"}], "edges": []}', "nope"),
])
def test_bad_input_exits_2_with_one_line_per_problem(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.awsd.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert expected in err and "Traceback" not in err
    assert all(line.startswith(str(path)) for line in err.splitlines())
    assert path.read_text(encoding="utf-8") == content  # never written


def test_missing_file_and_bad_options_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, str(tmp_path / "missing.awsd.json"))
    assert code == 2 and "not found" in err
    code, _, err = run(capsys, THREE_TIER, "--format", "xml")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, THREE_TIER, "--lang", "fr")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_reading_never_writes_the_input(tmp_path, capsys):
    path = tmp_path / "x.awsd.json"
    path.write_bytes((SAMPLES_DIR / "classroom-mistakes.awsd.json").read_bytes())
    before = path.read_bytes()
    run(capsys, str(path), "--format", "json")
    assert path.read_bytes() == before
