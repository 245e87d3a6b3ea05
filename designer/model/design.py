"""The Design aggregate: the only place the model changes, one event per mutation primitive."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from designer.model.elements import Edge, Node, Settings
from designer.model.events import (
    DesignChanged,
    EdgeAdded,
    EdgeChanged,
    EdgeRemoved,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
    Observable,
)
from designer.model.geometry import Rect

FORMAT_NAME = "aws-designer"
FORMAT_VERSION = 1
CONTAINER_KINDS = frozenset({"region", "availability_zone", "vpc", "subnet"})


class ModelError(ValueError):
    """A mutation that would break the model's invariants (unknown id, dangling reference…)."""


class _Missing:
    """Marks a prop that is absent (set_prop with MISSING deletes the key)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict) -> _Missing:
        return self


MISSING: Any = _Missing()


class Design(Observable):
    """A whole design: title, settings, nodes and edges in file order, with indexes."""

    def __init__(
        self,
        title: str = "Untitled",
        nodes: Iterable[Node] = (),
        edges: Iterable[Edge] = (),
        settings: Settings | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.title = title
        self.settings = settings or Settings()
        self.extra: dict[str, Any] = dict(extra or {})
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, Edge] = {}
        self._children: dict[str | None, set[str]] = {None: set()}
        self._edges_by_node: dict[str, set[str]] = {}
        self._position: dict[str, int] | None = None
        self._edge_position: dict[str, int] | None = None
        self.revision = 0
        for node in nodes:
            self._insert_node(node, None)
        for edge in edges:
            self._insert_edge(edge, None)

    # ----------------------------------------------------------------- queries
    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    @property
    def nodes(self) -> Iterator[Node]:
        """Every node in file order."""
        return iter(self._nodes.values())

    @property
    def edges(self) -> Iterator[Edge]:
        """Every edge in file order."""
        return iter(self._edges.values())

    @property
    def node_count(self) -> int:
        return len(self._nodes)

    @property
    def edge_count(self) -> int:
        return len(self._edges)

    def node(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except KeyError:
            raise ModelError(f'no node "{node_id}"') from None

    def get_node(self, node_id: str | None) -> Node | None:
        return self._nodes.get(node_id) if node_id is not None else None

    def edge(self, edge_id: str) -> Edge:
        try:
            return self._edges[edge_id]
        except KeyError:
            raise ModelError(f'no edge "{edge_id}"') from None

    def get_edge(self, edge_id: str) -> Edge | None:
        return self._edges.get(edge_id)

    def has_edge(self, edge_id: str) -> bool:
        return edge_id in self._edges

    def node_ids(self) -> list[str]:
        return list(self._nodes)

    def edge_ids(self) -> list[str]:
        return list(self._edges)

    def index_of_node(self, node_id: str) -> int:
        return self._positions()[node_id]

    def index_of_edge(self, edge_id: str) -> int:
        return self._edge_positions()[edge_id]

    def children(self, node_id: str | None) -> list[Node]:
        """Direct children of a node (or the top-level nodes for None), in file order."""
        ids = self._children.get(node_id, ())
        if not ids:
            return []
        pos = self._positions()
        return [self._nodes[i] for i in sorted(ids, key=pos.__getitem__)]

    def child_ids(self, node_id: str | None) -> set[str]:
        return set(self._children.get(node_id, ()))

    def roots(self) -> list[Node]:
        return self.children(None)

    def descendants(self, node_id: str) -> list[Node]:
        """All nodes below `node_id`, parents before children (pre-order)."""
        out: list[Node] = []
        stack = list(reversed(self.children(node_id)))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children(node.id)))
        return out

    def ancestors(self, node_id: str) -> list[Node]:
        """The parent chain from the direct parent up to the top-level node."""
        out: list[Node] = []
        current = self.node(node_id).parent
        while current is not None and current in self._nodes:
            node = self._nodes[current]
            out.append(node)
            current = node.parent
            if len(out) > len(self._nodes):  # defensive: a cycle cannot load, but never loop
                break
        return out

    def nearest(self, node_id: str, kind: str) -> Node | None:
        """The nearest ancestor of `kind` (not the node itself)."""
        for node in self.ancestors(node_id):
            if node.kind == kind:
                return node
        return None

    def enclosing(self, node_id: str, kind: str) -> Node | None:
        """The node itself when it is of `kind`, else its nearest ancestor of that kind."""
        node = self.node(node_id)
        return node if node.kind == kind else self.nearest(node_id, kind)

    def az_of(self, node_id: str) -> Node | None:
        return self.enclosing(node_id, "availability_zone")

    def subnet_of(self, node_id: str) -> Node | None:
        return self.enclosing(node_id, "subnet")

    def vpc_of(self, node_id: str) -> Node | None:
        return self.enclosing(node_id, "vpc")

    def region_of(self, node_id: str) -> Node | None:
        return self.enclosing(node_id, "region")

    def nodes_of_kind(self, *kinds: str) -> list[Node]:
        return [n for n in self._nodes.values() if n.kind in kinds]

    def edges_of(self, node_id: str) -> list[Edge]:
        """Edges with `node_id` as source or target, in file order."""
        ids = self._edges_by_node.get(node_id, ())
        if not ids:
            return []
        pos = self._edge_positions()  # sort the few ids instead of scanning every edge
        return [self._edges[i] for i in sorted(ids, key=pos.__getitem__)]

    def edge_ids_of(self, node_id: str) -> set[str]:
        return set(self._edges_by_node.get(node_id, ()))

    def edges_of_kind(self, *kinds: str) -> list[Edge]:
        return [e for e in self._edges.values() if e.kind in kinds]

    def absolute_rect(self, node_id: str) -> Rect | None:
        """The node's rectangle in scene coordinates, or None when it has no geometry."""
        node = self.node(node_id)
        if not node.has_geometry:
            return None
        x, y = float(node.x), float(node.y)  # type: ignore[arg-type]
        for ancestor in self.ancestors(node_id):
            if ancestor.x is None or ancestor.y is None:
                return None
            x += ancestor.x
            y += ancestor.y
        return Rect(x, y, float(node.w), float(node.h))  # type: ignore[arg-type]

    def absolute_origin(self, node_id: str | None) -> tuple[float, float]:
        """Scene position of a node's top-left corner ((0, 0) for None or no geometry)."""
        if node_id is None:
            return (0.0, 0.0)
        rect = self.absolute_rect(node_id)
        return (rect.x, rect.y) if rect else (0.0, 0.0)

    def has_geometry(self) -> bool:
        return all(n.has_geometry for n in self._nodes.values())

    # ----------------------------------------------------------------- mutation primitives
    def add_node(self, node: Node, index: int | None = None) -> None:
        """Insert a node (its parent must exist); emits NodeAdded."""
        if node.id in self._nodes:
            raise ModelError(f'node "{node.id}" already exists')
        if node.parent is not None and node.parent not in self._nodes:
            raise ModelError(f'node "{node.id}": parent "{node.parent}" does not exist')
        self._insert_node(node, index)
        self._emit(NodeAdded(node.id))

    def remove_node(self, node_id: str) -> tuple[Node, int]:
        """Remove a leaf node with no edges; returns it and its index. Emits NodeRemoved."""
        node = self.node(node_id)
        if self._children.get(node_id):
            raise ModelError(f'node "{node_id}" still has children')
        if self._edges_by_node.get(node_id):
            raise ModelError(f'node "{node_id}" still has edges')
        index = self.index_of_node(node_id)
        del self._nodes[node_id]
        self._children[node.parent].discard(node_id)
        self._children.pop(node_id, None)
        self._edges_by_node.pop(node_id, None)
        self._position = None
        self._emit(NodeRemoved(node_id, node.kind, node.parent))
        return node, index

    def set_parent(self, node_id: str, parent: str | None) -> None:
        """Change containment (geometry is left as is); emits NodeChanged('parent')."""
        node = self.node(node_id)
        if parent is not None:
            if parent not in self._nodes:
                raise ModelError(f'node "{node_id}": parent "{parent}" does not exist')
            if parent == node_id or any(a.id == node_id for a in self.ancestors(parent)):
                raise ModelError(f'node "{node_id}": parent "{parent}" would make a cycle')
        old = node.parent
        if old == parent:
            return
        self._children[old].discard(node_id)
        self._children.setdefault(parent, set()).add(node_id)
        node.parent = parent
        self._emit(NodeChanged(node_id, "parent", old, parent))

    def set_geometry(
        self,
        node_id: str,
        x: float | None,
        y: float | None,
        w: float | None,
        h: float | None,
    ) -> None:
        """Set position (relative to the parent) and size; emits NodeChanged('geometry')."""
        node = self.node(node_id)
        old = (node.x, node.y, node.w, node.h)
        new = (x, y, w, h)
        if old == new:
            return
        node.x, node.y, node.w, node.h = new
        self._emit(NodeChanged(node_id, "geometry", old, new))

    def set_label(self, node_id: str, label: str | None) -> None:
        node = self.node(node_id)
        old = node.label
        if old == label:
            return
        node.label = label
        self._emit(NodeChanged(node_id, "label", old, label))

    def set_prop(self, node_id: str, key: str, value: Any) -> None:
        """Set one prop (MISSING removes it); emits NodeChanged('props.<key>')."""
        node = self.node(node_id)
        old = node.props.get(key, MISSING)
        if old is value or (old is not MISSING and value is not MISSING and old == value
                            and type(old) is type(value)):
            return
        if value is MISSING:
            del node.props[key]
        else:
            node.props[key] = copy.deepcopy(value)
        self._emit(NodeChanged(node_id, f"props.{key}", old, value))

    def add_edge(self, edge: Edge, index: int | None = None) -> None:
        """Insert an edge between existing nodes; emits EdgeAdded."""
        if edge.id in self._edges:
            raise ModelError(f'edge "{edge.id}" already exists')
        for end in ("source", "target"):
            ref = getattr(edge, end)
            if ref not in self._nodes:
                raise ModelError(f'edge "{edge.id}": {end} "{ref}" does not exist')
        self._insert_edge(edge, index)
        self._emit(EdgeAdded(edge.id))

    def remove_edge(self, edge_id: str) -> tuple[Edge, int]:
        """Remove an edge; returns it and its index. Emits EdgeRemoved."""
        edge = self.edge(edge_id)
        index = self.index_of_edge(edge_id)
        del self._edges[edge_id]
        for end in (edge.source, edge.target):
            self._edges_by_node.get(end, set()).discard(edge_id)
        self._edge_position = None
        self._emit(EdgeRemoved(edge_id, edge.source, edge.target, edge.kind))
        return edge, index

    def set_edge_field(self, edge_id: str, field: str, value: Any) -> None:
        """Change an edge's kind, source, target or label; emits EdgeChanged."""
        if field not in ("kind", "source", "target", "label"):
            raise ModelError(f'edge "{edge_id}": cannot set field "{field}"')
        edge = self.edge(edge_id)
        old = getattr(edge, field)
        if old == value:
            return
        if field in ("source", "target"):
            if value not in self._nodes:
                raise ModelError(f'edge "{edge_id}": {field} "{value}" does not exist')
            other = edge.target if field == "source" else edge.source
            if old != other:
                self._edges_by_node.get(old, set()).discard(edge_id)
            self._edges_by_node.setdefault(value, set()).add(edge_id)
        setattr(edge, field, value)
        self._emit(EdgeChanged(edge_id, field, old, value))

    def set_edge_prop(self, edge_id: str, key: str, value: Any) -> None:
        edge = self.edge(edge_id)
        old = edge.props.get(key, MISSING)
        if old is value or (old is not MISSING and value is not MISSING and old == value
                            and type(old) is type(value)):
            return
        if value is MISSING:
            del edge.props[key]
        else:
            edge.props[key] = copy.deepcopy(value)
        self._emit(EdgeChanged(edge_id, f"props.{key}", old, value))

    def set_title(self, title: str) -> None:
        if title == self.title:
            return
        self.title = title
        self._emit(DesignChanged("title"))

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._emit(DesignChanged("settings"))

    # ----------------------------------------------------------------- whole design
    def model_dump(self) -> dict[str, Any]:
        """The design as the file format's JSON object (keys in the writer's order)."""
        data: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "title": self.title,
        }
        settings = self.settings.to_json()
        if settings != {"quotas": {}}:
            data["settings"] = settings
        data["nodes"] = [n.to_json() for n in self._nodes.values()]
        data["edges"] = [e.to_json() for e in self._edges.values()]
        for key in sorted(self.extra):
            data[key] = copy.deepcopy(self.extra[key])
        return data

    def copy(self) -> Design:
        """A deep copy with no listeners."""
        return Design(
            title=self.title,
            nodes=[n.model_copy(deep=True) for n in self._nodes.values()],
            edges=[e.model_copy(deep=True) for e in self._edges.values()],
            settings=self.settings.model_copy(deep=True),
            extra=copy.deepcopy(self.extra),
        )

    # ----------------------------------------------------------------- internals
    def _emit(self, event: Any) -> None:
        self.revision += 1
        self.emit(event)

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            self._position = {nid: i for i, nid in enumerate(self._nodes)}
        return self._position

    def _edge_positions(self) -> dict[str, int]:
        if self._edge_position is None:
            self._edge_position = {eid: i for i, eid in enumerate(self._edges)}
        return self._edge_position

    def _insert_node(self, node: Node, index: int | None) -> None:
        if index is None or index >= len(self._nodes):
            self._nodes[node.id] = node
        else:
            items = list(self._nodes.items())
            items.insert(index, (node.id, node))
            self._nodes = dict(items)
        self._children.setdefault(node.parent, set()).add(node.id)
        self._children.setdefault(node.id, set())
        self._edges_by_node.setdefault(node.id, set())
        self._position = None

    def _insert_edge(self, edge: Edge, index: int | None) -> None:
        if index is None or index >= len(self._edges):
            self._edges[edge.id] = edge
        else:
            items = list(self._edges.items())
            items.insert(index, (edge.id, edge))
            self._edges = dict(items)
        for end in (edge.source, edge.target):
            self._edges_by_node.setdefault(end, set()).add(edge.id)
        self._edge_position = None
