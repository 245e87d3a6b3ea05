"""The design model: pydantic elements, the Design aggregate, events, geometry, graphs.

No Qt here: stdlib, pydantic and networkx only.
"""

from designer.model.design import (
    CONTAINER_KINDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MISSING,
    Design,
    ModelError,
)
from designer.model.elements import EDGE_KINDS, Edge, Node, Settings
from designer.model.events import (
    DesignChanged,
    EdgeAdded,
    EdgeChanged,
    EdgeRemoved,
    Event,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)
from designer.model.geometry import Rect
from designer.model.ids import is_valid_id, slug, unique_id

__all__ = [
    "CONTAINER_KINDS",
    "EDGE_KINDS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MISSING",
    "Design",
    "DesignChanged",
    "Edge",
    "EdgeAdded",
    "EdgeChanged",
    "EdgeRemoved",
    "Event",
    "ModelError",
    "Node",
    "NodeAdded",
    "NodeChanged",
    "NodeRemoved",
    "Rect",
    "Settings",
    "is_valid_id",
    "slug",
    "unique_id",
]
