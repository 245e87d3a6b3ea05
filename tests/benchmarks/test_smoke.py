"""The benchmark code paths on N = 50, so they do not rot: no timing assertions, no checkov."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate import generate, resource_count
from benchmarks.generate import main as generate_main
from benchmarks.harness import Result, percentile
from benchmarks.report import TARGETS, render
from designer.model import CONTAINER_KINDS
from designer.storage import dumps, load_design, loads


def test_generate_is_exact_deterministic_and_loads(tmp_path: Path) -> None:
    design = generate(50, seed=3)
    assert resource_count(design) == 50
    assert design.has_geometry()
    assert dumps(design) == dumps(generate(50, seed=3))
    assert dumps(design) != dumps(generate(50, seed=4))
    info = design.extra["generator"]
    assert info["n_resources"] == 50 and len(info["violations"]) >= 5
    kinds = {n.kind for n in design.nodes}
    assert {"ec2", "rds", "load_balancer", "nat_gateway", "s3_bucket", "route53_record"} <= kinds
    assert {e.kind for e in design.edges} >= {"traffic", "route", "attach", "dns"}
    assert dumps(loads(dumps(design))) == dumps(design)


@pytest.mark.parametrize("n", [120, 2000])
def test_generate_spreads_over_regions_vpcs_and_azs(n: int) -> None:
    design = generate(n)
    assert resource_count(design) == n
    regions = design.nodes_of_kind("region")
    assert len(regions) == design.extra["generator"]["regions"]
    for vpc in design.nodes_of_kind("vpc"):
        azs = [c for c in design.children(vpc.id) if c.kind == "availability_zone"]
        assert 2 <= len(azs) <= 3
    for region in regions:
        assert len([c for c in design.children(region.id) if c.kind == "vpc"]) <= 5
    assert all(n.kind not in CONTAINER_KINDS or n.w and n.h for n in design.nodes)


def test_generate_planted_violations_are_found() -> None:
    from designer.rules import validate

    findings = validate(generate(50))
    assert {f.rule for f in findings} & {"RDS-001", "RDS-004", "S3-002", "SG-001", "SUB-002"}


def test_generate_cli(tmp_path: Path, capsys) -> None:
    target = tmp_path / "g.awsd.json"
    assert generate_main(["60", "-o", str(target), "--seed", "1"]) == 0
    assert resource_count(load_design(target)) == 60
    assert generate_main(["10"]) == 2
    assert "at least" in capsys.readouterr().err


def test_percentile_and_result_json() -> None:
    assert percentile([5.0, 1.0, 3.0], 95) == 5.0
    assert percentile(list(map(float, range(1, 101))), 95) == 95.0
    row = Result("load", 50, 1.23456, 2.0, "ms", samples=3).to_json({"cpu": "x"})
    assert set(row) >= {"name", "n", "median", "p95", "unit", "machine"}


def test_harness_runs_every_area_on_n50(tmp_path: Path, capsys, monkeypatch) -> None:
    import benchmarks.__main__ as bench_main
    from benchmarks import bench_gui, harness
    from benchmarks.__main__ import main

    # The code paths, not the statistics: one repeat, a few frames.
    monkeypatch.setattr(harness.Context, "repeats", lambda self, n: 1)
    monkeypatch.setattr(bench_gui, "DRAG_FRAMES", 4)
    monkeypatch.setattr(bench_gui, "PAN_FRAMES", 4)
    # No full collection before each timed step: inside the whole suite (cfn-lint, moto, Qt
    # loaded) each one takes ~100 ms, over half of this test's time, and times nothing here.
    monkeypatch.setattr(harness.gc, "collect", lambda generation=2: 0)
    # Generated designs and exports in this test's folder, not the shared benchmarks/out
    # (no stale generated design reused, no clash with a `make bench` running meanwhile).
    monkeypatch.setattr(harness, "OUT_DIR", tmp_path / "out")
    monkeypatch.setattr(bench_main, "OUT_DIR", tmp_path / "out")

    assert main(["--quick", "--sizes", "50", "--only", "core,memory,export,gui", "--results", str(tmp_path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_name = {row["name"]: row for row in lines}
    for row in lines:
        assert row["n"] == 50 and row["unit"] in ("ms", "MB")
        assert row["median"] is not None or row["note"].startswith("not available")
    for name in ("load", "layout", "save", "validate.full", "validate.incremental",
                 "validate.index_memory", "core.peak_memory"):
        assert by_name[name]["median"] is not None, by_name[name]
    from designer.exporters import available

    for fmt in available():
        assert by_name[f"export.{fmt}"]["median"] is not None, by_name[f"export.{fmt}"]
    try:
        import designer.gui.canvas  # noqa: F401
    except ImportError:
        pass
    else:
        for name in ("gui.first_paint", "gui.drag_frame", "gui.zoom_frame", "gui.pan_frame", "gui.edit_frame"):
            assert by_name[name]["median"] is not None, by_name[name]
    text = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "## Targets" in text and "## Core" in text and "N=50" in text
    assert json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))


def test_report_shows_ratios_and_target_marks() -> None:
    machine = {"cpu": "cpu", "cores": 2, "ram_gb": 4, "python": "3.11", "os": "Linux"}
    rows = [
        Result("validate.full", 2000, 150.0, 180.0, "ms", samples=5).to_json(machine),
        Result("peer.cfn-lint", 2000, 30000.0, 30000.0, "ms", samples=3).to_json(machine),
        Result("ours.validate.process", 2000, 900.0, 950.0, "ms", samples=3).to_json(machine),
        Result("ratio.validate/cfn-lint.process", 2000, 0.03, 0.03, "x", samples=1).to_json(machine),
        Result("gui.first_paint", 2000, 2000.0, 2100.0, "ms", samples=3).to_json(machine),
    ]
    text = render(rows, {}, "make bench")
    assert "33.3× faster" in text
    target_lines = [line for line in text.splitlines() if "`validate.full`" in line and "<" in line]
    assert target_lines and target_lines[0].endswith("✓ |")
    assert any("`gui.first_paint`" in line and line.endswith("✗ |") for line in text.splitlines())
    assert len(TARGETS) >= 15
