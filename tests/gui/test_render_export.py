"""Image export at any size: the pixel budget, the PNG writer, icons embedded once in SVG,
findings not checked twice, progress and cancel."""

from __future__ import annotations

import contextlib
import io
import re
import struct
import zlib

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from designer.gui import render, svg_icons  # noqa: E402
from designer.gui.png_writer import write_png  # noqa: E402
from designer.gui.render import fit_scale, render_image, render_to_file  # noqa: E402
from designer.rules import Validator, validate  # noqa: E402
from tests.conftest import load_sample  # noqa: E402


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks, each CRC checked."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, out = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        out.append((kind, body))
        pos += 12 + length
    return out


# ----------------------------------------------------------------------- the pixel budget
def test_fit_scale_keeps_a_scale_that_fits_and_rounds_a_lowered_one():
    assert fit_scale(1000, 800, 2.0, budget=40_000_000) == 2.0
    assert fit_scale(1000, 1000, 2.0, budget=480_000) == 0.69  # √0.48 = 0.6928…, two digits kept
    assert fit_scale(1000, 1000, 8.0, budget=1_500_000) == 1.2
    lowered = fit_scale(37432, 2876, 2.0, budget=40_000_000)  # the generated 2,000-resource design
    assert lowered == 0.6
    assert round(37432 * lowered) * round(2876 * lowered) <= 40_000_000
    assert fit_scale(76672, 4636, 2.0, budget=40_000_000) == 0.33  # 10,000 resources
    tiny = fit_scale(1e7, 1e7, 1.0, budget=1_000_000)
    assert 0 < tiny <= 1e-4 and round(1e7 * tiny) ** 2 <= 1_000_000


def test_a_png_past_the_budget_is_drawn_smaller_and_says_so(qapp, tmp_path, monkeypatch):
    design = load_sample("three-tier")
    full = render_image(design, scale=1.0)
    small = render_image(design, scale=0.5)
    monkeypatch.setattr(render, "PIXEL_BUDGET", full.width() * full.height())  # scale 1 fits, 2 does not
    path = tmp_path / "big.png"
    info = render_to_file(design, path, "png", scale=2.0)
    image = QImage(str(path))
    assert info.lowered and info.scale == 1.0 and info.requested_scale == 2.0
    assert (image.width(), image.height()) == (info.width, info.height) == (full.width(), full.height())
    assert image.convertToFormat(full.format()) == full, "the same picture as asking for scale 1"
    assert round(image.dotsPerMeterX() * 0.0254 / 96, 2) == 1.0, "shown at its natural size"
    assert info.note() == (f"scale lowered from 2 to 1 to keep the image within "
                           f"{full.width() * full.height() / 1e6:g} megapixels ({full.width()}×{full.height()} pixels)")
    fits = render_to_file(design, tmp_path / "fits.png", "png", scale=0.5)
    assert not fits.lowered and fits.note() is None and (fits.width, fits.height) == (small.width(), small.height())
    assert render_image(design, scale=3.0).size() == full.size(), "render_image keeps to the budget too"


# ----------------------------------------------------------------------- the PNG writer
@pytest.mark.parametrize("transparent", [False, True])
@pytest.mark.parametrize("level", [None, 3, 6])
def test_png_writer_is_lossless_and_keeps_the_resolution(qapp, transparent, level):
    image = render_image(load_sample("vpc-peering"), scale=1.0, transparent=transparent, legend=True)
    out = io.BytesIO()
    write_png(image, out, level=level)
    data = out.getvalue()
    kinds = [kind for kind, _ in chunks(data)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"pHYs" in kinds
    colour_type = chunks(data)[0][1][9]
    assert colour_type == (6 if transparent else 2), "RGBA only when the background is transparent"
    back = QImage.fromData(data, "PNG")
    assert back.size() == image.size() and back.dotsPerMeterX() == image.dotsPerMeterX()
    assert back.convertToFormat(QImage.Format.Format_ARGB32) == image.convertToFormat(QImage.Format.Format_ARGB32)


def test_png_writer_reports_progress_in_bands_and_stops_when_asked(qapp, monkeypatch):
    from designer.gui import png_writer

    monkeypatch.setattr(png_writer, "BAND_BYTES", 64 * 1024)
    image = render_image(load_sample("static-website"), scale=1.0)
    seen: list[float] = []
    write_png(image, io.BytesIO(), progress=lambda f: seen.append(f) or True)
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(png_writer.WriteCancelled):
        write_png(image, io.BytesIO(), progress=lambda f: f < 0.5)


def test_export_progress_goes_to_the_end_for_every_format(qapp, tmp_path):
    design = load_sample("hybrid-vpn")
    for fmt in ("png", "svg", "pdf"):
        seen: list[float] = []
        render_to_file(design, tmp_path / f"x.{fmt}", fmt, progress=lambda f, seen=seen: seen.append(f) or True)
        assert seen and seen == sorted(seen) and seen[-1] == 1.0, fmt


# ----------------------------------------------------------------------- SVG icons
def rasterise(svg: bytes) -> QImage:
    renderer = QSvgRenderer(svg)
    assert renderer.isValid()
    image = QImage(renderer.defaultSize(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


@pytest.mark.parametrize("name", ["three-tier", "classroom-mistakes"])
def test_svg_embeds_each_icon_once_and_draws_the_same(qapp, tmp_path, monkeypatch, name):
    design = load_sample(name)
    shared = tmp_path / "shared.svg"
    render_to_file(design, shared, "svg", title=design.title, legend=True)
    # The same export with Qt's own embedding: one PNG per drawn icon.
    monkeypatch.setattr(svg_icons, "collecting", lambda sheet: contextlib.nullcontext(sheet))
    each = tmp_path / "each.svg"
    render_to_file(design, each, "svg", title=design.title, legend=True)
    text, old = shared.read_text(encoding="utf-8"), each.read_text(encoding="utf-8")
    drawn = old.count("<image ")
    assert drawn == sum(1 for _ in design.nodes), "every node shows its icon"
    distinct = len(set(re.findall(r'href="(data:[^"]+)"', old)))
    assert text.count("<image ") == distinct < drawn, "each distinct icon once"
    assert text.count("<use ") == drawn, "every drawn icon is a use of it"
    assert len(text) < len(old)
    assert not re.search(r"<g [^>]*>\s*</g>", text), "no empty groups"
    assert rasterise(shared.read_bytes()) == rasterise(each.read_bytes()), "it looks the same"


# ----------------------------------------------------------------------- findings and the design
def test_given_findings_are_drawn_without_checking_again(qapp, monkeypatch):
    design = load_sample("classroom-mistakes")
    findings = validate(design)
    assert findings
    checked = render_image(design, scale=1.0)
    calls: list[int] = []
    real = Validator.__init__
    monkeypatch.setattr(Validator, "__init__", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    given = render_image(design, scale=1.0, findings=findings)
    assert calls == [], "the design was not checked again"
    assert given == checked, "the same badges"
    none = render_image(design, scale=1.0, findings=[])
    assert none != checked
    render_image(design, scale=1.0, selection=[design.nodes_of_kind("rds")[0].id], findings=findings)
    assert calls == [1], "a selection is checked as the fragment it is"


def test_the_design_is_read_not_changed(qapp, tmp_path):
    design = load_sample("three-tier")
    before, revision = design.model_dump(), design.revision
    for fmt in ("png", "svg", "pdf"):
        render_to_file(design, tmp_path / f"x.{fmt}", fmt)
    assert design.model_dump() == before and design.revision == revision
