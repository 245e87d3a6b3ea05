"""Load balancing and scaling: ELB-001..006 (load balancers) and ASG-001..003 (Auto Scaling)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from designer.edits import SetProp
from designer.rules import props
from designer.rules.context import Context, NodeView
from designer.rules.facts import (
    az_key,
    azs_of,
    internet_gateways,
    is_public,
    names,
    names_ko,
    parse_cidr,
    security_groups,
    sg_allows_inbound,
    subnets_of,
    vpc_subnets,
)
from designer.rules.finding import Fix, Issue
from designer.rules.registry import rule

SEED_LB = "로드밸런싱(Load Balancing)"
SEED_SCALE = "가용성 및 확장 빠른 인프라 구성"
ALB_URL = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html"
ALB_DIR = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"

SECURE_PROTOCOLS = frozenset({"HTTPS", "TLS", "SSL"})
HEALTH_CHECK_PROTOCOLS = {
    "alb": ("HTTP", "HTTPS"),
    "nlb": ("TCP", "HTTP", "HTTPS"),
    "clb": ("TCP", "SSL", "HTTP", "HTTPS"),
}
ACM_ARN = re.compile(r"^arn:aws[\w-]*:acm:([a-z0-9-]+):")
ALB_MIN_PREFIX = 27  # ALB subnets need at least a /27


def _lb_type(lb: NodeView) -> str:
    return props.choice(lb, "lb_type") or "alb"


def _lb_label(lb_type: str) -> str:
    return {"alb": "Application Load Balancer", "nlb": "Network Load Balancer",
            "clb": "Classic Load Balancer"}.get(lb_type, "load balancer")


def _subnet_ids(node: NodeView) -> list[str]:
    return props.strings(node, "subnets")


def _listed_subnets(ctx: Context, node: NodeView) -> list[NodeView]:
    """The subnets a node lists in its `subnets` prop (that exist and are subnets)."""
    found = [ctx.node(i) for i in _subnet_ids(node)]
    return [s for s in found if s is not None and s.kind == "subnet"]


def _subnet_in_az(ctx: Context, candidates: list[NodeView], az: str, public: bool,
                  exclude: set[str]) -> NodeView | None:
    for subnet in candidates:
        zone = ctx.az_of(subnet.id)
        if subnet.id in exclude or zone is None or az_key(zone) != az:
            continue
        if is_public(ctx, subnet) == public:
            return subnet
    return None


def _subnet_elsewhere(ctx: Context, candidates: list[NodeView], zones: set[str], public: bool,
                      exclude: set[str]) -> NodeView | None:
    """A subnet in an AZ not in `zones`, public or private as asked."""
    for subnet in candidates:
        zone = ctx.az_of(subnet.id)
        if subnet.id in exclude or zone is None or az_key(zone) in zones:
            continue
        if is_public(ctx, subnet) == public:
            return subnet
    return None


def _add_subnet_fix(node: NodeView, subnet: NodeView, ids: list[str]) -> Fix:
    return Fix(f"Add {subnet.name} to the subnets of {node.name}",
               f"{node.name}의 서브넷에 {subnet.name} 추가",
               (SetProp(node.id, "subnets", [*ids, subnet.id]),))


def _targets(ctx: Context, lb: NodeView) -> list[tuple[Any, NodeView]]:
    """The LB's targets: the targets of its outgoing `traffic` edges."""
    out = []
    for edge in ctx.edges_from(lb.id, "traffic"):
        target = ctx.node(edge.target)
        if target is not None:
            out.append((edge, target))
    return out


def _subnets_in(ctx: Context, vpc: NodeView | None) -> list[NodeView]:
    """Every subnet of a VPC (none when there is no VPC), walking only its frames."""
    return vpc_subnets(ctx, vpc) if vpc is not None else []


# --------------------------------------------------------------------------- ELB-001
@rule("ELB-001", "error", ("load_balancer",),
      "A load balancer spans at least two AZs and its targets are in enabled AZs",
      "로드 밸런서는 두 개 이상의 가용 영역에 걸치고 대상은 활성화된 가용 영역에 있다",
      seed=SEED_LB, aws=ALB_URL)
def lb_zones(ctx: Context, lb: NodeView) -> Iterator[Issue]:
    """ALB needs ≥2 AZs (NLB/CLB: a warning); targets outside the LB's AZs get no traffic."""
    lb_type = _lb_type(lb)
    zone_views = azs_of(ctx, lb) if _subnet_ids(lb) else []
    zones = {az_key(z) for z in zone_views}
    if len(zones) < 2:
        severity = "error" if lb_type == "alb" else "warning"
        public = props.choice(lb, "scheme") != "internal"
        ids = _subnet_ids(lb)
        extra = _subnet_elsewhere(ctx, _subnets_in(ctx, ctx.vpc_of(lb.id)), zones, public, set(ids))
        where = f"only {', '.join(sorted(zones))}" if zones else "no subnet"
        where_ko = f"{', '.join(sorted(zones))} 하나뿐" if zones else "서브넷이 없음"
        why = ("AWS requires subnets in at least two Availability Zones" if lb_type == "alb"
               else "one AZ is a single point of failure")
        why_ko = ("AWS는 두 개 이상의 가용 영역의 서브넷을 요구합니다" if lb_type == "alb"
                  else "가용 영역 하나는 단일 장애 지점입니다")
        yield Issue(
            severity, (lb.id,),
            f"{_lb_label(lb_type)} {lb.name} has {where}; {why}.",
            f"{lb.name}의 가용 영역이 {where_ko}입니다. {why_ko}.",
            fix=_add_subnet_fix(lb, extra, ids) if extra is not None else None)
    if not zones:
        return
    unserved: list[tuple[Any, NodeView, list[str]]] = []
    checked = fully_out = 0
    zone_of_subnet: dict[str | None, str | None] = {}  # targets share subnets: look each AZ up once
    for edge, target in _targets(ctx, lb):
        target_zones = _zones_of(ctx, target, zone_of_subnet)
        if not target_zones:
            continue  # not a zonal target (or not placed): nothing to compare
        checked += 1
        outside = [z for z in target_zones if z not in zones]
        if outside:
            unserved.append((edge, target, outside))
            fully_out += len(outside) == len(target_zones)
    # When no target sits in an enabled AZ, the load balancer cannot serve at all.
    severity = "error" if checked and fully_out == checked else "warning"
    for edge, target, outside in unserved:
        yield Issue(
            severity, (lb.id, target.id),
            f"Target {target.name} runs in {', '.join(outside)}, where {lb.name} has no subnet, so it "
            "receives no traffic there; add a subnet in that AZ to the load balancer.",
            f"대상 {target.name}이(가) {', '.join(outside)}에 있지만 {lb.name}에는 그 가용 영역의 서브넷이 "
            "없어 트래픽을 받지 못합니다. 로드 밸런서에 그 가용 영역의 서브넷을 추가하세요.",
            edges=(edge.id,))


def _zones_of(ctx: Context, target: NodeView, zone_of_subnet: dict[str | None, str | None]) -> list[str]:
    """The AZs a target runs in: an instance's AZ, an Auto Scaling group's subnets' AZs."""
    if target.kind == "auto_scaling_group":
        return [az_key(z) for z in azs_of(ctx, target)]
    if target.kind != "ec2":
        return []
    parent = target.parent
    if parent not in zone_of_subnet:
        az = ctx.az_of(target.id)
        zone_of_subnet[parent] = az_key(az) if az is not None else None
    zone = zone_of_subnet[parent]
    return [zone] if zone is not None else []


# --------------------------------------------------------------------------- ELB-002
@rule("ELB-002", "error", ("load_balancer",),
      "A load balancer has one subnet per AZ, all in its VPC; ALB subnets are /27 or larger",
      "로드 밸런서는 가용 영역마다 서브넷 하나, 모두 자기 VPC에; ALB 서브넷은 /27 이상",
      aws=ALB_URL)
def lb_subnets(ctx: Context, lb: NodeView) -> Iterator[Issue]:
    """Duplicate AZs, foreign-VPC subnets, and ALB subnets smaller than /27."""
    ids = _subnet_ids(lb)
    subnets = _listed_subnets(ctx, lb)
    vpc = ctx.vpc_of(lb.id)
    foreign = [s for s in subnets if vpc is not None and ctx.vpc_of(s.id) != vpc]
    if foreign:
        keep = [i for i in ids if i not in {s.id for s in foreign}]
        yield Issue(
            "error", (lb.id, *(s.id for s in foreign)),
            f"{lb.name} uses {names(foreign)} from another VPC; a load balancer's subnets must be in its own VPC.",
            f"{lb.name}이(가) 다른 VPC의 {names_ko(foreign)}을(를) 사용합니다. 로드 밸런서의 서브넷은 자기 VPC에 "
            "있어야 합니다.",
            fix=Fix(f"Remove {names(foreign)} from {lb.name}", f"{lb.name}에서 {names_ko(foreign)} 제거",
                    (SetProp(lb.id, "subnets", keep),)))
    by_zone: dict[str, list[NodeView]] = {}
    for subnet in subnets:
        az = ctx.az_of(subnet.id)
        if az is not None and subnet not in foreign:
            by_zone.setdefault(az_key(az), []).append(subnet)
    for zone, group in by_zone.items():
        if len(group) < 2:
            continue
        extra = {s.id for s in group[1:]}
        yield Issue(
            "error", (lb.id, *(s.id for s in group)),
            f"{lb.name} has {len(group)} subnets in {zone} ({names(group)}); a load balancer takes one "
            "subnet per Availability Zone.",
            f"{lb.name}에 {zone}의 서브넷이 {len(group)}개({names_ko(group)}) 있습니다. 로드 밸런서는 가용 영역마다 "
            "서브넷 하나만 가집니다.",
            fix=Fix(f"Keep only {group[0].name} in {zone}", f"{zone}에는 {group[0].name}만 남기기",
                    (SetProp(lb.id, "subnets", [i for i in ids if i not in extra]),)))
    if _lb_type(lb) != "alb":
        return
    for subnet in subnets:
        network = parse_cidr(subnet.prop("cidr"))
        if network is not None and network.version == 4 and network.prefixlen > ALB_MIN_PREFIX:
            yield Issue(
                "warning", (lb.id, subnet.id),
                f"ALB {lb.name} uses subnet {subnet.name} ({network}); ALB subnets should be at least /27 "
                "with 8 free addresses so the load balancer can scale.",
                f"ALB {lb.name}이(가) 서브넷 {subnet.name}({network})을(를) 사용합니다. ALB 서브넷은 확장을 위해 "
                "/27 이상이고 빈 주소가 8개 이상이어야 합니다.")


# --------------------------------------------------------------------------- ELB-003
@rule("ELB-003", "error", ("load_balancer",),
      "An internet-facing LB sits in public subnets of a VPC with an IGW; an internal one in private subnets",
      "인터넷 연결 로드 밸런서는 인터넷 게이트웨이가 있는 VPC의 퍼블릭 서브넷에, 내부 로드 밸런서는 프라이빗 서브넷에",
      aws=ALB_DIR + "application-load-balancer-getting-started.html")
def lb_scheme(ctx: Context, lb: NodeView) -> Iterator[Issue]:
    """Scheme against subnet routing; replacements are offered from the same AZs."""
    subnets = _listed_subnets(ctx, lb)
    if not subnets:
        return
    ids = _subnet_ids(lb)
    vpc = ctx.vpc_of(lb.id)
    internet_facing = props.choice(lb, "scheme") != "internal"
    if internet_facing and vpc is not None and not internet_gateways(ctx, vpc):
        yield Issue(
            "error", (lb.id, vpc.id),
            f"Internet-facing {lb.name} is in VPC {vpc.name}, which has no internet gateway; AWS rejects it "
            "(InvalidSubnet).",
            f"인터넷 연결 {lb.name}이(가) 인터넷 게이트웨이가 없는 VPC {vpc.name}에 있습니다. AWS가 거부합니다"
            "(InvalidSubnet).")
        return
    wrong = [s for s in subnets if is_public(ctx, s) != internet_facing]
    if not wrong:
        return
    candidates = _subnets_in(ctx, vpc)
    replaced = list(ids)
    taken = set(ids)
    for subnet in wrong:
        az = ctx.az_of(subnet.id)
        better = _subnet_in_az(ctx, candidates, az_key(az), internet_facing, taken) if az else None
        if better is None:
            replaced = []
            break
        replaced[replaced.index(subnet.id)] = better.id
        taken.add(better.id)
    fix = None
    if replaced:
        kind, kind_ko = ("public", "퍼블릭") if internet_facing else ("private", "프라이빗")
        fix = Fix(f"Use the {kind} subnets of the same AZs for {lb.name}",
                  f"{lb.name}에 같은 가용 영역의 {kind_ko} 서브넷 사용", (SetProp(lb.id, "subnets", replaced),))
    if internet_facing:
        yield Issue(
            "error", (lb.id, *(s.id for s in wrong)),
            f"Internet-facing {lb.name} is placed in private subnet(s) {names(wrong)}; its nodes need public "
            "subnets that route to the internet gateway.",
            f"인터넷 연결 {lb.name}이(가) 프라이빗 서브넷 {names_ko(wrong)}에 있습니다. 인터넷 게이트웨이로 "
            "라우팅되는 퍼블릭 서브넷이 필요합니다.", fix=fix)
    else:
        yield Issue(
            "warning", (lb.id, *(s.id for s in wrong)),
            f"Internal {lb.name} is placed in public subnet(s) {names(wrong)}; internal load balancers belong "
            "in private subnets.",
            f"내부 {lb.name}이(가) 퍼블릭 서브넷 {names_ko(wrong)}에 있습니다. 내부 로드 밸런서는 프라이빗 "
            "서브넷에 둡니다.", fix=fix)


# --------------------------------------------------------------------------- ELB-004
def _certificate_region(listener: dict[str, Any]) -> str:
    """The certificate's Region: from its ACM ARN when it has one, else `certificate_region`."""
    certificate = listener.get("certificate")
    if isinstance(certificate, str) and (match := ACM_ARN.match(certificate)):
        return match.group(1)
    region = listener.get("certificate_region")
    return region.strip() if isinstance(region, str) else ""


@rule("ELB-004", "error", ("load_balancer",),
      "HTTPS/TLS listeners have a certificate in the LB's Region; internet-facing LBs use HTTPS",
      "HTTPS/TLS 리스너에는 로드 밸런서 리전의 인증서가 있고, 인터넷 연결 로드 밸런서는 HTTPS를 쓴다",
      seed=SEED_LB, aws=ALB_DIR + "create-https-listener.html")
def lb_certificates(ctx: Context, lb: NodeView) -> Iterator[Issue]:
    """Missing or foreign-Region certificates; plain HTTP on the internet with no redirect."""
    listeners = props.dicts(lb, "listeners")
    region = ctx.region_of(lb.id)
    home = props.text(region, "code") if region is not None else ""
    for listener in listeners:
        protocol = str(listener.get("protocol", "")).upper()
        port = listener.get("port")
        if protocol not in SECURE_PROTOCOLS:
            continue
        if not listener.get("certificate"):
            yield Issue(
                "error", (lb.id,),
                f"The {protocol} listener on port {port} of {lb.name} has no server certificate; "
                "add one from ACM.",
                f"{lb.name}의 포트 {port} {protocol} 리스너에 서버 인증서가 없습니다. ACM 인증서를 추가하세요.")
            continue
        cert_region = _certificate_region(listener)
        if home and cert_region and cert_region != home:
            yield Issue(
                "error", (lb.id,),
                f"The certificate of the {protocol} listener on port {port} of {lb.name} is in {cert_region}, "
                f"but the load balancer is in {home}; ACM certificates are Regional and cannot be copied.",
                f"{lb.name}의 포트 {port} {protocol} 리스너 인증서는 {cert_region}에 있지만 로드 밸런서는 "
                f"{home}에 있습니다. ACM 인증서는 리전별이며 복사할 수 없습니다.")
    if props.choice(lb, "scheme") == "internal" or _lb_type(lb) == "nlb" or not listeners:
        return
    protocols = {str(listener.get("protocol", "")).upper() for listener in listeners}
    redirects = any(listener.get("redirect_to_https") is True for listener in listeners)
    if protocols == {"HTTP"} and not redirects:
        yield Issue(
            "warning", (lb.id,),
            f"Internet-facing {lb.name} listens only on plain HTTP; add an HTTPS listener with an ACM "
            "certificate and redirect HTTP to it.",
            f"인터넷 연결 {lb.name}이(가) 암호화되지 않은 HTTP만 사용합니다. ACM 인증서로 HTTPS 리스너를 "
            "추가하고 HTTP를 리디렉션하세요.")


# --------------------------------------------------------------------------- ELB-005
@rule("ELB-005", "error", ("load_balancer",),
      "Target groups have a valid health check that the targets' security groups admit",
      "대상 그룹에는 올바른 상태 확인이 있고 대상의 보안 그룹이 그것을 허용한다",
      seed=SEED_LB, aws=ALB_DIR + "target-group-health-checks.html")
def lb_health_check(ctx: Context, lb: NodeView) -> Iterator[Issue]:
    """Health-check protocol for the LB type, Matcher only on HTTP(S), and SGs open to it."""
    check = props.value(lb, "health_check")
    if not isinstance(check, dict) or not check:
        yield Issue(
            "warning", (lb.id,),
            f"{lb.name} declares no health check, so it cannot stop sending traffic to failed targets.",
            f"{lb.name}에 상태 확인이 없어 장애가 난 대상으로 트래픽을 계속 보냅니다.",
            fix=Fix(f"Add an HTTP health check to {lb.name}", f"{lb.name}에 HTTP 상태 확인 추가",
                    (SetProp(lb.id, "health_check", {"protocol": "HTTP", "port": "traffic-port", "path": "/"}),))
            if _lb_type(lb) != "nlb" else
            Fix(f"Add a TCP health check to {lb.name}", f"{lb.name}에 TCP 상태 확인 추가",
                (SetProp(lb.id, "health_check", {"protocol": "TCP", "port": "traffic-port"}),)))
        return
    lb_type = _lb_type(lb)
    allowed = HEALTH_CHECK_PROTOCOLS.get(lb_type, HEALTH_CHECK_PROTOCOLS["alb"])
    protocol = str(check.get("protocol") or "HTTP").upper()
    if protocol not in allowed:
        fixed = {**check, "protocol": allowed[0]}
        if allowed[0] == "TCP":
            fixed.pop("matcher", None)  # success codes exist only on HTTP(S) checks
        yield Issue(
            "error", (lb.id,),
            f"{lb.name} health-checks with {protocol}, which a {_lb_label(lb_type)} does not support "
            f"(use {' or '.join(allowed)}).",
            f"{lb.name}의 상태 확인 프로토콜 {protocol}은(는) {_lb_label(lb_type)}에서 지원되지 않습니다"
            f"({', '.join(allowed)} 사용).",
            fix=Fix(f"Health-check {lb.name} with {allowed[0]}", f"{lb.name}의 상태 확인을 {allowed[0]}(으)로",
                    (SetProp(lb.id, "health_check", fixed),)))
    elif protocol in ("TCP", "SSL") and check.get("matcher") not in (None, ""):
        fixed = {k: v for k, v in check.items() if k != "matcher"}
        yield Issue(
            "error", (lb.id,),
            f"{lb.name} sets success codes (matcher) on a {protocol} health check; only HTTP and HTTPS "
            "health checks take them.",
            f"{lb.name}의 {protocol} 상태 확인에 성공 코드(matcher)가 있습니다. HTTP와 HTTPS 상태 확인에만 "
            "지정할 수 있습니다.",
            fix=Fix(f"Remove the success codes from {lb.name}'s health check",
                    f"{lb.name} 상태 확인의 성공 코드 제거", (SetProp(lb.id, "health_check", fixed),)))
    port = check.get("port")
    if isinstance(port, bool) or (port is not None and not isinstance(port, int) and port != "traffic-port"):
        yield Issue("error", (lb.id,),
                    f"{lb.name}'s health-check port {port!r} is not a port number or \"traffic-port\".",
                    f"{lb.name}의 상태 확인 포트 {port!r}은(는) 포트 번호나 \"traffic-port\"가 아닙니다.")
        return
    if isinstance(port, int) and not 1 <= port <= 65535:
        yield Issue("error", (lb.id,), f"{lb.name}'s health-check port {port} is outside 1-65535.",
                    f"{lb.name}의 상태 확인 포트 {port}이(가) 1-65535 범위를 벗어납니다.")
        return
    if not isinstance(port, int):
        return  # the traffic port: SG-003 already checks the flow itself
    for edge in ctx.edges_from(lb.id, "traffic"):
        if edge.prop("port") == port:
            continue  # the health check uses the flow's own port: SG-003 checks that
        target = ctx.node(edge.target)
        if target is None or not security_groups(ctx, target):
            continue
        if not sg_allows_inbound(ctx, target, lb, "tcp", port):
            yield Issue(
                "error", (lb.id, target.id),
                f"The security groups of {target.name} do not admit {lb.name}'s health checks on port {port}, "
                "so every target is marked unhealthy.",
                f"{target.name}의 보안 그룹이 {lb.name}의 포트 {port} 상태 확인을 허용하지 않아 모든 대상이 "
                "비정상으로 표시됩니다.", edges=(edge.id,))


# --------------------------------------------------------------------------- ELB-006
@rule("ELB-006", "error", ("load_balancer",),
      "ALB sticky sessions need cross-zone load balancing; NLB stickiness is by source IP",
      "ALB 고정 세션은 교차 영역 로드 밸런싱이 필요하고, NLB 고정 세션은 소스 IP 기반이다",
      seed=SEED_LB, aws=ALB_DIR + "sticky-sessions.html")
def lb_stickiness(ctx: Context, lb: NodeView) -> Iterator[Issue]:
    """Sticky sessions with cross-zone off (ALB), a non-source-IP type on an NLB, cookie advice."""
    if not props.flag(lb, "sticky_sessions"):
        return
    lb_type = _lb_type(lb)
    if lb_type == "nlb":
        kind = props.choice(lb, "stickiness_type")
        if kind and kind != "source_ip":
            yield Issue(
                "error", (lb.id,),
                f"Network Load Balancer {lb.name} uses {kind} stickiness; NLBs support only source-IP stickiness.",
                f"Network Load Balancer {lb.name}이(가) {kind} 고정 세션을 씁니다. NLB는 소스 IP 고정 세션만 "
                "지원합니다.",
                fix=Fix(f"Use source-IP stickiness on {lb.name}", f"{lb.name}에 소스 IP 고정 세션 사용",
                        (SetProp(lb.id, "stickiness_type", "source_ip"),)))
        return
    if lb_type == "alb" and not props.flag(lb, "cross_zone"):
        yield Issue(
            "error", (lb.id,),
            f"{lb.name} enables sticky sessions with cross-zone load balancing off; AWS does not support "
            "stickiness then and the setting fails.",
            f"{lb.name}이(가) 교차 영역 로드 밸런싱을 끈 채 고정 세션을 켭니다. 이 경우 AWS는 고정 세션을 "
            "지원하지 않아 설정이 실패합니다.",
            fix=Fix(f"Turn on cross-zone load balancing for {lb.name}", f"{lb.name}의 교차 영역 로드 밸런싱 켜기",
                    (SetProp(lb.id, "cross_zone", True),)))
        return
    yield Issue(
        "info", (lb.id,),
        f"Sticky sessions on {lb.name} rely on a cookie, so clients must accept cookies.",
        f"{lb.name}의 고정 세션은 쿠키를 사용하므로 클라이언트가 쿠키를 허용해야 합니다.")


# --------------------------------------------------------------------------- ASG-001
@rule("ASG-001", "error", ("auto_scaling_group",),
      "Auto Scaling capacity satisfies min ≤ desired ≤ max",
      "Auto Scaling 용량은 최소 ≤ 원하는 용량 ≤ 최대를 만족한다",
      seed=SEED_SCALE, aws="https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html")
def asg_capacity(ctx: Context, asg: NodeView) -> Iterator[Issue]:
    """Capacity bounds, and a target-tracking policy with room to scale."""
    values = {key: props.value(asg, key) for key in ("min", "desired", "max")}
    bad = [k for k, v in values.items() if not isinstance(v, int) or isinstance(v, bool) or v < 0]
    if bad:
        yield Issue("error", (asg.id,),
                    f"Auto Scaling group {asg.name} needs whole, non-negative sizes ({', '.join(bad)} is not).",
                    f"Auto Scaling 그룹 {asg.name}의 크기는 0 이상의 정수여야 합니다({', '.join(bad)}).")
        return
    low, desired, high = values["min"], values["desired"], values["max"]
    if low > high:
        yield Issue(
            "error", (asg.id,),
            f"Auto Scaling group {asg.name} has min {low} above max {high}.",
            f"Auto Scaling 그룹 {asg.name}의 최소 크기 {low}이(가) 최대 크기 {high}보다 큽니다.")
        return
    if not low <= desired <= high:
        clamped = min(max(desired, low), high)
        yield Issue(
            "error", (asg.id,),
            f"Auto Scaling group {asg.name} wants {desired} instances, outside its min {low} and max {high}.",
            f"Auto Scaling 그룹 {asg.name}의 원하는 용량 {desired}이(가) 최소 {low}~최대 {high} 범위를 벗어납니다.",
            fix=Fix(f"Set the desired capacity of {asg.name} to {clamped}",
                    f"{asg.name}의 원하는 용량을 {clamped}(으)로", (SetProp(asg.id, "desired", clamped),)))
    if props.choice(asg, "scaling_policy") == "target_tracking" and low == high:
        yield Issue(
            "error", (asg.id,),
            f"Auto Scaling group {asg.name} has a target-tracking policy but min equals max ({low}), "
            "so it can never scale.",
            f"Auto Scaling 그룹 {asg.name}에 대상 추적 정책이 있지만 최소와 최대가 같아({low}) 조정할 수 없습니다.")


# --------------------------------------------------------------------------- ASG-002
@rule("ASG-002", "warning", ("auto_scaling_group",),
      "An Auto Scaling group spans two or more AZs of one VPC",
      "Auto Scaling 그룹은 한 VPC의 두 개 이상의 가용 영역에 걸친다",
      aws="https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-availability-zone.html")
def asg_zones(ctx: Context, asg: NodeView) -> Iterator[Issue]:
    """Fewer than 2 AZs (warning); subnets or security groups from another VPC (error)."""
    subnets = subnets_of(ctx, asg)
    if not subnets:
        return
    vpcs: list[NodeView] = []
    for subnet in subnets:
        vpc = ctx.vpc_of(subnet.id)
        if vpc is not None and vpc not in vpcs:
            vpcs.append(vpc)
    if len(vpcs) > 1:
        yield Issue(
            "error", (asg.id, *(v.id for v in vpcs)),
            f"Auto Scaling group {asg.name} uses subnets of several VPCs ({names(vpcs)}); all must be in one VPC.",
            f"Auto Scaling 그룹 {asg.name}이(가) 여러 VPC({names_ko(vpcs)})의 서브넷을 씁니다. 모두 한 VPC에 "
            "있어야 합니다.")
        return
    zones = {az_key(z) for z in azs_of(ctx, asg)}
    if len(zones) < 2:
        ids = _subnet_ids(asg) or [s.id for s in subnets]
        public = all(is_public(ctx, s) for s in subnets)
        extra = _subnet_elsewhere(ctx, _subnets_in(ctx, vpcs[0] if vpcs else None), zones, public, set(ids))
        yield Issue(
            "warning", (asg.id,),
            f"Auto Scaling group {asg.name} runs in only one Availability Zone; span two or more so it "
            "survives an AZ failure.",
            f"Auto Scaling 그룹 {asg.name}이(가) 가용 영역 하나에서만 실행됩니다. 가용 영역 장애에 대비해 두 개 "
            "이상에 걸치세요.",
            fix=_add_subnet_fix(asg, extra, ids) if extra is not None else None)
    if vpcs:
        foreign = [g for g in security_groups(ctx, asg) if ctx.vpc_of(g.id) != vpcs[0]]
        if foreign:
            yield Issue(
                "error", (asg.id, *(g.id for g in foreign)),
                f"Auto Scaling group {asg.name} launches into {vpcs[0].name} but uses security group(s) "
                f"{names(foreign)} of another VPC.",
                f"Auto Scaling 그룹 {asg.name}은(는) {vpcs[0].name}에서 시작하지만 다른 VPC의 보안 그룹 "
                f"{names_ko(foreign)}을(를) 사용합니다.")


# --------------------------------------------------------------------------- ASG-003
@rule("ASG-003", "warning", ("auto_scaling_group",),
      "An Auto Scaling group behind a load balancer uses ELB health checks",
      "로드 밸런서 뒤의 Auto Scaling 그룹은 ELB 상태 확인을 쓴다",
      aws="https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html")
def asg_health_check(ctx: Context, asg: NodeView) -> Iterator[Issue]:
    """A load balancer targets the group but it replaces instances on EC2 status checks only."""
    balancers = [n for e in ctx.edges_to(asg.id, "traffic")
                 if (n := ctx.node(e.source)) is not None and n.kind == "load_balancer"]
    if not balancers or props.choice(asg, "health_check_type") == "elb":
        return
    yield Issue(
        "warning", (asg.id, *(b.id for b in balancers)),
        f"Auto Scaling group {asg.name} is a target of {names(balancers)} but uses EC2 health checks, so "
        "instances whose application fails are not replaced.",
        f"Auto Scaling 그룹 {asg.name}은(는) {names_ko(balancers)}의 대상이지만 EC2 상태 확인을 사용해 "
        "애플리케이션이 실패한 인스턴스를 교체하지 않습니다.",
        fix=Fix(f"Use ELB health checks for {asg.name}", f"{asg.name}에 ELB 상태 확인 사용",
                (SetProp(asg.id, "health_check_type", "ELB"),)))
