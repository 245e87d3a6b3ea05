"""Images of a design (PNG, SVG, PDF) drawn by the very scene the canvas shows.

`render_image` and `render_to_file` work with no window: they create a QApplication
(offscreen when there is no display) when none exists. The SVG is self-contained (icons
embedded as data URIs, text kept as text); the PDF is vector with its fonts embedded.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from designer.model import Design

FORMATS = ("png", "svg", "pdf")
MAX_PIXELS = 400_000_000  # about 1.6 GB of ARGB: refuse before allocating
TITLE_PX = 22.0
LEGEND_PX = 12.0

# The legend's words, in both languages (export may use a language other than the UI's).
_WORDS_KO = {
    "Connections": "연결", "Problems": "문제", "error": "오류", "warning": "경고", "info": "정보",
    "traffic": "트래픽", "route": "경로", "attach": "연결(부착)", "dns": "DNS", "origin": "원본",
    "peering": "피어링", "vpn": "VPN", "replication": "복제",
}


class RenderError(ValueError):
    """A request that cannot be rendered (unknown format, empty selection, too large)."""


def ensure_app():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        if sys.platform.startswith("linux"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    global _APP
    _APP = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "aws-designer"])
    return _APP


_APP = None


def _word(text: str, lang: str) -> str:
    return _WORDS_KO.get(text, text) if lang == "ko" else text


class _Job:
    """A scene built for one export: the design (or the selection), its findings, the layout."""

    def __init__(self, design: Design, selection, lang: str | None, transparent: bool, problems: bool,
                 keep_finding=None) -> None:
        ensure_app()
        from designer.gui.document import Document
        from designer.gui.i18n import language
        from designer.gui.scene import DesignScene
        from designer.layout import layout_missing_geometry

        self.lang = lang or language()
        if lang not in (None, "en", "ko"):
            raise RenderError(f'unsupported language "{lang}" (use en or ko)')
        if selection is not None:
            from designer.gui.clipboard import copy_fragment

            ids = list(selection)
            unknown = [i for i in ids if i not in design]
            if unknown:
                raise RenderError(f'selection: no node "{unknown[0]}"')
            if not ids:
                raise RenderError("selection is empty: nothing to export")
            copy = copy_fragment(design, ids)
            copy.title = design.title
        else:
            copy = design.copy()
        layout_missing_geometry(copy)
        self.document = Document(copy)
        self.scene = DesignScene(self.document, lang=self.lang)
        if not problems:
            self.scene.set_findings([])
        elif keep_finding is not None:  # a lesson's picture badges only the finding it explains
            self.scene.set_findings([f for f in self.scene.findings if keep_finding(f)])
        if transparent:
            self.scene.setBackgroundBrush(QBrush(Qt.BrushStyle.NoBrush))
        from PySide6.QtWidgets import QGraphicsItem

        for item in self.scene.items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # vector output: no bitmap caches
        self.findings = self.scene.findings if problems else []
        self.content = self.scene.content_rect()
        if self.content.isEmpty():
            self.content = QRectF(0, 0, 200, 120)

    def close(self) -> None:
        self.scene.clear()
        self.document.validator.close()


def _layout(job: _Job, margin: float, title: str | None, legend: bool) -> tuple[QSizeF, QPointF, float, float]:
    """Page size (scene units), where the scene goes, and the title and legend heights."""
    title_h = TITLE_PX * 2.0 if title else 0.0
    legend_h = _legend_height(job) if legend else 0.0
    width = job.content.width() + 2 * margin
    width = max(width, _legend_width(job) + 2 * margin if legend else 0.0)
    if title:
        from designer.gui.items import style

        width = max(width, QFontMetricsF(style.font(TITLE_PX, bold=True)).horizontalAdvance(title) + 2 * margin + 8)
    height = job.content.height() + 2 * margin + title_h + legend_h
    return QSizeF(width, height), QPointF(margin, margin + title_h), title_h, legend_h


def _paint(painter: QPainter, job: _Job, size: QSizeF, origin: QPointF, title: str | None,
           title_h: float, legend_h: float, margin: float, transparent: bool) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if not transparent:
        painter.fillRect(QRectF(QPointF(0, 0), size), QColor("#FFFFFF"))
    target = QRectF(origin, job.content.size())
    job.scene.render(painter, target, job.content, Qt.AspectRatioMode.IgnoreAspectRatio)
    from designer.gui.items import style

    if title:
        painter.setPen(style.TEXT)
        painter.setFont(style.font(TITLE_PX, bold=True))
        painter.drawText(QRectF(margin, margin * 0.5, size.width() - 2 * margin, title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    if legend_h:
        _paint_legend(painter, job, QRectF(margin, size.height() - margin * 0.5 - legend_h,
                                           size.width() - 2 * margin, legend_h))


def _legend_entries(job: _Job) -> tuple[list[str], Counter]:
    design = job.document.design
    kinds = [k for k in ("traffic", "route", "attach", "dns", "origin", "peering", "vpn", "replication")
             if any(e.kind == k for e in design.edges)]
    severities = Counter(f.severity for f in job.findings)
    return kinds, severities


def _legend_height(job: _Job) -> float:
    kinds, severities = _legend_entries(job)
    rows = (1 if kinds else 0) + (1 if severities else 0)
    return rows * LEGEND_PX * 2.0 + (LEGEND_PX if rows else 0.0)


def _legend_width(job: _Job) -> float:
    kinds, severities = _legend_entries(job)
    from designer.gui.items import style

    metrics = QFontMetricsF(style.font(LEGEND_PX))
    row1 = sum(60 + metrics.horizontalAdvance(_word(k, job.lang)) for k in kinds) + 120
    row2 = sum(40 + metrics.horizontalAdvance(_word(s, job.lang) + " 00") for s in severities) + 120
    return max(row1, row2)


def _paint_legend(painter: QPainter, job: _Job, rect: QRectF) -> None:
    from designer.gui.items import style

    kinds, severities = _legend_entries(job)
    font = style.font(LEGEND_PX)
    bold = style.font(LEGEND_PX, bold=True)
    metrics = QFontMetricsF(font)
    row_h = LEGEND_PX * 2.0
    y = rect.top() + LEGEND_PX / 2
    rows: list[tuple[str, list]] = []
    if kinds:
        rows.append(("Connections", kinds))
    if severities:
        rows.append(("Problems", [s for s in ("error", "warning", "info") if severities.get(s)]))
    for heading, entries in rows:
        x = rect.left()
        painter.setFont(bold)
        painter.setPen(style.TEXT)
        head = _word(heading, job.lang)
        painter.drawText(QRectF(x, y, 110, row_h), Qt.AlignmentFlag.AlignVCenter, head)
        x += max(110.0, QFontMetricsF(bold).horizontalAdvance(head) + 12)
        painter.setFont(font)
        mid = y + row_h / 2
        for entry in entries:
            if heading == "Connections":
                look = style.edge_style(entry)
                pen = QPen(look.colour, look.width, look.pen_style)
                painter.setPen(pen)
                if look.double:
                    painter.drawLine(QPointF(x, mid - 2), QPointF(x + 36, mid - 2))
                    painter.drawLine(QPointF(x, mid + 2), QPointF(x + 36, mid + 2))
                else:
                    painter.drawLine(QPointF(x, mid), QPointF(x + 36, mid))
                text = _word(entry, job.lang)
                x += 42
            else:
                colour = style.SEVERITY_COLOURS[entry]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(colour))
                painter.drawEllipse(QPointF(x + 7, mid), 6, 6)
                text = f"{_word(entry, job.lang)} {severities[entry]}"
                x += 18
            painter.setPen(style.TEXT)
            painter.drawText(QRectF(x, y, metrics.horizontalAdvance(text) + 4, row_h),
                             Qt.AlignmentFlag.AlignVCenter, text)
            x += metrics.horizontalAdvance(text) + 18
        y += row_h


def render_image(design: Design, scale: float = 2.0, transparent: bool = False, margin: float = 40,
                 title: str | None = None, legend: bool = False, selection=None, lang: str | None = None,
                 problems: bool = True, keep_finding=None) -> QImage:
    """The design (or the selected nodes with their content) as an image at `scale`.

    `problems` draws the validator's badges and outlines, as the window does;
    `keep_finding(finding) -> bool`, when given, draws only the findings it keeps.
    """
    if not (scale > 0):
        raise RenderError(f"scale must be positive (got {scale})")
    job = _Job(design, selection, lang, transparent, problems, keep_finding)
    try:
        size, origin, title_h, legend_h = _layout(job, float(margin), title, legend)
        pixels = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        if pixels.width() * pixels.height() > MAX_PIXELS:
            raise RenderError(f"the image would be {pixels.width()}×{pixels.height()} pixels; use a smaller scale")
        image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
        dots = round(96 * scale / 0.0254)  # so the PNG shows at its natural size in documents
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
        painter = QPainter(image)
        painter.scale(scale, scale)
        _paint(painter, job, size, origin, title, title_h, legend_h, float(margin), transparent)
        painter.end()
        return image
    finally:
        job.close()


def render_to_file(design: Design, path, fmt: str, scale: float = 2.0, transparent: bool = False,
                   margin: float = 40, title: str | None = None, legend: bool = False, selection=None,
                   lang: str | None = None, problems: bool = True) -> None:
    """Write the design as PNG, SVG or PDF to `path` (atomically: a failure keeps any old file)."""
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise RenderError(f'unknown image format "{fmt}" (use png, svg or pdf)')
    target = Path(path)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise RenderError(f"folder does not exist: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{fmt}", dir=folder)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an image is an ordinary file
    try:
        if fmt == "png":
            image = render_image(design, scale, transparent, margin, title, legend, selection, lang, problems)
            if not image.save(tmp, "PNG"):
                raise OSError(f"cannot write PNG to {target}")
        else:
            _write_vector(design, tmp, fmt, transparent, margin, title, legend, selection, lang, problems)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_vector(design: Design, path: str, fmt: str, transparent: bool, margin: float, title: str | None,
                  legend: bool, selection, lang: str | None, problems: bool) -> None:
    job = _Job(design, selection, lang, transparent, problems)
    try:
        size, origin, title_h, legend_h = _layout(job, float(margin), title, legend)
        name = title or job.document.design.title
        if fmt == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(path)
            generator.setSize(QSize(round(size.width()), round(size.height())))
            generator.setViewBox(QRectF(QPointF(0, 0), size))
            generator.setTitle(name)
            generator.setDescription("AWS Architecture Designer")
            painter = QPainter(generator)
            _paint(painter, job, size, origin, title, title_h, legend_h, float(margin), transparent)
            painter.end()
        else:
            writer = QPdfWriter(path)
            writer.setResolution(72)  # one scene unit = one point
            writer.setPageLayout(QPageLayout(QPageSize(size, QPageSize.Unit.Point, name),
                                             QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            writer.setTitle(name)
            writer.setCreator("AWS Architecture Designer")
            painter = QPainter(writer)
            if not painter.isActive():
                raise OSError(f"cannot write PDF to {path}")
            _paint(painter, job, size, origin, title, title_h, legend_h, float(margin), False)
            painter.end()
    finally:
        job.close()
