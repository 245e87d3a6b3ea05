"""Terraform resource types → draft nodes and relations: the inverse of the exporter's
`tf_network` / `tf_services`, plus the common older forms (inline rules and routes,
`aws_security_group_rule`, inline bucket settings). One function per type:
(reader, address, attributes), attributes evaluated (resources are `ResRef`s)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from designer.importers.cfn_values import AzIndex, ResRef
from designer.importers.common import (
    as_bool,
    as_int,
    certificate_region,
    lifecycle_from_rules,
    port_of,
    protocol_name,
    service_of,
    sg_rule,
)
from designer.importers.draft import AzRef, Key

if TYPE_CHECKING:
    from designer.importers.terraform import TfReader

Handler = Callable[["TfReader", str, dict[str, Any]], None]


def _ref(value: Any) -> str | None:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value.logical_id if isinstance(value, ResRef) else None


def _refs(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, list):
            out += _refs(item)
        elif isinstance(item, ResRef):
            out.append(item.logical_id)
    return out


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _block(value: Any) -> dict[str, Any]:
    """The first nested block (python-hcl2 gives blocks as lists of dicts)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return value if isinstance(value, dict) else {}


def _blocks(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _az(value: Any) -> AzRef | None:
    if isinstance(value, AzIndex):
        return AzRef(index=value.index)
    if isinstance(value, str) and value:
        return AzRef(name=value)
    return None


# ---------------------------------------------------------------------- network
def vpc(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.node(a, "vpc", p, cidr=r.text(p.get("cidr_block"), a, "cidr_block"))


def vpc_cidr_association(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = r.modelled(_ref(p.get("vpc_id")), "vpc")
    if owner and isinstance(p.get("cidr_block"), str):
        owner.props.setdefault("secondary_cidrs", []).append(p["cidr_block"])
        r.absorbed(a, owner.key, f"cidr {len(owner.props['secondary_cidrs']) + 1}")
    else:
        r.keep(a, "a CIDR association the importer cannot tie to a VPC")


def subnet(r: TfReader, a: str, p: dict[str, Any]) -> None:
    node = r.node(a, "subnet", p, cidr=r.text(p.get("cidr_block"), a, "cidr_block"))
    node.vpc = _ref(p.get("vpc_id"))
    node.az = _az(p.get("availability_zone"))
    if node.az is None:
        r.warn(a, "no Availability Zone the configuration fixes; the subnet is drawn in its VPC")


def route_table(r: TfReader, a: str, p: dict[str, Any]) -> None:
    table = r.draft.table(a)
    table.vpc = _ref(p.get("vpc_id"))
    for item in _blocks(p.get("route")):
        _add_route(r, a, item.get("cidr_block") or item.get("ipv6_cidr_block"), item)
    r.understood(a)


def _add_route(r: TfReader, table: str, cidr: Any, p: dict[str, Any]) -> bool:
    if not isinstance(cidr, str):
        return False
    for attribute, via in (("nat_gateway_id", "nat"), ("vpc_peering_connection_id", "peering"),
                           ("gateway_id", "gateway")):
        target = _ref(p.get(attribute))
        if target:
            if via == "gateway":
                via = "vgw" if r.kind(target) == "vpn_gateway" else "igw"
            r.draft.table(table).routes.append((cidr, target, via))
            return True
    return False


def route(r: TfReader, a: str, p: dict[str, Any]) -> None:
    table = _ref(p.get("route_table_id"))
    if table and _add_route(r, table, p.get("destination_cidr_block"), p):
        r.absorbed(a, None, "")
    else:
        r.keep(a, "a route to a target the designer does not model (transit gateway, instance…)")


def route_table_association(r: TfReader, a: str, p: dict[str, Any]) -> None:
    table, sub = _ref(p.get("route_table_id")), _ref(p.get("subnet_id"))
    if table and sub:
        r.draft.table(table).subnets.append(sub)
        r.absorbed(a, sub, "route table association")
    else:
        r.keep(a, "an association the importer cannot tie to a subnet and a route table")


def internet_gateway(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.node(a, "internet_gateway", p).vpc = _ref(p.get("vpc_id"))


def vpn_gateway(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.node(a, "vpn_gateway", p).vpc = _ref(p.get("vpc_id"))


def gateway_attachment(r: TfReader, a: str, p: dict[str, Any]) -> None:
    gateway = r.modelled(_ref(p.get("internet_gateway_id")) or _ref(p.get("vpn_gateway_id")))
    vpc_key = _ref(p.get("vpc_id"))
    if gateway is None or vpc_key is None:
        r.keep(a, "an attachment the importer cannot tie to a gateway and a VPC")
        return
    gateway.vpc = vpc_key
    r.absorbed(a, None, "")


def customer_gateway(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.node(a, "customer_gateway", p, ip=_str(p.get("ip_address")))


def vpn_connection(r: TfReader, a: str, p: dict[str, Any]) -> None:
    cgw, vgw = _ref(p.get("customer_gateway_id")), _ref(p.get("vpn_gateway_id"))
    if r.kind(cgw) != "customer_gateway" or r.kind(vgw) != "vpn_gateway":
        r.keep(a, "a VPN connection that does not join a customer and a virtual private gateway")
        return
    r.draft.edge("vpn", cgw, vgw)
    r.vpn_cgw[a] = cgw or ""
    r.absorbed(a, cgw, "vpn connection")


def vpn_connection_route(r: TfReader, a: str, p: dict[str, Any]) -> None:
    cgw = r.vpn_cgw.get(_ref(p.get("vpn_connection_id")) or "")
    if cgw and isinstance(p.get("destination_cidr_block"), str):
        r.draft.vpn_routes.setdefault(cgw, []).append(p["destination_cidr_block"])
        r.absorbed(a, cgw, "vpn route")
    else:
        r.keep(a, "a VPN route the importer cannot tie to a VPN connection")


def peering(r: TfReader, a: str, p: dict[str, Any]) -> None:
    mine, peer = _ref(p.get("vpc_id")), _ref(p.get("peer_vpc_id"))
    if r.kind(mine) == "vpc" and r.kind(peer) == "vpc":
        r.draft.peerings[a] = (mine or "", peer or "")
        r.absorbed(a, None, "")
    else:
        r.keep(a, "a peering with a VPC outside this configuration")


def peering_accepter(r: TfReader, a: str, p: dict[str, Any]) -> None:
    if _ref(p.get("vpc_peering_connection_id")) in r.draft.peerings:
        r.absorbed(a, None, "")
    else:
        r.keep(a, "the accepter of a peering outside this configuration")


def nat_gateway(r: TfReader, a: str, p: dict[str, Any]) -> None:
    private = str(p.get("connectivity_type", "public")).lower() == "private"
    regional = str(p.get("availability_mode", "zonal")).lower() == "regional"
    node = r.node(a, "nat_gateway", p, connectivity="private" if private else "public",
                  mode="regional" if regional else "zonal")
    node.subnet, node.vpc = _ref(p.get("subnet_id")), _ref(p.get("vpc_id"))
    eip = _ref(p.get("allocation_id"))
    if eip:
        r.draft.edge("attach", eip, a)


def elastic_ip(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.node(a, "elastic_ip", p)
    if _ref(p.get("instance")):
        r.draft.edge("attach", a, _ref(p.get("instance")))


def eip_association(r: TfReader, a: str, p: dict[str, Any]) -> None:
    eip, instance = _ref(p.get("allocation_id")), _ref(p.get("instance_id"))
    if r.kind(eip) == "elastic_ip" and instance:
        r.draft.edge("attach", eip, instance)
        r.absorbed(a, None, "")
    else:
        r.keep(a, "an EIP association with an address or instance outside the configuration")


def vpc_endpoint(r: TfReader, a: str, p: dict[str, Any]) -> None:
    interface = str(p.get("vpc_endpoint_type", "Gateway")).lower() == "interface"
    node = r.node(a, "vpc_endpoint", p, service=service_of(p.get("service_name"), r.region_of(a)),
                  endpoint_type="interface" if interface else "gateway",
                  security_groups=[Key(k) for k in _refs(p.get("security_group_ids"))] or None)
    node.vpc = _ref(p.get("vpc_id"))
    subnets = _refs(p.get("subnet_ids"))
    if interface and len(subnets) == 1:
        node.subnet = subnets[0]
    for table in _refs(p.get("route_table_ids")):
        r.draft.table(table).endpoints.append(a)


def endpoint_route_table(r: TfReader, a: str, p: dict[str, Any]) -> None:
    endpoint, table = _ref(p.get("vpc_endpoint_id")), _ref(p.get("route_table_id"))
    if r.kind(endpoint) == "vpc_endpoint" and table:
        r.draft.table(table).endpoints.append(endpoint or "")
        r.absorbed(a, None, "")
    else:
        r.keep(a, "an endpoint association the importer cannot tie to the design")


def security_group(r: TfReader, a: str, p: dict[str, Any]) -> None:
    node = r.node(a, "security_group", p, inbound=[])
    node.vpc = _ref(p.get("vpc_id"))
    for block in _blocks(p.get("ingress")):
        for rule in _inline_rules(block, a):
            r.add_rule(node, rule, egress=False)
    egress = _blocks(p.get("egress"))
    if egress:
        node.props["outbound"] = []
        for block in egress:
            for rule in _inline_rules(block, a):
                r.add_rule(node, rule, egress=True)


def _inline_rules(p: dict[str, Any], own: str) -> list[dict[str, Any]]:
    """Designer rules from an inline block or aws_security_group_rule (one per peer)."""
    peers: list[Any] = [c for c in (p.get("cidr_blocks") or []) if isinstance(c, str)]
    peers += [c for c in (p.get("ipv6_cidr_blocks") or []) if isinstance(c, str)]
    peers += [Key(k) for k in _refs(p.get("security_groups"))]
    peers += [Key(k) for k in _refs(p.get("source_security_group_id"))]
    peers += [c for c in (p.get("prefix_list_ids") or []) if isinstance(c, str)]
    if p.get("self") is True:
        peers.append(Key(own))
    out = []
    for peer in peers:
        rule = sg_rule(p.get("protocol"), p.get("from_port"), p.get("to_port"), peer, p.get("description"))
        if rule:
            out.append(rule)
    return out


def vpc_sg_rule(r: TfReader, a: str, p: dict[str, Any], egress: bool = False) -> None:
    group = r.modelled(_ref(p.get("security_group_id")), "security_group")
    if group is None:
        r.keep(a, "a rule of a security group outside this configuration")
        return
    ref = _ref(p.get("referenced_security_group_id"))
    peer = p.get("cidr_ipv4") or p.get("cidr_ipv6") or (Key(ref) if ref else None) or \
        _str(p.get("referenced_security_group_id")) or p.get("prefix_list_id")
    rule = sg_rule(p.get("ip_protocol"), p.get("from_port"), p.get("to_port"), peer, p.get("description"))
    if rule is None:
        r.warn(a, "a rule without a CIDR or group is not drawn")
    else:
        if egress:
            group.props.setdefault("outbound", [])
        r.add_rule(group, rule, egress)
    count = len(group.props.get("outbound" if egress else "inbound", []))
    r.absorbed(a, group.key, f"{'egress' if egress else 'ingress'} {count}")


def vpc_sg_egress(r: TfReader, a: str, p: dict[str, Any]) -> None:
    vpc_sg_rule(r, a, p, egress=True)


def security_group_rule(r: TfReader, a: str, p: dict[str, Any]) -> None:
    group = r.modelled(_ref(p.get("security_group_id")), "security_group")
    if group is None:
        r.keep(a, "a rule of a security group outside this configuration")
        return
    egress = str(p.get("type", "ingress")).lower() == "egress"
    if egress:
        group.props.setdefault("outbound", [])
    for rule in _inline_rules(p, group.key):
        r.add_rule(group, rule, egress)
    r.absorbed(a, None, "")


def network_acl(r: TfReader, a: str, p: dict[str, Any]) -> None:
    node = r.node(a, "network_acl", p, subnets=[Key(s) for s in _refs(p.get("subnet_ids"))], rules=[])
    node.vpc = _ref(p.get("vpc_id"))
    for direction in ("ingress", "egress"):
        for block in _blocks(p.get(direction)):
            node.props["rules"].append(_nacl_rule(block.get("rule_no"), direction == "egress",
                                                  block.get("protocol"), block.get("action"),
                                                  block.get("cidr_block"), block))


def _nacl_rule(number: Any, egress: bool, protocol: Any, action: Any, cidr: Any,
               p: dict[str, Any]) -> dict[str, Any]:
    name = protocol_name(protocol)
    rule: dict[str, Any] = {"number": as_int(number), "direction": "outbound" if egress else "inbound",
                            "protocol": name, "cidr": cidr, "action": str(action or "allow").lower()}
    port = port_of(p.get("from_port"), p.get("to_port"), name)
    if port is not None:
        rule["port"] = port
    return rule


def network_acl_rule(r: TfReader, a: str, p: dict[str, Any]) -> None:
    acl = r.modelled(_ref(p.get("network_acl_id")), "network_acl")
    if acl is None:
        r.keep(a, "a rule of a network ACL outside this configuration")
        return
    egress = as_bool(p.get("egress"), False) or False
    acl.props["rules"].append(_nacl_rule(p.get("rule_number"), egress, p.get("protocol"),
                                         p.get("rule_action"), p.get("cidr_block") or p.get("ipv6_cidr_block"), p))
    r.absorbed(a, acl.key, f"{'egress' if egress else 'ingress'} {p.get('rule_number')}")


def nacl_association(r: TfReader, a: str, p: dict[str, Any]) -> None:
    acl, sub = r.modelled(_ref(p.get("network_acl_id")), "network_acl"), _ref(p.get("subnet_id"))
    if acl is None or sub is None:
        r.keep(a, "an association with a network ACL or subnet outside this configuration")
        return
    acl.props["subnets"].append(Key(sub))
    r.absorbed(a, acl.key, f"association {sub}")


# ---------------------------------------------------------------------- compute
def instance(r: TfReader, a: str, p: dict[str, Any]) -> None:
    node = r.node(a, "ec2", p, instance_type=r.text(p.get("instance_type"), a, "instance_type", "t3.micro"),
                  public_ip=as_bool(p.get("associate_public_ip_address"), False),
                  security_groups=[Key(g) for g in _refs(p.get("vpc_security_group_ids"))],
                  ebs_optimized=as_bool(p.get("ebs_optimized"), False))
    node.subnet = _ref(p.get("subnet_id"))
    node.az = _az(p.get("availability_zone"))
    if node.subnet is None:
        r.warn(a, "no subnet; the instance is drawn in its Region (the default VPC)")


def ebs_volume(r: TfReader, a: str, p: dict[str, Any]) -> None:
    node = r.node(a, "ebs_volume", p, size_gb=as_int(p.get("size")) or 20,
                  volume_type=_str(p.get("type")) or "gp2", iops=as_int(p.get("iops")),
                  encrypted=as_bool(p.get("encrypted"), False),
                  multi_attach=as_bool(p.get("multi_attach_enabled"), False))
    node.az = _az(p.get("availability_zone"))


def volume_attachment(r: TfReader, a: str, p: dict[str, Any]) -> None:
    vol, ec2 = _ref(p.get("volume_id")), _ref(p.get("instance_id"))
    if r.kind(vol) == "ebs_volume" and r.kind(ec2) == "ec2":
        r.draft.edge("attach", vol, ec2)
        r.absorbed(a, vol, f"attachment {ec2}")
    else:
        r.keep(a, "an attachment of a volume or instance outside this configuration")


def launch_template(r: TfReader, a: str, p: dict[str, Any]) -> None:
    groups = _refs(p.get("vpc_security_group_ids")) or _refs(p.get("security_groups"))
    for nic in _blocks(p.get("network_interfaces")):
        groups += _refs(nic.get("security_groups"))
    r.launch[a] = {"instance_type": _str(p.get("instance_type")), "security_groups": groups}
    r.pending_absorb[a] = "launch template"


def auto_scaling_group(r: TfReader, a: str, p: dict[str, Any]) -> None:
    template = _block(p.get("launch_template"))
    source = _ref(template.get("id")) or _ref(template.get("name")) or _ref(p.get("launch_configuration"))
    launch = r.launch.get(source or "", {})
    if source:
        r.absorbed(source, a, r.pending_absorb.pop(source, "launch template"))
    r.node(a, "auto_scaling_group", p, subnets=[Key(s) for s in _refs(p.get("vpc_zone_identifier"))],
           min=as_int(p.get("min_size")), max=as_int(p.get("max_size")),
           desired=as_int(p.get("desired_capacity")), instance_type=launch.get("instance_type"),
           health_check_type=str(p.get("health_check_type", "EC2")).upper(),
           security_groups=[Key(g) for g in launch.get("security_groups", [])])
    for group in _refs(p.get("target_group_arns")):
        r.tg_asgs.setdefault(group, []).append(a)
    for lb in _refs(p.get("load_balancers")):
        r.draft.edge("traffic", lb, a, protocol="tcp", port=r.clb_port.get(lb, 80))


def scaling_policy(r: TfReader, a: str, p: dict[str, Any]) -> None:
    """Kept as it is (the exporter writes none), and noted on its group for the validator."""
    group = r.modelled(_ref(p.get("autoscaling_group_name")), "auto_scaling_group")
    kind = {"targettrackingscaling": "target_tracking", "stepscaling": "step",
            "simplescaling": "simple"}.get(str(p.get("policy_type", "SimpleScaling")).lower())
    if group is not None and kind:
        group.props.setdefault("scaling_policy", kind)
    r.keep(a, "scaling policies are not drawn (the group's scaling_policy says which kind); "
              "kept and written back")


def autoscaling_attachment(r: TfReader, a: str, p: dict[str, Any]) -> None:
    asg = _ref(p.get("autoscaling_group_name"))
    group = _ref(p.get("lb_target_group_arn"))
    lb = _ref(p.get("elb"))
    if r.kind(asg) != "auto_scaling_group" or not (group or lb):
        r.keep(a, "an attachment of an Auto Scaling group outside this configuration")
        return
    if group:
        r.tg_asgs.setdefault(group, []).append(asg or "")
    else:
        r.draft.edge("traffic", lb, asg, protocol="tcp", port=r.clb_port.get(lb or "", 80))
    r.absorbed(a, None, "")


# ---------------------------------------------------------------------- load balancing
def load_balancer(r: TfReader, a: str, p: dict[str, Any]) -> None:
    kind = str(p.get("load_balancer_type", "application")).lower()
    if kind not in ("application", "network"):
        r.keep(a, f"a {kind} load balancer (the designer draws ALB, NLB and Classic)")
        return
    subnets = _refs(p.get("subnets")) + [s for m in _blocks(p.get("subnet_mapping"))
                                         for s in _refs(m.get("subnet_id"))]
    nlb = kind == "network"
    r.node(a, "load_balancer", p, lb_type="nlb" if nlb else "alb",
           scheme="internal" if as_bool(p.get("internal"), False) else "internet-facing",
           subnets=[Key(s) for s in subnets], listeners=[],
           security_groups=[Key(g) for g in _refs(p.get("security_groups"))],
           cross_zone=as_bool(p.get("enable_cross_zone_load_balancing"), False) if nlb else True)


def target_group(r: TfReader, a: str, p: dict[str, Any]) -> None:
    health = _block(p.get("health_check"))
    sticky = _block(p.get("stickiness"))
    port = health.get("port")
    r.target_groups[a] = {
        "port": as_int(p.get("port")), "targets": [],
        "health": {"protocol": str(health.get("protocol", "HTTP")).upper(),
                   "port": as_int(port) or ("traffic-port" if port == "traffic-port" else None),
                   "path": _str(health.get("path"))},
        "sticky": bool(sticky) and as_bool(sticky.get("enabled"), True),
    }


def target_group_attachment(r: TfReader, a: str, p: dict[str, Any]) -> None:
    group, target = _ref(p.get("target_group_arn")), _ref(p.get("target_id"))
    if group in r.target_groups and target:
        r.target_groups[group]["targets"].append((target, as_int(p.get("port"))))
        r.absorbed(a, None, "")
    else:
        r.keep(a, "an attachment to a target group outside this configuration")


def listener(r: TfReader, a: str, p: dict[str, Any]) -> None:
    lb = r.modelled(_ref(p.get("load_balancer_arn")), "load_balancer")
    if lb is None:
        r.keep(a, "a listener of a load balancer outside this configuration")
        return
    entry: dict[str, Any] = {"protocol": str(p.get("protocol", "HTTP")).upper(), "port": as_int(p.get("port"))}
    if isinstance(p.get("certificate_arn"), str):
        entry["certificate"] = p["certificate_arn"]
        if certificate_region(p["certificate_arn"]):
            entry["certificate_region"] = certificate_region(p["certificate_arn"])
    for action in _blocks(p.get("default_action")):
        if str(action.get("type", "")).lower() == "redirect" and \
                str(_block(action.get("redirect")).get("protocol", "")).upper() == "HTTPS":
            entry["redirect_to_https"] = True
        for group in _refs(action.get("target_group_arn")):
            r.tg_lbs.setdefault(group, []).append(lb.key)
        for forward in _blocks(action.get("forward")):
            for item in _blocks(forward.get("target_group")):
                for group in _refs(item.get("arn")):
                    r.tg_lbs.setdefault(group, []).append(lb.key)
    lb.props["listeners"].append(entry)
    r.absorbed(a, lb.key, f"listener {entry['port']}")


def classic_load_balancer(r: TfReader, a: str, p: dict[str, Any]) -> None:
    listeners, port = [], None
    for item in _blocks(p.get("listener")):
        entry: dict[str, Any] = {"protocol": str(item.get("lb_protocol", "HTTP")).upper(),
                                 "port": as_int(item.get("lb_port"))}
        if isinstance(item.get("ssl_certificate_id"), str):
            entry["certificate"] = item["ssl_certificate_id"]
        listeners.append(entry)
        port = port or as_int(item.get("instance_port"))
    from designer.importers.common import health_from_target

    r.node(a, "load_balancer", p, lb_type="clb",
           scheme="internal" if as_bool(p.get("internal"), False) else "internet-facing",
           subnets=[Key(s) for s in _refs(p.get("subnets"))], listeners=listeners,
           security_groups=[Key(g) for g in _refs(p.get("security_groups"))],
           cross_zone=as_bool(p.get("cross_zone_load_balancing"), True),
           health_check=health_from_target(_block(p.get("health_check")).get("target")))
    r.clb_port[a] = port or 80
    for target in _refs(p.get("instances")):
        r.draft.edge("traffic", a, target, protocol="tcp", port=port or 80)


# ---------------------------------------------------------------------- databases, storage
def db_subnet_group(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.subnet_groups[a] = _refs(p.get("subnet_ids"))
    r.pending_absorb[a] = "subnet group"


def db_instance(r: TfReader, a: str, p: dict[str, Any]) -> None:
    group = _ref(p.get("db_subnet_group_name"))
    subnets = r.subnet_groups.get(group or "", [])
    if group:
        r.absorbed(group, a, r.pending_absorb.pop(group, "subnet group"))
    retention = as_int(p.get("backup_retention_period"))
    node = r.node(a, "rds", p, engine=str(p.get("engine", "mysql")).lower(),
                  instance_class=r.text(p.get("instance_class"), a, "instance_class", "db.t3.micro"),
                  multi_az=as_bool(p.get("multi_az"), False),
                  publicly_accessible=as_bool(p.get("publicly_accessible"), False),
                  encrypted=as_bool(p.get("storage_encrypted"), False),
                  backup_retention_days=retention,
                  subnets=[Key(s) for s in subnets],
                  security_groups=[Key(g) for g in _refs(p.get("vpc_security_group_ids"))])
    node.az = _az(p.get("availability_zone"))
    node.subnet = r.subnet_in(subnets, node.az)


def bucket(r: TfReader, a: str, p: dict[str, Any]) -> None:
    versioning = _block(p.get("versioning"))
    r.node(a, "s3_bucket", p, bucket_name=_str(p.get("bucket")) or "",
           versioning=as_bool(versioning.get("enabled"), False) if versioning else False,
           encrypted=bool(p.get("server_side_encryption_configuration")),
           public_access=True,
           lifecycle=lifecycle_from_rules(
               [dict(rule, Status="Enabled" if rule.get("enabled", True) else "Disabled")
                for rule in _blocks(p.get("lifecycle_rule"))], "transition", "storage_class", "days",
               "expiration"),
           website=bool(p.get("website")))
    # AWS blocks public access to new buckets unless a public access block says otherwise.
    r.draft.nodes[a].props["public_access"] = False


def _bucket_part(r: TfReader, a: str, p: dict[str, Any], role: str) -> Any:
    owner = r.modelled(_ref(p.get("bucket")), "s3_bucket")
    if owner is None:
        r.keep(a, "a setting of a bucket outside this configuration")
        return None
    r.absorbed(a, owner.key, role)
    return owner


def bucket_versioning(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = _bucket_part(r, a, p, "versioning")
    if owner:
        status = _block(p.get("versioning_configuration")).get("status", "")
        owner.props["versioning"] = str(status).lower() == "enabled"


def bucket_encryption(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = _bucket_part(r, a, p, "encryption")
    if owner:
        owner.props["encrypted"] = True


def bucket_public_access(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = _bucket_part(r, a, p, "public access block")
    if owner:
        flags = [p.get(k) for k in ("block_public_acls", "block_public_policy", "ignore_public_acls",
                                    "restrict_public_buckets")]
        owner.props["public_access"] = not any(as_bool(f, False) for f in flags)


def bucket_lifecycle(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = _bucket_part(r, a, p, "lifecycle")
    if owner:
        rules = [dict(rule, Status=rule.get("status", "Enabled")) for rule in _blocks(p.get("rule"))]
        owner.props["lifecycle"] = lifecycle_from_rules(rules, "transition", "storage_class", "days",
                                                        "expiration")


def bucket_website(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = _bucket_part(r, a, p, "website")
    if owner:
        owner.props["website"] = True


def bucket_policy(r: TfReader, a: str, p: dict[str, Any]) -> None:
    owner = r.modelled(_ref(p.get("bucket")), "s3_bucket")
    sids = re.findall(r'"?Sid"?\s*[=:]\s*\\?"([^"\\]*)', r.raw_text(a))
    if owner and sids and all(re.fullmatch(r"CloudFront\d+|PublicWebsite", s) for s in sids):
        if "PublicWebsite" in sids:
            owner.props["public_access"] = True
        r.absorbed(a, owner.key, "policy")
    else:
        r.keep(a, "a bucket policy the designer does not model; kept and written back")


def glacier_vault(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.node(a, "glacier_vault", p, vault_name=_str(p.get("name")) or "")


# ---------------------------------------------------------------------- DNS and CDN
def hosted_zone(r: TfReader, a: str, p: dict[str, Any]) -> None:
    domain = (_str(p.get("name")) or "").rstrip(".")
    node = r.node(a, "route53_zone", p, domain=domain, private=bool(_blocks(p.get("vpc"))))
    if node.label == a.split(".", 1)[-1]:
        node.label = domain or node.label


def record(r: TfReader, a: str, p: dict[str, Any]) -> None:
    zone = _ref(p.get("zone_id"))
    if r.kind(zone) != "route53_zone":
        r.keep(a, "a record in a hosted zone outside this configuration")
        return
    name = (_str(p.get("name")) or "").rstrip(".")
    alias = _block(p.get("alias")) if p.get("alias") else None
    props: dict[str, Any] = {"name": name, "type": str(p.get("type", "A")).upper(),
                             "alias": alias is not None, "routing": "simple"}
    if alias is not None:
        props["evaluate_target_health"] = as_bool(alias.get("evaluate_target_health"), False)
        target = _ref(alias.get("name"))
        if target:
            r.draft.edge("dns", a, target)
        else:
            r.warn(a, "alias to a name outside this configuration; drawn without its dns edge")
    else:
        props["values"] = [str(v) for v in p.get("records") or [] if isinstance(v, (str, int))]
        if as_int(p.get("ttl")) is not None:
            props["ttl"] = as_int(p.get("ttl"))
    if p.get("set_identifier") is not None:
        props["set_id"] = str(p["set_identifier"])
    failover, weighted = _block(p.get("failover_routing_policy")), _block(p.get("weighted_routing_policy"))
    latency, geo = _block(p.get("latency_routing_policy")), _block(p.get("geolocation_routing_policy"))
    if failover:
        props.update(routing="failover", failover_role=str(failover.get("type", "PRIMARY")).lower())
    elif weighted:
        props.update(routing="weighted", weight=as_int(weighted.get("weight")))
    elif latency:
        props.update(routing="latency", region=str(latency.get("region")))
    elif geo:
        code = geo.get("country") or geo.get("continent") or "*"
        if geo.get("subdivision"):
            code = f"{code}-{geo['subdivision']}"
        props.update(routing="geolocation", location=str(code))
    check = _ref(p.get("health_check_id"))
    props["health_check"] = check is not None
    if check:
        r.absorbed(check, a, "health check")
    node = r.node(a, "route53_record", {}, **props)
    node.label, node.parent = name or node.label, zone


def health_check(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.pending_absorb[a] = "health check"


def distribution(r: TfReader, a: str, p: dict[str, Any]) -> None:
    behavior = _block(p.get("default_cache_behavior"))
    aliases = p.get("aliases")
    r.node(a, "cloudfront", p,
           aliases=[x for x in aliases if isinstance(x, str)] if isinstance(aliases, list) else [],
           viewer_protocol_policy=_str(behavior.get("viewer_protocol_policy")) or "allow-all")
    for origin in _blocks(p.get("origin")):
        target = next((k for k in _refs(origin.get("domain_name"))
                       if r.kind(k) in ("s3_bucket", "load_balancer")), None)
        target = target or r.bucket_of_website(origin.get("domain_name"))
        if target:
            r.draft.edge("origin", a, target)
        else:
            r.warn(a, "an origin outside this configuration; drawn without its origin edge")


def origin_access_control(r: TfReader, a: str, p: dict[str, Any]) -> None:
    r.pending_absorb[a] = "origin access control"


def not_drawn(r: TfReader, a: str, p: dict[str, Any]) -> None:
    """Providers' helpers that carry nothing the design needs (absorbed, not kept)."""
    r.absorbed(a, None, "")


HANDLERS: dict[str, Handler] = {
    "aws_vpc": vpc,
    "aws_vpc_ipv4_cidr_block_association": vpc_cidr_association,
    "aws_subnet": subnet,
    "aws_route_table": route_table,
    "aws_route": route,
    "aws_route_table_association": route_table_association,
    "aws_internet_gateway": internet_gateway,
    "aws_internet_gateway_attachment": gateway_attachment,
    "aws_vpn_gateway": vpn_gateway,
    "aws_vpn_gateway_attachment": gateway_attachment,
    "aws_customer_gateway": customer_gateway,
    "aws_vpn_connection": vpn_connection,
    "aws_vpn_connection_route": vpn_connection_route,
    "aws_vpc_peering_connection": peering,
    "aws_vpc_peering_connection_accepter": peering_accepter,
    "aws_nat_gateway": nat_gateway,
    "aws_eip": elastic_ip,
    "aws_eip_association": eip_association,
    "aws_vpc_endpoint": vpc_endpoint,
    "aws_vpc_endpoint_route_table_association": endpoint_route_table,
    "aws_security_group": security_group,
    "aws_vpc_security_group_ingress_rule": vpc_sg_rule,
    "aws_vpc_security_group_egress_rule": vpc_sg_egress,
    "aws_security_group_rule": security_group_rule,
    "aws_network_acl": network_acl,
    "aws_network_acl_rule": network_acl_rule,
    "aws_network_acl_association": nacl_association,
    "aws_instance": instance,
    "aws_ebs_volume": ebs_volume,
    "aws_volume_attachment": volume_attachment,
    "aws_launch_template": launch_template,
    "aws_launch_configuration": launch_template,
    "aws_autoscaling_group": auto_scaling_group,
    "aws_autoscaling_attachment": autoscaling_attachment,
    "aws_autoscaling_policy": scaling_policy,
    "aws_lb": load_balancer,
    "aws_alb": load_balancer,
    "aws_lb_target_group": target_group,
    "aws_alb_target_group": target_group,
    "aws_lb_target_group_attachment": target_group_attachment,
    "aws_alb_target_group_attachment": target_group_attachment,
    "aws_lb_listener": listener,
    "aws_alb_listener": listener,
    "aws_elb": classic_load_balancer,
    "aws_db_subnet_group": db_subnet_group,
    "aws_db_instance": db_instance,
    "aws_s3_bucket": bucket,
    "aws_s3_bucket_versioning": bucket_versioning,
    "aws_s3_bucket_server_side_encryption_configuration": bucket_encryption,
    "aws_s3_bucket_public_access_block": bucket_public_access,
    "aws_s3_bucket_lifecycle_configuration": bucket_lifecycle,
    "aws_s3_bucket_website_configuration": bucket_website,
    "aws_s3_bucket_policy": bucket_policy,
    "aws_glacier_vault": glacier_vault,
    "aws_route53_zone": hosted_zone,
    "aws_route53_record": record,
    "aws_route53_health_check": health_check,
    "aws_cloudfront_distribution": distribution,
    "aws_cloudfront_origin_access_control": origin_access_control,
}
# Types read first: the others refer to what these declare.
FIRST = ("aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_vpn_gateway", "aws_customer_gateway",
         "aws_security_group", "aws_network_acl", "aws_route_table", "aws_eip", "aws_instance",
         "aws_ebs_volume", "aws_launch_template", "aws_launch_configuration", "aws_db_subnet_group",
         "aws_lb", "aws_alb", "aws_elb", "aws_lb_target_group", "aws_alb_target_group", "aws_s3_bucket",
         "aws_route53_zone", "aws_route53_health_check", "aws_cloudfront_origin_access_control",
         "aws_vpn_connection", "aws_vpc_peering_connection", "aws_lb_listener", "aws_alb_listener",
         "aws_autoscaling_group")
