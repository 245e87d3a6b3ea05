"""Connecting two nodes: the edge kind follows from the two kinds (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

from designer.edits import AddEdge
from designer.model import Design, Edge, unique_id

ROUTE_TARGETS = frozenset({"nat_gateway", "vpn_gateway", "vpc_endpoint", "vpc"})


@dataclass(frozen=True)
class ConnectRefusal:
    """Why two nodes were not connected: "self" or "duplicate"."""

    reason: str


def infer_edge_kind(source_kind: str, target_kind: str) -> tuple[str, bool]:
    """The edge kind between two kinds, and whether the ends should be swapped.

    attach: an Elastic IP to an instance or NAT gateway, an EBS volume to an instance;
    route: a subnet to a NAT gateway, VPN gateway, endpoint or (peered) VPC; dns: from a
    Route 53 record; origin: CloudFront to S3 or a load balancer; peering: VPC to VPC;
    vpn: customer gateway to virtual private gateway; replication: bucket to bucket;
    otherwise traffic. The conventional direction wins (a route starts at the subnet).
    """
    pair = (source_kind, target_kind)
    for a, b, kind in _RULES:
        if pair[0] == a and pair[1] in b:
            return kind, False
        if pair[1] == a and pair[0] in b and kind != "dns":
            return kind, True
    if source_kind == "route53_record":
        return "dns", False
    if target_kind == "route53_record":
        return "dns", True
    return "traffic", False


_RULES: tuple[tuple[str, frozenset[str], str], ...] = (
    ("elastic_ip", frozenset({"ec2", "nat_gateway"}), "attach"),
    ("ebs_volume", frozenset({"ec2"}), "attach"),
    ("vpc", frozenset({"vpc"}), "peering"),
    ("subnet", ROUTE_TARGETS, "route"),
    ("cloudfront", frozenset({"s3_bucket", "load_balancer"}), "origin"),
    ("customer_gateway", frozenset({"vpn_gateway"}), "vpn"),
    ("s3_bucket", frozenset({"s3_bucket"}), "replication"),
)


def plan_connect(design: Design, source: str, target: str, kind: str | None = None) -> AddEdge | ConnectRefusal:
    """One step that connects two nodes with the inferred (or given) kind."""
    if source == target:
        return ConnectRefusal("self")
    if kind is None:
        kind, swap = infer_edge_kind(design.node(source).kind, design.node(target).kind)
        if swap:
            source, target = target, source
    for edge in design.edges_of(source):
        if {edge.source, edge.target} == {source, target} and edge.kind == kind:
            return ConnectRefusal("duplicate")
    props: dict = {}
    if kind == "traffic":
        node = design.node(target)
        props = default_traffic_props(node.kind, node.props)
    edge_id = unique_id(f"{source}-{target}", set(design.edge_ids()))
    return AddEdge(Edge(id=edge_id, kind=kind, source=source, target=target, props=props))


# A new traffic edge starts with the port the target usually listens on.
_PORTS = {"load_balancer": ("tcp", 443), "cloudfront": ("tcp", 443),
          "ec2": ("tcp", 80), "auto_scaling_group": ("tcp", 80), "s3_bucket": ("tcp", 443)}


_DB_PORTS = {"postgres": 5432, "sqlserver-ex": 1433, "oracle-se2": 1521}


def default_traffic_props(target_kind: str, target_props: dict | None = None) -> dict:
    """protocol/port for a new traffic edge (the inspector changes them)."""
    if target_kind == "rds":
        engine = (target_props or {}).get("engine")
        return {"protocol": "tcp", "port": _DB_PORTS.get(str(engine), 3306)}
    if target_kind in _PORTS:
        protocol, port = _PORTS[target_kind]
        return {"protocol": protocol, "port": port}
    return {}
