"""CloudFormation resource types → draft nodes and relations: the inverse of the exporter's
`cfn_network` / `cfn_services`. One function per type: (reader, logical id, properties),
properties already evaluated by the `Resolver` (resources are `ResRef`s)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from designer.importers.cfn_values import AzIndex, ResRef, Unknown
from designer.importers.common import (
    as_bool,
    as_int,
    certificate_region,
    health_from_target,
    lifecycle_from_rules,
    port_of,
    protocol_name,
    service_of,
    sg_rule,
)
from designer.importers.draft import AzRef, Key

if TYPE_CHECKING:
    from designer.importers.cloudformation import CfnReader

Handler = Callable[["CfnReader", str, dict[str, Any]], None]


def _ref(value: Any) -> str | None:
    return value.logical_id if isinstance(value, ResRef) else None


def _refs(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [v.logical_id for v in items if isinstance(v, ResRef)]


def _az(value: Any) -> AzRef | None:
    if isinstance(value, AzIndex):
        return AzRef(index=value.index)
    if isinstance(value, str) and value:
        return AzRef(name=value)
    return None


# ---------------------------------------------------------------------- network
def vpc(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.node(lid, "vpc", p, cidr=r.text(p.get("CidrBlock"), lid, "CidrBlock"))


def vpc_cidr_block(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    owner = r.modelled(_ref(p.get("VpcId")), "vpc")
    cidr = p.get("CidrBlock")
    if owner and isinstance(cidr, str):
        owner.props.setdefault("secondary_cidrs", []).append(cidr)
        r.absorbed(lid, owner.key, f"Cidr {len(owner.props['secondary_cidrs']) + 1}")
    else:
        r.keep(lid, "a secondary CIDR block the importer cannot tie to a VPC")


def subnet(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    node = r.node(lid, "subnet", p, cidr=r.text(p.get("CidrBlock"), lid, "CidrBlock"))
    node.vpc = _ref(p.get("VpcId"))
    node.az = _az(p.get("AvailabilityZone"))
    if node.az is None:
        r.warn(lid, "no Availability Zone the template fixes; the subnet is drawn in its VPC")


def route_table(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.draft.table(lid).vpc = _ref(p.get("VpcId"))
    r.understood(lid)


def route(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    table = _ref(p.get("RouteTableId"))
    cidr = p.get("DestinationCidrBlock") or p.get("DestinationIpv6CidrBlock")
    if table is None or not isinstance(cidr, str):
        r.keep(lid, "a route without a route table or destination the importer can read")
        return
    for prop, via in (("NatGatewayId", "nat"), ("VpcPeeringConnectionId", "peering"),
                      ("GatewayId", "gateway")):
        target = _ref(p.get(prop))
        if target:
            if via == "gateway":
                via = "vgw" if r.kind(target) == "vpn_gateway" else "igw"
            r.draft.table(table).routes.append((cidr, target, via))
            r.absorbed(lid, None, "")
            return
    r.keep(lid, "a route to a target the designer does not model (transit gateway, instance…)")


def subnet_route_table_association(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    table, sub = _ref(p.get("RouteTableId")), _ref(p.get("SubnetId"))
    if table and sub:
        r.draft.table(table).subnets.append(sub)
        r.absorbed(lid, sub, "Route Table Association")
    else:
        r.keep(lid, "an association the importer cannot tie to a subnet and a route table")


def internet_gateway(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.node(lid, "internet_gateway", p)


def vpn_gateway(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.node(lid, "vpn_gateway", p)


def gateway_attachment(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    vpc_key = _ref(p.get("VpcId"))
    gateway = r.modelled(_ref(p.get("InternetGatewayId")) or _ref(p.get("VpnGatewayId")))
    if gateway is None or vpc_key is None:
        r.keep(lid, "a gateway attachment the importer cannot tie to a VPC and a gateway")
        return
    gateway.vpc = vpc_key
    r.absorbed(lid, gateway.key, "Attachment")


def customer_gateway(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.node(lid, "customer_gateway", p, ip=p.get("IpAddress") if isinstance(p.get("IpAddress"), str) else None)


def vpn_connection(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    cgw, vgw = _ref(p.get("CustomerGatewayId")), _ref(p.get("VpnGatewayId"))
    if r.kind(cgw) != "customer_gateway" or r.kind(vgw) != "vpn_gateway":
        r.keep(lid, "a VPN connection that does not join a customer and a virtual private gateway")
        return
    r.draft.edge("vpn", cgw, vgw)
    r.vpn_cgw[lid] = cgw or ""
    r.absorbed(lid, cgw, "VPN Connection")


def vpn_connection_route(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    cgw = r.vpn_cgw.get(_ref(p.get("VpnConnectionId")) or "")
    cidr = p.get("DestinationCidrBlock")
    if cgw and isinstance(cidr, str):
        r.draft.vpn_routes.setdefault(cgw, []).append(cidr)
        r.absorbed(lid, cgw, "VPN Route")
    else:
        r.keep(lid, "a VPN route the importer cannot tie to a VPN connection")


def peering(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    mine, peer = _ref(p.get("VpcId")), _ref(p.get("PeerVpcId"))
    if r.kind(mine) == "vpc" and r.kind(peer) == "vpc":
        r.draft.peerings[lid] = (mine or "", peer or "")
        r.absorbed(lid, None, "")
    else:
        r.keep(lid, "a peering with a VPC outside this template (another Region or account)")


def nat_gateway(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    private = str(p.get("ConnectivityType", "public")).lower() == "private"
    regional = str(p.get("AvailabilityMode", "zonal")).lower() == "regional"
    node = r.node(lid, "nat_gateway", p, connectivity="private" if private else "public",
                  mode="regional" if regional else "zonal")
    node.subnet = _ref(p.get("SubnetId"))
    node.vpc = _ref(p.get("VpcId"))
    eip = _ref(p.get("AllocationId"))
    if eip:
        r.draft.edge("attach", eip, lid)


def elastic_ip(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.node(lid, "elastic_ip", p)
    instance = _ref(p.get("InstanceId"))
    if instance:
        r.draft.edge("attach", lid, instance)


def eip_association(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    eip = _ref(p.get("AllocationId")) or _ref(p.get("EIP"))
    instance = _ref(p.get("InstanceId"))
    if r.kind(eip) == "elastic_ip" and instance:
        r.draft.edge("attach", eip, instance)
        r.absorbed(lid, None, "")
    else:
        r.keep(lid, "an EIP association with an address or instance outside the template")


def vpc_endpoint(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    kind = str(p.get("VpcEndpointType", "Gateway")).lower()
    interface = kind == "interface"
    node = r.node(lid, "vpc_endpoint", p, service=service_of(p.get("ServiceName"), r.region),
                  endpoint_type="interface" if interface else "gateway",
                  security_groups=[Key(k) for k in _refs(p.get("SecurityGroupIds"))] or None)
    node.vpc = _ref(p.get("VpcId"))
    subnets = _refs(p.get("SubnetIds"))
    if interface and len(subnets) == 1:
        node.subnet = subnets[0]
    for table in _refs(p.get("RouteTableIds")):
        r.draft.table(table).endpoints.append(lid)
    if kind not in ("gateway", "interface"):
        r.warn(lid, f"endpoint type {p.get('VpcEndpointType')!r} is drawn as a gateway endpoint")


def security_group(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    node = r.node(lid, "security_group", p, inbound=[])
    node.vpc = _ref(p.get("VpcId"))
    for raw in p.get("SecurityGroupIngress") or []:
        r.add_rule(node, raw, egress=False, where=lid)
    egress = p.get("SecurityGroupEgress")
    if egress:
        node.props["outbound"] = []
        for raw in egress:
            r.add_rule(node, raw, egress=True, where=lid)


def sg_ingress(r: CfnReader, lid: str, p: dict[str, Any], egress: bool = False) -> None:
    group = r.modelled(_ref(p.get("GroupId")), "security_group")
    if group is None:
        r.keep(lid, "a rule for a security group outside this template")
        return
    if egress:
        group.props.setdefault("outbound", [])
    r.add_rule(group, p, egress=egress, where=lid)
    r.absorbed(lid, group.key, f"{'Egress' if egress else 'Ingress'} {len(group.props.get('outbound' if egress else 'inbound', []))}")


def sg_egress(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    sg_ingress(r, lid, p, egress=True)


def rule_from(p: dict[str, Any], egress: bool) -> dict[str, Any] | None:
    """A designer rule from an EC2 rule dict (inline or a separate resource)."""
    peer_key = "DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"
    peer: Any = p.get("CidrIp") or p.get("CidrIpv6")
    if peer is None:
        ref = _ref(p.get(peer_key))
        peer = Key(ref) if ref else p.get(peer_key)
    if peer is None:
        peer = p.get("DestinationPrefixListId" if egress else "SourcePrefixListId")
    return sg_rule(p.get("IpProtocol"), p.get("FromPort"), p.get("ToPort"), peer, p.get("Description"))


def network_acl(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    node = r.node(lid, "network_acl", p, subnets=[], rules=[])
    node.vpc = _ref(p.get("VpcId"))


def network_acl_entry(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    acl = r.modelled(_ref(p.get("NetworkAclId")), "network_acl")
    if acl is None:
        r.keep(lid, "an entry of a network ACL outside this template")
        return
    ports = p.get("PortRange") if isinstance(p.get("PortRange"), dict) else {}
    rule: dict[str, Any] = {
        "number": as_int(p.get("RuleNumber")),
        "direction": "outbound" if as_bool(p.get("Egress"), False) else "inbound",
        "protocol": protocol_name(p.get("Protocol")),
        "cidr": p.get("CidrBlock") or p.get("Ipv6CidrBlock"),
        "action": str(p.get("RuleAction", "allow")).lower(),
    }
    port = port_of(ports.get("From"), ports.get("To"), rule["protocol"])
    if port is not None:
        rule["port"] = port
    acl.props["rules"].append(rule)
    r.absorbed(lid, acl.key, f"{'Egress' if rule['direction'] == 'outbound' else 'Ingress'} {rule['number']}")


def nacl_association(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    acl = r.modelled(_ref(p.get("NetworkAclId")), "network_acl")
    sub = _ref(p.get("SubnetId"))
    if acl is None or sub is None:
        r.keep(lid, "an association with a network ACL or subnet outside this template")
        return
    acl.props["subnets"].append(Key(sub))
    r.absorbed(lid, acl.key, f"Association {sub}")


# ---------------------------------------------------------------------- compute
def instance(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    groups = _refs(p.get("SecurityGroupIds"))
    subnet_key = _ref(p.get("SubnetId"))
    public = None
    for nic in p.get("NetworkInterfaces") or []:
        if isinstance(nic, dict) and str(nic.get("DeviceIndex", "0")) == "0":
            subnet_key = subnet_key or _ref(nic.get("SubnetId"))
            groups += _refs(nic.get("GroupSet"))
            public = as_bool(nic.get("AssociatePublicIpAddress"))
    node = r.node(lid, "ec2", p, instance_type=r.text(p.get("InstanceType"), lid, "InstanceType", "t3.micro"),
                  public_ip=bool(public), security_groups=[Key(g) for g in groups],
                  ebs_optimized=as_bool(p.get("EbsOptimized"), False))
    node.subnet = subnet_key
    node.az = _az(p.get("AvailabilityZone"))
    if subnet_key is None:
        r.warn(lid, "no subnet; the instance is drawn in its Region (the default VPC)")


def volume(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    node = r.node(lid, "ebs_volume", p, size_gb=as_int(p.get("Size")) or 20,
                  volume_type=str(p.get("VolumeType", "gp2")),
                  iops=as_int(p.get("Iops")), encrypted=as_bool(p.get("Encrypted"), False),
                  multi_attach=as_bool(p.get("MultiAttachEnabled"), False))
    node.az = _az(p.get("AvailabilityZone"))


def volume_attachment(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    vol, ec2 = _ref(p.get("VolumeId")), _ref(p.get("InstanceId"))
    if r.kind(vol) == "ebs_volume" and r.kind(ec2) == "ec2":
        r.draft.edge("attach", vol, ec2)
        r.attached_volumes[vol or ""] = ec2 or ""
        r.absorbed(lid, vol, f"Attachment {ec2}")
    else:
        r.keep(lid, "an attachment of a volume or instance outside this template")


def launch_template(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    data = p.get("LaunchTemplateData") if isinstance(p.get("LaunchTemplateData"), dict) else {}
    r.launch[lid] = {"instance_type": data.get("InstanceType"),
                     "security_groups": _refs(data.get("SecurityGroupIds"))}
    r.pending_absorb[lid] = "Launch Template"


def scaling_policy(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    """Kept as it is (the exporter writes none), and noted on its group for the validator."""
    group = r.modelled(_ref(p.get("AutoScalingGroupName")), "auto_scaling_group")
    kind = {"targettrackingscaling": "target_tracking", "stepscaling": "step",
            "simplescaling": "simple"}.get(str(p.get("PolicyType", "SimpleScaling")).lower())
    if group is not None and kind:
        group.props.setdefault("scaling_policy", kind)
    r.keep(lid, "scaling policies are not drawn (the group's scaling_policy says which kind); "
                "kept and written back")


def launch_configuration(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.launch[lid] = {"instance_type": p.get("InstanceType"),
                     "security_groups": _refs(p.get("SecurityGroups"))}
    r.pending_absorb[lid] = "Launch Configuration"


def auto_scaling_group(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    template = p.get("LaunchTemplate") if isinstance(p.get("LaunchTemplate"), dict) else {}
    source = _ref(template.get("LaunchTemplateId")) or _ref(p.get("LaunchConfigurationName"))
    launch = r.launch.get(source or "", {})
    if source:
        r.absorbed(source, lid, r.pending_absorb.pop(source, "Launch Template"))
    r.node(lid, "auto_scaling_group", p, subnets=[Key(s) for s in _refs(p.get("VPCZoneIdentifier"))],
                  min=as_int(p.get("MinSize")), max=as_int(p.get("MaxSize")),
                  desired=as_int(p.get("DesiredCapacity")),
                  instance_type=launch.get("instance_type") if isinstance(launch.get("instance_type"), str) else None,
                  health_check_type=str(p.get("HealthCheckType", "EC2")).upper(),
                  security_groups=[Key(g) for g in launch.get("security_groups", [])])
    subnets = _refs(p.get("VPCZoneIdentifier"))
    r.asg_subnets[lid] = subnets
    for group in _refs(p.get("TargetGroupARNs")):
        r.tg_asgs.setdefault(group, []).append(lid)
    for lb in _refs(p.get("LoadBalancerNames")):
        r.draft.edge("traffic", lb, lid, protocol="tcp", port=r.clb_port.get(lb, 80))


# ---------------------------------------------------------------------- load balancing
def load_balancer_v2(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    kind = "nlb" if str(p.get("Type", "application")).lower() == "network" else "alb"
    if str(p.get("Type", "application")).lower() not in ("application", "network"):
        r.keep(lid, f"a {p.get('Type')} load balancer (the designer draws ALB, NLB and Classic)")
        return
    subnets = _refs(p.get("Subnets"))
    for mapping in p.get("SubnetMappings") or []:
        if isinstance(mapping, dict):
            subnets += _refs(mapping.get("SubnetId"))
    attributes = {a.get("Key"): a.get("Value") for a in p.get("LoadBalancerAttributes") or []
                  if isinstance(a, dict)}
    cross = attributes.get("load_balancing.cross_zone.enabled")
    r.node(lid, "load_balancer", p, lb_type=kind,
           scheme="internal" if str(p.get("Scheme", "")).lower() == "internal" else "internet-facing",
           subnets=[Key(s) for s in subnets], listeners=[],
           security_groups=[Key(g) for g in _refs(p.get("SecurityGroups"))],
           cross_zone=(as_bool(cross, True) if kind == "nlb" else True))
    r.lb_subnets[lid] = subnets


def target_group(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    attributes = {a.get("Key"): a.get("Value") for a in p.get("TargetGroupAttributes") or []
                  if isinstance(a, dict)}
    targets = []
    for target in p.get("Targets") or []:
        if isinstance(target, dict) and _ref(target.get("Id")):
            targets.append((_ref(target.get("Id")), as_int(target.get("Port"))))
    r.target_groups[lid] = {
        "port": as_int(p.get("Port")), "targets": targets,
        "health": {"protocol": str(p.get("HealthCheckProtocol", "HTTP")).upper(),
                   "port": as_int(p.get("HealthCheckPort")) or (
                       "traffic-port" if p.get("HealthCheckPort") == "traffic-port" else None),
                   "path": p.get("HealthCheckPath")},
        "sticky": as_bool(attributes.get("stickiness.enabled"), False),
    }


def target_group_attachment_like(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    """A listener: the LB's listeners, and the target group it forwards to."""
    lb = r.modelled(_ref(p.get("LoadBalancerArn")), "load_balancer")
    if lb is None:
        r.keep(lid, "a listener of a load balancer outside this template")
        return
    protocol = str(p.get("Protocol", "HTTP")).upper()
    listener: dict[str, Any] = {"protocol": protocol, "port": as_int(p.get("Port"))}
    for certificate in p.get("Certificates") or []:
        arn = certificate.get("CertificateArn") if isinstance(certificate, dict) else None
        if isinstance(arn, str):
            listener["certificate"] = arn
            if certificate_region(arn):
                listener["certificate_region"] = certificate_region(arn)
    for action in p.get("DefaultActions") or []:
        if not isinstance(action, dict):
            continue
        if str(action.get("Type", "")).lower() == "redirect":
            config = action.get("RedirectConfig") if isinstance(action.get("RedirectConfig"), dict) else {}
            if str(config.get("Protocol", "")).upper() == "HTTPS":
                listener["redirect_to_https"] = True
        for group in _refs(action.get("TargetGroupArn")) + [
                _ref(g.get("TargetGroupArn")) for g in
                ((action.get("ForwardConfig") or {}).get("TargetGroups") or []) if isinstance(g, dict)]:
            if group:
                r.tg_lbs.setdefault(group, []).append(lb.key)
    lb.props["listeners"].append(listener)
    r.absorbed(lid, lb.key, f"Listener {listener['port']}")


def listener_rule(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    listener = _ref(p.get("ListenerArn"))
    owner = r.absorbed_into.get(listener or "")
    if owner is None:
        r.keep(lid, "a rule of a listener the importer does not know")
        return
    for action in p.get("Actions") or []:
        if isinstance(action, dict):
            for group in _refs(action.get("TargetGroupArn")):
                r.tg_lbs.setdefault(group, []).append(owner[0])
    r.keep(lid, "listener rules (paths, hosts) are not drawn; kept and written back")


def classic_load_balancer(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    listeners, port = [], None
    for item in p.get("Listeners") or []:
        if isinstance(item, dict):
            entry: dict[str, Any] = {"protocol": str(item.get("Protocol", "HTTP")).upper(),
                                     "port": as_int(item.get("LoadBalancerPort"))}
            if isinstance(item.get("SSLCertificateId"), str):
                entry["certificate"] = item["SSLCertificateId"]
            listeners.append(entry)
            port = port or as_int(item.get("InstancePort"))
    health = p.get("HealthCheck") if isinstance(p.get("HealthCheck"), dict) else {}
    r.node(lid, "load_balancer", p, lb_type="clb",
           scheme="internal" if str(p.get("Scheme", "")).lower() == "internal" else "internet-facing",
           subnets=[Key(s) for s in _refs(p.get("Subnets"))], listeners=listeners,
           security_groups=[Key(g) for g in _refs(p.get("SecurityGroups"))],
           cross_zone=as_bool(p.get("CrossZone"), False),
           health_check=health_from_target(health.get("Target")))
    r.clb_port[lid] = port or 80
    for target in _refs(p.get("Instances")):
        r.draft.edge("traffic", lid, target, protocol="tcp", port=port or 80)


# ---------------------------------------------------------------------- databases, storage
def db_subnet_group(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.subnet_groups[lid] = _refs(p.get("SubnetIds"))
    r.pending_absorb[lid] = "Subnet Group"


def db_instance(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    if p.get("DBClusterIdentifier") is not None:
        r.keep(lid, "an Aurora cluster member (the designer draws RDS instances)")
        return
    group = _ref(p.get("DBSubnetGroupName"))
    subnets = r.subnet_groups.get(group or "", [])
    if group:
        r.absorbed(group, lid, r.pending_absorb.pop(group, "Subnet Group"))
    retention = as_int(p.get("BackupRetentionPeriod"))
    node = r.node(lid, "rds", p, engine=str(p.get("Engine", "mysql")).lower(),
                  instance_class=r.text(p.get("DBInstanceClass"), lid, "DBInstanceClass", "db.t3.micro"),
                  multi_az=as_bool(p.get("MultiAZ"), False),
                  publicly_accessible=as_bool(p.get("PubliclyAccessible"), False),
                  encrypted=as_bool(p.get("StorageEncrypted"), False),
                  backup_retention_days=1 if retention is None else retention,
                  subnets=[Key(s) for s in subnets],
                  security_groups=[Key(g) for g in _refs(p.get("VPCSecurityGroups"))])
    node.az = _az(p.get("AvailabilityZone"))
    node.subnet = r.subnet_in(subnets, node.az)


def bucket(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    block = p.get("PublicAccessBlockConfiguration")
    public = isinstance(block, dict) and not any(as_bool(v, True) for v in block.values())
    lifecycle = p.get("LifecycleConfiguration") if isinstance(p.get("LifecycleConfiguration"), dict) else {}
    versioning = p.get("VersioningConfiguration") if isinstance(p.get("VersioningConfiguration"), dict) else {}
    name = p.get("BucketName")
    r.node(lid, "s3_bucket", p, bucket_name=name if isinstance(name, str) else "",
           versioning=str(versioning.get("Status", "")).lower() == "enabled",
           encrypted=p.get("BucketEncryption") is not None,
           public_access=public,
           lifecycle=lifecycle_from_rules(lifecycle.get("Rules"), "Transitions", "StorageClass",
                                          "TransitionInDays", "ExpirationInDays"),
           website=p.get("WebsiteConfiguration") is not None)


def bucket_policy(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    owner = r.modelled(_ref(p.get("Bucket")), "s3_bucket")
    document = p.get("PolicyDocument") if isinstance(p.get("PolicyDocument"), dict) else {}
    sids = [s.get("Sid") for s in document.get("Statement") or [] if isinstance(s, dict)]
    # The exporter's own statements (CloudFront access, a public website) are regenerated.
    if owner and sids and all(isinstance(s, str) and re.fullmatch(r"CloudFront\d+|PublicWebsite", s)
                              for s in sids):
        if "PublicWebsite" in sids:
            owner.props["public_access"] = True
        r.absorbed(lid, owner.key, "Policy")
    else:
        r.keep(lid, "a bucket policy the designer does not model; kept and written back")


def glacier_vault(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    name = p.get("VaultName")
    r.node(lid, "glacier_vault", p, vault_name=name if isinstance(name, str) else "")


# ---------------------------------------------------------------------- DNS and CDN
def hosted_zone(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    domain = str(p.get("Name", "")).rstrip(".")
    tags = p.get("HostedZoneTags")
    node = r.node(lid, "route53_zone", {"Tags": tags}, domain=domain, private=bool(p.get("VPCs")))
    if node.label == lid:
        node.label = domain or lid


def record_set(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    zone = _ref(p.get("HostedZoneId"))
    if zone is None and isinstance(p.get("HostedZoneName"), str):
        wanted = p["HostedZoneName"].rstrip(".")
        zone = next((n.key for n in r.draft.nodes.values() if n.kind == "route53_zone"
                     and n.props.get("domain") == wanted), None)
    if r.kind(zone) != "route53_zone":
        r.keep(lid, "a record in a hosted zone outside this template")
        return
    name = str(p.get("Name", "")).rstrip(".")
    alias = p.get("AliasTarget") if isinstance(p.get("AliasTarget"), dict) else None
    props: dict[str, Any] = {"name": name, "type": str(p.get("Type", "A")).upper(),
                             "alias": alias is not None, "routing": "simple"}
    if alias is not None:
        props["evaluate_target_health"] = as_bool(alias.get("EvaluateTargetHealth"), False)
        target = _ref(alias.get("DNSName"))
        if target:
            r.draft.edge("dns", lid, target)
        else:
            r.warn(lid, "alias to a name outside this template; drawn without its dns edge")
    else:
        props["values"] = [str(v) for v in p.get("ResourceRecords") or [] if not isinstance(v, (Unknown, ResRef))]
        if as_int(p.get("TTL")) is not None:
            props["ttl"] = as_int(p.get("TTL"))
    if p.get("SetIdentifier") is not None:
        props["set_id"] = str(p.get("SetIdentifier"))
    if p.get("Failover"):
        props.update(routing="failover", failover_role=str(p["Failover"]).lower())
    elif p.get("Weight") is not None:
        props.update(routing="weighted", weight=as_int(p.get("Weight")))
    elif p.get("Region"):
        props.update(routing="latency", region=str(p.get("Region")))
    elif isinstance(p.get("GeoLocation"), dict):
        geo = p["GeoLocation"]
        code = geo.get("CountryCode") or geo.get("ContinentCode") or "*"
        if geo.get("SubdivisionCode"):
            code = f"{code}-{geo['SubdivisionCode']}"
        props.update(routing="geolocation", location=str(code))
    health = _ref(p.get("HealthCheckId"))
    props["health_check"] = health is not None
    if health:
        r.absorbed(health, lid, "Health Check")
    node = r.node(lid, "route53_record", {}, **props)
    node.label = name or lid
    node.parent = zone


def health_check(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.pending_absorb[lid] = "Health Check"


def distribution(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    config = p.get("DistributionConfig") if isinstance(p.get("DistributionConfig"), dict) else {}
    behavior = config.get("DefaultCacheBehavior") if isinstance(config.get("DefaultCacheBehavior"), dict) else {}
    aliases = config.get("Aliases")
    if not aliases and isinstance(r.raw.get("DistributionConfig"), dict):
        # The exporter gates the aliases on a certificate parameter: keep the names either way.
        aliases = r.first_list(r.raw["DistributionConfig"].get("Aliases"))
    r.node(lid, "cloudfront", p,
           aliases=[a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else [],
           viewer_protocol_policy=str(behavior.get("ViewerProtocolPolicy", "allow-all")))
    raw = r.raw.get("DistributionConfig") if isinstance(r.raw.get("DistributionConfig"), dict) else {}
    for origin in raw.get("Origins") or []:
        if isinstance(origin, dict):
            # The raw form: a website origin hides its bucket inside Fn::Select/Fn::Split.
            target = next((k for k in r.refs_inside(origin.get("DomainName"))
                           if r.kind(k) in ("s3_bucket", "load_balancer")), None)
            if target:
                r.draft.edge("origin", lid, target)
            else:
                r.warn(lid, "an origin outside this template; drawn without its origin edge")


def origin_access_control(r: CfnReader, lid: str, p: dict[str, Any]) -> None:
    r.pending_absorb[lid] = "Origin Access Control"


HANDLERS: dict[str, Handler] = {
    "AWS::EC2::VPC": vpc,
    "AWS::EC2::VPCCidrBlock": vpc_cidr_block,
    "AWS::EC2::Subnet": subnet,
    "AWS::EC2::RouteTable": route_table,
    "AWS::EC2::Route": route,
    "AWS::EC2::SubnetRouteTableAssociation": subnet_route_table_association,
    "AWS::EC2::InternetGateway": internet_gateway,
    "AWS::EC2::VPNGateway": vpn_gateway,
    "AWS::EC2::VPCGatewayAttachment": gateway_attachment,
    "AWS::EC2::CustomerGateway": customer_gateway,
    "AWS::EC2::VPNConnection": vpn_connection,
    "AWS::EC2::VPNConnectionRoute": vpn_connection_route,
    "AWS::EC2::VPCPeeringConnection": peering,
    "AWS::EC2::NatGateway": nat_gateway,
    "AWS::EC2::EIP": elastic_ip,
    "AWS::EC2::EIPAssociation": eip_association,
    "AWS::EC2::VPCEndpoint": vpc_endpoint,
    "AWS::EC2::SecurityGroup": security_group,
    "AWS::EC2::SecurityGroupIngress": sg_ingress,
    "AWS::EC2::SecurityGroupEgress": sg_egress,
    "AWS::EC2::NetworkAcl": network_acl,
    "AWS::EC2::NetworkAclEntry": network_acl_entry,
    "AWS::EC2::SubnetNetworkAclAssociation": nacl_association,
    "AWS::EC2::Instance": instance,
    "AWS::EC2::Volume": volume,
    "AWS::EC2::VolumeAttachment": volume_attachment,
    "AWS::EC2::LaunchTemplate": launch_template,
    "AWS::AutoScaling::LaunchConfiguration": launch_configuration,
    "AWS::AutoScaling::AutoScalingGroup": auto_scaling_group,
    "AWS::AutoScaling::ScalingPolicy": scaling_policy,
    "AWS::ElasticLoadBalancingV2::LoadBalancer": load_balancer_v2,
    "AWS::ElasticLoadBalancingV2::TargetGroup": target_group,
    "AWS::ElasticLoadBalancingV2::Listener": target_group_attachment_like,
    "AWS::ElasticLoadBalancingV2::ListenerRule": listener_rule,
    "AWS::ElasticLoadBalancing::LoadBalancer": classic_load_balancer,
    "AWS::RDS::DBSubnetGroup": db_subnet_group,
    "AWS::RDS::DBInstance": db_instance,
    "AWS::S3::Bucket": bucket,
    "AWS::S3::BucketPolicy": bucket_policy,
    "AWS::Glacier::Vault": glacier_vault,
    "AWS::Route53::HostedZone": hosted_zone,
    "AWS::Route53::RecordSet": record_set,
    "AWS::Route53::HealthCheck": health_check,
    "AWS::CloudFront::Distribution": distribution,
    "AWS::CloudFront::OriginAccessControl": origin_access_control,
}
# Types read first: later types refer to what these declare (ordering is not the template's).
FIRST = ("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::InternetGateway", "AWS::EC2::VPNGateway",
         "AWS::EC2::CustomerGateway", "AWS::EC2::SecurityGroup", "AWS::EC2::NetworkAcl",
         "AWS::EC2::RouteTable", "AWS::EC2::EIP", "AWS::EC2::Instance", "AWS::EC2::Volume",
         "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration",
         "AWS::RDS::DBSubnetGroup", "AWS::ElasticLoadBalancingV2::LoadBalancer",
         "AWS::ElasticLoadBalancing::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
         "AWS::S3::Bucket", "AWS::Route53::HostedZone", "AWS::Route53::HealthCheck",
         "AWS::CloudFront::OriginAccessControl", "AWS::EC2::VPNConnection",
         "AWS::EC2::VPCPeeringConnection", "AWS::ElasticLoadBalancingV2::Listener",
         "AWS::AutoScaling::AutoScalingGroup")
