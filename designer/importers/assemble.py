"""Turn a `Draft` into a `Design`: ids, containment, props, edges, inferred traffic, layout.

Containment follows the references the readers collected: a subnet sits in the AZ node of
(its VPC, its AZ), an instance or a database in its subnet, gateways, groups, load
balancers and Auto Scaling groups in their VPC, buckets and Elastic IPs in their Region,
records in their zone. Route tables become each associated subnet's `public` flag (a
0.0.0.0/0 route to the internet gateway) and `route` edges. Traffic the template implies
becomes `traffic` edges: load-balancer targets first, then security-group rules (a rule
admitting group A into group B is traffic from A's members to B's members; 0.0.0.0/0 into
a public-facing member is traffic from the internet; an on-premises CIDR is traffic from
the office). One edge per (source, target), the first rule's port.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from designer.exporters.naming import ascii_part
from designer.importers.draft import AzRef, Draft, DraftNode, Key
from designer.importers.report import ImportReport
from designer.layout import layout_missing_geometry
from designer.model import Design, Edge, Node, slug, unique_id

DEFAULT_REGION = "us-east-1"
IN_VPC = frozenset({"internet_gateway", "vpn_gateway", "security_group", "network_acl",
                    "load_balancer", "auto_scaling_group", "vpc_endpoint", "nat_gateway"})
IN_SUBNET = frozenset({"ec2", "rds", "nat_gateway", "vpc_endpoint", "ebs_volume"})
IN_REGION = frozenset({"elastic_ip", "s3_bucket", "glacier_vault"})
TOP_LEVEL = frozenset({"internet", "on_premises", "customer_gateway", "route53_zone",
                       "route53_record", "cloudfront"})
ALL = ("0.0.0.0/0", "::/0")


class _Assembler:
    def __init__(self, draft: Draft, report: ImportReport) -> None:
        self.draft = draft
        self.report = report
        self.taken: set[str] = set()
        self.ids: dict[str, str] = {}  # draft key → node id
        self.nodes: dict[str, Node] = {}  # node id → node (in creation order)
        self.edges: list[Edge] = []
        self.edge_pairs: set[tuple[str, str, str]] = set()
        self.region_ids: dict[str, str] = {}
        self.az_ids: dict[tuple[str | None, str, str], str] = {}
        self.default_region = draft.regions[0] if draft.regions else DEFAULT_REGION

    # ------------------------------------------------------------------ ids and nodes
    def new_id(self, label: str | None, key: str) -> str:
        name = key.rsplit(":", 1)[-1]
        name = name.split(".")[-1] if "." in name else name
        # PublicSubnetA → public-subnet-a (logical ids are CamelCase)
        name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).replace("_", "-")
        base = slug(ascii_part(label or ""), "") or slug(name)
        node_id = unique_id(base or "node", self.taken)
        self.taken.add(node_id)
        return node_id

    def add_node(self, node_id: str, kind: str, parent: str | None, label: str | None = None,
                 props: dict[str, Any] | None = None) -> str:
        self.nodes[node_id] = Node(id=node_id, kind=kind, parent=parent, label=label,
                                   props=props or {})
        return node_id

    def region(self, code: str) -> str:
        if code not in self.region_ids:
            node_id = unique_id(f"region-{code}", self.taken)
            self.taken.add(node_id)
            self.region_ids[code] = self.add_node(node_id, "region", None, code, {"code": code})
        return self.region_ids[code]

    def region_of(self, draft: DraftNode) -> str:
        if draft.region:
            return draft.region
        vpc = self.draft.nodes.get(draft.vpc or "")
        return (vpc.region if vpc and vpc.region else None) or self.default_region

    def settle_vpcs(self) -> None:
        """A resource's VPC from its subnet, its subnets or its security groups."""
        nodes = self.draft.nodes
        for node in nodes.values():
            if node.vpc in nodes or node.kind in ("vpc", *TOP_LEVEL, *IN_REGION):
                continue
            candidates = [node.subnet, *(node.props.get("subnets") or []),
                          *(node.props.get("security_groups") or [])]
            for key in candidates:
                other = nodes.get(key or "")
                if other is not None and other.vpc in nodes:
                    node.vpc = other.vpc
                    break

    def az(self, vpc_key: str | None, az: AzRef, region: str) -> str:
        name = az.resolved(region)
        key = (vpc_key, region, name)
        if key not in self.az_ids:
            parent = self.ids.get(vpc_key or "") or self.region(region)
            node_id = unique_id(f"az-{name}", self.taken)
            self.taken.add(node_id)
            self.az_ids[key] = self.add_node(node_id, "availability_zone", parent, f"AZ {name}",
                                             {"name": name})
        return self.az_ids[key]

    # ------------------------------------------------------------------ containment
    def parent_of(self, node: DraftNode) -> str | None:
        kind = node.kind
        region = self.region_of(node)
        if kind in TOP_LEVEL:
            return self.ids.get(node.parent or "")
        if kind == "vpc":
            return self.region(region)
        if kind == "subnet":
            if node.az is not None:
                return self.az(node.vpc if node.vpc in self.ids else None, node.az, region)
            return self.ids.get(node.vpc or "") or self.region(region)
        if kind in IN_SUBNET and node.subnet in self.ids:
            return self.ids[node.subnet or ""]
        if kind == "ebs_volume" and node.az is not None:
            name = node.az.resolved(region)
            found = next((i for (_v, r, n), i in self.az_ids.items() if r == region and n == name), None)
            return found or self.az(None, node.az, region)
        if kind in IN_VPC | IN_SUBNET and node.vpc in self.ids:
            return self.ids[node.vpc or ""]
        return self.region(region)

    def place(self) -> None:
        order = {"vpc": 0, "subnet": 1}
        on_prem = self._on_premises()
        drafts = sorted(self.draft.nodes.values(),
                        key=lambda n: (0 if n.kind in TOP_LEVEL else 1 + order.get(n.kind, 2)))
        for draft in drafts:
            self.ids[draft.key] = self.new_id(draft.label, draft.key)
        for draft in drafts:
            if draft.kind == "customer_gateway" and draft.key in on_prem:
                draft.parent = on_prem[draft.key]
            parent = self.parent_of(draft)
            self.add_node(self.ids[draft.key], draft.kind, parent, draft.label, draft.props)

    def _on_premises(self) -> dict[str, str]:
        """An on-premises network per customer gateway with static VPN routes."""
        out: dict[str, str] = {}
        for cgw, cidrs in self.draft.vpn_routes.items():
            if not cidrs or cgw not in self.draft.nodes:
                continue
            key = f"{cgw}#network"
            self.draft.nodes[key] = DraftNode(key, "on_premises", None, {"cidr": cidrs[0]})
            out[cgw] = key
            self.report.note(f"on-premises network {cidrs[0]} from the static routes of the VPN "
                             f"to customer gateway {cgw}")
        return out

    # ------------------------------------------------------------------ props
    def map_refs(self, value: Any, owner: str) -> Any:
        """Keys → node ids inside props; unknown keys are dropped with a warning."""
        if isinstance(value, Key):
            if value in self.ids:
                return self.ids[value]
            self.report.warn(f"{owner}: reference to {value}, which is not a modelled resource; "
                             f"dropped")
            return None
        if isinstance(value, list):
            out = [self.map_refs(v, owner) for v in value]
            return [v for v in out if v is not None]
        if isinstance(value, dict):
            mapped = {k: self.map_refs(v, owner) for k, v in value.items()}
            if isinstance(value.get("source"), Key) and mapped.get("source") is None:
                return None  # a rule whose peer is gone
            return {k: v for k, v in mapped.items() if v is not None or k not in ("source",)}
        return value

    def finish_props(self) -> None:
        for key in self.draft.nodes:
            node = self.nodes[self.ids[key]]
            props = {}
            for name, value in node.props.items():
                mapped = self.map_refs(value, key)
                if isinstance(value, list) and name in ("inbound", "outbound"):
                    mapped = [r for r in mapped if r is not None]
                props[name] = mapped
            node.props = props

    # ------------------------------------------------------------------ edges
    def add_edge(self, kind: str, source: str, target: str, props: dict[str, Any] | None = None,
                 label: str | None = None, unique_pair: bool = False) -> None:
        if source == target:
            return
        signature = (kind, source, target) if unique_pair else (kind, source, target + repr(props))
        if signature in self.edge_pairs:
            return
        self.edge_pairs.add(signature)
        if unique_pair:
            self.edge_pairs.add((kind, source, target + repr(props)))
        edge_id = unique_id(f"e{len(self.edges) + 1}", self.taken)
        self.taken.add(edge_id)
        self.edges.append(Edge(id=edge_id, kind=kind, source=source, target=target,
                               props=props or {}, label=label))

    def draft_edges(self) -> None:
        for edge in self.draft.edges:
            source, target = self.ids.get(edge.source), self.ids.get(edge.target)
            if source is None or target is None:
                self.report.warn(f"{edge.kind} from {edge.source} to {edge.target}: one end is not "
                                 f"a modelled resource; skipped")
                continue
            self.add_edge(edge.kind, source, target, edge.props, edge.label,
                          unique_pair=edge.kind == "traffic")

    def routes(self) -> None:
        for table in self.draft.route_tables.values():
            for subnet_key in table.subnets:
                subnet = self.nodes.get(self.ids.get(subnet_key, ""))
                if subnet is None or subnet.kind != "subnet":
                    continue
                subnet.props.setdefault("public", False)
                for cidr, target_key, via in table.routes:
                    self._route(subnet, cidr, target_key, via, subnet_key)
                for endpoint in table.endpoints:
                    if endpoint in self.ids:
                        self.add_edge("route", subnet.id, self.ids[endpoint])
        for key, draft in self.draft.nodes.items():
            if draft.kind == "subnet":
                self.nodes[self.ids[key]].props.setdefault("public", False)

    def _route(self, subnet: Node, cidr: str, target_key: str, via: str, subnet_key: str) -> None:
        if via == "peering":
            pair = self.draft.peerings.get(target_key)
            mine = self.draft.nodes[subnet_key].vpc
            if pair is None or mine not in pair:
                self.report.warn(f"route {cidr} of subnet {subnet_key}: peering {target_key} is "
                                 f"unknown or does not join its VPC; skipped")
                return
            target_key = pair[1] if pair[0] == mine else pair[0]
        target = self.ids.get(target_key)
        if target is None:
            self.report.warn(f"route {cidr} of subnet {subnet_key} to {target_key}: not a modelled "
                             f"gateway; skipped")
            return
        if via == "igw" and cidr == "0.0.0.0/0":
            subnet.props["public"] = True
            return
        self.add_edge("route", subnet.id, target, {"destination": cidr})

    def peerings(self) -> None:
        for requester, accepter in self.draft.peerings.values():
            if requester in self.ids and accepter in self.ids:
                self.add_edge("peering", self.ids[requester], self.ids[accepter])

    # ------------------------------------------------------------------ inferred traffic
    def inferred_traffic(self) -> None:
        members: dict[str, list[str]] = {}
        for node in self.nodes.values():
            for group in node.props.get("security_groups") or []:
                if isinstance(group, str):
                    members.setdefault(group, []).append(node.id)
        for group_id, inside in members.items():
            group = self.nodes.get(group_id)
            if group is None or group.kind != "security_group":
                continue
            for rule in group.props.get("inbound") or []:
                self._rule_traffic(rule, inside, members)
        for node in list(self.nodes.values()):
            if node.kind == "cloudfront":
                self.add_edge("traffic", self.internet(), node.id, {"protocol": "tcp", "port": 443},
                              unique_pair=True)

    def _rule_traffic(self, rule: dict[str, Any], inside: list[str],
                      members: dict[str, list[str]]) -> None:
        source = rule.get("source")
        props = {"protocol": rule.get("protocol", "-1")}
        if rule.get("port") is not None:
            props["port"] = rule["port"]
        if isinstance(source, str) and source in self.nodes:
            senders = members.get(source, [])
        elif source in ALL:
            senders = [self.internet()] if any(self._public(m) for m in inside) else []
            inside = [m for m in inside if self._public(m)]
        else:
            office = self._office_for(source)
            senders = [office] if office else []
        for sender in senders:
            for receiver in inside:
                self.add_edge("traffic", sender, receiver, dict(props), unique_pair=True)

    def _public(self, node_id: str) -> bool:
        node = self.nodes[node_id]
        if node.kind == "load_balancer":
            return node.props.get("scheme", "internet-facing") != "internal"
        if node.kind == "ec2":
            parent = self.nodes.get(node.parent or "")
            return node.props.get("public_ip") is True or bool(
                parent and parent.kind == "subnet" and parent.props.get("public") is True)
        return False

    def _office_for(self, cidr: Any) -> str | None:
        try:
            network = ipaddress.ip_network(str(cidr), strict=False)
        except ValueError:
            return None
        for node in self.nodes.values():
            if node.kind == "on_premises":
                try:
                    office = ipaddress.ip_network(str(node.props.get("cidr")), strict=False)
                except ValueError:
                    continue
                if network.version == office.version and network.subnet_of(office):  # type: ignore[arg-type]
                    return node.id
        return None

    def internet(self) -> str:
        for node in self.nodes.values():
            if node.kind == "internet":
                return node.id
        node_id = unique_id("internet", self.taken)
        self.taken.add(node_id)
        self.add_node(node_id, "internet", None, "Internet")
        return node_id

    # ------------------------------------------------------------------ the design
    def design(self) -> Design:
        ordered = self._parents_first()
        # Kept resources name the design resources they mention by node id from now on.
        kept = self.map_refs(self.draft.unmodelled, "a kept resource")
        extra = {"unmodelled": kept} if kept else None
        return Design(title=self.draft.title, nodes=ordered, edges=self.edges, extra=extra)

    def _parents_first(self) -> list[Node]:
        children: dict[str | None, list[Node]] = {}
        for node in self.nodes.values():
            children.setdefault(node.parent, []).append(node)
        out: list[Node] = []
        rank = {"internet": 0, "on_premises": 1, "customer_gateway": 2, "route53_zone": 3,
                "cloudfront": 4, "region": 9}
        stack = sorted(children.get(None, []), key=lambda n: rank.get(n.kind, 5), reverse=True)
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(_in_drawing_order(children.get(node.id, []))))
        return out


# The order a person draws a VPC's top band in: the way in first (gateway, load balancer,
# the servers behind it), then the rule-holders, which have no edges, at the end.
BAND_ORDER = {"internet_gateway": 0, "vpn_gateway": 1, "load_balancer": 2, "auto_scaling_group": 3,
              "nat_gateway": 4, "vpc_endpoint": 5, "security_group": 8, "network_acl": 9}


def _in_drawing_order(nodes: list[Node]) -> list[Node]:
    """Frames before resources; AZ columns in name order; the band in drawing order (stable)."""
    def key(node: Node) -> tuple[int, str, int]:
        if node.kind == "availability_zone":
            return (1, str(node.props.get("name", "")), 0)
        if node.kind == "subnet":
            return (2, "", 0)
        return (0 if node.kind == "vpc" else 3, "", BAND_ORDER.get(node.kind, 6))
    return sorted(nodes, key=key)


def build_design(draft: Draft, report: ImportReport) -> Design:
    """The design a draft describes, laid out (see the module docstring)."""
    a = _Assembler(draft, report)
    a.settle_vpcs()
    a.place()
    a.finish_props()
    a.draft_edges()
    a.routes()
    a.peerings()
    a.inferred_traffic()
    design = a.design()
    layout_missing_geometry(design)
    report.counts = {"nodes": design.node_count, "edges": design.edge_count,
                     "kept unmodelled": sum(len(v) for v in draft.unmodelled.values()
                                            if isinstance(v, dict))}
    return design
