"""Cached icons per kind (SVG or PNG), as QPixmap for the canvas and QIcon for widgets.

The AWS icons come from the `diagrams` wheel (via the catalogue's `icon_path`); a few
kinds have variants by prop (a public subnet, a network load balancer) that AWS draws
with their own icon. Pixmaps are rendered once per (icon, pixel size) and reused.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPaintEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from designer.catalogue import find_kind, icon_path
from designer.gui.svg_icons import active_sheet

# (kind, prop, value) -> diagrams class that AWS uses for that variant.
_VARIANTS: dict[tuple[str, str, object], tuple[str, str]] = {
    ("subnet", "public", True): ("diagrams.aws.network", "PublicSubnet"),
    ("load_balancer", "lb_type", "nlb"): ("diagrams.aws.network", "ElbNetworkLoadBalancer"),
    ("load_balancer", "lb_type", "clb"): ("diagrams.aws.network", "ElbClassicLoadBalancer"),
}


@cache
def _variant_path(module_name: str, class_name: str) -> Path | None:
    try:
        import diagrams

        cls = getattr(importlib.import_module(module_name), class_name)
        # The wheel installs resources/ beside diagrams/; read class attributes only.
        path = Path(diagrams.__file__).resolve().parent.parent / cls._icon_dir / cls._icon
    except (ImportError, AttributeError):
        return None
    return path if path.is_file() else None


@cache
def kind_icon_path(kind: str) -> Path | None:
    """The icon file of a kind, or None when the kind is unknown or the file is missing."""
    if find_kind(kind) is None:
        return None
    try:
        path = icon_path(kind)
    except (ImportError, AttributeError, KeyError):
        return None
    return path if path.is_file() else None


def node_icon_path(kind: str, props: dict | None = None) -> Path | None:
    """The icon of a node: its kind's, or a variant picked by a prop (public subnet, NLB…)."""
    for (vkind, key, value), (module, cls) in _VARIANTS.items():
        if vkind == kind and props and props.get(key) == value:
            path = _variant_path(module, cls)
            if path is not None:
                return path
    return kind_icon_path(kind)


@cache
def _image(path: Path | None, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if path is not None and path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        renderer.render(painter, QRectF(0, 0, size, size))
    elif path is not None:
        source = QImage(str(path))
        if not source.isNull():
            scaled = source.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            painter.drawImage((size - scaled.width()) // 2, (size - scaled.height()) // 2, scaled)
    if path is None:  # unknown kind: a neutral grey square, never a crash
        painter.fillRect(QRectF(size * 0.1, size * 0.1, size * 0.8, size * 0.8), QColor("#8A8F98"))
    painter.end()
    return image


def icon_image(path: Path | None, size: int) -> QImage:
    """The icon at `path` rendered to a square image of `size` pixels (cached)."""
    return _image(path, max(1, int(size)))


@cache
def _pixmap(path: Path | None, size: int) -> QPixmap:
    return QPixmap.fromImage(_image(path, size))


def icon_pixmap(path: Path | None, size: int) -> QPixmap:
    """The icon at `path` as a cached square QPixmap of `size` pixels (needs a QGuiApplication)."""
    return _pixmap(path, max(1, int(size)))


def kind_pixmap(kind: str, size: int, props: dict | None = None) -> QPixmap:
    """A kind's (or a node's variant) icon as a cached pixmap."""
    return icon_pixmap(node_icon_path(kind, props), size)


def draw_icon(painter: QPainter, target: QRectF, kind: str, pixels: int, props: dict | None = None) -> None:
    """Draw a kind's (or a node's variant) icon, rendered at `pixels`, into `target`.

    While an SVG export collects icons (`svg_icons.collecting`), a marker takes the icon's
    place and the export embeds the icon once (see `designer.gui.svg_icons`).
    """
    pixmap = kind_pixmap(kind, pixels, props)
    sheet = active_sheet()
    engine = painter.paintEngine()
    if sheet is not None and engine is not None and engine.type() == QPaintEngine.Type.SVG:
        painter.drawImage(target, sheet.marker(pixmap))
        return
    painter.drawPixmap(target, pixmap, QRectF(0, 0, pixmap.width(), pixmap.height()))


@cache
def kind_qicon(kind: str) -> QIcon:
    """A QIcon for widgets (palette, inspector), with crisp 16-64 px renditions."""
    icon = QIcon()
    path = kind_icon_path(kind)
    for size in (16, 24, 32, 48, 64):
        icon.addPixmap(icon_pixmap(path, size))
    return icon
