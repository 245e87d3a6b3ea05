"""Terraform exporter (HCL for the AWS provider 6.x).

    export(design, "terraform")                   -> {"main.tf": "..."}  (layout="single")
    export(design, "terraform", layout="folder")  -> {"main.tf", "variables.tf", "outputs.tf"}

One configuration for the whole design: a `provider "aws"` block per Region with
`alias = "<region code with - → _>"`, and `provider = aws.<alias>` on every resource and
data source. Resource names come from labels (ASCII words, made unique; Korean-only labels
fall back to the node id). AZs are `data.aws_availability_zones.<alias>.names[i]`; the AMI
is read from an SSM public parameter; DB master passwords are sensitive variables without
a default; certificates are variables with the design's ARN as default. Every string is
written by `hcl.string`, which escapes quotes, control characters, `${` and `%{`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from designer.exporters import (
    ExportError,
    ExportResult,
    exporter,
    tf_network,
    tf_services,
    unmodelled,
)
from designer.exporters.derive import derive
from designer.exporters.naming import Namer, snake
from designer.exporters.tf_config import TfConfig, tf_identifier
from designer.model import Design, Node

BUILDERS: dict[str, Callable[[TfConfig, Node], None]] = {
    "vpc": tf_network.vpc,
    "subnet": tf_network.subnet,
    "internet_gateway": tf_network.internet_gateway,
    "nat_gateway": tf_network.nat_gateway,
    "elastic_ip": tf_network.elastic_ip,
    "vpc_endpoint": tf_network.vpc_endpoint,
    "vpn_gateway": tf_network.vpn_gateway,
    "customer_gateway": tf_network.customer_gateway,
    "security_group": tf_network.security_group,
    "network_acl": tf_network.network_acl,
    "ec2": tf_services.ec2,
    "ebs_volume": tf_services.ebs_volume,
    "auto_scaling_group": tf_services.auto_scaling_group,
    "load_balancer": tf_services.load_balancer,
    "rds": tf_services.rds,
    "s3_bucket": tf_services.s3_bucket,
    "glacier_vault": tf_services.glacier_vault,
    "route53_zone": tf_services.route53_zone,
    "route53_record": tf_services.route53_record,
    "cloudfront": tf_services.cloudfront,
}
LAYOUTS = ("single", "folder")


def build_config(design: Design) -> TfConfig:
    """The whole configuration, built but not rendered."""
    facts = derive(design)
    config = TfConfig(facts, Namer(facts.words, snake, tf_identifier), list(facts.notes))
    for reserved in ("ami_ssm_parameter", "key_name"):
        config.name.reserve(reserved)
    unmodelled.reserve_tf(design, config.name)  # blocks an import kept keep their names
    for plan in facts.regions:
        config.plan = plan
        for node in plan.nodes:
            if node.id in facts.exported:
                BUILDERS[node.kind](config, node)
    tf_network.peerings(config)
    return config


@exporter("terraform", "Terraform", ".tf")
def export_terraform(design: Design, layout: str = "single", **_options: Any) -> ExportResult:
    """`layout="single"`: main.tf only; `layout="folder"`: main.tf, variables.tf, outputs.tf."""
    if layout not in LAYOUTS:
        raise ExportError(f'unknown Terraform layout "{layout}" (use single or folder)')
    config = build_config(design)
    if not config.resources:
        config.notes.append("the design has no AWS resources; the configuration only names the providers")
    kept, kept_variables = unmodelled.tf_text(design, config)  # what an import kept, re-pointed
    if layout == "single":
        main = "\n".join(p for p in (config.render_main(with_rest=True), kept_variables, kept) if p)
        return ExportResult(files={"main.tf": main}, notes=config.notes)
    return ExportResult(files={
        "main.tf": "\n".join(p for p in (config.render_main(with_rest=False), kept) if p),
        "variables.tf": "\n".join(p for p in (config.render_variables(), kept_variables) if p)
        or "# This design needs no variables.\n",
        "outputs.tf": config.render_outputs() or "# This design has no outputs.\n",
    }, notes=config.notes)
