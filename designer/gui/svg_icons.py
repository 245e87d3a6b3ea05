"""Each distinct icon embedded once in an exported SVG, every use a `<use>` of it.

Qt's SVG generator writes every drawn pixmap as its own base64 PNG: a design with 2,000
EC2 instances carried the same icon 2,000 times, and encoding them was most of the
export's time. While a sheet is active, `icons.draw_icon` draws a 1×1 marker image instead
(cheap to encode, and the generator still writes its exact place and size); `apply` then
puts each real icon once in `<defs>` and turns every marker into a `<use>` of it. The
file stays self-contained: the references point inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPixmap

ID_PREFIX = "aws-icon-"
# What QSvgGenerator writes for a drawn image: attributes, then the data URI last.
_IMAGE = re.compile(r'<image ([^>]*?)xlink:href="data:image/png;base64,([A-Za-z0-9+/=]+)"\s*/>')
_NUMBER = r'"(-?[0-9.eE+-]+)"'
_ATTRS = {name: re.compile(rf"\b{name}={_NUMBER}") for name in ("x", "y", "width", "height")}

_active: IconSheet | None = None


class IconSheet:
    """The icons drawn while the sheet is active, and the markers that stand for them."""

    def __init__(self) -> None:
        self._by_key: dict[int, int] = {}  # pixmap cache key -> icon index
        self._pixmaps: list[QPixmap] = []
        self._markers: list[QImage] = []
        self._index_of: dict[str, int] = {}  # a marker's base64 PNG -> icon index
        self.uses = 0  # markers drawn, so `apply` can check that it replaced every one

    def marker(self, pixmap: QPixmap) -> QImage:
        """The 1×1 image to draw in place of `pixmap` (one distinct colour per icon)."""
        self.uses += 1
        key = pixmap.cacheKey()
        index = self._by_key.get(key)
        if index is None:
            index = len(self._pixmaps)
            self._by_key[key] = index
            self._pixmaps.append(pixmap)
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.setPixel(0, 0, 0xFF000000 | (index + 1))
            self._markers.append(image)
            self._index_of[_base64_png(image)] = index
        return self._markers[index]

    def apply(self, svg: str) -> str:
        """The SVG with each icon defined once and every marker replaced by a reference."""
        if not self._pixmaps:
            return svg
        replaced = 0

        def reference(match: re.Match[str]) -> str:
            nonlocal replaced
            index = self._index_of.get(match.group(2))
            if index is None:
                return match.group(0)  # a real image, not one of ours
            replaced += 1
            attrs = match.group(1)
            x, y, w, h = (_number(attrs, name) for name in ("x", "y", "width", "height"))
            return (f'<use xlink:href="#{ID_PREFIX}{index}" '
                    f'transform="matrix({_fmt(w)},0,0,{_fmt(h)},{_fmt(x)},{_fmt(y)})"/>')

        body = _IMAGE.sub(reference, svg)
        if replaced != self.uses:
            raise RuntimeError(f"SVG icons: {self.uses} drawn but {replaced} found in the output")
        defs = "".join(
            f'<image id="{ID_PREFIX}{i}" x="0" y="0" width="1" height="1" preserveAspectRatio="none" '
            f'image-rendering="optimizeQuality" xlink:href="data:image/png;base64,{_base64_png(p.toImage())}"/>\n'
            for i, p in enumerate(self._pixmaps))
        at = body.find("<defs>")
        if at < 0:
            raise RuntimeError("SVG icons: the generator wrote no <defs>")
        at += len("<defs>")
        return body[:at] + "\n" + defs + body[at:]


@contextmanager
def collecting(sheet: IconSheet) -> Iterator[IconSheet]:
    """Make `sheet` the one `icons.draw_icon` reports to while painting an SVG."""
    global _active
    previous, _active = _active, sheet
    try:
        yield sheet
    finally:
        _active = previous


def active_sheet() -> IconSheet | None:
    """The sheet collecting icons now, if an SVG export is painting."""
    return _active


def _base64_png(image: QImage) -> str:
    # The same encoding QSvgGenerator uses, so a marker is recognised by its exact text.
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.toBase64()).decode("ascii")


def _number(attrs: str, name: str) -> float:
    match = _ATTRS[name].search(attrs)
    return float(match.group(1)) if match else 0.0


def _fmt(value: float) -> str:
    return f"{value:.6g}"
