"""networkx views of a design: the containment tree and the edge graph."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from designer.model.design import Design


def containment_tree(design: Design) -> nx.DiGraph:
    """A directed forest parent → child over every node (top-level nodes are roots)."""
    tree = nx.DiGraph()
    for node in design.nodes:
        tree.add_node(node.id, kind=node.kind)
    for node in design.nodes:
        if node.parent is not None:
            tree.add_edge(node.parent, node.id)
    return tree


def edge_graph(design: Design, kinds: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """A directed multigraph of the design's edges (optionally only some edge kinds)."""
    wanted = set(kinds) if kinds is not None else None
    graph = nx.MultiDiGraph()
    for node in design.nodes:
        graph.add_node(node.id, kind=node.kind)
    for edge in design.edges:
        if wanted is None or edge.kind in wanted:
            graph.add_edge(edge.source, edge.target, key=edge.id, kind=edge.kind)
    return graph
