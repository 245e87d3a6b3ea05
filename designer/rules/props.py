"""Typed reads of node props with the catalogue's defaults, for rules.

A hand-written file may leave a prop out; the editor shows (and the exporters write) the
catalogue's default then, so a rule must judge the same value. Every read goes through the
tracking view, so these helpers keep rules incremental.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from designer.catalogue import find_kind
from designer.model import MISSING
from designer.rules.context import NodeView


@cache  # the catalogue is frozen; rules read defaults on every evaluation
def default_of(kind: str, key: str) -> Any:
    """The catalogue's default for a prop of a kind (None when it declares none; never mutate it)."""
    spec = find_kind(kind)
    prop = spec.prop(key) if spec else None
    return prop.default if prop else None


def value(node: NodeView, key: str) -> Any:
    """The prop's value, or the catalogue default when the node does not set it."""
    found = node.prop(key, MISSING)
    return default_of(node.kind, key) if found is MISSING else found


def flag(node: NodeView, key: str) -> bool:
    """A boolean prop (with the default); anything but a literal true counts as false."""
    return value(node, key) is True


def integer(node: NodeView, key: str) -> int | None:
    """An int prop (with the default); None when absent or not an integer (bools excluded)."""
    found = value(node, key)
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def text(node: NodeView, key: str) -> str:
    """A string prop (with the default), stripped; '' when absent or not a string."""
    found = value(node, key)
    return found.strip() if isinstance(found, str) else ""


def choice(node: NodeView, key: str) -> str:
    """A choice prop lower-cased for comparisons ('' when absent)."""
    return text(node, key).lower()


def dicts(node: NodeView, key: str) -> list[dict[str, Any]]:
    """A list-of-objects prop (listeners, lifecycle…), keeping only the objects."""
    found = value(node, key)
    return [d for d in found if isinstance(d, dict)] if isinstance(found, list) else []


def strings(node: NodeView, key: str) -> list[str]:
    """A list-of-strings prop (aliases, values…), keeping only the strings."""
    found = value(node, key)
    if isinstance(found, str):
        return [found]
    return [s for s in found if isinstance(s, str)] if isinstance(found, list) else []
