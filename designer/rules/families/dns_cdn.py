"""Route 53 and CloudFront: failover, health checks, record validity, routing sets (R53-001..004),
viewer certificates and distribution baseline (CF-001, CF-002)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from designer.edits import AddEdge, SetEdgeProp, SetProp
from designer.model import MISSING, Edge, Node
from designer.rules import props
from designer.rules.context import Context, EdgeView, NodeView
from designer.rules.facts import is_public, names, names_ko
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import AddNodeAt, fresh_edge_id, fresh_node_id
from designer.rules.registry import rule

SEED_DNS = "DNS(Domain Name System)"
SEED_EDGE = "클라우드 용어"
R53_DOCS = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/"
CF_DOCS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
CLOUDFRONT_CERT_REGION = "us-east-1"
ALIAS_TARGET_KINDS = frozenset({"load_balancer", "cloudfront", "s3_bucket", "vpc_endpoint", "route53_record"})
MAX_WEIGHT = 255
HEALTH_CHECK_TTL = 60


# --------------------------------------------------------------------------- helpers
def _domain(zone: NodeView) -> str:
    return props.text(zone, "domain").lower().rstrip(".")


def fqdn(record: NodeView, zone: NodeView | None) -> str:
    """The record's full name: '@' is the apex, a name with no dot is relative to the zone."""
    name = props.text(record, "name").lower().rstrip(".")
    domain = _domain(zone) if zone is not None else ""
    if name in ("", "@"):
        return domain
    if "." not in name and domain:
        return f"{name}.{domain}"
    return name


def _in_zone(name: str, domain: str) -> bool:
    return not domain or name == domain or name.endswith("." + domain)


def _zone_of(ctx: Context, record: NodeView) -> NodeView | None:
    parent = ctx.node(record.parent)
    return parent if parent is not None and parent.kind == "route53_zone" else None


def _records(ctx: Context, zone: NodeView) -> list[NodeView]:
    return [c for c in ctx.children(zone.id) if c.kind == "route53_record"]


def _record_type(record: NodeView) -> str:
    return props.text(record, "type").upper() or "A"


def _dns_targets(ctx: Context, record: NodeView) -> list[tuple[EdgeView, NodeView]]:
    out = []
    for edge in ctx.edges_from(record.id, "dns"):
        target = ctx.node(edge.target)
        if target is not None:
            out.append((edge, target))
    return out


def _groups(ctx: Context, zone: NodeView, routing: str) -> dict[tuple[str, str], list[NodeView]]:
    """The zone's records with one routing policy, grouped by (full name, type)."""
    groups: dict[tuple[str, str], list[NodeView]] = {}
    for record in _records(ctx, zone):
        if props.choice(record, "routing") == routing:
            groups.setdefault((fqdn(record, zone), _record_type(record)), []).append(record)
    return groups


def _has_eip(ctx: Context, node: NodeView) -> bool:
    for edge in ctx.edges_of(node.id, ("attach",)):
        other = ctx.node(edge.target if edge.source == node.id else edge.source)
        if other is not None and other.kind == "elastic_ip":
            return True
    return False


def _publicly_addressable(ctx: Context, node: NodeView) -> bool:
    """Whether an instance has a public address in a public subnet (health checkers can reach it)."""
    subnet = ctx.subnet_of(node.id)
    if subnet is None or not is_public(ctx, subnet):
        return False
    return props.flag(node, "public_ip") or _has_eip(ctx, node)


# --------------------------------------------------------------------------- R53-001
@rule("R53-001", "error", ("route53_zone",),
      "A failover set has one healthy-checked PRIMARY and at most one SECONDARY",
      "장애 조치 세트에는 상태 확인이 있는 PRIMARY 하나와 최대 하나의 SECONDARY가 있다",
      seed=SEED_DNS, aws=R53_DOCS + "health-checks-how-route-53-chooses-records.html")
def failover_sets(ctx: Context, zone: NodeView) -> Iterator[Issue]:
    """Role counts, set identifiers, and a health check on the PRIMARY."""
    for (name, record_type), group in _groups(ctx, zone, "failover").items():
        ids = tuple(r.id for r in group)
        roles = [props.choice(r, "failover_role") for r in group]
        primaries = [r for r, role in zip(group, roles, strict=True) if role == "primary"]
        secondaries = [r for r, role in zip(group, roles, strict=True) if role == "secondary"]
        unassigned = [r for r, role in zip(group, roles, strict=True) if role not in ("primary", "secondary")]
        if len(primaries) != 1 or len(secondaries) > 1 or unassigned:
            yield Issue(
                "error", ids,
                f"Failover set {name} ({record_type}) has {len(primaries)} PRIMARY and {len(secondaries)} SECONDARY "
                f"record(s){' and records with no role' if unassigned else ''}; it needs exactly one PRIMARY and at "
                "most one SECONDARY.",
                f"장애 조치 세트 {name}({record_type})에 PRIMARY {len(primaries)}개, SECONDARY {len(secondaries)}개"
                f"{'와 역할 없는 레코드' if unassigned else ''}가 있습니다. PRIMARY는 정확히 하나, SECONDARY는 최대 "
                "하나여야 합니다.")
        for record in group:
            if not props.text(record, "set_id"):
                role = props.choice(record, "failover_role") or "record"
                yield Issue(
                    "error", (record.id,),
                    f"Failover record {record.name} has no set identifier.",
                    f"장애 조치 레코드 {record.name}에 세트 식별자가 없습니다.",
                    fix=Fix(f"Set the identifier of {record.name} to \"{role}\"",
                            f"{record.name}의 세트 식별자를 \"{role}\"(으)로",
                            (SetProp(record.id, "set_id", role),)))
        for primary in primaries:
            alias = props.flag(primary, "alias")
            if props.flag(primary, "health_check") or (alias and props.flag(primary, "evaluate_target_health")):
                continue
            key, what, what_ko = (("evaluate_target_health", "evaluate the alias target's health",
                                   "별칭 대상 상태 평가 켜기") if alias else
                                  ("health_check", "add a health check", "상태 확인 추가"))
            yield Issue(
                "error", (primary.id,),
                f"PRIMARY record {primary.name} has no health check, so Route 53 always considers it healthy "
                "and never fails over.",
                f"PRIMARY 레코드 {primary.name}에 상태 확인이 없어 Route 53이 항상 정상으로 간주하고 장애 조치를 "
                "하지 않습니다.",
                fix=Fix(f"{what.capitalize()} on {primary.name}", f"{primary.name}에 {what_ko}",
                        (SetProp(primary.id, key, True),)))


# --------------------------------------------------------------------------- R53-002
def _unroutable(value: str) -> bool:
    try:
        return not ipaddress.ip_address(value.strip()).is_global
    except ValueError:
        return False


@rule("R53-002", "error", ("route53_record",),
      "Route 53 health checks target public, routable endpoints",
      "Route 53 상태 확인 대상은 퍼블릭으로 라우팅 가능한 엔드포인트다",
      aws=R53_DOCS + "health-checks-creating-values.html")
def health_check_targets(ctx: Context, record: NodeView) -> Iterator[Issue]:
    """A health-checked record whose endpoint is a private IP or a resource only reachable privately."""
    if not props.flag(record, "health_check") or props.choice(record, "health_check_type") == "cloudwatch":
        return
    private_values = [] if props.flag(record, "alias") else [v for v in props.strings(record, "values")
                                                             if _unroutable(v)]
    if private_values:
        yield Issue(
            "error", (record.id,),
            f"The health check of {record.name} targets {', '.join(private_values)}, which Route 53 health checkers "
            "cannot reach; use a CloudWatch-alarm health check for private endpoints.",
            f"{record.name}의 상태 확인 대상 {', '.join(private_values)}은(는) Route 53 상태 확인기가 접근할 수 없는 "
            "주소입니다. 프라이빗 엔드포인트에는 CloudWatch 경보 상태 확인을 쓰세요.")
    for edge, target in _dns_targets(ctx, record):
        private = ((target.kind == "ec2" and not _publicly_addressable(ctx, target))
                   or (target.kind == "load_balancer" and props.choice(target, "scheme") == "internal"))
        if private:
            yield Issue(
                "error", (record.id, target.id),
                f"The health check of {record.name} targets {target.name}, which has no public address; Route 53 "
                "health checkers are outside the VPC.",
                f"{record.name}의 상태 확인 대상 {target.name}에는 퍼블릭 주소가 없습니다. Route 53 상태 확인기는 VPC "
                "밖에 있습니다.", edges=(edge.id,))


# --------------------------------------------------------------------------- R53-003
def _bad_values(record_type: str, values: list[str]) -> list[str]:
    bad = []
    for value in values:
        try:
            address = ipaddress.ip_address(value.strip())
        except ValueError:
            bad.append(value)
            continue
        if (record_type == "A") != (address.version == 4):
            bad.append(value)
    return bad


@rule("R53-003", "error", ("route53_record", "route53_zone"),
      "Records are valid: inside the zone, no CNAME at the apex, aliases without TTL, valid values",
      "레코드가 올바르다: 영역 안의 이름, 영역 최상위에 CNAME 없음, 별칭에 TTL 없음, 올바른 값",
      aws=R53_DOCS + "resource-record-sets-choosing-alias-non-alias.html")
def record_validity(ctx: Context, node: NodeView) -> Iterator[Issue]:
    """Per record: name, apex CNAME, alias TTL and target, values. Per zone: CNAME next to other types."""
    if node.kind == "route53_zone":
        yield from _cname_clashes(ctx, node)
        return
    record = node
    zone = _zone_of(ctx, record)
    name = fqdn(record, zone)
    domain = _domain(zone) if zone is not None else ""
    record_type = _record_type(record)
    alias = props.flag(record, "alias")
    targets = _dns_targets(ctx, record)
    if not _in_zone(name, domain):
        yield Issue(
            "error", (record.id,),
            f"Record {record.name} is named {name}, which is not inside hosted zone {domain}.",
            f"레코드 {record.name}의 이름 {name}은(는) 호스팅 영역 {domain}에 속하지 않습니다.")
    if record_type == "CNAME" and domain and name == domain:
        fix = None
        if targets and targets[0][1].kind in ALIAS_TARGET_KINDS:
            fix = Fix(f"Make {record.name} an alias A record", f"{record.name}을(를) 별칭 A 레코드로",
                      (SetProp(record.id, "type", "A"), SetProp(record.id, "alias", True),
                       SetProp(record.id, "values", MISSING)))
        yield Issue(
            "error", (record.id,),
            f"Record {record.name} is a CNAME at the zone apex {domain}; the apex cannot be a CNAME, use an alias "
            "A/AAAA record.",
            f"레코드 {record.name}은(는) 영역 최상위 {domain}의 CNAME입니다. 최상위에는 CNAME을 만들 수 없으니 별칭 "
            "A/AAAA 레코드를 쓰세요.", fix=fix)
    if alias:
        if props.integer(record, "ttl") is not None:
            yield Issue(
                "error", (record.id,),
                f"Alias record {record.name} sets a TTL; alias records take the target's TTL.",
                f"별칭 레코드 {record.name}에 TTL이 있습니다. 별칭 레코드는 대상의 TTL을 씁니다.",
                fix=Fix(f"Remove the TTL of {record.name}", f"{record.name}의 TTL 제거",
                        (SetProp(record.id, "ttl", MISSING),)))
        if not targets:
            yield Issue(
                "warning", (record.id,),
                f"Alias record {record.name} points at nothing: draw a dns connection to its target.",
                f"별칭 레코드 {record.name}이(가) 아무것도 가리키지 않습니다. 대상에 dns 연결을 그리세요.")
        for edge, target in targets:
            if target.kind not in ALIAS_TARGET_KINDS:
                yield Issue(
                    "error", (record.id, target.id),
                    f"Alias record {record.name} points at {target.name}, which cannot be an alias target; use a "
                    "plain A record with its (Elastic) IP address.",
                    f"별칭 레코드 {record.name}이(가) 별칭 대상이 될 수 없는 {target.name}을(를) 가리킵니다. (탄력적) IP "
                    "주소로 일반 A 레코드를 쓰세요.", edges=(edge.id,))
        return
    values = props.strings(record, "values")
    if record_type in ("A", "AAAA"):
        bad = _bad_values(record_type, values)
        if bad:
            yield Issue(
                "error", (record.id,),
                f"{record_type} record {record.name} has values that are not IPv{4 if record_type == 'A' else 6} "
                f"addresses: {', '.join(bad)}.",
                f"{record_type} 레코드 {record.name}에 IPv{4 if record_type == 'A' else 6} 주소가 아닌 값이 있습니다: "
                f"{', '.join(bad)}.")
    elif record_type == "CNAME" and len(values) > 1:
        yield Issue(
            "error", (record.id,),
            f"CNAME record {record.name} has {len(values)} values; a CNAME holds exactly one.",
            f"CNAME 레코드 {record.name}에 값이 {len(values)}개 있습니다. CNAME은 값이 하나뿐입니다.")
    if not values and not targets:
        yield Issue(
            "warning", (record.id,),
            f"Record {record.name} has no values and no dns connection, so it points at nothing.",
            f"레코드 {record.name}에 값도 dns 연결도 없어 아무것도 가리키지 않습니다.")


def _cname_clashes(ctx: Context, zone: NodeView) -> Iterator[Issue]:
    by_name: dict[str, list[NodeView]] = {}
    for record in _records(ctx, zone):
        by_name.setdefault(fqdn(record, zone), []).append(record)
    for name, group in by_name.items():
        types = {_record_type(r) for r in group}
        if "CNAME" in types and len(types) > 1:
            yield Issue(
                "error", tuple(r.id for r in group),
                f"{name} has a CNAME record next to other record types ({names(group)}); a CNAME cannot coexist "
                "with other records of the same name.",
                f"{name}에 CNAME 레코드와 다른 유형의 레코드가 함께 있습니다({names_ko(group)}). CNAME은 같은 이름의 "
                "다른 레코드와 함께 있을 수 없습니다.")


# --------------------------------------------------------------------------- R53-004
@rule("R53-004", "warning", ("route53_record", "route53_zone"),
      "Routing-policy sets are complete and consistent",
      "라우팅 정책 세트는 완전하고 일관된다",
      seed=SEED_DNS, aws=R53_DOCS + "routing-policy-geo.html")
def routing_sets(ctx: Context, node: NodeView) -> Iterator[Issue]:
    """Per zone: geolocation default. Per record: latency Region, weight range, TTL with health checks."""
    if node.kind == "route53_zone":
        for (name, record_type), group in _groups(ctx, node, "geolocation").items():
            if not any(props.text(r, "location") in ("*", "default", "Default") for r in group):
                yield Issue(
                    "warning", tuple(r.id for r in group),
                    f"Geolocation set {name} ({record_type}) has no default (*) location, so users elsewhere get no "
                    "answer.",
                    f"지리적 위치 세트 {name}({record_type})에 기본(*) 위치가 없어 그 밖의 사용자는 응답을 받지 못합니다.")
        return
    record = node
    routing = props.choice(record, "routing")
    if routing == "latency":
        declared = props.text(record, "region")
        for edge, target in _dns_targets(ctx, record):
            region = ctx.region_of(target.id)
            actual = props.text(region, "code") if region is not None else ""
            if declared and actual and declared != actual:
                yield Issue(
                    "warning", (record.id, target.id),
                    f"Latency record {record.name} says {declared} but its target {target.name} is in {actual}.",
                    f"지연 시간 레코드 {record.name}은(는) {declared}(으)로 되어 있지만 대상 {target.name}은(는) "
                    f"{actual}에 있습니다.", edges=(edge.id,),
                    fix=Fix(f"Set the Region of {record.name} to {actual}", f"{record.name}의 리전을 {actual}(으)로",
                            (SetProp(record.id, "region", actual),)))
    if routing == "weighted":
        weight = props.value(record, "weight")
        if weight is not None and (not isinstance(weight, int) or isinstance(weight, bool)
                                   or not 0 <= weight <= MAX_WEIGHT):
            yield Issue(
                "error", (record.id,),
                f"Weighted record {record.name} has weight {weight!r}; weights are whole numbers from 0 to 255.",
                f"가중치 레코드 {record.name}의 가중치 {weight!r}은(는) 0~255의 정수여야 합니다.")
    ttl = props.integer(record, "ttl")
    if props.flag(record, "health_check") and ttl is not None and ttl > HEALTH_CHECK_TTL:
        yield Issue(
            "info", (record.id,),
            f"Health-checked record {record.name} has a TTL of {ttl} s; 60 s or less lets clients notice a failover "
            "quickly.",
            f"상태 확인이 있는 레코드 {record.name}의 TTL이 {ttl}초입니다. 60초 이하로 해야 클라이언트가 장애 조치를 "
            "빨리 알아챕니다.",
            fix=Fix(f"Set the TTL of {record.name} to 60 s", f"{record.name}의 TTL을 60초로",
                    (SetProp(record.id, "ttl", HEALTH_CHECK_TTL),)))


# --------------------------------------------------------------------------- CF-001
def _covers(pattern: str, name: str) -> bool:
    """Whether a certificate name (maybe a wildcard for one label) covers a domain name."""
    pattern, name = pattern.lower().rstrip("."), name.lower().rstrip(".")
    if pattern.startswith("*."):
        head, _, rest = name.partition(".")
        return bool(head) and rest == pattern[2:]
    return pattern == name


@rule("CF-001", "error", ("cloudfront",),
      "CloudFront's viewer certificate is in us-east-1, covers every alias, and aliases have DNS records",
      "CloudFront 뷰어 인증서는 us-east-1에 있고 모든 대체 도메인을 포함하며, 대체 도메인에는 DNS 레코드가 있다",
      seed=SEED_EDGE, aws=CF_DOCS + "cnames-and-https-requirements.html")
def cloudfront_certificate(ctx: Context, cdn: NodeView) -> Iterator[Issue]:
    """Certificate Region and coverage of the aliases; aliases with no Route 53 record pointing here."""
    aliases = [a.lower().rstrip(".") for a in props.strings(cdn, "aliases") if a.strip()]
    if not aliases:
        return  # the default *.cloudfront.net certificate needs nothing from the design
    region = props.text(cdn, "certificate_region") or CLOUDFRONT_CERT_REGION
    if region != CLOUDFRONT_CERT_REGION:
        yield Issue(
            "error", (cdn.id,),
            f"The viewer certificate of {cdn.name} is in {region}; CloudFront only uses ACM certificates from "
            "US East (N. Virginia) us-east-1.",
            f"{cdn.name}의 뷰어 인증서가 {region}에 있습니다. CloudFront는 미국 동부(버지니아 북부) us-east-1의 ACM 인증서만 "
            "사용합니다.",
            fix=Fix(f"Use a certificate from us-east-1 for {cdn.name}", f"{cdn.name}에 us-east-1 인증서 사용",
                    (SetProp(cdn.id, "certificate_region", CLOUDFRONT_CERT_REGION),)))
    covered = props.strings(cdn, "certificate_domains")
    if covered:
        missing = [a for a in aliases if not any(_covers(c, a) for c in covered)]
        if missing:
            yield Issue(
                "error", (cdn.id,),
                f"The viewer certificate of {cdn.name} does not cover {', '.join(missing)}; every alternate domain "
                "name must be on the certificate.",
                f"{cdn.name}의 뷰어 인증서가 {', '.join(missing)}을(를) 포함하지 않습니다. 모든 대체 도메인 이름이 "
                "인증서에 있어야 합니다.")
    yield from _unrouted_aliases(ctx, cdn, aliases)


def _unrouted_aliases(ctx: Context, cdn: NodeView, aliases: list[str]) -> Iterator[Issue]:
    """Aliases in a hosted zone of the design that no record routes to this distribution."""
    routed = set()
    for edge in ctx.edges_to(cdn.id, "dns"):
        record = ctx.node(edge.source)
        if record is not None and record.kind == "route53_record":
            routed.add(fqdn(record, _zone_of(ctx, record)))
    zones = ctx.nodes_of_kind("route53_zone")
    for alias in aliases:
        if alias in routed:
            continue
        zone = next((z for z in zones if _domain(z) and _in_zone(alias, _domain(z))
                     and not props.flag(z, "private")), None)
        if zone is None:
            continue  # the domain's DNS is hosted outside this design
        record_id = fresh_node_id(ctx, f"{zone.id}-{alias.split('.')[0] or 'apex'}-alias")
        edge_id = fresh_edge_id(ctx, f"{record_id}-dns")
        record = Node(id=record_id, kind="route53_record", parent=zone.id, label=alias,
                      props={"name": alias, "type": "A", "alias": True, "routing": "simple"})
        yield Issue(
            "warning", (cdn.id, zone.id),
            f"Alternate domain name {alias} of {cdn.name} has no Route 53 record in {zone.name} pointing at the "
            "distribution.",
            f"{cdn.name}의 대체 도메인 이름 {alias}을(를) 배포로 연결하는 Route 53 레코드가 {zone.name}에 없습니다.",
            fix=Fix(f"Add an alias record {alias} → {cdn.name}", f"별칭 레코드 {alias} → {cdn.name} 추가",
                    (AddNodeAt(node=record), AddEdge(Edge(id=edge_id, kind="dns", source=record_id,
                                                          target=cdn.id)))))


# --------------------------------------------------------------------------- CF-002
TLS_VERSION = re.compile(r"^TLSv1(?:\.(\d))?", re.IGNORECASE)


def _tls_below_1_2(version: str) -> bool:
    """Whether a CloudFront security policy name (TLSv1, TLSv1_2016, TLSv1.2_2021, SSLv3…) allows < 1.2."""
    match = TLS_VERSION.match(version.strip())
    return match is None or int(match.group(1) or 0) < 2


@rule("CF-002", "warning", ("cloudfront",),
      "CloudFront baseline: HTTPS with TLS 1.2+, private S3 origins, VPC origins for private origins",
      "CloudFront 기본 설정: TLS 1.2 이상의 HTTPS, 비공개 S3 원본, 프라이빗 원본에는 VPC 원본",
      aws=CF_DOCS + "private-content-vpc-origins.html")
def cloudfront_baseline(ctx: Context, cdn: NodeView) -> Iterator[Issue]:
    """Viewer protocol, minimum TLS, public S3 origins, private origins not set up as VPC origins."""
    if props.choice(cdn, "viewer_protocol_policy") == "allow-all":
        yield Issue(
            "warning", (cdn.id,),
            f"{cdn.name} lets viewers use plain HTTP; redirect them to HTTPS.",
            f"{cdn.name}이(가) 뷰어의 암호화되지 않은 HTTP를 허용합니다. HTTPS로 리디렉션하세요.",
            fix=Fix(f"Redirect HTTP to HTTPS on {cdn.name}", f"{cdn.name}에서 HTTP를 HTTPS로 리디렉션",
                    (SetProp(cdn.id, "viewer_protocol_policy", "redirect-to-https"),)))
    version = props.text(cdn, "minimum_protocol_version")
    if version and _tls_below_1_2(version):
        yield Issue(
            "warning", (cdn.id,),
            f"{cdn.name} accepts viewers on {version}; require TLS 1.2 or later.",
            f"{cdn.name}이(가) {version} 뷰어 연결을 허용합니다. TLS 1.2 이상을 요구하세요.",
            fix=Fix(f"Require TLSv1.2_2021 on {cdn.name}", f"{cdn.name}에 TLSv1.2_2021 요구",
                    (SetProp(cdn.id, "minimum_protocol_version", "TLSv1.2_2021"),)))
    origins = [(e, n) for e in ctx.edges_from(cdn.id, "origin", "traffic") if (n := ctx.node(e.target)) is not None]
    custom = 0
    for edge, origin in origins:
        if origin.kind == "s3_bucket":
            if props.flag(origin, "public_access"):
                website = props.flag(origin, "website")
                yield Issue(
                    "warning", (cdn.id, origin.id),
                    f"Origin bucket {origin.name} of {cdn.name} is public; keep it private and let CloudFront read it "
                    "through origin access control (OAC).",
                    f"{cdn.name}의 원본 버킷 {origin.name}이(가) 퍼블릭입니다. 버킷은 비공개로 두고 CloudFront가 원본 "
                    "액세스 제어(OAC)로 읽게 하세요.", edges=(edge.id,),
                    fix=None if website else Fix(f"Make {origin.name} private (OAC)",
                                                 f"{origin.name}을(를) 비공개로(OAC)",
                                                 (SetProp(origin.id, "public_access", False),)))
            continue
        if origin.kind not in ("load_balancer", "ec2"):
            continue
        custom += 1
        private = ((origin.kind == "load_balancer" and props.choice(origin, "scheme") == "internal")
                   or (origin.kind == "ec2" and not _publicly_addressable(ctx, origin)))
        if private and edge.prop("vpc_origin") is not True:
            yield Issue(
                "error", (cdn.id, origin.id),
                f"{cdn.name} uses private origin {origin.name}, which CloudFront can reach only as a VPC origin.",
                f"{cdn.name}이(가) 프라이빗 원본 {origin.name}을(를) 쓰는데, CloudFront는 VPC 원본으로만 접근할 수 "
                "있습니다.", edges=(edge.id,),
                fix=Fix(f"Make {origin.name} a VPC origin of {cdn.name}", f"{origin.name}을(를) {cdn.name}의 VPC 원본으로",
                        (SetEdgeProp(edge.id, "vpc_origin", True),)))
    if custom and len(origins) < 2 and not props.flag(cdn, "origin_failover"):
        yield Issue(
            "info", (cdn.id,),
            f"{cdn.name} has a single custom origin and no origin group, so an origin failure is an outage; add a "
            "second origin for failover.",
            f"{cdn.name}에 사용자 지정 원본이 하나뿐이고 원본 그룹이 없어 원본 장애가 곧 서비스 중단입니다. 장애 조치용 "
            "두 번째 원본을 추가하세요.")
