"""Compute and storage: where web tiers sit (EC2-001) and EBS volumes (EBS-001..004)."""

from __future__ import annotations

from collections.abc import Iterator

from designer.edits import SetProp
from designer.model import MISSING
from designer.rules import props
from designer.rules.context import Context, EdgeView, NodeView
from designer.rules.facts import az_key, is_public, subnets_of
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import MoveInto
from designer.rules.registry import rule

SEED_VPC = "네트워크 및 VPC"
SEED_EBS = "EBS(Elastic Block Storage)"
SUBNETS_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html"

# Provisioned IOPS per GiB that AWS allows (io2 volumes are all Block Express since 2025).
IOPS_PER_GIB = {"io1": 50, "io2": 1000}
MAX_IOPS = {"io1": 64000, "io2": 256000}  # per-volume ceilings, whatever the size
PIOPS_TYPES = frozenset(IOPS_PER_GIB)
# Types that take no IOPS setting (gp3 takes one, io1/io2 need one).
NO_IOPS_TYPES = frozenset({"gp2", "st1", "sc1", "standard"})
MULTI_ATTACH_MAX = 16
# Instance families that are not EBS-optimized by default (older generations); every
# current-generation family is, so "ebs_optimized" only matters for these.
NOT_OPTIMIZED_BY_DEFAULT = frozenset({"t1", "t2", "m1", "m2", "m3", "c1", "c3", "r3", "i2", "g2", "cr1", "hs1", "cc2"})


# --------------------------------------------------------------------------- EC2-001
def _fronted_from_internet(ctx: Context, node: NodeView) -> bool:
    """Whether an internet-facing LB or CloudFront (directly or via an LB) sends traffic to it."""
    for edge in ctx.edges_to(node.id, "traffic", "origin"):
        source = ctx.node(edge.source)
        if source is None:
            continue
        if source.kind == "cloudfront":
            return True
        if source.kind == "load_balancer":
            if props.choice(source, "scheme") == "internet-facing":
                return True
            # An internal LB that is itself a CloudFront VPC origin also fronts the tier.
            upstream = [ctx.node(e.source) for e in ctx.edges_to(source.id, "traffic", "origin")]
            if any(u is not None and u.kind == "cloudfront" for u in upstream):
                return True
    return False


@rule("EC2-001", "warning", ("ec2", "auto_scaling_group"),
      "Web tiers are public or behind an internet-facing load balancer or CloudFront",
      "웹 계층은 퍼블릭 서브넷에 두거나 인터넷 연결 로드 밸런서 또는 CloudFront 뒤에 둔다",
      seed=SEED_VPC, aws=SUBNETS_URL)
def web_tier_placement(ctx: Context, node: NodeView) -> Iterator[Issue]:
    """A web tier must be reachable from the internet; in a public subnet, advise an ALB."""
    if props.choice(node, "role") != "web":
        return
    subnets = subnets_of(ctx, node)
    if not subnets:
        return  # TOP-003 reports a resource outside any subnet
    if not any(is_public(ctx, s) for s in subnets):
        if not _fronted_from_internet(ctx, node):
            yield Issue(
                "warning", (node.id,),
                f"Web tier {node.name} is in private subnets and no internet-facing load balancer "
                "or CloudFront sends it traffic, so users cannot reach it.",
                f"웹 계층 {node.name}이(가) 프라이빗 서브넷에 있는데 트래픽을 보내는 인터넷 연결 "
                "로드 밸런서나 CloudFront가 없어 사용자가 접근할 수 없습니다.")
        return
    yield Issue(
        "info", (node.id,),
        f"Web tier {node.name} sits in a public subnet; AWS now recommends private subnets "
        "behind an internet-facing ALB or CloudFront.",
        f"웹 계층 {node.name}이(가) 퍼블릭 서브넷에 있습니다. AWS는 이제 인터넷 연결 ALB나 "
        "CloudFront 뒤의 프라이빗 서브넷을 권장합니다.")


# --------------------------------------------------------------------------- EBS helpers
def _attachments(ctx: Context, volume: NodeView) -> list[tuple[EdgeView, NodeView]]:
    """The instances a volume is attached to (an `attach` edge either way), in file order."""
    out: list[tuple[EdgeView, NodeView]] = []
    for edge in ctx.edges_of(volume.id, ("attach",)):
        other = ctx.node(edge.target if edge.source == volume.id else edge.source)
        if other is not None and other.kind == "ec2":
            out.append((edge, other))
    return out


def _volume_type(volume: NodeView) -> str:
    return props.choice(volume, "volume_type") or "gp3"


# --------------------------------------------------------------------------- EBS-001
@rule("EBS-001", "error", ("ebs_volume",),
      "An EBS volume attaches only to instances in its AZ, and to one unless Multi-Attach",
      "EBS 볼륨은 같은 가용 영역의 인스턴스에만, 다중 연결이 아니면 하나에만 연결된다",
      seed=SEED_EBS, aws="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-attaching-volume.html")
def ebs_attachment(ctx: Context, volume: NodeView) -> Iterator[Issue]:
    """Same-AZ attachment, and the Multi-Attach conditions when attached to several instances."""
    attached = _attachments(ctx, volume)
    if not attached:
        return
    volume_az = ctx.az_of(volume.id)
    if volume_az is not None:
        for edge, instance in attached:
            instance_az = ctx.az_of(instance.id)
            if instance_az is None or az_key(instance_az) == az_key(volume_az):
                continue
            fix = None
            subnet = ctx.subnet_of(instance.id)
            if subnet is not None and len(attached) == 1:
                fix = Fix(f"Move {volume.name} into {subnet.name}, the subnet of {instance.name}",
                          f"{volume.name}을(를) {instance.name}의 서브넷 {subnet.name}(으)로 이동",
                          (MoveInto(node_id=volume.id, parent_id=subnet.id),))
            yield Issue(
                "error", (volume.id, instance.id),
                f"EBS volume {volume.name} is in {az_key(volume_az)} but instance {instance.name} is in "
                f"{az_key(instance_az)}; a volume attaches only to instances in its own Availability Zone.",
                f"EBS 볼륨 {volume.name}은(는) {az_key(volume_az)}에, 인스턴스 {instance.name}은(는) "
                f"{az_key(instance_az)}에 있습니다. 볼륨은 같은 가용 영역의 인스턴스에만 연결할 수 있습니다.",
                edges=(edge.id,), fix=fix)
    if len(attached) < 2:
        return
    instances = [i for _, i in attached]
    edge_ids = tuple(e.id for e, _ in attached)
    node_ids = (volume.id, *(i.id for i in instances))
    volume_type = _volume_type(volume)
    if volume_type not in PIOPS_TYPES or not props.flag(volume, "multi_attach"):
        can_fix = volume_type in PIOPS_TYPES
        yield Issue(
            "error", node_ids,
            f"EBS volume {volume.name} is attached to {len(instances)} instances but is not a Multi-Attach "
            "io1/io2 volume; a volume attaches to one instance at a time otherwise.",
            f"EBS 볼륨 {volume.name}이(가) 인스턴스 {len(instances)}개에 연결되어 있지만 다중 연결을 켠 "
            "io1/io2 볼륨이 아닙니다. 그 외의 볼륨은 한 번에 하나의 인스턴스에만 연결됩니다.",
            edges=edge_ids,
            fix=Fix(f"Turn on Multi-Attach for {volume.name}", f"{volume.name}의 다중 연결 켜기",
                    (SetProp(volume.id, "multi_attach", True),)) if can_fix else None)
    elif len(instances) > MULTI_ATTACH_MAX:
        yield Issue(
            "error", node_ids,
            f"EBS volume {volume.name} is attached to {len(instances)} instances; Multi-Attach allows at most "
            f"{MULTI_ATTACH_MAX}.",
            f"EBS 볼륨 {volume.name}이(가) 인스턴스 {len(instances)}개에 연결되어 있습니다. 다중 연결은 최대 "
            f"{MULTI_ATTACH_MAX}개까지입니다.", edges=edge_ids)


# --------------------------------------------------------------------------- EBS-002
def _family(instance_type: str) -> str:
    return instance_type.split(".", 1)[0].lower()


@rule("EBS-002", "error", ("ebs_volume",),
      "Provisioned-IOPS volumes declare IOPS within the allowed ratio",
      "프로비저닝된 IOPS 볼륨은 허용 비율 안에서 IOPS를 지정한다",
      seed=SEED_EBS, aws="https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html")
def ebs_iops(ctx: Context, volume: NodeView) -> Iterator[Issue]:
    """io1/io2 need IOPS within 50:1 / 1,000:1; IOPS elsewhere is ignored; PIOPS wants EBS-optimized."""
    volume_type = _volume_type(volume)
    iops = props.integer(volume, "iops")
    size = props.integer(volume, "size_gb")
    if volume_type in PIOPS_TYPES:
        ratio = IOPS_PER_GIB[volume_type]
        if iops is None or iops <= 0:
            fix = None
            if size and size > 0:
                target = min(3000, size * ratio)
                fix = Fix(f"Set {target} provisioned IOPS on {volume.name}",
                          f"{volume.name}에 프로비저닝된 IOPS {target} 설정",
                          (SetProp(volume.id, "iops", target),))
            yield Issue(
                "error", (volume.id,),
                f"{volume_type} volume {volume.name} declares no provisioned IOPS; {volume_type} volumes require one.",
                f"{volume_type} 볼륨 {volume.name}에 프로비저닝된 IOPS가 없습니다. {volume_type} 볼륨에는 필수입니다.",
                fix=fix)
        elif size and size > 0 and iops > min(size * ratio, MAX_IOPS[volume_type]):
            limit = min(size * ratio, MAX_IOPS[volume_type])
            yield Issue(
                "error", (volume.id,),
                f"{volume.name} asks for {iops} IOPS on {size} GiB; {volume_type} allows at most {ratio} IOPS "
                f"per GiB and {MAX_IOPS[volume_type]} per volume ({limit} here).",
                f"{volume.name}은(는) {size} GiB에 {iops} IOPS를 요청합니다. {volume_type}은(는) GiB당 최대 "
                f"{ratio} IOPS, 볼륨당 최대 {MAX_IOPS[volume_type]} IOPS(여기서는 {limit})까지 허용합니다.",
                fix=Fix(f"Lower the IOPS of {volume.name} to {limit}",
                        f"{volume.name}의 IOPS를 {limit}(으)로 낮추기",
                        (SetProp(volume.id, "iops", limit),)))
        for edge, instance in _attachments(ctx, volume):
            family = _family(props.text(instance, "instance_type"))
            if family in NOT_OPTIMIZED_BY_DEFAULT and not props.flag(instance, "ebs_optimized"):
                yield Issue(
                    "warning", (volume.id, instance.id),
                    f"Provisioned-IOPS volume {volume.name} is attached to {instance.name}, a {family} instance "
                    "that is not EBS-optimized, so it cannot deliver its IOPS.",
                    f"프로비저닝된 IOPS 볼륨 {volume.name}이(가) EBS 최적화가 아닌 {family} 인스턴스 "
                    f"{instance.name}에 연결되어 IOPS를 낼 수 없습니다.",
                    edges=(edge.id,),
                    fix=Fix(f"Make {instance.name} EBS-optimized", f"{instance.name}을(를) EBS 최적화 인스턴스로",
                            (SetProp(instance.id, "ebs_optimized", True),)))
    elif volume_type in NO_IOPS_TYPES and iops is not None:
        yield Issue(
            "warning", (volume.id,),
            f"{volume.name} sets {iops} IOPS, but {volume_type} volumes ignore the IOPS setting.",
            f"{volume.name}에 IOPS {iops}이(가) 설정되어 있지만 {volume_type} 볼륨은 IOPS 설정을 무시합니다.",
            fix=Fix(f"Remove the IOPS setting of {volume.name}", f"{volume.name}의 IOPS 설정 제거",
                    (SetProp(volume.id, "iops", MISSING),)))


# --------------------------------------------------------------------------- EBS-003 / 004
def _snapshot_copies(ctx: Context, volume: NodeView) -> list[tuple[EdgeView, NodeView | None]]:
    """Cross-Region snapshot copies: `replication` edges from the volume (to a Region or a node in one)."""
    out: list[tuple[EdgeView, NodeView | None]] = []
    for edge in ctx.edges_from(volume.id, "replication"):
        target = ctx.node(edge.target)
        if target is not None:
            out.append((edge, ctx.region_of(target.id)))
    return out


def _region_code(region: NodeView | None) -> str:
    return props.text(region, "code") if region is not None else ""


@rule("EBS-003", "warning", ("ebs_volume",),
      "Encrypt EBS volumes and give cross-Region snapshot copies a KMS key",
      "EBS 볼륨을 암호화하고 다른 리전으로의 스냅샷 복사에 KMS 키를 지정한다",
      seed=SEED_EBS, aws="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html")
def ebs_encryption(ctx: Context, volume: NodeView) -> Iterator[Issue]:
    """Unencrypted volumes, and encrypted snapshot copies to another Region with no KMS key there."""
    if not props.flag(volume, "encrypted"):
        yield Issue(
            "warning", (volume.id,),
            f"EBS volume {volume.name} is not encrypted; encryption can only be chosen when the volume "
            "is created, so turn it on now.",
            f"EBS 볼륨 {volume.name}이(가) 암호화되어 있지 않습니다. 암호화는 볼륨을 만들 때만 정할 수 "
            "있으니 지금 켜세요.",
            fix=Fix(f"Encrypt {volume.name}", f"{volume.name} 암호화",
                    (SetProp(volume.id, "encrypted", True),)))
        return
    copies = _snapshot_copies(ctx, volume)
    home = _region_code(ctx.region_of(volume.id)) if copies else ""
    for edge, region in copies:
        code = _region_code(region)
        if code and code != home and not edge.prop("kms_key"):
            yield Issue(
                "warning", (volume.id,),
                f"The snapshot copy of encrypted volume {volume.name} to {code} names no KMS key in {code}; "
                "a copy to another Region must be encrypted with a key of that Region.",
                f"암호화된 볼륨 {volume.name}의 {code} 스냅샷 복사에 {code}의 KMS 키가 없습니다. 다른 리전으로 "
                "복사할 때는 그 리전의 키로 암호화해야 합니다.",
                edges=(edge.id,))


@rule("EBS-004", "info", ("ebs_volume",),
      "Critical volumes have snapshots and a cross-Region copy",
      "중요한 볼륨에는 스냅샷과 다른 리전 복사본을 둔다",
      seed=SEED_EBS, aws="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html")
def ebs_backup(ctx: Context, volume: NodeView) -> Iterator[Issue]:
    """A `data_role: critical` volume with no snapshot schedule and no cross-Region copy."""
    if props.choice(volume, "data_role") != "critical":
        return
    if props.flag(volume, "snapshot_schedule") or _snapshot_copies(ctx, volume):
        return
    yield Issue(
        "info", (volume.id,),
        f"Critical volume {volume.name} has no snapshot schedule or cross-Region snapshot copy for "
        "disaster recovery.",
        f"중요한 볼륨 {volume.name}에 재해 복구를 위한 스냅샷 일정이나 다른 리전 스냅샷 복사가 없습니다.",
        fix=Fix(f"Schedule snapshots of {volume.name}", f"{volume.name}의 스냅샷 일정 설정",
                (SetProp(volume.id, "snapshot_schedule", True),)))
