"""Core benchmarks: load, layout, save, full validation, incremental re-check, memory."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.harness import (
    Context,
    NotAvailable,
    Result,
    design_path,
    guarded,
    median,
    probe_memory,
    summarize,
    time_ms,
)
from designer.model import Design, Edge


def run(ctx: Context) -> Iterator[Result]:
    """Every core measurement for every size."""
    from designer.storage import load_design

    for n in ctx.sizes:
        path = design_path(n)
        design = load_design(path)
        reps = ctx.repeats(n)
        yield guarded("load", n, "ms", _load, path, n, reps)
        yield guarded("layout", n, "ms", _layout, design, n, reps)
        yield guarded("save", n, "ms", _save, design, n, reps, ctx.out_dir)
        yield guarded("validate.full", n, "ms", _full, design, n, reps)
        yield guarded("validate.incremental", n, "ms", _incremental, path, n, ctx.quick)
        yield guarded("validate.index_memory", n, "MB", _index_memory, design, n)


def run_memory(ctx: Context) -> Iterator[Result]:
    """Peak memory of fresh processes: headless (load, validate, save) and the GUI."""
    from benchmarks.bench_gui import peak as gui_peak

    for n in ctx.sizes:
        path = design_path(n)
        yield guarded("core.peak_memory", n, "MB", _peak, path, n)
        yield guarded("gui.peak_memory", n, "MB", gui_peak, path, n)


def _load(path: Path, n: int, reps: int) -> Result:
    from designer.storage import load_design

    return summarize("load", n, time_ms(lambda: load_design(path), reps), "ms")


def _layout(design: Design, n: int, reps: int) -> Result:
    from designer.layout import compute_layout

    # What opening a file without geometry (hand-written, generated, imported) costs.
    return summarize("layout", n, time_ms(lambda: compute_layout(design), reps), "ms")


def _save(design: Design, n: int, reps: int, out_dir: Path) -> Result:
    from designer.storage import save_design

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"save-{n}.awsd.json"
    samples = time_ms(lambda: save_design(design, target), reps)
    return summarize("save", n, samples, "ms", size_kb=round(target.stat().st_size / 1024))


def _validator_class():
    try:
        from designer.rules import Validator, validate
    except ImportError as exc:
        raise NotAvailable(f"designer.rules: {exc}") from None
    return Validator, validate


def _full(design: Design, n: int, reps: int) -> Result:
    _, validate = _validator_class()
    findings: list = []

    def body() -> None:
        findings[:] = validate(design)

    samples = time_ms(body, reps, warmup=1)
    from designer.rules import RULES  # filled by the first validation

    rules = len(RULES)
    return summarize("validate.full", n, samples, "ms", rules=rules, findings=len(findings),
                     **({"note_rules": "no rules registered yet"} if rules == 0 else {}))


def incremental_edits(design: Design) -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """Single user edits as (kind, do, undo) pairs, spread over the design.

    A prop change on an instance, a nudge of an instance, a subnet's CIDR change (it
    touches overlap, routing and quota rules), a security-group rule change, and adding
    then removing a traffic edge: what a user does between two frames.
    """
    from designer.edits import AddEdge, SetGeometry, SetProp

    instances = design.nodes_of_kind("ec2")
    subnets = [s for s in design.nodes_of_kind("subnet") if s.props.get("public") is False]
    groups = design.nodes_of_kind("security_group")
    if not (instances and subnets and groups):
        raise NotAvailable("the design has no instances, private subnets or security groups")
    picks = [instances[len(instances) * k // 5] for k in range(5)]
    out: list[tuple[str, Callable[[], object], Callable[[], object]]] = []
    for k, inst in enumerate(picks):
        old_type = inst.props.get("instance_type", "t3.micro")
        edit = SetProp(inst.id, "instance_type", "m7i.xlarge" if old_type != "m7i.xlarge" else "t3.micro")
        out.append(("prop", lambda e=edit: e.apply(design), lambda e=edit: e.revert(design)))
        move = SetGeometry(inst.id, (inst.x + 8, inst.y + 4, inst.w, inst.h))
        out.append(("move", lambda e=move: e.apply(design), lambda e=move: e.revert(design)))
        subnet = subnets[len(subnets) * k // 5]
        cidr = SetProp(subnet.id, "cidr", f"10.250.{k}.0/24")
        out.append(("cidr", lambda e=cidr: e.apply(design), lambda e=cidr: e.revert(design)))
        group = groups[len(groups) * k // 5]
        rules = list(group.props.get("inbound", [])) + [{"protocol": "tcp", "port": 9000 + k,
                                                          "source": "10.0.0.0/8"}]
        sg = SetProp(group.id, "inbound", rules)
        out.append(("sg_rule", lambda e=sg: e.apply(design), lambda e=sg: e.revert(design)))
        other = instances[(len(instances) * k // 5 + 1) % len(instances)]
        add = AddEdge(Edge(id=f"bench-edge-{k}", kind="traffic", source=inst.id, target=other.id,
                           props={"protocol": "tcp", "port": 8080}))
        out.append(("edge", lambda e=add: e.apply(design), lambda e=add: e.revert(design)))
    return out


def _incremental(path: Path, n: int, quick: bool) -> Result:
    """`validate.incremental`: one edit then `refresh()`, timed together, over a mix of edits
    (each edit is done and undone, both timed)."""
    from designer.storage import load_design

    Validator, _ = _validator_class()
    design = load_design(path)
    validator = Validator(design)
    edits = incremental_edits(design)
    by_kind: dict[str, list[float]] = {}
    evaluations: list[int] = []
    for _ in range(2 if quick else 4):
        for kind, do, undo in edits:
            for step in (do, undo):
                gc.collect()
                start = time.perf_counter()
                step()
                evaluations.append(validator.refresh())
                by_kind.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
    validator.close()
    everything = [s for values in by_kind.values() for s in values]
    breakdown = {k: round(median(v), 3) for k, v in by_kind.items()}
    return summarize("validate.incremental", n, everything, "ms", median_by_edit=breakdown,
                     evaluations_per_edit=median(evaluations))


def _index_memory(design: Design, n: int) -> Result:
    """Memory the validator keeps (indexes, dependency sets, cached facts, findings)."""
    Validator, _ = _validator_class()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        validator = Validator(design, live=False)
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del validator
    return Result("validate.index_memory", n, (after - before) / 2**20, (after - before) / 2**20, "MB",
                  samples=1)


def _peak(path: Path, n: int) -> Result:
    mb = probe_memory("core", n, path)
    return Result("core.peak_memory", n, mb, mb, "MB", samples=1,
                  note="peak RSS of a process that loads, validates and saves")
