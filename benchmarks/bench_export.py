"""Export benchmarks: every registered text exporter, and the images drawn by gui.render."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from benchmarks.harness import (
    Context,
    NotAvailable,
    Result,
    design_path,
    guarded,
    summarize,
    time_ms,
)
from designer.model import Design

TEXT_FORMATS = ("cloudformation", "terraform", "diagrams", "drawio")
IMAGE_FORMATS = ("png", "svg", "pdf")


def run(ctx: Context) -> Iterator[Result]:
    """Time each export format at each size."""
    from designer.storage import load_design

    for n in ctx.sizes:
        design = load_design(design_path(n))
        reps = ctx.repeats(n)
        for fmt in _text_formats():
            name = f"export.{fmt}"
            yield guarded(name, n, "ms", _text, design, fmt, name, n, reps)
        for fmt in IMAGE_FORMATS:
            name = f"export.{fmt}"
            yield guarded(name, n, "ms", _image, design, fmt, name, n, reps, ctx.out_dir)


def _text_formats() -> list[str]:
    """The formats we expect, plus any other exporter registered since."""
    try:
        from designer.exporters import available
    except ImportError:
        return list(TEXT_FORMATS)
    return list(dict.fromkeys([*TEXT_FORMATS, *sorted(available())]))


def _text(design: Design, fmt: str, name: str, n: int, reps: int) -> Result:
    from designer.exporters import ExportError, available, export

    if fmt not in available():
        raise NotAvailable(f"no '{fmt}' exporter registered yet")
    sizes: list[int] = []

    def body() -> None:
        result = export(design, fmt)
        sizes[:] = [len(v) for v in result.files.values()]

    try:
        samples = time_ms(body, reps, warmup=1)
    except ExportError as exc:
        if fmt != "cloudformation":
            raise NotAvailable(f"exporter refused the design: {exc}") from None
        return _cloudformation_spread(n, reps, str(exc))
    return summarize(name, n, samples, "ms", output_kb=round(sum(sizes) / 1024))


def _cloudformation_spread(n: int, reps: int, refusal: str) -> Result:
    """CloudFormation on the peers' design of the same size, spread so every Region's
    template stays under AWS's 500-resource limit (the core design has bigger Regions,
    which the exporter rightly refuses)."""
    from benchmarks.bench_peers import peer_regions
    from designer.exporters import ExportError, export
    from designer.storage import load_design

    regions = peer_regions(n)
    design = load_design(design_path(n, regions=regions))
    sizes: list[int] = []

    def body() -> None:
        result = export(design, "cloudformation")
        sizes[:] = [len(v) for v in result.files.values()]

    try:
        samples = time_ms(body, reps, warmup=1)
    except ExportError as exc:
        raise NotAvailable(f"exporter refused the design, also spread over {regions} Regions: {exc}") from None
    return summarize("export.cloudformation", n, samples, "ms", output_kb=round(sum(sizes) / 1024),
                     templates=len(sizes), regions=regions,
                     note=f"measured on the design spread over {regions} Regions; the core design "
                          f"was refused ({refusal.split(';')[0]})")


def _image(design: Design, fmt: str, name: str, n: int, reps: int, out_dir: Path) -> Result:
    from benchmarks.bench_gui import ensure_qapp

    try:
        from designer.gui import render
    except ImportError as exc:
        raise NotAvailable(f"designer.gui.render: {exc}") from None
    if not hasattr(render, "render_to_file"):
        raise NotAvailable("designer.gui.render has no render_to_file yet")
    ensure_qapp()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"export-{n}.{fmt}"
    infos: list = []

    def body() -> None:
        infos[:] = [render.render_to_file(design, target, fmt)]

    samples = time_ms(body, max(1, reps // 2 + 1))
    extra: dict = {"output_kb": round(target.stat().st_size / 1024)}
    info = infos[0] if infos else None
    if fmt == "png" and info is not None and hasattr(info, "width"):
        extra.update(pixels=f"{info.width}x{info.height}", scale=info.scale)  # the pixel budget may lower it
    return summarize(name, n, samples, "ms", **extra)
