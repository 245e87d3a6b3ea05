"""CloudFormation for the network: VPCs, subnets and their routing, gateways, endpoints,
VPN, peering, security groups and network ACLs. One function per kind: (template, node)."""

from __future__ import annotations

from typing import Any

from designer.exporters.cfn_template import CfnTemplate, ascii_description
from designer.exporters.derive import SgRule
from designer.exporters.values import (
    PROTOCOL_NUMBERS,
    as_bool,
    as_dicts,
    as_int,
    as_str,
    as_str_list,
    ip_protocol,
    ipv4_cidr,
    port_range,
)
from designer.model import Node

GATEWAY_SERVICES = ("s3", "dynamodb")


def vpc(t: CfnTemplate, node: Node) -> None:
    """The VPC, DNS support on, plus one VPCCidrBlock per secondary CIDR."""
    t.add(node.id, "", "AWS::EC2::VPC", {
        "CidrBlock": ipv4_cidr(node.props.get("cidr")),
        "EnableDnsSupport": True,
        "EnableDnsHostnames": True,
        "Tags": t.tags(node.id),
    })
    for i, cidr in enumerate(_secondary(node)):
        t.add(node.id, f"Cidr {i + 2}", "AWS::EC2::VPCCidrBlock",
              {"VpcId": t.ref(node.id), "CidrBlock": cidr})


def _secondary(node: Node) -> list[str]:
    raw = node.props.get("secondary_cidrs")
    return [c for c in (ipv4_cidr(v) for v in (raw if isinstance(raw, list) else [])) if c]


def subnet(t: CfnTemplate, node: Node) -> None:
    """The subnet, its own route table with its routes, and the association."""
    f = t.facts
    vpc_id = f.vpc[node.id]
    public = as_bool(node.props.get("public"))
    depends = [t.name(n.id, f"Cidr {i + 2}") for n in [f.node(vpc_id)] for i, _ in enumerate(_secondary(n))]
    t.add(node.id, "", "AWS::EC2::Subnet", {
        "VpcId": t.ref(vpc_id),
        "CidrBlock": ipv4_cidr(node.props.get("cidr")),
        "AvailabilityZone": t.az(node.id),
        "MapPublicIpOnLaunch": True if public else None,
        "Tags": t.tags(node.id),
    }, depends_on=depends)
    t.add(node.id, "Route Table", "AWS::EC2::RouteTable",
          {"VpcId": t.ref(vpc_id), "Tags": t.tags(node.id)})
    table = t.ref(node.id, "Route Table")
    for i, route in enumerate(f.routes.get(node.id, [])):
        props: dict[str, Any] = {"RouteTableId": table, "DestinationCidrBlock": route.destination}
        depends_on: list[str] = []
        if route.via == "igw":
            props["GatewayId"] = t.ref(route.target)
            depends_on.append(t.name(route.target, "Attachment"))
        elif route.via == "vgw":
            props["GatewayId"] = t.ref(route.target)
            depends_on.append(t.name(route.target, "Attachment"))
        elif route.via == "nat":
            props["NatGatewayId"] = t.ref(route.target)
        else:
            props["VpcPeeringConnectionId"] = t.ref(route.target)
        t.add(node.id, f"Route {i + 1}", "AWS::EC2::Route", props,
              depends_on=depends_on)
    t.add(node.id, "Route Table Association", "AWS::EC2::SubnetRouteTableAssociation",
          {"SubnetId": t.ref(node.id), "RouteTableId": table})


def internet_gateway(t: CfnTemplate, node: Node) -> None:
    """The IGW and its VPC attachment."""
    t.add(node.id, "", "AWS::EC2::InternetGateway", {"Tags": t.tags(node.id)})
    if node.id in t.facts.igw_vpc:
        t.add(node.id, "Attachment", "AWS::EC2::VPCGatewayAttachment",
              {"VpcId": t.ref(t.facts.igw_vpc[node.id]), "InternetGatewayId": t.ref(node.id)})


def vpn_gateway(t: CfnTemplate, node: Node) -> None:
    """The virtual private gateway and its VPC attachment."""
    t.add(node.id, "", "AWS::EC2::VPNGateway", {"Type": "ipsec.1", "Tags": t.tags(node.id)})
    t.add(node.id, "Attachment", "AWS::EC2::VPCGatewayAttachment",
          {"VpcId": t.ref(t.facts.vgw_vpc[node.id]), "VpnGatewayId": t.ref(node.id)})
    for vpn in t.facts.vpns:
        if vpn.vpn_gateway == node.id:
            _vpn_connection(t, vpn.key, vpn.customer_gateway, node.id, vpn.cidr)


def _vpn_connection(t: CfnTemplate, key: str, cgw: str, vgw: str, cidr: str | None) -> None:
    t.add(key, "VPN Connection", "AWS::EC2::VPNConnection", {
        "Type": "ipsec.1", "StaticRoutesOnly": True, "CustomerGatewayId": t.ref(cgw),
        "VpnGatewayId": t.ref(vgw), "Tags": t.tags(cgw),
    })
    if cidr:
        t.add(key, "VPN Route", "AWS::EC2::VPNConnectionRoute",
              {"DestinationCidrBlock": cidr, "VpnConnectionId": t.ref(key, "VPN Connection")})


def customer_gateway(t: CfnTemplate, node: Node) -> None:
    """The customer gateway (static routing; the BGP ASN is required but unused)."""
    ip = as_str(node.props.get("ip"), "203.0.113.10") or "203.0.113.10"
    t.add(node.id, "", "AWS::EC2::CustomerGateway",
          {"Type": "ipsec.1", "BgpAsn": 65000, "IpAddress": ip, "Tags": t.tags(node.id)})


def peerings(t: CfnTemplate) -> None:
    """Peering connections whose requester VPC is in this Region (same account, auto-accepted)."""
    for peering in t.facts.peerings:
        if not t.local(peering.requester):
            continue
        props: dict[str, Any] = {"VpcId": t.ref(peering.requester), "PeerVpcId": t.ref(peering.accepter),
                                 "Tags": t.tags(peering.requester)}
        if not t.local(peering.accepter):
            props["PeerRegion"] = t.facts.region[peering.accepter]
        t.add(peering.key, "", "AWS::EC2::VPCPeeringConnection", props)


def nat_gateway(t: CfnTemplate, node: Node) -> None:
    """A NAT gateway: public ones take the attached EIP's allocation (or a new EIP)."""
    f = t.facts
    regional = as_str(node.props.get("mode"), "zonal") == "regional"
    props: dict[str, Any] = {"Tags": t.tags(node.id)}
    if regional:
        props.update(AvailabilityMode="regional", VpcId=t.ref(f.vpc[node.id]))
    else:
        props["SubnetId"] = t.ref(f.subnet[node.id])
    if node.id in f.nat_eip:
        if not regional:
            eip = f.nat_eip[node.id]
            if eip is None:
                t.add(node.id, "EIP", "AWS::EC2::EIP", {"Domain": "vpc", "Tags": t.tags(node.id)})
                props["AllocationId"] = t.att(node.id, "AllocationId", "EIP")
            else:
                props["AllocationId"] = t.att(eip, "AllocationId")
    else:
        props["ConnectivityType"] = "private"
    t.add(node.id, "", "AWS::EC2::NatGateway", props)


def elastic_ip(t: CfnTemplate, node: Node) -> None:
    """An EIP, associated with its instance when an attach edge says so."""
    instance = t.facts.eip_instance.get(node.id)
    t.add(node.id, "", "AWS::EC2::EIP", {
        "Domain": "vpc", "InstanceId": t.ref(instance) if instance else None, "Tags": t.tags(node.id),
    })


def vpc_endpoint(t: CfnTemplate, node: Node) -> None:
    """Gateway endpoints list the route tables of subnets that route to them; interface
    endpoints sit in subnets with security groups."""
    f = t.facts
    service = as_str(node.props.get("service"), "s3") or "s3"
    interface = as_str(node.props.get("endpoint_type"), "gateway") == "interface"
    if not interface and service not in GATEWAY_SERVICES:
        t.notes.append(f'vpc endpoint "{node.id}": {service} has no gateway endpoint; exported as interface')
        interface = True
    # Join, never Sub: the service is user text and must not be read as a template string.
    name = service if service.startswith("com.amazonaws.") else \
        {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".", service]]}
    props: dict[str, Any] = {"VpcId": t.ref(f.vpc[node.id]), "ServiceName": name}
    if interface:
        subnets = f.subnet_refs.get(node.id) or []
        props.update(VpcEndpointType="Interface", PrivateDnsEnabled=as_bool(node.props.get("private_dns"), True),
                     SubnetIds=[t.ref(s) for s in subnets] or None,
                     SecurityGroupIds=[t.ref(s) for s in f.sg_refs.get(node.id, [])] or None)
    else:
        props.update(VpcEndpointType="Gateway",
                     RouteTableIds=[t.ref(s, "Route Table") for s in f.endpoint_subnets.get(node.id, [])])
    t.add(node.id, "", "AWS::EC2::VPCEndpoint", props)


def security_group(t: CfnTemplate, node: Node) -> None:
    """The group with its CIDR rules inline; rules naming another group are separate
    SecurityGroupIngress/Egress resources so that groups citing each other make no cycle."""
    rules = t.facts.sg_rules.get(node.id, [])
    inline = {False: [], True: []}
    for i, rule in enumerate(rules):
        if rule.sg is not None:
            role = f"{'Egress' if rule.egress else 'Ingress'} {i + 1}"
            rtype = "AWS::EC2::SecurityGroupEgress" if rule.egress else "AWS::EC2::SecurityGroupIngress"
            props = {"GroupId": t.ref(node.id), **_rule(t, rule)}
            t.add(node.id, role, rtype, props)
        else:
            inline[rule.egress].append(_rule(t, rule))
    if node.props.get("outbound") is not None and not rules_with_egress(rules):
        # An explicit empty outbound list: the documented way to remove AWS's allow-all egress.
        inline[True].append({"IpProtocol": "-1", "CidrIp": "127.0.0.1/32",
                             "Description": "no outbound traffic"})
    t.add(node.id, "", "AWS::EC2::SecurityGroup", {
        "GroupDescription": ascii_description(node.label, f"Security group {node.id}"),
        "VpcId": t.ref(t.facts.vpc[node.id]),
        "SecurityGroupIngress": inline[False] or None,
        "SecurityGroupEgress": inline[True] or None,
        "Tags": t.tags(node.id),
    })


def rules_with_egress(rules: list[SgRule]) -> bool:
    return any(r.egress for r in rules)


def _rule(t: CfnTemplate, rule: SgRule) -> dict[str, Any]:
    out: dict[str, Any] = {"IpProtocol": rule.protocol}
    if rule.from_port is not None:
        out["FromPort"] = rule.from_port
        out["ToPort"] = rule.to_port
    peer_key = "DestinationSecurityGroupId" if rule.egress else "SourceSecurityGroupId"
    if rule.cidr4:
        out["CidrIp"] = rule.cidr4
    elif rule.cidr6:
        out["CidrIpv6"] = rule.cidr6
    elif rule.sg:
        out[peer_key] = t.ref(rule.sg)
    elif rule.sg_literal:
        out[peer_key] = rule.sg_literal
    elif rule.prefix_list:
        out["DestinationPrefixListId" if rule.egress else "SourcePrefixListId"] = rule.prefix_list
    if rule.description:
        out["Description"] = ascii_description(rule.description, "rule")
    return out


def network_acl(t: CfnTemplate, node: Node) -> None:
    """The NACL, one entry per valid rule, and its subnet associations."""
    f = t.facts
    t.add(node.id, "", "AWS::EC2::NetworkAcl", {"VpcId": t.ref(f.vpc[node.id]), "Tags": t.tags(node.id)})
    for entry in nacl_entries(node, t.notes):
        props: dict[str, Any] = {
            "NetworkAclId": t.ref(node.id), "RuleNumber": entry["number"],
            "Protocol": entry["protocol"], "RuleAction": entry["action"],
            "Egress": entry["egress"], "CidrBlock": entry["cidr"],
        }
        if entry["ports"]:
            props["PortRange"] = {"From": entry["ports"][0], "To": entry["ports"][1]}
        if entry["protocol"] == 1:
            props["Icmp"] = {"Code": -1, "Type": -1}
        t.add(node.id, f"{'Egress' if entry['egress'] else 'Ingress'} {entry['number']}",
              "AWS::EC2::NetworkAclEntry", props)
    for subnet_id in nacl_subnets(t, node):
        t.add(node.id, f"Association {subnet_id}", "AWS::EC2::SubnetNetworkAclAssociation",
              {"SubnetId": t.ref(subnet_id), "NetworkAclId": t.ref(node.id)})


def nacl_subnets(t: Any, node: Node) -> list[str]:
    """The NACL's subnets that are exported subnets of its own VPC (shared with Terraform)."""
    f = t.facts
    out = []
    for ref in as_str_list(node.props.get("subnets")):
        if f.vpc.get(ref) == f.vpc.get(node.id) and f.kind(ref) == "subnet" and ref not in out:
            out.append(ref)
    return out


def nacl_entries(node: Node, notes: list[str]) -> list[dict[str, Any]]:
    """The NACL's rules, validated: number 1–32766 (unique per direction), protocol, CIDR,
    ports (for tcp/udp) and action; anything else is skipped with a note."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[bool, int]] = set()
    for i, rule in enumerate(as_dicts(node.props.get("rules"))):
        where = f'network ACL "{node.id}" rule {i + 1}'
        egress = as_str(rule.get("direction"), "inbound").lower() in ("outbound", "egress", "out")
        number = as_int(rule.get("number"))
        protocol = ip_protocol(rule.get("protocol"))
        cidr = ipv4_cidr(rule.get("cidr") or rule.get("source"))
        action = as_str(rule.get("action"), "allow").lower()
        try:
            ports = port_range(rule.get("port"))
        except ValueError as exc:
            notes.append(f"{where}: {exc}; skipped")
            continue
        if number is None or not 1 <= number <= 32766 or (egress, number) in seen:
            notes.append(f"{where}: rule number missing, out of 1–32766 or repeated; skipped")
            continue
        if protocol is None or cidr is None or action not in ("allow", "deny"):
            notes.append(f"{where}: protocol, CIDR or action is not valid; skipped")
            continue
        seen.add((egress, number))
        number_proto = PROTOCOL_NUMBERS[protocol]
        if number_proto in (6, 17):
            ports = ports or (0, 65535)
        else:
            ports = None
        out.append({"number": number, "egress": egress, "protocol": number_proto,
                    "cidr": cidr, "action": action, "ports": ports})
    return out
