"""Terraform for compute, load balancing, databases, storage, DNS and CDN.
One function per kind: (config, node)."""

from __future__ import annotations

import re
from typing import Any

from designer.exporters import aws_facts as aws
from designer.exporters.cfn_services import health_target, private_zone_vpcs
from designer.exporters.cfn_template import ascii_description
from designer.exporters.hcl import Expr, blocks, value
from designer.exporters.tf_config import TfConfig
from designer.exporters.values import as_bool, as_int, as_str, as_str_list
from designer.model import Node


def ec2(c: TfConfig, node: Node) -> None:
    """An instance from the AMI data source, in its subnet, with its groups."""
    f = c.facts
    c.add("aws_instance", node.id, "", {
        "ami": c.image_id(),
        "instance_type": as_str(node.props.get("instance_type"), "t3.micro") or "t3.micro",
        "subnet_id": c.ref("aws_subnet", f.subnet[node.id]),
        "vpc_security_group_ids": [c.ref("aws_security_group", g) for g in f.sg_refs.get(node.id, [])] or None,
        "associate_public_ip_address": True if as_bool(node.props.get("public_ip")) else None,
        "ebs_optimized": True if as_bool(node.props.get("ebs_optimized")) else None,
        "key_name": c.key_name(),
        "tags": c.tags(node.id),
    })


def ebs_volume(c: TfConfig, node: Node) -> None:
    """A volume in its AZ and its attachments."""
    p = node.props
    volume_type = as_str(p.get("volume_type"), "gp3") or "gp3"
    az = c.az(node.id)
    if az is None:
        c.notes.append(f'EBS volume "{node.id}" has no Availability Zone; using the first one')
        az = c.first_az()
    iops = as_int(p.get("iops"))
    c.add("aws_ebs_volume", node.id, "", {
        "availability_zone": az,
        "size": max(1, as_int(p.get("size_gb"), 20) or 20),
        "type": volume_type,
        "iops": iops if iops and volume_type in ("io1", "io2", "gp3") else None,
        "encrypted": as_bool(p.get("encrypted"), True),
        "multi_attach_enabled": True if as_bool(p.get("multi_attach")) else None,
        "tags": c.tags(node.id),
    })
    for instance, device in c.facts.attachments_of(node.id):
        c.add("aws_volume_attachment", node.id, f"attachment {instance}", {
            "device_name": device, "volume_id": c.ref("aws_ebs_volume", node.id),
            "instance_id": c.ref("aws_instance", instance)})


def auto_scaling_group(c: TfConfig, node: Node) -> None:
    """A launch template and the group, registered with the load balancers that target it."""
    f = c.facts
    p = node.props
    c.add("aws_launch_template", node.id, "launch template", {
        "image_id": c.image_id(),
        "instance_type": as_str(p.get("instance_type"), "t3.micro") or "t3.micro",
        "key_name": c.key_name(),
        "vpc_security_group_ids": [c.ref("aws_security_group", g) for g in f.sg_refs.get(node.id, [])] or None,
        "tag_specifications": blocks({"resource_type": "instance", "tags": c.tags(node.id)}),
    })
    target_groups, classic = [], []
    for lb_id, targets in f.lb_targets.items():
        if node.id in targets.asgs and f.same_region(lb_id, node.id):
            if aws.lb_type(f.node(lb_id).props) == "clb":
                classic.append(c.ref("aws_elb", lb_id, "name"))
            else:
                target_groups.append(c.ref("aws_lb_target_group", lb_id, "arn", role="target group"))
    health = "ELB" if as_str(p.get("health_check_type"), "EC2").upper() == "ELB" and (target_groups or classic) else "EC2"
    desired = as_int(p.get("desired"))
    c.add("aws_autoscaling_group", node.id, "", {
        "min_size": max(0, as_int(p.get("min"), 1) or 0),
        "max_size": max(0, as_int(p.get("max"), 1) or 0),
        "desired_capacity": None if desired is None else max(0, desired),
        "vpc_zone_identifier": [c.ref("aws_subnet", s) for s in f.subnet_refs.get(node.id, [])],
        "health_check_type": health,
        "health_check_grace_period": 300 if health == "ELB" else None,
        "target_group_arns": target_groups or None,
        "load_balancers": classic or None,
        "launch_template": blocks({"id": c.ref("aws_launch_template", node.id, role="launch template"),
                                   "version": "$Latest"}),
        "tag": blocks({"key": "Name", "value": c.tags(node.id)["Name"], "propagate_at_launch": True}),
    })


def _certificate(c: TfConfig, node_id: str, port: int, arn: str) -> Expr:
    name = c.name(node_id, f"certificate {port}")
    if not arn:
        c.notes.append(f'load balancer "{node_id}": HTTPS/TLS listener {port} needs a certificate; '
                       f"variable {name} has no default")
    return c.variable(name, f"ACM certificate ARN for listener {port} of {node_id}", default=arn or None)


def load_balancer(c: TfConfig, node: Node) -> None:
    """ALB/NLB with one target group, attachments and listeners; or a Classic LB."""
    f = c.facts
    kind = aws.lb_type(node.props)
    internal = as_str(node.props.get("scheme"), "internet-facing") == "internal"
    subnets = [c.ref("aws_subnet", s) for s in f.subnet_refs.get(node.id, [])]
    groups = [c.ref("aws_security_group", g) for g in f.sg_refs.get(node.id, [])] or None
    health = aws.health_check(node.props, kind)
    listeners = aws.listeners(node.props, kind, c.notes, node.id)
    targets = f.lb_targets.get(node.id)
    port = targets.port if targets else 80
    if kind == "clb":
        entries = [{
            "lb_port": x["port"], "lb_protocol": x["protocol"], "instance_port": port,
            "instance_protocol": "HTTP" if x["protocol"] in ("HTTP", "HTTPS") else "TCP",
            "ssl_certificate_id": _certificate(c, node.id, x["port"], x["certificate"])
            if x["protocol"] in ("HTTPS", "SSL") else None} for x in listeners]
        target = f"{health['protocol']}:{health['port']}" + (health["path"] if health["protocol"] != "TCP" else "")
        c.add("aws_elb", node.id, "", {
            "internal": internal, "subnets": subnets, "security_groups": groups,
            "cross_zone_load_balancing": as_bool(node.props.get("cross_zone"), True),
            "instances": [c.ref("aws_instance", i) for i, _ in (targets.instances if targets else [])] or None,
            "listener": blocks(*(entries or [{"lb_port": 80, "lb_protocol": "HTTP", "instance_port": port,
                                              "instance_protocol": "HTTP"}])),
            "health_check": blocks({"target": target, "healthy_threshold": 3, "unhealthy_threshold": 5,
                                    "timeout": 5, "interval": 30}),
            "tags": c.tags(node.id),
        })
        c.output(node.id, "dns name", c.ref("aws_elb", node.id, "dns_name"), f"DNS name of {node.id}")
        return
    c.add("aws_lb", node.id, "", {
        "internal": internal, "load_balancer_type": "application" if kind == "alb" else "network",
        "subnets": subnets, "security_groups": groups,
        "enable_cross_zone_load_balancing": as_bool(node.props.get("cross_zone"), True) if kind == "nlb" else None,
        "tags": c.tags(node.id),
    })
    sticky = as_bool(node.props.get("sticky_sessions"))
    c.add("aws_lb_target_group", node.id, "target group", {
        "port": port, "protocol": "HTTP" if kind == "alb" else "TCP",
        "vpc_id": c.ref("aws_vpc", f.vpc[node.id]), "target_type": "instance",
        "health_check": blocks({"protocol": health["protocol"] if kind == "nlb" else
                                ("HTTPS" if health["protocol"] == "HTTPS" else "HTTP"),
                                "port": str(health["port"]),
                                "path": health["path"] if health["protocol"] != "TCP" else None}),
        "stickiness": blocks({"type": aws.stickiness_type(node.props, kind), "enabled": True})
        if sticky else None,
        "tags": c.tags(node.id),
    })
    group_arn = c.ref("aws_lb_target_group", node.id, "arn", role="target group")
    for instance, target_port in (targets.instances if targets else []):
        c.add("aws_lb_target_group_attachment", node.id, f"target {instance}", {
            "target_group_arn": group_arn, "target_id": c.ref("aws_instance", instance), "port": target_port})
    for listener in listeners:
        secure = listener["protocol"] in ("HTTPS", "TLS")
        action: dict[str, Any] = {"type": "forward", "target_group_arn": group_arn}
        if listener["redirect"]:
            action = {"type": "redirect", "redirect": blocks(
                {"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"})}
        c.add("aws_lb_listener", node.id, f"listener {listener['port']}", {
            "load_balancer_arn": c.ref("aws_lb", node.id, "arn"),
            "port": listener["port"], "protocol": listener["protocol"],
            "certificate_arn": _certificate(c, node.id, listener["port"], listener["certificate"]) if secure else None,
            "ssl_policy": aws.TLS_POLICY if secure else None,
            "default_action": blocks(action),
        })
    c.output(node.id, "dns name", c.ref("aws_lb", node.id, "dns_name"), f"DNS name of {node.id}")


def rds(c: TfConfig, node: Node) -> None:
    """A DB subnet group and the instance; the master password is a sensitive variable."""
    f = c.facts
    p = node.props
    c.add("aws_db_subnet_group", node.id, "subnet group", {
        "description": ascii_description(node.label, f"Subnets of {node.id}"),
        "subnet_ids": [c.ref("aws_subnet", s) for s in f.subnet_refs.get(node.id, [])],
        "tags": c.tags(node.id),
    })
    user = c.variable(c.name(node.id, "master username"), f"Master user name of {node.id}",
                      default=aws.DB_USERNAME)
    password = c.variable(c.name(node.id, "master password"), f"Master password of {node.id}",
                          sensitive=True)
    retention = as_int(p.get("backup_retention_days"), 7)
    snapshot = re.sub(r"[^a-z0-9]+", "-", c.name(node.id).lower()).strip("-")[:40]
    c.add("aws_db_instance", node.id, "", {
        "engine": as_str(p.get("engine"), "mysql") or "mysql",
        "instance_class": as_str(p.get("instance_class"), "db.t3.micro") or "db.t3.micro",
        "allocated_storage": 20,
        "username": user, "password": password,
        "db_subnet_group_name": c.ref("aws_db_subnet_group", node.id, "name", role="subnet group"),
        "vpc_security_group_ids": [c.ref("aws_security_group", g) for g in f.sg_refs.get(node.id, [])] or None,
        "multi_az": as_bool(p.get("multi_az"), True),
        "publicly_accessible": as_bool(p.get("publicly_accessible")),
        "storage_encrypted": as_bool(p.get("encrypted"), True),
        "backup_retention_period": retention if retention is not None and retention >= 0 else 7,
        "final_snapshot_identifier": f"db-{snapshot}-final",
        "tags": c.tags(node.id),
    })


def s3_bucket(c: TfConfig, node: Node) -> None:
    """The bucket and its separate configuration resources (provider 4+ style)."""
    p = node.props
    public = as_bool(p.get("public_access"))
    website = as_bool(p.get("website"))
    bucket = c.ref("aws_s3_bucket", node.id)
    c.add("aws_s3_bucket", node.id, "", {"bucket": as_str(p.get("bucket_name")) or None, "tags": c.tags(node.id)})
    if as_bool(p.get("versioning"), True):
        c.add("aws_s3_bucket_versioning", node.id, "versioning", {
            "bucket": bucket, "versioning_configuration": blocks({"status": "Enabled"})})
    if as_bool(p.get("encrypted"), True):
        c.add("aws_s3_bucket_server_side_encryption_configuration", node.id, "encryption", {
            "bucket": bucket, "rule": blocks({"apply_server_side_encryption_by_default": blocks(
                {"sse_algorithm": "AES256"})})})
    c.add("aws_s3_bucket_public_access_block", node.id, "public access block", {
        "bucket": bucket, **{k: not public for k in ("block_public_acls", "block_public_policy",
                                                     "ignore_public_acls", "restrict_public_buckets")}})
    transitions, expire = aws.lifecycle(p, c.notes, node.id)
    if transitions or expire:
        c.add("aws_s3_bucket_lifecycle_configuration", node.id, "lifecycle", {
            "bucket": bucket, "rule": blocks({
                "id": "lifecycle", "status": "Enabled", "filter": blocks({}),
                "transition": blocks(*({"days": d, "storage_class": s} for d, s in transitions))
                if transitions else None,
                "expiration": blocks({"days": expire}) if expire else None})})
    if website:
        c.add("aws_s3_bucket_website_configuration", node.id, "website", {
            "bucket": bucket, "index_document": blocks({"suffix": "index.html"}),
            "error_document": blocks({"key": "error.html"})})
    statements = []
    objects = Expr(f"\"${{{c.ref('aws_s3_bucket', node.id, 'arn')}}}/*\"")
    for cdn, origins in c.facts.origins.items():
        if node.id in origins and not website:
            statements.append({"Sid": f"CloudFront{len(statements) + 1}", "Effect": "Allow",
                               "Principal": {"Service": "cloudfront.amazonaws.com"},
                               "Action": "s3:GetObject", "Resource": objects,
                               "Condition": {"StringEquals": {
                                   "AWS:SourceArn": c.ref("aws_cloudfront_distribution", cdn, "arn")}}})
    if website and public:
        statements.append({"Sid": "PublicWebsite", "Effect": "Allow", "Principal": "*",
                           "Action": "s3:GetObject", "Resource": objects})
    if statements:
        document = value({"Version": "2012-10-17", "Statement": statements}, 1)
        c.add("aws_s3_bucket_policy", node.id, "policy", {
            "bucket": bucket, "policy": Expr(f"jsonencode({document})"),
            "depends_on": [Expr(f"aws_s3_bucket_public_access_block.{c.name(node.id, 'public access block')}")]})


def glacier_vault(c: TfConfig, node: Node) -> None:
    """A Glacier vault (name required: the design's, else the resource name)."""
    given = re.sub(r"[^A-Za-z0-9_.-]", "-", as_str(node.props.get("vault_name")))[:255]
    c.add("aws_glacier_vault", node.id, "", {"name": given or c.name(node.id), "tags": c.tags(node.id)})


def route53_zone(c: TfConfig, node: Node) -> None:
    """A hosted zone; a private one lists the VPCs it serves."""
    f = c.facts
    attributes: dict[str, Any] = {
        "name": as_str(node.props.get("domain"), "example.com") or "example.com",
        "comment": (node.label or node.id)[:256],
    }
    if as_bool(node.props.get("private")):
        vpcs = [v for v in private_zone_vpcs(f, node.id, f.region[node.id])]
        if vpcs:
            attributes["vpc"] = blocks(*({"vpc_id": c.ref("aws_vpc", v), "vpc_region": f.region[v]} for v in vpcs))
        else:
            c.notes.append(f'private hosted zone "{node.id}": no VPC in its Region; exported as public')
    attributes["tags"] = c.tags(node.id)
    c.add("aws_route53_zone", node.id, "", attributes)


def route53_record(c: TfConfig, node: Node) -> None:
    """A record: alias to its dns edge's target or literal values; routing; health check."""
    f = c.facts
    p = node.props
    zone = f.record_zone[node.id]
    target = f.alias_target.get(node.id)
    name = as_str(p.get("name")) or as_str(f.node(zone).props.get("domain"), "example.com")
    attributes: dict[str, Any] = {"zone_id": c.ref("aws_route53_zone", zone, "zone_id"), "name": name,
                                  "type": as_str(p.get("type"), "A").upper() or "A"}
    alias = _alias(c, target) if as_bool(p.get("alias"), True) and target else None
    values = as_str_list(p.get("values"))
    if alias:
        evaluate = as_bool(p.get("evaluate_target_health")) and f.kind(target) != "cloudfront"
        attributes["alias"] = blocks({"name": alias[0], "zone_id": alias[1], "evaluate_target_health": evaluate})
    elif values:
        attributes.update(ttl=as_int(p.get("ttl"), 300) or 300, records=values)
    else:
        c.notes.append(f'route53 record "{node.id}": no alias target and no values; skipped')
        return
    routing = as_str(p.get("routing"), "simple").lower()
    set_id = as_str(p.get("set_id")) or node.id
    if routing == "failover":
        role = "SECONDARY" if as_str(p.get("failover_role"), "primary").upper() == "SECONDARY" else "PRIMARY"
        attributes.update(set_identifier=set_id, failover_routing_policy=blocks({"type": role}))
    elif routing == "weighted":
        attributes.update(set_identifier=set_id, weighted_routing_policy=blocks(
            {"weight": max(0, min(255, as_int(p.get("weight"), 1) or 0))}))
    elif routing == "latency":
        attributes.update(set_identifier=set_id, latency_routing_policy=blocks(
            {"region": as_str(p.get("region")) or f.region.get(target or "", f.region[node.id])}))
    elif routing == "geolocation":
        geo = aws.geolocation(as_str(p.get("location")))
        if geo is None:
            c.notes.append(f'route53 record "{node.id}": location {p.get("location")!r} is not a '
                           f"country or continent code; routed as simple")
        else:
            attributes.update(set_identifier=set_id, geolocation_routing_policy=blocks(geo))
    if as_bool(p.get("health_check")):
        host = alias[0] if alias and target and f.kind(target) != "s3_bucket" else name
        port, path, kind = health_target(f, target)
        c.add("aws_route53_health_check", node.id, "health check", {
            "fqdn": host, "port": port, "type": kind, "resource_path": path,
            "failure_threshold": 3, "request_interval": 30, "tags": c.tags(node.id)})
        attributes["health_check_id"] = c.ref("aws_route53_health_check", node.id, role="health check")
    c.add("aws_route53_record", node.id, "", attributes)


def _alias(c: TfConfig, target: str) -> tuple[Any, Any] | None:
    f = c.facts
    kind = f.kind(target)
    if kind == "cloudfront":
        return (c.ref("aws_cloudfront_distribution", target, "domain_name"),
                c.ref("aws_cloudfront_distribution", target, "hosted_zone_id"))
    if kind == "load_balancer":
        rtype = "aws_elb" if aws.lb_type(f.node(target).props) == "clb" else "aws_lb"
        return c.ref(rtype, target, "dns_name"), c.ref(rtype, target, "zone_id")
    if kind == "s3_bucket" and as_bool(f.node(target).props.get("website")):
        return (c.ref("aws_s3_bucket_website_configuration", target, "website_domain", role="website"),
                c.ref("aws_s3_bucket", target, "hosted_zone_id"))
    c.notes.append(f'alias to "{target}": only load balancers, CloudFront and S3 websites can be '
                   f"alias targets; skipped")
    return None


def cloudfront(c: TfConfig, node: Node) -> None:
    """A distribution serving its first origin; S3 origins use origin access control; the
    certificate variable (empty by default) switches the aliases on."""
    f = c.facts
    origins = f.origins.get(node.id, [])
    if not origins:
        c.notes.append(f'CloudFront "{node.id}" has no origin edge; skipped')
        return
    items, uses_oac = [], False
    for target in origins:
        props = f.node(target).props
        item: dict[str, Any] = {"origin_id": c.name(target)}
        if f.kind(target) == "s3_bucket" and as_bool(props.get("website")):
            item.update(domain_name=c.ref("aws_s3_bucket_website_configuration", target, "website_endpoint",
                                          role="website"),
                        custom_origin_config=blocks(_custom_origin("http-only")))
        elif f.kind(target) == "s3_bucket":
            uses_oac = True
            item.update(domain_name=c.ref("aws_s3_bucket", target, "bucket_regional_domain_name"),
                        origin_access_control_id=c.ref("aws_cloudfront_origin_access_control", node.id,
                                                       role="origin access control"))
        else:
            kind = aws.lb_type(props)
            secure = any(x["protocol"] == "HTTPS" for x in aws.listeners(props, kind, [], target))
            rtype = "aws_elb" if kind == "clb" else "aws_lb"
            item.update(domain_name=c.ref(rtype, target, "dns_name"),
                        custom_origin_config=blocks(_custom_origin("https-only" if secure else "http-only")))
        items.append(item)
    if uses_oac:
        c.add("aws_cloudfront_origin_access_control", node.id, "origin access control", {
            "name": c.name(node.id)[:64], "origin_access_control_origin_type": "s3",
            "signing_behavior": "always", "signing_protocol": "sigv4"})
    first = f.kind(origins[0])
    policy = as_str(node.props.get("viewer_protocol_policy"), "redirect-to-https")
    if policy not in ("redirect-to-https", "https-only", "allow-all"):
        policy = "redirect-to-https"
    behavior: dict[str, Any] = {
        "target_origin_id": items[0]["origin_id"], "viewer_protocol_policy": policy,
        "cache_policy_id": aws.CACHING_OPTIMIZED if first == "s3_bucket" else aws.CACHING_DISABLED,
        "allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD"],
    }
    if first == "load_balancer":
        behavior.update(origin_request_policy_id=aws.ALL_VIEWER_EXCEPT_HOST, allowed_methods=[
            "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"])
    certificate = c.variable(c.name(node.id, "certificate"),
                             f"ACM certificate ARN in us-east-1 for {node.id} (empty: the CloudFront "
                             f"domain only, no aliases)", default="")
    has = f'{certificate} != ""'
    aliases = as_str_list(node.props.get("aliases"))
    c.add("aws_cloudfront_distribution", node.id, "", {
        "enabled": True,
        "comment": (node.label or node.id)[:128],
        "aliases": Expr(f"{has} ? {value(aliases)} : []") if aliases else None,
        "default_root_object": "index.html" if first == "s3_bucket" else None,
        "http_version": "http2and3",
        "origin": blocks(*items),
        "default_cache_behavior": blocks(behavior),
        "restrictions": blocks({"geo_restriction": blocks({"restriction_type": "none"})}),
        "viewer_certificate": blocks({
            "cloudfront_default_certificate": Expr(f'{certificate} == ""'),
            "acm_certificate_arn": Expr(f"{has} ? {certificate} : null"),
            "ssl_support_method": Expr(f'{has} ? "sni-only" : null'),
            "minimum_protocol_version": Expr(f'{has} ? "{aws.cloudfront_tls_policy(node.props)}" : "TLSv1"'),
        }),
        "tags": c.tags(node.id),
    })
    c.output(node.id, "domain name", c.ref("aws_cloudfront_distribution", node.id, "domain_name"),
             f"Domain of {node.id}")


def _custom_origin(policy: str) -> dict[str, Any]:
    return {"http_port": 80, "https_port": 443, "origin_protocol_policy": policy,
            "origin_ssl_protocols": ["TLSv1.2"]}
