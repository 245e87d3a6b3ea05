"""Images of every sample through the canvas scene: PNG, self-contained SVG, PDF with fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QImage  # noqa: E402

from designer.gui.render import RenderCancelled, RenderError, render_image, render_to_file  # noqa: E402
from designer.model import Design, Node  # noqa: E402
from tests.conftest import SAMPLE_FILES, load_sample  # noqa: E402

SAMPLES = [p.name.removesuffix(".awsd.json") for p in SAMPLE_FILES]


def colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


@pytest.mark.parametrize("name", SAMPLES)
def test_png_of_every_sample_is_not_blank(qapp, tmp_path, name):
    design = load_sample(name)
    path = tmp_path / f"{name}.png"
    render_to_file(design, path, "png", scale=1.0)
    image = QImage(str(path))
    assert not image.isNull()
    rect = design.absolute_rect(design.roots()[0].id)
    assert image.width() >= rect.w and image.height() >= rect.h
    assert len(colours(image)) > 20, "icons, frames and text, not a blank page"


@pytest.mark.parametrize("name", SAMPLES)
def test_svg_is_self_contained_xml_with_text(qapp, tmp_path, name):
    design = load_sample(name)
    path = tmp_path / f"{name}.svg"
    render_to_file(design, path, "svg", title=design.title, legend=True)
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # parses as XML
    assert root.tag.endswith("svg")
    hrefs = re.findall(r'(?:xlink:)?href="([^"]*)"', text)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    inside = [h for h in hrefs if h.startswith("#")]
    assert inside and all(h[1:] in ids for h in inside), "icon uses point at icons inside the file"
    embedded = [h for h in hrefs if not h.startswith("#")]
    assert embedded and all(h.startswith("data:image/") for h in embedded), "icons embedded, nothing external"
    assert len(set(embedded)) == len(embedded), "each icon embedded once"
    assert "url(http" not in text and "file:" not in text
    words = "".join(el.text or "" for el in root.iter() if el.tag.endswith(("text", "tspan")))
    for node in design.nodes:
        if node.label:
            first = node.label.split()[0]
            assert first in words, f"label {node.label!r} is kept as text"


@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_is_vector_with_embedded_korean_font(qapp, tmp_path, name):
    design = load_sample(name)
    path = tmp_path / f"{name}.pdf"
    render_to_file(design, path, "pdf", title=design.title)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    if shutil.which("pdffonts"):
        report = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = report.splitlines()[2:]
        assert rows, "the PDF uses fonts"
        assert all(row.split()[-5] == "yes" for row in rows), report  # the "emb" column
        if any(ord(c) > 0x3000 for n in design.nodes for c in (n.label or "")):
            assert "CJK" in report or "Nanum" in report or "Gothic" in report, report


def test_transparent_png_scale_title_legend_and_selection(qapp, tmp_path):
    design = load_sample("three-tier")
    plain = render_image(design, scale=1.0, margin=20)
    double = render_image(design, scale=2.0, margin=20)
    assert abs(double.width() - 2 * plain.width()) <= 2 and abs(double.height() - 2 * plain.height()) <= 2
    clear = render_image(design, scale=1.0, transparent=True, margin=20)
    assert clear.hasAlphaChannel() and QImage.pixelColor(clear, 1, 1).alpha() == 0
    assert plain.pixelColor(1, 1).alpha() == 255
    titled = render_image(design, scale=1.0, margin=20, title="Three tiers", legend=True)
    assert titled.height() > plain.height()
    subnet = design.nodes_of_kind("subnet")[0]
    part = render_image(design, scale=1.0, margin=20, selection=[subnet.id])
    assert part.width() < plain.width() and part.height() < plain.height()
    assert design.node(subnet.id).parent is not None, "exporting a selection leaves the design alone"


def test_korean_export_uses_korean_kind_names(qapp, tmp_path):
    design = Design(title="t", nodes=[Node(id="r", kind="region", x=0, y=0, w=300, h=200)])
    path = tmp_path / "ko.svg"
    render_to_file(design, path, "svg", lang="ko")
    assert "리전" in path.read_text(encoding="utf-8")
    render_to_file(design, path, "svg", lang="en")
    assert "Region" in path.read_text(encoding="utf-8")


def test_bad_requests_fail_clearly_and_keep_the_old_file(qapp, tmp_path):
    design = load_sample("static-website")
    path = tmp_path / "out.png"
    path.write_bytes(b"old")
    with pytest.raises(RenderError, match="unknown image format"):
        render_to_file(design, path, "gif")
    with pytest.raises(RenderError, match="no node"):
        render_to_file(design, path, "png", selection=["nope"])
    for fmt in ("png", "svg", "pdf"):
        with pytest.raises(RenderCancelled):
            render_to_file(design, path, fmt, progress=lambda fraction: fraction < 0.6)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"], "no temporary files left"


def test_design_without_geometry_is_laid_out(qapp):
    design = Design(title="bare", nodes=[Node(id="r", kind="region"), Node(id="b", kind="s3_bucket", parent="r")])
    image = render_image(design, scale=1.0)
    assert image.width() > 100 and len(colours(image, 3)) > 5
    assert design.node("r").x is None, "the caller's design is not changed"


def test_works_headless_without_an_application(tmp_path):
    """A fresh process with no QApplication and no display (what the export CLI does)."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "x.png"
    code = ("from designer.storage import load_design; from designer.gui.render import render_to_file; "
            f"render_to_file(load_design('samples/vpc-peering.awsd.json'), r'{out}', 'png')")
    from tests.conftest import ROOT

    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
    assert QImage(str(out)).width() > 100
