"""Addressing: CIDR blocks of VPCs and subnets, their nesting, overlaps and capacity (NET-001..004)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from designer.edits import SetProp
from designer.rules import props
from designer.rules.context import Context, NodeView
from designer.rules.facts import Network, parse_cidr, vpc_blocks, vpc_subnets
from designer.rules.finding import Fix, Issue
from designer.rules.registry import rule

SEED_VPC = "네트워크 및 VPC"
VPC_CIDR_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html"
SUBNET_SIZE_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html"

RFC1918 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
DOCKER_BRIDGE = ipaddress.ip_network("172.17.0.0/16")  # AWS: "don't use" (clashes with some services)
RESERVED_HINT = "network address, VPC router (.1), DNS (.2), reserved (.3) and broadcast"
RESERVED_HINT_KO = "네트워크 주소, VPC 라우터(.1), DNS(.2), 예약(.3), 브로드캐스트"
WARN_RATIO = 0.8
# IP addresses (ENIs) each kind takes in the subnet it sits in.
ENI_DEMAND = {"ec2": 1, "nat_gateway": 1, "vpc_endpoint": 1, "rds": 2}  # RDS: 1 + 1 spare
ALB_FREE_IPS = 8  # an ALB needs at least 8 free addresses in each of its subnets


def _kind_word(node: NodeView) -> tuple[str, str]:
    return ("VPC", "VPC") if node.kind == "vpc" else ("Subnet", "서브넷")


# --------------------------------------------------------------------------- NET-001
@rule("NET-001", "error", ("vpc", "subnet"),
      "CIDR blocks are canonical, between /16 and /28, and VPC ranges are RFC 1918",
      "CIDR 블록은 정규형이고 /16~/28이며 VPC 범위는 RFC 1918 사설 대역이다",
      seed=SEED_VPC, aws=VPC_CIDR_URL)
def cidr_shape(ctx: Context, node: NodeView) -> Iterator[Issue]:
    """Parse every block of a VPC or subnet and judge its size, form and range."""
    word, word_ko = _kind_word(node)
    raw = props.value(node, "cidr")
    blocks: list[tuple[str, object]] = [("cidr", raw)]
    secondary = node.prop("secondary_cidrs") if node.kind == "vpc" else None
    if isinstance(secondary, list):
        blocks += [(f"secondary_cidrs[{i}]", c) for i, c in enumerate(secondary)]
    for where, value in blocks:
        network = parse_cidr(value)
        if network is None or not isinstance(value, str) or "/" not in value:
            yield Issue("error", (node.id,),
                        f"{word} {node.name} has no valid CIDR block ({where} = {value!r}); write it as "
                        "a.b.c.d/n.",
                        f"{word_ko} {node.name}의 CIDR 블록이 올바르지 않습니다({where} = {value!r}). "
                        "a.b.c.d/n 형식으로 쓰세요.")
            continue
        yield from _judge_block(node, where, value, network, word, word_ko)


def _judge_block(node: NodeView, where: str, value: str, network: Network, word: str,
                 word_ko: str) -> Iterator[Issue]:
    if network.version == 6:
        if node.kind == "subnet" and network.prefixlen != 64:
            yield Issue("error", (node.id,),
                        f"Subnet {node.name}'s IPv6 block {value} must be a /64.",
                        f"서브넷 {node.name}의 IPv6 블록 {value}은(는) /64여야 합니다.")
        return
    if not 16 <= network.prefixlen <= 28:
        yield Issue("error", (node.id,),
                    f"{word} {node.name}'s block {value} is a /{network.prefixlen}; AWS allows /16 "
                    "(65,536 addresses) to /28 (16 addresses).",
                    f"{word_ko} {node.name}의 블록 {value}은(는) /{network.prefixlen}입니다. AWS는 "
                    "/16(65,536개)부터 /28(16개)까지만 허용합니다.")
    canonical = str(network)
    if canonical != value.strip():
        yield Issue("warning", (node.id,),
                    f"{word} {node.name}'s block {value} has host bits set; AWS will store it as {canonical}.",
                    f"{word_ko} {node.name}의 블록 {value}에 호스트 비트가 있습니다. AWS는 {canonical}(으)로 저장합니다.",
                    fix=_canonical_fix(node, where, canonical))
    if node.kind != "vpc":
        return
    if not any(network.subnet_of(r) for r in RFC1918):  # type: ignore[arg-type]
        yield Issue("warning", (node.id,),
                    f"VPC {node.name}'s block {canonical} is not a private (RFC 1918) range; use 10.0.0.0/8, "
                    "172.16.0.0/12 or 192.168.0.0/16.",
                    f"VPC {node.name}의 블록 {canonical}은(는) 사설(RFC 1918) 대역이 아닙니다. 10.0.0.0/8, "
                    "172.16.0.0/12, 192.168.0.0/16을 쓰세요.")
    elif network.overlaps(DOCKER_BRIDGE):  # type: ignore[arg-type]
        yield Issue("warning", (node.id,),
                    f"VPC {node.name}'s block {canonical} overlaps 172.17.0.0/16, which AWS advises against "
                    "(some AWS services use it).",
                    f"VPC {node.name}의 블록 {canonical}이(가) 172.17.0.0/16과 겹칩니다. 일부 AWS 서비스가 "
                    "쓰는 대역이라 AWS는 피하라고 권합니다.")


def _canonical_fix(node: NodeView, where: str, canonical: str) -> Fix:
    if where == "cidr":
        edit = SetProp(node.id, "cidr", canonical)
    else:
        index = int(where[len("secondary_cidrs["):-1])
        blocks = list(node.prop_list("secondary_cidrs"))
        blocks[index] = canonical
        edit = SetProp(node.id, "secondary_cidrs", blocks)
    return Fix(f"Write the block as {canonical}", f"블록을 {canonical}(으)로 고치기", (edit,))


# --------------------------------------------------------------------------- NET-002
@rule("NET-002", "error", ("subnet",),
      "A subnet's block lies inside one of its VPC's blocks",
      "서브넷 블록은 VPC 블록 안에 있어야 한다",
      seed=SEED_VPC, aws=SUBNET_SIZE_URL)
def subnet_inside_vpc(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    """Error unless the subnet's block is a subset of the VPC's primary or a secondary block."""
    vpc = ctx.vpc_of(subnet.id)
    network = parse_cidr(props.value(subnet, "cidr"))
    if vpc is None or network is None:
        return  # TOP-002 / NET-001 report these
    blocks = [b for b in vpc_blocks(vpc) if b.version == network.version]
    if not blocks or any(network.subnet_of(b) for b in blocks):  # type: ignore[arg-type]
        return
    ranges = ", ".join(str(b) for b in blocks)
    yield Issue("error", (subnet.id, vpc.id),
                f"Subnet {subnet.name} ({network}) is outside VPC {vpc.name} ({ranges}); a subnet's block "
                "must be part of the VPC's block.",
                f"서브넷 {subnet.name}({network})이(가) VPC {vpc.name}({ranges}) 범위 밖에 있습니다. "
                "서브넷 블록은 VPC 블록의 일부여야 합니다.")


# --------------------------------------------------------------------------- NET-003
@rule("NET-003", "error", ("vpc",),
      "Subnet blocks in one VPC do not overlap",
      "같은 VPC의 서브넷 블록은 겹치지 않는다",
      seed=SEED_VPC, aws=SUBNET_SIZE_URL)
def no_overlaps(ctx: Context, vpc: NodeView) -> Iterator[Issue]:
    """Report every overlapping pair of subnets (CIDRs nest or are disjoint, so a sweep suffices)."""
    parsed = []
    for subnet in vpc_subnets(ctx, vpc):
        network = parse_cidr(props.value(subnet, "cidr"))
        if network is not None:
            parsed.append((network.version, int(network.network_address), -network.prefixlen,
                           subnet.id, network, subnet))
    parsed.sort(key=lambda p: p[:4])
    active: list[tuple[Network, NodeView]] = []
    for version, _start, _neg, _id, network, subnet in parsed:
        # Blocks still open here contain this one (CIDR blocks are nested or disjoint).
        active = [(n, s) for n, s in active
                  if n.version == version and network.subnet_of(n)]  # type: ignore[arg-type]
        for other_net, other in active:
            yield Issue("error", (other.id, subnet.id),
                        f"Subnets {other.name} ({other_net}) and {subnet.name} ({network}) in VPC {vpc.name} "
                        "overlap; subnet blocks in a VPC cannot overlap.",
                        f"VPC {vpc.name}의 서브넷 {other.name}({other_net})과(와) {subnet.name}({network})의 "
                        "블록이 겹칩니다. 한 VPC의 서브넷 블록은 겹칠 수 없습니다.")
        active.append((network, subnet))


# --------------------------------------------------------------------------- NET-004
@rule("NET-004", "error", ("subnet",),
      "Everything placed in a subnet fits its usable addresses (size minus 5 reserved)",
      "서브넷에 둔 리소스가 사용 가능한 주소(전체에서 예약 5개 제외)에 들어간다",
      aws=SUBNET_SIZE_URL)
def capacity(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    """Count the ENIs the subnet must hold against 2^(32-prefix) - 5."""
    network = parse_cidr(props.value(subnet, "cidr"))
    if network is None or network.version != 4 or not 16 <= network.prefixlen <= 28:
        return  # NET-001 reports the block itself
    usable = network.num_addresses - 5
    demand = _demand(ctx, subnet)
    if demand > usable:
        yield Issue("error", (subnet.id,),
                    f"Subnet {subnet.name} ({network}) needs about {demand} IP addresses but has only "
                    f"{usable} usable (AWS reserves 5: {RESERVED_HINT}); use a larger block.",
                    f"서브넷 {subnet.name}({network})에는 약 {demand}개의 IP 주소가 필요하지만 사용 가능한 "
                    f"주소는 {usable}개뿐입니다(AWS 예약 5개: {RESERVED_HINT_KO}). 더 큰 블록을 쓰세요.")
    elif demand > WARN_RATIO * usable:
        yield Issue("warning", (subnet.id,),
                    f"Subnet {subnet.name} ({network}) would use {demand} of its {usable} usable IP addresses "
                    "(over 80 %), leaving little room to scale.",
                    f"서브넷 {subnet.name}({network})이(가) 사용 가능한 IP 주소 {usable}개 중 {demand}개(80% 초과)를 "
                    "쓰게 되어 확장 여유가 거의 없습니다.")


def _demand(ctx: Context, subnet: NodeView) -> int:
    demand = 0
    for node in ctx.descendants(subnet.id):
        if node.kind == "vpc_endpoint" and props.choice(node, "endpoint_type") != "interface":
            continue
        demand += ENI_DEMAND.get(node.kind, 0)
    for node in ctx.referrers(subnet.id, "subnets", "load_balancer", "auto_scaling_group", "rds"):
        if node.kind == "load_balancer":
            demand += ALB_FREE_IPS if props.choice(node, "lb_type") in ("alb", "") else 1
        elif node.kind == "auto_scaling_group":
            # If the other AZs fail, the group may run all of MaxSize here.
            demand += max(props.integer(node, "max") or 0, 0)
        elif ctx.subnet_of(node.id) != subnet:
            demand += 1  # RDS: a spare address in every subnet of the DB subnet group
    return demand
