"""Terraform for the network: VPCs, subnets and routing, gateways, endpoints, VPN, peering,
security groups and network ACLs. One function per kind: (config, node)."""

from __future__ import annotations

from typing import Any

from designer.exporters.cfn_network import GATEWAY_SERVICES, nacl_entries, nacl_subnets
from designer.exporters.cfn_template import ascii_description
from designer.exporters.derive import SgRule
from designer.exporters.hcl import Expr, blocks
from designer.exporters.tf_config import TfConfig
from designer.exporters.values import as_bool, as_str, ipv4_cidr
from designer.model import Node


def vpc(c: TfConfig, node: Node) -> None:
    """The VPC, DNS on, plus a CIDR association per secondary CIDR."""
    c.add("aws_vpc", node.id, "", {
        "cidr_block": ipv4_cidr(node.props.get("cidr")),
        "enable_dns_support": True,
        "enable_dns_hostnames": True,
        "tags": c.tags(node.id),
    })
    raw = node.props.get("secondary_cidrs")
    for i, cidr in enumerate(x for x in (ipv4_cidr(v) for v in (raw if isinstance(raw, list) else [])) if x):
        c.add("aws_vpc_ipv4_cidr_block_association", node.id, f"cidr {i + 2}",
              {"vpc_id": c.ref("aws_vpc", node.id), "cidr_block": cidr})


def subnet(c: TfConfig, node: Node) -> None:
    """The subnet, its own route table with routes, and the association."""
    f = c.facts
    vpc_id = f.vpc[node.id]
    c.add("aws_subnet", node.id, "", {
        "vpc_id": c.ref("aws_vpc", vpc_id),
        "cidr_block": ipv4_cidr(node.props.get("cidr")),
        "availability_zone": c.az(node.id),
        "map_public_ip_on_launch": True if as_bool(node.props.get("public")) else None,
        "tags": c.tags(node.id),
    })
    c.add("aws_route_table", node.id, "route table",
          {"vpc_id": c.ref("aws_vpc", vpc_id), "tags": c.tags(node.id)})
    table = c.ref("aws_route_table", node.id, role="route table")
    for i, route in enumerate(f.routes.get(node.id, [])):
        attributes: dict[str, Any] = {"route_table_id": table, "destination_cidr_block": route.destination}
        if route.via == "igw":
            attributes["gateway_id"] = c.ref("aws_internet_gateway", route.target)
        elif route.via == "vgw":
            attributes["gateway_id"] = c.ref("aws_vpn_gateway", route.target)
        elif route.via == "nat":
            attributes["nat_gateway_id"] = c.ref("aws_nat_gateway", route.target)
        else:
            attributes["vpc_peering_connection_id"] = c.ref("aws_vpc_peering_connection", route.target)
        c.add("aws_route", node.id, f"route {i + 1}", attributes)
    c.add("aws_route_table_association", node.id, "route table association",
          {"subnet_id": c.ref("aws_subnet", node.id), "route_table_id": table})


def internet_gateway(c: TfConfig, node: Node) -> None:
    """The IGW, attached to its VPC (vpc_id on the gateway is the attachment)."""
    vpc_id = c.facts.igw_vpc.get(node.id)
    c.add("aws_internet_gateway", node.id, "", {
        "vpc_id": c.ref("aws_vpc", vpc_id) if vpc_id else None, "tags": c.tags(node.id)})


def vpn_gateway(c: TfConfig, node: Node) -> None:
    """The VGW attached to its VPC, and the VPN connections that end at it."""
    c.add("aws_vpn_gateway", node.id, "", {
        "vpc_id": c.ref("aws_vpc", c.facts.vgw_vpc[node.id]), "tags": c.tags(node.id)})
    for vpn in c.facts.vpns:
        if vpn.vpn_gateway != node.id:
            continue
        c.add("aws_vpn_connection", vpn.key, "vpn connection", {
            "customer_gateway_id": c.ref("aws_customer_gateway", vpn.customer_gateway),
            "vpn_gateway_id": c.ref("aws_vpn_gateway", node.id),
            "type": "ipsec.1", "static_routes_only": True, "tags": c.tags(vpn.customer_gateway)})
        if vpn.cidr:
            c.add("aws_vpn_connection_route", vpn.key, "vpn route", {
                "destination_cidr_block": vpn.cidr,
                "vpn_connection_id": c.ref("aws_vpn_connection", vpn.key, role="vpn connection")})


def customer_gateway(c: TfConfig, node: Node) -> None:
    """The customer gateway (static routing; the BGP ASN is required but unused)."""
    c.add("aws_customer_gateway", node.id, "", {
        "bgp_asn": "65000", "ip_address": as_str(node.props.get("ip"), "203.0.113.10") or "203.0.113.10",
        "type": "ipsec.1", "tags": c.tags(node.id)})


def peerings(c: TfConfig) -> None:
    """Peering connections (auto-accepted in one Region, an accepter across Regions)."""
    f = c.facts
    for peering in f.peerings:
        same = f.same_region(peering.requester, peering.accepter)
        c.add("aws_vpc_peering_connection", peering.key, "", {
            "vpc_id": c.ref("aws_vpc", peering.requester),
            "peer_vpc_id": c.ref("aws_vpc", peering.accepter),
            "peer_region": None if same else f.region[peering.accepter],
            "auto_accept": True if same else None,
            "tags": c.tags(peering.requester),
        }, region=f.region[peering.requester])
        if not same:
            c.add("aws_vpc_peering_connection_accepter", peering.key, "accepter", {
                "vpc_peering_connection_id": c.ref("aws_vpc_peering_connection", peering.key),
                "auto_accept": True, "tags": c.tags(peering.accepter),
            }, region=f.region[peering.accepter])


def nat_gateway(c: TfConfig, node: Node) -> None:
    """A NAT gateway; a public one takes the attached EIP (or a new one)."""
    f = c.facts
    regional = as_str(node.props.get("mode"), "zonal") == "regional"
    attributes: dict[str, Any] = {}
    if regional:
        attributes.update(availability_mode="regional", vpc_id=c.ref("aws_vpc", f.vpc[node.id]))
    else:
        attributes["subnet_id"] = c.ref("aws_subnet", f.subnet[node.id])
    if node.id in f.nat_eip:
        eip = f.nat_eip[node.id]
        if not regional and eip is None:
            c.add("aws_eip", node.id, "eip", {"domain": "vpc", "tags": c.tags(node.id)})
            attributes["allocation_id"] = c.ref("aws_eip", node.id, "allocation_id", role="eip")
        elif not regional:
            attributes["allocation_id"] = c.ref("aws_eip", eip, "allocation_id")
        igw = f.vpc_igw(f.vpc[node.id])
        if igw:
            attributes["depends_on"] = [Expr(f"aws_internet_gateway.{c.name(igw)}")]
    else:
        attributes["connectivity_type"] = "private"
    attributes["tags"] = c.tags(node.id)
    c.add("aws_nat_gateway", node.id, "", attributes)


def elastic_ip(c: TfConfig, node: Node) -> None:
    """An EIP, on its instance when an attach edge says so."""
    instance = c.facts.eip_instance.get(node.id)
    c.add("aws_eip", node.id, "", {
        "domain": "vpc", "instance": c.ref("aws_instance", instance) if instance else None,
        "tags": c.tags(node.id)})


def vpc_endpoint(c: TfConfig, node: Node) -> None:
    """Gateway endpoints take route tables; interface endpoints subnets and groups."""
    f = c.facts
    service = as_str(node.props.get("service"), "s3") or "s3"
    interface = as_str(node.props.get("endpoint_type"), "gateway") == "interface"
    if not interface and service not in GATEWAY_SERVICES:
        c.notes.append(f'vpc endpoint "{node.id}": {service} has no gateway endpoint; exported as interface')
        interface = True
    code = f.region[node.id]
    attributes: dict[str, Any] = {
        "vpc_id": c.ref("aws_vpc", f.vpc[node.id]),
        "service_name": service if service.startswith("com.amazonaws.") else f"com.amazonaws.{code}.{service}",
    }
    if interface:
        attributes.update(
            vpc_endpoint_type="Interface", private_dns_enabled=as_bool(node.props.get("private_dns"), True),
            subnet_ids=[c.ref("aws_subnet", s) for s in f.subnet_refs.get(node.id, [])] or None,
            security_group_ids=[c.ref("aws_security_group", g) for g in f.sg_refs.get(node.id, [])] or None)
    else:
        attributes.update(vpc_endpoint_type="Gateway", route_table_ids=[
            c.ref("aws_route_table", s, role="route table") for s in f.endpoint_subnets.get(node.id, [])])
    attributes["tags"] = c.tags(node.id)
    c.add("aws_vpc_endpoint", node.id, "", attributes)


def security_group(c: TfConfig, node: Node) -> None:
    """The group and one aws_vpc_security_group_{ingress,egress}_rule per rule (no cycles;
    Terraform removes AWS's default egress, so "allow all outbound" is an explicit rule)."""
    c.add("aws_security_group", node.id, "", {
        "description": ascii_description(node.label, f"Security group {node.id}"),
        "vpc_id": c.ref("aws_vpc", c.facts.vpc[node.id]),
        "tags": c.tags(node.id),
    })
    for i, rule in enumerate(c.facts.sg_rules.get(node.id, [])):
        rtype = "aws_vpc_security_group_egress_rule" if rule.egress else "aws_vpc_security_group_ingress_rule"
        c.add(rtype, node.id, f"{'egress' if rule.egress else 'ingress'} {i + 1}", {
            "security_group_id": c.ref("aws_security_group", node.id), **_rule(c, rule)})


def _rule(c: TfConfig, rule: SgRule) -> dict[str, Any]:
    return {
        "ip_protocol": rule.protocol,
        "from_port": rule.from_port, "to_port": rule.to_port,
        "cidr_ipv4": rule.cidr4, "cidr_ipv6": rule.cidr6,
        "referenced_security_group_id": c.ref("aws_security_group", rule.sg) if rule.sg else rule.sg_literal,
        "prefix_list_id": rule.prefix_list,
        "description": ascii_description(rule.description, "rule") if rule.description else None,
    }


def network_acl(c: TfConfig, node: Node) -> None:
    """The NACL, one aws_network_acl_rule per valid rule, and its subnet associations."""
    c.add("aws_network_acl", node.id, "", {
        "vpc_id": c.ref("aws_vpc", c.facts.vpc[node.id]), "tags": c.tags(node.id)})
    for entry in nacl_entries(node, c.notes):
        icmp = entry["protocol"] == 1
        c.add("aws_network_acl_rule", node.id, f"{'egress' if entry['egress'] else 'ingress'} {entry['number']}", {
            "network_acl_id": c.ref("aws_network_acl", node.id),
            "rule_number": entry["number"], "egress": entry["egress"],
            "protocol": str(entry["protocol"]), "rule_action": entry["action"],
            "cidr_block": entry["cidr"],
            "from_port": entry["ports"][0] if entry["ports"] else None,
            "to_port": entry["ports"][1] if entry["ports"] else None,
            "icmp_type": -1 if icmp else None, "icmp_code": -1 if icmp else None,
        })
    for subnet_id in nacl_subnets(c, node):
        c.add("aws_network_acl_association", node.id, f"association {subnet_id}", {
            "network_acl_id": c.ref("aws_network_acl", node.id),
            "subnet_id": c.ref("aws_subnet", subnet_id)})


__all__ = ["blocks"]
