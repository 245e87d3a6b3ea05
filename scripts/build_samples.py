"""Build samples/*.awsd.json from compact definitions (run: python scripts/build_samples.py).

The samples are committed; this script is how they were made and how to remake them after
a deliberate change. Geometry comes from designer.layout, adjusted by hand where a sample
shows a drawing mistake (the classroom subnet that crosses two AZ frames).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from designer.layout import PAD, layout_missing_geometry  # noqa: E402
from designer.layout.constants import BAND_GAP  # noqa: E402
from designer.layout.text import frame_header_width, resource_footprint  # noqa: E402
from designer.model import Design, Edge, Node  # noqa: E402
from designer.storage import save_design  # noqa: E402


class Builder:
    """Collects nodes and edges in drawing order."""

    def __init__(self, title: str, description: str) -> None:
        self.design = Design(title=title, extra={"description": description})
        self._edge_n = 0

    def node(self, id: str, kind: str, parent: str | None = None, label: str | None = None, **props) -> str:
        self.design.add_node(Node(id=id, kind=kind, parent=parent, label=label, props=props))
        return id

    def edge(self, kind: str, source: str, target: str, label: str | None = None, **props) -> str:
        self._edge_n += 1
        eid = f"e{self._edge_n}"
        self.design.add_edge(Edge(id=eid, kind=kind, source=source, target=target, label=label, props=props))
        return eid

    def finish(self) -> Design:
        layout_missing_geometry(self.design)
        return self.design


# ---------------------------------------------------------------- hand touches
# What a person does after the automatic layout: small moves, each followed by `refit` so
# every frame still holds its content with the layout's padding.
def drawn_bottom(design: Design, node: Node) -> float:
    """The lowest pixel a node draws, relative to its parent (labels hang below icons)."""
    if design.children(node.id) or node.kind in ("region", "vpc", "availability_zone", "subnet"):
        return node.y + node.h
    return node.y + resource_footprint(node, node.w, node.h).bottom


def refit(design: Design, node_id: str) -> None:
    """Size a frame to its children plus padding, then its ancestors likewise."""
    current: str | None = node_id
    while current is not None:
        node = design.node(current)
        kids = design.children(current)
        if kids:
            w = max(max(c.x + c.w for c in kids) + PAD, frame_header_width(node))
            h = max(drawn_bottom(design, c) for c in kids) + PAD
            design.set_geometry(current, node.x, node.y, round(w), round(h))
        current = node.parent


def push_down(design: Design, parent: str | None, below: float, dy: float, keep: tuple[str, ...] = ()) -> None:
    """Move every child of `parent` whose top is at or below `below` down by `dy`."""
    for child in design.children(parent):
        if child.id not in keep and child.y >= below:
            design.set_geometry(child.id, child.x, child.y + dy, child.w, child.h)


def straddle(design: Design, subnet: str, left: str, right: str) -> None:
    """Draw `subnet` across the AZ frames `left` and `right`: the drawing mistake TOP-002 is
    about. The AZs grow to hold it; what was below them moves down. A subnet laid out in an
    AZ (so that what it connects to was placed near it) becomes the VPC's child."""
    node = design.node(subnet)
    if node.parent is not None and design.node(node.parent).kind == "availability_zone":
        az = design.node(node.parent)
        design.set_parent(subnet, az.parent)
        design.set_geometry(subnet, node.x + az.x, node.y + az.y, node.w, node.h)
    vpc = design.node(subnet).parent
    assert vpc is not None
    az_l, az_r, sub = design.node(left), design.node(right), design.node(subnet)
    old_bottom = az_l.y + az_l.h
    grow = sub.h + PAD
    push_down(design, vpc, old_bottom, grow, keep=(subnet,))
    for az in design.children(vpc):
        if az.kind == "availability_zone":
            design.set_geometry(az.id, az.x, az.y, az.w, az.h + grow)
    x = round(az_l.x + az_l.w / 2)
    design.set_geometry(subnet, x, old_bottom, round(az_r.x + az_r.w / 2 - x), sub.h)
    # The subnet left its place beside the AZs: what the bottom band put at the far right
    # comes back to the AZs' right edge.
    band = [c for c in design.children(vpc) if c.id != subnet and c.y >= old_bottom + grow]
    if band:
        over = max(c.x + c.w for c in band) - (az_r.x + az_r.w)
        shift = round(min(over, min(c.x for c in band) - PAD))
        for c in band if shift > 0 else ():
            design.set_geometry(c.id, c.x - shift, c.y, c.w, c.h)
    kids = design.children(subnet)
    if kids:  # its content centred in its new width
        dx = ((az_r.x + az_r.w / 2 - x) - (min(c.x for c in kids) + max(c.x + c.w for c in kids))) / 2
        for c in kids:
            design.set_geometry(c.id, round(c.x + dx), c.y, c.w, c.h)
    vpc_node = design.node(vpc)
    push_down(design, vpc_node.parent, vpc_node.y + vpc_node.h, grow, keep=(vpc,))
    refit(design, vpc)
    inside = {subnet, *(n.id for n in design.descendants(subnet))}
    for root in design.roots():
        if any(e.source in inside or e.target in inside for e in design.edges_of(root.id)):
            aim(design, root.id)


def aim(design: Design, node_id: str) -> None:
    """Move a top-level node sideways to stand above the middle of what it connects to."""
    node = design.node(node_id)
    others = [e.target if e.source == node_id else e.source for e in design.edges_of(node_id)]
    rects = [design.absolute_rect(o) for o in others]
    xs = [r.x + r.w / 2 for r in rects if r is not None]
    if xs:
        design.set_geometry(node_id, round(sum(xs) / len(xs) - node.w / 2), node.y, node.w, node.h)


def three_tier() -> Design:
    b = Builder(
        "고가용성 3계층 웹 앱 / Highly available three-tier web app",
        "Route 53 → internet-facing ALB in two public subnets → Auto Scaling web servers in two "
        "private app subnets → RDS Multi-AZ in two private DB subnets; a NAT gateway per AZ; "
        "an S3 gateway endpoint; static assets in S3 with a lifecycle rule to Glacier.",
    )
    b.node("users", "internet", label="사용자 / Users")
    b.node("zone", "route53_zone", label="example.com", domain="example.com", private=False)
    b.node("www", "route53_record", "zone", label="www.example.com", name="www.example.com", type="A",
           alias=True, routing="simple", evaluate_target_health=True)
    b.node("seoul", "region", label="서울 리전 / Seoul", code="ap-northeast-2")
    b.node("vpc", "vpc", "seoul", label="서비스 VPC / Service VPC", cidr="10.0.0.0/16")
    b.node("igw", "internet_gateway", "vpc", label="인터넷 게이트웨이 / IGW")
    b.node("sg-alb", "security_group", "vpc", label="ALB 보안 그룹 / ALB SG",
           inbound=[{"protocol": "tcp", "port": 443, "source": "0.0.0.0/0"},
                    {"protocol": "tcp", "port": 80, "source": "0.0.0.0/0"}])
    b.node("sg-web", "security_group", "vpc", label="웹 보안 그룹 / Web SG",
           inbound=[{"protocol": "tcp", "port": 80, "source": "sg-alb"}])
    b.node("sg-db", "security_group", "vpc", label="DB 보안 그룹 / DB SG",
           inbound=[{"protocol": "tcp", "port": 3306, "source": "sg-web"}])
    b.node("alb", "load_balancer", "vpc", label="웹 ALB / Web ALB", lb_type="alb", scheme="internet-facing",
           subnets=["pub-a", "pub-c"],
           listeners=[{"protocol": "HTTPS", "port": 443,
                       "certificate": "arn:aws:acm:ap-northeast-2:123456789012:certificate/example",
                       "certificate_region": "ap-northeast-2"},
                      {"protocol": "HTTP", "port": 80, "redirect_to_https": True}],
           health_check={"protocol": "HTTP", "port": 80, "path": "/health"},
           sticky_sessions=False, cross_zone=True, security_groups=["sg-alb"])
    b.node("asg", "auto_scaling_group", "vpc", label="웹 서버 Auto Scaling 그룹 / Web ASG",
           subnets=["app-a", "app-c"], min=2, desired=2, max=6, instance_type="t3.small",
           health_check_type="ELB", security_groups=["sg-web"], role="web")
    b.node("s3-endpoint", "vpc_endpoint", "vpc", label="S3 게이트웨이 엔드포인트 / S3 endpoint",
           service="s3", endpoint_type="gateway")
    for zone, suffix, n in (("ap-northeast-2a", "a", 0), ("ap-northeast-2c", "c", 1)):
        az = b.node(f"az-{suffix}", "availability_zone", "vpc", label=f"가용 영역 {suffix.upper()} / AZ {zone}", name=zone)
        b.node(f"pub-{suffix}", "subnet", az, label=f"퍼블릭 서브넷 / Public {suffix.upper()}",
               cidr=f"10.0.{n}.0/24", public=True)
        b.node(f"nat-{suffix}", "nat_gateway", f"pub-{suffix}", label=f"NAT 게이트웨이 {suffix.upper()}",
               connectivity="public", mode="zonal")
        b.node(f"app-{suffix}", "subnet", az, label=f"앱 서브넷 / App {suffix.upper()}",
               cidr=f"10.0.{10 + n}.0/24", public=False)
        b.node(f"db-{suffix}", "subnet", az, label=f"DB 서브넷 / DB {suffix.upper()}",
               cidr=f"10.0.{20 + n}.0/24", public=False)
    b.node("db", "rds", "db-a", label="주문 DB / Orders DB", engine="mysql", instance_class="db.t3.medium",
           multi_az=True, publicly_accessible=False, encrypted=True, backup_retention_days=7,
           subnets=["db-a", "db-c"], security_groups=["sg-db"], env="prod", role="db")
    b.node("eip-a", "elastic_ip", "seoul", label="NAT A 탄력적 IP / EIP A")
    b.node("eip-c", "elastic_ip", "seoul", label="NAT C 탄력적 IP / EIP C")
    b.node("assets", "s3_bucket", "seoul", label="정적 자산 버킷 / Assets bucket",
           bucket_name="example-three-tier-assets", storage_class="STANDARD", versioning=True,
           encrypted=True, public_access=False,
           lifecycle=[{"after_days": 30, "storage_class": "STANDARD_IA"},
                      {"after_days": 90, "storage_class": "GLACIER"}])
    b.edge("dns", "www", "alb", label="alias")
    b.edge("traffic", "users", "alb", label="HTTPS", protocol="tcp", port=443)
    b.edge("traffic", "alb", "asg", label="HTTP", protocol="tcp", port=80)
    b.edge("traffic", "asg", "db", label="MySQL", protocol="tcp", port=3306)
    b.edge("traffic", "asg", "assets", label="HTTPS", protocol="tcp", port=443)
    b.edge("attach", "eip-a", "nat-a")
    b.edge("attach", "eip-c", "nat-c")
    for suffix in ("a", "c"):
        b.edge("route", f"app-{suffix}", f"nat-{suffix}", destination="0.0.0.0/0")
        b.edge("route", f"app-{suffix}", "s3-endpoint")
    return b.finish()


def hybrid() -> Design:
    b = Builder(
        "하이브리드 네트워크 / Hybrid network (Site-to-Site VPN)",
        "A VPC with a virtual private gateway and a Site-to-Site VPN to the corporate network's "
        "customer gateway; the private app subnet routes the on-premises range to the VGW.",
    )
    b.node("office", "on_premises", label="본사 데이터 센터 / Head-office DC", cidr="192.168.0.0/16")
    b.node("cgw", "customer_gateway", "office", label="고객 게이트웨이 / Customer gateway", ip="203.0.113.10")
    b.node("tokyo", "region", label="도쿄 리전 / Tokyo", code="ap-northeast-1")
    b.node("vpc", "vpc", "tokyo", label="업무 VPC / Corporate VPC", cidr="10.1.0.0/16")
    b.node("vgw", "vpn_gateway", "vpc", label="가상 프라이빗 게이트웨이 / VGW")
    b.node("sg-app", "security_group", "vpc", label="앱 보안 그룹 / App SG",
           inbound=[{"protocol": "tcp", "port": 443, "source": "192.168.0.0/16"}])
    for zone, suffix, n in (("ap-northeast-1a", "a", 1), ("ap-northeast-1c", "c", 2)):
        az = b.node(f"az-{suffix}", "availability_zone", "vpc", label=f"가용 영역 / AZ {zone}", name=zone)
        b.node(f"app-{suffix}", "subnet", az, label=f"프라이빗 서브넷 / Private {suffix.upper()}",
               cidr=f"10.1.{n}.0/24", public=False)
        b.node(f"erp-{suffix}", "ec2", f"app-{suffix}", label=f"ERP 서버 {suffix.upper()} / ERP server",
               instance_type="m6i.large", public_ip=False, security_groups=["sg-app"], role="app")
    b.edge("vpn", "cgw", "vgw", label="Site-to-Site VPN")
    for suffix in ("a", "c"):
        b.edge("route", f"app-{suffix}", "vgw", destination="192.168.0.0/16")
        b.edge("traffic", "office", f"erp-{suffix}", label="HTTPS", protocol="tcp", port=443)
    return b.finish()


def peering() -> Design:
    b = Builder(
        "VPC 피어링 / Two peered VPCs",
        "An application VPC and a shared-services VPC in one Region, joined by a VPC peering "
        "connection with routes on both sides and security groups that allow the peer's range.",
    )
    b.node("seoul", "region", label="서울 리전 / Seoul", code="ap-northeast-2")
    specs = (("app", "애플리케이션 VPC / App VPC", "10.10", "shared"),
             ("shared", "공유 서비스 VPC / Shared services VPC", "10.20", "app"))
    for name, label, prefix, _peer in specs:
        vpc = b.node(f"vpc-{name}", "vpc", "seoul", label=label, cidr=f"{prefix}.0.0/16")
        # The DB side admits the app tier's group itself (allowed across a same-Region peering);
        # the app side admits the peer's range.
        b.node(f"sg-{name}", "security_group", vpc, label=f"{name} SG",
               inbound=[{"protocol": "tcp", "port": 5432, "source": "sg-app"} if name == "shared"
                        else {"protocol": "tcp", "port": 443, "source": "10.20.0.0/16"}])
        az = b.node(f"az-{name}", "availability_zone", vpc, label="가용 영역 / AZ ap-northeast-2a",
                    name="ap-northeast-2a")
        b.node(f"subnet-{name}", "subnet", az, label="프라이빗 서브넷 / Private subnet",
               cidr=f"{prefix}.1.0/24", public=False)
    b.node("app-server", "ec2", "subnet-app", label="앱 서버 / App server", instance_type="t3.medium",
           security_groups=["sg-app"], role="app")
    b.node("shared-db", "ec2", "subnet-shared", label="공유 DB 서버 / Shared DB server",
           instance_type="r6i.large", security_groups=["sg-shared"], role="db")
    b.edge("peering", "vpc-app", "vpc-shared", label="VPC 피어링 / peering")
    b.edge("route", "subnet-app", "vpc-shared", destination="10.20.0.0/16")
    b.edge("route", "subnet-shared", "vpc-app", destination="10.10.0.0/16")
    b.edge("traffic", "app-server", "shared-db", label="PostgreSQL", protocol="tcp", port=5432)
    design = b.finish()
    # Mirror the shared VPC's bands (its group on top, the AZ below): the two route lines
    # across the gap then run at different heights and their captions do not overlap.
    sg, az = design.node("sg-shared"), design.node("az-shared")
    top = az.y
    design.set_geometry("sg-shared", sg.x, top, sg.w, sg.h)
    design.set_geometry("az-shared", az.x, round(top + drawn_bottom(design, sg) - sg.y + BAND_GAP), az.w, az.h)
    refit(design, "vpc-shared")
    return design


def static_site() -> Design:
    b = Builder(
        "정적 웹 사이트 / Static website: S3 + CloudFront + Route 53",
        "A private S3 bucket served through CloudFront (origin access control) under a Route 53 "
        "alias record; the viewer certificate is in us-east-1 as CloudFront requires.",
    )
    b.node("users", "internet", label="사용자 / Users")
    b.node("zone", "route53_zone", label="example.org", domain="example.org", private=False)
    b.node("www", "route53_record", "zone", label="www.example.org", name="www.example.org", type="A",
           alias=True, routing="simple")
    b.node("cdn", "cloudfront", label="CloudFront 배포 / Distribution", aliases=["www.example.org"],
           certificate_region="us-east-1", viewer_protocol_policy="redirect-to-https")
    b.node("virginia", "region", label="버지니아 북부 / N. Virginia", code="us-east-1")
    b.node("site", "s3_bucket", "virginia", label="웹 사이트 버킷 / Site bucket",
           bucket_name="example-org-site", storage_class="STANDARD", versioning=True, encrypted=True,
           public_access=False, website=False)
    b.edge("dns", "www", "cdn", label="alias")
    b.edge("traffic", "users", "cdn", label="HTTPS", protocol="tcp", port=443)
    b.edge("origin", "cdn", "site", label="OAC")
    return b.finish()


def classroom() -> Design:
    b = Builder(
        "수업용: 실수 찾기 / Classroom: find the mistakes",
        "Deliberate mistakes for a lesson: a subnet drawn across two AZs, a public database, a NAT "
        "gateway in a private subnet, an ALB in one AZ, a security group with a deny rule, and "
        "overlapping subnets.",
    )
    b.node("users", "internet", label="사용자 / Users")
    b.node("seoul", "region", label="서울 리전 / Seoul", code="ap-northeast-2")
    b.node("vpc", "vpc", "seoul", label="실습 VPC / Lab VPC", cidr="10.0.0.0/16")
    b.node("igw", "internet_gateway", "vpc", label="인터넷 게이트웨이 / IGW")
    b.node("sg-web", "security_group", "vpc", label="웹 보안 그룹 / Web SG",
           inbound=[{"protocol": "tcp", "port": 80, "source": "0.0.0.0/0"},
                    {"protocol": "tcp", "port": 22, "source": "198.51.100.7/32", "action": "deny"}])
    b.node("sg-db", "security_group", "vpc", label="DB 보안 그룹 / DB SG",
           inbound=[{"protocol": "tcp", "port": 3306, "source": "sg-web"}])
    b.node("alb", "load_balancer", "vpc", label="한 AZ의 ALB / ALB in one AZ", lb_type="alb",
           scheme="internet-facing", subnets=["pub-a"],
           listeners=[{"protocol": "HTTP", "port": 80}],
           health_check={"protocol": "HTTP", "port": 80, "path": "/"}, security_groups=["sg-web"])
    b.node("az-a", "availability_zone", "vpc", label="가용 영역 A / AZ ap-northeast-2a", name="ap-northeast-2a")
    b.node("az-c", "availability_zone", "vpc", label="가용 영역 C / AZ ap-northeast-2c", name="ap-northeast-2c")
    b.node("pub-a", "subnet", "az-a", label="퍼블릭 서브넷 A / Public A", cidr="10.0.1.0/24", public=True)
    b.node("web-1", "ec2", "pub-a", label="웹 서버 / Web server", instance_type="t3.micro", public_ip=True,
           security_groups=["sg-web"], role="web")
    b.node("db", "rds", "pub-a", label="퍼블릭 DB / Public DB", engine="mysql", multi_az=False,
           publicly_accessible=True, encrypted=True, backup_retention_days=7,
           subnets=["pub-a", "overlap-c"], security_groups=["sg-db"], role="db")
    b.node("priv-a", "subnet", "az-a", label="프라이빗 서브넷 A / Private A", cidr="10.0.2.0/24", public=False)
    b.node("nat", "nat_gateway", "priv-a", label="잘못된 NAT / Misplaced NAT", connectivity="public", mode="zonal")
    b.node("app-1", "ec2", "priv-a", label="앱 서버 / App server", instance_type="t3.micro",
           security_groups=["sg-web"], role="app")
    b.node("overlap-c", "subnet", "az-c", label="겹치는 서브넷 / Overlapping", cidr="10.0.2.128/25", public=False)
    b.node("span", "subnet", "vpc", label="두 AZ에 걸친 서브넷 / Spans two AZs", cidr="10.0.9.0/24", public=False)
    b.node("eip", "elastic_ip", "seoul", label="탄력적 IP / EIP")
    b.edge("traffic", "users", "alb", label="HTTP", protocol="tcp", port=80)
    b.edge("traffic", "alb", "web-1", label="HTTP", protocol="tcp", port=80)
    b.edge("traffic", "web-1", "db", label="MySQL", protocol="tcp", port=3306)
    b.edge("route", "priv-a", "nat")
    b.edge("attach", "eip", "nat")
    design = b.finish()
    straddle(design, "span", "az-a", "az-c")  # the mistake a drawing makes
    return design


SAMPLES = {
    "three-tier": three_tier,
    "hybrid-vpn": hybrid,
    "vpc-peering": peering,
    "static-website": static_site,
    "classroom-mistakes": classroom,
}


def main() -> None:
    out = ROOT / "samples"
    out.mkdir(exist_ok=True)
    for name, build in SAMPLES.items():
        save_design(build(), out / f"{name}.awsd.json")
        print(f"wrote samples/{name}.awsd.json")


if __name__ == "__main__":
    main()
