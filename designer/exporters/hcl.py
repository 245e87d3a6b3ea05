"""A small HCL writer: blocks and values built as data, strings always escaped.

Values: str (written as an escaped string literal), bool, int, float, list, dict (an
object), `Expr` (an expression the exporter built from its own identifiers, never from
user text) and `Blocks` (nested blocks). A None attribute is left out. In strings, `${`
and `%{` become `$${` and `%%{` (or `\u0024{` / `\u0025{` when no `}` follows, which
python-hcl2 cannot read in the doubled form), so a label can never start an interpolation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_SIMPLE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class Expr(str):
    """A raw HCL expression (a reference, a function call) written verbatim."""


@dataclass(frozen=True)
class Blocks:
    """One or more nested blocks with the same type: `key { ... }` per body."""

    bodies: tuple[dict[str, Any], ...]


def blocks(*bodies: dict[str, Any]) -> Blocks:
    """Nested blocks from bodies (empty bodies are kept: `restrictions {}` is meaningful)."""
    return Blocks(tuple(bodies))


# Anything that is not plain printable ASCII, or that HCL reads specially.
_SPECIAL = re.compile(r'["\\\n\r\t]|[$%]\{|[^\x20-\x7e]')
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"})


def string(text: str) -> str:
    """An HCL quoted string literal for `text`, escaped so that it stays data."""
    return '"' + _SPECIAL.sub(lambda m: _escape(m, text), text) + '"'


def _escape(match: re.Match[str], text: str) -> str:
    token = match.group(0)
    if len(token) == 2:
        # $${ and %%{ are HCL's literal forms; python-hcl2 only reads them when a "}"
        # follows, so an unclosed one is written as the equivalent \u0024{ / \u0025{.
        closed = "}" in text[match.end():]
        return token[0] + token if closed else f"\\u{ord(token[0]):04x}{{"
    if token in _SIMPLE:
        return _SIMPLE[token]
    if "\ud800" <= token <= "\udfff":
        return "\ufffd"  # a lone surrogate (possible in JSON input) cannot be encoded
    if unicodedata.category(token) in _ESCAPED_CATEGORIES:
        code = ord(token)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return token


def value(item: Any, indent: int = 0) -> str:
    """The HCL text of a value at nesting level `indent`."""
    if isinstance(item, Expr):
        return str(item)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if item is None:
        return "null"
    pad = "  " * (indent + 1)
    if isinstance(item, (list, tuple)):
        if not item:
            return "[]"
        if all(not isinstance(x, (list, tuple, dict)) for x in item) and len(item) <= 4:
            return "[" + ", ".join(value(x, indent) for x in item) + "]"
        return "[\n" + "".join(f"{pad}{value(x, indent + 1)},\n" for x in item) + "  " * indent + "]"
    if isinstance(item, dict):
        if not item:
            return "{}"
        lines = [f"{pad}{_key(k)} = {value(v, indent + 1)}\n" for k, v in item.items() if v is not None]
        return "{\n" + "".join(lines) + "  " * indent + "}"
    raise TypeError(f"cannot write {type(item).__name__} as HCL")


def _key(key: str) -> str:
    return key if _IDENT.fullmatch(key) else string(key)


def body(attributes: dict[str, Any], indent: int = 1) -> str:
    """The inside of a block: attributes then nested blocks, in the given order."""
    pad = "  " * indent
    out: list[str] = []
    for key, item in attributes.items():
        if item is None:
            continue
        if isinstance(item, Blocks):
            for inner in item.bodies:
                out.append(f"{pad}{key} {{\n{body(inner, indent + 1)}{pad}}}\n")
        else:
            out.append(f"{pad}{key} = {value(item, indent)}\n")
    return "".join(out)


def block(kind: str, labels: tuple[str, ...], attributes: dict[str, Any]) -> str:
    """A top-level block: `kind "label" ... { body }`."""
    head = " ".join([kind, *(string(label) for label in labels)])
    return f"{head} {{\n{body(attributes)}}}\n"
