"""File ▸ Export ▸ PNG from the window: progress with Cancel, the window's findings reused,
and the status bar saying when the pixel budget lowered the scale."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QImage  # noqa: E402

from designer.gui import export_dialog, render  # noqa: E402
from designer.gui.export_dialog import ImageExportOptions  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.rules import Validator  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402


@pytest.fixture(autouse=True)
def _english():
    yield
    translator().set_language("en")


def test_a_lowered_scale_is_said_in_the_status_bar(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    natural = tmp_path / "natural.png"
    assert window.export_image("png", ImageExportOptions(natural, "png", scale=1.0))
    assert window.statusBar().currentMessage() == "Exported natural.png"
    size = QImage(str(natural)).size()
    monkeypatch.setattr(render, "PIXEL_BUDGET", size.width() * size.height())
    big = tmp_path / "big.png"
    assert window.export_image("png", ImageExportOptions(big, "png", scale=3.0))
    budget = f"{size.width() * size.height() / 1e6:g}"
    assert window.statusBar().currentMessage() == (
        f"Exported big.png at 1× ({size.width()}×{size.height()} pixels): 3× would pass {budget} megapixels")
    assert QImage(str(big)).size() == size
    translator().set_language("ko")
    assert window.export_image("png", ImageExportOptions(big, "png", scale=3.0))
    assert "메가픽셀" in window.statusBar().currentMessage()


def test_cancel_writes_nothing_and_keeps_the_old_file(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    seen: list[float] = []

    def cancel_half_way(self, fraction: float) -> bool:
        seen.append(fraction)
        return fraction < 0.5

    monkeypatch.setattr(export_dialog.ExportProgress, "__call__", cancel_half_way)
    for fmt in ("png", "svg", "pdf"):
        path = target.with_suffix(f".{fmt}")
        assert not window.export_image(fmt, ImageExportOptions(path, fmt, scale=1.0))
        assert window.statusBar().currentMessage() == "Export cancelled; no file was written."
    assert seen and target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".png", ".svg", ".pdf")) == ["out.png"]


def test_the_progress_dialog_follows_the_export_and_goes_away(qtbot, tmp_path):
    progress = export_dialog.ExportProgress("x.png")
    assert progress(0.25) and progress.dialog.value() == 25
    progress.dialog.cancel()
    assert not progress(0.5), "Cancel stops the export"
    progress.close()
    assert not progress.dialog.isVisible()


def test_the_window_findings_are_drawn_without_checking_again(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, load_sample("classroom-mistakes"))
    assert window.document.findings
    calls: list[int] = []
    real = Validator.__init__
    monkeypatch.setattr(Validator, "__init__", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    assert window.export_image("png", ImageExportOptions(tmp_path / "x.png", "png", scale=1.0))
    assert calls == []
