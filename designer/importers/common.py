"""Value conversions both IaC readers share: rules, ports, protocols, lifecycles, services."""

from __future__ import annotations

import re
from typing import Any

_PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "-1": "-1", "all": "-1"}


def as_int(value: Any) -> int | None:
    """A whole number from an int or a numeric string (CloudFormation and HCL give both)."""
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def as_bool(value: Any, default: bool | None = None) -> bool | None:
    """A boolean from a bool or "true"/"false" (templates often quote them)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return default


def protocol_name(value: Any) -> str:
    """tcp/udp/icmp/icmpv6/-1 from an EC2 IpProtocol (a name or a number)."""
    text = str(value if value is not None else "-1").strip().lower()
    return _PROTOCOL_NAMES.get(text, text)


def port_of(low: Any, high: Any, protocol: str) -> int | str | None:
    """The designer's `port`: an int, "from-to", or None (all ports, all traffic, ICMP)."""
    if protocol not in ("tcp", "udp"):
        return None
    a, b = as_int(low), as_int(high)
    if a is None and b is None:
        return None
    a = a if a is not None else b
    b = b if b is not None else a
    if (a, b) == (0, 65535):
        return None
    return a if a == b else f"{a}-{b}"


def sg_rule(protocol: Any, low: Any, high: Any, peer: Any, description: Any) -> dict[str, Any] | None:
    """A designer security-group rule {protocol, port, source[, description]}, or None."""
    if peer is None:
        return None
    name = protocol_name(protocol)
    rule: dict[str, Any] = {"protocol": name}
    port = port_of(low, high, name)
    if port is not None:
        rule["port"] = port
    rule["source"] = peer
    if isinstance(description, str) and description:
        rule["description"] = description
    return rule


# The exporter's stand-ins: AWS's default egress, and "no outbound" (a loopback-only rule).
ALL_OUTBOUND = {"protocol": "-1", "source": "0.0.0.0/0"}
NO_OUTBOUND = {"protocol": "-1", "source": "127.0.0.1/32"}


def normalise_outbound(rules: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    """None for AWS's default (allow all), [] for the exporter's "no outbound" marker."""
    if rules is None:
        return None
    bare = [{k: v for k, v in r.items() if k != "description"} for r in rules]
    if bare == [ALL_OUTBOUND]:
        return None
    if bare == [NO_OUTBOUND]:
        return []
    return rules


def lifecycle_from_rules(rules: Any, transitions_key: str, class_key: str, days_key: str,
                         expire_key: str) -> list[dict[str, Any]]:
    """A bucket's lifecycle list from enabled rules: transitions, then the expiration."""
    out: list[dict[str, Any]] = []
    expire: int | None = None
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, dict) or str(rule.get("Status", rule.get("status", "Enabled"))).lower() != "enabled":
            continue
        transitions = rule.get(transitions_key)
        for item in transitions if isinstance(transitions, list) else [transitions]:
            if isinstance(item, dict) and as_int(item.get(days_key)) is not None:
                out.append({"after_days": as_int(item.get(days_key)),
                            "storage_class": str(item.get(class_key, "")).upper()})
        value = rule.get(expire_key)
        if isinstance(value, list):  # Terraform's expiration block
            value = value[0].get("days") if value and isinstance(value[0], dict) else None
        if as_int(value) is not None:
            expire = as_int(value)
    out.sort(key=lambda item: item["after_days"])
    if expire is not None:
        out.append({"expire_after_days": expire})
    return out


def service_of(name: Any, region: str) -> str:
    """"s3" from "com.amazonaws.<region>.s3" (any Region); other names are kept whole."""
    text = str(name) if isinstance(name, str) else "s3"
    match = re.fullmatch(r"com\.amazonaws\.[a-z0-9-]+\.(.+)", text)
    return match.group(1) if match else text


def health_from_target(target: Any) -> dict[str, Any] | None:
    """A Classic LB health check "HTTP:80/path" as {protocol, port, path}."""
    if not isinstance(target, str):
        return None
    match = re.fullmatch(r"([A-Za-z]+):(\d+)(/.*)?", target.strip())
    if not match:
        return None
    out: dict[str, Any] = {"protocol": match.group(1).upper(), "port": int(match.group(2))}
    if match.group(3):
        out["path"] = match.group(3)
    return out


def certificate_region(arn: Any) -> str | None:
    """The Region of an ACM certificate ARN (arn:aws:acm:<region>:…)."""
    match = re.match(r"arn:aws[a-z-]*:acm:([a-z0-9-]+):", arn) if isinstance(arn, str) else None
    return match.group(1) if match else None
