"""Fixed AWS values both IaC exporters need (hosted-zone ids, managed policy ids, defaults)."""

from __future__ import annotations

from typing import Any

from designer.exporters.values import as_int, as_str

# Route 53 alias targets: CloudFront's fixed zone, and the S3 website endpoints per Region
# (AWS General Reference, "Amazon S3 website endpoints").
CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"
S3_WEBSITE_ZONES: dict[str, tuple[str, str]] = {
    "us-east-1": ("s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF"),
    "us-east-2": ("s3-website.us-east-2.amazonaws.com", "Z2O1EMRO9K5GLX"),
    "us-west-1": ("s3-website-us-west-1.amazonaws.com", "Z2F56UZL2M1ACD"),
    "us-west-2": ("s3-website-us-west-2.amazonaws.com", "Z3BJ6K6RIION7M"),
    "ca-central-1": ("s3-website.ca-central-1.amazonaws.com", "Z1QDHH18159H29"),
    "ap-east-1": ("s3-website.ap-east-1.amazonaws.com", "ZNB98KWMFR0R6"),
    "ap-south-1": ("s3-website.ap-south-1.amazonaws.com", "Z11RGJOFQNVJUP"),
    "ap-northeast-1": ("s3-website-ap-northeast-1.amazonaws.com", "Z2M4EHUR26P7ZW"),
    "ap-northeast-2": ("s3-website.ap-northeast-2.amazonaws.com", "Z3W03O7B5YMIYP"),
    "ap-northeast-3": ("s3-website.ap-northeast-3.amazonaws.com", "Z2YQB5RD63NC85"),
    "ap-southeast-1": ("s3-website-ap-southeast-1.amazonaws.com", "Z3O0J2DXBE1FTB"),
    "ap-southeast-2": ("s3-website-ap-southeast-2.amazonaws.com", "Z1WCIGYICN2BYD"),
    "eu-central-1": ("s3-website.eu-central-1.amazonaws.com", "Z21DNDUVLTQW6Q"),
    "eu-west-1": ("s3-website-eu-west-1.amazonaws.com", "Z1BKCTXD74EZPE"),
    "eu-west-2": ("s3-website.eu-west-2.amazonaws.com", "Z3GKZC51ZF0DB4"),
    "eu-west-3": ("s3-website.eu-west-3.amazonaws.com", "Z3R1K369G5AVDG"),
    "eu-north-1": ("s3-website.eu-north-1.amazonaws.com", "Z3BAZG2TWCNX0D"),
    "sa-east-1": ("s3-website-sa-east-1.amazonaws.com", "Z7KQH4QJS55SO"),
    "me-south-1": ("s3-website.me-south-1.amazonaws.com", "Z1MPMWCPA7YB62"),
}

# CloudFront managed policies (ids are the same in every account).
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

AMI_SSM_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
DB_USERNAME = "dbadmin"
TRANSITION_CLASSES = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR",
                      "GLACIER", "DEEP_ARCHIVE")
CONTINENTS = ("AF", "AN", "AS", "EU", "NA", "OC", "SA")
LISTENER_PROTOCOLS = {"alb": ("HTTP", "HTTPS"), "nlb": ("TCP", "TLS", "UDP", "TCP_UDP"),
                      "clb": ("HTTP", "HTTPS", "TCP", "SSL")}

# Stickiness a target group of each LB type can have without more data (app_cookie needs the
# application's cookie name, which the design does not hold).
STICKINESS_TYPES = {"alb": ("lb_cookie",), "nlb": ("source_ip",)}
# CloudFront security policies for an SNI certificate (SSLv3 needs a dedicated-IP one).
CLOUDFRONT_TLS_POLICIES = ("TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.2_2018", "TLSv1.1_2016", "TLSv1_2016", "TLSv1")


def lb_type(props: dict[str, Any]) -> str:
    """alb / nlb / clb (unknown values read as alb)."""
    value = as_str(props.get("lb_type"), "alb").lower()
    return value if value in LISTENER_PROTOCOLS else "alb"


def listeners(props: dict[str, Any], kind: str, notes: list[str], node_id: str) -> list[dict[str, Any]]:
    """Valid listeners of a load balancer: protocol (upper case), port, certificate, redirect."""
    out: list[dict[str, Any]] = []
    ports: set[int] = set()
    raw = props.get("listeners", [{"protocol": "HTTP", "port": 80}])
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        protocol = as_str(item.get("protocol"), "HTTP").upper()
        port = as_int(item.get("port"))
        if protocol not in LISTENER_PROTOCOLS[kind] or port is None or not 1 <= port <= 65535 \
                or port in ports:
            notes.append(f'load balancer "{node_id}": listener {protocol}:{item.get("port")} is not '
                         f"valid for a {kind.upper()} (or repeats a port); skipped")
            continue
        ports.add(port)
        certificate = as_str(item.get("certificate"))
        out.append({"protocol": protocol, "port": port,
                    "certificate": certificate if certificate.startswith("arn:") else "",
                    "redirect": item.get("redirect_to_https") is True and protocol == "HTTP"})
    return out


def stickiness_type(props: dict[str, Any], kind: str) -> str:
    """The target group's stickiness: the design's `stickiness_type` when the LB type takes it, else its usual one."""
    allowed = STICKINESS_TYPES.get(kind, STICKINESS_TYPES["alb"])
    value = as_str(props.get("stickiness_type")).lower()
    return value if value in allowed else allowed[0]


def cloudfront_tls_policy(props: dict[str, Any]) -> str:
    """The viewer security policy with the design's certificate: its `minimum_protocol_version`, else TLS 1.2."""
    value = as_str(props.get("minimum_protocol_version")).strip()
    return value if value in CLOUDFRONT_TLS_POLICIES else CLOUDFRONT_TLS_POLICIES[0]


def health_check(props: dict[str, Any], kind: str) -> dict[str, Any]:
    """protocol / port / path of the target health check, with defaults that fit the LB type."""
    raw = props.get("health_check")
    raw = raw if isinstance(raw, dict) else {}
    default = "TCP" if kind == "nlb" else "HTTP"
    protocol = as_str(raw.get("protocol"), default).upper()
    if protocol not in ("HTTP", "HTTPS", "TCP"):
        protocol = default
    path = as_str(raw.get("path"), "/") or "/"
    return {"protocol": protocol, "port": as_int(raw.get("port")) or 80,
            "path": path if path.startswith("/") else "/" + path}


def lifecycle(props: dict[str, Any], notes: list[str], node_id: str) -> tuple[list[tuple[int, str]], int | None]:
    """A bucket's lifecycle: transitions (days, class) in day order, and expiration days."""
    transitions: list[tuple[int, str]] = []
    expire: int | None = None
    raw = props.get("lifecycle")
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        if "expire_after_days" in item:
            days = as_int(item.get("expire_after_days"))
            if days is not None and days >= 1:
                expire = days
                continue
        days = as_int(item.get("after_days"))
        storage = as_str(item.get("storage_class")).upper()
        if days is None or days < 0 or storage not in TRANSITION_CLASSES:
            notes.append(f'S3 bucket "{node_id}": lifecycle entry {item!r} is not valid; skipped')
            continue
        transitions.append((days, storage))
    return sorted(transitions), expire


def geolocation(location: str) -> dict[str, str] | None:
    """A Route 53 geolocation from "KR", "EU" (continent), "US-CA" or "*"; None if unknown."""
    code = location.strip().upper()
    if code == "*" or (len(code) == 2 and code.isalpha() and code not in CONTINENTS):
        return {"country": code}
    if code in CONTINENTS:
        return {"continent": code}
    if len(code) > 3 and code[2] == "-" and code[:2].isalpha():
        return {"country": code[:2], "subdivision": code[3:]}
    return None
