"""Tolerant readers for props: a design may hold any JSON value where a number is expected.

Exporters never trust prop types (the loader does not check them; the validator reports
them), so every read goes through one of these and falls back to a default.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any


def as_int(value: Any, default: int | None = None) -> int | None:
    """An int from an int, an integral float or a numeric string; else `default`."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,12}\s*", value):
        return int(value)
    return default


def as_bool(value: Any, default: bool = False) -> bool:
    """A bool from a bool or a "true"/"false" string; else `default`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return default


def as_str(value: Any, default: str = "") -> str:
    """A string from a string (stripped) or a number; else `default`."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return default


def as_list(value: Any) -> list[Any]:
    """A list from a list; a lone value becomes a one-item list; None becomes []."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def as_dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a list (rules, listeners, lifecycle entries); others are dropped."""
    return [item for item in as_list(value) if isinstance(item, dict)]


def as_str_list(value: Any) -> list[str]:
    """The non-empty strings of a list (or of a comma-separated string)."""
    if isinstance(value, str):
        value = value.split(",")
    return [s for s in (as_str(v) for v in as_list(value)) if s]


def ipv4_cidr(value: Any) -> str | None:
    """The value as a normalised IPv4 CIDR ("10.0.1.0/24"), or None when it is not one."""
    return _cidr(value, 4)


def ipv6_cidr(value: Any) -> str | None:
    """The value as a normalised IPv6 CIDR, or None when it is not one."""
    return _cidr(value, 6)


def _cidr(value: Any, version: int) -> str | None:
    text = as_str(value)
    if "/" not in text:
        return None
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None
    return str(network) if network.version == version else None


def port_range(value: Any) -> tuple[int, int] | None:
    """A port or "from-to" as (from, to); None for absent/"all"; raises ValueError if bad."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all", "*", "any")):
        return None
    single = as_int(value)
    if single is not None:
        if not 0 <= single <= 65535:
            raise ValueError(f"port {single} is out of range")
        return (single, single)
    match = re.fullmatch(r"\s*(\d{1,5})\s*-\s*(\d{1,5})\s*", as_str(value))
    if not match:
        raise ValueError(f"port {value!r} is not a number or a range")
    low, high = int(match.group(1)), int(match.group(2))
    if not (0 <= low <= high <= 65535):
        raise ValueError(f"port range {value!r} is out of order or out of range")
    return (low, high)


# Protocol names as the designer accepts them → the EC2 API's IpProtocol value.
_PROTOCOLS = {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
              "-1": "-1", "all": "-1", "any": "-1", "*": "-1", "icmpv6": "icmpv6", "58": "icmpv6"}


def ip_protocol(value: Any) -> str | None:
    """tcp/udp/icmp/icmpv6/-1 from the usual spellings, or None when unknown."""
    if value is None:
        return "-1"
    return _PROTOCOLS.get(as_str(value).lower())


# NACL entries take protocol numbers.
PROTOCOL_NUMBERS = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58, "-1": -1}
