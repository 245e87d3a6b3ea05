"""The catalogue: one frozen declaration per kind, grouped like diagrams.aws.<category>."""

from __future__ import annotations

from designer.catalogue.spec import IconRef, KindSpec, PropSpec

NET = "diagrams.aws.network"
COMPUTE = "diagrams.aws.compute"
STORAGE = "diagrams.aws.storage"
DATABASE = "diagrams.aws.database"
GENERAL = "diagrams.aws.general"

# Palette categories, in the order the palette shows them (AWS icon-set groups).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("groups", "Groups", "그룹"),
    ("networking", "Networking & Content Delivery", "네트워킹 및 콘텐츠 전송"),
    ("compute", "Compute", "컴퓨팅"),
    ("storage", "Storage", "스토리지"),
    ("database", "Database", "데이터베이스"),
    ("security", "Security", "보안"),
    ("general", "General", "일반"),
)

PSEUDO_NOTE = "a pseudo-node for the world outside AWS; nothing to create"
FRAME_NOTE = "a drawing frame; exporters express it as provider/AZ selection, not a resource"

RESOURCE_SIZE = (96.0, 84.0)

SG_IDS = PropSpec("security_groups", "ids", "Security groups", "보안 그룹", default=[], ref_kind="security_group")
SUBNET_IDS = PropSpec("subnets", "ids", "Subnets", "서브넷", default=[], ref_kind="subnet")
ROLE = PropSpec("role", "choice", "Role", "역할", choices=("", "web", "app", "db", "bastion"))
ENV = PropSpec("env", "choice", "Environment", "환경", choices=("", "prod", "staging", "dev"))
DATA_ROLE = PropSpec("data_role", "choice", "Data role", "데이터 역할", choices=("", "critical", "normal"))


def _kind(**kwargs) -> KindSpec:
    kwargs.setdefault("default_size", RESOURCE_SIZE)
    kwargs.setdefault("container", False)
    return KindSpec(**kwargs)


KINDS: tuple[KindSpec, ...] = (
    # ---------------------------------------------------------------- groups (containers)
    _kind(
        key="region", label_en="Region", label_ko="리전", category="groups", container=True,
        allowed_parents=(None,),
        props=(PropSpec("code", "str", "Region code", "리전 코드", default="us-east-1"),),
        icon=IconRef(asset="region.svg"), default_size=(1240.0, 820.0),
        terraform_type=None, cloudformation_type=None, diagrams_class="Cluster",
        iac_note="a Region is the provider alias / stack Region, not a resource",
        description_en="An AWS Region: a geographic area with several isolated Availability Zones.",
        description_ko="AWS 리전: 여러 개의 격리된 가용 영역으로 이루어진 지리적 영역.",
        style={"stroke": "#00A4A6", "fill": "#FFFFFF", "dash": "dash", "text": "#00A4A6"},
    ),
    _kind(
        key="vpc", label_en="VPC", label_ko="VPC", category="groups", container=True,
        allowed_parents=("region",),
        props=(
            PropSpec("cidr", "cidr", "IPv4 CIDR block", "IPv4 CIDR 블록", default="10.0.0.0/16"),
            PropSpec("secondary_cidrs", "cidr_list", "Secondary CIDR blocks", "보조 CIDR 블록", default=None),
        ),
        icon=IconRef(NET, "VPC"), default_size=(1160.0, 740.0),
        terraform_type="aws_vpc", cloudformation_type="AWS::EC2::VPC", diagrams_class="Cluster",
        description_en="A Virtual Private Cloud: your isolated network in one Region, across all its AZs.",
        description_ko="VPC: 한 리전의 모든 가용 영역에 걸친 격리된 가상 네트워크.",
        style={"stroke": "#8C4FFF", "fill": "#FFFFFF", "dash": "solid", "text": "#8C4FFF"},
    ),
    _kind(
        key="availability_zone", label_en="Availability Zone", label_ko="가용 영역", category="groups",
        container=True, allowed_parents=("vpc", "region"),
        props=(PropSpec("name", "str", "AZ name", "가용 영역 이름", default=""),),
        icon=IconRef(asset="availability_zone.svg"), default_size=(520.0, 600.0),
        terraform_type=None, cloudformation_type=None, diagrams_class="Cluster",
        iac_note="an AZ is an attribute of its subnets (availability_zone / Fn::GetAZs)",
        description_en="An Availability Zone: one or more data centres with independent power and networking.",
        description_ko="가용 영역: 독립된 전원과 네트워크를 가진 하나 이상의 데이터 센터.",
        style={"stroke": "#147EBA", "fill": "#FFFFFF", "dash": "dash", "text": "#147EBA"},
    ),
    _kind(
        key="subnet", label_en="Subnet", label_ko="서브넷", category="groups", container=True,
        allowed_parents=("availability_zone",),
        props=(
            PropSpec("cidr", "cidr", "IPv4 CIDR block", "IPv4 CIDR 블록", default="10.0.1.0/24"),
            PropSpec("public", "bool", "Public (route 0.0.0.0/0 to the internet gateway)",
                     "퍼블릭 (0.0.0.0/0 경로를 인터넷 게이트웨이로)", default=False),
            PropSpec("vgw_route_propagation", "bool", "Route propagation from the virtual private gateway",
                     "가상 프라이빗 게이트웨이 경로 전파", default=False),
        ),
        icon=IconRef(NET, "PrivateSubnet"), default_size=(460.0, 220.0),
        terraform_type="aws_subnet", cloudformation_type="AWS::EC2::Subnet", diagrams_class="Cluster",
        description_en="A subnet: a range of the VPC's addresses in exactly one Availability Zone.",
        description_ko="서브넷: 하나의 가용 영역에 있는 VPC 주소 범위.",
        style={"stroke": "#147EBA", "fill": "#E6F2F8", "dash": "solid", "text": "#147EBA",
               "public_stroke": "#7AA116", "public_fill": "#F2F6E8", "public_text": "#248814"},
    ),
    # ---------------------------------------------------------------- general (outside AWS)
    _kind(
        key="internet", label_en="Internet / users", label_ko="인터넷 / 사용자", category="general",
        allowed_parents=(None,), props=(),
        icon=IconRef(GENERAL, "Users"),
        terraform_type=None, cloudformation_type=None, diagrams_class="diagrams.aws.general.Users",
        iac_note=PSEUDO_NOTE,
        description_en="The public internet and the users on it.",
        description_ko="퍼블릭 인터넷과 그 위의 사용자.",
    ),
    _kind(
        key="on_premises", label_en="On-premises network", label_ko="온프레미스 네트워크", category="general",
        allowed_parents=(None,),
        props=(PropSpec("cidr", "cidr", "Corporate CIDR", "사내 네트워크 CIDR", default="192.168.0.0/16"),),
        icon=IconRef(GENERAL, "GenericOfficeBuilding"),
        terraform_type=None, cloudformation_type=None,
        diagrams_class="diagrams.aws.general.GenericOfficeBuilding", iac_note=PSEUDO_NOTE,
        description_en="A corporate data centre or office network.",
        description_ko="회사 데이터 센터 또는 사무실 네트워크.",
    ),
    # ---------------------------------------------------------------- networking
    _kind(
        key="internet_gateway", label_en="Internet gateway", label_ko="인터넷 게이트웨이",
        category="networking", allowed_parents=("vpc",), props=(),
        icon=IconRef(NET, "InternetGateway"),
        terraform_type="aws_internet_gateway", cloudformation_type="AWS::EC2::InternetGateway",
        diagrams_class="diagrams.aws.network.InternetGateway",
        description_en="Connects a VPC's public subnets to the internet (one per VPC).",
        description_ko="VPC의 퍼블릭 서브넷을 인터넷에 연결 (VPC당 하나).",
    ),
    _kind(
        key="nat_gateway", label_en="NAT gateway", label_ko="NAT 게이트웨이", category="networking",
        allowed_parents=("subnet", "vpc"),
        props=(
            PropSpec("connectivity", "choice", "Connectivity", "연결 유형", default="public",
                     choices=("public", "private")),
            PropSpec("mode", "choice", "Availability mode", "가용성 모드", default="zonal",
                     choices=("zonal", "regional")),
        ),
        icon=IconRef(NET, "NATGateway"),
        terraform_type="aws_nat_gateway", cloudformation_type="AWS::EC2::NatGateway",
        diagrams_class="diagrams.aws.network.NATGateway",
        description_en="Lets instances in private subnets reach the internet; a public one lives in a public subnet with an Elastic IP.",
        description_ko="프라이빗 서브넷의 인스턴스가 인터넷에 나갈 수 있게 함; 퍼블릭 NAT는 탄력적 IP와 함께 퍼블릭 서브넷에 둔다.",
    ),
    _kind(
        key="elastic_ip", label_en="Elastic IP address", label_ko="탄력적 IP 주소", category="compute",
        allowed_parents=("region",), props=(),
        icon=IconRef(COMPUTE, "EC2ElasticIpAddress"),
        terraform_type="aws_eip", cloudformation_type="AWS::EC2::EIP",
        diagrams_class="diagrams.aws.compute.EC2ElasticIpAddress",
        description_en="A static public IPv4 address for one Region; attach it to an instance or NAT gateway.",
        description_ko="한 리전에서 쓰는 고정 퍼블릭 IPv4 주소; 인스턴스나 NAT 게이트웨이에 연결.",
    ),
    _kind(
        key="vpc_endpoint", label_en="VPC endpoint", label_ko="VPC 엔드포인트", category="networking",
        allowed_parents=("vpc", "subnet"),
        props=(
            PropSpec("service", "str", "Service", "서비스", default="s3"),
            PropSpec("endpoint_type", "choice", "Endpoint type", "엔드포인트 유형", default="gateway",
                     choices=("gateway", "interface")),
            PropSpec("private_dns", "bool", "Private DNS names (interface endpoints)",
                     "프라이빗 DNS 이름 (인터페이스 엔드포인트)", default=True),
            SG_IDS,
        ),
        icon=IconRef(NET, "Endpoint"),
        terraform_type="aws_vpc_endpoint", cloudformation_type="AWS::EC2::VPCEndpoint",
        diagrams_class="diagrams.aws.network.Endpoint",
        description_en="Private access from the VPC to an AWS service such as S3, without the internet.",
        description_ko="인터넷 없이 VPC에서 S3 같은 AWS 서비스로 비공개 접근.",
    ),
    _kind(
        key="vpn_gateway", label_en="Virtual private gateway", label_ko="가상 프라이빗 게이트웨이",
        category="networking", allowed_parents=("vpc",), props=(),
        icon=IconRef(NET, "VpnGateway"),
        terraform_type="aws_vpn_gateway", cloudformation_type="AWS::EC2::VPNGateway",
        diagrams_class="diagrams.aws.network.VpnGateway",
        description_en="The AWS side of a Site-to-Site VPN connection, attached to one VPC.",
        description_ko="사이트 간 VPN 연결의 AWS 쪽 끝, 하나의 VPC에 연결.",
    ),
    _kind(
        key="customer_gateway", label_en="Customer gateway", label_ko="고객 게이트웨이",
        category="networking", allowed_parents=(None, "on_premises"),
        props=(PropSpec("ip", "str", "Public IP address", "퍼블릭 IP 주소", default="203.0.113.10"),),
        icon=IconRef(NET, "VPCCustomerGateway"),
        terraform_type="aws_customer_gateway", cloudformation_type="AWS::EC2::CustomerGateway",
        diagrams_class="diagrams.aws.network.VPCCustomerGateway",
        description_en="Your side of a Site-to-Site VPN: the on-premises router's public IP.",
        description_ko="사이트 간 VPN의 고객 쪽 끝: 온프레미스 라우터의 퍼블릭 IP.",
    ),
    _kind(
        key="load_balancer", label_en="Load balancer", label_ko="로드 밸런서", category="networking",
        allowed_parents=("vpc",),
        props=(
            PropSpec("lb_type", "choice", "Type", "유형", default="alb", choices=("alb", "nlb", "clb")),
            PropSpec("scheme", "choice", "Scheme", "체계", default="internet-facing",
                     choices=("internet-facing", "internal")),
            SUBNET_IDS,
            PropSpec("listeners", "listeners", "Listeners", "리스너",
                     default=[{"protocol": "HTTP", "port": 80}]),
            PropSpec("health_check", "health_check", "Health check", "상태 확인",
                     default={"protocol": "HTTP", "port": 80, "path": "/"}),
            PropSpec("sticky_sessions", "bool", "Sticky sessions", "고정 세션", default=False),
            PropSpec("stickiness_type", "choice", "Sticky session type", "고정 세션 유형",
                     choices=("", "lb_cookie", "app_cookie", "source_ip")),
            PropSpec("cross_zone", "bool", "Cross-zone load balancing", "교차 영역 로드 밸런싱", default=True),
            SG_IDS,
        ),
        icon=IconRef(NET, "ElbApplicationLoadBalancer"),
        terraform_type="aws_lb", cloudformation_type="AWS::ElasticLoadBalancingV2::LoadBalancer",
        diagrams_class="diagrams.aws.network.ELB",
        description_en="Spreads traffic over targets in several Availability Zones; its traffic edges are its targets.",
        description_ko="여러 가용 영역의 대상에 트래픽을 분산; traffic 연결이 대상이다.",
    ),
    _kind(
        key="route53_zone", label_en="Route 53 hosted zone", label_ko="Route 53 호스팅 영역",
        category="networking", allowed_parents=(None,),
        props=(
            PropSpec("domain", "str", "Domain", "도메인", default="example.com"),
            PropSpec("private", "bool", "Private zone", "프라이빗 호스팅 영역", default=False),
        ),
        icon=IconRef(NET, "Route53HostedZone"), default_size=(260.0, 150.0),
        terraform_type="aws_route53_zone", cloudformation_type="AWS::Route53::HostedZone",
        diagrams_class="diagrams.aws.network.Route53HostedZone",
        description_en="A DNS zone in Route 53 (global); its records route users to your resources.",
        description_ko="Route 53의 DNS 영역(글로벌); 레코드가 사용자를 리소스로 안내한다.",
    ),
    _kind(
        key="route53_record", label_en="Route 53 record", label_ko="Route 53 레코드", category="networking",
        allowed_parents=("route53_zone",),
        props=(
            PropSpec("name", "str", "Name", "이름", default="www.example.com"),
            PropSpec("type", "choice", "Type", "유형", default="A", choices=("A", "AAAA", "CNAME")),
            PropSpec("alias", "bool", "Alias (target = the dns edge)", "별칭 (대상 = dns 연결)", default=True),
            PropSpec("values", "str_list", "Values", "값", default=None),
            PropSpec("routing", "choice", "Routing policy", "라우팅 정책", default="simple",
                     choices=("simple", "failover", "latency", "weighted", "geolocation")),
            PropSpec("set_id", "str", "Set identifier", "세트 식별자"),
            PropSpec("failover_role", "choice", "Failover role", "장애 조치 역할",
                     choices=("", "primary", "secondary")),
            PropSpec("weight", "int", "Weight", "가중치"),
            PropSpec("region", "str", "Latency Region", "지연 시간 리전"),
            PropSpec("location", "str", "Location", "위치"),
            PropSpec("health_check", "bool", "Health check", "상태 확인", default=False),
            PropSpec("health_check_type", "choice", "Health check type", "상태 확인 유형", default="endpoint",
                     choices=("endpoint", "cloudwatch")),
            PropSpec("evaluate_target_health", "bool", "Evaluate target health", "대상 상태 평가",
                     default=False),
            PropSpec("ttl", "int", "TTL (s)", "TTL (초)"),
        ),
        icon=IconRef(NET, "Route53"),
        terraform_type="aws_route53_record", cloudformation_type="AWS::Route53::RecordSet",
        diagrams_class="diagrams.aws.network.Route53",
        description_en="A DNS record; an alias record points at its dns edge's target.",
        description_ko="DNS 레코드; 별칭 레코드는 dns 연결의 대상을 가리킨다.",
    ),
    _kind(
        key="cloudfront", label_en="CloudFront distribution", label_ko="CloudFront 배포",
        category="networking", allowed_parents=(None,),
        props=(
            PropSpec("aliases", "str_list", "Alternate domain names", "대체 도메인 이름", default=[]),
            PropSpec("certificate_region", "str", "Certificate Region", "인증서 리전", default="us-east-1"),
            PropSpec("viewer_protocol_policy", "choice", "Viewer protocol policy", "뷰어 프로토콜 정책",
                     default="redirect-to-https",
                     choices=("redirect-to-https", "https-only", "allow-all")),
            PropSpec("minimum_protocol_version", "choice", "Minimum TLS version (security policy)",
                     "최소 TLS 버전 (보안 정책)",
                     choices=("", "TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.2_2018", "TLSv1.1_2016", "TLSv1_2016",
                              "TLSv1")),
            PropSpec("certificate_domains", "str_list", "Certificate domain names", "인증서 도메인 이름"),
            PropSpec("origin_failover", "bool", "Origin failover (origin group)", "원본 장애 조치 (원본 그룹)",
                     default=False),
        ),
        icon=IconRef(NET, "CloudFront"),
        terraform_type="aws_cloudfront_distribution", cloudformation_type="AWS::CloudFront::Distribution",
        diagrams_class="diagrams.aws.network.CloudFront",
        description_en="A content delivery network at the edge locations; its origin edges are its origins.",
        description_ko="엣지 로케이션의 콘텐츠 전송 네트워크; origin 연결이 원본이다.",
    ),
    # ---------------------------------------------------------------- security
    _kind(
        key="security_group", label_en="Security group", label_ko="보안 그룹", category="security",
        allowed_parents=("vpc",),
        props=(
            PropSpec("inbound", "sg_rules", "Inbound rules", "인바운드 규칙", default=[]),
            PropSpec("outbound", "sg_rules", "Outbound rules (absent = allow all)",
                     "아웃바운드 규칙 (없으면 모두 허용)", default=None),
        ),
        icon=IconRef(GENERAL, "GenericFirewall"),
        terraform_type="aws_security_group", cloudformation_type="AWS::EC2::SecurityGroup",
        diagrams_class="diagrams.aws.general.GenericFirewall",
        description_en="A stateful virtual firewall for network interfaces: allow rules only.",
        description_ko="네트워크 인터페이스의 상태 저장 가상 방화벽: 허용 규칙만 있다.",
    ),
    _kind(
        key="network_acl", label_en="Network ACL", label_ko="네트워크 ACL", category="security",
        allowed_parents=("vpc",),
        props=(
            PropSpec("subnets", "ids", "Subnets", "서브넷", default=[], ref_kind="subnet"),
            PropSpec("rules", "nacl_rules", "Rules", "규칙", default=[]),
        ),
        icon=IconRef(NET, "Nacl"),
        terraform_type="aws_network_acl", cloudformation_type="AWS::EC2::NetworkAcl",
        diagrams_class="diagrams.aws.network.Nacl",
        description_en="A stateless subnet-level firewall with numbered allow and deny rules.",
        description_ko="번호가 매겨진 허용/거부 규칙을 가진 상태 비저장 서브넷 방화벽.",
    ),
    # ---------------------------------------------------------------- compute
    _kind(
        key="ec2", label_en="EC2 instance", label_ko="EC2 인스턴스", category="compute",
        allowed_parents=("subnet",),
        props=(
            PropSpec("instance_type", "str", "Instance type", "인스턴스 유형", default="t3.micro"),
            PropSpec("public_ip", "bool", "Public IPv4 address", "퍼블릭 IPv4 주소", default=False),
            SG_IDS,
            PropSpec("ebs_optimized", "bool", "EBS-optimized", "EBS 최적화", default=False),
            ROLE,
        ),
        icon=IconRef(COMPUTE, "EC2"),
        terraform_type="aws_instance", cloudformation_type="AWS::EC2::Instance",
        diagrams_class="diagrams.aws.compute.EC2",
        description_en="A virtual server in one subnet (and so one Availability Zone).",
        description_ko="하나의 서브넷(따라서 하나의 가용 영역)에 있는 가상 서버.",
    ),
    _kind(
        key="auto_scaling_group", label_en="Auto Scaling group", label_ko="Auto Scaling 그룹",
        category="compute", allowed_parents=("vpc",),
        props=(
            SUBNET_IDS,
            PropSpec("min", "int", "Minimum size", "최소 크기", default=2),
            PropSpec("desired", "int", "Desired capacity", "원하는 용량", default=2),
            PropSpec("max", "int", "Maximum size", "최대 크기", default=4),
            PropSpec("instance_type", "str", "Instance type", "인스턴스 유형", default="t3.micro"),
            PropSpec("health_check_type", "choice", "Health check type", "상태 확인 유형", default="ELB",
                     choices=("EC2", "ELB")),
            PropSpec("scaling_policy", "choice", "Scaling policy", "조정 정책",
                     choices=("", "target_tracking", "step", "simple")),
            SG_IDS,
            ROLE,
        ),
        icon=IconRef(COMPUTE, "EC2AutoScaling"),
        terraform_type="aws_autoscaling_group", cloudformation_type="AWS::AutoScaling::AutoScalingGroup",
        diagrams_class="diagrams.aws.compute.EC2AutoScaling",
        description_en="Keeps between min and max instances running across its subnets' AZs.",
        description_ko="서브넷의 가용 영역들에 걸쳐 최소~최대 개수의 인스턴스를 유지.",
    ),
    # ---------------------------------------------------------------- storage
    _kind(
        key="ebs_volume", label_en="EBS volume", label_ko="EBS 볼륨", category="storage",
        allowed_parents=("subnet", "availability_zone"),
        props=(
            PropSpec("size_gb", "int", "Size (GiB)", "크기 (GiB)", default=20),
            PropSpec("volume_type", "choice", "Volume type", "볼륨 유형", default="gp3",
                     choices=("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard")),
            PropSpec("iops", "int", "Provisioned IOPS", "프로비저닝된 IOPS"),
            PropSpec("encrypted", "bool", "Encrypted", "암호화", default=True),
            PropSpec("multi_attach", "bool", "Multi-Attach", "다중 연결", default=False),
            PropSpec("snapshot_schedule", "bool", "Scheduled snapshots", "예약된 스냅샷", default=False),
            DATA_ROLE,
        ),
        icon=IconRef(STORAGE, "ElasticBlockStoreEBSVolume"),
        terraform_type="aws_ebs_volume", cloudformation_type="AWS::EC2::Volume",
        diagrams_class="diagrams.aws.storage.ElasticBlockStoreEBSVolume",
        description_en="Block storage in one Availability Zone, attached to instances in that AZ.",
        description_ko="하나의 가용 영역에 있는 블록 스토리지, 같은 가용 영역의 인스턴스에 연결.",
    ),
    _kind(
        key="s3_bucket", label_en="S3 bucket", label_ko="S3 버킷", category="storage",
        allowed_parents=("region",),
        props=(
            PropSpec("bucket_name", "str", "Bucket name", "버킷 이름", default=""),
            PropSpec("storage_class", "choice", "Storage class", "스토리지 클래스", default="STANDARD",
                     choices=("STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA",
                              "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")),
            PropSpec("versioning", "bool", "Versioning", "버전 관리", default=True),
            PropSpec("encrypted", "bool", "Default encryption", "기본 암호화", default=True),
            PropSpec("public_access", "bool", "Public access", "퍼블릭 액세스", default=False),
            PropSpec("lifecycle", "lifecycle", "Lifecycle rules", "수명 주기 규칙", default=[]),
            PropSpec("website", "bool", "Static website hosting", "정적 웹 사이트 호스팅", default=False),
            PropSpec("access_logging", "bool", "Server access logging", "서버 액세스 로깅", default=False),
            DATA_ROLE,
        ),
        icon=IconRef(STORAGE, "SimpleStorageServiceS3Bucket"),
        terraform_type="aws_s3_bucket", cloudformation_type="AWS::S3::Bucket",
        diagrams_class="diagrams.aws.storage.SimpleStorageServiceS3Bucket",
        description_en="Object storage in one Region, reached from a VPC through an endpoint, NAT or IGW.",
        description_ko="한 리전의 객체 스토리지; VPC에서는 엔드포인트, NAT 또는 인터넷 게이트웨이로 접근.",
    ),
    _kind(
        key="glacier_vault", label_en="Glacier vault", label_ko="Glacier 볼트", category="storage",
        allowed_parents=("region",),
        props=(
            PropSpec("vault_name", "str", "Vault name", "볼트 이름", default=""),
            PropSpec("existing", "bool", "The account already uses vaults", "계정에서 이미 볼트 사용 중",
                     default=False),
        ),
        icon=IconRef(STORAGE, "S3GlacierVault"),
        terraform_type="aws_glacier_vault", cloudformation_type="AWS::Glacier::Vault",
        diagrams_class="diagrams.aws.storage.S3GlacierVault",
        description_en="A standalone Glacier vault (closed to new customers since Dec 2025: prefer S3 Glacier classes).",
        description_ko="독립형 Glacier 볼트 (2025년 12월부터 신규 고객 불가: S3 Glacier 클래스를 권장).",
    ),
    # ---------------------------------------------------------------- database
    _kind(
        key="rds", label_en="RDS DB instance", label_ko="RDS DB 인스턴스", category="database",
        allowed_parents=("subnet",),
        props=(
            PropSpec("engine", "choice", "Engine", "엔진", default="mysql",
                     choices=("mysql", "postgres", "mariadb", "oracle-se2", "sqlserver-ex")),
            PropSpec("instance_class", "str", "Instance class", "인스턴스 클래스", default="db.t3.micro"),
            PropSpec("multi_az", "bool", "Multi-AZ deployment", "다중 AZ 배포", default=True),
            PropSpec("publicly_accessible", "bool", "Publicly accessible", "퍼블릭 액세스 가능", default=False),
            PropSpec("encrypted", "bool", "Storage encrypted", "스토리지 암호화", default=True),
            PropSpec("backup_retention_days", "int", "Backup retention (days)", "백업 보존 기간 (일)", default=7),
            PropSpec("subnets", "ids", "DB subnet group", "DB 서브넷 그룹", default=[], ref_kind="subnet"),
            SG_IDS,
            ENV,
            ROLE,
        ),
        icon=IconRef(DATABASE, "RDS"),
        terraform_type="aws_db_instance", cloudformation_type="AWS::RDS::DBInstance",
        diagrams_class="diagrams.aws.database.RDS",
        description_en="A managed relational database; keep it in private subnets, Multi-AZ for production.",
        description_ko="관리형 관계형 데이터베이스; 프라이빗 서브넷에, 운영 환경은 다중 AZ로.",
    ),
)

# Where the GUI will place a dropped node although AWS would not: the validator flags it
# (TOP-002 for a subnet across AZs, TOP-003 for resources outside a subnet or mis-scoped).
TOLERATED_PARENTS: dict[str, tuple[str | None, ...]] = {
    "subnet": ("vpc",),
    "ec2": ("availability_zone", "vpc"),
    "rds": ("availability_zone", "vpc"),
    "elastic_ip": ("vpc", "availability_zone", "subnet"),
    "s3_bucket": ("vpc", "availability_zone", "subnet"),
    "glacier_vault": ("vpc", "availability_zone", "subnet"),
    "route53_zone": ("region",),
    "cloudfront": ("region",),
    "load_balancer": ("availability_zone", "subnet"),
    "auto_scaling_group": ("availability_zone", "subnet"),
    "security_group": ("availability_zone", "subnet"),
    "network_acl": ("availability_zone", "subnet"),
    "vpn_gateway": ("region",),
    "internet_gateway": ("region",),
    "availability_zone": (None,),
    "vpc": (None,),
}
