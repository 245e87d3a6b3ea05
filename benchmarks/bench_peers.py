"""Side by side with what a user would run instead, on the same generated design.

- cfn-lint (in .venv) on our exported CloudFormation template,
- checkov (its own venv, benchmarks/.venv-checkov: it pins versions that clash with
  ours) on our exported Terraform,
- the `diagrams` package running our exported diagrams script (Graphviz) to a PNG,

each timed as a whole process (start to exit: what a user waits for), against our own
validator / PNG renderer as a whole process (the `aws-designer` CLI) and in-process.
Ratios are ours / theirs: below 1 means we are faster.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from benchmarks.harness import (
    BENCH_DIR,
    PYTHON,
    ROOT,
    Context,
    NotAvailable,
    Result,
    child_env,
    design_path,
    guarded,
    run_process,
    summarize,
    time_ms,
    unavailable,
)

CHECKOV_VENV = BENCH_DIR / ".venv-checkov"
CHECKOV_BIN = CHECKOV_VENV / "bin" / "checkov"
CFN_LINT = Path(PYTHON).parent / "cfn-lint"
# Peers that take minutes are run fewer times; the median of 3 is still a median.
PEER_REPEATS = 3
PEER_RESOURCES_PER_REGION = 250
EDGE_LABEL = re.compile(r"label=text\('(?:[^'\\]|\\.)*'\), ")


def ensure_checkov() -> str | None:
    """Create benchmarks/.venv-checkov with checkov if it is missing; None when ready,
    else the reason it cannot be had (recorded in results.md)."""
    if CHECKOV_BIN.exists():
        return None
    try:
        subprocess.run([PYTHON, "-m", "venv", str(CHECKOV_VENV)], check=True, capture_output=True,
                       text=True, timeout=300)
        pip = [str(CHECKOV_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True, capture_output=True, text=True, timeout=600)
        subprocess.run([*pip, "checkov"], check=True, capture_output=True, text=True, timeout=1800)
    except subprocess.CalledProcessError as exc:
        lines = (exc.stderr or exc.stdout or "").strip().splitlines()
        return f"pip install checkov failed: {lines[-1] if lines else exc}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"cannot create the checkov venv: {exc}"
    return None if CHECKOV_BIN.exists() else "checkov installed but bin/checkov is missing"


def peer_regions(n: int) -> int:
    """Regions for the peers' design: CloudFormation takes at most 500 resources per
    template (one template per Region) and our resources become ~1.6 template resources."""
    from benchmarks.generate import REGION_CODES, default_regions

    return min(len(REGION_CODES), max(default_regions(n), math.ceil(n / PEER_RESOURCES_PER_REGION)))


def run(ctx: Context) -> Iterator[Result]:
    """Peer measurements and ratios for each size up to ctx.peers_max_n."""
    checkov_problem = ensure_checkov()
    for n in [s for s in ctx.sizes if s <= ctx.peers_max_n]:
        yield from _run_size(ctx, n, checkov_problem)


def _run_size(ctx: Context, n: int, checkov_problem: str | None) -> Iterator[Result]:
    from designer.storage import load_design

    path = design_path(n, regions=peer_regions(n))
    design = load_design(path)
    work = ctx.out_dir / f"peers-{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    reps = ctx.repeats(n)
    peer_reps = 1 if ctx.quick else PEER_REPEATS

    ours_validate_proc = guarded("ours.validate.process", n, "ms", _ours_validate_process, path, n, peer_reps)
    ours_validate_in = guarded("ours.validate.inprocess", n, "ms", _ours_validate_in, design, n, reps)
    yield ours_validate_proc
    yield ours_validate_in

    cfn = guarded("peer.cfn-lint", n, "ms", _cfn_lint, design, work, n, peer_reps)
    yield cfn
    yield from _ratios("validate/cfn-lint", n, ours_validate_proc, ours_validate_in, cfn)

    if checkov_problem:
        checkov = unavailable("peer.checkov", n, "ms", checkov_problem)
    else:
        checkov = guarded("peer.checkov", n, "ms", _checkov, design, work, n, peer_reps)
    yield checkov
    yield from _ratios("validate/checkov", n, ours_validate_proc, ours_validate_in, checkov)

    ours_png_proc = guarded("ours.png.process", n, "ms", _ours_png_process, path, work, n, peer_reps)
    ours_png_in = guarded("ours.png.inprocess", n, "ms", _ours_png_in, design, work, n, reps)
    yield ours_png_proc
    yield ours_png_in
    diagrams = guarded("peer.diagrams", n, "ms", _diagrams, design, work, n, peer_reps)
    yield diagrams
    yield from _ratios("png/diagrams", n, ours_png_proc, ours_png_in, diagrams)


def _ratios(label: str, n: int, ours_proc: Result, ours_in: Result, theirs: Result) -> Iterator[Result]:
    """ours / theirs for the whole process and in-process (None when a side is missing)."""
    for how, ours in (("process", ours_proc), ("inprocess", ours_in)):
        name = f"ratio.{label}.{how}"
        if ours.available and theirs.available and theirs.median:
            value = ours.median / theirs.median
            yield Result(name, n, value, value, "x", samples=1,
                         extra={"ours_ms": round(ours.median, 2), "theirs_ms": round(theirs.median, 2),
                                "times_faster": round(1 / value, 1) if value else None})
        else:
            missing = ours.name if not ours.available else theirs.name
            yield unavailable(name, n, "x", f"{missing} missing")


# --------------------------------------------------------------------------- exports
def _export_files(design, fmt: str, folder: Path) -> list[Path]:
    """Write our export of `fmt` into `folder`; raises NotAvailable when there is none."""
    from designer.exporters import ExportError, available, export

    if fmt not in available():
        raise NotAvailable(f"no '{fmt}' exporter yet")
    try:
        result = export(design, fmt)
    except ExportError as exc:
        raise NotAvailable(f"our {fmt} export refused the design: {exc}") from None
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rel, content in result.files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        written.append(target)
    return written


def _processes(argv: list[str], reps: int, cwd: Path | None = None, env: dict[str, str] | None = None,
               ok_codes: tuple[int, ...] = (0,)) -> tuple[list[float], subprocess.CompletedProcess[str]]:
    samples = []
    proc = None
    for _ in range(reps):
        ms, proc = run_process(argv, env=env or child_env(), cwd=cwd)
        if proc.returncode not in ok_codes:
            tail = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-3:]
            raise NotAvailable(f"{Path(argv[0]).name} exited {proc.returncode}: {' | '.join(tail)[:300]}")
        samples.append(ms)
    assert proc is not None
    return samples, proc


# --------------------------------------------------------------------------- ours
def _ours_validate_process(path: Path, n: int, reps: int) -> Result:
    """Our validator as a user runs it: `aws-designer validate FILE` (exit 0 or 1 = findings)."""
    if (ROOT / "designer" / "commands" / "validate.py").exists():
        argv, how = [PYTHON, "-m", "designer", "validate", str(path)], "aws-designer validate"
    else:
        argv, how = [PYTHON, "-m", "benchmarks.probe", "validate", str(path)], "probe (no validate CLI yet)"
    samples, _ = _processes(argv, reps, cwd=ROOT, ok_codes=(0, 1))
    return summarize("ours.validate.process", n, samples, "ms", command=how)


def _ours_validate_in(design, n: int, reps: int) -> Result:
    from designer.rules import validate

    return summarize("ours.validate.inprocess", n, time_ms(lambda: validate(design), reps, warmup=1), "ms")


def _ours_png_process(path: Path, work: Path, n: int, reps: int) -> Result:
    target = work / "ours.png"
    argv = [PYTHON, "-m", "designer", "export", str(path), "--to", "png", "-o", str(target)]
    samples, _ = _processes(argv, reps, cwd=ROOT)
    if not target.exists():
        raise NotAvailable("aws-designer export --to png wrote no file")
    return summarize("ours.png.process", n, samples, "ms", output_kb=round(target.stat().st_size / 1024))


def _ours_png_in(design, work: Path, n: int, reps: int) -> Result:
    from benchmarks.bench_gui import ensure_qapp

    try:
        from designer.gui.render import render_to_file
    except ImportError as exc:
        raise NotAvailable(f"designer.gui.render: {exc}") from None
    ensure_qapp()
    target = work / "ours-inprocess.png"
    samples = time_ms(lambda: render_to_file(design, target, "png"), max(1, reps // 2 + 1))
    return summarize("ours.png.inprocess", n, samples, "ms")


# --------------------------------------------------------------------------- theirs
def _cfn_lint(design, work: Path, n: int, reps: int) -> Result:
    if not CFN_LINT.exists():
        raise NotAvailable(f"{CFN_LINT} not installed (pip install -e '.[test]')")
    files = _export_files(design, "cloudformation", work / "cloudformation")
    templates = [f for f in files if f.suffix in (".json", ".yaml", ".yml", ".template")]
    if not templates:
        raise NotAvailable("our CloudFormation export produced no template file")
    # cfn-lint exits 2/4/8 (bit flags) when it reports errors/warnings/info: a normal run.
    samples, proc = _processes([str(CFN_LINT), *map(str, templates)], reps, ok_codes=(0, 2, 4, 6, 8, 10, 12, 14))
    reported = sum(1 for line in proc.stdout.splitlines() if line[:1] in "EWI" and line[1:5].isdigit())
    return summarize("peer.cfn-lint", n, samples, "ms", exit_code=proc.returncode, reported=reported,
                     template_kb=round(sum(t.stat().st_size for t in templates) / 1024))


def _checkov(design, work: Path, n: int, reps: int) -> Result:
    folder = work / "terraform"
    files = _export_files(design, "terraform", folder)
    if not any(f.suffix == ".tf" for f in files):
        raise NotAvailable("our Terraform export produced no .tf file")
    # No network here: skip the Prisma Cloud download and the version check.
    env = child_env(CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false", BC_SKIP_MAPPING="TRUE",
                    CKV_NO_VERSION_CHECK="true")
    env.pop("PYTHONPATH", None)
    argv = [str(CHECKOV_BIN), "-d", str(folder), "--framework", "terraform", "--quiet", "--compact",
            "--skip-download", "-o", "json"]
    # checkov exits 1 when checks fail: a normal run.
    samples, proc = _processes(argv, reps, env=env, ok_codes=(0, 1))
    return summarize("peer.checkov", n, samples, "ms", exit_code=proc.returncode,
                     failed_checks=proc.stdout.count('"check_id"'))


def _diagrams(design, work: Path, n: int, reps: int) -> Result:
    if shutil.which("dot") is None:
        raise NotAvailable("Graphviz's dot is not installed (apt-get install graphviz)")
    folder = work / "diagrams"
    files = _export_files(design, "diagrams", folder)
    scripts = [f for f in files if f.suffix == ".py"]
    if not scripts:
        raise NotAvailable("our diagrams export produced no script")
    env = child_env()
    env.pop("PYTHONPATH", None)  # the script needs only the diagrams package
    before = set(os.listdir(folder))
    note = ""
    try:
        samples, _ = _processes([PYTHON, str(scripts[0])], reps, cwd=folder, env=env)
    except NotAvailable as exc:
        # Graphviz 2.43 aborts routing labelled edges between clusters ("triangulation
        # failed"); time the same script without edge labels so a ratio still exists.
        script = scripts[0].read_text(encoding="utf-8")
        stripped = EDGE_LABEL.sub("", script)
        if stripped == script:
            raise
        unlabeled = folder / "diagram_unlabeled.py"
        unlabeled.write_text(stripped, encoding="utf-8")
        samples, _ = _processes([PYTHON, str(unlabeled)], reps, cwd=folder, env=env)
        reason = "Graphviz could not route labelled edges between clusters" if "triangulation" in str(exc) \
            else str(exc)[:200]
        note = f"our exported script fails as is ({reason}); timed with its edge labels removed"
    made = [folder / f for f in set(os.listdir(folder)) - before]
    images = [f for f in made if f.suffix == ".png"]
    return summarize("peer.diagrams", n, samples, "ms", note=note,
                     output_kb=round(sum(f.stat().st_size for f in images) / 1024) if images else None)
