"""S3 and Glacier: bucket names, lifecycle, One Zone-IA, private access, baseline (S3-001..005),
and standalone Glacier vaults (GLC-001)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import Any

from designer.edits import AddEdge, Edit, SetProp
from designer.model import Edge, Node
from designer.rules import props
from designer.rules.context import Context, NodeView
from designer.rules.facts import is_public, names, names_ko, routes, subnets_of
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import AddNodeAt, ReplaceKind, fresh_edge_id, fresh_node_id
from designer.rules.registry import rule

SEED_S3 = "S3(Simple Storage Services)"
SEED_GLACIER = "Glacier"
SEED_VPC = "네트워크 및 VPC"
S3_DOCS = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"

BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
VAULT_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,255}$")

# The lifecycle "waterfall": a transition may only go right along this list.
CLASS_ORDER = ("STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER",
               "DEEP_ARCHIVE")
IA_CLASSES = frozenset({"STANDARD_IA", "ONEZONE_IA"})
IA_MIN_DAYS = 30  # objects must be 30 days old before IA, and stay 30 days in IA before moving on
MIN_STORAGE_DAYS = {"STANDARD_IA": 30, "ONEZONE_IA": 30, "GLACIER_IR": 90, "GLACIER": 90, "DEEP_ARCHIVE": 180}


# --------------------------------------------------------------------------- S3-001
def bucket_name_problem(name: str) -> tuple[str, str] | None:
    """Why a bucket name breaks AWS's naming rules (English, Korean), or None when it is valid."""
    if not 3 <= len(name) <= 63:
        return (f"is {len(name)} characters long (3-63 allowed)", f"길이가 {len(name)}자입니다(3-63자 허용)")
    if not BUCKET_NAME.fullmatch(name):
        return ("may use only lowercase letters, digits, dots and hyphens, and must begin and end with a "
                "letter or digit", "소문자, 숫자, 점(.), 하이픈(-)만 쓸 수 있고 문자나 숫자로 시작하고 끝나야 합니다")
    if ".." in name:
        return ("contains two adjacent dots", "점 두 개가 연속됩니다")
    try:
        ipaddress.IPv4Address(name)
        return ("is formatted as an IP address", "IP 주소 형식입니다")
    except ValueError:
        pass
    for prefix in RESERVED_PREFIXES:
        if name.startswith(prefix):
            return (f"starts with the reserved prefix {prefix}", f"예약된 접두사 {prefix}(으)로 시작합니다")
    for suffix in RESERVED_SUFFIXES:
        if name.endswith(suffix):
            return (f"ends with the reserved suffix {suffix}", f"예약된 접미사 {suffix}(으)로 끝납니다")
    return None


def suggest_bucket_name(name: str) -> str | None:
    """A valid bucket name close to `name` (lower-cased, bad characters as hyphens), if one exists."""
    text = re.sub(r"[^a-z0-9.-]+", "-", name.lower())
    text = re.sub(r"\.{2,}", ".", text).strip(".-")
    for prefix in RESERVED_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text[:63].strip(".-")
    if len(text) < 3:
        text = f"{text}-bucket".strip("-")
    return text if bucket_name_problem(text) is None else None


@rule("S3-001", "error", ("s3_bucket", "design"),
      "S3 bucket names follow the naming rules and are unique",
      "S3 버킷 이름은 명명 규칙을 따르고 고유하다",
      aws=S3_DOCS + "bucketnamingrules.html")
def bucket_names(ctx: Context, bucket: NodeView | None) -> Iterator[Issue]:
    """Per bucket: the naming rules. Design-wide: the same name used twice."""
    if bucket is None:
        yield from _duplicate_buckets(ctx)
        return
    name = props.text(bucket, "bucket_name")
    if not name:
        return  # not named yet: the exporter lets AWS generate a name
    problem = bucket_name_problem(name)
    if problem is None:
        return
    suggestion = suggest_bucket_name(name)
    yield Issue(
        "error", (bucket.id,),
        f"Bucket name \"{name}\" of {bucket.name} {problem[0]}.",
        f"{bucket.name}의 버킷 이름 \"{name}\"은(는) {problem[1]}.",
        fix=Fix(f"Rename the bucket to \"{suggestion}\"", f"버킷 이름을 \"{suggestion}\"(으)로 변경",
                (SetProp(bucket.id, "bucket_name", suggestion),)) if suggestion else None)


def _duplicate_buckets(ctx: Context) -> Iterator[Issue]:
    by_name: dict[str, list[NodeView]] = {}
    for bucket in ctx.nodes_of_kind("s3_bucket"):
        name = props.text(bucket, "bucket_name")
        if name:
            by_name.setdefault(name, []).append(bucket)
    for name, group in by_name.items():
        if len(group) > 1:
            yield Issue(
                "error", tuple(b.id for b in group),
                f"Buckets {names(group)} share the name \"{name}\"; bucket names are unique across all of AWS.",
                f"버킷 {names_ko(group)}의 이름이 \"{name}\"(으)로 같습니다. 버킷 이름은 AWS 전체에서 고유해야 합니다.")


# --------------------------------------------------------------------------- S3-002
def _transitions(bucket: NodeView) -> tuple[list[tuple[int, str, dict[str, Any]]], int | None]:
    """The lifecycle's transitions (days, class, rule) in file order, and its expiration day."""
    transitions: list[tuple[int, str, dict[str, Any]]] = []
    expiration = None
    for item in props.dicts(bucket, "lifecycle"):
        if "expire_after_days" in item:
            days = item["expire_after_days"]
            if isinstance(days, int) and not isinstance(days, bool):
                expiration = days
            continue
        days = item.get("after_days")
        storage_class = str(item.get("storage_class", "")).upper()
        if isinstance(days, int) and not isinstance(days, bool):
            transitions.append((days, storage_class, item))
    return transitions, expiration


@rule("S3-002", "error", ("s3_bucket",),
      "Lifecycle transitions obey AWS's order and day constraints",
      "수명 주기 전환은 AWS의 순서와 일수 제약을 따른다",
      seed=SEED_GLACIER, aws=S3_DOCS + "lifecycle-transition-general-considerations.html")
def bucket_lifecycle(ctx: Context, bucket: NodeView) -> Iterator[Issue]:
    """IA before 30 days, warmer or out-of-order transitions (errors); early expiration (warning)."""
    transitions, expiration = _transitions(bucket)
    current = props.text(bucket, "storage_class").upper() or "STANDARD"
    previous_days: int | None = None
    previous_class = current
    for days, storage_class, item in transitions:
        if storage_class not in CLASS_ORDER:
            yield Issue("error", (bucket.id,),
                        f"Lifecycle of {bucket.name} moves objects to unknown storage class \"{storage_class}\".",
                        f"{bucket.name}의 수명 주기가 알 수 없는 스토리지 클래스 \"{storage_class}\"(으)로 전환합니다.")
            continue
        if storage_class in IA_CLASSES and days < IA_MIN_DAYS:
            fixed = [dict(i, after_days=IA_MIN_DAYS) if i is item else i for i in props.dicts(bucket, "lifecycle")]
            yield Issue(
                "error", (bucket.id,),
                f"Lifecycle of {bucket.name} moves objects to {storage_class} after {days} days; objects must be "
                "at least 30 days old before they move to Standard-IA or One Zone-IA.",
                f"{bucket.name}의 수명 주기가 {days}일 후 {storage_class}(으)로 전환합니다. Standard-IA나 One Zone-IA로 "
                "옮기려면 객체가 최소 30일 지나야 합니다.",
                fix=Fix(f"Move to {storage_class} after 30 days", f"30일 후 {storage_class}(으)로 전환",
                        (SetProp(bucket.id, "lifecycle", fixed),)))
        if CLASS_ORDER.index(storage_class) <= CLASS_ORDER.index(previous_class if previous_class in CLASS_ORDER
                                                                   else "STANDARD"):
            yield Issue(
                "error", (bucket.id,),
                f"Lifecycle of {bucket.name} moves objects from {previous_class} to {storage_class}, which is not "
                "a colder class; transitions only go Standard → Standard-IA → Intelligent-Tiering → One Zone-IA "
                "→ Glacier Instant Retrieval → Glacier → Deep Archive.",
                f"{bucket.name}의 수명 주기가 {previous_class}에서 더 차갑지 않은 {storage_class}(으)로 전환합니다. 전환은 "
                "Standard → Standard-IA → Intelligent-Tiering → One Zone-IA → Glacier Instant Retrieval → Glacier → "
                "Deep Archive 순서로만 가능합니다.")
        elif previous_days is not None and days <= previous_days:
            yield Issue(
                "error", (bucket.id,),
                f"Lifecycle of {bucket.name} moves objects to {storage_class} after {days} days, not later than the "
                f"previous transition ({previous_days} days).",
                f"{bucket.name}의 수명 주기가 {days}일 후 {storage_class}(으)로 전환하는데 이전 전환({previous_days}일)보다 "
                "늦지 않습니다.")
        elif previous_days is not None and previous_class in IA_CLASSES and days - previous_days < IA_MIN_DAYS:
            yield Issue(
                "error", (bucket.id,),
                f"Lifecycle of {bucket.name} moves objects out of {previous_class} after only {days - previous_days} "
                "days; objects must stay 30 days in an IA class before the next transition.",
                f"{bucket.name}의 수명 주기가 {previous_class}에서 {days - previous_days}일 만에 전환합니다. IA 클래스에는 "
                "다음 전환 전까지 30일 이상 있어야 합니다.")
        previous_days, previous_class = days, storage_class
    if expiration is None:
        return
    minimum = MIN_STORAGE_DAYS.get(previous_class, 0)
    stay = expiration - (previous_days or 0)
    if minimum and stay < minimum:
        yield Issue(
            "warning", (bucket.id,),
            f"Lifecycle of {bucket.name} deletes objects {stay} days after they reach {previous_class}, whose "
            f"minimum storage duration is {minimum} days, so each deletion pays an early-deletion fee.",
            f"{bucket.name}의 수명 주기가 {previous_class}(최소 보관 기간 {minimum}일)에 도달한 지 {stay}일 만에 객체를 "
            "삭제해 조기 삭제 요금이 부과됩니다.")


# --------------------------------------------------------------------------- S3-003
@rule("S3-003", "warning", ("s3_bucket",),
      "One Zone-IA does not hold the only copy of critical data",
      "One Zone-IA에 중요한 데이터의 유일한 사본을 두지 않는다",
      seed=SEED_S3, aws=S3_DOCS + "storage-class-intro.html")
def bucket_one_zone(ctx: Context, bucket: NodeView) -> Iterator[Issue]:
    """Critical data in ONEZONE_IA (as the class or a lifecycle target) with no replication."""
    if props.choice(bucket, "data_role") != "critical":
        return
    classes = {props.text(bucket, "storage_class").upper()}
    classes.update(c for _, c, _ in _transitions(bucket)[0])
    if "ONEZONE_IA" not in classes or ctx.edges_from(bucket.id, "replication"):
        return
    yield Issue(
        "warning", (bucket.id,),
        f"Critical data in {bucket.name} goes to S3 One Zone-IA, which keeps it in a single AZ, and the bucket "
        "has no replication; that data is lost if the AZ is destroyed.",
        f"{bucket.name}의 중요한 데이터가 단일 가용 영역에만 저장하는 S3 One Zone-IA로 가는데 복제가 없습니다. 그 "
        "가용 영역이 파괴되면 데이터를 잃습니다.")


# --------------------------------------------------------------------------- S3-004
def _is_s3_endpoint(node: NodeView, endpoint_type: str) -> bool:
    return (node.kind == "vpc_endpoint" and (props.text(node, "service") or "s3").lower() == "s3"
            and (props.choice(node, "endpoint_type") or "gateway") == endpoint_type)


def _region_code(ctx: Context, node: NodeView) -> str:
    region = ctx.region_of(node.id)
    return props.text(region, "code") if region is not None else ""


def _reaches_s3(ctx: Context, subnet: NodeView, vpc: NodeView | None, bucket_region: str) -> bool:
    """A private subnet reaches S3 through a gateway endpoint route, an interface endpoint or a NAT."""
    for route in routes(ctx, subnet):
        target = route.target
        if _is_s3_endpoint(target, "gateway"):
            if not bucket_region or _region_code(ctx, target) in ("", bucket_region):
                return True
        elif target.kind == "nat_gateway" and route.destination == "0.0.0.0/0":
            nat_subnet = ctx.subnet_of(target.id)
            regional = props.choice(target, "mode") == "regional"
            if ctx.vpc_of(target.id) == vpc and (regional or (nat_subnet is not None and is_public(ctx, nat_subnet))):
                return True
    return False


def _vpc_endpoints(ctx: Context, vpc: NodeView) -> list[NodeView]:
    """The VPC endpoints drawn in a VPC (on the VPC itself, or in one of its AZs or subnets)."""
    out: list[NodeView] = []
    stack = [vpc]
    while stack:
        container = stack.pop()
        for child in ctx.children(container.id):
            if child.kind == "vpc_endpoint":
                out.append(child)
            elif child.kind in ("availability_zone", "subnet"):
                stack.append(child)  # resources hold no endpoints: no need to look inside them
    return out


@rule("S3-004", "error", ("s3_bucket",),
      "A private subnet reaches S3 through a NAT gateway or a VPC endpoint",
      "프라이빗 서브넷은 NAT 게이트웨이나 VPC 엔드포인트로 S3에 접근한다",
      seed=SEED_VPC, aws="https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html")
def private_s3_access(ctx: Context, bucket: NodeView) -> Iterator[Issue]:
    """Each flow between the bucket and a resource in private subnets needs a route to S3."""
    bucket_region = ""
    for flow in ctx.edges_of(bucket.id, ("traffic",)):
        other = ctx.node(flow.target if flow.source == bucket.id else flow.source)
        if other is None or other.kind == "s3_bucket":
            continue
        vpc = ctx.vpc_of(other.id)
        if vpc is None:
            continue
        bucket_region = bucket_region or _region_code(ctx, bucket)
        stranded = [s for s in subnets_of(ctx, other)
                    if not is_public(ctx, s) and not _reaches_s3(ctx, s, ctx.vpc_of(s.id), bucket_region)]
        # An S3 interface endpoint serves the whole VPC (looked up only when routes fall short).
        if not stranded or any(_is_s3_endpoint(e, "interface") for e in _vpc_endpoints(ctx, vpc)):
            continue
        yield Issue(
            "error", (other.id, bucket.id, *(s.id for s in stranded)),
            f"{other.name} in private subnet(s) {names(stranded)} cannot reach bucket {bucket.name}: there is no "
            "S3 gateway endpoint route, interface endpoint or NAT gateway route.",
            f"프라이빗 서브넷 {names_ko(stranded)}의 {other.name}은(는) 버킷 {bucket.name}에 접근할 수 없습니다. S3 "
            "게이트웨이 엔드포인트 경로, 인터페이스 엔드포인트, NAT 게이트웨이 경로가 모두 없습니다.",
            edges=(flow.id,), fix=_endpoint_fix(ctx, vpc, stranded))


def _endpoint_fix(ctx: Context, vpc: NodeView, subnets: list[NodeView]) -> Fix:
    """Route the subnets to the VPC's S3 gateway endpoint, adding one when there is none."""
    existing = [e for e in _vpc_endpoints(ctx, vpc) if _is_s3_endpoint(e, "gateway")]
    edits: list[Edit] = []
    if existing:
        endpoint_id = existing[0].id
        what, what_ko = f"Route {names(subnets)} to {existing[0].name}", f"{names_ko(subnets)}을(를) {existing[0].name}(으)로 라우팅"
    else:
        endpoint_id = fresh_node_id(ctx, f"{vpc.id}-s3-endpoint")
        edits.append(AddNodeAt(node=Node(id=endpoint_id, kind="vpc_endpoint", parent=vpc.id,
                                         label="S3 gateway endpoint",
                                         props={"service": "s3", "endpoint_type": "gateway"})))
        what = f"Add an S3 gateway endpoint to {vpc.name} and route {names(subnets)} to it"
        what_ko = f"{vpc.name}에 S3 게이트웨이 엔드포인트를 추가하고 {names_ko(subnets)}을(를) 라우팅"
    taken: set[str] = set()
    for subnet in subnets:
        base = f"{subnet.id}-to-s3"
        edge_id = fresh_edge_id(ctx, base)
        n = 1
        while edge_id in taken:  # two new edges in one fix must not collide either
            n += 1
            edge_id = fresh_edge_id(ctx, f"{base}-{n}")
        taken.add(edge_id)
        edits.append(AddEdge(Edge(id=edge_id, kind="route", source=subnet.id, target=endpoint_id)))
    return Fix(what, what_ko, tuple(edits))


# --------------------------------------------------------------------------- S3-005
@rule("S3-005", "warning", ("s3_bucket",),
      "Buckets keep the security baseline: Block Public Access, encryption, versioning, logging",
      "버킷 보안 기본 설정: 퍼블릭 액세스 차단, 암호화, 버전 관리, 로깅",
      aws=S3_DOCS + "security-best-practices.html")
def bucket_baseline(ctx: Context, bucket: NodeView) -> Iterator[Issue]:
    """Public access, no default encryption; for critical data also no versioning or access logs."""
    if props.flag(bucket, "public_access"):
        website = props.flag(bucket, "website")
        yield Issue(
            "warning", (bucket.id,),
            f"Bucket {bucket.name} allows public access; keep Block Public Access on"
            + (" and serve the website through CloudFront with origin access control." if website else "."),
            f"버킷 {bucket.name}이(가) 퍼블릭 액세스를 허용합니다. 퍼블릭 액세스 차단을 켜 두세요"
            + (" 웹 사이트는 원본 액세스 제어(OAC)를 쓰는 CloudFront로 제공하세요." if website else "."),
            fix=None if website else Fix(f"Block public access to {bucket.name}", f"{bucket.name}의 퍼블릭 액세스 차단",
                                         (SetProp(bucket.id, "public_access", False),)))
    if not props.flag(bucket, "encrypted"):
        yield Issue(
            "warning", (bucket.id,),
            f"Bucket {bucket.name} has no default encryption.",
            f"버킷 {bucket.name}에 기본 암호화가 없습니다.",
            fix=Fix(f"Turn on default encryption for {bucket.name}", f"{bucket.name}의 기본 암호화 켜기",
                    (SetProp(bucket.id, "encrypted", True),)))
    if props.choice(bucket, "data_role") != "critical":
        return
    if not props.flag(bucket, "versioning"):
        yield Issue(
            "warning", (bucket.id,),
            f"Bucket {bucket.name} holds critical data without versioning, so an overwrite or delete is final.",
            f"버킷 {bucket.name}은(는) 중요한 데이터를 버전 관리 없이 보관해 덮어쓰기나 삭제를 되돌릴 수 없습니다.",
            fix=Fix(f"Turn on versioning for {bucket.name}", f"{bucket.name}의 버전 관리 켜기",
                    (SetProp(bucket.id, "versioning", True),)))
    if not props.flag(bucket, "access_logging"):
        yield Issue(
            "warning", (bucket.id,),
            f"Bucket {bucket.name} holds critical data without server access logging.",
            f"버킷 {bucket.name}은(는) 중요한 데이터를 서버 액세스 로깅 없이 보관합니다.",
            fix=Fix(f"Turn on access logging for {bucket.name}", f"{bucket.name}의 액세스 로깅 켜기",
                    (SetProp(bucket.id, "access_logging", True),)))


# --------------------------------------------------------------------------- GLC-001
@rule("GLC-001", "warning", ("glacier_vault", "design"),
      "Use S3 Glacier storage classes instead of standalone vaults; vault names are valid",
      "독립형 볼트 대신 S3 Glacier 스토리지 클래스를 쓰고, 볼트 이름은 규칙을 따른다",
      seed=SEED_GLACIER, aws="https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-put.html")
def glacier_vaults(ctx: Context, vault: NodeView | None) -> Iterator[Issue]:
    """Per vault: closed to new customers, naming. Design-wide: duplicate names in one Region."""
    if vault is None:
        yield from _duplicate_vaults(ctx)
        return
    name = props.text(vault, "vault_name")
    if name and not VAULT_NAME.fullmatch(name):
        yield Issue(
            "error", (vault.id,),
            f"Vault name \"{name}\" of {vault.name} must be 1-255 letters, digits, '_', '.' or '-'.",
            f"{vault.name}의 볼트 이름 \"{name}\"은(는) 1-255자의 영문자, 숫자, '_', '.', '-'여야 합니다.")
    if props.flag(vault, "existing"):
        return  # an account that already has vaults may keep using them
    bucket_name = suggest_bucket_name(name or vault.id) or ""
    yield Issue(
        "warning", (vault.id,),
        f"Glacier vault {vault.name}: standalone vaults are closed to new customers since 15 Dec 2025; store "
        "archives in an S3 bucket with a lifecycle to the Glacier storage classes.",
        f"Glacier 볼트 {vault.name}: 독립형 볼트는 2025년 12월 15일부터 신규 고객을 받지 않습니다. 아카이브는 Glacier "
        "스토리지 클래스로 전환하는 수명 주기를 가진 S3 버킷에 보관하세요.",
        fix=Fix(f"Convert {vault.name} to an S3 bucket with a lifecycle to Glacier",
                f"{vault.name}을(를) Glacier로 전환하는 수명 주기를 가진 S3 버킷으로 변환",
                (ReplaceKind(node_id=vault.id, kind="s3_bucket", description="Convert to S3 bucket", props={
                    "bucket_name": bucket_name, "storage_class": "STANDARD", "versioning": True,
                    "encrypted": True, "public_access": False,
                    "lifecycle": [{"after_days": 0, "storage_class": "GLACIER"}]}),)))


def _duplicate_vaults(ctx: Context) -> Iterator[Issue]:
    by_key: dict[tuple[str, str], list[NodeView]] = {}
    for vault in ctx.nodes_of_kind("glacier_vault"):
        name = props.text(vault, "vault_name")
        if name:
            region = ctx.region_of(vault.id)
            by_key.setdefault((region.id if region else "", name), []).append(vault)
    for (_, name), group in by_key.items():
        if len(group) > 1:
            yield Issue(
                "error", tuple(v.id for v in group),
                f"Vaults {names(group)} share the name \"{name}\" in one Region; vault names are unique per "
                "account and Region.",
                f"볼트 {names_ko(group)}의 이름이 한 리전에서 \"{name}\"(으)로 같습니다. 볼트 이름은 계정과 리전마다 "
                "고유해야 합니다.")
