"""The static facts a failure drill needs, read once from a design.

Where each node runs (its *placements*: the subnets or AZs it lives in), which nodes
are entries (``internet`` / ``on_premises``), which sets of nodes form a *tier*, and
the request-flow adjacency. The failure simulation (failure.py) combines these with a
set of failed ids; nothing here changes the design.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from designer.model import Design, Node

ENTRY_KINDS = ("internet", "on_premises")
# Edges a request follows: drawn traffic, DNS answers, and CloudFront fetching from its origin.
FLOW_EDGE_KINDS = ("traffic", "dns", "origin")
ZONAL_CONTAINERS = ("subnet", "availability_zone")
# Kinds whose AZ spread is their `subnets` prop rather than where the box is drawn.
SPREAD_KINDS = ("load_balancer", "auto_scaling_group")
# Kinds that run in exactly one subnet (or AZ, for a volume drawn in an AZ frame).
ZONAL_KINDS = ("ec2", "ebs_volume", "nat_gateway", "rds", "vpc_endpoint")
ANY_V4 = "0.0.0.0/0"


@dataclass(frozen=True)
class Tier:
    """A set of nodes a path is trying to reach: one role, one load balancer's targets, or all DBs.

    A tier is reachable when any of its members is. `aliases` names the other definitions
    that produced the same members (a role tier that is also a load balancer's targets).
    """

    key: str
    name: str
    name_ko: str
    members: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "name_ko": self.name_ko,
            "members": list(self.members),
            "aliases": list(self.aliases),
        }


@dataclass
class Topology:
    """Everything about a design that does not depend on what has failed."""

    design: Design
    order: dict[str, int]
    placements: dict[str, tuple[str, ...]]
    ancestors: dict[str, frozenset[str]]  # every container above a node
    outer_ancestors: dict[str, frozenset[str]]  # the ancestors above the AZ level (VPC, Region…)
    entries: tuple[str, ...]
    tiers: tuple[Tier, ...]
    flows_out: dict[str, list[tuple[str, str]]]  # node → [(edge id, target)], file order
    vpcs: dict[str, str | None] = field(default_factory=dict)  # node → its VPC id
    gateways: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (vpc, kind) → ids
    vpn_peers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # VGW → nodes of its vpn edges
    nat_routes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # subnet → NAT ids
    internet_edges: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node → internet ids

    def node(self, node_id: str) -> Node:
        return self.design.node(node_id)

    def label(self, node_id: str) -> str:
        """The node's label, or its id when it has none."""
        return self.design.node(node_id).display_name()

    def placement_azs(self, node_id: str) -> tuple[str | None, ...]:
        """The distinct AZ ids of a node's placements (None for a subnet outside any AZ)."""
        out: list[str | None] = []
        for place in self.placements[node_id]:
            az = self.design.az_of(place)
            key = az.id if az is not None else None
            if key not in out:
                out.append(key)
        return tuple(out)


def build_topology(design: Design) -> Topology:
    """Read the placements, entries, tiers and flow adjacency of a design."""
    order = {nid: i for i, nid in enumerate(design.node_ids())}
    placements = {n.id: _placements(design, n) for n in design.nodes}
    entries = tuple(n.id for n in design.nodes if n.kind in ENTRY_KINDS)
    flows_out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    internet_edges: dict[str, list[str]] = defaultdict(list)
    for edge in design.edges:
        if edge.kind in FLOW_EDGE_KINDS:
            flows_out[edge.source].append((edge.id, edge.target))
        if edge.kind == "traffic" and design.node(edge.target).kind == "internet":
            internet_edges[edge.source].append(edge.target)
    vpcs: dict[str, str | None] = {}
    for node in design.nodes:
        vpc = design.vpc_of(node.id)
        if vpc is None and placements[node.id]:
            # A load balancer drawn outside its VPC still lives where its subnets are.
            vpc = design.vpc_of(placements[node.id][0])
        vpcs[node.id] = vpc.id if vpc is not None else None
    gateways: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in design.nodes_of_kind("internet_gateway", "vpn_gateway"):
        if node.parent is not None and design.node(node.parent).kind == "vpc":
            gateways[(node.parent, node.kind)].append(node.id)  # attached = drawn in the VPC
    vpn_peers: dict[str, list[str]] = defaultdict(list)
    for edge in design.edges_of_kind("vpn"):
        for end, other in ((edge.source, edge.target), (edge.target, edge.source)):
            if design.node(end).kind == "vpn_gateway":
                vpn_peers[end].append(other)
    ancestors = {n.id: [a for a in design.ancestors(n.id)] for n in design.nodes}
    return Topology(
        design=design,
        order=order,
        placements=placements,
        ancestors={k: frozenset(a.id for a in v) for k, v in ancestors.items()},
        outer_ancestors={k: frozenset(a.id for a in v if a.kind not in ZONAL_CONTAINERS)
                         for k, v in ancestors.items()},
        entries=entries,
        tiers=find_tiers(design),
        flows_out=dict(flows_out),
        vpcs=vpcs,
        gateways={k: tuple(v) for k, v in gateways.items()},
        vpn_peers={k: tuple(v) for k, v in vpn_peers.items()},
        nat_routes=_nat_routes(design),
        internet_edges={k: tuple(v) for k, v in internet_edges.items()},
    )


def _existing_subnets(design: Design, ids: object) -> list[str]:
    """The ids in a `subnets` prop that name existing subnets, in order, without repeats."""
    if not isinstance(ids, list):
        return []
    out: list[str] = []
    for sid in ids:
        node = design.get_node(sid) if isinstance(sid, str) else None
        if node is not None and node.kind == "subnet" and sid not in out:
            out.append(sid)
    return out


def _zonal_home(design: Design, node_id: str) -> tuple[str, ...]:
    """The nearest subnet, else the nearest AZ, that holds a node (empty when neither)."""
    home = design.subnet_of(node_id) or design.az_of(node_id)
    return (home.id,) if home is not None else ()


def _placements(design: Design, node: Node) -> tuple[str, ...]:
    """Where a node runs: subnet/AZ ids; empty for regional and global services."""
    kind, props = node.kind, node.props
    if kind in ZONAL_CONTAINERS:
        return (node.id,)
    if kind in SPREAD_KINDS:
        return tuple(_existing_subnets(design, props.get("subnets"))) or _zonal_home(design, node.id)
    if kind == "rds":
        group = _existing_subnets(design, props.get("subnets"))
        primary = _zonal_home(design, node.id) or tuple(group[:1])
        if props.get("multi_az") is True:
            # The synchronous standby can take over in any other subnet of the DB subnet group.
            return tuple(dict.fromkeys((*primary, *group)))
        return primary
    if kind == "nat_gateway" and props.get("mode") == "regional":
        return ()  # a regional NAT gateway spans the AZs itself
    if kind == "vpc_endpoint":
        if props.get("endpoint_type") != "interface":
            return ()  # a gateway endpoint is a route-table target, not an ENI in an AZ
        return tuple(_existing_subnets(design, props.get("subnets"))) or _zonal_home(design, node.id)
    if kind in ZONAL_KINDS:
        return _zonal_home(design, node.id)
    return ()


def _nat_routes(design: Design) -> dict[str, tuple[str, ...]]:
    """Each subnet's default-route NAT gateways (`route` edges with 0.0.0.0/0 or no destination)."""
    out: dict[str, list[str]] = defaultdict(list)
    for edge in design.edges_of_kind("route"):
        target = design.node(edge.target)
        destination = edge.props.get("destination") or ANY_V4
        if target.kind == "nat_gateway" and destination == ANY_V4:
            out[edge.source].append(edge.target)
    return {k: tuple(v) for k, v in out.items()}


# The catalogue's `role` choices in Korean (a free-text role is shown as written).
ROLE_NAMES_KO = {"web": "웹", "app": "애플리케이션", "db": "데이터베이스", "bastion": "배스천"}


def find_tiers(design: Design) -> tuple[Tier, ...]:
    """The design's tiers: one per `role`, one per load balancer's targets, and all databases.

    Definitions with the same members are merged (the first one names the tier), so a
    role that is exactly a load balancer's targets is reported once. Order: roles by first
    appearance, then load balancers, then databases.
    """
    candidates: list[Tier] = []
    roles: dict[str, list[str]] = {}
    for node in design.nodes:
        role = node.props.get("role")
        if isinstance(role, str) and role.strip() and node.kind not in ENTRY_KINDS:
            roles.setdefault(role.strip(), []).append(node.id)
    for role, members in roles.items():
        candidates.append(Tier(role, f"{role} tier", f"{ROLE_NAMES_KO.get(role.lower(), role)} 계층", tuple(members)))
    for lb in design.nodes_of_kind("load_balancer"):
        targets: list[str] = []
        for edge in design.edges_of(lb.id):
            if edge.kind == "traffic" and edge.source == lb.id and edge.target not in targets:
                if design.node(edge.target).kind not in ENTRY_KINDS:
                    targets.append(edge.target)
        if targets:
            name = lb.display_name()
            candidates.append(Tier(f"targets:{lb.id}", f"targets of {name}", f"{name}의 대상", tuple(targets)))
    databases = [n.id for n in design.nodes if n.kind == "rds" or n.props.get("role") == "db"]
    if databases:
        candidates.append(Tier("databases", "all databases", "모든 데이터베이스", tuple(databases)))
    merged: dict[frozenset[str], Tier] = {}
    for tier in candidates:
        key = frozenset(tier.members)
        if key in merged:
            first = merged[key]
            merged[key] = Tier(first.key, first.name, first.name_ko, first.members,
                               (*first.aliases, tier.key))
        else:
            merged[key] = tier
    return tuple(merged.values())
