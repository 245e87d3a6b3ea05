"""What every benchmark area shares: the machine, timing, results, generated designs.

A measurement is one `Result` (name, N, median, p95, unit); an area yields them and the
runner prints each as one JSON line. A piece of the product that does not exist yet is a
`Result` with `median=None` and a note ("not available: …"), never an exception.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
OUT_DIR = BENCH_DIR / "out"  # generated designs and exports (git-ignored)
PYTHON = sys.executable


@dataclass
class Result:
    """One measurement: median and p95 over repeats, or None with a note when unavailable."""

    name: str
    n: int
    median: float | None
    p95: float | None
    unit: str
    note: str = ""
    samples: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.median is not None

    def to_json(self, machine: dict[str, Any]) -> dict[str, Any]:
        """The JSON line printed for this measurement."""
        data: dict[str, Any] = {"name": self.name, "n": self.n, "median": _round(self.median),
                                "p95": _round(self.p95), "unit": self.unit, "machine": machine}
        if self.samples:
            data["samples"] = self.samples
        if self.note:
            data["note"] = self.note
        if self.extra:
            data["extra"] = self.extra
        return data


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return float(f"{value:.4g}")


def unavailable(name: str, n: int, unit: str, reason: str) -> Result:
    """A measurement whose subject does not exist (yet) or failed: reported, not raised."""
    return Result(name, n, None, None, unit, note=f"not available: {reason}")


class NotAvailable(Exception):
    """Raised inside a benchmark body when the piece it measures is missing."""


# --------------------------------------------------------------------------- machine
def machine_info() -> dict[str, Any]:
    """CPU model, cores, RAM, Python and OS: printed with every measurement."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        ram_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def load_average() -> float | None:
    """The 1-minute load average: above the core count, other work competed for the CPU."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def machine_line(machine: dict[str, Any]) -> str:
    """The machine as one readable line for results.md."""
    return (f"{machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM, "
            f"Python {machine['python']}, {machine['os']}")


def today() -> str:
    return _dt.date.today().isoformat()


# --------------------------------------------------------------------------- timing
def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by nearest rank: with few samples, p95 is the maximum."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


class Samples(list[float]):
    """Wall-time samples in ms, with this process's CPU time for each in `cpu`.

    On a shared machine wall time includes waiting for the CPU; CPU time shows the work
    itself, so results report both (CPU time counts every thread of this process).
    """

    def __init__(self) -> None:
        super().__init__()
        self.cpu: list[float] = []

    @contextmanager
    def lap(self) -> Iterator[None]:
        """Time the body of a `with` block and append its wall and CPU milliseconds."""
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.cpu.append((time.process_time() - cpu) * 1000)
        self.append((time.perf_counter() - wall) * 1000)


def summarize(name: str, n: int, samples: list[float], unit: str, note: str = "",
              **extra: Any) -> Result:
    """A Result from raw samples (already in `unit`); `Samples` add their median CPU time."""
    cpu = getattr(samples, "cpu", None)
    if cpu and len(cpu) == len(samples):
        extra = {"cpu_median": _round(median(cpu)), **extra}
    return Result(name, n, median(samples), percentile(samples, 95), unit, note, len(samples), extra)


BUDGET_S = 60.0  # past this, a measurement stops repeating once it has MIN_SAMPLES
MIN_SAMPLES = 3


def over_budget(started: float, samples: list[float], budget_s: float = BUDGET_S) -> bool:
    """True when a measurement has run long enough: the slow cases must not take hours."""
    return len(samples) >= MIN_SAMPLES and time.perf_counter() - started > budget_s


def time_ms(body: Callable[[], Any], repeat: int, setup: Callable[[], Any] | None = None,
            warmup: int = 0, budget_s: float = BUDGET_S) -> Samples:
    """Wall times in ms of `body()` over `repeat` runs; `setup()` runs untimed before each.

    A full collection before each run keeps one run's garbage out of the next one's time.
    The warm-up is skipped when one run already takes more than a second.
    """
    samples = Samples()
    began = time.perf_counter()
    i = 0
    while len(samples) < repeat and not over_budget(began, samples, budget_s):
        if setup is not None:
            setup()
        gc.collect()
        with samples.lap():
            body()
        if i < warmup and samples[-1] <= 1000:
            samples.pop()
            samples.cpu.pop()
        i += 1
    return samples


def repeats_for(n: int, quick: bool = False) -> int:
    """Fewer repeats for bigger designs: the harness must finish in minutes."""
    base = 15 if n <= 100 else 9 if n <= 1000 else 7 if n <= 2000 else 3
    return max(2, base // 3) if quick else base


def run_process(argv: list[str], timeout: float = 900, env: dict[str, str] | None = None,
                cwd: Path | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run a command to completion; returns (wall ms from start to exit, the process)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=cwd, stdin=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000, proc


def child_env(**overrides: str) -> dict[str, str]:
    """The environment for child processes: offscreen Qt, this repo importable."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(overrides)
    return env


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    Linux's VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across execve, so a
    child of a big benchmark process would report its parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


def probe_memory(task: str, n: int, design_path: Path, timeout: float = 900) -> float:
    """Peak RSS (MB) of a fresh process that runs `benchmarks.probe <task>` on a design."""
    _ms, proc = run_process([PYTHON, "-m", "benchmarks.probe", task, str(design_path)],
                            timeout=timeout, env=child_env(), cwd=ROOT)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise NotAvailable(f"probe {task} failed: {last}")
    return json.loads(proc.stdout.strip().splitlines()[-1])["peak_rss_mb"]


# --------------------------------------------------------------------------- designs
def design_path(n: int, seed: int = 0, regions: int | None = None) -> Path:
    """A generated design of n resources on disk (made once, reused by every area)."""
    from benchmarks.generate import generate
    from designer.storage import save_design

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    spread = f"-r{regions}" if regions is not None else ""
    path = OUT_DIR / f"generated-{n}-s{seed}{spread}.awsd.json"
    if not path.exists():
        save_design(generate(n, seed=seed, regions=regions), path)
    return path


@dataclass
class Context:
    """Options shared by the areas for one run."""

    sizes: list[int]
    quick: bool = False
    out_dir: Path = OUT_DIR
    peers_max_n: int = 2000  # cfn-lint and checkov take minutes on bigger designs

    def repeats(self, n: int) -> int:
        return repeats_for(n, self.quick)


Area = Callable[[Context], Iterator[Result]]


def guarded(name: str, n: int, unit: str, body: Callable[..., Result], *args: Any) -> Result:
    """Run `body(*args)`; a missing piece or a failure becomes a reported Result."""
    try:
        return body(*args)
    except NotAvailable as exc:
        return unavailable(name, n, unit, str(exc))
    except ImportError as exc:
        return unavailable(name, n, unit, f"cannot import {exc.name or exc}")
    except Exception as exc:  # noqa: BLE001 - a benchmark run reports failures and goes on
        return unavailable(name, n, unit, f"failed: {type(exc).__name__}: {exc}")


def result_row(result: Result, machine: dict[str, Any]) -> dict[str, Any]:
    """The JSON line of a result, with the date and the load average as it finished."""
    return result.to_json(machine) | {"date": today(), "load": load_average()}


def as_result(data: dict[str, Any]) -> Result:
    """A Result read back from results.json."""
    fields = {k: data.get(k) for k in ("name", "n", "median", "p95", "unit")}
    return Result(**fields, note=data.get("note", ""), samples=data.get("samples", 0),
                  extra=data.get("extra", {}))


__all__ = [
    "Area", "Context", "NotAvailable", "Result", "Samples", "asdict", "child_env", "design_path", "guarded",
    "machine_info", "peak_rss_mb", "probe_memory", "run_process", "summarize", "time_ms",
    "unavailable",
]
