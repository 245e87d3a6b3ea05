"""Routing: public subnets, route tables, NAT gateways and Elastic IPs (RT, NAT, EIP rules).

How routes are read (docs/rules.md): a subnet's route table is its `public` flag
(0.0.0.0/0 → its VPC's internet gateway) plus its `route` edges; see facts.routes.
"""

from __future__ import annotations

from collections.abc import Iterator

from designer.edits import AddEdge, Edit, RemoveEdge, RemoveNode, SetEdgeField, SetProp
from designer.model import Edge, Node
from designer.rules import props
from designer.rules.context import Context, EdgeView, NodeView
from designer.rules.facts import (
    ANY_V4,
    Route,
    attached,
    az_key,
    azs_of,
    declared_public,
    default_route,
    ends,
    flow,
    internet_gateways,
    is_public,
    nat_egress_ok,
    routes,
)
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import AddNodeAt, MoveInto, fresh_edge_id, fresh_node_id
from designer.rules.registry import rule

SEED_VPC = "네트워크 및 VPC"
IGW_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html"
VPC_Q_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"
NATGW_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html"
EIP_URL = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html"
IPV4_PRICE_URL = "https://aws.amazon.com/vpc/pricing/"

ROUTE_TARGETS = frozenset({"internet_gateway", "nat_gateway", "vpn_gateway", "vpc_endpoint", "vpc"})
EIP_TARGETS = frozenset({"ec2", "nat_gateway"})
IPV4_HOURLY_USD = 0.005  # every public IPv4 address since 2024-02-01
HOURS_PER_MONTH = 730


# --------------------------------------------------------------------------- fix builders
def _add_igw_fix(ctx: Context, vpc: NodeView) -> Fix:
    igw = Node(id=fresh_node_id(ctx, f"igw-{vpc.id}"), kind="internet_gateway", parent=vpc.id,
               label="Internet gateway")
    return Fix(f"Add an internet gateway to VPC {vpc.name}",
               f"VPC {vpc.name}에 인터넷 게이트웨이 추가", (AddNodeAt(node=igw),))


def _add_eip_edits(ctx: Context, region: NodeView | None, target_id: str, target_name: str) -> list[Edit]:
    """An Elastic IP in `region` and its attach edge to the target (nothing without a Region)."""
    if region is None:
        return []
    eip_id = fresh_node_id(ctx, f"eip-{target_id}")
    eip = Node(id=eip_id, kind="elastic_ip", parent=region.id, label=f"EIP {target_name}")
    edge = Edge(id=fresh_edge_id(ctx, f"attach-{eip_id}"), kind="attach", source=eip_id, target=target_id)
    return [AddNodeAt(node=eip), AddEdge(edge)]


def _public_subnets_in_az(ctx: Context, subnet: NodeView) -> list[NodeView]:
    """Public subnets in the same AZ frame as `subnet` (itself excluded)."""
    az = ctx.az_of(subnet.id)
    if az is None:
        return []
    return [s for s in ctx.children(az.id) if s.kind == "subnet" and s != subnet and is_public(ctx, s)]


def _nats_in(ctx: Context, subnet: NodeView) -> list[NodeView]:
    return [n for n in ctx.children(subnet.id) if n.kind == "nat_gateway"
            and props.choice(n, "connectivity") != "private"]


def _nat_route_fix(ctx: Context, subnet: NodeView, route: Route | None) -> Fix | None:
    """Point the subnet's default route at a NAT gateway in a public subnet of its own AZ,
    adding that NAT gateway (with an Elastic IP) when the AZ has none."""
    publics = _public_subnets_in_az(ctx, subnet)
    if not publics:
        return None
    nat: NodeView | None = next((n for s in publics for n in _nats_in(ctx, s)), None)
    edits: list[Edit] = []
    if nat is not None:
        nat_id, nat_name = nat.id, nat.name
        description = f"Route {subnet.name}'s 0.0.0.0/0 to NAT gateway {nat.name}"
        description_ko = f"{subnet.name}의 0.0.0.0/0 경로를 NAT 게이트웨이 {nat.name}(으)로 지정"
    else:
        home = publics[0]
        nat_id = fresh_node_id(ctx, f"nat-{home.id}")
        nat_name = "NAT gateway"
        node = Node(id=nat_id, kind="nat_gateway", parent=home.id, label=nat_name,
                    props={"connectivity": "public", "mode": "zonal"})
        edits.append(AddNodeAt(node=node))
        edits += _add_eip_edits(ctx, ctx.region_of(home.id), nat_id, nat_name)
        description = (f"Add a NAT gateway with an Elastic IP in public subnet {home.name} and route "
                       f"{subnet.name}'s 0.0.0.0/0 to it")
        description_ko = (f"퍼블릭 서브넷 {home.name}에 탄력적 IP가 있는 NAT 게이트웨이를 추가하고 "
                          f"{subnet.name}의 0.0.0.0/0 경로를 지정")
    if route is not None and route.edge is not None:
        edits.append(SetEdgeField(route.edge.id, "target", nat_id))
    else:
        edge = Edge(id=fresh_edge_id(ctx, f"route-{subnet.id}"), kind="route", source=subnet.id,
                    target=nat_id, props={"destination": ANY_V4})
        edits.append(AddEdge(edge))
    return Fix(description, description_ko, tuple(edits))


# --------------------------------------------------------------------------- RT-001
@rule("RT-001", "error", ("subnet",),
      "A subnet is public exactly when it routes to its VPC's internet gateway",
      "퍼블릭 서브넷은 자기 VPC의 인터넷 게이트웨이로 라우팅되는 서브넷이다",
      seed=SEED_VPC, aws=IGW_URL)
def public_means_igw(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    """The declared public/private flag must agree with the routes."""
    vpc = ctx.vpc_of(subnet.id)
    if vpc is None:
        return
    public = is_public(ctx, subnet)
    if declared_public(subnet) and not internet_gateways(ctx, vpc):
        yield Issue("error", (subnet.id, vpc.id),
                    f"Subnet {subnet.name} is marked public but VPC {vpc.name} has no internet gateway, so it "
                    "cannot reach the internet.",
                    f"서브넷 {subnet.name}은(는) 퍼블릭으로 표시되었지만 VPC {vpc.name}에 인터넷 게이트웨이가 "
                    "없어 인터넷에 연결할 수 없습니다.",
                    fix=_add_igw_fix(ctx, vpc))
    elif not declared_public(subnet) and public:
        # The public flag stands for the 0.0.0.0/0 → IGW route, so the drawn route goes.
        drawn = [r.edge.id for r in routes(ctx, subnet)
                 if r.edge is not None and r.target.kind == "internet_gateway" and r.destination == ANY_V4]
        yield Issue("warning", (subnet.id,),
                    f"Subnet {subnet.name} is marked private but routes 0.0.0.0/0 to an internet gateway, so it "
                    "is actually a public subnet.",
                    f"서브넷 {subnet.name}은(는) 프라이빗으로 표시되었지만 0.0.0.0/0을 인터넷 게이트웨이로 "
                    "라우팅하므로 실제로는 퍼블릭 서브넷입니다.",
                    fix=Fix(f"Mark {subnet.name} as public", f"{subnet.name}을(를) 퍼블릭으로 표시",
                            (SetProp(subnet.id, "public", True), *(RemoveEdge(e) for e in drawn))))
    for route in routes(ctx, subnet):
        if route.target.kind == "internet_gateway" and ctx.vpc_of(route.target.id) != vpc:
            yield Issue("error", (subnet.id, route.target.id),
                        f"Subnet {subnet.name} routes to internet gateway {route.target.name}, which is not "
                        f"attached to its VPC {vpc.name}.",
                        f"서브넷 {subnet.name}이(가) VPC {vpc.name}에 연결되지 않은 인터넷 게이트웨이 "
                        f"{route.target.name}(으)로 라우팅합니다.",
                        edges=(route.edge.id,) if route.edge else ())


# --------------------------------------------------------------------------- RT-002
@rule("RT-002", "error", ("subnet", "vpc", "edge:route"),
      "One route table per subnet, one gateway of each kind per VPC, targets in the same VPC",
      "서브넷마다 라우팅 테이블 하나, VPC마다 게이트웨이 하나, 대상은 같은 VPC에",
      seed=SEED_VPC, aws=VPC_Q_URL)
def route_table_sanity(ctx: Context, subject: NodeView | EdgeView) -> Iterator[Issue]:
    """Clashing routes, extra gateways, and route targets outside the subnet's VPC."""
    if isinstance(subject, EdgeView):
        yield from _route_target(ctx, subject)
    elif subject.kind == "vpc":
        yield from _one_gateway_each(ctx, subject)
    else:
        yield from _clashing_routes(ctx, subject)


def _one_gateway_each(ctx: Context, vpc: NodeView) -> Iterator[Issue]:
    children = ctx.children(vpc.id)
    for kind, en, ko in (("internet_gateway", "internet gateways", "인터넷 게이트웨이"),
                         ("vpn_gateway", "virtual private gateways", "가상 프라이빗 게이트웨이")):
        found = [c for c in children if c.kind == kind]
        if len(found) > 1:
            yield Issue("error", (vpc.id, *(g.id for g in found)),
                        f"VPC {vpc.name} has {len(found)} {en}; a VPC can have only one attached at a time.",
                        f"VPC {vpc.name}에 {ko}가 {len(found)}개 있습니다. VPC에는 한 번에 하나만 연결할 수 있습니다.")


def _clashing_routes(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    by_destination: dict[str, list[Route]] = {}
    for route in routes(ctx, subnet):
        by_destination.setdefault(route.destination.strip(), []).append(route)
    for destination, clash in by_destination.items():
        if len(clash) < 2:
            continue
        targets = ", ".join(r.target.name for r in clash)
        yield Issue("error", (subnet.id, *(r.target.id for r in clash)),
                    f"Subnet {subnet.name}'s route table has {len(clash)} routes for {destination} ({targets}); "
                    "a subnet has one route table and one route per destination.",
                    f"서브넷 {subnet.name}의 라우팅 테이블에 {destination} 경로가 {len(clash)}개({targets}) "
                    "있습니다. 서브넷에는 라우팅 테이블 하나와 목적지마다 경로 하나만 있습니다.",
                    edges=tuple(r.edge.id for r in clash if r.edge))


def _route_target(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    source, target = ends(ctx, edge)
    if source is None or target is None:
        return
    if source.kind != "subnet":
        yield Issue("error", (source.id, target.id),
                    f"The route from {source.name} to {target.name} must start at a subnet (its route table).",
                    f"{source.name}에서 {target.name}(으)로 가는 경로는 서브넷(라우팅 테이블)에서 시작해야 합니다.",
                    edges=(edge.id,))
        return
    if target.kind not in ROUTE_TARGETS:
        yield Issue("error", (source.id, target.id),
                    f"Subnet {source.name} routes to {target.name}, which is not a route target (internet or "
                    "NAT gateway, virtual private gateway, endpoint or peered VPC).",
                    f"서브넷 {source.name}이(가) 경로 대상이 아닌 {target.name}(으)로 라우팅합니다(인터넷·NAT "
                    "게이트웨이, 가상 프라이빗 게이트웨이, 엔드포인트, 피어링된 VPC만 가능).",
                    edges=(edge.id,))
        return
    vpc = ctx.vpc_of(source.id)
    if vpc is None:
        return
    if target.kind == "vpc":
        if target == vpc:
            yield Issue("error", (source.id, target.id),
                        f"Subnet {source.name} routes to its own VPC {vpc.name}; local traffic needs no route.",
                        f"서브넷 {source.name}이(가) 자기 VPC {vpc.name}(으)로 라우팅합니다. VPC 내부 "
                        "트래픽에는 경로가 필요 없습니다.", edges=(edge.id,))
        elif not _peered(ctx, vpc, target):
            yield Issue("error", (source.id, target.id),
                        f"Subnet {source.name} routes to VPC {target.name}, but VPC {vpc.name} has no peering "
                        "connection with it.",
                        f"서브넷 {source.name}이(가) VPC {target.name}(으)로 라우팅하지만 VPC {vpc.name}와(과) "
                        "피어링 연결이 없습니다.", edges=(edge.id,))
        return
    if ctx.vpc_of(target.id) != vpc:
        yield Issue("error", (source.id, target.id),
                    f"Subnet {source.name} routes to {target.name}, which is not in its VPC {vpc.name}; every "
                    "route target must belong to the route table's VPC.",
                    f"서브넷 {source.name}이(가) VPC {vpc.name}에 속하지 않은 {target.name}(으)로 라우팅합니다. "
                    "경로 대상은 라우팅 테이블의 VPC에 속해야 합니다.", edges=(edge.id,))


def _peered(ctx: Context, a: NodeView, b: NodeView) -> bool:
    for edge in ctx.edges_of(a.id, ("peering",)):
        if {edge.source, edge.target} == {a.id, b.id}:
            return True
    return False


# --------------------------------------------------------------------------- RT-003
@rule("RT-003", "error", ("edge:traffic", "ec2"),
      "An instance talks to the internet only from a public subnet with a public or Elastic IP",
      "인스턴스는 퍼블릭 서브넷에서 퍼블릭 IP나 탄력적 IP가 있어야 인터넷과 통신한다",
      seed=SEED_VPC, aws=IGW_URL)
def internet_reachability(ctx: Context, subject: NodeView | EdgeView) -> Iterator[Issue]:
    """A direct internet flow needs a public subnet and a public address; a public address in a
    private subnet is useless and still billed."""
    if isinstance(subject, NodeView):
        yield from _useless_public_ip(ctx, subject)
        return
    facts = flow(ctx, subject)
    if facts is None:
        return
    source, target = facts.source, facts.target
    if source.kind == "internet" and target.kind == "ec2":
        instance, inbound = target, True
    elif source.kind == "ec2" and target.kind == "internet":
        instance, inbound = source, False
    else:
        return
    subnet = ctx.subnet_of(instance.id)
    if subnet is None:
        return  # TOP-003
    has_address = props.flag(instance, "public_ip") or bool(attached(ctx, instance, "elastic_ip"))
    if not is_public(ctx, subnet):
        if inbound:
            yield Issue("error", (instance.id, subnet.id),
                        f"Users on the internet cannot reach {instance.name}: it is in private subnet "
                        f"{subnet.name}; put it in a public subnet or behind an internet-facing load balancer.",
                        f"인터넷 사용자가 {instance.name}에 접근할 수 없습니다. 프라이빗 서브넷 {subnet.name}에 "
                        "있으므로 퍼블릭 서브넷에 두거나 인터넷 연결 로드 밸런서 뒤에 두세요.",
                        edges=(subject.id,))
        return  # outbound from a private subnet goes through NAT (NAT-002)
    if not has_address:
        yield Issue("error", (instance.id,),
                    f"{instance.name} is in a public subnet but has no public IPv4 or Elastic IP address, so "
                    "it cannot talk to the internet.",
                    f"{instance.name}은(는) 퍼블릭 서브넷에 있지만 퍼블릭 IPv4 주소나 탄력적 IP 주소가 없어 "
                    "인터넷과 통신할 수 없습니다.",
                    edges=(subject.id,),
                    fix=Fix(f"Give {instance.name} a public IPv4 address",
                            f"{instance.name}에 퍼블릭 IPv4 주소 할당",
                            (SetProp(instance.id, "public_ip", True),)))


def _useless_public_ip(ctx: Context, instance: NodeView) -> Iterator[Issue]:
    subnet = ctx.subnet_of(instance.id)
    if subnet is None or is_public(ctx, subnet):
        return
    public_ip = props.flag(instance, "public_ip")
    eips = attached(ctx, instance, "elastic_ip")
    if not public_ip and not eips:
        return
    fix = None
    if public_ip and not eips:
        fix = Fix(f"Remove {instance.name}'s public IPv4 address", f"{instance.name}의 퍼블릭 IPv4 주소 제거",
                  (SetProp(instance.id, "public_ip", False),))
    yield Issue("warning", (instance.id, subnet.id, *(e.id for e in eips)),
                f"{instance.name} has a public or Elastic IP address but is in private subnet {subnet.name}, "
                "so the address is unusable (and still billed).",
                f"{instance.name}에 퍼블릭 IP 또는 탄력적 IP 주소가 있지만 프라이빗 서브넷 {subnet.name}에 있어 "
                "쓸 수 없습니다(요금은 부과됩니다).", fix=fix)


# --------------------------------------------------------------------------- NAT-001
@rule("NAT-001", "error", ("nat_gateway",),
      "A public NAT gateway sits in a public subnet with an Elastic IP, in a VPC with an IGW",
      "퍼블릭 NAT 게이트웨이는 탄력적 IP와 함께 퍼블릭 서브넷에 두고 VPC에 인터넷 게이트웨이가 있어야 한다",
      seed=SEED_VPC, aws=NATGW_URL)
def nat_placement(ctx: Context, nat: NodeView) -> Iterator[Issue]:
    """Zonal public NAT: public subnet, 1..quota EIPs, an IGW; private NAT: no EIP."""
    eips = attached(ctx, nat, "elastic_ip")
    if props.choice(nat, "connectivity") == "private":
        if eips:
            yield Issue("error", (nat.id, *(e.id for e in eips)),
                        f"Private NAT gateway {nat.name} cannot have an Elastic IP address.",
                        f"프라이빗 NAT 게이트웨이 {nat.name}에는 탄력적 IP 주소를 연결할 수 없습니다.")
        return
    vpc = ctx.vpc_of(nat.id)
    if vpc is not None and not internet_gateways(ctx, vpc):
        yield Issue("error", (nat.id, vpc.id),
                    f"NAT gateway {nat.name} is public but VPC {vpc.name} has no internet gateway.",
                    f"NAT 게이트웨이 {nat.name}은(는) 퍼블릭인데 VPC {vpc.name}에 인터넷 게이트웨이가 없습니다.",
                    fix=_add_igw_fix(ctx, vpc))
    limit = min(ctx.quota("eips_per_nat_gateway", 2), 8)
    if not eips:
        edits = _add_eip_edits(ctx, ctx.region_of(nat.id), nat.id, nat.name)
        yield Issue("error", (nat.id,),
                    f"Public NAT gateway {nat.name} needs an Elastic IP address.",
                    f"퍼블릭 NAT 게이트웨이 {nat.name}에는 탄력적 IP 주소가 필요합니다.",
                    fix=Fix(f"Add an Elastic IP for {nat.name}", f"{nat.name}에 탄력적 IP 추가", tuple(edits))
                    if edits else None)
    elif len(eips) > limit:
        yield Issue("error", (nat.id, *(e.id for e in eips)),
                    f"NAT gateway {nat.name} has {len(eips)} Elastic IPs; the quota is {limit} per NAT gateway.",
                    f"NAT 게이트웨이 {nat.name}에 탄력적 IP가 {len(eips)}개 있습니다. 한도는 NAT 게이트웨이당 "
                    f"{limit}개입니다.")
    if props.choice(nat, "mode") == "regional":
        return  # a regional NAT gateway needs no public subnet
    subnet = ctx.subnet_of(nat.id)
    if subnet is None or is_public(ctx, subnet):
        return
    publics = _public_subnets_in_az(ctx, subnet)
    fix = None
    if publics:
        fix = Fix(f"Move {nat.name} to public subnet {publics[0].name}",
                  f"{nat.name}을(를) 퍼블릭 서브넷 {publics[0].name}(으)로 옮기기",
                  (MoveInto(node_id=nat.id, parent_id=publics[0].id),))
    yield Issue("error", (nat.id, subnet.id),
                f"NAT gateway {nat.name} is in private subnet {subnet.name}; a public NAT gateway must be "
                "created in a public subnet.",
                f"NAT 게이트웨이 {nat.name}이(가) 프라이빗 서브넷 {subnet.name}에 있습니다. 퍼블릭 NAT "
                "게이트웨이는 퍼블릭 서브넷에 만들어야 합니다.", fix=fix)


# --------------------------------------------------------------------------- NAT-002
def _needs_internet(ctx: Context, subnet: NodeView) -> list[EdgeView]:
    """Flows from the subnet's resources (and Auto Scaling groups using it) to the internet."""
    sources = [*ctx.children(subnet.id), *ctx.referrers(subnet.id, "subnets", "auto_scaling_group")]
    out = []
    for node in sources:
        for edge in ctx.edges_from(node.id, "traffic"):
            target = ctx.node(edge.target)
            if target is not None and target.kind == "internet":
                out.append(edge)
    return out


@rule("NAT-002", "error", ("subnet",),
      "A private subnet that needs the internet routes 0.0.0.0/0 to a NAT gateway in a public subnet",
      "인터넷이 필요한 프라이빗 서브넷은 0.0.0.0/0을 퍼블릭 서브넷의 NAT 게이트웨이로 라우팅한다",
      seed=SEED_VPC, aws=NATGW_URL)
def private_egress(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    """Outbound internet flows from a private subnet need a working NAT path."""
    if is_public(ctx, subnet) or ctx.vpc_of(subnet.id) is None:
        return
    flows = _needs_internet(ctx, subnet)
    if not flows or nat_egress_ok(ctx, subnet):
        return
    route = default_route(ctx, subnet)
    edge_ids = tuple(e.id for e in flows)
    if route is None or route.target.kind != "nat_gateway":
        yield Issue("error", (subnet.id,),
                    f"Private subnet {subnet.name} has traffic to the internet but no 0.0.0.0/0 route to a NAT "
                    "gateway; add a NAT gateway in a public subnet and route to it.",
                    f"프라이빗 서브넷 {subnet.name}에 인터넷으로 가는 트래픽이 있지만 NAT 게이트웨이로 가는 "
                    "0.0.0.0/0 경로가 없습니다. 퍼블릭 서브넷에 NAT 게이트웨이를 두고 경로를 추가하세요.",
                    edges=edge_ids, fix=_nat_route_fix(ctx, subnet, route))
        return
    nat = route.target
    home = ctx.subnet_of(nat.id)
    if home == subnet:
        why = "the NAT gateway sits in this private subnet itself"
        why_ko = "NAT 게이트웨이가 이 프라이빗 서브넷 안에 있습니다"
    elif ctx.vpc_of(nat.id) != ctx.vpc_of(subnet.id):
        why, why_ko = "the NAT gateway is in another VPC", "NAT 게이트웨이가 다른 VPC에 있습니다"
    elif props.choice(nat, "connectivity") == "private":
        why, why_ko = "it is a private NAT gateway", "프라이빗 NAT 게이트웨이입니다"
    else:
        why = "the NAT gateway's subnet has no route to an internet gateway"
        why_ko = "NAT 게이트웨이의 서브넷에 인터넷 게이트웨이 경로가 없습니다"
    yield Issue("error", (subnet.id, nat.id),
                f"Private subnet {subnet.name} routes 0.0.0.0/0 to NAT gateway {nat.name}, but {why}, so its "
                "traffic cannot reach the internet.",
                f"프라이빗 서브넷 {subnet.name}이(가) 0.0.0.0/0을 NAT 게이트웨이 {nat.name}(으)로 라우팅하지만 "
                f"{why_ko}. 트래픽이 인터넷에 닿지 않습니다.",
                edges=(*((route.edge.id,) if route.edge else ()), *edge_ids),
                fix=_nat_route_fix(ctx, subnet, route) if home == subnet or why.startswith("the NAT gateway is in")
                else None)


# --------------------------------------------------------------------------- NAT-003
@rule("NAT-003", "warning", ("subnet",),
      "Each AZ with private subnets uses a NAT gateway in its own AZ",
      "프라이빗 서브넷이 있는 가용 영역마다 자기 가용 영역의 NAT 게이트웨이를 쓴다",
      seed=SEED_VPC, aws=NATGW_URL)
def nat_per_az(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    """A private subnet routed to a zonal NAT gateway in another AZ loses egress with that AZ."""
    if is_public(ctx, subnet):
        return
    route = default_route(ctx, subnet)
    if route is None or route.target.kind != "nat_gateway" or props.choice(route.target, "mode") == "regional":
        return
    nat = route.target
    own, theirs = ctx.az_of(subnet.id), ctx.az_of(nat.id)
    if own is None or theirs is None or az_key(own) == az_key(theirs):
        return
    yield Issue("warning", (subnet.id, nat.id),
                f"Private subnet {subnet.name} in {own.name} uses NAT gateway {nat.name} in {theirs.name}; if "
                f"{theirs.name} fails, it loses internet access. Put a NAT gateway in each AZ.",
                f"{own.name}의 프라이빗 서브넷 {subnet.name}이(가) {theirs.name}의 NAT 게이트웨이 {nat.name}을(를) "
                f"씁니다. {theirs.name}에 장애가 나면 인터넷 연결이 끊깁니다. 가용 영역마다 NAT 게이트웨이를 두세요.",
                edges=(route.edge.id,) if route.edge else (),
                fix=_nat_route_fix(ctx, subnet, route))


# --------------------------------------------------------------------------- EIP-001
@rule("EIP-001", "warning", ("region", "elastic_ip"),
      "Elastic IPs stay within the Region quota, one Region and one target each",
      "탄력적 IP는 리전 한도 안에서, 하나의 리전과 하나의 대상에만 연결한다",
      seed=SEED_VPC, aws=EIP_URL)
def eip_quota(ctx: Context, subject: NodeView) -> Iterator[Issue]:
    """More EIPs in a Region than the quota is a warning; one EIP on two targets or across
    Regions is an error."""
    if subject.kind == "region":
        eips = [c for c in ctx.children(subject.id) if c.kind == "elastic_ip"]
        limit = ctx.quota("elastic_ips_per_region", 5)
        if len(eips) > limit:
            yield Issue("warning", (subject.id, *(e.id for e in eips)),
                        f"Region {subject.name} has {len(eips)} Elastic IP addresses; the default quota is "
                        f"{limit} per Region (raise it in the design's settings once AWS has raised it).",
                        f"리전 {subject.name}에 탄력적 IP 주소가 {len(eips)}개 있습니다. 기본 한도는 리전당 "
                        f"{limit}개입니다(AWS에서 한도를 늘렸다면 설계 설정에서 올리세요).")
        return
    edges = ctx.edges_of(subject.id, ("attach",))
    targets = [t for e in edges if (t := ctx.node(e.target if e.source == subject.id else e.source))]
    if len(targets) > 1:
        yield Issue("error", (subject.id, *(t.id for t in targets)),
                    f"Elastic IP {subject.name} is attached to {len(targets)} resources; an address is "
                    "associated with one target at a time.",
                    f"탄력적 IP {subject.name}이(가) 리소스 {len(targets)}개에 연결되어 있습니다. 주소는 한 번에 "
                    "하나의 대상에만 연결됩니다.", edges=tuple(e.id for e in edges))
    home = ctx.region_of(subject.id)
    for target in targets:
        there = ctx.region_of(target.id)
        if home is not None and there is not None and there != home:
            yield Issue("error", (subject.id, target.id),
                        f"Elastic IP {subject.name} belongs to Region {home.name} but is attached to {target.name} "
                        f"in {there.name}; an Elastic IP is for one Region only.",
                        f"탄력적 IP {subject.name}은(는) 리전 {home.name}의 주소인데 {there.name}의 "
                        f"{target.name}에 연결되어 있습니다. 탄력적 IP는 한 리전에서만 씁니다.")


# --------------------------------------------------------------------------- EIP-002
@rule("EIP-002", "warning", ("elastic_ip",),
      "An Elastic IP not associated with an instance or NAT gateway is billed for nothing",
      "인스턴스나 NAT 게이트웨이에 연결되지 않은 탄력적 IP는 요금만 나간다",
      seed=SEED_VPC, aws=EIP_URL)
def idle_eip(ctx: Context, eip: NodeView) -> Iterator[Issue]:
    """Warn about an EIP with no attach edge to an EC2 instance or NAT gateway."""
    edges = ctx.edges_of(eip.id)
    for edge in edges:
        if edge.kind != "attach":
            continue
        other = ctx.node(edge.target if edge.source == eip.id else edge.source)
        if other is not None and other.kind in EIP_TARGETS:
            return
    fix = None
    if not edges:
        fix = Fix(f"Release Elastic IP {eip.name}", f"탄력적 IP {eip.name} 해제", (RemoveNode(eip.id),))
    yield Issue("warning", (eip.id,),
                f"Elastic IP {eip.name} is not associated with an instance or NAT gateway; it is billed "
                "while idle, so attach it or release it.",
                f"탄력적 IP {eip.name}이(가) 인스턴스나 NAT 게이트웨이에 연결되어 있지 않습니다. 쓰지 않아도 "
                "요금이 부과되니 연결하거나 해제하세요.", fix=fix)


# --------------------------------------------------------------------------- EIP-003
@rule("EIP-003", "info", ("vpc",),
      "Every public IPv4 address is billed (since February 2024)",
      "모든 퍼블릭 IPv4 주소에 요금이 부과된다(2024년 2월부터)",
      seed=SEED_VPC, aws=IPV4_PRICE_URL)
def public_ipv4_cost(ctx: Context, vpc: NodeView) -> Iterator[Issue]:
    """Count the VPC's public IPv4 addresses and estimate their monthly cost."""
    # Elastic IPs live in the Region: count those attached to something in this VPC.
    eip_targets: dict[str, int] = {}
    region = ctx.region_of(vpc.id)
    for eip in ctx.children(region.id) if region is not None else []:
        if eip.kind != "elastic_ip":
            continue
        for edge in ctx.edges_of(eip.id, ("attach",)):
            other = ctx.node(edge.target if edge.source == eip.id else edge.source)
            if other is not None and other.kind in EIP_TARGETS and ctx.vpc_of(other.id) == vpc:
                eip_targets[other.id] = eip_targets.get(other.id, 0) + 1
    count = sum(eip_targets.values())
    counted: list[str] = []
    for node in ctx.descendants(vpc.id):
        n = 0
        if node.kind == "ec2":
            n = 0 if node.id in eip_targets else int(props.flag(node, "public_ip"))
        elif node.kind == "nat_gateway":
            public = props.choice(node, "connectivity") != "private"
            n = 1 if public and node.id not in eip_targets else 0  # a public NAT always has one
        elif node.kind == "load_balancer" and props.choice(node, "scheme") == "internet-facing":
            n = max(len(azs_of(ctx, node)), 1)  # one address per enabled AZ
        if n or node.id in eip_targets:
            count += n
            counted.append(node.id)
    if not count:
        return
    monthly = count * IPV4_HOURLY_USD * HOURS_PER_MONTH
    yield Issue("info", (vpc.id, *counted),
                f"VPC {vpc.name} uses {count} public IPv4 address{'es' if count > 1 else ''} "
                f"(about ${monthly:.2f} a month at ${IPV4_HOURLY_USD}/h each); every public IPv4 is billed, "
                "attached or not.",
                f"VPC {vpc.name}은(는) 퍼블릭 IPv4 주소 {count}개를 씁니다(개당 시간당 ${IPV4_HOURLY_USD}, 월 약 "
                f"${monthly:.2f}). 연결 여부와 상관없이 모든 퍼블릭 IPv4에 요금이 부과됩니다.")
