"""The design's elements as pydantic v2 types: nodes, edges and design-wide settings.

The types accept exactly what the JSON types of the format allow; AWS-level checks
(ranges, enums, allowed parents) are the validator's business, not the loader's.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

Number = StrictInt | StrictFloat

EDGE_KINDS: tuple[str, ...] = (
    "traffic",
    "route",
    "attach",
    "dns",
    "origin",
    "peering",
    "vpn",
    "replication",
)


class Node(BaseModel):
    """One box on the canvas: a container (Region, VPC, AZ, subnet) or a resource."""

    # Unknown node-level keys are kept and written back (the format ignores nothing silently).
    model_config = ConfigDict(extra="allow", validate_assignment=False)

    id: StrictStr
    kind: StrictStr
    label: StrictStr | None = None
    parent: StrictStr | None = None
    x: Number | None = None
    y: Number | None = None
    w: Number | None = None
    h: Number | None = None
    props: dict[str, Any] = Field(default_factory=dict)

    @property
    def has_geometry(self) -> bool:
        return None not in (self.x, self.y, self.w, self.h)

    def display_name(self) -> str:
        """The label when there is one, else the id (used in finding messages)."""
        return self.label if self.label else self.id

    def to_json(self) -> dict[str, Any]:
        """The node as it is written to a file (None geometry and label omitted)."""
        data = self.model_dump(exclude_none=True)
        data["parent"] = self.parent
        return data


class Edge(BaseModel):
    """A connection between two nodes: traffic, route, attach, dns, origin, peering, vpn…"""

    model_config = ConfigDict(extra="allow", validate_assignment=False)

    id: StrictStr
    kind: StrictStr = "traffic"
    source: StrictStr
    target: StrictStr
    label: StrictStr | None = None
    props: dict[str, Any] = Field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class Settings(BaseModel):
    """Design-wide settings: raised quotas and the default language (additive extension)."""

    model_config = ConfigDict(extra="allow")

    quotas: dict[str, StrictInt] = Field(default_factory=dict)
    language: StrictStr | None = None

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True, exclude_defaults=False)
