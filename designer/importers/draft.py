"""The importers' common intermediate: what a template says, before it becomes a design.

The CloudFormation and Terraform readers fill a `Draft` with `DraftNode`s (one per
resource the designer models, named by the source's key: a logical id or a Terraform
address) and facts about them: the VPC, subnet and AZ each one belongs to, route tables,
security-group memberships, load-balancer targets, aliases. `assemble.build_design` turns
it into a `Design` with containment, ids, edges and a layout. References between drafts are
`Key` strings so that the assembler can map them to node ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Key(str):
    """A reference to another draft node by its source key (mapped to a node id later)."""


@dataclass(frozen=True)
class AzRef:
    """An Availability Zone as a template gives it: a literal name or an index into GetAZs."""

    name: str | None = None
    index: int | None = None

    def resolved(self, region: str) -> str:
        """The AZ's name: the literal, or the Region code plus the index's letter (0 → a)."""
        if self.name:
            return self.name
        index = self.index or 0
        return region + (chr(ord("a") + index) if 0 <= index < 26 else f"-az{index}")


@dataclass
class DraftNode:
    """One modelled resource: its kind, label, props and where it sits."""

    key: str
    kind: str
    label: str | None = None
    props: dict[str, Any] = field(default_factory=dict)
    region: str | None = None
    vpc: str | None = None  # key of the VPC
    subnet: str | None = None  # key of the subnet it sits in
    az: AzRef | None = None
    parent: str | None = None  # an explicit parent key (a record's zone)
    file: str | None = None
    line: int | None = None


@dataclass
class DraftEdge:
    """An edge between two draft keys."""

    kind: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    label: str | None = None


@dataclass
class RouteTable:
    """A route table: its VPC, associated subnets and routes (destination, target key, via)."""

    key: str
    vpc: str | None = None
    subnets: list[str] = field(default_factory=list)
    routes: list[tuple[str, str, str]] = field(default_factory=list)  # (cidr, target key, via)
    endpoints: list[str] = field(default_factory=list)  # gateway endpoints routed from it


@dataclass
class Draft:
    """Everything a reader learnt, keyed by source keys (see the module docstring)."""

    title: str = "Imported design"
    nodes: dict[str, DraftNode] = field(default_factory=dict)
    edges: list[DraftEdge] = field(default_factory=list)
    route_tables: dict[str, RouteTable] = field(default_factory=dict)
    peerings: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (vpc, peer vpc)
    vpn_routes: dict[str, list[str]] = field(default_factory=dict)  # customer gateway → CIDRs
    regions: list[str] = field(default_factory=list)  # Region codes in the order they appear
    unmodelled: dict[str, Any] = field(default_factory=dict)  # written to extra["unmodelled"]
    # Keys of the design's main resource for secondary keys (a route table → its subnet),
    # with the exporter's role name, so that kept resources can be re-pointed on export.
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, node: DraftNode) -> DraftNode:
        self.nodes[node.key] = node
        if node.region and node.region not in self.regions:
            self.regions.append(node.region)
        return node

    def edge(self, kind: str, source: str | None, target: str | None, **props: Any) -> None:
        """Add an edge when both ends are known."""
        if source and target:
            self.edges.append(DraftEdge(kind, source, target, props))

    def table(self, key: str) -> RouteTable:
        return self.route_tables.setdefault(key, RouteTable(key))

    def kind_of(self, key: str | None) -> str | None:
        node = self.nodes.get(key) if key else None
        return node.kind if node else None
