"""Parsing what a user types into an inspector field: numbers, CIDR blocks, ports, lists.

A parser returns the value to write (or MISSING to remove the key) and raises
`FieldError` with a one-line message in the UI language when the text cannot be
written at all. AWS-level mistakes (a /8 VPC, port 99999) parse fine: the validator
reports them, so the design can hold them like a file can.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from designer.gui.i18n import tr
from designer.model import MISSING

_RANGE = re.compile(r"^\s*(-?\d+)\s*-\s*(-?\d+)\s*$")


class FieldError(ValueError):
    """Text that cannot be written to the model; the message is shown under the field."""


def parse_int(text: str, *, required: bool = False) -> Any:
    """An int; empty text removes the key unless `required`."""
    stripped = text.strip()
    if not stripped:
        if required:
            raise FieldError(tr("A number is required."))
        return MISSING
    try:
        return int(stripped)
    except ValueError:
        raise FieldError(tr("Not a whole number: {text}").format(text=stripped)) from None


def parse_cidr(text: str, *, required: bool = False) -> Any:
    """An IPv4/IPv6 CIDR block written as typed (normalised spacing only)."""
    stripped = text.strip()
    if not stripped:
        if required:
            raise FieldError(tr("A CIDR block such as 10.0.0.0/16 is required."))
        return MISSING
    if "/" not in stripped:
        raise FieldError(tr("Not a CIDR block (address/prefix, e.g. 10.0.0.0/16): {text}").format(text=stripped))
    try:
        network = ipaddress.ip_network(stripped, strict=False)
    except ValueError:
        raise FieldError(tr("Not a CIDR block (address/prefix, e.g. 10.0.0.0/16): {text}").format(text=stripped)) from None
    if network.network_address != ipaddress.ip_address(stripped.split("/")[0].strip()):
        # Host bits set (10.0.0.1/16): AWS refuses it, so say what was meant.
        raise FieldError(tr("Host bits are set; did you mean {cidr}?").format(cidr=network.with_prefixlen))
    return stripped


def parse_port(text: str) -> Any:
    """A port (int), a range "from-to" (str), or empty (MISSING: all ports / protocol -1)."""
    stripped = text.strip()
    if not stripped:
        return MISSING
    if stripped.lstrip("-").isdigit():
        return int(stripped)
    match = _RANGE.match(stripped)
    if match:
        return f"{int(match.group(1))}-{int(match.group(2))}"
    raise FieldError(tr("Not a port or range (80 or 1024-65535): {text}").format(text=stripped))


def split_list(text: str) -> list[str]:
    """Comma- or newline-separated items, blanks dropped."""
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def parse_str_list(text: str, *, empty: Any) -> Any:
    """A list of strings; empty text gives `empty` ([] or MISSING, from the prop's default)."""
    items = split_list(text)
    return items if items else empty


def parse_cidr_list(text: str, *, empty: Any) -> Any:
    """A list of CIDR blocks; every item must parse."""
    items = split_list(text)
    for item in items:
        parse_cidr(item, required=True)
    return items if items else empty


def format_list(value: Any) -> str:
    """How a list prop is shown in a one-line field."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None or value is MISSING else str(value)


def format_scalar(value: Any) -> str:
    """How a scalar prop is shown in a text field (absent → empty)."""
    if value is None or value is MISSING:
        return ""
    return str(value)
