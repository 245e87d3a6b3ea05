"""How much room a node's text takes on the canvas, estimated without Qt.

The canvas draws a resource's label below its icon in a 12 px font, word-wrapped to the
box width plus 12 px on each side and cut after three lines (two when a detail line, such
as an instance type, follows); a frame's label sits beside its 32 px icon in a 13 px bold
font, followed by a muted detail (a CIDR, a Region code). The layout estimates those
widths from the characters (Hangul and other CJK glyphs are about twice as wide as Latin
ones); the factors were measured on the canvas font (Noto Sans, Noto Sans CJK KR) and err
on the wide side so labels keep their distance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from designer.catalogue import find_kind
from designer.model import Edge, Node

LABEL_PX = 12.0
FRAME_PX = 13.0
LINE_HEIGHT = 17.4  # the 12 px label font's line spacing
DETAIL_HEIGHT = 14.0  # the 10 px detail line under a label
LABEL_OVERHANG = 12.0  # a label may be this much wider than its box on each side
FRAME_ICON = 32.0
BADGE_ROOM = 24.0  # a frame's top-right corner shows a finding badge

# The prop shown as a node's detail line, as the canvas shows it (gui.scene.DETAIL_PROPS;
# a test keeps the two equal).
DETAIL_PROPS = {
    "region": "code", "vpc": "cidr", "subnet": "cidr", "availability_zone": "name",
    "ec2": "instance_type", "rds": "instance_class", "s3_bucket": "bucket_name",
    "route53_zone": "domain", "route53_record": "name", "auto_scaling_group": "instance_type",
}


def _char_em(ch: str) -> float:
    """The advance of one character in ems of a regular sans-serif font."""
    code = ord(ch)
    if code >= 0x1100 and (0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0xA4CF
                           or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
                           or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFF60
                           or code >= 0x20000):
        return 1.0  # Hangul, kana, CJK ideographs, full-width forms
    if ch == " ":
        return 0.26
    if ch in "il.,:;'!|":
        return 0.27
    if ch in "fjrtI()[]-/":
        return 0.36
    if ch in "mwMW":
        return 0.86
    if ch.isupper():
        return 0.66
    if ch.isdigit():
        return 0.57
    return 0.55


@lru_cache(maxsize=65536)
def text_width(text: str, pixel_size: float = LABEL_PX, bold: bool = False) -> float:
    """Estimated advance of `text` in pixels (bold Latin is about 10 % wider)."""
    width = 0.0
    for ch in text:
        em = _char_em(ch)
        width += em * (1.1 if bold and em < 1.0 else 1.0)
    return width * pixel_size


def wrap(text: str, width: float, max_lines: int) -> list[float]:
    """The widths of the lines `text` wraps into at `width` (as the canvas wraps labels)."""
    whole = text_width(text)
    if whole <= width and "\n" not in text:
        return [whole] if text.strip() else []
    lines: list[float] = []
    current = 0.0
    for word in text.split():
        w = text_width(word)
        if current == 0.0:
            current = w
        elif current + text_width(" ") + w <= width:
            current += text_width(" ") + w
        else:
            lines.append(current)
            current = w
    if current:
        lines.append(current)
    if len(lines) > max_lines:  # the last line is elided to the width
        lines = lines[: max_lines - 1] + [width]
    return [min(line, width) for line in lines]


def display_text(node: Node) -> str:
    """What the canvas shows as the node's label: its label, else its kind's name (the
    wider of the English and Korean names, since the layout does not know the UI language)."""
    if node.label:
        return node.label
    spec = find_kind(node.kind)
    if spec is None:
        return node.kind
    return max((spec.label_en, spec.label_ko), key=text_width)


def detail_text(node: Node) -> str:
    """The detail line the canvas shows under (or beside) the label, if any."""
    key = DETAIL_PROPS.get(node.kind)
    value = node.props.get(key) if key else None
    if value in (None, "") or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    return "" if node.label and text in node.label else text


@dataclass(frozen=True, slots=True)
class Footprint:
    """The room a node takes beyond its box: half its drawn width and its drawn height."""

    half: float  # half the width of box or label, whichever is wider
    bottom: float  # from the box's top to the lowest drawn pixel (labels hang below)


def resource_footprint(node: Node, w: float, h: float) -> Footprint:
    """A resource's drawn extent: the icon box plus its wrapped label and detail below."""
    return _footprint(display_text(node), detail_text(node), w, h)


@lru_cache(maxsize=16384)
def _footprint(text: str, detail: str, w: float, h: float) -> Footprint:
    # Large designs repeat labels ("app-a1" in every VPC): measure each once.
    icon = max(12.0, min(48.0, w - 8.0, h - 30.0))
    label_top = 4.0 + icon + 3.0
    lines = wrap(text, w + 2 * LABEL_OVERHANG, 2 if detail else 3)
    widest = max(lines, default=0.0)
    if detail:
        widest = max(widest, min(text_width(detail, LABEL_PX - 2), w + 2 * LABEL_OVERHANG))
    bottom = label_top + len(lines) * LINE_HEIGHT + (DETAIL_HEIGHT if detail else 0.0) + 2.0
    return Footprint(half=max(w, widest) / 2, bottom=max(h, bottom))


def frame_header_width(node: Node, cap: float = 440.0) -> float:
    """The width a frame needs to show its icon, label and detail on one header line.

    Capped: a longer label wraps onto two smaller lines (as the canvas does) rather than
    stretching the frame across the page.
    """
    need = FRAME_ICON + 8.0 + text_width(display_text(node), FRAME_PX, bold=True) + 16.0 + BADGE_ROOM
    detail = detail_text(node)
    if detail:
        need += 10.0 + text_width(detail, FRAME_PX - 1)
    return min(need, cap)


def edge_caption(edge: Edge) -> str:
    """An edge's caption as the canvas writes it (gui.scene.edge_text)."""
    if edge.label:
        return edge.label
    if edge.kind == "traffic":
        protocol = str(edge.props.get("protocol", "")).upper()
        port = edge.props.get("port")
        protocol = "ALL" if protocol == "-1" else protocol
        return " ".join(str(p) for p in (protocol, port) if p not in ("", None))
    if edge.kind == "route" and edge.props.get("destination"):
        return str(edge.props["destination"])
    return ""
