"""Build the classroom files: samples/drills/ and samples/exercises/ (+ solutions/).

Run: python scripts/build_classroom.py

Each exercise is one function `build(fixed: bool)`: the same design with the mistake
(fixed=False, samples/exercises/NN-topic.awsd.json) and corrected (fixed=True,
samples/exercises/solutions/NN-topic.awsd.json), so the two differ only by the fix. The
answer key (the rule ids the mistake violates) is stored base64-encoded under
`exercise.answer_key` (see docs/exercises.md). The failure-drill sample is the three-tier
app squeezed into one Availability Zone.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_samples import Builder, straddle  # noqa: E402

from designer.analysis.exercises import encode_answer_key, required_inventory  # noqa: E402
from designer.model import Design  # noqa: E402
from designer.storage import save_design  # noqa: E402

SEOUL = "ap-northeast-2"
CERT = "arn:aws:acm:ap-northeast-2:123456789012:certificate/example"


# ---------------------------------------------------------------------------- drill
def three_tier_single_az() -> Design:
    """The three-tier app with everything in AZ a: every zonal piece is a single point of failure."""
    b = Builder(
        "단일 AZ 3계층 웹 앱 (장애 훈련) / Three-tier web app in one AZ (failure drill)",
        "The three-tier app squeezed into one Availability Zone: one web server with an Elastic "
        "IP, one app server behind a single NAT gateway, and a single-AZ RDS database. Run "
        "`aws-designer analyze` on it: the NAT gateway, both instances, the database and AZ a "
        "are single points of failure. The DB subnet group still needs a second AZ (RDS-001), "
        "so AZ c holds an empty DB subnet.",
    )
    b.node("users", "internet", label="사용자 / Users")
    b.node("seoul", "region", label="서울 리전 / Seoul", code=SEOUL)
    b.node("vpc", "vpc", "seoul", label="서비스 VPC / Service VPC", cidr="10.0.0.0/16")
    b.node("igw", "internet_gateway", "vpc", label="인터넷 게이트웨이 / IGW")
    b.node("sg-web", "security_group", "vpc", label="웹 보안 그룹 / Web SG",
           inbound=[{"protocol": "tcp", "port": 443, "source": "0.0.0.0/0"},
                    {"protocol": "tcp", "port": 80, "source": "0.0.0.0/0"}])
    b.node("sg-app", "security_group", "vpc", label="앱 보안 그룹 / App SG",
           inbound=[{"protocol": "tcp", "port": 8080, "source": "sg-web"}])
    b.node("sg-db", "security_group", "vpc", label="DB 보안 그룹 / DB SG",
           inbound=[{"protocol": "tcp", "port": 3306, "source": "sg-app"}])
    b.node("az-a", "availability_zone", "vpc", label=f"가용 영역 A / AZ {SEOUL}a", name=f"{SEOUL}a")
    b.node("pub-a", "subnet", "az-a", label="퍼블릭 서브넷 / Public A", cidr="10.0.0.0/24", public=True)
    b.node("nat-a", "nat_gateway", "pub-a", label="NAT 게이트웨이 A / NAT A",
           connectivity="public", mode="zonal")
    b.node("web-1", "ec2", "pub-a", label="웹 서버 / Web server", instance_type="t3.small",
           security_groups=["sg-web"], role="web")
    b.node("app-a", "subnet", "az-a", label="앱 서브넷 / App A", cidr="10.0.10.0/24", public=False)
    b.node("app-1", "ec2", "app-a", label="앱 서버 / App server", instance_type="t3.small",
           security_groups=["sg-app"], role="app")
    b.node("db-a", "subnet", "az-a", label="DB 서브넷 / DB A", cidr="10.0.20.0/24", public=False)
    b.node("db", "rds", "db-a", label="주문 DB (단일 AZ) / Orders DB (single-AZ)", engine="mysql",
           instance_class="db.t3.medium", multi_az=False, publicly_accessible=False, encrypted=True,
           backup_retention_days=7, subnets=["db-a", "db-c"], security_groups=["sg-db"],
           env="prod", role="db")
    b.node("az-c", "availability_zone", "vpc", label=f"가용 영역 C / AZ {SEOUL}c", name=f"{SEOUL}c")
    b.node("db-c", "subnet", "az-c", label="DB 서브넷 그룹용 (비어 있음) / DB C (subnet group only)",
           cidr="10.0.21.0/24", public=False)
    b.node("eip-web", "elastic_ip", "seoul", label="웹 서버 탄력적 IP / Web EIP")
    b.node("eip-nat", "elastic_ip", "seoul", label="NAT 탄력적 IP / NAT EIP")
    b.edge("traffic", "users", "web-1", label="HTTPS", protocol="tcp", port=443)
    b.edge("traffic", "web-1", "app-1", label="HTTP 8080", protocol="tcp", port=8080)
    b.edge("traffic", "app-1", "db", label="MySQL", protocol="tcp", port=3306)
    b.edge("attach", "eip-web", "web-1")
    b.edge("attach", "eip-nat", "nat-a")
    b.edge("route", "app-a", "nat-a", destination="0.0.0.0/0")
    return b.finish()


# ---------------------------------------------------------------------------- exercises
class Exercise:
    """One "find the mistake" exercise: metadata plus a builder for both versions."""

    def __init__(self, slug: str, topic: str, topic_ko: str, prompt: str, prompt_ko: str,
                 hint: str, hint_ko: str, answer: list[str], build: Callable[[bool], Builder]) -> None:
        self.slug, self.topic, self.topic_ko = slug, topic, topic_ko
        self.prompt, self.prompt_ko, self.hint, self.hint_ko = prompt, prompt_ko, hint, hint_ko
        self.answer, self.build = answer, build

    def design(self, fixed: bool) -> Design:
        builder = self.build(fixed)
        requires = required_inventory(self.build(False).finish(), self.build(True).finish())
        builder.design.extra["exercise"] = {
            "id": self.slug,
            "topic": self.topic,
            "topic_ko": self.topic_ko,
            "prompt": self.prompt,
            "prompt_ko": self.prompt_ko,
            "hint": self.hint,
            "hint_ko": self.hint_ko,
            "answer_key": encode_answer_key(self.answer),
            "solution": fixed,
            "requires": requires,
        }
        return builder.finish()


def _vpc(b: Builder, cidr: str = "10.0.0.0/16", region: str = "seoul", code: str = SEOUL,
         vpc: str = "vpc", igw: str = "igw", region_label: str = "서울 리전 / Seoul") -> None:
    b.node(region, "region", label=region_label, code=code)
    b.node(vpc, "vpc", region, label="실습 VPC / Lab VPC", cidr=cidr)
    b.node(igw, "internet_gateway", vpc, label="인터넷 게이트웨이 / IGW")


def _web_sg(b: Builder, sg: str = "sg-web", vpc: str = "vpc", extra: list[dict] | None = None) -> None:
    b.node(sg, "security_group", vpc, label="웹 보안 그룹 / Web SG",
           inbound=[{"protocol": "tcp", "port": 80, "source": "0.0.0.0/0"}, *(extra or [])])


def ex_subnets_and_azs(fixed: bool) -> Builder:
    b = Builder("실수 찾기 1: 서브넷과 가용 영역 / Find the mistake 1: subnets and AZs",
                "Two web servers, meant to run in two Availability Zones for high availability. "
                "Mistake: the second public subnet is drawn across both AZ frames.")
    b.node("users", "internet", label="사용자 / Users")
    _vpc(b)
    _web_sg(b)
    b.node("az-a", "availability_zone", "vpc", label=f"가용 영역 A / AZ {SEOUL}a", name=f"{SEOUL}a")
    b.node("az-c", "availability_zone", "vpc", label=f"가용 영역 C / AZ {SEOUL}c", name=f"{SEOUL}c")
    b.node("pub-a", "subnet", "az-a", label="퍼블릭 서브넷 A / Public A", cidr="10.0.1.0/24", public=True)
    b.node("web-a", "ec2", "pub-a", label="웹 서버 A / Web A", instance_type="t3.micro", public_ip=True,
           security_groups=["sg-web"], role="web")
    # Laid out in AZ c in both versions; the mistake's version then moves it across the AZs.
    b.node("pub-c", "subnet", "az-c", label="퍼블릭 서브넷 C / Public C",
           cidr="10.0.2.0/24", public=True)
    b.node("web-c", "ec2", "pub-c", label="웹 서버 C / Web C", instance_type="t3.micro", public_ip=True,
           security_groups=["sg-web"], role="web")
    b.edge("traffic", "users", "web-a", label="HTTP", protocol="tcp", port=80)
    b.edge("traffic", "users", "web-c", label="HTTP", protocol="tcp", port=80)
    if not fixed:
        _straddle(b, "pub-c", "az-a", "az-c")
    return b


def _straddle(b: Builder, subnet: str, left: str, right: str) -> None:
    """Draw `subnet` across the two AZ frames (the drawing mistake TOP-002 is about)."""
    straddle(b.finish(), subnet, left, right)


def ex_public_private(fixed: bool) -> Builder:
    b = Builder("실수 찾기 2: 퍼블릭/프라이빗 서브넷 / Find the mistake 2: public and private subnets",
                "A web server that users must reach from the internet. Mistake: its subnet is "
                "private (no route to the internet gateway).")
    b.node("users", "internet", label="사용자 / Users")
    _vpc(b)
    _web_sg(b)
    b.node("az-a", "availability_zone", "vpc", label=f"가용 영역 A / AZ {SEOUL}a", name=f"{SEOUL}a")
    b.node("web-subnet", "subnet", "az-a", label="웹 서브넷 / Web subnet", cidr="10.0.1.0/24", public=fixed)
    b.node("web-1", "ec2", "web-subnet", label="웹 서버 / Web server", instance_type="t3.micro",
           public_ip=True, security_groups=["sg-web"], role="web")
    b.edge("traffic", "users", "web-1", label="HTTP", protocol="tcp", port=80)
    return b


def _nat_lab(b: Builder, nat_subnet: str, attach_eip: bool) -> None:
    """A public and a private subnet; the private app server updates itself through a NAT."""
    b.node("users", "internet", label="인터넷 / Internet")
    _vpc(b)
    b.node("sg-app", "security_group", "vpc", label="앱 보안 그룹 / App SG", inbound=[])
    b.node("az-a", "availability_zone", "vpc", label=f"가용 영역 A / AZ {SEOUL}a", name=f"{SEOUL}a")
    b.node("pub-a", "subnet", "az-a", label="퍼블릭 서브넷 / Public A", cidr="10.0.1.0/24", public=True)
    b.node("priv-a", "subnet", "az-a", label="프라이빗 서브넷 / Private A", cidr="10.0.2.0/24", public=False)
    b.node("nat", "nat_gateway", nat_subnet, label="NAT 게이트웨이 / NAT gateway",
           connectivity="public", mode="zonal")
    b.node("app-1", "ec2", "priv-a", label="앱 서버 / App server", instance_type="t3.micro",
           security_groups=["sg-app"], role="app")
    b.node("eip", "elastic_ip", "seoul", label="탄력적 IP / Elastic IP")
    b.edge("route", "priv-a", "nat", destination="0.0.0.0/0")
    b.edge("traffic", "app-1", "users", label="HTTPS (업데이트 / updates)", protocol="tcp", port=443)
    if attach_eip:
        b.edge("attach", "eip", "nat")


def ex_nat_gateway(fixed: bool) -> Builder:
    b = Builder("실수 찾기 3: NAT 게이트웨이 / Find the mistake 3: NAT gateway",
                "An app server in a private subnet downloads updates through a NAT gateway. "
                "Mistake: the NAT gateway sits in the private subnet.")
    _nat_lab(b, "pub-a" if fixed else "priv-a", attach_eip=True)
    return b


def ex_security_group_vs_nacl(fixed: bool) -> Builder:
    b = Builder("실수 찾기 4: 보안 그룹과 네트워크 ACL / Find the mistake 4: security groups vs network ACLs",
                "A web server must block one abusive address. Mistake: the block is written as a "
                "deny rule in the security group.")
    b.node("users", "internet", label="사용자 / Users")
    _vpc(b)
    block = {"protocol": "tcp", "port": 80, "source": "198.51.100.66/32", "action": "deny"}
    _web_sg(b, extra=[] if fixed else [block])
    b.node("az-a", "availability_zone", "vpc", label=f"가용 영역 A / AZ {SEOUL}a", name=f"{SEOUL}a")
    b.node("pub-a", "subnet", "az-a", label="퍼블릭 서브넷 / Public A", cidr="10.0.1.0/24", public=True)
    b.node("web-1", "ec2", "pub-a", label="웹 서버 / Web server", instance_type="t3.micro",
           public_ip=True, security_groups=["sg-web"], role="web")
    if fixed:
        b.node("nacl", "network_acl", "vpc", label="웹 네트워크 ACL / Web NACL", subnets=["pub-a"],
               rules=[{"number": 100, "direction": "inbound", "protocol": "tcp", "port": 80,
                       "cidr": "198.51.100.66/32", "action": "deny"},
                      {"number": 200, "direction": "inbound", "protocol": "tcp", "port": 80,
                       "cidr": "0.0.0.0/0", "action": "allow"},
                      {"number": 100, "direction": "outbound", "protocol": "tcp", "port": "1024-65535",
                       "cidr": "0.0.0.0/0", "action": "allow"}])
    b.edge("traffic", "users", "web-1", label="HTTP", protocol="tcp", port=80)
    return b


def ex_elastic_ip(fixed: bool) -> Builder:
    b = Builder("실수 찾기 5: 탄력적 IP / Find the mistake 5: Elastic IPs",
                "The NAT gateway of a private app server needs a public address. Mistake: the "
                "Elastic IP was allocated but never associated with the NAT gateway.")
    _nat_lab(b, "pub-a", attach_eip=fixed)
    return b


def ex_elb_across_azs(fixed: bool) -> Builder:
    b = Builder("실수 찾기 6: 여러 AZ의 로드 밸런서 / Find the mistake 6: a load balancer across AZs",
                "An internet-facing ALB in front of two web servers in two AZs. Mistake: the ALB "
                "is enabled in one AZ only.")
    b.node("users", "internet", label="사용자 / Users")
    _vpc(b)
    b.node("sg-alb", "security_group", "vpc", label="ALB 보안 그룹 / ALB SG",
           inbound=[{"protocol": "tcp", "port": 443, "source": "0.0.0.0/0"},
                    {"protocol": "tcp", "port": 80, "source": "0.0.0.0/0"}])
    b.node("sg-web", "security_group", "vpc", label="웹 보안 그룹 / Web SG",
           inbound=[{"protocol": "tcp", "port": 80, "source": "sg-alb"}])
    b.node("alb", "load_balancer", "vpc", label="웹 ALB / Web ALB", lb_type="alb", scheme="internet-facing",
           subnets=["pub-a", "pub-c"] if fixed else ["pub-a"],
           listeners=[{"protocol": "HTTPS", "port": 443, "certificate": CERT, "certificate_region": SEOUL},
                      {"protocol": "HTTP", "port": 80, "redirect_to_https": True}],
           health_check={"protocol": "HTTP", "port": 80, "path": "/health"},
           sticky_sessions=False, cross_zone=True, security_groups=["sg-alb"])
    for suffix, n in (("a", 1), ("c", 2)):
        az = b.node(f"az-{suffix}", "availability_zone", "vpc",
                    label=f"가용 영역 {suffix.upper()} / AZ {SEOUL}{suffix}", name=f"{SEOUL}{suffix}")
        b.node(f"pub-{suffix}", "subnet", az, label=f"퍼블릭 서브넷 {suffix.upper()} / Public {suffix.upper()}",
               cidr=f"10.0.{n}.0/24", public=True)
        b.node(f"web-{suffix}", "ec2", f"pub-{suffix}", label=f"웹 서버 {suffix.upper()} / Web {suffix.upper()}",
               instance_type="t3.micro", security_groups=["sg-web"], role="web")
    b.edge("traffic", "users", "alb", label="HTTPS", protocol="tcp", port=443)
    b.edge("traffic", "alb", "web-a", label="HTTP", protocol="tcp", port=80)
    b.edge("traffic", "alb", "web-c", label="HTTP", protocol="tcp", port=80)
    return b


def ex_rds_multi_az(fixed: bool) -> Builder:
    b = Builder("실수 찾기 7: RDS 다중 AZ / Find the mistake 7: RDS Multi-AZ",
                "A production database behind a web server. Mistake: the production DB instance "
                "runs in one AZ only (Multi-AZ is off).")
    b.node("users", "internet", label="사용자 / Users")
    _vpc(b)
    _web_sg(b)
    b.node("sg-db", "security_group", "vpc", label="DB 보안 그룹 / DB SG",
           inbound=[{"protocol": "tcp", "port": 3306, "source": "sg-web"}])
    for suffix, n in (("a", 1), ("c", 2)):
        b.node(f"az-{suffix}", "availability_zone", "vpc",
               label=f"가용 영역 {suffix.upper()} / AZ {SEOUL}{suffix}", name=f"{SEOUL}{suffix}")
        b.node(f"db-{suffix}", "subnet", f"az-{suffix}", label=f"DB 서브넷 {suffix.upper()} / DB {suffix.upper()}",
               cidr=f"10.0.{20 + n}.0/24", public=False)
    b.node("pub-a", "subnet", "az-a", label="퍼블릭 서브넷 / Public A", cidr="10.0.1.0/24", public=True)
    b.node("web-1", "ec2", "pub-a", label="웹 서버 / Web server", instance_type="t3.small",
           public_ip=True, security_groups=["sg-web"], role="web")
    b.node("db", "rds", "db-a", label="운영 DB / Production DB", engine="mysql", instance_class="db.t3.medium",
           multi_az=fixed, publicly_accessible=False, encrypted=True, backup_retention_days=7,
           subnets=["db-a", "db-c"], security_groups=["sg-db"], env="prod", role="db")
    b.edge("traffic", "users", "web-1", label="HTTP", protocol="tcp", port=80)
    b.edge("traffic", "web-1", "db", label="MySQL", protocol="tcp", port=3306)
    return b


def ex_s3_lifecycle(fixed: bool) -> Builder:
    b = Builder("실수 찾기 8: S3 스토리지 클래스와 Glacier 수명 주기 / Find the mistake 8: S3 classes and Glacier lifecycle",
                "A log bucket that moves old logs to cheaper storage classes and finally to Glacier. "
                "Mistake: the first transition goes to Standard-IA after only 10 days.")
    b.node("seoul", "region", label="서울 리전 / Seoul", code=SEOUL)
    b.node("logs", "s3_bucket", "seoul", label="로그 버킷 / Log bucket", bucket_name="example-class-logs",
           storage_class="STANDARD", versioning=True, encrypted=True, public_access=False,
           lifecycle=[{"after_days": 30 if fixed else 10, "storage_class": "STANDARD_IA"},
                      {"after_days": 90, "storage_class": "GLACIER"},
                      {"expire_after_days": 365}])
    return b


def ex_route53_failover(fixed: bool) -> Builder:
    b = Builder("실수 찾기 9: Route 53 장애 조치 / Find the mistake 9: Route 53 failover",
                "www.example.com fails over from a web server in Seoul to one in Tokyo. Mistake: "
                "the primary failover record has no health check, so Route 53 never fails over.")
    b.node("users", "internet", label="사용자 / Users")
    b.node("zone", "route53_zone", label="example.com", domain="example.com", private=False)
    sites = (("seoul", SEOUL, "서울 리전 / Seoul", "10.0", "3.38.0.10", "primary"),
             ("tokyo", "ap-northeast-1", "도쿄 리전 / Tokyo", "10.1", "3.112.0.20", "secondary"))
    for name, code, label, prefix, address, role in sites:
        vpc, igw, sg = f"vpc-{name}", f"igw-{name}", f"sg-{name}"
        _vpc(b, f"{prefix}.0.0/16", region=name, code=code, vpc=vpc, igw=igw, region_label=label)
        _web_sg(b, sg, vpc)
        b.node(f"az-{name}", "availability_zone", vpc, label=f"가용 영역 / AZ {code}a", name=f"{code}a")
        b.node(f"pub-{name}", "subnet", f"az-{name}", label="퍼블릭 서브넷 / Public subnet",
               cidr=f"{prefix}.1.0/24", public=True)
        b.node(f"web-{name}", "ec2", f"pub-{name}", label=f"웹 서버 ({name}) / Web server",
               instance_type="t3.micro", public_ip=True, security_groups=[sg], role="web")
        record = {"name": "www.example.com", "type": "A", "alias": False, "values": [address],
                  "routing": "failover", "set_id": f"{name}-{role}", "failover_role": role, "ttl": 60}
        if role == "primary" and fixed:
            record["health_check"] = True
        b.node(f"www-{role}", "route53_record", "zone", label=f"www ({role})", **record)
        b.edge("dns", f"www-{role}", f"web-{name}", label=role)
        b.edge("traffic", "users", f"web-{name}", label="HTTP", protocol="tcp", port=80)
    return b


EXERCISES = [
    Exercise("01-subnets-and-azs", "Subnets and Availability Zones", "서브넷과 가용 영역",
             "Two web servers should run in two different Availability Zones. Find the drawing mistake "
             "and fix it.",
             "두 웹 서버를 서로 다른 가용 영역에서 실행하려고 합니다. 그림의 실수를 찾아 고치세요.",
             "How many AZs can one subnet live in?", "서브넷 하나는 몇 개의 가용 영역에 걸칠 수 있나요?",
             ["TOP-002"], ex_subnets_and_azs),
    Exercise("02-public-private-subnets", "Public and private subnets", "퍼블릭 서브넷과 프라이빗 서브넷",
             "Users must reach this web server from the internet, but they cannot. Why? Fix it.",
             "사용자가 인터넷에서 이 웹 서버에 접속해야 하지만 접속할 수 없습니다. 왜 그럴까요? 고치세요.",
             "What makes a subnet public?", "서브넷을 퍼블릭으로 만드는 것은 무엇인가요?",
             ["EC2-001", "RT-003"], ex_public_private),
    Exercise("03-nat-gateway", "NAT gateway", "NAT 게이트웨이",
             "The private app server cannot download updates. Find the mistake in the NAT set-up and fix it.",
             "프라이빗 서브넷의 앱 서버가 업데이트를 내려받지 못합니다. NAT 구성의 실수를 찾아 고치세요.",
             "Where must a public NAT gateway be created?", "퍼블릭 NAT 게이트웨이는 어디에 만들어야 하나요?",
             ["NAT-001", "NAT-002"], ex_nat_gateway),
    Exercise("04-security-group-vs-nacl", "Security groups vs network ACLs", "보안 그룹과 네트워크 ACL",
             "One abusive address must be blocked from the web server. The rule is in the wrong place: "
             "move it where AWS allows it.",
             "악성 주소 하나를 웹 서버에서 차단해야 합니다. 규칙이 잘못된 곳에 있습니다. AWS가 허용하는 곳으로 옮기세요.",
             "Which of the two can deny traffic?", "둘 중 어느 것이 트래픽을 거부(deny)할 수 있나요?",
             ["SG-002"], ex_security_group_vs_nacl),
    Exercise("05-elastic-ip", "Elastic IP addresses", "탄력적 IP 주소",
             "The NAT gateway has no public address, and you are paying for an idle Elastic IP. Fix both "
             "with one change.",
             "NAT 게이트웨이에 퍼블릭 주소가 없고, 쓰지 않는 탄력적 IP에 요금이 나가고 있습니다. 한 번의 변경으로 "
             "둘 다 고치세요.",
             "An Elastic IP does nothing until it is associated.", "탄력적 IP는 연결(associate)해야 쓸 수 있습니다.",
             ["EIP-002", "NAT-001"], ex_elastic_ip),
    Exercise("06-elb-across-azs", "A load balancer across AZs", "여러 가용 영역의 로드 밸런서",
             "The ALB should spread traffic over both web servers in two AZs. Find the mistake and fix it.",
             "ALB가 두 가용 영역의 웹 서버 두 대로 트래픽을 분산해야 합니다. 실수를 찾아 고치세요.",
             "How many AZs does an Application Load Balancer need?",
             "Application Load Balancer에는 가용 영역이 몇 개 필요한가요?",
             ["ELB-001"], ex_elb_across_azs),
    Exercise("07-rds-multi-az", "RDS Multi-AZ", "RDS 다중 AZ 배포",
             "This production database must survive the loss of an Availability Zone. Find the setting "
             "that is wrong and fix it.",
             "이 운영 DB는 가용 영역 하나가 장애가 나도 살아남아야 합니다. 잘못된 설정을 찾아 고치세요.",
             "Where is the standby?", "대기(standby) 인스턴스는 어디에 있나요?",
             ["RDS-003"], ex_rds_multi_az),
    Exercise("08-s3-lifecycle", "S3 storage classes and the Glacier lifecycle",
             "S3 스토리지 클래스와 Glacier 수명 주기",
             "AWS rejects this bucket's lifecycle rule. Find the transition that is not allowed and fix it.",
             "AWS가 이 버킷의 수명 주기 규칙을 거부합니다. 허용되지 않는 전환을 찾아 고치세요.",
             "How long must objects stay before moving to Standard-IA?",
             "Standard-IA로 옮기기 전에 객체를 며칠 동안 보관해야 하나요?",
             ["S3-002"], ex_s3_lifecycle),
    Exercise("09-route53-failover", "Route 53 failover", "Route 53 장애 조치 라우팅",
             "When the Seoul server is down, users should be sent to Tokyo. They never are. Why? Fix it.",
             "서울 서버가 다운되면 사용자를 도쿄로 보내야 하는데, 그렇게 되지 않습니다. 왜 그럴까요? 고치세요.",
             "How does Route 53 know that the primary is down?",
             "Route 53은 기본(primary) 레코드가 다운된 것을 어떻게 알까요?",
             ["R53-001"], ex_route53_failover),
]


def main() -> None:
    drills = ROOT / "samples" / "drills"
    exercises = ROOT / "samples" / "exercises"
    (exercises / "solutions").mkdir(parents=True, exist_ok=True)
    drills.mkdir(parents=True, exist_ok=True)
    save_design(three_tier_single_az(), drills / "three-tier-single-az.awsd.json")
    print("wrote samples/drills/three-tier-single-az.awsd.json")
    for exercise in EXERCISES:
        save_design(exercise.design(False), exercises / f"{exercise.slug}.awsd.json")
        save_design(exercise.design(True), exercises / "solutions" / f"{exercise.slug}.awsd.json")
        print(f"wrote samples/exercises/{exercise.slug}.awsd.json (+ solution)")


if __name__ == "__main__":
    main()
