"""results.json (the latest measurement per name and N) and results.md (tables, targets, ratios).

A run merges its measurements into results.json, so `--only gui` after the GUI lands
updates the GUI rows and keeps the rest; results.md is rebuilt from the merged set and
ends with the hand-written analysis in `benchmarks/findings.md`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import BENCH_DIR, machine_line


@dataclass(frozen=True)
class Target:
    """A speed or memory target from an issue: `name` at `n` must stay below `limit`."""

    name: str
    n: int
    limit: float
    unit: str
    source: str
    statistic: str = "median"

    def check(self, row: dict[str, Any] | None) -> tuple[str, str]:
        """(measured text, ✓/✗/–) for the row measured for this target."""
        if row is None or row.get("median") is None:
            return ("not measured" if row is None else "not available", "–")
        value = row[self.statistic]
        return (f"{_fmt(value)} {self.unit}", "✓" if value < self.limit else "✗")


TARGETS: tuple[Target, ...] = (
    Target("validate.full", 2000, 200, "ms", "issue 3: full validation of 2,000 resources (4 Regions)"),
    Target("validate.incremental", 2000, 10, "ms", "issues 3 & 8: re-check after one edit, median"),
    Target("validate.incremental", 10000, 10, "ms", "issue 8: re-check after one edit, median"),
    Target("validate.index_memory", 2000, 100, "MB", "issue 3: the checker's indexes"),
    Target("ratio.validate/cfn-lint.process", 2000, 0.05, "× (ours/theirs)",
           "issue 8: full validation ≥ 20× faster than cfn-lint, whole processes"),
    Target("export.cloudformation", 2000, 1000, "ms", "issue 5: each text export < 1 s"),
    Target("export.terraform", 2000, 1000, "ms", "issue 5: each text export < 1 s"),
    Target("export.diagrams", 2000, 1000, "ms", "issue 5: each text export < 1 s"),
    Target("export.drawio", 2000, 1000, "ms", "issue 5: each text export < 1 s"),
    Target("export.png", 2000, 3000, "ms", "issue 5: PNG export < 3 s"),
    Target("gui.first_paint", 2000, 1500, "ms", "issue 4: open and show 2,000 resources"),
    Target("gui.drag_frame", 2000, 16, "ms", "issue 4: median frame while dragging"),
    Target("gui.peak_memory", 2000, 400, "MB", "issue 4: memory with 2,000 resources open"),
    Target("gui.first_paint", 10000, 3000, "ms", "issue 8: open 10,000 resources"),
    Target("gui.pan_frame", 10000, 16, "ms", "issue 8: median frame while panning"),
    Target("gui.zoom_frame", 10000, 16, "ms", "issue 8: median frame while zooming out"),
    Target("gui.peak_memory", 10000, 1024, "MB", "issue 8: memory with 10,000 resources open"),
)

AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Core", "Load, layout, save and validation, in-process.",
     ("load", "layout", "save", "validate.", "core.")),
    ("Export", "Each exporter in-process; images through designer.gui.render.", ("export.",)),
    ("GUI (offscreen)", "Document + scene + view in a 1600×1000 viewport. First paint = open "
     "+ one full paint of the viewport; open to findings = that + the deferred full check until "
     "its badges are painted; one frame = one event handled (mouse move, zoom step, scroll, "
     "edit) + the event loop's turn after it, which runs the deferred work and the repaint Qt "
     "scheduled, as in the app.", ("gui.",)),
)

PEER_ROWS = (
    ("Validation vs cfn-lint (on our CloudFormation export)", "validate", "peer.cfn-lint",
     "validate/cfn-lint"),
    ("Validation vs checkov (on our Terraform export)", "validate", "peer.checkov", "validate/checkov"),
    ("PNG vs the diagrams package (running our diagrams export with Graphviz)", "png", "peer.diagrams",
     "png/diagrams"),
)


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def merge(path: Path, new_rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge rows into results.json (keyed by name and N) and return the merged list."""
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    if path.exists():
        try:
            for row in json.loads(path.read_text(encoding="utf-8")):
                rows[(row["name"], row["n"])] = row
        except (ValueError, KeyError, TypeError):
            rows = {}  # a damaged results.json is rebuilt from this run
    for row in new_rows:
        rows[(row["name"], row["n"])] = row
    merged = sorted(rows.values(), key=lambda r: (r["name"], r["n"]))
    path.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return merged


def render(rows: list[dict[str, Any]], designs: dict[int, dict[str, Any]], command: str) -> str:
    """results.md as text."""
    by_key = {(r["name"], r["n"]): r for r in rows}
    machines = {machine_line(r["machine"]) for r in rows if r.get("machine")}
    dates = sorted({r.get("date", "") for r in rows if r.get("date")})
    out = ["# Benchmark results", ""]
    when = (dates[0] + (f" to {dates[-1]}" if len(dates) > 1 else "")) if dates else "(no date)"
    out.append(f"Measured {when}"
               + f" on {' / '.join(sorted(machines)) or 'an unknown machine'}, with `{command}`.")
    out.append("Each value is `median / p95` over the repeats; times in ms, memory in MB. "
               "`–` means not available (see the notes at the end).")
    loads = [r["load"] for r in rows if r.get("load") is not None]
    if loads:
        cores = max((r["machine"].get("cores") or 0 for r in rows if r.get("machine")), default=0)
        busy = (" (above the core count: other processes competed for the CPU and those rows' "
                "times are inflated)") if cores and max(loads) > cores else " (the benchmark itself)"
        out.append(f"1-minute load average while measuring: {min(loads):.1f} to {max(loads):.1f}{busy}.")
    out.append("")
    if designs:
        out += ["Generated designs (`python -m benchmarks.generate N`, seed 0):", "",
                "| N resources | nodes | edges | Regions | VPCs | planted violations |",
                "| ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n in sorted(designs):
            d = designs[n]
            out.append(f"| {n:,} | {d['nodes']:,} | {d['edges']:,} | {d['regions']} | {d['vpcs']} | "
                       f"{d['violations']} |")
        out.append("")
    out += ["## Targets", "",
            "Measured = the median wall time (what a user waits for); CPU = this process's CPU "
            "time for the same work (close to wall on a quiet machine; far below it means the "
            "machine was busy); load = the 1-minute load average when the row was measured.", "",
            "| target | N | limit | measured | CPU | load | |",
            "| --- | ---: | ---: | ---: | ---: | ---: | :---: |"]
    for t in TARGETS:
        row = by_key.get((t.name, t.n))
        measured, mark = t.check(row)
        cpu = (row or {}).get("extra", {}).get("cpu_median")
        cpu_text = f"{_fmt(cpu)} ms" if cpu is not None and t.unit == "ms" else "–"
        load = (row or {}).get("load")
        load_text = f"{load:.1f}" if load is not None else "–"
        out.append(f"| {t.source} (`{t.name}`) | {t.n:,} | < {_fmt(t.limit)} {t.unit} | {measured} | "
                   f"{cpu_text} | {load_text} | {mark} |")
    out.append("")
    for title, blurb, prefixes in AREAS:
        out += _area_table(rows, title, blurb, prefixes)
    out += _peer_tables(by_key, rows)
    out += _notes(rows)
    findings = BENCH_DIR / "findings.md"
    if findings.exists():
        out += ["", findings.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def _area_table(rows: list[dict[str, Any]], title: str, blurb: str, prefixes: tuple[str, ...]) -> list[str]:
    mine = [r for r in rows if r["name"].startswith(prefixes)]
    if not mine:
        return []
    sizes = sorted({r["n"] for r in mine})
    names = list(dict.fromkeys(r["name"] for r in sorted(mine, key=lambda r: _order(r["name"], prefixes))))
    by_key = {(r["name"], r["n"]): r for r in mine}
    out = [f"## {title}", "", blurb, "",
           "| measurement | unit | " + " | ".join(f"N={n:,}" for n in sizes) + " |",
           "| --- | --- | " + " | ".join("---:" for _ in sizes) + " |"]
    for name in names:
        unit = next(r["unit"] for r in mine if r["name"] == name)
        cells = []
        for n in sizes:
            row = by_key.get((name, n))
            if row is None or row.get("median") is None:
                cells.append("–")
            elif row.get("samples", 0) <= 1 or row["median"] == row["p95"]:
                cells.append(_fmt(row["median"]))
            else:
                cells.append(f"{_fmt(row['median'])} / {_fmt(row['p95'])}")
        out.append(f"| `{name}` | {unit} | " + " | ".join(cells) + " |")
    extras = [r for r in mine if r["name"] == "validate.incremental" and r.get("extra")]
    for row in extras:
        by_edit = row["extra"].get("median_by_edit")
        if by_edit:
            parts = ", ".join(f"{k} {_fmt(v)}" for k, v in by_edit.items())
            out.append("")
            out.append(f"Incremental re-check at N={row['n']:,}, median ms by edit: {parts}; "
                       f"{_fmt(row['extra'].get('evaluations_per_edit'))} rule evaluations per edit.")
    out.append("")
    return out


def _order(name: str, prefixes: tuple[str, ...]) -> tuple[int, str]:
    fixed = ["load", "layout", "save", "validate.full", "validate.incremental", "validate.index_memory",
             "core.peak_memory", "gui.first_paint", "gui.open_to_findings", "gui.drag_frame", "gui.zoom_frame",
             "gui.pan_frame", "gui.edit_frame", "gui.peak_memory"]
    return (fixed.index(name) if name in fixed else len(fixed), name)


def _peer_tables(by_key: dict[tuple[str, int], dict[str, Any]], rows: list[dict[str, Any]]) -> list[str]:
    sizes = sorted({r["n"] for r in rows if r["name"].startswith(("peer.", "ratio."))})
    if not sizes:
        return []
    out = ["## Against the tools a user would run instead", "",
           "Whole process = command start to exit, what a user waits for (ours: the `aws-designer` "
           "CLI; theirs: the tool's command). In-process = our function alone, in a warm process. "
           "Ratio = ours / theirs: below 1 we are faster (×N faster in brackets). The peers do "
           "different work than ours (cfn-lint checks the template against the resource "
           "specification, checkov runs its security policies, Graphviz lays the graph out), so "
           "these are the waits a user compares, not like-for-like algorithms. Both sides run on "
           "one generated design per N, spread over more Regions than the core designs (at most "
           "250 resources per Region) so that each Region's CloudFormation template stays under "
           "AWS's 500-resource limit.", ""]
    for title, ours, theirs, label in PEER_ROWS:
        out += [f"### {title}", "",
                "| N | ours, process | ours, in-process | theirs, process | ratio, process | ratio, in-process |",
                "| ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n in sizes:
            cells = [_ms(by_key.get((f"ours.{ours}.process", n))), _ms(by_key.get((f"ours.{ours}.inprocess", n))),
                     _ms(by_key.get((theirs, n)))]
            for how in ("process", "inprocess"):
                cells.append(_ratio(by_key.get((f"ratio.{label}.{how}", n))))
            out.append(f"| {n:,} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def _ms(row: dict[str, Any] | None) -> str:
    if row is None or row.get("median") is None:
        return "–"
    return f"{_fmt(row['median'])} ms"


def _ratio(row: dict[str, Any] | None) -> str:
    if row is None or row.get("median") is None:
        return "–"
    value = row["median"]
    return f"{value:.3f} ({1 / value:,.1f}× faster)" if value < 1 else f"{value:.2f} ({value:.1f}× slower)"


def _notes(rows: list[dict[str, Any]]) -> list[str]:
    notes = sorted({(r["name"], r["note"]) for r in rows if r.get("note")})
    if not notes:
        return []
    out = ["## Notes from the run", ""]
    seen: set[tuple[str, str]] = set()
    for name, note in notes:
        if (name, note) in seen:
            continue
        seen.add((name, note))
        sizes = sorted(r["n"] for r in rows if r["name"] == name and r.get("note") == note)
        out.append(f"- `{name}` (N={', '.join(f'{n:,}' for n in sizes)}): {note}")
    out.append("")
    return out
