"""Facts both IaC exporters need, derived once from a design (pure, Qt-free).

`derive(design)` answers, for CloudFormation and Terraform alike: which Region each
resource goes to (global resources and mis-placed ones included), each subnet's VPC and
AZ *index* within its Region, each subnet's routes, normalised security-group rules,
load-balancer targets, EIP/volume attachments, Route 53 alias targets, CloudFront
origins, peering and VPN connections, and unique ASCII names. Anything the design holds
that cannot be expressed becomes a note, never an exception; only a Region code that is
not one (it names output files) is exported as us-east-1 with a note.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from designer.exporters.naming import unique_node_words
from designer.exporters.values import (
    as_bool,
    as_dicts,
    as_int,
    as_str,
    as_str_list,
    ip_protocol,
    ipv4_cidr,
    ipv6_cidr,
    port_range,
)
from designer.model import Design, Node

# Kinds that are drawing frames or the world outside AWS: they create nothing.
NOT_RESOURCES = frozenset({"region", "availability_zone", "internet", "on_premises"})
GLOBAL_KINDS = frozenset({"route53_zone", "route53_record", "cloudfront"})
DEFAULT_REGION = "us-east-1"
REGION_CODE = re.compile(r"[a-z]{2}(-[a-z]+)+-\d{1,2}")
ALL_IPV4 = "0.0.0.0/0"
# Kinds that exist only inside a VPC: without one they are skipped.
VPC_SCOPED = frozenset({"subnet", "internet_gateway", "nat_gateway", "vpc_endpoint", "vpn_gateway",
                        "security_group", "network_acl", "ec2", "auto_scaling_group",
                        "load_balancer", "rds"})


@dataclass(frozen=True)
class Route:
    """One route of a subnet's route table: a CIDR to an IGW, NAT, VGW or peering."""

    destination: str
    via: str  # "igw" | "nat" | "vgw" | "peering"
    target: str  # node id of the gateway, or the peering's key


@dataclass(frozen=True)
class SgRule:
    """A security-group rule, normalised: exactly one of cidr4/cidr6/sg/sg_literal/prefix_list."""

    egress: bool
    protocol: str  # tcp | udp | icmp | icmpv6 | -1
    from_port: int | None  # None with protocol -1 (all)
    to_port: int | None
    cidr4: str | None = None
    cidr6: str | None = None
    sg: str | None = None  # a security_group node id in the design
    sg_literal: str | None = None  # an existing "sg-…" id outside the design
    prefix_list: str | None = None  # "pl-…"
    description: str = ""


@dataclass(frozen=True)
class Peering:
    """A VPC peering connection from a `peering` edge."""

    key: str  # the edge id
    requester: str  # vpc node id
    accepter: str


@dataclass(frozen=True)
class VpnConnection:
    """A Site-to-Site VPN from a `vpn` edge between a customer and a virtual private gateway."""

    key: str  # the edge id
    customer_gateway: str
    vpn_gateway: str
    cidr: str | None  # the on-premises range for the static route


@dataclass
class LbTargets:
    """A load balancer's targets from its `traffic` edges."""

    instances: list[tuple[str, int]] = field(default_factory=list)  # (ec2 id, port)
    asgs: list[str] = field(default_factory=list)
    port: int = 80


@dataclass
class RegionPlan:
    """One Region's share of the design: its code and its resource nodes in file order."""

    code: str
    nodes: list[Node] = field(default_factory=list)
    az_keys: dict[str, int] = field(default_factory=dict)

    @property
    def alias(self) -> str:
        """The Terraform provider alias: the code with - → _."""
        return self.code.replace("-", "_")


@dataclass
class Facts:
    """Everything derived from one design, keyed by node id."""

    design: Design
    regions: list[RegionPlan]
    region: dict[str, str]  # node id → Region code (resources only)
    words: dict[str, tuple[str, ...]]
    vpc: dict[str, str]  # node id → its VPC id (subnets and VPC-scoped resources)
    subnet: dict[str, str]  # zonal resource → its subnet id (after "sensible" fallbacks)
    az_index: dict[str, int]  # subnet / volume / ec2 → index into the Region's AZ list
    routes: dict[str, list[Route]]
    endpoint_subnets: dict[str, list[str]]  # gateway endpoint → subnets routing to it
    sg_rules: dict[str, list[SgRule]]
    sg_refs: dict[str, list[str]]  # resource → the security groups it may use
    subnet_refs: dict[str, list[str]]  # lb / asg / rds / interface endpoint → subnets
    lb_targets: dict[str, LbTargets]
    nat_eip: dict[str, str | None]  # public NAT → attached EIP (None: create one)
    eip_instance: dict[str, str]
    volume_attachments: list[tuple[str, str, str]]  # (volume, ec2, device)
    alias_target: dict[str, str]  # route53_record → target node id
    record_zone: dict[str, str]
    origins: dict[str, list[str]]  # cloudfront → s3_bucket / load_balancer ids
    igw_vpc: dict[str, str]
    vgw_vpc: dict[str, str]
    peerings: list[Peering]
    vpns: list[VpnConnection]
    exported: set[str]  # the resource nodes the exporters turn into resources
    notes: list[str]

    def node(self, node_id: str) -> Node:
        return self.design.node(node_id)

    def kind(self, node_id: str) -> str:
        return self.design.node(node_id).kind

    def attachments_of(self, volume_id: str) -> list[tuple[str, str]]:
        """(instance, device) for each attach edge of an EBS volume."""
        if not hasattr(self, "_by_volume"):
            self._by_volume: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for volume, instance, device in self.volume_attachments:
                self._by_volume[volume].append((instance, device))
        return self._by_volume.get(volume_id, [])

    def same_region(self, a: str, b: str) -> bool:
        return self.region.get(a) is not None and self.region.get(a) == self.region.get(b)

    def vpc_igw(self, vpc_id: str) -> str | None:
        return next((g for g, v in self.igw_vpc.items() if v == vpc_id), None)


def _name(node: Node) -> str:
    """How notes name a node: its id, and its label when it has one."""
    return f'"{node.id}"' + (f" ({node.label})" if node.label and node.label != node.id else "")


class _Deriver:
    """Builds `Facts` in passes; each pass reads only what earlier passes settled."""

    def __init__(self, design: Design) -> None:
        self.d = design
        self.notes: list[str] = []
        self.edges = defaultdict(list)
        for edge in design.edges:
            self.edges[edge.kind].append(edge)
        self.resources = [n for n in design.nodes if n.kind not in NOT_RESOURCES]
        self.bad: set[str] = set()  # VPCs that cannot be exported (no valid CIDR)
        self._enclosing: dict[tuple[str, str], Node | None] = {}

    def enclosing(self, kind: str, node_id: str) -> Node | None:
        """Design.enclosing, memoised: large designs ask for the same chains many times."""
        chain: list[str] = []
        current: str | None = node_id
        found: Node | None = None
        while current is not None and current in self.d:
            if (kind, current) in self._enclosing:
                found = self._enclosing[(kind, current)]
                break
            node = self.d.node(current)
            chain.append(current)
            if node.kind == kind:
                found = node
                break
            current = node.parent
            if len(chain) > len(self.d):  # defensive: a loaded design has no cycle
                break
        for visited in chain:
            self._enclosing[(kind, visited)] = found
        return found

    def note(self, text: str) -> None:
        self.notes.append(text)

    # -------------------------------------------------------------- placement
    def regions(self) -> tuple[list[RegionPlan], dict[str, str]]:
        plans: dict[str, RegionPlan] = {}
        for node in self.d.nodes_of_kind("region"):
            code = self.code_of(node)
            if code != as_str(node.props.get("code")):
                self.note(f"region {_name(node)}: code {node.props.get('code')!r} is not an AWS "
                          f"Region code (like ap-northeast-2); exported as {code}")
            plans.setdefault(code, RegionPlan(code))
        region: dict[str, str] = {}
        later: list[Node] = []
        for node in self.resources:
            if node.kind in GLOBAL_KINDS or node.kind == "customer_gateway":
                later.append(node)
                continue
            found = self.enclosing("region", node.id)
            region[node.id] = self.code_of(found) if found else self._first(plans, node)
        # Global resources may point at each other (a record at CloudFront at a bucket).
        for _ in range(3):
            pending = []
            for node in later:
                code = self._global_region(node, region)
                if code:
                    region[node.id] = code
                else:
                    pending.append(node)
            later = pending
        for node in later:
            region[node.id] = self._first(plans, node)
        for node in self.resources:
            plans[region[node.id]].nodes.append(node)
        return [p for p in plans.values() if p.nodes] or list(plans.values())[:1], region

    @staticmethod
    def code_of(region: Node) -> str:
        """The Region's code; one that is not a Region code (it names files) reads as the default."""
        code = as_str(region.props.get("code"))
        return code if REGION_CODE.fullmatch(code) else DEFAULT_REGION

    def _first(self, plans: dict[str, RegionPlan], node: Node) -> str:
        if not plans:
            plans[DEFAULT_REGION] = RegionPlan(DEFAULT_REGION)
            self.note(f"the design has no Region; resources go to {DEFAULT_REGION}")
        return next(iter(plans))

    def _global_region(self, node: Node, region: dict[str, str]) -> str | None:
        """Global resources go where they point: a zone to its records' alias targets,
        a record to its zone, CloudFront to its first origin, a customer gateway to its VGW."""
        if node.kind == "route53_record":
            parent = self.d.get_node(node.parent)
            if parent is not None and parent.kind == "route53_zone":
                return region.get(parent.id) or self._global_region(parent, region)
            return self._edge_region(node.id, "dns", region)
        if node.kind == "route53_zone":
            for record in self.d.children(node.id):
                found = self._edge_region(record.id, "dns", region)
                if found:
                    return found
            return None
        kind = {"cloudfront": "origin", "customer_gateway": "vpn"}[node.kind]
        return self._edge_region(node.id, kind, region)

    def _edge_region(self, node_id: str, kind: str, region: dict[str, str]) -> str | None:
        for edge in self.edges[kind]:
            if node_id in (edge.source, edge.target):
                other = edge.target if edge.source == node_id else edge.source
                if other in region:
                    return region[other]
        return None

    # -------------------------------------------------------------- network skeleton
    def network(self, region: dict[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        vpc: dict[str, str] = {}
        igw_vpc: dict[str, str] = {}
        vgw_vpc: dict[str, str] = {}
        vpcs_by_region: dict[str, list[str]] = defaultdict(list)
        for node in self.d.nodes_of_kind("vpc"):
            if ipv4_cidr(node.props.get("cidr")) is None:
                self.bad.add(node.id)
                self.note(f"VPC {_name(node)}: CIDR {node.props.get('cidr')!r} is not an IPv4 "
                          f"CIDR; the VPC and everything in it are skipped")
            else:
                vpcs_by_region[region[node.id]].append(node.id)
        for node in self.resources:
            if node.kind in GLOBAL_KINDS or node.kind in ("vpc", "s3_bucket", "glacier_vault",
                                                          "elastic_ip", "customer_gateway"):
                continue
            found = self.enclosing("vpc", node.id)
            if found is None:
                candidates = vpcs_by_region.get(region[node.id], [])
                if len(candidates) == 1 and node.kind in ("internet_gateway", "vpn_gateway"):
                    found = self.d.node(candidates[0])
                    self.note(f"{node.kind} {_name(node)} is outside any VPC; attached to the "
                              f'Region\'s only VPC "{found.id}"')
            if found is not None and found.id in self.bad:
                continue
            if found is None:
                if node.kind != "ebs_volume":
                    self.note(f"{node.kind} {_name(node)} is in no VPC: skipped")
                continue
            if node.kind == "subnet" and ipv4_cidr(node.props.get("cidr")) is None:
                self.note(f"subnet {_name(node)}: CIDR {node.props.get('cidr')!r} is not an IPv4 "
                          f"CIDR; skipped")
                continue
            vpc[node.id] = found.id
            if node.kind == "internet_gateway":
                if found.id in igw_vpc.values():
                    self.note(f"internet gateway {_name(node)}: the VPC already has one; not attached")
                else:
                    igw_vpc[node.id] = found.id
            if node.kind == "vpn_gateway":
                vgw_vpc[node.id] = found.id
        return vpc, igw_vpc, vgw_vpc

    def az_indexes(self, plans: list[RegionPlan], region: dict[str, str],
                   vpc: dict[str, str]) -> dict[str, int]:
        by_code = {p.code: p for p in plans}
        out: dict[str, int] = {}
        for node in self.d.nodes_of_kind("availability_zone"):
            found = self.enclosing("region", node.id)
            code = self.code_of(found) if found else ""
            if code in by_code:
                self._az_key(by_code[code], node)
        for node in self.resources:
            az = self.enclosing("availability_zone", node.id)
            if az is not None and node.id in region and (node.id in vpc or node.kind == "ebs_volume"):
                out[node.id] = self._az_key(by_code[region[node.id]], az)
        return out

    @staticmethod
    def _az_key(plan: RegionPlan, az: Node) -> int:
        key = as_str(az.props.get("name")) or f"#{az.id}"
        return plan.az_keys.setdefault(key, len(plan.az_keys))

    # -------------------------------------------------------------- routing
    def peerings(self, vpc_ids: set[str]) -> list[Peering]:
        out: list[Peering] = []
        seen: set[frozenset[str]] = set()
        for edge in self.edges["peering"]:
            a, b = self.enclosing("vpc", edge.source), self.enclosing("vpc", edge.target)
            if a is None or b is None or a.id == b.id or a.id not in vpc_ids or b.id not in vpc_ids:
                self.note(f'peering edge "{edge.id}" does not join two VPCs: skipped')
                continue
            if frozenset((a.id, b.id)) in seen:
                continue
            seen.add(frozenset((a.id, b.id)))
            out.append(Peering(edge.id, a.id, b.id))
        return out

    def vpns(self, region: dict[str, str]) -> list[VpnConnection]:
        out: list[VpnConnection] = []
        for edge in self.edges["vpn"]:
            ends = {self.d.node(edge.source).kind: edge.source, self.d.node(edge.target).kind: edge.target}
            cgw, vgw = ends.get("customer_gateway"), ends.get("vpn_gateway")
            if cgw is None or vgw is None:
                self.note(f'vpn edge "{edge.id}" does not join a customer gateway and a '
                          f"virtual private gateway: skipped")
                continue
            out.append(VpnConnection(edge.id, cgw, vgw, self._onprem_cidr(cgw)))
        return out

    def _onprem_cidr(self, cgw: str) -> str | None:
        office = self.d.nearest(cgw, "on_premises")
        offices = [office] if office else self.d.nodes_of_kind("on_premises")
        for node in offices:
            cidr = ipv4_cidr(node.props.get("cidr"))
            if cidr:
                return cidr
        return None

    def routes(self, vpc: dict[str, str], igw_vpc: dict[str, str], peerings: list[Peering],
               vpns: list[VpnConnection]) -> tuple[dict[str, list[Route]], dict[str, list[str]]]:
        routes: dict[str, list[Route]] = {s: [] for s, _ in vpc.items() if self.d.node(s).kind == "subnet"}
        endpoint_subnets: dict[str, list[str]] = defaultdict(list)
        vpc_igw = {v: g for g, v in igw_vpc.items()}
        for subnet in routes:
            node = self.d.node(subnet)
            if as_bool(node.props.get("public")):
                igw = vpc_igw.get(vpc[subnet])
                if igw:
                    routes[subnet].append(Route(ALL_IPV4, "igw", igw))
                else:
                    self.note(f"public subnet {_name(node)}: its VPC has no internet gateway, "
                              f"so no 0.0.0.0/0 route")
        for edge in self.edges["route"]:
            subnet, target = edge.source, edge.target
            if self.d.node(subnet).kind != "subnet":
                subnet, target = target, subnet
            if subnet not in routes or target not in self.d:
                self.note(f'route edge "{edge.id}" does not start at an exported subnet: skipped')
                continue
            route = self._route(edge.id, subnet, target, edge.props, vpc, peerings, vpns,
                                endpoint_subnets)
            if route is None:
                continue
            clash = next((r for r in routes[subnet] if r.destination == route.destination), None)
            if clash:
                self.note(f'route edge "{edge.id}": subnet "{subnet}" already routes '
                          f"{route.destination} to {clash.via}; skipped")
                continue
            routes[subnet].append(route)
        return routes, dict(endpoint_subnets)

    def _route(self, edge_id: str, subnet: str, target: str, props: dict[str, Any],
               vpc: dict[str, str], peerings: list[Peering], vpns: list[VpnConnection],
               endpoint_subnets: dict[str, list[str]]) -> Route | None:
        node = self.d.node(target)
        given = ipv4_cidr(props.get("destination"))
        if node.kind == "nat_gateway" and target in vpc:
            return Route(given or ALL_IPV4, "nat", target)
        if node.kind == "internet_gateway" and target in vpc:
            return Route(given or ALL_IPV4, "igw", target)
        if node.kind == "vpn_gateway" and target in vpc:
            cidr = given or next((v.cidr for v in vpns if v.vpn_gateway == target and v.cidr), None)
            if cidr is None:
                self.note(f'route edge "{edge_id}": no destination and no on-premises CIDR; skipped')
                return None
            return Route(cidr, "vgw", target)
        if node.kind == "vpc_endpoint" and target in vpc:
            if as_str(node.props.get("endpoint_type"), "gateway") == "interface":
                self.note(f'route edge "{edge_id}": an interface endpoint needs no route; skipped')
            elif subnet not in endpoint_subnets[target]:
                endpoint_subnets[target].append(subnet)
            return None
        if node.kind == "vpc":
            mine = vpc[subnet]
            peering = next((p for p in peerings if {p.requester, p.accepter} == {mine, target}), None)
            cidr = given or ipv4_cidr(node.props.get("cidr"))
            if peering is None or cidr is None:
                self.note(f'route edge "{edge_id}": no peering connection (or CIDR) to VPC '
                          f'"{target}"; skipped')
                return None
            return Route(cidr, "peering", peering.key)
        self.note(f'route edge "{edge_id}": cannot route to {node.kind} "{target}"; skipped')
        return None

    # -------------------------------------------------------------- security groups
    def sg_rules(self, region: dict[str, str]) -> dict[str, list[SgRule]]:
        out: dict[str, list[SgRule]] = {}
        for sg in self.d.nodes_of_kind("security_group"):
            rules: list[SgRule] = []
            for direction, egress in (("inbound", False), ("outbound", True)):
                raw = sg.props.get(direction)
                if egress and raw is None:
                    rules.append(SgRule(True, "-1", None, None, cidr4=ALL_IPV4,
                                        description="all outbound (AWS default)"))
                    continue
                for i, rule in enumerate(as_dicts(raw)):
                    made = self._sg_rule(sg, direction, i, rule, egress, region)
                    if made:
                        rules.append(made)
            out[sg.id] = rules
        return out

    def _sg_rule(self, sg: Node, direction: str, i: int, rule: dict[str, Any], egress: bool,
                 region: dict[str, str]) -> SgRule | None:
        where = f"security group {_name(sg)} {direction} rule {i + 1}"
        if as_str(rule.get("action"), "allow").lower() == "deny":
            self.note(f"{where}: security groups have no deny rules; skipped (use a network ACL)")
            return None
        protocol = ip_protocol(rule.get("protocol"))
        if protocol is None:
            self.note(f"{where}: unknown protocol {rule.get('protocol')!r}; skipped")
            return None
        try:
            ports = port_range(rule.get("port"))
        except ValueError as exc:
            self.note(f"{where}: {exc}; skipped")
            return None
        if protocol in ("tcp", "udp"):
            ports = ports or (0, 65535)
        elif protocol in ("icmp", "icmpv6"):
            ports = ports or (-1, -1)
        else:
            ports = None
        low, high = ports if ports else (None, None)
        source = as_str(rule.get("source") or rule.get("destination") or rule.get("cidr"))
        base = SgRule(egress, protocol, low, high, description=as_str(rule.get("description")))
        target = self.d.get_node(source) if source else None
        if target is not None and target.kind == "security_group":
            if region.get(target.id) != region.get(sg.id):
                self.note(f'{where}: security group "{source}" is in another Region; skipped')
                return None
            return _replace(base, sg=source)
        if ipv4_cidr(source):
            return _replace(base, cidr4=ipv4_cidr(source))
        if ipv6_cidr(source):
            return _replace(base, cidr6=ipv6_cidr(source))
        if re.fullmatch(r"sg-[0-9a-f]{8,17}", source):
            return _replace(base, sg_literal=source)
        if re.fullmatch(r"pl-[0-9a-f]{8,17}", source):
            return _replace(base, prefix_list=source)
        self.note(f"{where}: source {source!r} is neither a CIDR nor a security group; skipped")
        return None

    def refs(self, node: Node, prop: str, kind: str, region: dict[str, str],
             vpc: dict[str, str]) -> list[str]:
        """The ids in `node.props[prop]` that are exported nodes of `kind` in the same Region."""
        out: list[str] = []
        for ref in as_str_list(node.props.get(prop)):
            target = self.d.get_node(ref)
            if target is None or target.kind != kind or region.get(ref) != region.get(node.id) \
                    or ref not in vpc:
                self.note(f'{node.kind} {_name(node)}: {prop} entry "{ref}" is not a {kind} '
                          f"in its Region; skipped")
            elif ref not in out:
                out.append(ref)
        return out

    # -------------------------------------------------------------- placement of zonal resources
    def subnets_of_zonal(self, vpc: dict[str, str], region: dict[str, str]) -> dict[str, str]:
        """ec2, rds, nat and interface endpoints → their subnet (own, else a sensible one)."""
        out: dict[str, str] = {}
        for node in self.resources:
            if node.kind not in ("ec2", "rds", "nat_gateway", "vpc_endpoint") or node.id not in vpc:
                continue
            if node.kind == "nat_gateway" and as_str(node.props.get("mode"), "zonal") == "regional":
                continue  # a regional NAT gateway spans the VPC's AZs: no subnet
            own = self.enclosing("subnet", node.id)
            if own is not None and own.id in vpc:
                out[node.id] = own.id
                continue
            if node.kind == "vpc_endpoint":
                continue
            az = self.enclosing("availability_zone", node.id)
            pool = [s for s, v in vpc.items() if v == vpc[node.id] and self.d.node(s).kind == "subnet"]
            in_az = [s for s in pool if az is not None and self.enclosing("availability_zone", s) is az]
            chosen = (in_az or pool or [None])[0]
            if chosen is None:
                self.note(f"{node.kind} {_name(node)}: its VPC has no subnet; skipped")
            else:
                out[node.id] = chosen
                self.note(f'{node.kind} {_name(node)} is not in a subnet; placed in "{chosen}"')
        return out

    def spread_subnets(self, node: Node, prop: str, vpc: dict[str, str], region: dict[str, str],
                       prefer_public: bool) -> list[str]:
        """A multi-AZ resource's subnets: the prop, else its own subnet, else one per AZ."""
        chosen = self.refs(node, prop, "subnet", region, vpc) if prop else []
        chosen = [s for s in chosen if vpc.get(s) == vpc.get(node.id)] or chosen
        if chosen:
            return chosen
        own = self.enclosing("subnet", node.id)
        if own is not None and own.id in vpc:
            return [own.id]
        pool = [s for s, v in vpc.items() if v == vpc.get(node.id) and self.d.node(s).kind == "subnet"]
        pool.sort(key=lambda s: as_bool(self.d.node(s).props.get("public")) != prefer_public)
        per_az: dict[str, str] = {}
        for s in pool:
            az = self.enclosing("availability_zone", s)
            per_az.setdefault(az.id if az else s, s)
        return list(per_az.values())

    # -------------------------------------------------------------- edges between resources
    def attachments(self, vpc: dict[str, str], region: dict[str, str]):
        nat_eip: dict[str, str | None] = {}
        eip_instance: dict[str, str] = {}
        volumes: list[tuple[str, str, str]] = []
        devices: dict[str, int] = defaultdict(int)
        for node in self.d.nodes_of_kind("nat_gateway"):
            if node.id in vpc and as_str(node.props.get("connectivity"), "public") != "private":
                nat_eip[node.id] = None
        for edge in self.edges["attach"]:
            ends = {self.d.node(edge.source).kind: edge.source, self.d.node(edge.target).kind: edge.target}
            eip, vol = ends.get("elastic_ip"), ends.get("ebs_volume")
            nat, ec2 = ends.get("nat_gateway"), ends.get("ec2")
            target = nat or ec2
            if eip and target and target in vpc:
                if not self._same(eip, target, region, edge.id):
                    continue
                if eip in eip_instance or eip in nat_eip.values():
                    self.note(f'attach edge "{edge.id}": elastic IP "{eip}" is already attached')
                elif nat and nat in nat_eip and nat_eip[nat] is None:
                    nat_eip[nat] = eip
                elif ec2 and ec2 not in eip_instance.values():
                    eip_instance[eip] = ec2
                else:
                    self.note(f'attach edge "{edge.id}": "{target}" cannot take this elastic IP')
            elif vol and ec2 and ec2 in vpc:
                if self._same(vol, ec2, region, edge.id):
                    device = "/dev/sd" + chr(ord("f") + min(devices[ec2], 20))
                    devices[ec2] += 1
                    volumes.append((vol, ec2, device))
            else:
                self.note(f'attach edge "{edge.id}" joins nothing the exporters can attach: skipped')
        return nat_eip, eip_instance, volumes

    def _same(self, a: str, b: str, region: dict[str, str], edge_id: str) -> bool:
        if region.get(a) == region.get(b):
            return True
        self.note(f'edge "{edge_id}" joins two Regions: skipped')
        return False

    def lb_targets(self, region: dict[str, str], vpc: dict[str, str]) -> dict[str, LbTargets]:
        out: dict[str, LbTargets] = {}
        for lb in self.d.nodes_of_kind("load_balancer"):
            if lb.id not in vpc:
                continue
            targets = LbTargets()
            health = lb.props.get("health_check")
            health_port = as_int(health.get("port")) if isinstance(health, dict) else None
            first_port: int | None = None
            for edge in self.edges["traffic"]:
                if edge.source != lb.id:
                    continue
                target = self.d.node(edge.target)
                port = as_int(edge.props.get("port")) or health_port or 80
                if not (1 <= port <= 65535) or region.get(target.id) != region.get(lb.id):
                    self.note(f'traffic edge "{edge.id}": not a valid target of "{lb.id}"; skipped')
                    continue
                if target.kind == "ec2" and target.id in vpc:
                    targets.instances.append((target.id, port))
                elif target.kind == "auto_scaling_group" and target.id in vpc:
                    targets.asgs.append(target.id)
                else:
                    continue  # traffic to a database or bucket is intent, not a target
                first_port = first_port or port
            targets.port = first_port or health_port or 80
            out[lb.id] = targets
        return out

    def dns_and_origins(self, region: dict[str, str]):
        alias: dict[str, str] = {}
        zone: dict[str, str] = {}
        origins: dict[str, list[str]] = defaultdict(list)
        for record in self.d.nodes_of_kind("route53_record"):
            parent = self.d.get_node(record.parent)
            if parent is None or parent.kind != "route53_zone":
                self.note(f"route53 record {_name(record)} is not inside a hosted zone: skipped")
                continue
            zone[record.id] = parent.id
        for edge in self.edges["dns"]:
            record, target = edge.source, edge.target
            if self.d.node(record).kind != "route53_record":
                record, target = target, record
            kind = self.d.node(target).kind
            if self.d.node(record).kind != "route53_record" or kind not in (
                    "load_balancer", "cloudfront", "s3_bucket"):
                self.note(f'dns edge "{edge.id}": not a record pointing at a load balancer, '
                          f"CloudFront or an S3 website; skipped")
            elif record not in alias:
                alias[record] = target
        for edge in self.edges["origin"]:
            cdn, target = edge.source, edge.target
            if self.d.node(cdn).kind != "cloudfront":
                cdn, target = target, cdn
            if self.d.node(cdn).kind == "cloudfront" and self.d.node(target).kind in (
                    "s3_bucket", "load_balancer"):
                if target not in origins[cdn]:
                    origins[cdn].append(target)
            else:
                self.note(f'origin edge "{edge.id}": not CloudFront to an S3 bucket or a load '
                          f"balancer; skipped")
        return alias, zone, dict(origins)


def _replace(rule: SgRule, **changes: Any) -> SgRule:
    from dataclasses import replace

    return replace(rule, **changes)


def derive(design: Design) -> Facts:
    """All the facts both IaC exporters need (see the module docstring)."""
    d = _Deriver(design)
    plans, region = d.regions()
    vpc, igw_vpc, vgw_vpc = d.network(region)
    az_index = d.az_indexes(plans, region, vpc)
    vpc_ids = {n.id for n in design.nodes_of_kind("vpc")}
    peerings = d.peerings(vpc_ids)
    vpns = d.vpns(region)
    routes, endpoint_subnets = d.routes(vpc, igw_vpc, peerings, vpns)
    subnet = d.subnets_of_zonal(vpc, region)
    sg_refs: dict[str, list[str]] = {}
    subnet_refs: dict[str, list[str]] = {}
    for node in d.resources:
        if node.kind in ("ec2", "auto_scaling_group", "load_balancer", "rds", "vpc_endpoint") \
                and node.id in vpc:
            sg_refs[node.id] = d.refs(node, "security_groups", "security_group", region, vpc)
        if node.kind in ("load_balancer", "auto_scaling_group", "rds") and node.id in vpc:
            internet = as_str(node.props.get("scheme"), "internet-facing") != "internal"
            prefer_public = node.kind == "load_balancer" and internet
            subnet_refs[node.id] = d.spread_subnets(node, "subnets", vpc, region, prefer_public)
        if node.kind == "vpc_endpoint" and node.id in vpc and \
                as_str(node.props.get("endpoint_type"), "gateway") == "interface":
            subnet_refs[node.id] = d.spread_subnets(node, "", vpc, region, False)
    for node_id, sub in subnet.items():
        if sub in az_index:
            az_index.setdefault(node_id, az_index[sub])
    nat_eip, eip_instance, volumes = d.attachments(vpc, region)
    for volume, ec2, _device in volumes:
        if volume not in az_index and ec2 in az_index:
            az_index[volume] = az_index[ec2]
    alias, record_zone, origins = d.dns_and_origins(region)
    exported = set()
    for node in d.resources:
        if node.kind in VPC_SCOPED and node.id not in vpc:
            continue
        if node.kind == "vpc" and node.id in d.bad:
            continue
        zonal = node.kind == "ec2" or (node.kind == "nat_gateway"
                                       and as_str(node.props.get("mode"), "zonal") != "regional")
        if zonal and node.id not in subnet:
            continue
        if node.kind == "route53_record" and node.id not in record_zone:
            continue
        exported.add(node.id)
    words = unique_node_words((n.id, n.label) for n in d.resources)
    # Connections made from edges live in the Region of their first end.
    for peering in peerings:
        region[peering.key] = region[peering.requester]
        words[peering.key] = words[peering.requester] + ("to",) + words[peering.accepter]
    for vpn in vpns:
        region[vpn.key] = region[vpn.vpn_gateway]
        words[vpn.key] = words[vpn.customer_gateway]
    return Facts(
        design=design, regions=plans, region=region, words=words,
        vpc=vpc, subnet=subnet, az_index=az_index, routes=routes,
        endpoint_subnets=endpoint_subnets, sg_rules=d.sg_rules(region), sg_refs=sg_refs,
        subnet_refs=subnet_refs, lb_targets=d.lb_targets(region, vpc), nat_eip=nat_eip,
        eip_instance=eip_instance, volume_attachments=volumes, alias_target=alias,
        record_zone=record_zone, origins=origins, igw_vpc=igw_vpc, vgw_vpc=vgw_vpc,
        peerings=peerings, vpns=vpns, exported=exported, notes=d.notes,
    )
