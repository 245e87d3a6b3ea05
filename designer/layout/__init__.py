"""Deterministic automatic layout (Qt-free), as a person would draw the design.

```
   [Users]   [example.com]                outside nodes, layered by their edges
 ┌ Region ──────────────────────────────┐
 │  [EIP A]        [EIP C]              │  regional resources near what they attach to
 │ ┌ VPC ────────────────────────────┐  │
 │ │ [IGW]                           │  │  gateways on top
 │ │ ┌ AZ a ──────┐      ┌ AZ c ─────┐│  │
 │ │ │ Public A   │[ALB] │ Public C  ││  │  public subnets in the first row
 │ │ │ App A      │[ASG] │ App C     ││  │  what spans AZs stands between them
 │ │ │ DB A       │      │ DB C      ││  │
 │ │ └────────────┘      └───────────┘│  │
 │ │ [S3 endpoint]       [SG][SG][SG]│  │  endpoints, then the security groups
 │ └─────────────────────────────────┘  │
 │  [Assets bucket]                     │
 └──────────────────────────────────────┘
```
Regions side by side; in a VPC the AZs as equal columns with their subnets in rows;
resources on a grid inside their subnet; every container sized to hold its children,
with room for labels (estimated from their characters, CJK twice as wide). The layout
runs in passes: the first places everything in file order, the later ones order and
place each band, row and grid by the barycentre of what its resources connect to (as
the previous pass placed it) and keep resources off the lines and captions of edges that
pass by (four passes; two on designs of thousands of nodes, which are seen zoomed out).
"""

from __future__ import annotations

from designer.layout.constants import EMPTY_CONTAINER, GAP, HEADER, PAD, Geometry
from designer.layout.engine import Hints, LayoutPass, default_size
from designer.layout.graph import LayoutGraph, build_graph
from designer.model import Design

__all__ = ["EMPTY_CONTAINER", "GAP", "HEADER", "PAD", "Geometry", "compute_layout", "default_size",
           "layout_missing_geometry"]

PASSES = 4  # file order, then three refinements (each reacts to the previous one's moves)
LARGE_DESIGN = 3000  # nodes; past this one refinement: seen zoomed out, opened without waiting


def compute_layout(design: Design) -> dict[str, Geometry]:
    """Geometry for every node (relative to its parent), deterministic for a given design."""
    graph = build_graph(design)
    hints: Hints | None = None
    result: dict[str, Geometry] = {}
    for _ in range(PASSES if len(graph.nodes) <= LARGE_DESIGN else 2):
        layout_pass = LayoutPass(graph, hints)
        result = layout_pass.run()
        hints = _hints(graph, result, layout_pass.lanes_top)
    # Whole units, as a person drawing on the canvas would leave them (and sums of them
    # stay exact, so absolute positions compare equal wherever they are computed).
    return {node_id: (float(round(x)), float(round(y)), float(round(w)), float(round(h)))
            for node_id, (x, y, w, h) in result.items()}


def _hints(graph: LayoutGraph, result: dict[str, Geometry], lanes_top: dict[str | None, float]) -> Hints:
    """Absolute centres and origins of a finished pass (parents are placed before children
    in `post_order` reversed)."""
    origin: dict[str | None, tuple[float, float]] = {None: (0.0, 0.0)}
    centre: dict[str, tuple[float, float]] = {}
    size: dict[str, tuple[float, float]] = {}
    for node_id in reversed(graph.post_order):
        x, y, w, h = result[node_id]
        px, py = origin[graph.nodes[node_id].parent if graph.nodes[node_id].parent in graph.nodes else None]
        origin[node_id] = (px + x, py + y)
        centre[node_id] = (px + x + w / 2, py + y + h / 2)
        size[node_id] = (w, h)
    return Hints(centre=centre, origin=origin, lanes_top=dict(lanes_top), size=size)


def layout_missing_geometry(design: Design) -> bool:
    """Give every node without geometry its automatic layout; True when anything changed.

    Runs while a file is loaded (before anyone listens to the design), so it sets the
    fields directly; the next save writes them.
    """
    missing = [n for n in design.nodes if not n.has_geometry]
    if not missing:
        return False
    layout = compute_layout(design)
    for node in missing:
        x, y, w, h = layout[node.id]
        if node.x is None or node.y is None:
            node.x, node.y = round(x, 1), round(y, 1)
        if node.w is None or node.h is None:
            node.w, node.h = round(w, 1), round(h, 1)
    return True
