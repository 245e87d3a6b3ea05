"""`make bench` = `python -m benchmarks`: run every area, print one JSON line per
measurement, merge into benchmarks/results.json and rewrite benchmarks/results.md.

Options: `--quick` (N=100 only, fewer repeats), `--only AREA[,AREA]` (core, memory,
export, gui, peers) or a measurement-name prefix (`--only validate` runs the core area and keeps the
validate.* rows), `--sizes 100,2000`, `--results DIR` (where results.json/.md go).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from benchmarks import bench_core, bench_export, bench_gui, bench_peers  # noqa: E402
from benchmarks.harness import (  # noqa: E402
    BENCH_DIR,
    OUT_DIR,
    Area,
    Context,
    design_path,
    machine_info,
    result_row,
)
from benchmarks.report import merge, render  # noqa: E402

DEFAULT_SIZES = (100, 1000, 2000, 10000)
AREAS: dict[str, tuple[Area, tuple[str, ...]]] = {
    "core": (bench_core.run, ("load", "layout", "save", "validate.")),
    "memory": (bench_core.run_memory, ("core.peak_memory", "gui.peak_memory")),
    "export": (bench_export.run, ("export.",)),
    "gui": (bench_gui.run, ("gui.",)),
    "peers": (bench_peers.run, ("peer.", "ours.", "ratio.")),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N=100 only, fewer repeats")
    parser.add_argument("--only", default="", metavar="NAME[,NAME]",
                        help="areas (core, memory, export, gui, peers) or measurement-name prefixes")
    parser.add_argument("--sizes", default="", metavar="N[,N]", help="design sizes (default 100,1000,2000,10000)")
    parser.add_argument("--results", default=str(BENCH_DIR), metavar="DIR",
                        help="folder for results.json and results.md (default benchmarks/)")
    parser.add_argument("--peers-max-n", type=int, default=2000, metavar="N",
                        help="largest size the peers run on (default 2000)")
    args = parser.parse_args(argv)
    try:
        args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()] if args.sizes else (
            [100] if args.quick else list(DEFAULT_SIZES))
    except ValueError:
        parser.error(f"--sizes takes comma-separated integers, got '{args.sizes}'")
    if any(n < 50 for n in args.size_list):
        parser.error("sizes must be at least 50 resources")
    return args


def select(only: str) -> list[tuple[str, Area, tuple[str, ...]]]:
    """The areas to run and, for each, the name prefixes whose rows are kept."""
    if not only:
        return [(name, run, prefixes) for name, (run, prefixes) in AREAS.items()]
    chosen: list[tuple[str, Area, tuple[str, ...]]] = []
    for word in (w.strip() for w in only.split(",") if w.strip()):
        if word in AREAS:
            run, prefixes = AREAS[word]
            chosen.append((word, run, prefixes))
            continue
        matches = [(name, run) for name, (run, prefixes) in AREAS.items()
                   if any(p.startswith(word) or word.startswith(p) for p in prefixes)]
        if not matches:
            raise SystemExit(f"--only: '{word}' is neither an area ({', '.join(AREAS)}) nor a measurement prefix")
        chosen += [(name, run, (word,)) for name, run in matches]
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write the results."""
    args = parse_args(argv)
    machine = machine_info()
    ctx = Context(sizes=args.size_list, quick=args.quick, out_dir=OUT_DIR, peers_max_n=args.peers_max_n)
    folder = Path(args.results)
    count = 0
    for _name, run, prefixes in select(args.only):
        area_rows = []
        for result in run(ctx):
            if not result.name.startswith(prefixes):
                continue
            row = result_row(result, machine)
            area_rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        # Written after each area, so an interrupted run keeps what it measured.
        write_results(folder, area_rows)
        count += len(area_rows)
    print(f"wrote {folder / 'results.md'} ({count} measurements this run)", file=sys.stderr)
    return 0


def write_results(folder: Path, new_rows: list[dict]) -> None:
    """Merge rows into folder/results.json and rewrite folder/results.md."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = merge(folder / "results.json", new_rows)
    designs = {n: _design_summary(n) for n in sorted({r["n"] for r in rows})}
    (folder / "results.md").write_text(render(rows, designs, "make bench"), encoding="utf-8")


def _design_summary(n: int) -> dict[str, int]:
    data = json.loads(design_path(n).read_text(encoding="utf-8"))
    gen = data.get("generator", {})
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"]), "regions": gen.get("regions", 0),
            "vpcs": gen.get("vpcs", 0), "violations": len(gen.get("violations", []))}


if __name__ == "__main__":
    raise SystemExit(main())
