"""Topology: Regions, AZs and subnets nest the way AWS scopes them (TOP-001..003)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designer.edits import Edit, SetGeometry, SetParent
from designer.layout import PAD
from designer.rules import props
from designer.rules.context import Context, EdgeView, NodeView
from designer.rules.facts import ends
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import MoveInto
from designer.rules.registry import rule

SEED_VPC = "네트워크 및 VPC"
SUBNETS_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html"
GWE_URL = "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html"

# "ap-northeast-2a": a Region code followed by one letter (AZ ids like "apne2-az1" are skipped).
AZ_NAME = re.compile(r"^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$")
# Kinds whose resources live in one subnet (and take its AZ).
ZONAL_IN_SUBNET = frozenset({"ec2", "rds", "nat_gateway", "vpc_endpoint"})
REGIONAL = frozenset({"s3_bucket", "glacier_vault"})
GLOBAL = frozenset({"route53_zone", "cloudfront"})
INSIDE_VPC = frozenset({"vpc", "availability_zone", "subnet"})


def _regions_above(ctx: Context, node: NodeView) -> list[NodeView]:
    return [a for a in ctx.ancestors(node.id) if a.kind == "region"]


# --------------------------------------------------------------------------- TOP-001
@rule("TOP-001", "error", ("vpc", "availability_zone", "edge:route", "edge:attach"),
      "A VPC and its AZs belong to exactly one Region",
      "VPC와 그 가용 영역은 정확히 하나의 리전에 속한다",
      seed=SEED_VPC, aws=SUBNETS_URL)
def one_region(ctx: Context, subject: NodeView | EdgeView) -> Iterator[Issue]:
    """VPCs and AZs sit in one Region; AZ names match it; routes and attachments stay in it."""
    if isinstance(subject, EdgeView):
        yield from _edge_within_region(ctx, subject)
        return
    regions = _regions_above(ctx, subject)
    what, what_ko = ("VPC", "VPC") if subject.kind == "vpc" else ("Availability Zone", "가용 영역")
    if subject.kind == "availability_zone" and ctx.vpc_of(subject.id) is not None and len(regions) != 1:
        return  # its VPC reports the missing or doubled Region
    if not regions:
        yield Issue("error", (subject.id,),
                    f"{what} {subject.name} is not inside a Region; draw it inside exactly one Region frame.",
                    f"{what_ko} {subject.name}이(가) 리전 안에 있지 않습니다. 정확히 하나의 리전 안에 그리세요.")
        return
    if len(regions) > 1:
        yield Issue("error", (subject.id, *(r.id for r in regions)),
                    f"{what} {subject.name} is drawn inside {len(regions)} nested Regions; it belongs to exactly one.",
                    f"{what_ko} {subject.name}이(가) 중첩된 리전 {len(regions)}개 안에 있습니다. 리전은 정확히 하나여야 합니다.")
        return
    if subject.kind != "availability_zone":
        return
    region = regions[0]
    name, code = props.text(subject, "name"), props.text(region, "code")
    match = AZ_NAME.match(name)
    if match and code and match.group(1) != code:
        yield Issue("error", (subject.id, region.id),
                    f"Availability Zone {subject.name} ({name}) is not an AZ of Region {region.name} ({code}); "
                    "an AZ belongs to exactly one Region.",
                    f"가용 영역 {subject.name}({name})은(는) 리전 {region.name}({code})의 가용 영역이 아닙니다. "
                    "가용 영역은 정확히 하나의 리전에 속합니다.")


def _edge_within_region(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    """A route or an attachment cannot cross Regions (peering, VPN, CloudFront and DNS can)."""
    pair = ends(ctx, edge)
    a, b = pair
    if a is None or b is None:
        return
    if "elastic_ip" in (a.kind, b.kind):
        return  # EIP-001 reports an Elastic IP used in another Region
    regions = [ctx.region_of(a.id), ctx.region_of(b.id)]
    if regions[0] is None or regions[1] is None or regions[0] == regions[1]:
        return
    yield Issue("error", (a.id, b.id),
                f"The {edge.kind} link from {a.name} ({regions[0].name}) to {b.name} ({regions[1].name}) "
                "crosses Regions; only peering, VPN, CloudFront and Route 53 links may.",
                f"{a.name}({regions[0].name})에서 {b.name}({regions[1].name})(으)로 가는 {edge.kind} 연결이 "
                "리전을 넘습니다. 리전 간에는 피어링, VPN, CloudFront, Route 53 연결만 가능합니다.",
                edges=(edge.id,))


# --------------------------------------------------------------------------- TOP-002
@rule("TOP-002", "error", ("subnet",),
      "A subnet lies in exactly one AZ of its VPC's Region",
      "서브넷은 VPC 리전의 정확히 하나의 가용 영역에 있다",
      seed=SEED_VPC, aws=SUBNETS_URL)
def subnet_in_one_az(ctx: Context, subnet: NodeView) -> Iterator[Issue]:
    """No AZ ancestor, an AZ of another Region, or a frame that crosses another AZ is an error."""
    vpc = ctx.vpc_of(subnet.id)
    if vpc is None:
        yield Issue("error", (subnet.id,),
                    f"Subnet {subnet.name} is not inside a VPC; a subnet is a range of one VPC's addresses.",
                    f"서브넷 {subnet.name}이(가) VPC 안에 있지 않습니다. 서브넷은 하나의 VPC 주소 범위입니다.")
        return
    az = ctx.az_of(subnet.id)
    if az is None:
        yield Issue("error", (subnet.id,),
                    f"Subnet {subnet.name} is not inside an Availability Zone; a subnet is created in "
                    "exactly one AZ and cannot span AZs.",
                    f"서브넷 {subnet.name}이(가) 가용 영역 안에 있지 않습니다. 서브넷은 정확히 하나의 "
                    "가용 영역에 생성되며 여러 가용 영역에 걸칠 수 없습니다.",
                    fix=_into_az_fix(ctx, subnet, vpc))
        return
    if ctx.region_of(az.id) != ctx.region_of(vpc.id):
        yield Issue("error", (subnet.id, az.id),
                    f"Subnet {subnet.name} is in Availability Zone {az.name}, which is not in the Region of "
                    f"VPC {vpc.name}.",
                    f"서브넷 {subnet.name}의 가용 영역 {az.name}이(가) VPC {vpc.name}의 리전에 있지 않습니다.")
        return
    crossed = _crossed_azs(ctx, subnet, az, vpc)
    if crossed:
        yield Issue("error", (subnet.id, az.id, *(a.id for a in crossed)),
                    f"Subnet {subnet.name} is drawn across Availability Zones {az.name} and "
                    f"{', '.join(a.name for a in crossed)}; a subnet cannot span AZs.",
                    f"서브넷 {subnet.name}이(가) 가용 영역 {az.name}과(와) {', '.join(a.name for a in crossed)}에 "
                    "걸쳐 그려져 있습니다. 서브넷은 여러 가용 영역에 걸칠 수 없습니다.")


def _sibling_azs(ctx: Context, vpc: NodeView) -> list[NodeView]:
    return [c for c in ctx.children(vpc.id) if c.kind == "availability_zone"]


def _crossed_azs(ctx: Context, subnet: NodeView, own: NodeView, vpc: NodeView) -> list[NodeView]:
    """Other AZ frames of the VPC that the subnet's rectangle overlaps."""
    rect = subnet.rect
    if rect is None:
        return []
    out = []
    for az in _sibling_azs(ctx, vpc):
        if az == own:
            continue
        other = az.rect
        if other is not None and rect.intersects(other):
            out.append(az)
    return out


def _into_az_fix(ctx: Context, subnet: NodeView, vpc: NodeView) -> Fix | None:
    """Move the subnet into the AZ frame it overlaps most (or the VPC's only AZ)."""
    azs = _sibling_azs(ctx, vpc)
    if not azs:
        return None
    rect = subnet.rect
    best = azs[0]
    if rect is not None:
        def overlap(az: NodeView) -> float:
            other = az.rect
            if other is None:
                return 0.0
            w = min(rect.right, other.right) - max(rect.x, other.x)
            h = min(rect.bottom, other.bottom) - max(rect.y, other.y)
            return max(w, 0.0) * max(h, 0.0)
        best = max(azs, key=overlap)
    edits: list[Edit] = []
    target, parent = best.rect, ctx.node(subnet.parent)
    origin = parent.rect if parent is not None else None
    if rect is not None and target is not None and origin is not None and rect.w > target.w - 2 * PAD:
        # Narrow it first so that it fits the AZ frame without growing into the next AZ.
        edits.append(SetGeometry(subnet.id, (rect.x - origin.x, rect.y - origin.y,
                                             max(target.w - 2 * PAD, 80.0), rect.h)))
    edits.append(MoveInto(node_id=subnet.id, parent_id=best.id))
    return Fix(f"Move subnet {subnet.name} into Availability Zone {best.name}",
               f"서브넷 {subnet.name}을(를) 가용 영역 {best.name} 안으로 옮기기", tuple(edits))


# --------------------------------------------------------------------------- TOP-003
@rule("TOP-003", "error", (*ZONAL_IN_SUBNET, "ebs_volume", *REGIONAL, *GLOBAL),
      "Zonal resources sit in one subnet; Regional and global services sit outside VPCs",
      "영역 리소스는 하나의 서브넷에, 리전·글로벌 서비스는 VPC 밖에 둔다",
      seed=SEED_VPC, aws=GWE_URL)
def scoped_placement(ctx: Context, node: NodeView) -> Iterator[Issue]:
    """Each resource is drawn at the scope AWS creates it in."""
    if node.kind in REGIONAL or node.kind in GLOBAL:
        yield from _mis_scoped_service(ctx, node)
        return
    if node.kind == "ebs_volume":
        if ctx.az_of(node.id) is None:
            yield Issue("error", (node.id,),
                        f"EBS volume {node.name} is not inside an Availability Zone; a volume lives in one AZ.",
                        f"EBS 볼륨 {node.name}이(가) 가용 영역 안에 있지 않습니다. 볼륨은 하나의 가용 영역에 있습니다.")
        return
    if node.kind == "nat_gateway" and props.choice(node, "mode") == "regional":
        return  # a regional NAT gateway spans the VPC's AZs
    if node.kind == "vpc_endpoint" and props.choice(node, "endpoint_type") != "interface":
        return  # a gateway endpoint is a route-table target, not an ENI in a subnet
    subnets = [a for a in ctx.ancestors(node.id) if a.kind == "subnet"]
    if len(subnets) == 1:
        return
    if not subnets:
        yield Issue("error", (node.id,),
                    f"{_kind_name(node)} {node.name} is not inside a subnet; it is created in exactly one "
                    "subnet and takes that subnet's Availability Zone.",
                    f"{_kind_name_ko(node)} {node.name}이(가) 서브넷 안에 있지 않습니다. 정확히 하나의 "
                    "서브넷에 생성되어 그 서브넷의 가용 영역을 따릅니다.")
    else:
        yield Issue("error", (node.id, *(s.id for s in subnets)),
                    f"{_kind_name(node)} {node.name} is inside nested subnets; it belongs to exactly one.",
                    f"{_kind_name_ko(node)} {node.name}이(가) 중첩된 서브넷 안에 있습니다. 서브넷은 하나여야 합니다.")


def _mis_scoped_service(ctx: Context, node: NodeView) -> Iterator[Issue]:
    ancestors = ctx.ancestors(node.id)
    if node.kind in REGIONAL:
        inside = next((a for a in ancestors if a.kind in INSIDE_VPC), None)
        if inside is None:
            return
        region = next((a for a in ancestors if a.kind == "region"), None)
        yield Issue("warning", (node.id, inside.id),
                    f"{_kind_name(node)} {node.name} is a Regional service but is drawn inside {inside.name}; "
                    "it is reached from the VPC (internet gateway, NAT or an endpoint), and exports place it "
                    "in the Region.",
                    f"{_kind_name_ko(node)} {node.name}은(는) 리전 서비스인데 {inside.name} 안에 그려져 있습니다. "
                    "VPC에서 (인터넷 게이트웨이, NAT, 엔드포인트를 통해) 접근하며 내보내기는 리전에 둡니다.",
                    fix=_hoist_fix(node, region))
        return
    region = next((a for a in ancestors if a.kind == "region"), None)
    if region is None:
        return
    yield Issue("warning", (node.id, region.id),
                f"{_kind_name(node)} {node.name} is a global service but is drawn inside Region {region.name}; "
                "exports treat it as global.",
                f"{_kind_name_ko(node)} {node.name}은(는) 글로벌 서비스인데 리전 {region.name} 안에 그려져 "
                "있습니다. 내보내기는 글로벌로 처리합니다.",
                fix=_hoist_fix(node, None))


def _hoist_fix(node: NodeView, parent: NodeView | None) -> Fix:
    """Re-parent the node to `parent` (the Region, or the top level) where it is on screen."""
    edits: list[Edit] = [SetParent(node.id, parent.id if parent else None)]
    rect = node.rect
    origin = parent.rect if parent is not None else None
    if rect is not None and (parent is None or origin is not None):
        dx, dy = (origin.x, origin.y) if origin is not None else (0.0, 0.0)
        edits.append(SetGeometry(node.id, (rect.x - dx, rect.y - dy, rect.w, rect.h)))
    where = f"Region {parent.name}" if parent else "the top level"
    where_ko = f"리전 {parent.name}" if parent else "최상위"
    return Fix(f"Move {node.name} out to {where}", f"{node.name}을(를) {where_ko}(으)로 옮기기", tuple(edits))


KIND_NAMES = {
    "ec2": ("EC2 instance", "EC2 인스턴스"),
    "rds": ("DB instance", "DB 인스턴스"),
    "nat_gateway": ("NAT gateway", "NAT 게이트웨이"),
    "vpc_endpoint": ("Interface endpoint", "인터페이스 엔드포인트"),
    "s3_bucket": ("S3 bucket", "S3 버킷"),
    "glacier_vault": ("Glacier vault", "Glacier 볼트"),
    "route53_zone": ("Route 53 hosted zone", "Route 53 호스팅 영역"),
    "cloudfront": ("CloudFront distribution", "CloudFront 배포"),
}


def _kind_name(node: NodeView) -> str:
    return KIND_NAMES.get(node.kind, (node.kind, node.kind))[0]


def _kind_name_ko(node: NodeView) -> str:
    return KIND_NAMES.get(node.kind, (node.kind, node.kind))[1]
