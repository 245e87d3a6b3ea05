"""`aws-designer analyze` as a user runs it: text, JSON, --fail, exit codes, bad input."""

from __future__ import annotations

import json

from designer.cli import main
from tests.analysis.helpers import SAMPLES

THREE_TIER = str(SAMPLES / "three-tier.awsd.json")
SINGLE_AZ = str(SAMPLES / "drills" / "three-tier-single-az.awsd.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["analyze", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_issue_shape(capsys):
    code, out, err = run(capsys, SINGLE_AZ, "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"single_points_of_failure", "paths"} <= set(data)
    first = data["single_points_of_failure"][0]
    assert first["az"] == "az-a" and isinstance(first["reason"], str)
    assert {s.get("node") for s in data["single_points_of_failure"][1:]} == {"nat-a", "web-1", "app-1", "db"}
    for spof in data["single_points_of_failure"]:
        assert set(spof) >= {"reason", "lost_paths"} and ("node" in spof) != ("az" in spof)
        assert all(isinstance(p, str) for p in spof["lost_paths"])
    path_ids = {p["id"] for p in data["paths"]}
    assert all(lp in path_ids for s in data["single_points_of_failure"] for lp in s["lost_paths"])
    assert {p["status"] for p in data["paths"]} == {"ok"}
    assert "failure" not in data


def test_json_with_fail_reports_what_is_down(capsys):
    code, out, _ = run(capsys, THREE_TIER, "--format", "json", "--fail", "az-a")
    data = json.loads(out)
    assert code == 0
    assert data["failure"]["failed"] == ["az-a"]
    assert "nat-a" in data["failure"]["down"] and data["failure"]["degraded"] == ["alb", "asg", "db"]
    assert data["single_points_of_failure"] == []
    assert all(p["works"] for p in data["paths"])


def test_text_is_readable_in_both_languages(capsys):
    code, out, _ = run(capsys, SINGLE_AZ)
    assert code == 0
    assert "Single points of failure (5):" in out
    assert "단일 장애 지점" not in out  # headings in English, reasons in both languages
    assert "NAT 게이트웨이" in out and "losing it cuts" in out
    code, out, _ = run(capsys, SINGLE_AZ, "--lang", "ko", "--fail", "db")
    assert "단일 장애 지점 (5):" in out and "끊김" in out and "원인: db" in out


def test_text_for_a_drill_lists_lost_paths(capsys):
    code, out, _ = run(capsys, THREE_TIER, "--fail", "db", "--lang", "en")
    assert code == 0
    assert "Lost paths: 1 / 3" in out
    assert "LOST" in out and "cut by: db" in out


def test_bad_file_exits_2_with_one_line(capsys, tmp_path):
    bad = tmp_path / "broken.awsd.json"
    bad.write_text('{"format": "aws-designer", "version": 1, "nodes": [', encoding="utf-8")
    code, out, err = run(capsys, str(bad))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "broken.awsd.json" in err
    code, out, err = run(capsys, str(tmp_path / "missing.awsd.json"))
    assert code == 2 and "file not found" in err


def test_unknown_fail_ids_exit_2_one_line_each(capsys):
    code, out, err = run(capsys, THREE_TIER, "--fail", "nope", "az-a", "zzz")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f'{THREE_TIER}: --fail "nope": no node "nope" in the design',
        f'{THREE_TIER}: --fail "zzz": no node "zzz" in the design',
    ]


def test_bad_format_is_a_usage_error(capsys):
    code, _, err = run(capsys, THREE_TIER, "--format", "yaml")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_analyze_never_writes_its_input(capsys, tmp_path):
    # A file without geometry is laid out in memory; reading commands never save it.
    target = tmp_path / "plain.awsd.json"
    target.write_text(json.dumps({
        "format": "aws-designer", "version": 1, "title": "t",
        "nodes": [{"id": "u", "kind": "internet"}, {"id": "r", "kind": "region"},
                  {"id": "b", "kind": "s3_bucket", "parent": "r", "props": {"role": "web"}}],
        "edges": [{"id": "e", "source": "u", "target": "b"}]}), encoding="utf-8")
    before = target.read_bytes()
    code, out, _ = run(capsys, str(target), "--format", "json")
    assert code == 0 and json.loads(out)["paths"][0]["status"] == "ok"
    assert target.read_bytes() == before


def test_exercise_flag_on_a_design_that_is_not_an_exercise(capsys):
    code, out, err = run(capsys, THREE_TIER, "--exercise")
    assert code == 2 and out == "" and "not an exercise" in err
