"""Small image checks without Pillow: is a PNG real and not blank?"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size_and_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines (filter bytes included) of a PNG."""
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def assert_png_not_blank(path: Path, min_side: int = 100) -> None:
    """The PNG decodes, is at least `min_side` px on each side, and holds varied pixels."""
    width, height, pixels = png_size_and_pixels(path)
    assert width >= min_side and height >= min_side, (width, height)
    # A blank image compresses to a handful of distinct byte values; a drawing has many.
    assert len(set(pixels)) > 16, f"{path} looks blank"
