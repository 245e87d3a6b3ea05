"""One task in a fresh process, for peak memory and whole-process timings.

`python -m benchmarks.probe TASK FILE` prints one JSON line with `peak_rss_mb`:
- `core`: load, validate and save the design (what a headless user does);
- `validate`: load and validate, printing the finding count (our side of a peer run
  while the `validate` CLI command does not exist);
- `gui`: open the design in the offscreen GUI, paint it and drag 50 items.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the task named in argv on the design file named in argv."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in ("core", "validate", "gui"):
        print("usage: python -m benchmarks.probe core|validate|gui FILE", file=sys.stderr)
        return 2
    task, path = args[0], Path(args[1])
    from benchmarks.harness import peak_rss_mb
    from designer.storage import load_design, save_design

    out: dict[str, object] = {"task": task}
    if task in ("core", "validate"):
        from designer.rules import validate

        design = load_design(path)
        out["findings"] = len(validate(design))
        if task == "core":
            with tempfile.TemporaryDirectory() as folder:
                save_design(design, Path(folder) / path.name)
    else:
        from benchmarks.bench_gui import drag_frames, open_view

        opened = open_view(path)
        opened.paint()
        drag_frames(opened, 0, quick=True)
        out["view"] = opened.how
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
