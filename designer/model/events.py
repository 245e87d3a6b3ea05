"""Model change events and a Qt-free observer: every mutation primitive emits exactly one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class NodeAdded:
    node_id: str


@dataclass(frozen=True, slots=True)
class NodeRemoved:
    node_id: str
    kind: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class NodeChanged:
    """A field of a node changed: `field` is label, parent, geometry, or `props.<key>`."""

    node_id: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class EdgeAdded:
    edge_id: str


@dataclass(frozen=True, slots=True)
class EdgeRemoved:
    edge_id: str
    source: str
    target: str
    kind: str


@dataclass(frozen=True, slots=True)
class EdgeChanged:
    """A field of an edge changed: kind, source, target, label or `props.<key>`."""

    edge_id: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class DesignChanged:
    """A design-wide field changed (title, settings) or the whole design was replaced."""

    field: str


Event = NodeAdded | NodeRemoved | NodeChanged | EdgeAdded | EdgeRemoved | EdgeChanged | DesignChanged
Listener = Callable[[Event], None]


class Observable:
    """Keeps listeners and calls each with every event, in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns a function that removes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
