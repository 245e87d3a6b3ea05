"""Short lessons for the validator's rules: why AWS works this way, in English and Korean.

One entry per registered rule id (a test fails on a missing one): `why_en`/`why_ko` explain
the reason behind the rule in two or three sentences a student can read aloud, and
`topic_en`/`topic_ko` name the study-note topic it belongs to (the seed note's section is
the finding's `source.seed`; the topic is the concept inside it, e.g. "NAT 게이트웨이").
The rule's own title and AWS page live in the registry (`RULES[id].title`, `source.aws`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    """The teaching text of one rule."""

    rule: str
    why_en: str
    why_ko: str
    topic_en: str
    topic_ko: str

    def why_in(self, lang: str) -> str:
        return self.why_ko if lang == "ko" else self.why_en

    def topic_in(self, lang: str) -> str:
        return self.topic_ko if lang == "ko" else self.topic_en


def _l(why_en: str, why_ko: str, topic_en: str, topic_ko: str) -> dict[str, str]:
    return {"why_en": why_en, "why_ko": why_ko, "topic_en": topic_en, "topic_ko": topic_ko}


LESSONS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ topology
    "TOP-001": _l(
        "A Region is a separate geographic area with its own AZs, and a VPC is created in one Region only. "
        "It spans every AZ of that Region but can never stretch into another; to join Regions you add a "
        "peering, a VPN or a global service between two VPCs.",
        "리전은 자체 가용 영역을 가진 독립된 지리적 영역이고, VPC는 한 리전에만 만들어집니다. VPC는 그 리전의 모든 "
        "가용 영역에 걸치지만 다른 리전으로 넘어갈 수는 없습니다. 리전을 이으려면 두 VPC 사이에 피어링, VPN 또는 글로벌 "
        "서비스를 둡니다.",
        "Regions and VPCs", "리전과 VPC"),
    "TOP-002": _l(
        "An Availability Zone is one or more separate data centres, and a subnet is a slice of the VPC's "
        "addresses in exactly one of them. That is what makes AZs useful for high availability: a failure "
        "stays inside one AZ, so you place a subnet in each AZ you want to survive.",
        "가용 영역은 하나 이상의 분리된 데이터 센터이고, 서브넷은 그중 정확히 하나에 놓인 VPC 주소의 일부입니다. "
        "그래서 가용 영역이 고가용성에 쓸모가 있습니다. 장애는 한 가용 영역 안에 머물기 때문에, 살아남기를 원하는 "
        "가용 영역마다 서브넷을 하나씩 둡니다.",
        "VPC and subnets", "VPC와 서브넷"),
    "TOP-003": _l(
        "Zonal resources (instances, NAT gateways, database and load-balancer interfaces) get an address "
        "from one subnet, so they live in it. Regional and global services such as S3, Route 53 and "
        "CloudFront are not inside any VPC: a VPC reaches them through a gateway or an endpoint.",
        "영역 리소스(인스턴스, NAT 게이트웨이, DB와 로드 밸런서의 네트워크 인터페이스)는 한 서브넷에서 주소를 받으므로 "
        "그 서브넷 안에 있습니다. S3, Route 53, CloudFront 같은 리전·글로벌 서비스는 어떤 VPC 안에도 있지 않으며, "
        "VPC는 게이트웨이나 엔드포인트를 통해 이들에 접근합니다.",
        "VPC and subnets", "VPC와 서브넷"),
    # ------------------------------------------------------------------ addressing
    "NET-001": _l(
        "A VPC's address range is a private CIDR block between /16 (65,536 addresses) and /28 (16). "
        "Private RFC 1918 ranges never clash with internet addresses, and a canonical block (host bits "
        "zero) is what AWS stores anyway.",
        "VPC의 주소 범위는 /16(65,536개)부터 /28(16개)까지의 사설 CIDR 블록입니다. RFC 1918 사설 대역은 인터넷 "
        "주소와 겹치지 않고, AWS는 어차피 호스트 비트가 0인 정규형 블록으로 저장합니다.",
        "CIDR blocks", "CIDR 블록"),
    "NET-002": _l(
        "A subnet is carved out of its VPC's address range: every address in it must belong to the VPC. "
        "A block outside the VPC's CIDR cannot be routed by the VPC's router.",
        "서브넷은 VPC의 주소 범위를 잘라 만든 것이므로 서브넷의 모든 주소는 VPC에 속해야 합니다. VPC CIDR 밖의 "
        "블록은 VPC 라우터가 라우팅할 수 없습니다.",
        "CIDR blocks", "CIDR 블록"),
    "NET-003": _l(
        "Each address in a VPC must lead to exactly one subnet, so the VPC router knows where to deliver a "
        "packet. Two subnets with overlapping blocks would claim the same addresses.",
        "VPC의 각 주소는 정확히 한 서브넷으로 이어져야 VPC 라우터가 패킷을 어디로 보낼지 알 수 있습니다. 블록이 "
        "겹치는 두 서브넷은 같은 주소를 서로 차지하게 됩니다.",
        "CIDR blocks", "CIDR 블록"),
    "NET-004": _l(
        "AWS keeps five addresses of every subnet for itself: the network address, the VPC router, DNS, "
        "one for future use and the broadcast address. A /28 therefore holds only 11 interfaces, and a "
        "load balancer or an Auto Scaling group needs several.",
        "AWS는 모든 서브넷에서 주소 5개를 예약합니다: 네트워크 주소, VPC 라우터, DNS, 향후 사용, 브로드캐스트 주소. "
        "그래서 /28 서브넷에는 네트워크 인터페이스가 11개만 들어가며, 로드 밸런서나 Auto Scaling 그룹은 여러 개가 "
        "필요합니다.",
        "Subnet sizing", "서브넷 크기"),
    # ------------------------------------------------------------------ routing
    "RT-001": _l(
        "\"Public\" is not a checkbox in AWS: a subnet is public because its route table sends 0.0.0.0/0 to "
        "the VPC's internet gateway. Without that route nothing in it can reach the internet, whatever it "
        "is called.",
        "AWS에서 '퍼블릭'은 체크 상자가 아닙니다. 서브넷의 라우팅 테이블이 0.0.0.0/0을 VPC의 인터넷 게이트웨이로 "
        "보내기 때문에 퍼블릭 서브넷이 됩니다. 그 경로가 없으면 이름이 무엇이든 그 안의 어떤 것도 인터넷에 닿을 수 "
        "없습니다.",
        "Public and private subnets", "퍼블릭 서브넷과 프라이빗 서브넷"),
    "RT-002": _l(
        "A subnet follows exactly one route table, so its routing is never ambiguous, and a VPC has one "
        "door of each kind: one internet gateway, one virtual private gateway. A route can only point at "
        "something that belongs to, or is attached to, the same VPC.",
        "서브넷은 정확히 하나의 라우팅 테이블을 따르므로 라우팅이 모호하지 않고, VPC에는 종류별로 문이 하나씩 "
        "있습니다: 인터넷 게이트웨이 하나, 가상 프라이빗 게이트웨이 하나. 경로는 같은 VPC에 속하거나 연결된 대상만 "
        "가리킬 수 있습니다.",
        "Route tables", "라우팅 테이블"),
    "RT-003": _l(
        "The internet gateway translates between an instance's private address and its public one, so an "
        "instance talks to the internet only with a public or Elastic IP and only from a public subnet. A "
        "public IP in a private subnet is unusable and still billed.",
        "인터넷 게이트웨이는 인스턴스의 프라이빗 주소와 퍼블릭 주소를 서로 변환합니다. 그래서 인스턴스는 퍼블릭 IP나 "
        "탄력적 IP가 있고 퍼블릭 서브넷에 있을 때만 인터넷과 통신합니다. 프라이빗 서브넷의 퍼블릭 IP는 쓸 수 없는데도 "
        "요금이 나갑니다.",
        "Internet gateway and public IPs", "인터넷 게이트웨이와 퍼블릭 IP"),
    # ------------------------------------------------------------------ NAT and Elastic IPs
    "NAT-001": _l(
        "A public NAT gateway hides private instances behind its own Elastic IP, and it sends their traffic "
        "out through the internet gateway. So it must sit in a public subnet, own an Elastic IP, and its VPC "
        "must have an internet gateway.",
        "퍼블릭 NAT 게이트웨이는 자신의 탄력적 IP 뒤에 프라이빗 인스턴스를 숨기고, 그 트래픽을 인터넷 게이트웨이로 "
        "내보냅니다. 그래서 퍼블릭 서브넷에 있어야 하고, 탄력적 IP가 있어야 하며, VPC에 인터넷 게이트웨이가 있어야 "
        "합니다.",
        "NAT gateway", "NAT 게이트웨이"),
    "NAT-002": _l(
        "Instances in a private subnet have no public address. To download updates they send 0.0.0.0/0 to "
        "a NAT gateway in a public subnet, which forwards the traffic to the internet gateway; replies come "
        "back the same way, and nobody outside can start a connection in.",
        "프라이빗 서브넷의 인스턴스에는 퍼블릭 주소가 없습니다. 업데이트를 받으려면 0.0.0.0/0을 퍼블릭 서브넷의 "
        "NAT 게이트웨이로 보내고, NAT 게이트웨이가 인터넷 게이트웨이로 전달합니다. 응답은 같은 길로 돌아오고, 밖에서는 "
        "연결을 시작할 수 없습니다.",
        "NAT gateway", "NAT 게이트웨이"),
    "NAT-003": _l(
        "A zonal NAT gateway lives in one AZ. If the private subnets of every AZ use it, losing that AZ cuts "
        "the whole application off from the internet, and traffic crossing AZs is billed. One NAT gateway "
        "per AZ keeps each AZ independent.",
        "영역 NAT 게이트웨이는 한 가용 영역에 있습니다. 모든 가용 영역의 프라이빗 서브넷이 그것을 쓰면 그 가용 영역을 "
        "잃을 때 애플리케이션 전체가 인터넷과 끊기고, 가용 영역 간 트래픽 요금도 나갑니다. 가용 영역마다 NAT "
        "게이트웨이를 하나씩 두면 각 가용 영역이 독립적입니다.",
        "NAT gateway", "NAT 게이트웨이"),
    "EIP-001": _l(
        "An Elastic IP is a fixed public IPv4 address reserved for your account in one Region; public IPv4 "
        "addresses are scarce, so AWS limits them to 5 per Region by default. One address points at one "
        "target at a time.",
        "탄력적 IP는 한 리전에서 계정에 예약된 고정 퍼블릭 IPv4 주소입니다. 퍼블릭 IPv4 주소는 부족하기 때문에 AWS는 "
        "기본적으로 리전당 5개로 제한합니다. 주소 하나는 한 번에 한 대상만 가리킵니다.",
        "Elastic IP addresses", "탄력적 IP 주소"),
    "EIP-002": _l(
        "An Elastic IP that is reserved but not associated with a running instance or NAT gateway does "
        "nothing useful, yet it is billed: AWS charges so that scarce addresses are not hoarded.",
        "예약만 하고 실행 중인 인스턴스나 NAT 게이트웨이에 연결하지 않은 탄력적 IP는 아무 일도 하지 않지만 요금이 "
        "나갑니다. 부족한 주소를 쌓아 두지 않도록 AWS가 요금을 받기 때문입니다.",
        "Elastic IP addresses", "탄력적 IP 주소"),
    "EIP-003": _l(
        "Since February 2024 AWS bills every public IPv4 address by the hour, attached or not: Elastic IPs, "
        "auto-assigned public IPs, NAT gateways and internet-facing load balancers. Count them when you "
        "estimate cost.",
        "2024년 2월부터 AWS는 연결 여부와 상관없이 모든 퍼블릭 IPv4 주소에 시간당 요금을 받습니다: 탄력적 IP, 자동 "
        "할당된 퍼블릭 IP, NAT 게이트웨이, 인터넷 연결 로드 밸런서. 비용을 추정할 때 함께 세어야 합니다.",
        "Elastic IP addresses", "탄력적 IP 주소"),
    # ------------------------------------------------------------------ security groups and NACLs
    "SG-001": _l(
        "Security groups are evaluated for every packet on every network interface, so AWS caps them: 5 "
        "groups per interface by default and 60 inbound plus 60 outbound rules per group. More rules mean "
        "slower evaluation and harder reviews.",
        "보안 그룹은 모든 네트워크 인터페이스에서 모든 패킷마다 평가되기 때문에 AWS는 한도를 둡니다: 기본적으로 "
        "인터페이스당 그룹 5개, 그룹당 인바운드 60개와 아웃바운드 60개 규칙. 규칙이 많을수록 평가가 느려지고 검토가 "
        "어려워집니다.",
        "Security group limits", "보안 그룹 한도"),
    "SG-002": _l(
        "A security group is a list of what is allowed; everything else is denied. It has no deny rules: to "
        "block an address explicitly you use the subnet's network ACL.",
        "보안 그룹은 허용할 것의 목록이고 나머지는 모두 거부됩니다. 거부 규칙은 없으므로 특정 주소를 명시적으로 막으려면 "
        "서브넷의 네트워크 ACL을 씁니다.",
        "Security groups allow only", "보안 그룹은 허용만 가능"),
    "SG-003": _l(
        "A new security group has no inbound rules, so nothing can reach the instance until a rule allows "
        "it, even from an instance in the same group. Security groups are stateful: the reply to an allowed "
        "request goes back without a rule of its own.",
        "새 보안 그룹에는 인바운드 규칙이 없으므로, 규칙이 허용할 때까지는 같은 그룹의 인스턴스조차 접근할 수 없습니다. "
        "보안 그룹은 상태 저장(stateful) 방식이라 허용된 요청의 응답은 따로 규칙 없이 돌아갑니다.",
        "Inbound rules", "인바운드 규칙"),
    "SG-004": _l(
        "A security group belongs to one VPC, so it can protect only that VPC's resources. A rule can name "
        "another group only inside the same VPC or across a peering in the same Region.",
        "보안 그룹은 한 VPC에 속하므로 그 VPC의 리소스만 보호할 수 있습니다. 규칙에서 다른 그룹을 참조하는 것도 같은 "
        "VPC 안이나 같은 리전의 피어링 너머에서만 가능합니다.",
        "Security groups and VPCs", "보안 그룹과 VPC"),
    "SG-005": _l(
        "Admin ports (SSH 22, RDP 3389) open to 0.0.0.0/0 are scanned by bots within minutes. Open them to "
        "your own range only, and let a database accept connections only from the app tier's security group.",
        "인터넷 전체(0.0.0.0/0)에 열린 관리 포트(SSH 22, RDP 3389)는 몇 분 안에 봇이 찾아냅니다. 관리 포트는 자기 "
        "대역에만 열고, 데이터베이스는 앱 계층의 보안 그룹에서 오는 연결만 받게 합니다.",
        "Least privilege", "최소 권한"),
    "ACL-001": _l(
        "A network ACL is the subnet's firewall: each subnet follows exactly one (the default one if none "
        "is chosen), and an ACL belongs to one VPC, so it can guard only that VPC's subnets.",
        "네트워크 ACL은 서브넷의 방화벽입니다. 각 서브넷은 정확히 하나의 ACL을 따르며(고르지 않으면 기본 ACL), ACL은 한 "
        "VPC에 속하므로 그 VPC의 서브넷만 지킬 수 있습니다.",
        "Network ACLs", "네트워크 ACL"),
    "ACL-002": _l(
        "Network ACLs are stateless and read their rules in number order, first match wins. Unlike a "
        "security group they must allow the reply as well: the return traffic comes back to an ephemeral "
        "port (1024-65535).",
        "네트워크 ACL은 상태 비저장(stateless) 방식이고 규칙을 번호 순서대로 읽어 처음 맞는 규칙을 적용합니다. 보안 "
        "그룹과 달리 응답 트래픽도 허용해야 합니다. 응답은 임시 포트(1024-65535)로 돌아옵니다.",
        "Network ACLs", "네트워크 ACL"),
    # ------------------------------------------------------------------ compute and storage
    "EC2-001": _l(
        "Users must be able to reach the web tier, so it sits in a public subnet or, as AWS recommends now, "
        "in private subnets behind an internet-facing load balancer or CloudFront. A web server in a private "
        "subnet with no way in serves nobody.",
        "사용자가 웹 계층에 닿을 수 있어야 하므로 웹 계층은 퍼블릭 서브넷에 두거나, 요즘 AWS가 권하는 대로 인터넷 연결 "
        "로드 밸런서나 CloudFront 뒤의 프라이빗 서브넷에 둡니다. 들어올 길이 없는 프라이빗 서브넷의 웹 서버는 아무도 "
        "쓸 수 없습니다.",
        "Web and DB tiers", "웹 계층과 DB 계층"),
    "EBS-001": _l(
        "An EBS volume is network storage inside one AZ; it is attached over that AZ's network, so only an "
        "instance in the same AZ can use it, and normally only one at a time (Multi-Attach is the io1/io2 "
        "exception).",
        "EBS 볼륨은 한 가용 영역 안의 네트워크 스토리지이고 그 가용 영역의 네트워크로 연결되므로, 같은 가용 영역의 "
        "인스턴스만 쓸 수 있고 보통 한 번에 하나만 연결됩니다(다중 연결은 io1/io2의 예외).",
        "EBS volumes", "EBS 볼륨"),
    "EBS-002": _l(
        "With Provisioned IOPS you reserve disk performance, and AWS ties it to the volume size (io1 up to "
        "50 IOPS per GiB, io2 up to 1,000). An EBS-optimized instance gives that traffic its own bandwidth.",
        "프로비저닝된 IOPS로 디스크 성능을 예약하며, AWS는 이를 볼륨 크기에 묶어 둡니다(io1은 GiB당 최대 50 IOPS, "
        "io2는 1,000). EBS 최적화 인스턴스는 그 트래픽에 전용 대역폭을 줍니다.",
        "Provisioned IOPS", "프로비저닝된 IOPS"),
    "EBS-003": _l(
        "EBS encryption (AES-256 with a KMS key) is decided when a volume is created and then covers its "
        "data, its snapshots and volumes made from them. KMS keys are Regional, so a snapshot copied to "
        "another Region needs a key there.",
        "EBS 암호화(KMS 키를 쓰는 AES-256)는 볼륨을 만들 때 정해지며, 그 데이터와 스냅샷, 스냅샷으로 만든 볼륨까지 "
        "적용됩니다. KMS 키는 리전 단위이므로 다른 리전으로 복사한 스냅샷에는 그 리전의 키가 필요합니다.",
        "EBS encryption", "EBS 암호화"),
    "EBS-004": _l(
        "Snapshots are stored in S3 in one Region and can be copied to another. A schedule and a copy in a "
        "second Region let you rebuild a critical volume after a mistake or a Regional outage.",
        "스냅샷은 한 리전의 S3에 저장되고 다른 리전으로 복사할 수 있습니다. 정기 스냅샷과 다른 리전의 사본이 있으면 "
        "실수나 리전 장애 뒤에도 중요한 볼륨을 다시 만들 수 있습니다.",
        "EBS snapshots", "EBS 스냅샷"),
    # ------------------------------------------------------------------ load balancing and scaling
    "ELB-001": _l(
        "A load balancer exists to keep a service up when one server or one AZ fails, so an ALB must be "
        "enabled in at least two AZs. A target in an AZ the load balancer does not use never gets traffic.",
        "로드 밸런서는 서버 하나나 가용 영역 하나가 장애를 일으켜도 서비스를 유지하려고 쓰는 것이므로, ALB는 두 개 "
        "이상의 가용 영역에서 활성화해야 합니다. 로드 밸런서가 쓰지 않는 가용 영역의 대상은 트래픽을 받지 못합니다.",
        "Load balancer high availability", "로드 밸런서 고가용성"),
    "ELB-002": _l(
        "A load balancer puts one node in each enabled AZ, in the one subnet you give it there, and it "
        "scales by adding addresses, so an ALB subnet needs room: at least a /27 with 8 free addresses.",
        "로드 밸런서는 활성화한 가용 영역마다 지정한 서브넷 하나에 노드를 두고, 주소를 늘려 확장합니다. 그래서 ALB "
        "서브넷에는 여유가 필요합니다: /27 이상, 빈 주소 8개 이상.",
        "Load balancer subnets", "로드 밸런서 서브넷"),
    "ELB-003": _l(
        "An internet-facing load balancer receives traffic from the internet, so its nodes need public "
        "subnets and an internet gateway; an internal one serves only the VPC and belongs in private subnets.",
        "인터넷 연결 로드 밸런서는 인터넷에서 트래픽을 받으므로 노드가 퍼블릭 서브넷과 인터넷 게이트웨이를 필요로 합니다. "
        "내부 로드 밸런서는 VPC 안에서만 쓰이므로 프라이빗 서브넷에 둡니다.",
        "Internet-facing and internal", "인터넷 연결과 내부"),
    "ELB-004": _l(
        "With SSL termination the load balancer decrypts HTTPS for the servers behind it, so it needs a "
        "certificate, and ACM certificates are Regional: use one from the load balancer's Region (free with "
        "ACM).",
        "SSL 종료를 쓰면 로드 밸런서가 뒤의 서버 대신 HTTPS를 복호화하므로 인증서가 필요합니다. ACM 인증서는 리전 "
        "단위이므로 로드 밸런서와 같은 리전의 인증서를 씁니다(ACM은 무료).",
        "SSL termination", "SSL 종료"),
    "ELB-005": _l(
        "The load balancer sends traffic only to targets that pass its health check (HTTP/HTTPS expecting "
        "200, or a TCP connection). If the target's security group blocks the check, every target looks "
        "unhealthy and the service goes down.",
        "로드 밸런서는 상태 확인(HTTP/HTTPS 응답 코드 200 또는 TCP 연결)을 통과한 대상에만 트래픽을 보냅니다. 대상의 "
        "보안 그룹이 상태 확인을 막으면 모든 대상이 비정상으로 보여 서비스가 중단됩니다.",
        "Health checks", "상태 확인"),
    "ELB-006": _l(
        "A sticky session keeps a user on the server that holds their session, using a cookie. An ALB can "
        "only keep that promise when it may send traffic across AZs, so stickiness needs cross-zone load "
        "balancing; an NLB sticks by source IP.",
        "고정 세션은 쿠키를 써서 사용자를 세션을 가진 서버에 계속 연결합니다. ALB는 가용 영역을 넘어 트래픽을 보낼 수 "
        "있을 때만 이를 지킬 수 있으므로 고정 세션에는 교차 영역 로드 밸런싱이 필요합니다. NLB는 소스 IP로 고정합니다.",
        "Sticky sessions", "고정 세션"),
    "ASG-001": _l(
        "An Auto Scaling group keeps the desired number of instances running between its minimum and its "
        "maximum; scaling out and in moves the desired count inside that range, so the three must be in "
        "order.",
        "Auto Scaling 그룹은 최소와 최대 사이에서 원하는 수의 인스턴스를 계속 실행합니다. 스케일 아웃과 스케일 인은 그 "
        "범위 안에서 원하는 용량을 옮기는 것이므로 세 값의 순서가 맞아야 합니다.",
        "Auto Scaling", "Auto Scaling"),
    "ASG-002": _l(
        "When an AZ fails, an Auto Scaling group replaces the lost instances in its other AZs, but only if "
        "it has subnets in at least two AZs of its VPC.",
        "가용 영역이 장애를 일으키면 Auto Scaling 그룹은 잃은 인스턴스를 다른 가용 영역에 새로 띄웁니다. 단, VPC의 "
        "두 개 이상의 가용 영역에 서브넷이 있을 때만 가능합니다.",
        "Auto Scaling across AZs", "여러 가용 영역의 Auto Scaling"),
    "ASG-003": _l(
        "With EC2 health checks the group replaces only instances that stop running. With ELB health checks "
        "it also replaces an instance whose application fails the load balancer's check.",
        "EC2 상태 확인만 쓰면 그룹은 실행이 멈춘 인스턴스만 교체합니다. ELB 상태 확인을 쓰면 애플리케이션이 로드 "
        "밸런서의 상태 확인에 실패한 인스턴스도 교체합니다.",
        "Health checks", "상태 확인"),
    # ------------------------------------------------------------------ databases
    "RDS-001": _l(
        "An RDS database is placed through a DB subnet group, and AWS requires subnets in at least two AZs "
        "so that a standby or a replacement can always start in another AZ.",
        "RDS 데이터베이스는 DB 서브넷 그룹을 통해 배치되며, AWS는 대기 인스턴스나 교체 인스턴스가 언제나 다른 가용 "
        "영역에서 시작할 수 있도록 두 개 이상의 가용 영역의 서브넷을 요구합니다.",
        "DB subnet groups", "DB 서브넷 그룹"),
    "RDS-002": _l(
        "A database holds the data attackers want, and only the app tier needs to reach it. Keep it in "
        "private subnets and not publicly accessible, so there is no route from the internet to it at all.",
        "데이터베이스에는 공격자가 노리는 데이터가 있고, 접근이 필요한 것은 앱 계층뿐입니다. 프라이빗 서브넷에 두고 "
        "퍼블릭 액세스를 끄면 인터넷에서 데이터베이스로 가는 경로 자체가 없습니다.",
        "DB servers in private subnets", "DB 서버는 프라이빗 서브넷에"),
    "RDS-003": _l(
        "A Multi-AZ deployment keeps a synchronous standby in another AZ and fails over to it automatically, "
        "so a production database survives the loss of an AZ without losing committed data.",
        "다중 AZ 배포는 다른 가용 영역에 동기식 대기 인스턴스를 두고 자동으로 장애 조치하므로, 운영 데이터베이스가 "
        "가용 영역 하나를 잃어도 커밋된 데이터를 잃지 않고 살아남습니다.",
        "Multi-AZ deployment", "다중 AZ 배포"),
    "RDS-004": _l(
        "RDS takes automated backups you can restore to any second of the retention period, which runs from "
        "1 to 35 days. With 0 there are no automated backups at all.",
        "RDS는 보존 기간 안의 어느 시점으로든 복원할 수 있는 자동 백업을 만들며, 보존 기간은 1일에서 35일입니다. "
        "0이면 자동 백업이 전혀 없습니다.",
        "Backup retention", "백업 보존 기간"),
    "RDS-005": _l(
        "RDS encryption is chosen when the instance is created and cannot simply be switched on later; "
        "snapshots, read replicas and restored copies inherit it.",
        "RDS 암호화는 인스턴스를 만들 때 정하며 나중에 간단히 켤 수 없습니다. 스냅샷, 읽기 전용 복제본, 복원한 사본은 "
        "그 설정을 물려받습니다.",
        "RDS encryption", "RDS 암호화"),
    # ------------------------------------------------------------------ S3, Glacier
    "S3-001": _l(
        "A bucket name becomes part of a DNS name (bucket.s3.amazonaws.com), so it must be unique across "
        "all AWS accounts and follow DNS rules: 3-63 lowercase letters, digits, dots and hyphens.",
        "버킷 이름은 DNS 이름(bucket.s3.amazonaws.com)의 일부가 되므로 모든 AWS 계정에서 고유해야 하고 DNS 규칙을 "
        "따라야 합니다: 소문자, 숫자, 점, 하이픈으로 3~63자.",
        "S3 buckets", "S3 버킷"),
    "S3-002": _l(
        "Lifecycle rules move objects to cheaper storage classes as they age, but only downwards (Standard "
        "→ Standard-IA → One Zone-IA → Glacier), and the infrequent-access classes need objects at least "
        "30 days old.",
        "수명 주기 규칙은 오래된 객체를 더 저렴한 스토리지 클래스로 옮기지만, 아래 방향으로만 옮깁니다(Standard → "
        "Standard-IA → One Zone-IA → Glacier). 저빈도 액세스 클래스에는 30일 이상 된 객체만 옮길 수 있습니다.",
        "S3 lifecycle", "S3 수명 주기"),
    "S3-003": _l(
        "Other S3 classes store data in at least three AZs; One Zone-IA keeps it in one and is cheaper "
        "because of that. If that AZ is lost, so is the data: keep only re-creatable copies there.",
        "다른 S3 스토리지 클래스는 최소 세 개의 가용 영역에 데이터를 저장하지만 One Zone-IA는 하나에만 저장하기 때문에 "
        "더 저렴합니다. 그 가용 영역을 잃으면 데이터도 잃으므로, 다시 만들 수 있는 사본만 둡니다.",
        "S3 storage classes", "S3 스토리지 클래스"),
    "S3-004": _l(
        "S3 is a Regional service outside your VPC. A private subnet has no public addresses, so it reaches "
        "S3 through a NAT gateway or, cheaper and private, a gateway VPC endpoint in its route table.",
        "S3는 VPC 밖의 리전 서비스입니다. 프라이빗 서브넷에는 퍼블릭 주소가 없으므로 NAT 게이트웨이를 거치거나, 더 "
        "저렴하고 비공개인 게이트웨이 VPC 엔드포인트를 라우팅 테이블에 넣어 S3에 접근합니다.",
        "VPC endpoints", "VPC 엔드포인트"),
    "S3-005": _l(
        "Most data leaks from S3 come from buckets opened by mistake. Block Public Access, encryption, "
        "versioning and access logs are the baseline that prevents, limits and records such mistakes.",
        "S3 데이터 유출은 대부분 실수로 공개된 버킷에서 일어납니다. 퍼블릭 액세스 차단, 암호화, 버전 관리, 액세스 "
        "로그는 그런 실수를 막고, 줄이고, 기록하는 기본 설정입니다.",
        "S3 security", "S3 보안"),
    "GLC-001": _l(
        "Glacier began as a separate service with vaults; today the same archive storage is offered as S3 "
        "Glacier storage classes, managed with S3's lifecycle rules. New designs use the storage classes.",
        "Glacier는 볼트를 쓰는 별도 서비스로 시작했지만, 지금은 같은 아카이브 스토리지를 S3 Glacier 스토리지 클래스로 "
        "제공하고 S3 수명 주기 규칙으로 관리합니다. 새 설계에는 스토리지 클래스를 씁니다.",
        "Glacier", "Glacier"),
    # ------------------------------------------------------------------ DNS and CDN
    "R53-001": _l(
        "Failover routing answers with the PRIMARY record while its health check passes, and with the "
        "SECONDARY when it fails. Without a health check on the primary, Route 53 never knows when to fail "
        "over.",
        "장애 조치 라우팅은 PRIMARY 레코드의 상태 확인이 통과하는 동안 PRIMARY로 응답하고, 실패하면 SECONDARY로 "
        "응답합니다. PRIMARY에 상태 확인이 없으면 Route 53은 언제 장애 조치할지 알 수 없습니다.",
        "DNS failover", "DNS 장애 조치"),
    "R53-002": _l(
        "Route 53 health checkers run on the internet, outside your VPC, so they can only test endpoints "
        "with public, routable addresses.",
        "Route 53 상태 확인기는 VPC 밖의 인터넷에서 동작하므로 퍼블릭으로 라우팅 가능한 주소의 엔드포인트만 확인할 수 "
        "있습니다.",
        "Health checks", "상태 확인"),
    "R53-003": _l(
        "DNS has strict rules: a record lives inside its hosted zone's domain, the zone apex cannot be a "
        "CNAME, and an alias record follows its target's TTL. Route 53 rejects records that break them.",
        "DNS에는 엄격한 규칙이 있습니다: 레코드는 호스팅 영역의 도메인 안에 있어야 하고, 영역 최상위(apex)는 CNAME일 "
        "수 없으며, 별칭 레코드는 대상의 TTL을 따릅니다. Route 53은 이를 어기는 레코드를 거부합니다.",
        "DNS records", "DNS 레코드"),
    "R53-004": _l(
        "Weighted, latency-based and geolocation routing choose among records of one set; a set with "
        "missing weights, Regions or a default location sends some users nowhere.",
        "가중치 기반, 지연 시간 기반, 지리적 위치 라우팅은 한 세트의 레코드 중에서 고릅니다. 가중치, 리전, 기본 위치가 "
        "빠진 세트는 일부 사용자를 어디로도 보내지 못합니다.",
        "DNS routing policies", "DNS 라우팅 정책"),
    "CF-001": _l(
        "CloudFront is a global service managed from us-east-1, so its certificate must come from ACM in "
        "us-east-1 and cover every alternate domain name; each alias also needs a DNS record pointing at the "
        "distribution.",
        "CloudFront는 us-east-1에서 관리하는 글로벌 서비스이므로 인증서는 us-east-1의 ACM에서 발급받아야 하고 모든 "
        "대체 도메인 이름을 포함해야 합니다. 각 대체 도메인에는 배포를 가리키는 DNS 레코드도 필요합니다.",
        "CloudFront", "CloudFront"),
    "CF-002": _l(
        "CloudFront sits at edge locations in front of your origins: viewers should use HTTPS with TLS 1.2 or "
        "later, and origins should accept traffic only from CloudFront (origin access control, VPC origins) "
        "so nobody can bypass it.",
        "CloudFront는 엣지 로케이션에서 원본 앞에 섭니다. 뷰어는 TLS 1.2 이상의 HTTPS를 써야 하고, 원본은 CloudFront "
        "에서 오는 트래픽만 받아야(원본 액세스 제어, VPC 원본) 아무도 CloudFront를 우회할 수 없습니다.",
        "Edge locations", "엣지 로케이션"),
    # ------------------------------------------------------------------ hybrid and peering
    "PEER-001": _l(
        "Routing chooses a path by destination address. If two joined networks use the same addresses, "
        "a packet for 10.0.1.5 could belong to either side, so peered VPCs and on-premises ranges must not "
        "overlap.",
        "라우팅은 목적지 주소로 경로를 고릅니다. 연결한 두 네트워크가 같은 주소를 쓰면 10.0.1.5로 가는 패킷이 어느 "
        "쪽 것인지 알 수 없으므로, 피어링한 VPC와 온프레미스 대역은 겹치면 안 됩니다.",
        "VPC peering", "VPC 피어링"),
    "PEER-002": _l(
        "A peering connection joins exactly two VPCs and is not transitive: if A peers with B and B with C, "
        "A still cannot reach C through B. Each pair that talks needs its own peering (or a transit gateway).",
        "피어링 연결은 정확히 두 VPC를 잇고 전이되지 않습니다. A가 B와, B가 C와 피어링해도 A는 B를 거쳐 C에 갈 수 "
        "없습니다. 통신하는 쌍마다 피어링(또는 Transit Gateway)이 필요합니다.",
        "VPC peering", "VPC 피어링"),
    "PEER-003": _l(
        "A peering connection carries nothing until both VPCs' route tables send the other's range to it; "
        "narrow routes keep the rest of each network private.",
        "피어링 연결은 두 VPC의 라우팅 테이블이 모두 상대 범위를 그 연결로 보내기 전에는 아무것도 전달하지 않습니다. "
        "경로를 좁게 잡으면 나머지 네트워크는 비공개로 남습니다.",
        "VPC peering", "VPC 피어링"),
    "VPN-001": _l(
        "A Site-to-Site VPN has two ends: a virtual private gateway attached to the VPC and a customer "
        "gateway for your on-premises device. Subnets reach the office only when their route tables send the "
        "office's range to the virtual private gateway.",
        "사이트 간 VPN에는 양쪽 끝이 있습니다: VPC에 연결한 가상 프라이빗 게이트웨이와 온프레미스 장비를 나타내는 고객 "
        "게이트웨이. 서브넷은 라우팅 테이블이 사무실 대역을 가상 프라이빗 게이트웨이로 보낼 때만 사무실에 닿습니다.",
        "Site-to-Site VPN", "사이트 간 VPN"),
    "VPCE-001": _l(
        "A gateway endpoint is a route-table entry in one Region: only the subnets whose route tables list it "
        "use it, and traffic from on-premises or another Region cannot pass through it.",
        "게이트웨이 엔드포인트는 한 리전의 라우팅 테이블 항목입니다. 라우팅 테이블에 그것이 있는 서브넷만 쓸 수 있고, "
        "온프레미스나 다른 리전의 트래픽은 통과할 수 없습니다.",
        "VPC endpoints", "VPC 엔드포인트"),
    "QTA-001": _l(
        "Every account starts with default quotas (5 VPCs and 5 Elastic IPs per Region, for example) that "
        "protect you and AWS from runaway use. Most can be raised on request: plan for it before you deploy.",
        "모든 계정은 폭주하는 사용으로부터 사용자와 AWS를 보호하는 기본 한도로 시작합니다(예: 리전당 VPC 5개, 탄력적 "
        "IP 5개). 대부분은 요청해서 늘릴 수 있으니 배포 전에 계획합니다.",
        "Service quotas", "서비스 한도"),
}


def lesson_for(rule_id: str) -> Lesson | None:
    """The lesson of a rule, or None for a rule that has none."""
    entry = LESSONS.get(rule_id)
    return Lesson(rule_id, **entry) if entry is not None else None
