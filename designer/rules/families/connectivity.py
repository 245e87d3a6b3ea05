"""Connectivity between networks: VPC peering, Site-to-Site VPN and VPC endpoints
(PEER-001..003, VPN-001, VPCE-001)."""

from __future__ import annotations

from collections.abc import Iterator

from designer.edits import AddEdge
from designer.model import Edge
from designer.rules import props
from designer.rules.context import Context, EdgeView, NodeView
from designer.rules.facts import (
    ANY_V4,
    Flow,
    Network,
    ends,
    flow,
    is_public,
    nat_egress_ok,
    on_premises_of,
    parse_cidr,
    routes,
    vpc_blocks,
)
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import fresh_edge_id
from designer.rules.registry import rule

SEED_VPC = "네트워크 및 VPC"
PEER_URL = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html"
PEER_RT_URL = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html"
VPN_URL = "https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html"
GWE_S3_URL = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html"
GATEWAY_SERVICES = frozenset({"s3", "dynamodb"})


def _peering_between(ctx: Context, a: NodeView, b: NodeView) -> list[EdgeView]:
    return [e for e in ctx.edges_of(a.id, ("peering",)) if {e.source, e.target} == {a.id, b.id}]


def _peers(ctx: Context, vpc: NodeView) -> list[NodeView]:
    out = []
    for edge in ctx.edges_of(vpc.id, ("peering",)):
        other = ctx.node(edge.target if edge.source == vpc.id else edge.source)
        if other is not None and other.kind == "vpc" and other != vpc and other not in out:
            out.append(other)
    return out


def _on_prem_cidr(ctx: Context, node: NodeView) -> Network | None:
    premises = on_premises_of(ctx, node)
    return _premises_cidr(premises) if premises is not None else None


def _premises_cidr(premises: NodeView) -> Network | None:
    return parse_cidr(props.value(premises, "cidr"))


# --------------------------------------------------------------------------- PEER-001
@rule("PEER-001", "error", ("edge:peering", "edge:vpn"),
      "Networks joined by peering or VPN have no overlapping CIDR blocks",
      "피어링이나 VPN으로 연결한 네트워크의 CIDR 블록은 겹치지 않는다",
      seed=SEED_VPC, aws=PEER_URL)
def no_overlap_across_links(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    """Any overlap between the two sides' blocks makes the link impossible or unroutable."""
    a, b = ends(ctx, edge)
    if a is None or b is None:
        return
    if edge.kind == "peering":
        if a.kind != "vpc" or b.kind != "vpc":
            return  # PEER-002 reports a peering that does not join two VPCs
        for x in vpc_blocks(a):
            for y in vpc_blocks(b):
                if x.version == y.version and x.overlaps(y):  # type: ignore[arg-type]
                    yield Issue("error", (a.id, b.id),
                                f"VPCs {a.name} ({x}) and {b.name} ({y}) overlap, so they cannot be peered; "
                                "peered VPCs need distinct address ranges.",
                                f"VPC {a.name}({x})과(와) {b.name}({y})의 범위가 겹쳐 피어링할 수 없습니다. "
                                "피어링할 VPC는 주소 범위가 달라야 합니다.", edges=(edge.id,))
                    return
        return
    gateway = a if a.kind == "vpn_gateway" else b if b.kind == "vpn_gateway" else None
    customer = b if gateway is a else a
    vpc = ctx.vpc_of(gateway.id) if gateway is not None else None
    premises = on_premises_of(ctx, customer)
    cidr = _on_prem_cidr(ctx, customer)
    if vpc is None or premises is None or cidr is None:
        return
    for block in vpc_blocks(vpc):
        if block.version == cidr.version and block.overlaps(cidr):  # type: ignore[arg-type]
            yield Issue("error", (premises.id, vpc.id),
                        f"On-premises network {premises.name} ({cidr}) overlaps VPC {vpc.name} ({block}); the "
                        "VPC's local route always wins, so those on-premises addresses are unreachable.",
                        f"온프레미스 네트워크 {premises.name}({cidr})이(가) VPC {vpc.name}({block})과(와) 겹칩니다. "
                        "VPC 로컬 경로가 항상 우선하므로 그 온프레미스 주소에는 닿을 수 없습니다.",
                        edges=(edge.id,))
            return


# --------------------------------------------------------------------------- PEER-002
@rule("PEER-002", "error", ("edge:peering", "edge:traffic"),
      "VPC peering is one-to-one and not transitive",
      "VPC 피어링은 1:1이며 전이되지 않는다",
      seed=SEED_VPC, aws=PEER_URL)
def non_transitive(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    """One peering per VPC pair; no flow through a third VPC or out through a peer's gateways."""
    if edge.kind != "peering":
        facts = flow(ctx, edge)
        if facts is not None:
            yield from _transitive_flow(ctx, edge, facts)
            yield from _edge_to_edge(ctx, edge, facts)
        return
    a, b = ends(ctx, edge)
    if a is None or b is None:
        return
    if a.kind != "vpc" or b.kind != "vpc" or a == b:
        yield Issue("error", (a.id, b.id),
                    f"The peering between {a.name} and {b.name} must join two different VPCs.",
                    f"{a.name}과(와) {b.name} 사이의 피어링은 서로 다른 두 VPC를 연결해야 합니다.",
                    edges=(edge.id,))
        return
    same = _peering_between(ctx, a, b)
    if same and same[0].id != edge.id:
        yield Issue("error", (a.id, b.id),
                    f"VPCs {a.name} and {b.name} already have a peering connection; only one may exist "
                    "between two VPCs.",
                    f"VPC {a.name}과(와) {b.name} 사이에 이미 피어링 연결이 있습니다. 두 VPC 사이에는 하나만 "
                    "둘 수 있습니다.", edges=(edge.id, same[0].id))


def _transitive_flow(ctx: Context, edge: EdgeView, facts: Flow) -> Iterator[Issue]:
    a, b, va, vb = facts.source, facts.target, facts.source_vpc, facts.target_vpc
    if va is None or vb is None or va == vb or _peering_between(ctx, va, vb):
        return
    middle = [p for p in _peers(ctx, va) if p in _peers(ctx, vb)]
    if not middle:
        return
    yield Issue("error", (a.id, b.id, va.id, vb.id, middle[0].id),
                f"Traffic from {a.name} (VPC {va.name}) to {b.name} (VPC {vb.name}) would have to pass through "
                f"VPC {middle[0].name}; peering is not transitive, so peer {va.name} and {vb.name} directly.",
                f"{a.name}(VPC {va.name})에서 {b.name}(VPC {vb.name})(으)로 가는 트래픽이 VPC {middle[0].name}을(를) "
                f"거쳐야 합니다. 피어링은 전이되지 않으므로 {va.name}과(와) {vb.name}을(를) 직접 피어링하세요.",
                edges=(edge.id,))


def _edge_to_edge(ctx: Context, edge: EdgeView, facts: Flow) -> Iterator[Issue]:
    """A flow to the internet or on-premises whose route leads into a peered VPC."""
    a, b = facts.source, facts.target
    if b.kind == "internet":
        destination: Network | None = parse_cidr(ANY_V4)
    elif facts.target_premises is not None:
        destination = _premises_cidr(facts.target_premises)
    else:
        return
    if destination is None:
        return
    for subnet in facts.source_subnets:
        best = _best_route(ctx, subnet, destination)
        if best is not None and best.target.kind == "vpc":
            yield Issue("error", (a.id, subnet.id, best.target.id),
                        f"{a.name}'s traffic to {b.name} is routed into peered VPC {best.target.name}; a peering "
                        "cannot be used to reach the peer's internet gateway, NAT, VPN or endpoints.",
                        f"{a.name}에서 {b.name}(으)로 가는 트래픽이 피어링된 VPC {best.target.name}(으)로 "
                        "라우팅됩니다. 피어링으로는 상대 VPC의 인터넷 게이트웨이, NAT, VPN, 엔드포인트를 쓸 수 없습니다.",
                        edges=(edge.id, *((best.edge.id,) if best.edge else ())))
            return


def _best_route(ctx: Context, subnet: NodeView, destination: Network):
    """The longest-prefix route of the subnet that covers `destination` (None if none)."""
    best, best_len = None, -1
    for route in routes(ctx, subnet):
        network = parse_cidr(route.destination)
        if network is None or network.version != destination.version:
            continue
        if destination.subnet_of(network) and network.prefixlen > best_len:  # type: ignore[arg-type]
            best, best_len = route, network.prefixlen
    return best


# --------------------------------------------------------------------------- PEER-003
@rule("PEER-003", "error", ("edge:traffic", "edge:route"),
      "Both sides of a peering route the peer's range through it; keep those routes narrow",
      "피어링 양쪽 라우팅 테이블에 상대 범위로 가는 경로가 있어야 하며 경로는 좁게 유지한다",
      seed=SEED_VPC, aws=PEER_RT_URL)
def peering_routes(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    """A flow across a peering needs a route each way; a 0.0.0.0/0 route to a peer is a warning."""
    if edge.kind == "route":
        a, b = ends(ctx, edge)
        if a is None or b is None:
            return
        if b.kind == "vpc" and str(edge.prop("destination") or "").strip() in (ANY_V4, "::/0"):
            yield Issue("warning", (a.id, b.id),
                        f"Subnet {a.name} sends all traffic ({edge.prop('destination')}) to peered VPC {b.name}; "
                        "route only the peer's address range.",
                        f"서브넷 {a.name}이(가) 모든 트래픽({edge.prop('destination')})을 피어링된 VPC {b.name}(으)로 "
                        "보냅니다. 상대 VPC의 주소 범위만 라우팅하세요.", edges=(edge.id,))
        return
    facts = flow(ctx, edge)
    if facts is None:
        return
    a, b, va, vb = facts.source, facts.target, facts.source_vpc, facts.target_vpc
    if va is None or vb is None or va == vb or not _peering_between(ctx, va, vb):
        return
    for src_subnets, dst_vpc, dst_subnets in ((facts.source_subnets, vb, facts.target_subnets),
                                              (facts.target_subnets, va, facts.source_subnets)):
        for subnet in src_subnets:
            for target_subnet in dst_subnets or [None]:
                destination = (parse_cidr(props.value(target_subnet, "cidr")) if target_subnet is not None
                               else next(iter(vpc_blocks(dst_vpc)), None))
                if destination is None:
                    continue
                best = _best_route(ctx, subnet, destination)
                if best is not None and best.target == dst_vpc:
                    continue
                yield Issue("error", (subnet.id, dst_vpc.id, a.id, b.id),
                            f"Subnet {subnet.name} has no route to {destination} through the peering with VPC "
                            f"{dst_vpc.name}, so {a.name} ↔ {b.name} traffic cannot flow; both sides need a route.",
                            f"서브넷 {subnet.name}에 VPC {dst_vpc.name}와(과)의 피어링을 통해 {destination}(으)로 "
                            f"가는 경로가 없어 {a.name} ↔ {b.name} 트래픽이 흐를 수 없습니다. 양쪽 모두 경로가 "
                            "필요합니다.", edges=(edge.id,), fix=_peer_route_fix(ctx, subnet, dst_vpc))
                return


def _peer_route_fix(ctx: Context, subnet: NodeView, peer: NodeView) -> Fix | None:
    blocks = vpc_blocks(peer)
    if not blocks:
        return None
    edge = Edge(id=fresh_edge_id(ctx, f"route-{subnet.id}-{peer.id}"), kind="route", source=subnet.id,
                target=peer.id, props={"destination": str(blocks[0])})
    return Fix(f"Route {blocks[0]} from {subnet.name} to peered VPC {peer.name}",
               f"{subnet.name}에서 {blocks[0]}을(를) 피어링된 VPC {peer.name}(으)로 라우팅", (AddEdge(edge),))


# --------------------------------------------------------------------------- VPN-001
@rule("VPN-001", "error", ("edge:vpn", "edge:traffic"),
      "A Site-to-Site VPN needs a VGW on the VPC, a customer gateway and routes to the on-premises range",
      "사이트 간 VPN에는 VPC의 가상 프라이빗 게이트웨이, 고객 게이트웨이, 온프레미스 대역 경로가 필요하다",
      seed=SEED_VPC, aws=VPN_URL)
def vpn_complete(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    """The VPN link's two ends, and the routes of subnets that talk to on-premises."""
    if edge.kind == "vpn":
        a, b = ends(ctx, edge)
        if a is None or b is None:
            return
        kinds = {a.kind, b.kind}
        gateway = a if a.kind == "vpn_gateway" else b if b.kind == "vpn_gateway" else None
        if gateway is None:
            yield Issue("error", (a.id, b.id),
                        f"The VPN between {a.name} and {b.name} has no virtual private gateway on the AWS side.",
                        f"{a.name}과(와) {b.name} 사이의 VPN에 AWS 쪽 가상 프라이빗 게이트웨이가 없습니다.",
                        edges=(edge.id,))
        elif ctx.vpc_of(gateway.id) is None:
            yield Issue("error", (gateway.id,),
                        f"Virtual private gateway {gateway.name} is not attached to a VPC; draw it inside one.",
                        f"가상 프라이빗 게이트웨이 {gateway.name}이(가) VPC에 연결되어 있지 않습니다. VPC 안에 그리세요.",
                        edges=(edge.id,))
        if "customer_gateway" not in kinds:
            yield Issue("error", (a.id, b.id),
                        f"The VPN between {a.name} and {b.name} has no customer gateway on the on-premises side.",
                        f"{a.name}과(와) {b.name} 사이의 VPN에 온프레미스 쪽 고객 게이트웨이가 없습니다.",
                        edges=(edge.id,))
        return
    facts = flow(ctx, edge)
    if facts is None:
        return
    if facts.source_premises is not None:
        premises_end, aws_end = facts.source, facts.target
        premises, vpc, aws_subnets = facts.source_premises, facts.target_vpc, facts.target_subnets
    elif facts.target_premises is not None:
        premises_end, aws_end = facts.target, facts.source
        premises, vpc, aws_subnets = facts.target_premises, facts.source_vpc, facts.source_subnets
    else:
        return
    cidr = _premises_cidr(premises)
    if cidr is None or vpc is None:
        return
    gateways = [c for c in ctx.children(vpc.id) if c.kind == "vpn_gateway"]
    if not gateways:
        yield Issue("error", (premises_end.id, aws_end.id, vpc.id),
                    f"{premises_end.name} talks to {aws_end.name}, but VPC {vpc.name} has no virtual private gateway "
                    "for a Site-to-Site VPN.",
                    f"{premises_end.name}이(가) {aws_end.name}와(과) 통신하지만 VPC {vpc.name}에 사이트 간 VPN용 "
                    "가상 프라이빗 게이트웨이가 없습니다.", edges=(edge.id,))
        return
    if not any(ctx.edges_of(g.id, ("vpn",)) for g in gateways):
        yield Issue("error", (gateways[0].id,),
                    f"Virtual private gateway {gateways[0].name} has no VPN connection to a customer gateway.",
                    f"가상 프라이빗 게이트웨이 {gateways[0].name}에 고객 게이트웨이와의 VPN 연결이 없습니다.",
                    edges=(edge.id,))
        return
    for subnet in aws_subnets:
        if props.flag(subnet, "vgw_route_propagation"):
            continue
        best = _best_route(ctx, subnet, cidr)
        if best is not None and best.target.kind == "vpn_gateway" and best.target in gateways:
            continue
        yield Issue("error", (subnet.id, gateways[0].id, premises_end.id),
                    f"Subnet {subnet.name} has no route to the on-premises range {cidr} through virtual private "
                    f"gateway {gateways[0].name}, so traffic with {premises_end.name} cannot flow.",
                    f"서브넷 {subnet.name}에 가상 프라이빗 게이트웨이 {gateways[0].name}을(를) 통해 온프레미스 대역 "
                    f"{cidr}(으)로 가는 경로가 없어 {premises_end.name}와(과) 통신할 수 없습니다.",
                    edges=(edge.id,), fix=_vpn_route_fix(ctx, subnet, gateways[0], cidr))


def _vpn_route_fix(ctx: Context, subnet: NodeView, gateway: NodeView, cidr: Network) -> Fix:
    edge = Edge(id=fresh_edge_id(ctx, f"route-{subnet.id}-{gateway.id}"), kind="route", source=subnet.id,
                target=gateway.id, props={"destination": str(cidr)})
    return Fix(f"Route {cidr} from {subnet.name} to {gateway.name}",
               f"{subnet.name}에서 {cidr}을(를) {gateway.name}(으)로 라우팅", (AddEdge(edge),))


# --------------------------------------------------------------------------- VPCE-001
@rule("VPCE-001", "error", ("vpc_endpoint", "edge:traffic"),
      "Gateway endpoints work only in their Region, for their route tables, never from on-premises",
      "게이트웨이 엔드포인트는 자기 리전, 연결된 라우팅 테이블에서만 동작하며 온프레미스에서는 쓸 수 없다",
      seed=SEED_VPC, aws=GWE_S3_URL)
def endpoint_reach(ctx: Context, subject: NodeView | EdgeView) -> Iterator[Issue]:
    """Endpoint kinds and private DNS; S3 flows that lean on a gateway endpoint it cannot serve."""
    if isinstance(subject, NodeView):
        yield from _endpoint_itself(ctx, subject)
        return
    facts = flow(ctx, subject)
    if facts is None or facts.target.kind != "s3_bucket":
        return
    a, b = facts.source, facts.target
    if facts.source_premises is not None:
        yield from _on_prem_to_s3(ctx, subject, a, facts.source_premises, b)
        return
    bucket_region = ctx.region_of(b.id)
    for subnet in facts.source_subnets:
        if is_public(ctx, subnet) or nat_egress_ok(ctx, subnet):
            continue  # S3 is reached over the internet path too
        for route in routes(ctx, subnet):
            endpoint = route.target
            if endpoint.kind != "vpc_endpoint" or _service(endpoint) != "s3":
                continue
            home = ctx.region_of(endpoint.id)
            if bucket_region is not None and home is not None and home != bucket_region:
                yield Issue("error", (a.id, b.id, endpoint.id),
                            f"{a.name} reaches bucket {b.name} in {bucket_region.name} only through gateway endpoint "
                            f"{endpoint.name} in {home.name}; a gateway endpoint serves buckets of its own Region.",
                            f"{a.name}은(는) {bucket_region.name}의 버킷 {b.name}에 {home.name}의 게이트웨이 엔드포인트 "
                            f"{endpoint.name}을(를) 통해서만 접근합니다. 게이트웨이 엔드포인트는 자기 리전 버킷만 "
                            "지원합니다.", edges=(subject.id,))
                return


def _service(endpoint: NodeView) -> str:
    return props.choice(endpoint, "service") or "s3"


def _endpoint_itself(ctx: Context, endpoint: NodeView) -> Iterator[Issue]:
    service = _service(endpoint)
    if props.choice(endpoint, "endpoint_type") != "interface":
        if service not in GATEWAY_SERVICES:
            yield Issue("error", (endpoint.id,),
                        f"Gateway endpoint {endpoint.name} is for {service}; gateway endpoints exist only for S3 "
                        "and DynamoDB (use an interface endpoint).",
                        f"게이트웨이 엔드포인트 {endpoint.name}의 서비스가 {service}입니다. 게이트웨이 엔드포인트는 "
                        "S3와 DynamoDB에만 있습니다(인터페이스 엔드포인트를 쓰세요).")
        return
    if endpoint.prop("private_dns", True) is not True:
        return
    vpc = ctx.vpc_of(endpoint.id)
    if vpc is None:
        return
    others = [n for n in ctx.descendants(vpc.id) if n.kind == "vpc_endpoint" and n != endpoint
              and props.choice(n, "endpoint_type") == "interface" and _service(n) == service
              and n.prop("private_dns", True) is True]
    if others:
        yield Issue("error", (endpoint.id, *(o.id for o in others)),
                    f"VPC {vpc.name} has {len(others) + 1} interface endpoints for {service} with private DNS; only "
                    "one per service may enable it.",
                    f"VPC {vpc.name}에 프라이빗 DNS를 켠 {service} 인터페이스 엔드포인트가 {len(others) + 1}개 "
                    "있습니다. 서비스마다 하나만 켤 수 있습니다.")


def _on_prem_to_s3(ctx: Context, edge: EdgeView, a: NodeView, premises: NodeView,
                   bucket: NodeView) -> Iterator[Issue]:
    """On-premises traffic over the VPN cannot use an S3 gateway endpoint (`premises`: where `a` is)."""
    for gateway in [n for n in ctx.descendants(premises.id) if n.kind == "customer_gateway"] + \
            ([a] if a.kind == "customer_gateway" else []):
        for vpn in ctx.edges_of(gateway.id, ("vpn",)):
            vgw = ctx.node(vpn.target if vpn.source == gateway.id else vpn.source)
            vpc = ctx.vpc_of(vgw.id) if vgw is not None else None
            if vpc is None:
                continue
            endpoints = [c for c in ctx.children(vpc.id) if c.kind == "vpc_endpoint" and _service(c) == "s3"]
            gateway_only = endpoints and all(props.choice(e, "endpoint_type") != "interface" for e in endpoints)
            if gateway_only:
                yield Issue("error", (premises.id, bucket.id, endpoints[0].id),
                            f"{premises.name} reaches bucket {bucket.name} over the VPN, but VPC {vpc.name} has only "
                            f"a gateway endpoint ({endpoints[0].name}), which does not carry on-premises traffic; "
                            "add an S3 interface endpoint.",
                            f"{premises.name}은(는) VPN을 통해 버킷 {bucket.name}에 접근하지만 VPC {vpc.name}에는 "
                            f"게이트웨이 엔드포인트({endpoints[0].name})만 있어 온프레미스 트래픽을 전달하지 "
                            "못합니다. S3 인터페이스 엔드포인트를 추가하세요.", edges=(edge.id,))
                return
