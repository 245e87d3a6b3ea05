"""Derived facts that many rules share: routes, public subnets, security-group matching.

All of them read through the tracking Context, so rules built on them stay incremental.
The mapping from the format to these facts is the one at the top of docs/rules.md.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, NamedTuple

from designer.rules.context import Context, EdgeView, NodeView

ANY_V4 = "0.0.0.0/0"
ANY_V6 = "::/0"
# Kinds that carry security groups (SG-001..005 apply to them).
SG_BEARING_KINDS = frozenset({"ec2", "rds", "load_balancer", "auto_scaling_group", "vpc_endpoint"})
# Regional and global services answer on public AWS addresses (S3 through a gateway
# endpoint too: its prefix list holds public ranges).
PUBLIC_SERVICE_KINDS = frozenset({"s3_bucket", "glacier_vault", "cloudfront", "route53_zone", "route53_record"})
S3_PREFIX_LIST = "pl-s3"  # stands for the S3 prefix list a gateway endpoint route targets
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Route:
    """One entry of a subnet's route table: destination → target node (via an edge or the flag)."""

    destination: str
    target: NodeView
    edge: EdgeView | None  # None for the implicit 0.0.0.0/0 → IGW of a public subnet


def parse_cidr(value: Any) -> Network | None:
    """A CIDR as an ip_network (host bits allowed), or None when it does not parse."""
    if not isinstance(value, str):
        return None
    return _parse_cidr(value)


@functools.lru_cache(maxsize=8192)
def _parse_cidr(value: str) -> Network | None:
    # Networks are immutable, so one parsed object can serve every rule.
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        return None


def declared_public(subnet: NodeView) -> bool:
    return subnet.prop("public") is True


def internet_gateways(ctx: Context, vpc: NodeView | None) -> list[NodeView]:
    """Internet gateways attached to a VPC (an IGW whose parent is the VPC)."""
    return list(ctx.memo(_internet_gateways, vpc))


def _internet_gateways(ctx: Context, vpc: NodeView | None) -> list[NodeView]:
    """Internet gateways attached to a VPC (an IGW whose parent is the VPC)."""
    if vpc is None:
        return []
    return [c for c in ctx.children(vpc.id) if c.kind == "internet_gateway"]


def default_destination(ctx: Context, subnet: NodeView, target: NodeView) -> str:
    """The destination a `route` edge has when it does not say (the format's defaults)."""
    if target.kind == "vpc_endpoint":
        return S3_PREFIX_LIST if str(target.prop("service", "s3")).lower() == "s3" else f"pl-{target.prop('service')}"
    if target.kind == "vpc":
        return str(target.prop("cidr", ANY_V4))
    if target.kind == "vpn_gateway":
        premises = [n for n in ctx.nodes_of_kind("on_premises") if n.prop("cidr")]
        return str(premises[0].prop("cidr")) if premises else ANY_V4
    return ANY_V4


def routes(ctx: Context, subnet: NodeView) -> list[Route]:
    """The subnet's route table: the public flag's default route plus its `route` edges."""
    return list(ctx.memo(_routes, subnet))


def _routes(ctx: Context, subnet: NodeView) -> list[Route]:
    """The subnet's route table: the public flag's default route plus its `route` edges."""
    table: list[Route] = []
    if declared_public(subnet):
        for igw in internet_gateways(ctx, ctx.vpc_of(subnet.id)):
            table.append(Route(ANY_V4, igw, None))
            break
    for edge in ctx.edges_of(subnet.id, ("route",)):
        if edge.source != subnet.id:
            continue
        target = ctx.node(edge.target)
        if target is None:
            continue
        destination = edge.prop("destination") or default_destination(ctx, subnet, target)
        table.append(Route(str(destination), target, edge))
    return table


def default_route(ctx: Context, subnet: NodeView) -> Route | None:
    """The 0.0.0.0/0 route of a subnet, if any (the first one when several clash)."""
    for route in routes(ctx, subnet):
        if route.destination == ANY_V4:
            return route
    return None


def is_public(ctx: Context, subnet: NodeView) -> bool:
    """A subnet is public when its route table sends 0.0.0.0/0 to an IGW of its own VPC."""
    return ctx.memo(_is_public, subnet)


def _is_public(ctx: Context, subnet: NodeView) -> bool:
    """A subnet is public when its route table sends 0.0.0.0/0 to an IGW of its own VPC."""
    vpc = ctx.vpc_of(subnet.id)
    for route in routes(ctx, subnet):
        if route.destination == ANY_V4 and route.target.kind == "internet_gateway":
            if vpc is not None and ctx.vpc_of(route.target.id) == vpc:
                return True
    return False


def subnets_of(ctx: Context, node: NodeView) -> list[NodeView]:
    """The subnets a node lives in: its `subnets` prop (LB, ASG, RDS group) or its subnet ancestor."""
    return list(ctx.memo(_subnets_of, node))


def _subnets_of(ctx: Context, node: NodeView) -> list[NodeView]:
    """The subnets a node lives in: its `subnets` prop (LB, ASG, RDS group) or its subnet ancestor."""
    ids = node.prop("subnets")
    if isinstance(ids, list) and ids:
        found = [ctx.node(i) for i in ids if isinstance(i, str)]
        return [s for s in found if s is not None and s.kind == "subnet"]
    subnet = ctx.subnet_of(node.id)
    return [subnet] if subnet is not None else []


def azs_of(ctx: Context, node: NodeView) -> list[NodeView]:
    """Distinct AZs of the node's subnets (in order)."""
    out: list[NodeView] = []
    for subnet in subnets_of(ctx, node):
        az = ctx.az_of(subnet.id)
        if az is not None and az not in out:
            out.append(az)
    return out


def az_key(az: NodeView) -> str:
    """What identifies an AZ: its `name` prop when set, else the frame's id."""
    return str(az.prop("name") or az.id)


def security_groups(ctx: Context, node: NodeView) -> list[NodeView]:
    """The security groups a node names in its `security_groups` prop (that exist)."""
    return list(ctx.memo(_security_groups, node))


def _security_groups(ctx: Context, node: NodeView) -> list[NodeView]:
    """The security groups a node names in its `security_groups` prop (that exist)."""
    ids = node.prop("security_groups")
    if not isinstance(ids, list):
        return []
    found = [ctx.node(i) for i in ids if isinstance(i, str)]
    return [g for g in found if g is not None and g.kind == "security_group"]


def port_range(value: Any) -> tuple[int, int] | None:
    """A rule's port as (from, to): an int, "from-to", or absent (all ports)."""
    if value is None or value == -1 or value == "-1":
        return (0, 65535)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, value)
    if isinstance(value, str):
        text = value.strip()
        try:
            if "-" in text:
                low, high = text.split("-", 1)
                return (int(low), int(high))
            return (int(text), int(text))
        except ValueError:
            return None
    return None


def protocol_matches(rule_protocol: Any, flow_protocol: str) -> bool:
    proto = str(rule_protocol if rule_protocol is not None else "-1").lower()
    return proto in ("-1", "all") or proto == flow_protocol.lower()


def rule_allows(rule: dict[str, Any], protocol: str, port: int | None, peer_cidrs: list[Network],
                peer_groups: set[str]) -> bool:
    """Whether one SG rule allows a flow from/to a peer given by its CIDRs and its SG ids."""
    if not isinstance(rule, dict) or str(rule.get("action", "allow")).lower() != "allow":
        return False
    if not protocol_matches(rule.get("protocol"), protocol):
        return False
    ports = port_range(rule.get("port"))
    if ports is None or (port is not None and not ports[0] <= port <= ports[1]):
        return False
    source = rule.get("source")
    if isinstance(source, str) and source in peer_groups:
        return True
    network = parse_cidr(source)
    if network is None:
        return False
    return any(covers(network, p) for p in peer_cidrs)


@functools.lru_cache(maxsize=65536)
def covers(outer: Network, inner: Network) -> bool:
    """Whether `inner` lies inside `outer` (False across IP versions); cached, it is hot."""
    return inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]


def node_cidrs(ctx: Context, node: NodeView) -> list[Network]:
    """The address ranges a flow endpoint comes from, as SG/NACL rules see them."""
    return list(ctx.memo(_node_cidrs, node))


def _node_cidrs(ctx: Context, node: NodeView) -> list[Network]:
    """The address ranges a flow endpoint comes from, as SG/NACL rules see them."""
    if node.kind == "internet" or node.kind in PUBLIC_SERVICE_KINDS:
        return [ipaddress.ip_network("203.0.113.0/24")]  # any public address (TEST-NET-3)
    if node.kind == "on_premises":
        cidr = parse_cidr(node.prop("cidr"))
        return [cidr] if cidr else []
    out = [c for s in subnets_of(ctx, node) if (c := parse_cidr(s.prop("cidr"))) is not None]
    if not out:
        vpc = ctx.vpc_of(node.id)
        cidr = parse_cidr(vpc.prop("cidr")) if vpc else None
        out = [cidr] if cidr else []
    return out


def flow_protocol_port(edge: EdgeView) -> tuple[str, int | None]:
    """A traffic edge's protocol and port (tcp and no port when the edge does not say)."""
    protocol = str(edge.prop("protocol") or "tcp").lower()
    port = edge.prop("port")
    return protocol, port if isinstance(port, int) and not isinstance(port, bool) else None


def sg_allows_inbound(ctx: Context, target: NodeView, source: NodeView, protocol: str,
                      port: int | None) -> bool:
    """Whether one of the target's SGs has an inbound rule admitting the source."""
    return groups_admit_inbound(ctx, security_groups(ctx, target), source,
                                frozenset(g.id for g in security_groups(ctx, source)), protocol, port)


def groups_admit_inbound(ctx: Context, groups: Sequence[NodeView], source: NodeView,
                         source_group_ids: AbstractSet[str], protocol: str, port: int | None) -> bool:
    """`sg_allows_inbound` with the target's groups and the source's group ids at hand (a
    `Flow` has them)."""
    if not groups:
        return False
    peer_ranges = ctx.memo(_node_ranges, source)
    for group in groups:
        if _admits(ctx.memo(_inbound_rules, group), protocol, port, peer_ranges, source_group_ids):
            return True
    return False


def sg_allows_outbound(ctx: Context, source: NodeView, target: NodeView, protocol: str,
                       port: int | None) -> bool:
    """Whether the source's SGs let the flow out (a group with no `outbound` key allows all)."""
    return groups_admit_outbound(ctx, security_groups(ctx, source), target,
                                 frozenset(g.id for g in security_groups(ctx, target)), protocol, port)


def groups_admit_outbound(ctx: Context, groups: Sequence[NodeView], target: NodeView,
                          target_group_ids: AbstractSet[str], protocol: str, port: int | None) -> bool:
    """`sg_allows_outbound` with the source's groups and the target's group ids at hand (a
    `Flow` has them)."""
    if not groups:
        return True
    peer_ranges = ctx.memo(_node_ranges, target)
    for group in groups:
        rules = ctx.memo(_outbound_rules, group)
        if rules is None or _admits(rules, protocol, port, peer_ranges, target_group_ids):
            return True
    return False


# A security-group rule parsed once per check: (protocol, from port, to port, source group id
# or None, source range as (IP version, first address, last address) or None).
ParsedRule = tuple[str, int, int, str | None, tuple[int, int, int] | None]


def _as_range(network: Network) -> tuple[int, int, int]:
    return (network.version, int(network.network_address), int(network.broadcast_address))


def _node_ranges(ctx: Context, node: NodeView) -> tuple[tuple[int, int, int], ...]:
    return tuple(_as_range(n) for n in node_cidrs(ctx, node))


def _parse_rules(rules: Any) -> tuple[ParsedRule, ...]:
    out: list[ParsedRule] = []
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, dict) or str(rule.get("action", "allow")).lower() != "allow":
            continue
        proto = str(rule.get("protocol") if rule.get("protocol") is not None else "-1").lower()
        ports = port_range(rule.get("port"))
        if ports is None:
            continue
        source = rule.get("source")
        network = parse_cidr(source)
        out.append(("-1" if proto == "all" else proto, ports[0], ports[1],
                    source if isinstance(source, str) and network is None else None,
                    _as_range(network) if network is not None else None))
    return tuple(out)


def _inbound_rules(ctx: Context, group: NodeView) -> tuple[ParsedRule, ...]:
    return _parse_rules(group.prop("inbound"))


def _outbound_rules(ctx: Context, group: NodeView) -> tuple[ParsedRule, ...] | None:
    rules = group.prop("outbound")
    return None if rules is None else _parse_rules(rules)  # no key: AWS's default allow-all


def _admits(rules: tuple[ParsedRule, ...], protocol: str, port: int | None,
            peer_ranges: tuple[tuple[int, int, int], ...], peer_groups: AbstractSet[str]) -> bool:
    """Whether a parsed rule admits a peer given by its address ranges and its group ids."""
    protocol = protocol.lower()
    for proto, low, high, group_id, span in rules:
        if proto != "-1" and proto != protocol:
            continue
        if port is not None and not low <= port <= high:
            continue
        if group_id is not None and group_id in peer_groups:
            return True
        if span is not None:
            version, first, last = span
            for peer_version, peer_first, peer_last in peer_ranges:  # a loop, not any(): it is hot
                if peer_version == version and first <= peer_first and peer_last <= last:
                    return True
    return False


def names(nodes: list[NodeView]) -> str:
    """Labels joined for a message: 'A', 'A and B', 'A, B and C'."""
    labels = [n.name for n in nodes]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def names_ko(nodes: list[NodeView]) -> str:
    return ", ".join(n.name for n in nodes)


# ---------------------------------------------------------------- shared by several families
def vpc_subnets(ctx: Context, vpc: NodeView) -> list[NodeView]:
    """The subnets inside a VPC, walking only the container frames (AZs) on the way.

    Resources inside subnets are not visited, so adding an instance does not make a
    VPC-wide rule re-check.
    """
    return list(ctx.memo(_vpc_subnets, vpc))


def _vpc_subnets(ctx: Context, vpc: NodeView) -> list[NodeView]:
    """The subnets inside a VPC, walking only the container frames (AZs) on the way.

    Resources inside subnets are not visited, so adding an instance does not make a
    VPC-wide rule re-check.
    """
    out: list[NodeView] = []
    stack = list(reversed(ctx.children(vpc.id)))
    while stack:
        node = stack.pop()
        if node.kind == "subnet":
            out.append(node)
        elif node.kind == "availability_zone":
            stack.extend(reversed(ctx.children(node.id)))
    return out


def vpc_blocks(vpc: NodeView) -> list[Network]:
    """A VPC's IPv4/IPv6 blocks: `cidr` plus `secondary_cidrs` (the ones that parse)."""
    blocks = [parse_cidr(vpc.prop("cidr"))]
    secondary = vpc.prop("secondary_cidrs")
    if isinstance(secondary, list):
        blocks += [parse_cidr(c) for c in secondary]
    return [b for b in blocks if b is not None]


def nacls_of(ctx: Context, subnet: NodeView) -> list[NodeView]:
    """The network ACLs whose `subnets` name this subnet (none: the VPC's default NACL)."""
    return ctx.memo(_nacls_of, subnet)


def _nacls_of(ctx: Context, subnet: NodeView) -> list[NodeView]:
    return ctx.referrers(subnet.id, "subnets", "network_acl")


def attached(ctx: Context, node: NodeView, kind: str) -> list[NodeView]:
    """Nodes of `kind` joined to `node` by an `attach` edge (either direction), in edge order."""
    out: list[NodeView] = []
    for edge in ctx.edges_of(node.id, ("attach",)):
        other = ctx.node(edge.target if edge.source == node.id else edge.source)
        if other is not None and other.kind == kind and other not in out:
            out.append(other)
    return out


def nat_egress_ok(ctx: Context, subnet: NodeView) -> bool:
    """Whether a private subnet reaches the internet through a working NAT gateway (NAT-002):
    0.0.0.0/0 → a NAT of the same VPC in another, public subnet (or a regional NAT)."""
    route = default_route(ctx, subnet)
    if route is None or route.target.kind != "nat_gateway":
        return False
    nat = route.target
    vpc = ctx.vpc_of(subnet.id)
    if vpc is None or ctx.vpc_of(nat.id) != vpc:
        return False
    if str(nat.prop("connectivity") or "public") == "private":
        return False
    if str(nat.prop("mode") or "zonal") == "regional":
        return bool(internet_gateways(ctx, vpc))
    home = ctx.subnet_of(nat.id)
    return home is not None and home != subnet and is_public(ctx, home)


def flow_subnets(ctx: Context, node: NodeView) -> list[NodeView]:
    """The subnets traffic from/to a node passes through (empty for regional services)."""
    if node.kind in ("internet", "on_premises", "customer_gateway"):
        return []
    return subnets_of(ctx, node)


def on_premises_of(ctx: Context, node: NodeView) -> NodeView | None:
    """The on-premises network a node stands for or sits in (a customer gateway's parent)."""
    return ctx.enclosing(node.id, "on_premises")


def ends(ctx: Context, edge: EdgeView) -> tuple[NodeView | None, NodeView | None]:
    """An edge's source and target nodes (None for a missing one), memoised per check:
    every rule of a traffic edge starts here."""
    return ctx.memo(_ends, edge)


def _ends(ctx: Context, edge: EdgeView) -> tuple[NodeView | None, NodeView | None]:
    return ctx.node(edge.source), ctx.node(edge.target)


class Flow(NamedTuple):
    """A `traffic` edge as its rules see it, derived once per check.

    Every rule of a traffic edge (SG-003, ACL-002, PEER-002, PEER-003, VPN-001, VPCE-001,
    RT-003) starts from the same facts about its two ends; all of them are read by at least
    one of those rules anyway, so gathering them in one memoised record adds no dependency
    to the edge and saves each rule a dozen look-ups.
    """

    source: NodeView
    target: NodeView
    protocol: str
    port: int | None
    source_vpc: NodeView | None
    target_vpc: NodeView | None
    source_premises: NodeView | None  # `on_premises_of` each end
    target_premises: NodeView | None
    source_groups: tuple[NodeView, ...]  # `security_groups` of each end
    target_groups: tuple[NodeView, ...]
    source_group_ids: frozenset[str]  # … and their ids
    target_group_ids: frozenset[str]
    source_subnets: tuple[NodeView, ...]  # `flow_subnets` of each end
    target_subnets: tuple[NodeView, ...]


def flow(ctx: Context, edge: EdgeView) -> Flow | None:
    """The facts of a traffic edge's two ends (None when an end is missing), memoised per check."""
    return ctx.memo(_flow, edge)


def _flow(ctx: Context, edge: EdgeView) -> Flow | None:
    source, target = ctx.node(edge.source), ctx.node(edge.target)  # as `ends`, read once here
    if source is None or target is None:
        return None
    protocol, port = flow_protocol_port(edge)
    # The memoised facts themselves (no defensive copies: the tuples are the copies).
    around_source, around_target = ctx.containers(source.id), ctx.containers(target.id)
    source_groups = tuple(ctx.memo(_security_groups, source))
    target_groups = tuple(ctx.memo(_security_groups, target))
    return Flow(source, target, protocol, port, around_source.get("vpc"), around_target.get("vpc"),
                around_source.get("on_premises"), around_target.get("on_premises"),
                source_groups, target_groups,
                frozenset([g.id for g in source_groups]), frozenset([g.id for g in target_groups]),
                _flow_subnets(ctx, source), _flow_subnets(ctx, target))


def _flow_subnets(ctx: Context, node: NodeView) -> tuple[NodeView, ...]:
    """`flow_subnets` as a tuple."""
    if node.kind in ("internet", "on_premises", "customer_gateway"):
        return ()
    return tuple(ctx.memo(_subnets_of, node))
