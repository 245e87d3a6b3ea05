"""The catalogue of kinds: labels, categories, parents, props, icons and IaC mappings."""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from designer.catalogue.edges import EDGE_PROPS, PROTOCOLS
from designer.catalogue.kinds import CATEGORIES, KINDS, TOLERATED_PARENTS
from designer.catalogue.spec import PROP_TYPES, IconRef, KindSpec, PropSpec

ASSETS_DIR = Path(__file__).resolve().parent.parent.parent / "assets"
_BY_KEY: dict[str, KindSpec] = {k.key: k for k in KINDS}
KIND_KEYS: frozenset[str] = frozenset(_BY_KEY)


class UnknownKindError(KeyError):
    """A kind key that the catalogue does not declare."""


def get_kind(key: str) -> KindSpec:
    """The declaration of kind `key` (raises UnknownKindError)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownKindError(key) from None


def find_kind(key: str) -> KindSpec | None:
    return _BY_KEY.get(key)


def is_container(key: str) -> bool:
    spec = _BY_KEY.get(key)
    return bool(spec and spec.container)


def kinds_in_category(category: str) -> list[KindSpec]:
    return [k for k in KINDS if k.category == category]


def can_be_child(kind: str, parent_kind: str | None) -> bool:
    """True when AWS allows a `kind` node directly inside `parent_kind` (None = top level)."""
    spec = _BY_KEY.get(kind)
    return spec is not None and parent_kind in spec.allowed_parents


def can_be_placed(kind: str, parent_kind: str | None) -> bool:
    """True when the editor places the node there (allowed, or tolerated and then flagged)."""
    return can_be_child(kind, parent_kind) or parent_kind in TOLERATED_PARENTS.get(kind, ())


def assets_dir() -> Path:
    """Our own assets (fallback icons); works from a source checkout and an installed wheel."""
    candidates = [ASSETS_DIR, Path(__file__).resolve().parent / "assets"]
    for candidate in candidates:
        if (candidate / "icons").is_dir():
            return candidate
    return ASSETS_DIR


@cache
def icon_path(key: str) -> Path:
    """The icon file of a kind: the diagrams wheel's AWS icon, or our own fallback in assets/."""
    ref = get_kind(key).icon
    if ref.asset:
        return assets_dir() / "icons" / ref.asset
    module = importlib.import_module(ref.diagrams_module or "")
    cls = getattr(module, ref.diagrams_class or "")
    # The wheel installs resources/ beside diagrams/; read class attributes, never instantiate.
    import diagrams

    return Path(diagrams.__file__).resolve().parent.parent / cls._icon_dir / cls._icon


__all__ = [
    "CATEGORIES",
    "EDGE_PROPS",
    "KINDS",
    "KIND_KEYS",
    "PROP_TYPES",
    "PROTOCOLS",
    "TOLERATED_PARENTS",
    "IconRef",
    "KindSpec",
    "PropSpec",
    "UnknownKindError",
    "assets_dir",
    "can_be_child",
    "can_be_placed",
    "find_kind",
    "get_kind",
    "icon_path",
    "is_container",
    "kinds_in_category",
]
