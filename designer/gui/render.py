"""Images of a design (PNG, SVG, PDF) drawn by the very scene the canvas shows.

`render_image` and `render_to_file` work with no window: they create a QApplication
(offscreen when there is no display) when none exists. The SVG is self-contained (each
icon embedded once as a data URI, text kept as text); the PDF is vector with its fonts
embedded.

A PNG never exceeds `PIXEL_BUDGET`: when the asked scale would, the scale is lowered to
fit and the result says so (`ImageInfo.lowered`), instead of failing or taking minutes.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from designer.gui.export_scene import ExportJob, RenderError, ensure_app, page_layout, paint_page
from designer.model import Design
from designer.rules import Finding

__all__ = ["FORMATS", "PIXEL_BUDGET", "ImageInfo", "RenderCancelled", "RenderError", "ensure_app",
           "fit_scale", "render_image", "render_to_file"]

FORMATS = ("png", "svg", "pdf")
# 40 megapixels: an A0 poster at 150 dpi or five 4K screens; 160 MB while drawing; under the
# 256 MB that Qt's image reader (and so any Qt app) opens by default; about 1 s to write here.
PIXEL_BUDGET = 40_000_000

Progress = Callable[[float], bool]  # fraction done -> False to cancel


class RenderCancelled(RenderError):
    """The export was cancelled through its progress callback; nothing was written."""


@dataclass(frozen=True)
class ImageInfo:
    """What an export made: its size (pixels for PNG, points for SVG and PDF) and scale."""

    fmt: str
    width: int
    height: int
    scale: float
    requested_scale: float

    @property
    def lowered(self) -> bool:
        """True when the scale was lowered to keep the PNG within the pixel budget."""
        return self.scale < self.requested_scale

    def note(self) -> str | None:
        """One line for the user when the scale was lowered, else None."""
        if not self.lowered:
            return None
        return (f"scale lowered from {self.requested_scale:g} to {self.scale:g} to keep the image within "
                f"{PIXEL_BUDGET / 1e6:g} megapixels ({self.width}×{self.height} pixels)")


def fit_scale(width: float, height: float, scale: float, budget: int | None = None) -> float:
    """`scale`, or the largest round scale below it at which a `width`×`height` page stays
    within `budget` pixels (`PIXEL_BUDGET` by default; two significant digits, so it reads
    well: 0.61, 1.2)."""
    budget = PIXEL_BUDGET if budget is None else budget
    if _pixels(width, height, scale) <= budget:
        return scale
    fit = math.sqrt(budget / (max(width, 1.0) * max(height, 1.0)))  # width·height·fit² = budget
    step = 10.0 ** (math.floor(math.log10(fit)) - 1)
    nice = math.floor(fit / step) * step
    while nice > step and _pixels(width, height, nice) > budget:  # rounding of the sides
        nice -= step
    return float(f"{nice:.2g}")


def _pixels(width: float, height: float, scale: float) -> int:
    size = _pixel_size(QSizeF(width, height), scale)
    return size.width() * size.height()


def _pixel_size(size: QSizeF, scale: float) -> QSize:
    return QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))


def render_image(design: Design, scale: float = 2.0, transparent: bool = False, margin: float = 40,
                 title: str | None = None, legend: bool = False, selection=None, lang: str | None = None,
                 problems: bool = True, keep_finding=None, findings: list[Finding] | None = None) -> QImage:
    """The design (or the selected nodes with their content) as an image at `scale`, or at
    the lower scale that keeps it within `PIXEL_BUDGET` pixels.

    `problems` draws the validator's badges and outlines, as the window does;
    `keep_finding(finding) -> bool`, when given, draws only the findings it keeps;
    `findings`, when given, are the design's current findings (not checked again).
    """
    image, _info = _render_png(design, scale, transparent, margin, title, legend, selection, lang,
                               problems, keep_finding, findings, None)
    return image


def render_to_file(design: Design, path, fmt: str, scale: float = 2.0, transparent: bool = False,
                   margin: float = 40, title: str | None = None, legend: bool = False, selection=None,
                   lang: str | None = None, problems: bool = True, findings: list[Finding] | None = None,
                   progress: Progress | None = None) -> ImageInfo:
    """Write the design as PNG, SVG or PDF to `path` (atomically: a failure or a cancel keeps
    any old file) and say what was written.

    `progress(fraction)` is called as the export goes; returning False cancels it
    (`RenderCancelled`). `scale` applies to PNG only, lowered to fit `PIXEL_BUDGET`.
    """
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise RenderError(f'unknown image format "{fmt}" (use png, svg or pdf)')
    if not (scale > 0):
        raise RenderError(f"scale must be positive (got {scale})")
    target = Path(path)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise RenderError(f"folder does not exist: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{fmt}", dir=folder)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an image is an ordinary file
    step = _Steps(progress)
    try:
        if fmt == "png":
            info = _write_png(design, tmp, scale, transparent, margin, title, legend, selection, lang,
                              problems, findings, step)
        else:
            info = _write_vector(design, tmp, fmt, scale, transparent, margin, title, legend, selection,
                                 lang, problems, findings, step)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return info


class _Steps:
    """Reports progress through the caller's callback and stops the export when it says so."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def __call__(self, fraction: float) -> bool:
        if self.progress is not None and not self.progress(min(1.0, max(0.0, fraction))):
            raise RenderCancelled("export cancelled")
        return True

    def within(self, start: float, end: float) -> Progress:
        """A callback for one stage that reports its own 0..1 as start..end of the whole."""
        return lambda fraction: self(start + (end - start) * fraction)


def _render_png(design: Design, scale: float, transparent: bool, margin: float, title: str | None,
                legend: bool, selection, lang: str | None, problems: bool, keep_finding,
                findings: list[Finding] | None, step: _Steps | None) -> tuple[QImage, ImageInfo]:
    if not (scale > 0):
        raise RenderError(f"scale must be positive (got {scale})")
    job = ExportJob(design, selection, lang, transparent, problems, keep_finding, findings)
    try:
        if step is not None:
            step(0.15)
        size, origin, title_h, legend_h = page_layout(job, float(margin), title, legend)
        used = fit_scale(size.width(), size.height(), scale)
        pixels = _pixel_size(size, used)
        # Opaque images skip the alpha channel: faster to draw, smaller to write.
        image_format = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32
        image = QImage(pixels, image_format)
        if image.isNull():
            raise RenderError(f"not enough memory for a {pixels.width()}×{pixels.height()} image")
        image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
        dots = round(96 * used / 0.0254)  # so the PNG shows at its natural size in documents
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
        painter = QPainter(image)
        painter.scale(used, used)
        paint_page(painter, job, size, origin, title, title_h, legend_h, float(margin), transparent)
        painter.end()
    finally:
        job.close()
    return image, ImageInfo("png", pixels.width(), pixels.height(), used, scale)


def _write_png(design: Design, path: str, scale: float, transparent: bool, margin: float, title: str | None,
               legend: bool, selection, lang: str | None, problems: bool, findings: list[Finding] | None,
               step: _Steps) -> ImageInfo:
    from designer.gui.png_writer import write_png

    image, info = _render_png(design, scale, transparent, margin, title, legend, selection, lang, problems,
                              None, findings, step)
    step(0.5)
    with open(path, "wb") as out:
        write_png(image, out, progress=step.within(0.5, 1.0))  # a cancel raises RenderCancelled here
        out.flush()
        os.fsync(out.fileno())
    return info


def _write_vector(design: Design, path: str, fmt: str, scale: float, transparent: bool, margin: float,
                  title: str | None, legend: bool, selection, lang: str | None, problems: bool,
                  findings: list[Finding] | None, step: _Steps) -> ImageInfo:
    job = ExportJob(design, selection, lang, transparent, problems, None, findings)
    try:
        step(0.3)
        size, origin, title_h, legend_h = page_layout(job, float(margin), title, legend)
        name = title or job.design.title
        if fmt == "svg":
            data = _svg_bytes(job, size, origin, name, title, title_h, legend_h, float(margin), transparent)
            step(0.9)
            with open(path, "wb") as out:
                out.write(data)
        else:
            _write_pdf(job, path, size, origin, name, title, title_h, legend_h, float(margin))
    finally:
        job.close()
    step(1.0)
    return ImageInfo(fmt, round(size.width()), round(size.height()), scale, scale)


def _svg_bytes(job: ExportJob, size: QSizeF, origin: QPointF, name: str, title: str | None, title_h: float,
               legend_h: float, margin: float, transparent: bool) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    from designer.gui.svg_icons import IconSheet, collecting

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(size.width()), round(size.height())))
    generator.setViewBox(QRectF(QPointF(0, 0), size))
    generator.setTitle(name)
    generator.setDescription("AWS Architecture Designer")
    sheet = IconSheet()
    with collecting(sheet):
        painter = QPainter(generator)
        paint_page(painter, job, size, origin, title, title_h, legend_h, margin, transparent)
        painter.end()
    buffer.close()
    text = _EMPTY_GROUP.sub("", sheet.apply(bytes(data).decode("utf-8")))
    return text.encode("utf-8")


# The generator opens a group for every state change, drawn into or not: a quarter of the file.
_EMPTY_GROUP = re.compile(r"<g [^>]*>\s*</g>\s*")


def _write_pdf(job: ExportJob, path: str, size: QSizeF, origin: QPointF, name: str, title: str | None,
               title_h: float, legend_h: float, margin: float) -> None:
    writer = QPdfWriter(path)
    writer.setResolution(72)  # one scene unit = one point
    writer.setPageLayout(QPageLayout(QPageSize(size, QPageSize.Unit.Point, name),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(name)
    writer.setCreator("AWS Architecture Designer")
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write PDF to {path}")
    paint_page(painter, job, size, origin, title, title_h, legend_h, margin, False)
    painter.end()
