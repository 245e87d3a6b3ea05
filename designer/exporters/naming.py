"""Names for generated resources: ASCII-safe words from labels, unique within one output.

A label is data: only its ASCII letters and digits reach an identifier. A label with
Korean in every "/"-separated part falls back to the node id ("퍼블릭 서브넷" → "pub_a"),
while "ALB 보안 그룹 / ALB SG" keeps its English half ("ALB SG").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_WORD = re.compile(r"[A-Za-z0-9]+")
MAX_WORDS_CHARS = 48


def label_words(label: str | None, fallback: str) -> tuple[str, ...]:
    """The ASCII words that name a node: from the label's ASCII-only part, else the id."""
    for text in (ascii_part(label or ""), fallback):
        words = _cap(_WORD.findall(text))
        if words:
            return words
    return ("resource",)


def ascii_part(label: str) -> str:
    """The last "/"-separated part of the label that has no non-ASCII letters."""
    if label.isascii():
        return label
    parts = [p for p in label.split("/") if p.strip() and p.isascii()]
    return parts[-1] if parts else ""


def _cap(words: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    total = 0
    for word in words:
        if total + len(word) > MAX_WORDS_CHARS:
            break
        out.append(word)
        total += len(word)
    return tuple(out)


def pascal(words: Iterable[str]) -> str:
    """CloudFormation logical-id style: ("web", "ALB") → "WebALB"."""
    return "".join(w[:1].upper() + w[1:] for w in words)


def snake(words: Iterable[str]) -> str:
    """Terraform name style: ("Web", "ALB") → "web_alb"."""
    return "_".join(w.lower() for w in words)


def unique_node_words(nodes: Iterable[tuple[str, str | None]]) -> dict[str, tuple[str, ...]]:
    """Words for each (id, label), unique case-insensitively; a clash adds the id's words."""
    taken: set[str] = set()
    out: dict[str, tuple[str, ...]] = {}
    for node_id, label in nodes:
        words = label_words(label, node_id)
        candidates = [words, words + label_words(None, node_id)]
        chosen = next((c for c in candidates if snake(c) not in taken), None)
        if chosen is None:
            n = 2
            while snake(words + (str(n),)) in taken:
                n += 1
            chosen = words + (str(n),)
        taken.add(snake(chosen))
        out[node_id] = chosen
    return out


class Namer:
    """Allocates one unique identifier per (node, role), stable for the whole output."""

    def __init__(self, words: dict[str, tuple[str, ...]], style: Callable[[Iterable[str]], str],
                 valid: Callable[[str], str]) -> None:
        self._words = words
        self._style = style
        self._valid = valid
        self._given: dict[tuple[str, str], str] = {}
        self._taken: set[str] = set()

    def __call__(self, key: str, role: str = "") -> str:
        """The identifier of `key`'s resource `role` ("" = the node's main resource)."""
        found = self._given.get((key, role))
        if found is not None:
            return found
        words = self._words.get(key) or label_words(None, key)
        base = self._valid(self._style(words + tuple(_WORD.findall(role))))
        name, n = base, 2
        while name.lower() in self._taken:
            name = f"{base}{n}" if self._style is pascal else f"{base}_{n}"
            n += 1
        self._taken.add(name.lower())
        self._given[(key, role)] = name
        return name

    def reserve(self, name: str) -> None:
        """Keep a fixed name (a shared parameter, a data source) from being handed out."""
        self._taken.add(name.lower())
