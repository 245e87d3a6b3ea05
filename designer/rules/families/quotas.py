"""Quotas (QTA-001): resource counts against AWS's default, adjustable quotas.

A design raises a quota in its top-level settings, e.g. `"settings": {"quotas":
{"vpcs_per_region": 10}}`. Counts are taken per Region, per VPC and per subnet (each its own
subject), so an edit re-counts only the container it touched, never the whole design.
Quotas that other rules already enforce are left to them: Elastic IPs per Region (EIP-001,
`elastic_ips_per_region`), EIPs per NAT gateway (NAT-001, `eips_per_nat_gateway`), security
groups (SG-001), one internet gateway per VPC (RT-002).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from designer.rules import props
from designer.rules.context import Context, NodeView
from designer.rules.facts import az_key, declared_public
from designer.rules.finding import Issue
from designer.rules.registry import rule

VPC_QUOTAS_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"


@dataclass(frozen=True)
class Quota:
    """One default quota: its settings name, AWS default, and how a message names it."""

    name: str
    default: int
    what: str
    what_ko: str
    per: str
    per_ko: str


VPCS_PER_REGION = Quota("vpcs_per_region", 5, "VPCs", "VPC", "Region", "리전")
IGWS_PER_REGION = Quota("internet_gateways_per_region", 5, "internet gateways", "인터넷 게이트웨이", "Region", "리전")
GATEWAY_ENDPOINTS_PER_REGION = Quota("gateway_endpoints_per_region", 20, "gateway VPC endpoints",
                                     "게이트웨이 VPC 엔드포인트", "Region", "리전")
VGWS_PER_REGION = Quota("vpn_gateways_per_region", 5, "virtual private gateways", "가상 프라이빗 게이트웨이",
                        "Region", "리전")
NATS_PER_AZ = Quota("nat_gateways_per_az", 5, "NAT gateways", "NAT 게이트웨이", "Availability Zone", "가용 영역")
SUBNETS_PER_VPC = Quota("subnets_per_vpc", 200, "subnets", "서브넷", "VPC", "VPC")
CIDRS_PER_VPC = Quota("cidr_blocks_per_vpc", 5, "IPv4 CIDR blocks", "IPv4 CIDR 블록", "VPC", "VPC")
NACLS_PER_VPC = Quota("network_acls_per_vpc", 200, "network ACLs", "네트워크 ACL", "VPC", "VPC")
INTERFACE_ENDPOINTS_PER_VPC = Quota("interface_endpoints_per_vpc", 50, "interface VPC endpoints",
                                    "인터페이스 VPC 엔드포인트", "VPC", "VPC")
PEERINGS_PER_VPC = Quota("peerings_per_vpc", 50, "active VPC peering connections", "활성 VPC 피어링 연결",
                         "VPC", "VPC")
ROUTES_PER_TABLE = Quota("routes_per_route_table", 50, "routes", "경로", "route table", "라우팅 테이블")
QUOTAS: tuple[Quota, ...] = (VPCS_PER_REGION, IGWS_PER_REGION, GATEWAY_ENDPOINTS_PER_REGION, VGWS_PER_REGION,
                             NATS_PER_AZ, SUBNETS_PER_VPC, CIDRS_PER_VPC, NACLS_PER_VPC,
                             INTERFACE_ENDPOINTS_PER_VPC, PEERINGS_PER_VPC, ROUTES_PER_TABLE)


def _over(ctx: Context, quota: Quota, count: int, holder: NodeView, scope: str, nodes: tuple[str, ...]
          ) -> Iterator[Issue]:
    """An issue when `count` exceeds the (possibly raised) quota."""
    limit = ctx.quota(quota.name, quota.default)
    if count <= limit:
        return
    raised = "" if limit == quota.default else f" (raised to {limit} in the design's settings)"
    raised_ko = "" if limit == quota.default else f"(설계 설정에서 {limit}(으)로 올림)"
    yield Issue(
        "warning", (holder.id, *nodes),
        f"{scope} {holder.name} has {count} {quota.what}; the quota is {limit} per {quota.per}{raised}. Ask AWS "
        f"for an increase and record it in settings.quotas.{quota.name}.",
        f"{scope} {holder.name}에 {quota.what_ko}이(가) {count}개 있습니다. 한도는 {quota.per_ko}당 {limit}개입니다"
        f"{raised_ko}. AWS에 한도 증가를 요청하고 settings.quotas.{quota.name}에 기록하세요.")


@rule("QTA-001", "warning", ("region", "vpc", "subnet"),
      "Resource counts stay within AWS's default (adjustable) quotas",
      "리소스 수가 AWS 기본(조정 가능) 한도 안에 있다",
      aws=VPC_QUOTAS_URL)
def quotas(ctx: Context, holder: NodeView) -> Iterator[Issue]:
    """Counts per Region (and per AZ name in it), per VPC, and routes per subnet route table."""
    if holder.kind == "region":
        yield from _region_quotas(ctx, holder)
    elif holder.kind == "vpc":
        yield from _vpc_quotas(ctx, holder)
    else:
        edges = ctx.edges_from(holder.id, "route")
        count = len(edges) + (1 if declared_public(holder) else 0)
        yield from _over(ctx, ROUTES_PER_TABLE, count, holder, "The route table of subnet", ())


def _walk(ctx: Context, top: NodeView, into: frozenset[str]) -> Iterator[NodeView]:
    """Nodes below `top`, descending only into containers of the kinds in `into`."""
    stack = [top]
    while stack:
        for child in ctx.children(stack.pop().id):
            yield child
            if child.kind in into:
                stack.append(child)


NAT_HOLDERS = frozenset({"availability_zone", "subnet"})
VPC_FRAMES = frozenset({"availability_zone"})  # subnets sit in AZs (or on the VPC when drawn across)


def _region_quotas(ctx: Context, region: NodeView) -> Iterator[Issue]:
    vpcs = [c for c in ctx.children(region.id) if c.kind == "vpc"]
    yield from _over(ctx, VPCS_PER_REGION, len(vpcs), region, "Region", tuple(v.id for v in vpcs))
    igws, gateway_endpoints, vgws = 0, 0, 0
    nats_by_az: dict[str, int] = {}
    for vpc in vpcs:
        for node in _walk(ctx, vpc, NAT_HOLDERS):
            if node.kind == "internet_gateway":
                igws += 1
            elif node.kind == "vpn_gateway":
                vgws += 1
            elif node.kind == "vpc_endpoint" and (props.choice(node, "endpoint_type") or "gateway") == "gateway":
                gateway_endpoints += 1
            elif node.kind == "nat_gateway" and props.choice(node, "mode") != "regional":
                az = ctx.az_of(node.id)
                if az is not None:
                    # AZ frames of different VPCs with one name are the same AZ of the account.
                    nats_by_az[az_key(az)] = nats_by_az.get(az_key(az), 0) + 1
    yield from _over(ctx, IGWS_PER_REGION, igws, region, "Region", ())
    yield from _over(ctx, GATEWAY_ENDPOINTS_PER_REGION, gateway_endpoints, region, "Region", ())
    yield from _over(ctx, VGWS_PER_REGION, vgws, region, "Region", ())
    for az, count in nats_by_az.items():
        yield from _over(ctx, NATS_PER_AZ, count, region, f"Availability Zone {az} of Region", ())


def _vpc_quotas(ctx: Context, vpc: NodeView) -> Iterator[Issue]:
    subnets = nacls = interface_endpoints = 0
    for node in _walk(ctx, vpc, VPC_FRAMES):
        if node.kind == "subnet":
            subnets += 1
        elif node.kind == "network_acl":
            nacls += 1
    for node in _walk(ctx, vpc, NAT_HOLDERS):
        if node.kind == "vpc_endpoint" and props.choice(node, "endpoint_type") == "interface":
            interface_endpoints += 1
    secondary = props.value(vpc, "secondary_cidrs")
    cidr_blocks = 1 + (len(secondary) if isinstance(secondary, list) else 0)
    peerings = len(ctx.edges_of(vpc.id, ("peering",)))
    yield from _over(ctx, SUBNETS_PER_VPC, subnets, vpc, "VPC", ())
    yield from _over(ctx, CIDRS_PER_VPC, cidr_blocks, vpc, "VPC", ())
    yield from _over(ctx, NACLS_PER_VPC, nacls, vpc, "VPC", ())
    yield from _over(ctx, INTERFACE_ENDPOINTS_PER_VPC, interface_endpoints, vpc, "VPC", ())
    yield from _over(ctx, PEERINGS_PER_VPC, peerings, vpc, "VPC", ())
