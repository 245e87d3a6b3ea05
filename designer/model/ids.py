"""Identifier rules and generation for nodes and edges."""

from __future__ import annotations

import re
from collections.abc import Container

ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def is_valid_id(value: object) -> bool:
    """True when `value` is a string of 1-64 characters from A-Za-z0-9_.-."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def slug(text: str, fallback: str = "node") -> str:
    """A readable id fragment from free text (labels may be Korean, so fall back)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-._").lower()
    return cleaned[:40] or fallback


def unique_id(base: str, taken: Container[str]) -> str:
    """`base` itself or `base-2`, `base-3`, … whichever is not in `taken`."""
    base = slug(base)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
