"""How the canvas looks: AWS group colours, fonts, edge pens and severity colours.

Frame colours come from the catalogue's `style` (AWS's group convention); everything
else the canvas draws is defined here once, so the window and the exported images agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from designer.catalogue import find_kind

GRID = 8.0  # snap step and background grid, in scene units
FRAME_HEADER = 32.0  # a frame's icon square (its label sits beside it)
RESOURCE_ICON = 48.0
HANDLE = 8.0  # resize handle side, in device pixels
CONNECT_RADIUS = 6.0
LOD_ICONS = 0.35  # below this zoom icons and labels drop out
LOD_TEXT = 0.5  # below this resource labels drop out

SEVERITY_COLOURS = {"error": QColor("#D13212"), "warning": QColor("#F2A900"), "info": QColor("#0073BB")}
SELECTION = QColor("#0972D3")
TEXT = QColor("#232F3E")
MUTED = QColor("#5F6B7A")
CANVAS_BACKGROUND = QColor("#FFFFFF")
GRID_DOT = QColor("#D5DBDB")

# Font families in order of preference; Qt falls back per glyph, so Korean always renders.
FONT_FAMILIES = ["Noto Sans", "Noto Sans CJK KR", "NanumGothic", "Malgun Gothic",
                 "Apple SD Gothic Neo", "DejaVu Sans", "Arial"]


def font(pixel_size: float, bold: bool = False) -> QFont:
    """The canvas font at a pixel size (pixels, so exports at any DPI keep proportions)."""
    return QFont(_font(max(1, round(pixel_size)), bool(bold)))  # a copy: callers may change it


@cache
def _font(pixels: int, bold: bool) -> QFont:
    # Items ask for their font on every paint: build each size once.
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPixelSize(pixels)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


LABEL_FONT_PX = 12.0
FRAME_FONT_PX = 13.0


# Kinds that hold others but have no AWS group colour in the catalogue: AWS's generic
# "corporate data center" group (grey) and a Route 53 purple for hosted zones.
HOLDER_STYLES = {
    "on_premises": {"stroke": "#7D8998", "fill": "#FFFFFF", "dash": "solid", "text": "#5F6B7A"},
    "route53_zone": {"stroke": "#8C4FFF", "fill": "#FFFFFF", "dash": "dash", "text": "#8C4FFF"},
}


@dataclass(frozen=True)
class FrameStyle:
    """A container frame's stroke, fill, text colour and line style."""

    stroke: QColor
    fill: QColor
    text: QColor
    dashed: bool


def frame_style(kind: str, props: dict | None = None) -> FrameStyle:
    """The AWS group style of a container kind (a public subnet is green, private blue)."""
    public = kind == "subnet" and bool(props) and props.get("public") is True
    return _frame_style(kind, public)


@cache
def _frame_style(kind: str, public: bool) -> FrameStyle:
    # Frames ask on every paint; the answer depends only on the kind and public-ness.
    spec = find_kind(kind)
    style = dict(spec.style) if spec and spec.style else dict(HOLDER_STYLES.get(kind, {}))
    prefix = "public_" if public else ""
    stroke = style.get(prefix + "stroke", style.get("stroke", "#7D8998"))
    fill = style.get(prefix + "fill", style.get("fill", "#FFFFFF"))
    text = style.get(prefix + "text", style.get("text", stroke))
    return FrameStyle(QColor(stroke), QColor(fill), QColor(text), style.get("dash") == "dash")


@dataclass(frozen=True)
class EdgeStyle:
    """How an edge kind is drawn: colour, line style, width, arrow head, double line."""

    colour: QColor
    pen_style: Qt.PenStyle
    width: float
    arrow: bool
    double: bool = False


EDGE_STYLES: dict[str, EdgeStyle] = {
    "traffic": EdgeStyle(QColor("#545B64"), Qt.PenStyle.SolidLine, 1.8, True),
    "route": EdgeStyle(QColor("#147EBA"), Qt.PenStyle.DashLine, 1.6, True),
    "attach": EdgeStyle(QColor("#7D8998"), Qt.PenStyle.DashLine, 1.6, False),
    "dns": EdgeStyle(QColor("#8C4FFF"), Qt.PenStyle.DashLine, 1.6, True),
    "origin": EdgeStyle(QColor("#8C4FFF"), Qt.PenStyle.SolidLine, 1.8, True),
    "peering": EdgeStyle(QColor("#00A4A6"), Qt.PenStyle.SolidLine, 1.4, False, double=True),
    "vpn": EdgeStyle(QColor("#ED7100"), Qt.PenStyle.SolidLine, 2.4, False),
    "replication": EdgeStyle(QColor("#3F8624"), Qt.PenStyle.DotLine, 1.8, True),
}


def edge_style(kind: str) -> EdgeStyle:
    """The style of an edge kind (an unknown kind is drawn like traffic)."""
    return EDGE_STYLES.get(kind, EDGE_STYLES["traffic"])
