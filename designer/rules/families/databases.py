"""Databases: DB subnet groups, private placement, Multi-AZ, backups, encryption (RDS-001..005)."""

from __future__ import annotations

from collections.abc import Iterator

from designer.edits import Edit, SetProp
from designer.rules import props
from designer.rules.context import Context, NodeView
from designer.rules.facts import az_key, is_public, names, names_ko, vpc_subnets
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import MoveInto
from designer.rules.registry import rule

SEED_DB = "DataBase"
SEED_VPC = "네트워크 및 VPC"
RDS_DOCS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
RDS_VPC_URL = RDS_DOCS + "USER_VPC.WorkingWithRDSInstanceinaVPC.html"
MAX_RETENTION_DAYS = 35
DEFAULT_RETENTION_DAYS = 7


def subnet_group(ctx: Context, db: NodeView) -> list[NodeView]:
    """The DB subnet group: the `subnets` prop, else the subnet the DB is drawn in."""
    ids = props.strings(db, "subnets")
    if ids:
        found = [ctx.node(i) for i in ids]
        return [s for s in found if s is not None and s.kind == "subnet"]
    subnet = ctx.subnet_of(db.id)
    return [subnet] if subnet is not None else []


def _group_ids(ctx: Context, db: NodeView) -> list[str]:
    ids = props.strings(db, "subnets")
    return ids or [s.id for s in subnet_group(ctx, db)]


def _private_subnet(ctx: Context, candidates: list[NodeView], az: str | None, exclude: set[str]) -> NodeView | None:
    """A private subnet in AZ `az` (any AZ when None) that is not excluded."""
    for subnet in candidates:
        zone = ctx.az_of(subnet.id)
        if subnet.id in exclude or zone is None or (az is not None and az_key(zone) != az):
            continue
        if not is_public(ctx, subnet):
            return subnet
    return None


def _az_name(ctx: Context, node: NodeView) -> str | None:
    zone = ctx.az_of(node.id)
    return az_key(zone) if zone is not None else None


def _subnets_in(ctx: Context, vpc: NodeView | None) -> list[NodeView]:
    """Every subnet of a VPC (none when there is no VPC), walking only its frames."""
    return vpc_subnets(ctx, vpc) if vpc is not None else []


# --------------------------------------------------------------------------- RDS-001
@rule("RDS-001", "error", ("rds",),
      "A DB subnet group covers at least two AZs of one VPC",
      "DB 서브넷 그룹은 한 VPC의 두 개 이상의 가용 영역을 포함한다",
      seed=SEED_DB, aws=RDS_VPC_URL)
def db_subnet_group(ctx: Context, db: NodeView) -> Iterator[Issue]:
    """Fewer than two AZs (DBSubnetGroupDoesNotCoverEnoughAZs) or subnets of several VPCs."""
    group = subnet_group(ctx, db)
    if not group:
        return  # TOP-003 reports a DB outside any subnet
    vpcs: list[NodeView] = []
    for subnet in group:
        vpc = ctx.vpc_of(subnet.id)
        if vpc is not None and vpc not in vpcs:
            vpcs.append(vpc)
    if len(vpcs) > 1:
        yield Issue(
            "error", (db.id, *(s.id for s in group)),
            f"The DB subnet group of {db.name} mixes subnets of {names(vpcs)}; all must be in one VPC.",
            f"{db.name}의 DB 서브넷 그룹에 {names_ko(vpcs)}의 서브넷이 섞여 있습니다. 모두 한 VPC에 있어야 합니다.")
        return
    zones = {z for s in group if (z := _az_name(ctx, s)) is not None}
    if len(zones) >= 2:
        return
    ids = _group_ids(ctx, db)
    fix = None
    if vpcs:
        for subnet in _subnets_in(ctx, vpcs[0]):
            zone = _az_name(ctx, subnet)
            if zone is not None and zone not in zones and subnet.id not in ids and not is_public(ctx, subnet):
                fix = Fix(f"Add {subnet.name} to the DB subnet group of {db.name}",
                          f"{db.name}의 DB 서브넷 그룹에 {subnet.name} 추가",
                          (SetProp(db.id, "subnets", [*ids, subnet.id]),))
                break
    yield Issue(
        "error", (db.id, *(s.id for s in group)),
        f"The DB subnet group of {db.name} covers only {len(zones) or 'no'} Availability Zone"
        f"{'' if len(zones) == 1 else 's'}; RDS requires subnets in at least two.",
        f"{db.name}의 DB 서브넷 그룹이 가용 영역 {len(zones)}개만 포함합니다. RDS는 두 개 이상의 가용 영역의 "
        "서브넷을 요구합니다.", fix=fix)


# --------------------------------------------------------------------------- RDS-002
@rule("RDS-002", "error", ("rds", "ec2"),
      "Databases stay private: private subnets and not publicly accessible",
      "데이터베이스는 프라이빗으로: 프라이빗 서브넷에, 퍼블릭 액세스 불가로",
      seed=SEED_VPC, aws=RDS_VPC_URL)
def db_private(ctx: Context, db: NodeView) -> Iterator[Issue]:
    """A DB (RDS, or EC2 with role db) in a public subnet or publicly accessible."""
    if db.kind == "ec2":
        yield from _db_instance_private(ctx, db)
        return
    group = subnet_group(ctx, db)
    private = [s for s in group if not is_public(ctx, s)]
    if props.flag(db, "publicly_accessible"):
        rejected = bool(private)  # public access needs every subnet of the group to be public
        extra = (f", and AWS rejects it because its subnet group has private subnet(s) {names(private)}"
                 if rejected else "")
        extra_ko = (f" 또한 서브넷 그룹에 프라이빗 서브넷 {names_ko(private)}이(가) 있어 AWS가 거부합니다."
                    if rejected else "")
        yield Issue(
            "error", (db.id,),
            f"Database {db.name} is publicly accessible; keep databases reachable only from the app tier{extra}.",
            f"데이터베이스 {db.name}이(가) 퍼블릭 액세스 가능으로 설정되어 있습니다. 데이터베이스는 앱 계층에서만 "
            f"접근하게 하세요.{extra_ko}",
            fix=Fix(f"Turn off public access on {db.name}", f"{db.name}의 퍼블릭 액세스 끄기",
                    (SetProp(db.id, "publicly_accessible", False),)))
    home = ctx.subnet_of(db.id)
    public = [s for s in group if is_public(ctx, s)]
    if home is not None and is_public(ctx, home) and home not in public:
        public.insert(0, home)
    if not public:
        return
    yield Issue(
        "error", (db.id, *(s.id for s in public)),
        f"Database {db.name} is placed in public subnet(s) {names(public)}; database servers belong in "
        "private subnets.",
        f"데이터베이스 {db.name}이(가) 퍼블릭 서브넷 {names_ko(public)}에 있습니다. DB 서버는 프라이빗 서브넷에 "
        "두어야 합니다.", fix=_move_db_fix(ctx, db, home, public))


def _move_db_fix(ctx: Context, db: NodeView, home: NodeView | None, public: list[NodeView]) -> Fix | None:
    """Move the DB to a private subnet of its AZ and swap public group subnets for private ones."""
    candidates = _subnets_in(ctx, ctx.vpc_of(db.id))
    ids = _group_ids(ctx, db)
    taken = set(ids)
    edits: list[Edit] = []
    new_ids = list(ids)
    new_home = None
    for subnet in public:
        if subnet.id not in new_ids:
            continue
        better = _private_subnet(ctx, candidates, _az_name(ctx, subnet), taken)
        if better is None:
            return None
        new_ids[new_ids.index(subnet.id)] = better.id
        taken.add(better.id)
        if home is not None and subnet.id == home.id:
            new_home = better
    if home is not None and is_public(ctx, home):
        if new_home is None:
            new_home = _private_subnet(ctx, candidates, _az_name(ctx, home), set())
        if new_home is None:
            return None
        edits.append(MoveInto(node_id=db.id, parent_id=new_home.id))
    if new_ids != ids and props.value(db, "subnets"):
        edits.append(SetProp(db.id, "subnets", new_ids))
    if not edits:
        return None
    where = new_home.name if new_home is not None else "private subnets"
    return Fix(f"Move {db.name} to {where}", f"{db.name}을(를) {where}(으)로 이동", tuple(edits))


def _db_instance_private(ctx: Context, node: NodeView) -> Iterator[Issue]:
    if props.choice(node, "role") != "db":
        return
    home = ctx.subnet_of(node.id)
    if home is None or not is_public(ctx, home):
        return
    better = _private_subnet(ctx, _subnets_in(ctx, ctx.vpc_of(node.id)), _az_name(ctx, home), set())
    fix = None
    if better is not None:
        edits: list[Edit] = [MoveInto(node_id=node.id, parent_id=better.id)]
        if props.flag(node, "public_ip"):
            edits.append(SetProp(node.id, "public_ip", False))
        fix = Fix(f"Move {node.name} to {better.name}", f"{node.name}을(를) {better.name}(으)로 이동", tuple(edits))
    yield Issue(
        "error", (node.id, home.id),
        f"Database server {node.name} is in public subnet {home.name}; database servers belong in private subnets.",
        f"DB 서버 {node.name}이(가) 퍼블릭 서브넷 {home.name}에 있습니다. DB 서버는 프라이빗 서브넷에 두어야 합니다.",
        fix=fix)


# --------------------------------------------------------------------------- RDS-003
@rule("RDS-003", "warning", ("rds",),
      "Production databases use Multi-AZ",
      "운영 데이터베이스는 다중 AZ 배포를 쓴다",
      seed=SEED_DB, aws=RDS_DOCS + "Concepts.MultiAZSingleStandby.html")
def db_multi_az(ctx: Context, db: NodeView) -> Iterator[Issue]:
    """A production (env: prod), non-Aurora DB instance without a standby in another AZ."""
    if props.choice(db, "env") != "prod" or props.flag(db, "multi_az"):
        return
    if props.choice(db, "engine").startswith("aurora"):
        return  # Aurora replicates storage across AZs itself
    yield Issue(
        "warning", (db.id,),
        f"Production database {db.name} is not Multi-AZ, so an AZ failure takes it down; enable Multi-AZ "
        "for a synchronous standby in another AZ.",
        f"운영 데이터베이스 {db.name}이(가) 다중 AZ가 아니어서 가용 영역 장애 시 중단됩니다. 다른 가용 영역에 "
        "동기식 대기 인스턴스를 두도록 다중 AZ를 켜세요.",
        fix=Fix(f"Enable Multi-AZ on {db.name}", f"{db.name}의 다중 AZ 켜기",
                (SetProp(db.id, "multi_az", True),)))


# --------------------------------------------------------------------------- RDS-004
@rule("RDS-004", "error", ("rds",),
      "Automated backup retention is 1-35 days",
      "자동 백업 보존 기간은 1-35일이다",
      seed=SEED_DB, aws=RDS_DOCS + "USER_WorkingWithAutomatedBackups.html")
def db_backups(ctx: Context, db: NodeView) -> Iterator[Issue]:
    """Retention above 35 days or not a whole number (error); 0 disables backups (warning)."""
    days = props.value(db, "backup_retention_days")
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        yield Issue(
            "error", (db.id,),
            f"Backup retention of {db.name} is {days!r}; it must be a whole number of days from 0 to 35.",
            f"{db.name}의 백업 보존 기간 {days!r}은(는) 0~35일의 정수여야 합니다.",
            fix=Fix(f"Keep backups of {db.name} for {DEFAULT_RETENTION_DAYS} days",
                    f"{db.name}의 백업을 {DEFAULT_RETENTION_DAYS}일 보존",
                    (SetProp(db.id, "backup_retention_days", DEFAULT_RETENTION_DAYS),)))
    elif days > MAX_RETENTION_DAYS:
        yield Issue(
            "error", (db.id,),
            f"Backup retention of {db.name} is {days} days; RDS keeps automated backups for at most 35 days "
            "(use AWS Backup or snapshots for longer).",
            f"{db.name}의 백업 보존 기간이 {days}일입니다. RDS 자동 백업은 최대 35일입니다(더 길게는 AWS Backup이나 "
            "스냅샷 사용).",
            fix=Fix(f"Keep backups of {db.name} for 35 days", f"{db.name}의 백업을 35일 보존",
                    (SetProp(db.id, "backup_retention_days", MAX_RETENTION_DAYS),)))
    elif days == 0:
        yield Issue(
            "warning", (db.id,),
            f"Backup retention of {db.name} is 0, which disables automated backups and point-in-time recovery.",
            f"{db.name}의 백업 보존 기간이 0이라 자동 백업과 특정 시점 복구가 꺼집니다.",
            fix=Fix(f"Keep backups of {db.name} for {DEFAULT_RETENTION_DAYS} days",
                    f"{db.name}의 백업을 {DEFAULT_RETENTION_DAYS}일 보존",
                    (SetProp(db.id, "backup_retention_days", DEFAULT_RETENTION_DAYS),)))


# --------------------------------------------------------------------------- RDS-005
@rule("RDS-005", "warning", ("rds",),
      "Decide RDS encryption at creation; replicas and copies follow it",
      "RDS 암호화는 생성할 때 정하고 복제본과 복사본도 따른다",
      seed=SEED_DB, aws=RDS_DOCS + "Overview.Encryption.html")
def db_encryption(ctx: Context, db: NodeView) -> Iterator[Issue]:
    """Unencrypted storage; replicas that differ from their source; cross-Region copies with no key."""
    encrypted = props.flag(db, "encrypted")
    if not encrypted:
        yield Issue(
            "warning", (db.id,),
            f"Database {db.name} is not encrypted; encryption can only be chosen when the instance is created.",
            f"데이터베이스 {db.name}이(가) 암호화되어 있지 않습니다. 암호화는 인스턴스를 만들 때만 정할 수 있습니다.",
            fix=Fix(f"Encrypt {db.name}", f"{db.name} 암호화", (SetProp(db.id, "encrypted", True),)))
    home: str | None = None
    for edge in ctx.edges_from(db.id, "replication"):
        replica = ctx.node(edge.target)
        if replica is None or replica.kind != "rds":
            continue
        if home is None:
            region = ctx.region_of(db.id)
            home = props.text(region, "code") if region is not None else ""
        if props.flag(replica, "encrypted") != encrypted:
            state, state_ko = ("encrypted", "암호화됨") if encrypted else ("unencrypted", "암호화 안 됨")
            yield Issue(
                "error", (db.id, replica.id),
                f"Read replica {replica.name} differs in encryption from its {state} source {db.name}; "
                "a replica always has its source's encryption.",
                f"읽기 복제본 {replica.name}의 암호화가 원본 {db.name}({state_ko})과 다릅니다. 복제본은 항상 원본의 "
                "암호화를 따릅니다.", edges=(edge.id,),
                fix=Fix(f"Match the encryption of {replica.name} to {db.name}",
                        f"{replica.name}의 암호화를 {db.name}과 같게",
                        (SetProp(replica.id, "encrypted", encrypted),)))
            continue
        other = ctx.region_of(replica.id)
        code = props.text(other, "code") if other is not None else ""
        if encrypted and home and code and code != home and not edge.prop("kms_key"):
            yield Issue(
                "warning", (db.id, replica.id),
                f"Cross-Region replica {replica.name} of encrypted {db.name} names no KMS key in {code}; "
                "a copy in another Region needs a key of that Region.",
                f"암호화된 {db.name}의 다른 리전 복제본 {replica.name}에 {code}의 KMS 키가 없습니다. 다른 리전의 "
                "복사본에는 그 리전의 키가 필요합니다.", edges=(edge.id,))
