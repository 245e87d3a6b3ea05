"""CloudFormation for compute, load balancing, databases, storage, DNS and CDN.
One function per kind: (template, node)."""

from __future__ import annotations

from typing import Any

from designer.exporters import aws_facts as aws
from designer.exporters.cfn_template import CfnTemplate, ascii_description, att, ref
from designer.exporters.values import as_bool, as_int, as_str, as_str_list
from designer.model import Node


def ec2(t: CfnTemplate, node: Node) -> None:
    """An instance from the AMI parameter; a public IP needs the network-interface form."""
    f = t.facts
    groups = [t.ref(g) for g in f.sg_refs.get(node.id, [])]
    props: dict[str, Any] = {
        "ImageId": t.image_id(),
        "InstanceType": as_str(node.props.get("instance_type"), "t3.micro") or "t3.micro",
        "KeyName": t.key_name(),
        "EbsOptimized": True if as_bool(node.props.get("ebs_optimized")) else None,
        "Tags": t.tags(node.id),
    }
    if as_bool(node.props.get("public_ip")):
        props["NetworkInterfaces"] = [{"DeviceIndex": "0", "SubnetId": t.ref(f.subnet[node.id]),
                                       "AssociatePublicIpAddress": True, "GroupSet": groups or None}]
    else:
        props.update(SubnetId=t.ref(f.subnet[node.id]), SecurityGroupIds=groups or None)
    t.add(node.id, "", "AWS::EC2::Instance", props)


def ebs_volume(t: CfnTemplate, node: Node) -> None:
    """A volume in its AZ (or its instance's), and one attachment per attach edge."""
    p = node.props
    volume_type = as_str(p.get("volume_type"), "gp3") or "gp3"
    az = t.az(node.id)
    if az is None:
        t.notes.append(f'EBS volume "{node.id}" has no Availability Zone; using the first one')
        az = {"Fn::Select": ["0", {"Fn::GetAZs": ""}]}
    iops = as_int(p.get("iops"))
    t.add(node.id, "", "AWS::EC2::Volume", {
        "AvailabilityZone": az,
        "Size": max(1, as_int(p.get("size_gb"), 20) or 20),
        "VolumeType": volume_type,
        "Iops": iops if iops and volume_type in ("io1", "io2", "gp3") else None,
        "Encrypted": as_bool(p.get("encrypted"), True),
        "MultiAttachEnabled": True if as_bool(p.get("multi_attach")) else None,
        "Tags": t.tags(node.id),
    }, DeletionPolicy="Snapshot", UpdateReplacePolicy="Snapshot")
    for instance, device in t.facts.attachments_of(node.id):
        t.add(node.id, f"Attachment {instance}", "AWS::EC2::VolumeAttachment",
              {"Device": device, "InstanceId": t.ref(instance), "VolumeId": t.ref(node.id)})


def auto_scaling_group(t: CfnTemplate, node: Node) -> None:
    """A launch template and the group; load balancers whose traffic edges reach it
    register it (target groups for ALB/NLB, names for a Classic LB)."""
    f = t.facts
    p = node.props
    groups = [t.ref(g) for g in f.sg_refs.get(node.id, [])]
    t.add(node.id, "Launch Template", "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {
        "ImageId": t.image_id(),
        "InstanceType": as_str(p.get("instance_type"), "t3.micro") or "t3.micro",
        "KeyName": t.key_name(),
        "SecurityGroupIds": groups or None,
        "TagSpecifications": [{"ResourceType": "instance", "Tags": t.tags(node.id)}],
    }})
    target_groups, classic = [], []
    for lb_id, targets in f.lb_targets.items():
        if node.id in targets.asgs and t.local(lb_id):
            if aws.lb_type(f.node(lb_id).props) == "clb":
                classic.append(t.ref(lb_id))
            else:
                target_groups.append(t.ref(lb_id, "Target Group"))
    health = as_str(p.get("health_check_type"), "EC2").upper()
    health = "ELB" if health == "ELB" and (target_groups or classic) else "EC2"
    t.add(node.id, "", "AWS::AutoScaling::AutoScalingGroup", {
        "MinSize": str(max(0, as_int(p.get("min"), 1) or 0)),
        "MaxSize": str(max(0, as_int(p.get("max"), 1) or 0)),
        "DesiredCapacity": None if as_int(p.get("desired")) is None else str(max(0, as_int(p.get("desired")) or 0)),
        "VPCZoneIdentifier": [t.ref(s) for s in f.subnet_refs.get(node.id, [])],
        "LaunchTemplate": {"LaunchTemplateId": t.ref(node.id, "Launch Template"),
                           "Version": t.att(node.id, "LatestVersionNumber", "Launch Template")},
        "HealthCheckType": health,
        "HealthCheckGracePeriod": 300 if health == "ELB" else None,
        "TargetGroupARNs": target_groups or None,
        "LoadBalancerNames": classic or None,
        "Tags": [dict(tag, PropagateAtLaunch=True) for tag in t.tags(node.id)],
    })


def _certificate(t: CfnTemplate, node_id: str, port: int, arn: str) -> Any:
    name = t.name(node_id, f"Certificate {port}")
    description = f"ACM certificate ARN for listener {port} of {node_id}"
    if not arn:
        t.notes.append(f'load balancer "{node_id}": HTTPS/TLS listener {port} needs a certificate; '
                       f"parameter {name} has no default")
    return t.parameter(name, "String", description, default=arn or None)


def load_balancer(t: CfnTemplate, node: Node) -> None:
    """ALB/NLB with one target group and a listener per valid `listeners` entry, or a CLB."""
    f = t.facts
    kind = aws.lb_type(node.props)
    internal = as_str(node.props.get("scheme"), "internet-facing") == "internal"
    subnets = [t.ref(s) for s in f.subnet_refs.get(node.id, [])]
    groups = [t.ref(g) for g in f.sg_refs.get(node.id, [])]
    igw = f.vpc_igw(f.vpc[node.id])
    depends = [t.name(igw, "Attachment")] if igw and not internal else []
    health = aws.health_check(node.props, kind)
    listeners = aws.listeners(node.props, kind, t.notes, node.id)
    targets = f.lb_targets.get(node.id)
    if kind == "clb":
        _classic(t, node, internal, subnets, groups, depends, health, listeners)
        return
    attributes = []
    if kind == "nlb" and as_bool(node.props.get("cross_zone"), True):
        attributes.append({"Key": "load_balancing.cross_zone.enabled", "Value": "true"})
    t.add(node.id, "", "AWS::ElasticLoadBalancingV2::LoadBalancer", {
        "Type": "application" if kind == "alb" else "network",
        "Scheme": "internal" if internal else "internet-facing",
        "Subnets": subnets, "SecurityGroups": groups or None,
        "LoadBalancerAttributes": attributes or None, "Tags": t.tags(node.id),
    }, depends_on=depends)
    tg_attributes = []
    if as_bool(node.props.get("sticky_sessions")):
        tg_attributes = [{"Key": "stickiness.enabled", "Value": "true"},
                         {"Key": "stickiness.type", "Value": aws.stickiness_type(node.props, kind)}]
    port = targets.port if targets else 80
    t.add(node.id, "Target Group", "AWS::ElasticLoadBalancingV2::TargetGroup", {
        "VpcId": t.ref(f.vpc[node.id]), "TargetType": "instance", "Port": port,
        "Protocol": "HTTP" if kind == "alb" else "TCP",
        "HealthCheckProtocol": health["protocol"] if kind == "nlb" else ("HTTPS" if health["protocol"] == "HTTPS" else "HTTP"),
        "HealthCheckPort": str(health["port"]),
        "HealthCheckPath": health["path"] if health["protocol"] != "TCP" else None,
        "Targets": [{"Id": t.ref(i), "Port": p} for i, p in (targets.instances if targets else [])] or None,
        "TargetGroupAttributes": tg_attributes or None,
        "Tags": t.tags(node.id),
    })
    for listener in listeners:
        action: dict[str, Any] = {"Type": "forward", "TargetGroupArn": t.ref(node.id, "Target Group")}
        if listener["redirect"]:
            action = {"Type": "redirect", "RedirectConfig": {
                "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
        secure = listener["protocol"] in ("HTTPS", "TLS")
        t.add(node.id, f"Listener {listener['port']}", "AWS::ElasticLoadBalancingV2::Listener", {
            "LoadBalancerArn": t.ref(node.id), "Port": listener["port"],
            "Protocol": listener["protocol"],
            "Certificates": [{"CertificateArn": _certificate(t, node.id, listener["port"],
                                                             listener["certificate"])}] if secure else None,
            "SslPolicy": aws.TLS_POLICY if secure else None,
            "DefaultActions": [action],
        })
    t.output(node.id, "DNS Name", t.att(node.id, "DNSName"), f"DNS name of {node.id}")


def _classic(t: CfnTemplate, node: Node, internal: bool, subnets: list, groups: list,
             depends: list[str], health: dict[str, Any], listeners: list[dict[str, Any]]) -> None:
    targets = t.facts.lb_targets.get(node.id)
    port = targets.port if targets else 80
    entries = []
    for listener in listeners:
        secure = listener["protocol"] in ("HTTPS", "SSL")
        entries.append({
            "LoadBalancerPort": str(listener["port"]), "InstancePort": str(port),
            "Protocol": listener["protocol"],
            "InstanceProtocol": "HTTP" if listener["protocol"] in ("HTTP", "HTTPS") else "TCP",
            "SSLCertificateId": _certificate(t, node.id, listener["port"], listener["certificate"])
            if secure else None,
        })
        entries[-1] = {k: v for k, v in entries[-1].items() if v is not None}
    target = f"{health['protocol']}:{health['port']}" + (health["path"] if health["protocol"] != "TCP" else "")
    t.add(node.id, "", "AWS::ElasticLoadBalancing::LoadBalancer", {
        "Scheme": "internal" if internal else None,
        "Subnets": subnets, "SecurityGroups": groups or None,
        "CrossZone": as_bool(node.props.get("cross_zone"), True),
        "Listeners": entries or [{"LoadBalancerPort": "80", "InstancePort": str(port), "Protocol": "HTTP"}],
        "HealthCheck": {"Target": target, "HealthyThreshold": "3", "UnhealthyThreshold": "5",
                        "Interval": "30", "Timeout": "5"},
        "Instances": [t.ref(i) for i, _ in (targets.instances if targets else [])] or None,
        "Tags": t.tags(node.id),
    }, depends_on=depends)
    t.output(node.id, "DNS Name", t.att(node.id, "DNSName"), f"DNS name of {node.id}")


def rds(t: CfnTemplate, node: Node) -> None:
    """A DB subnet group and the instance; the master password is a NoEcho parameter."""
    f = t.facts
    p = node.props
    t.add(node.id, "Subnet Group", "AWS::RDS::DBSubnetGroup", {
        "DBSubnetGroupDescription": ascii_description(node.label, f"Subnets of {node.id}"),
        "SubnetIds": [t.ref(s) for s in f.subnet_refs.get(node.id, [])],
        "Tags": t.tags(node.id),
    })
    user = t.parameter(t.name(node.id, "Master Username"), "String",
                       f"Master user name of {node.id}", default=aws.DB_USERNAME,
                       AllowedPattern="[a-zA-Z][a-zA-Z0-9]{0,15}")
    password = t.parameter(t.name(node.id, "Master Password"), "String",
                           f"Master password of {node.id} (8-41 characters, no / @ \" or space)",
                           NoEcho=True, MinLength=8, MaxLength=41, AllowedPattern="[^/@\" ]*")
    retention = as_int(p.get("backup_retention_days"), 7)
    t.add(node.id, "", "AWS::RDS::DBInstance", {
        "Engine": as_str(p.get("engine"), "mysql") or "mysql",
        "DBInstanceClass": as_str(p.get("instance_class"), "db.t3.micro") or "db.t3.micro",
        "AllocatedStorage": "20",
        "MasterUsername": user, "MasterUserPassword": password,
        "DBSubnetGroupName": t.ref(node.id, "Subnet Group"),
        "VPCSecurityGroups": [t.ref(g) for g in f.sg_refs.get(node.id, [])] or None,
        "MultiAZ": as_bool(p.get("multi_az"), True),
        "PubliclyAccessible": as_bool(p.get("publicly_accessible")),
        "StorageEncrypted": as_bool(p.get("encrypted"), True),
        "BackupRetentionPeriod": retention if retention is not None and retention >= 0 else 7,
        "Tags": t.tags(node.id),
    }, DeletionPolicy="Snapshot", UpdateReplacePolicy="Snapshot")


def s3_bucket(t: CfnTemplate, node: Node) -> None:
    """Versioning, encryption, public access block, lifecycle, website, and a bucket policy
    for CloudFront origin access control (or public reads of a public website)."""
    p = node.props
    public = as_bool(p.get("public_access"))
    website = as_bool(p.get("website"))
    transitions, expire = aws.lifecycle(p, t.notes, node.id)
    rules = []
    if transitions or expire:
        rules.append({"Id": "lifecycle", "Status": "Enabled",
                      "Transitions": [{"StorageClass": c, "TransitionInDays": d} for d, c in transitions] or None,
                      "ExpirationInDays": expire})
        rules[0] = {k: v for k, v in rules[0].items() if v is not None}
    name = as_str(p.get("bucket_name"))
    t.add(node.id, "", "AWS::S3::Bucket", {
        "BucketName": name or None,
        "VersioningConfiguration": {"Status": "Enabled"} if as_bool(p.get("versioning"), True) else None,
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
        if as_bool(p.get("encrypted"), True) else None,
        "PublicAccessBlockConfiguration": {k: not public for k in (
            "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")},
        "LifecycleConfiguration": {"Rules": rules} if rules else None,
        "WebsiteConfiguration": {"IndexDocument": "index.html", "ErrorDocument": "error.html"}
        if website else None,
        "Tags": t.tags(node.id),
    }, DeletionPolicy="Retain", UpdateReplacePolicy="Retain")
    statements = []
    objects = {"Fn::Join": ["", [t.att(node.id, "Arn"), "/*"]]}
    for cdn, origins in t.facts.origins.items():
        if node.id in origins and not website:
            arn = {"Fn::Join": ["", ["arn:aws:cloudfront::", ref("AWS::AccountId"), ":distribution/",
                                     t.ref(cdn)]]}
            statements.append({"Sid": f"CloudFront{len(statements) + 1}", "Effect": "Allow",
                               "Principal": {"Service": "cloudfront.amazonaws.com"},
                               "Action": "s3:GetObject", "Resource": objects,
                               "Condition": {"StringEquals": {"AWS:SourceArn": arn}}})
    if website and public:
        statements.append({"Sid": "PublicWebsite", "Effect": "Allow", "Principal": "*",
                           "Action": "s3:GetObject", "Resource": objects})
    if statements:
        t.add(node.id, "Policy", "AWS::S3::BucketPolicy", {
            "Bucket": t.ref(node.id),
            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}})


def glacier_vault(t: CfnTemplate, node: Node) -> None:
    """Not exported: AWS::Glacier::Vault has left CloudFormation's registry in every Region
    (cfn-lint E3006; Glacier vaults are closed to new customers). Terraform still has it."""
    t.notes.append(f'Glacier vault "{node.id}": CloudFormation no longer offers AWS::Glacier::Vault; '
                   f"skipped (use an S3 bucket with a GLACIER lifecycle rule, or the Terraform export)")


def route53_zone(t: CfnTemplate, node: Node) -> None:
    """A hosted zone; a private one is associated with its records' target VPCs (else every
    VPC of the template's Region)."""
    f = t.facts
    domain = as_str(node.props.get("domain"), "example.com") or "example.com"
    props: dict[str, Any] = {
        "Name": domain,
        "HostedZoneConfig": {"Comment": (node.label or node.id)[:256]},
        "HostedZoneTags": t.tags(node.id),
    }
    if as_bool(node.props.get("private")):
        vpcs = private_zone_vpcs(f, node.id, t.plan.code)
        if vpcs:
            props["VPCs"] = [{"VPCId": t.ref(v), "VPCRegion": ref("AWS::Region")} for v in vpcs]
        else:
            t.notes.append(f'private hosted zone "{node.id}": no VPC in {t.plan.code}; exported as public')
    t.add(node.id, "", "AWS::Route53::HostedZone", props)


def private_zone_vpcs(f: Any, zone_id: str, code: str) -> list[str]:
    """The VPCs a private zone serves (shared with Terraform)."""
    vpcs: list[str] = []
    for record, zone in f.record_zone.items():
        target = f.alias_target.get(record)
        vpc = f.vpc.get(target) if zone == zone_id and target else None
        if vpc and f.region.get(vpc) == code and vpc not in vpcs:
            vpcs.append(vpc)
    return vpcs or [n.id for n in f.design.nodes_of_kind("vpc") if f.region.get(n.id) == code
                    and n.id in f.exported]


def route53_record(t: CfnTemplate, node: Node) -> None:
    """A record: alias to its dns edge's target, or literal values; routing policy and an
    optional health check."""
    f = t.facts
    p = node.props
    record_type = as_str(p.get("type"), "A").upper() or "A"
    target = f.alias_target.get(node.id)
    props: dict[str, Any] = {"HostedZoneId": t.ref(f.record_zone[node.id]),
                             "Name": as_str(p.get("name")) or as_str(f.node(f.record_zone[node.id]).props.get("domain"), "example.com"),
                             "Type": record_type}
    alias = alias_target(t, target) if as_bool(p.get("alias"), True) and target else None
    values = as_str_list(p.get("values"))
    if alias:
        evaluate = as_bool(p.get("evaluate_target_health")) and f.kind(target) != "cloudfront"
        props["AliasTarget"] = {"DNSName": alias[0], "HostedZoneId": alias[1],
                                "EvaluateTargetHealth": evaluate}
    elif values:
        props.update(TTL=str(as_int(p.get("ttl"), 300) or 300), ResourceRecords=values)
    else:
        t.notes.append(f'route53 record "{node.id}": no alias target and no values; skipped')
        return
    routing = as_str(p.get("routing"), "simple").lower()
    set_id = as_str(p.get("set_id")) or node.id
    if routing == "failover":
        role = as_str(p.get("failover_role"), "primary").upper()
        props.update(SetIdentifier=set_id, Failover="SECONDARY" if role == "SECONDARY" else "PRIMARY")
    elif routing == "weighted":
        props.update(SetIdentifier=set_id, Weight=max(0, min(255, as_int(p.get("weight"), 1) or 0)))
    elif routing == "latency":
        props.update(SetIdentifier=set_id,
                     Region=as_str(p.get("region")) or f.region.get(target or "", t.plan.code))
    elif routing == "geolocation":
        geo = aws.geolocation(as_str(p.get("location")))
        if geo is None:
            t.notes.append(f'route53 record "{node.id}": location {p.get("location")!r} is not a '
                           f"country or continent code; routed as simple")
        else:
            keys = {"country": "CountryCode", "continent": "ContinentCode", "subdivision": "SubdivisionCode"}
            props.update(SetIdentifier=set_id, GeoLocation={keys[k]: v for k, v in geo.items()})
    if as_bool(p.get("health_check")):
        host = alias[0] if alias and target and f.kind(target) != "s3_bucket" else props["Name"]
        port, path, kind = health_target(f, target)
        t.add(node.id, "Health Check", "AWS::Route53::HealthCheck", {"HealthCheckConfig": {
            "Type": kind, "FullyQualifiedDomainName": host, "Port": port, "ResourcePath": path,
            "RequestInterval": 30, "FailureThreshold": 3}, "HealthCheckTags": t.tags(node.id)})
        props["HealthCheckId"] = t.ref(node.id, "Health Check")
    t.add(node.id, "", "AWS::Route53::RecordSet", props)


def health_target(f: Any, target: str | None) -> tuple[int, str, str]:
    """(port, path, HTTP|HTTPS) for a record's health check, from the target LB when known."""
    if target and f.kind(target) == "load_balancer":
        props = f.node(target).props
        kind = aws.lb_type(props)
        secure = any(x["protocol"] in ("HTTPS", "TLS", "SSL") for x in aws.listeners(props, kind, [], target))
        return (443 if secure else 80, aws.health_check(props, kind)["path"], "HTTPS" if secure else "HTTP")
    return (443, "/", "HTTPS") if target else (80, "/", "HTTP")


def alias_target(t: CfnTemplate, target: str) -> tuple[Any, Any] | None:
    """(DNSName, HostedZoneId) of an alias target, or None (with a note) when it has none."""
    f = t.facts
    kind = f.kind(target)
    if kind == "cloudfront":
        return t.att(target, "DomainName"), aws.CLOUDFRONT_ZONE_ID
    if kind == "load_balancer":
        zone = "CanonicalHostedZoneNameID" if aws.lb_type(f.node(target).props) == "clb" \
            else "CanonicalHostedZoneID"
        return t.att(target, "DNSName"), t.att(target, zone)
    code = f.region.get(target, "")
    if kind == "s3_bucket" and as_bool(f.node(target).props.get("website")) and code in aws.S3_WEBSITE_ZONES:
        return aws.S3_WEBSITE_ZONES[code]
    t.notes.append(f'alias to "{target}": only load balancers, CloudFront and S3 websites '
                   f"(in a known Region) can be alias targets; skipped")
    return None


def cloudfront(t: CfnTemplate, node: Node) -> None:
    """A distribution whose default behaviour serves its first origin; S3 origins use origin
    access control; the certificate is an optional parameter that also enables the aliases."""
    f = t.facts
    origins = f.origins.get(node.id, [])
    if not origins:
        t.notes.append(f'CloudFront "{node.id}" has no origin edge; skipped')
        return
    items, uses_oac = [], False
    for target in origins:
        item: dict[str, Any] = {"Id": t.name(target)}
        target_props = f.node(target).props
        if f.kind(target) == "s3_bucket" and as_bool(target_props.get("website")):
            url = t.att(target, "WebsiteURL")
            item.update(DomainName={"Fn::Select": ["1", {"Fn::Split": ["://", url]}]},
                        CustomOriginConfig={"OriginProtocolPolicy": "http-only"})
        elif f.kind(target) == "s3_bucket":
            uses_oac = True
            item.update(DomainName=t.att(target, "RegionalDomainName"),
                        S3OriginConfig={"OriginAccessIdentity": ""},
                        OriginAccessControlId=t.att(node.id, "Id", "Origin Access Control"))
        else:
            kind = aws.lb_type(target_props)
            secure = any(x["protocol"] == "HTTPS" for x in aws.listeners(target_props, kind, [], target))
            item.update(DomainName=t.att(target, "DNSName"), CustomOriginConfig={
                "OriginProtocolPolicy": "https-only" if secure else "http-only"})
        items.append(item)
    if uses_oac:
        t.add(node.id, "Origin Access Control", "AWS::CloudFront::OriginAccessControl", {
            "OriginAccessControlConfig": {
                "Name": {"Fn::Join": ["-", [ref("AWS::StackName"), t.name(node.id)[:30]]]},
                "OriginAccessControlOriginType": "s3", "SigningBehavior": "always",
                "SigningProtocol": "sigv4"}})
    first = f.kind(origins[0])
    behavior: dict[str, Any] = {
        "TargetOriginId": items[0]["Id"],
        "ViewerProtocolPolicy": as_str(node.props.get("viewer_protocol_policy"), "redirect-to-https"),
        "CachePolicyId": aws.CACHING_OPTIMIZED if first == "s3_bucket" else aws.CACHING_DISABLED,
    }
    if first == "load_balancer":
        behavior.update(OriginRequestPolicyId=aws.ALL_VIEWER_EXCEPT_HOST,
                        AllowedMethods=["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"])
    if behavior["ViewerProtocolPolicy"] not in ("redirect-to-https", "https-only", "allow-all"):
        behavior["ViewerProtocolPolicy"] = "redirect-to-https"
    certificate = t.parameter(t.name(node.id, "Certificate"), "String",
                              f"ACM certificate ARN in us-east-1 for {node.id} (empty: the "
                              f"CloudFront domain only, no aliases)", default="")
    condition = t.name(node.id, "Has Certificate")
    t.conditions[condition] = {"Fn::Not": [{"Fn::Equals": [certificate, ""]}]}
    aliases = as_str_list(node.props.get("aliases"))
    config: dict[str, Any] = {
        "Enabled": True,
        "Comment": (node.label or node.id)[:128],
        "Aliases": {"Fn::If": [condition, aliases, ref("AWS::NoValue")]} if aliases else None,
        "DefaultRootObject": "index.html" if first == "s3_bucket" else None,
        "HttpVersion": "http2and3",
        "Origins": items,
        "DefaultCacheBehavior": behavior,
        "ViewerCertificate": {"Fn::If": [condition,
                                         {"AcmCertificateArn": certificate, "SslSupportMethod": "sni-only",
                                          "MinimumProtocolVersion": aws.cloudfront_tls_policy(node.props)},
                                         {"CloudFrontDefaultCertificate": True}]},
    }
    t.add(node.id, "", "AWS::CloudFront::Distribution",
          {"DistributionConfig": {k: v for k, v in config.items() if v is not None},
           "Tags": t.tags(node.id)})
    t.output(node.id, "Domain Name", att(t.name(node.id), "DomainName"), f"Domain of {node.id}")
