"""The props each kind of edge carries, as data (the inspector edits them, the rules read them)."""

from __future__ import annotations

from designer.catalogue.spec import PropSpec

PROTOCOLS = ("tcp", "udp", "icmp", "-1")  # IP protocols of traffic edges and SG/NACL rules

# Props an edge of each kind carries (the format's table of edge props, docs/design-format.md).
EDGE_PROPS: dict[str, tuple[PropSpec, ...]] = {
    "traffic": (
        PropSpec("protocol", "choice", "Protocol", "프로토콜", default="tcp", choices=PROTOCOLS),
        PropSpec("port", "int", "Port", "포트"),
    ),
    "route": (PropSpec("destination", "str", "Destination", "대상"),),
    # A cross-Region snapshot copy or read replica is encrypted with a key of the other Region.
    "replication": (PropSpec("kms_key", "str", "KMS key in the destination Region", "대상 리전의 KMS 키"),),
    "origin": (PropSpec("vpc_origin", "bool", "VPC origin", "VPC 원본", default=False),),
}
