"""Generate large, realistic designs for benchmarks: `generate(n_resources, seed, regions)`.

A design of N resources ("resources" are the non-container nodes) is spread over
Regions, VPCs, Availability Zones and subnets in the proportions of a typical
production account: per Region a few VPCs (never more than the default quota of 5);
per VPC 2–3 AZs, each with a public, one or more private app and a DB subnet; an
internet gateway per VPC; a NAT gateway with its Elastic IP per AZ; three chained
security groups (ALB → app → DB); an internet-facing ALB over two public subnets; an
Auto Scaling group; EC2 instances (some with EBS volumes) in the app subnets; an RDS
Multi-AZ instance with its DB subnet group; an S3 gateway endpoint; an S3 bucket with
a lifecycle per VPC; and a Route 53 zone whose alias records point at the ALBs.

Edges follow the traffic (internet → ALB → app → DB, app → S3), the routes (app and DB
subnets → their AZ's NAT gateway, app subnets → the S3 endpoint), attachments (EIP →
NAT, EBS → EC2) and DNS aliases (record → ALB). A few deliberate violations are planted
(one per kind, then one per ~250 resources) and listed in the design's top-level
`generator` key. The result is deterministic for a given (n, seed, regions) and has
full geometry from `designer.layout`.

CLI: `python -m benchmarks.generate N -o design.awsd.json [--seed S] [--regions R]`.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designer.layout import layout_missing_geometry
from designer.model import CONTAINER_KINDS, Design, Edge, Node
from designer.storage import StorageError, dumps, save_design

# Real Region codes, in the order a growing account usually expands into them.
REGION_CODES = (
    "ap-northeast-2", "us-east-1", "eu-west-1", "ap-northeast-1", "us-west-2", "eu-central-1",
    "ap-southeast-1", "us-east-2", "ap-southeast-2", "eu-west-2", "ca-central-1", "ap-south-1",
    "sa-east-1", "eu-north-1", "us-west-1", "eu-west-3", "ap-east-1", "me-south-1",
)
REGION_LABELS = {"ap-northeast-2": "서울 / Seoul", "ap-northeast-1": "도쿄 / Tokyo"}
MAX_VPCS_PER_REGION = 5  # the default quota (QTA-001)
TARGET_RESOURCES_PER_VPC = 130  # a mid-sized production VPC
INSTANCES_PER_APP_SUBNET = 24  # past this a team usually adds another app subnet
EBS_EVERY = 3  # one instance in three has an extra data volume
INSTANCE_TYPES = ("t3.small", "t3.medium", "m6i.large", "c6i.large", "r6i.large")


@dataclass
class _Vpc:
    """What the builder remembers about one VPC while it fills it."""

    prefix: str
    region_id: str
    region_code: str
    index: int  # global VPC number (second octet of its CIDR)
    azs: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)  # one public subnet per AZ
    app: list[list[str]] = field(default_factory=list)  # app subnets per AZ
    db: list[str] = field(default_factory=list)  # one DB subnet per AZ
    nat: list[str] = field(default_factory=list)  # one NAT gateway per AZ
    resources: int = 0
    alb: str = ""
    asg: str = ""
    rds: str = ""
    bucket: str = ""
    sg_alb: str = ""
    sg_app: str = ""
    sg_db: str = ""
    instances: list[str] = field(default_factory=list)
    volumes: list[tuple[str, str]] = field(default_factory=list)  # (volume, its instance)


class _Builder:
    """Collects nodes and edges in drawing order and counts resources."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.by_id: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.resources = 0

    def node(self, id: str, kind: str, parent: str | None, label: str | None = None, **props: Any) -> str:
        node = Node(id=id, kind=kind, parent=parent, label=label, props=props)
        self.nodes.append(node)
        self.by_id[id] = node
        if kind not in CONTAINER_KINDS:
            self.resources += 1
        return id

    def edge(self, kind: str, source: str, target: str, **props: Any) -> str:
        eid = f"e{len(self.edges) + 1}"
        self.edges.append(Edge(id=eid, kind=kind, source=source, target=target, props=props))
        return eid


def default_regions(n_resources: int) -> int:
    """How many Regions a design of this size spans (1 at 100, 4 at 2,000, 9 at 10,000)."""
    return max(1, min(len(REGION_CODES), round(math.sqrt(n_resources / 125))))


def vpc_overhead(azs: int) -> int:
    """Resources every VPC has before any instance: IGW, 3 SGs, ALB, ASG, endpoint, RDS,
    bucket, DNS record, and a NAT gateway with its EIP per AZ."""
    return 10 + 2 * azs


def generate(n_resources: int, seed: int = 0, regions: int | None = None) -> Design:
    """A laid-out design with exactly `n_resources` non-container nodes, deterministic
    for (n_resources, seed, regions). Raises ValueError when n is too small to hold one
    VPC per Region."""
    if n_resources < 1:
        raise ValueError(f"n_resources must be positive, got {n_resources}")
    rng = random.Random(seed)
    n_regions = regions if regions is not None else default_regions(n_resources)
    if not 1 <= n_regions <= len(REGION_CODES):
        raise ValueError(f"regions must be between 1 and {len(REGION_CODES)}, got {n_regions}")
    global_resources = 2  # the internet node and the Route 53 zone
    per_region = (n_resources - global_resources) / n_regions
    vpcs_per_region = max(1, min(MAX_VPCS_PER_REGION, round(per_region / TARGET_RESOURCES_PER_VPC)))
    az_counts = [[rng.choice((2, 3, 3)) for _ in range(vpcs_per_region)] for _ in range(n_regions)]
    skeleton = global_resources + sum(vpc_overhead(a) + 1 for row in az_counts for a in row)
    if n_resources < skeleton:
        raise ValueError(
            f"{n_resources} resources cannot fill {n_regions} Region(s) of {vpcs_per_region} VPC(s): "
            f"at least {skeleton} are needed" + (" (pass fewer regions)" if n_regions > 1 else ""))

    b = _Builder()
    b.node("users", "internet", None, label="사용자 / Users")
    b.node("zone", "route53_zone", None, label="example.com", domain="example.com", private=False)
    # Share the instance budget between VPCs as evenly as the integer split allows.
    vpc_specs = [(r, v, az_counts[r][v]) for r in range(n_regions) for v in range(vpcs_per_region)]
    spare = n_resources - global_resources - sum(vpc_overhead(a) for _, _, a in vpc_specs)
    shares = [spare // len(vpc_specs) + (1 if i < spare % len(vpc_specs) else 0)
              for i in range(len(vpc_specs))]
    vpcs: list[_Vpc] = []
    for r in range(n_regions):
        code = REGION_CODES[r]
        region_id = f"r{r + 1}"
        b.node(region_id, "region", None, label=REGION_LABELS.get(code, code), code=code)
        for v in range(vpcs_per_region):
            i = r * vpcs_per_region + v
            vpc = _Vpc(f"{region_id}v{v + 1}", region_id, code, i)
            _build_vpc(b, rng, vpc, azs=vpc_specs[i][2], instances_budget=shares[i])
            vpcs.append(vpc)
    for vpc in vpcs:
        _wire_vpc(b, vpc)
    violations = _plant_violations(b, rng, vpcs, n_resources)
    assert b.resources == n_resources, (b.resources, n_resources)
    design = Design(
        title=f"Generated benchmark design: {n_resources} resources, seed {seed}",
        nodes=b.nodes,
        edges=b.edges,
        extra={"generator": {"n_resources": n_resources, "seed": seed, "regions": n_regions,
                             "vpcs": len(vpcs), "violations": violations}},
    )
    layout_missing_geometry(design)
    return design


def _build_vpc(b: _Builder, rng: random.Random, vpc: _Vpc, azs: int, instances_budget: int) -> None:
    """Add one VPC's containers and resources (edges come later, in `_wire_vpc`)."""
    p, octet = vpc.prefix, vpc.index % 256
    vid = b.node(p, "vpc", vpc.region_id, label=f"VPC {p}", cidr=f"10.{octet}.0.0/16")
    start = b.resources
    b.node(f"{p}-igw", "internet_gateway", vid, label="IGW")
    vpc.sg_alb = b.node(f"{p}-sg-alb", "security_group", vid, label="ALB SG",
                        inbound=[{"protocol": "tcp", "port": 443, "source": "0.0.0.0/0"}])
    vpc.sg_app = b.node(f"{p}-sg-app", "security_group", vid, label="App SG",
                        inbound=[{"protocol": "tcp", "port": 8080, "source": vpc.sg_alb}])
    vpc.sg_db = b.node(f"{p}-sg-db", "security_group", vid, label="DB SG",
                       inbound=[{"protocol": "tcp", "port": 5432, "source": vpc.sg_app}])
    letters = "abc"[:azs]
    # Instances per AZ, then app subnets per AZ sized so none holds more than the cap.
    instances, ebs = _split_instances(instances_budget)
    per_az = [instances // azs + (1 if k < instances % azs else 0) for k in range(azs)]
    third = 0
    for k, letter in enumerate(letters):
        az = b.node(f"{p}-az{letter}", "availability_zone", vid,
                    label=f"AZ {vpc.region_code}{letter}", name=f"{vpc.region_code}{letter}")
        vpc.azs.append(az)
        pub = b.node(f"{p}-pub{letter}", "subnet", az, label=f"Public {letter.upper()}",
                     cidr=f"10.{octet}.{k}.0/24", public=True)
        vpc.public.append(pub)
        vpc.nat.append(b.node(f"{p}-nat{letter}", "nat_gateway", pub, label=f"NAT {letter.upper()}",
                              connectivity="public", mode="zonal"))
        n_app = max(1, math.ceil(per_az[k] / INSTANCES_PER_APP_SUBNET))
        subnets = []
        for s in range(n_app):
            subnets.append(b.node(f"{p}-app{letter}{s + 1}", "subnet", az,
                                  label=f"App {letter.upper()}{s + 1} / 앱 서브넷",
                                  cidr=f"10.{octet}.{16 + k * 64 + s}.0/24", public=False))
        vpc.app.append(subnets)
        vpc.db.append(b.node(f"{p}-db{letter}", "subnet", az, label=f"DB {letter.upper()}",
                             cidr=f"10.{octet}.{8 + k}.0/24", public=False))
        for j in range(per_az[k]):
            subnet = subnets[j % n_app]
            iid = b.node(f"{p}-i{letter}{j + 1}", "ec2", subnet, label=f"app-{letter}{j + 1}",
                         instance_type=rng.choice(INSTANCE_TYPES), public_ip=False,
                         security_groups=[vpc.sg_app], role="app")
            vpc.instances.append(iid)
            third += 1
            if ebs and third % EBS_EVERY == 0:
                vol = b.node(f"{p}-vol{letter}{j + 1}", "ebs_volume", subnet, label=f"data-{letter}{j + 1}",
                             size_gb=rng.choice((50, 100, 200)), volume_type="gp3", encrypted=True)
                vpc.volumes.append((vol, iid))
                ebs -= 1
    # A remainder the EBS spacing did not place goes on the first instances that have none.
    for iid in vpc.instances:
        if ebs <= 0:
            break
        vol = b.node(f"{iid}-data", "ebs_volume", b.by_id[iid].parent, label=f"{iid} data",
                     size_gb=20, volume_type="gp3", encrypted=True)
        vpc.volumes.append((vol, iid))
        ebs -= 1
    vpc.alb = b.node(f"{p}-alb", "load_balancer", vid, label="Web ALB", lb_type="alb",
                     scheme="internet-facing", subnets=vpc.public[:2],
                     listeners=[{"protocol": "HTTPS", "port": 443,
                                 "certificate": f"arn:aws:acm:{vpc.region_code}:123456789012:certificate/{p}",
                                 "certificate_region": vpc.region_code}],
                     health_check={"protocol": "HTTP", "port": 8080, "path": "/health"},
                     cross_zone=True, security_groups=[vpc.sg_alb])
    vpc.asg = b.node(f"{p}-asg", "auto_scaling_group", vid, label="App ASG",
                     subnets=[s[0] for s in vpc.app], min=2, desired=azs, max=3 * azs,
                     instance_type="m6i.large", health_check_type="ELB", security_groups=[vpc.sg_app])
    b.node(f"{p}-s3ep", "vpc_endpoint", vid, label="S3 endpoint", service="s3", endpoint_type="gateway")
    vpc.rds = b.node(f"{p}-rds", "rds", vpc.db[0], label="Orders DB / 주문 DB", engine="postgres",
                     instance_class="db.r6g.large", multi_az=True, publicly_accessible=False,
                     encrypted=True, backup_retention_days=7, subnets=list(vpc.db),
                     security_groups=[vpc.sg_db], env="prod", role="db")
    for letter in letters:
        b.node(f"{p}-eip{letter}", "elastic_ip", vpc.region_id, label=f"EIP {p} {letter.upper()}")
    vpc.bucket = b.node(f"{p}-assets", "s3_bucket", vpc.region_id, label=f"{p} assets",
                        bucket_name=f"bench-{p.lower()}-assets", storage_class="STANDARD",
                        versioning=True, encrypted=True, public_access=False,
                        lifecycle=[{"after_days": 30, "storage_class": "STANDARD_IA"},
                                   {"after_days": 90, "storage_class": "GLACIER"}])
    b.node(f"{p}-www", "route53_record", "zone", label=f"{p.lower()}.example.com",
           name=f"{p.lower()}.example.com", type="A", alias=True, routing="simple",
           evaluate_target_health=True)
    vpc.resources = b.resources - start


def _split_instances(budget: int) -> tuple[int, int]:
    """Split a VPC's spare budget into (instances, EBS volumes) with one volume per three."""
    volumes = budget // (EBS_EVERY + 1)
    return budget - volumes, volumes


def _wire_vpc(b: _Builder, vpc: _Vpc) -> None:
    """Traffic, route, attach and DNS edges of one VPC."""
    p = vpc.prefix
    b.edge("dns", f"{p}-www", vpc.alb)
    b.edge("traffic", "users", vpc.alb, protocol="tcp", port=443)
    b.edge("traffic", vpc.alb, vpc.asg, protocol="tcp", port=8080)
    b.edge("traffic", vpc.asg, vpc.rds, protocol="tcp", port=5432)
    b.edge("traffic", vpc.asg, vpc.bucket, protocol="tcp", port=443)
    for iid in vpc.instances:
        b.edge("traffic", vpc.alb, iid, protocol="tcp", port=8080)
        b.edge("traffic", iid, vpc.rds, protocol="tcp", port=5432)
    for k, letter in enumerate("abc"[:len(vpc.azs)]):
        b.edge("attach", f"{p}-eip{letter}", vpc.nat[k])
        for subnet in [*vpc.app[k], vpc.db[k]]:
            b.edge("route", subnet, vpc.nat[k], destination="0.0.0.0/0")
        for subnet in vpc.app[k]:
            b.edge("route", subnet, f"{p}-s3ep")
    for volume, instance in vpc.volumes:
        b.edge("attach", volume, instance)


# --------------------------------------------------------------------- violations
Violation = Callable[[_Builder, random.Random, _Vpc], str]


def _public_db(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    b.by_id[vpc.rds].props["publicly_accessible"] = True
    return f"{vpc.rds}: RDS publicly accessible"


def _ssh_open(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    b.by_id[vpc.sg_app].props["inbound"].append({"protocol": "tcp", "port": 22, "source": "0.0.0.0/0"})
    return f"{vpc.sg_app}: SSH open to 0.0.0.0/0"


def _early_ia(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    b.by_id[vpc.bucket].props["lifecycle"][0]["after_days"] = 10
    return f"{vpc.bucket}: lifecycle to STANDARD_IA after 10 days"


def _long_backup(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    b.by_id[vpc.rds].props["backup_retention_days"] = 40
    return f"{vpc.rds}: backup retention 40 days"


def _one_az_alb(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    b.by_id[vpc.alb].props["subnets"] = vpc.public[:1]
    return f"{vpc.alb}: ALB in one subnet"


def _overlapping_subnet(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    victim, other = vpc.db[-1], vpc.db[0]
    b.by_id[victim].props["cidr"] = b.by_id[other].props["cidr"]
    return f"{victim}: CIDR overlaps {other}"


def _single_az_db(b: _Builder, rng: random.Random, vpc: _Vpc) -> str:
    b.by_id[vpc.rds].props["multi_az"] = False
    return f"{vpc.rds}: production DB without Multi-AZ"


VIOLATIONS: tuple[Violation, ...] = (
    _public_db, _ssh_open, _early_ia, _long_backup, _one_az_alb, _overlapping_subnet, _single_az_db,
)


def _plant_violations(b: _Builder, rng: random.Random, vpcs: list[_Vpc], n: int) -> list[str]:
    """One of each kind, then one per ~250 resources, on VPCs picked by the seed."""
    count = max(len(VIOLATIONS), n // 250)
    planted = []
    for k in range(count):
        vpc = rng.choice(vpcs)
        planted.append(VIOLATIONS[k % len(VIOLATIONS)](b, rng, vpc))
    return planted


def resource_count(design: Design) -> int:
    """The number of resources (non-container nodes) in a design."""
    return sum(1 for n in design.nodes if n.kind not in CONTAINER_KINDS)


def main(argv: list[str] | None = None) -> int:
    """CLI: write a generated design to a file (or stdout)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of resources (non-container nodes)")
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--regions", type=int, default=None, help="default: grows with N")
    args = parser.parse_args(argv)
    try:
        design = generate(args.n, seed=args.seed, regions=args.regions)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        try:
            save_design(design, Path(args.output))
        except StorageError as exc:
            print("\n".join(f"error: {line}" for line in exc.lines()), file=sys.stderr)
            return 1
        print(f"wrote {args.output}: {resource_count(design)} resources, {design.node_count} nodes, "
              f"{design.edge_count} edges", file=sys.stderr)
    else:
        sys.stdout.write(dumps(design))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
