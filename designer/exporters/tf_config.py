"""One Terraform configuration under construction: providers, data sources, variables,
resources and outputs, rendered to `main.tf` (+ `variables.tf`, `outputs.tf`)."""

from __future__ import annotations

import re
from typing import Any

from designer.exporters import aws_facts as aws
from designer.exporters.derive import Facts, RegionPlan
from designer.exporters.hcl import Expr, block, blocks
from designer.exporters.naming import Namer

PROVIDER_VERSION = "~> 6.0"


def tf_identifier(text: str) -> str:
    """Terraform names: letters, digits, _ and -, not starting with a digit."""
    text = re.sub(r"[^A-Za-z0-9_]", "_", text)[:64] or "resource"
    return text if not text[0].isdigit() else "r_" + text


class TfConfig:
    """Collects blocks for the whole design (all Regions); `plan` is the Region being built."""

    def __init__(self, facts: Facts, name: Namer, notes: list[str]) -> None:
        self.facts = facts
        self.name = name
        self.notes = notes
        self.plan: RegionPlan = facts.regions[0]
        self.resources: list[tuple[str, str, dict[str, Any]]] = []
        self.data: dict[tuple[str, str], dict[str, Any]] = {}
        self.variables: dict[str, dict[str, Any]] = {}
        self.outputs: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ building
    def add(self, rtype: str, node_id: str, role: str, attributes: dict[str, Any],
            region: str | None = None) -> str:
        """Add `resource "rtype" "<name>"` in the node's Region; returns the name."""
        name = self.name(node_id, role)
        alias = (region or self.facts.region.get(node_id) or self.plan.code).replace("-", "_")
        self.resources.append((rtype, name, {"provider": Expr(f"aws.{alias}"), **attributes}))
        return name

    def ref(self, rtype: str, node_id: str, attribute: str = "id", role: str = "") -> Expr:
        """`rtype.<name of (node, role)>.attribute`."""
        return Expr(f"{rtype}.{self.name(node_id, role)}.{attribute}")

    def variable(self, name: str, description: str, default: Any = None, sensitive: bool = False,
                 nullable_default: bool = False) -> Expr:
        """Declare `variable "name"` once; returns `var.name`."""
        if name not in self.variables:
            body: dict[str, Any] = {"description": description, "type": Expr("string")}
            if default is not None:
                body["default"] = default
            elif nullable_default:
                body["default"] = Expr("null")
            if sensitive:
                body["sensitive"] = True
            self.variables[name] = body
        return Expr(f"var.{name}")

    def output(self, node_id: str, role: str, value: Expr, description: str) -> None:
        self.outputs[self.name(node_id, role)] = {"description": description, "value": value}

    def tags(self, node_id: str) -> dict[str, str]:
        """The Name tag: the node's label as data (or its id)."""
        node = self.facts.node(node_id)
        return {"Name": node.label or node.id}

    # ------------------------------------------------------------------ per-Region data
    def az(self, node_id: str) -> Expr | None:
        """`data.aws_availability_zones.<alias>.names[i]`, or None when the node has no AZ."""
        index = self.facts.az_index.get(node_id)
        if index is None:
            return None
        return Expr(f"data.aws_availability_zones.{self._azs()}.names[{index}]")

    def first_az(self) -> Expr:
        return Expr(f"data.aws_availability_zones.{self._azs()}.names[0]")

    def _azs(self) -> str:
        alias = self.plan.alias
        self.data.setdefault(("aws_availability_zones", alias),
                             {"provider": Expr(f"aws.{alias}"), "state": "available"})
        return alias

    def image_id(self) -> Expr:
        """The AMI from the SSM public parameter named by `var.ami_ssm_parameter`."""
        alias = self.plan.alias
        parameter = self.variable("ami_ssm_parameter", "SSM parameter that holds the AMI id",
                                  default=aws.AMI_SSM_PARAMETER)
        self.data.setdefault(("aws_ssm_parameter", f"ami_{alias}"),
                             {"provider": Expr(f"aws.{alias}"), "name": parameter})
        return Expr(f"data.aws_ssm_parameter.ami_{alias}.insecure_value")

    def key_name(self) -> Expr:
        return self.variable("key_name", "EC2 key pair for SSH (null: none)", nullable_default=True)

    # ------------------------------------------------------------------ rendering
    def header(self) -> str:
        out = [block("terraform", (), {
            "required_version": ">= 1.5",
            "required_providers": blocks(
                {"aws": {"source": "hashicorp/aws", "version": PROVIDER_VERSION}}),
        })]
        for plan in self.facts.regions:
            out.append(block("provider", ("aws",), {"alias": plan.alias, "region": plan.code}))
        return "\n".join(out)

    def render_main(self, with_rest: bool) -> str:
        parts = [self.header()]
        for (dtype, name), attributes in self.data.items():
            parts.append(block("data", (dtype, name), attributes))
        if with_rest:
            parts.extend(self._variables())
        for rtype, name, attributes in self.resources:
            parts.append(block("resource", (rtype, name), attributes))
        if with_rest:
            parts.extend(self._outputs())
        return "\n".join(parts)

    def _variables(self) -> list[str]:
        return [block("variable", (name,), body) for name, body in self.variables.items()]

    def _outputs(self) -> list[str]:
        return [block("output", (name,), body) for name, body in self.outputs.items()]

    def render_variables(self) -> str:
        return "\n".join(self._variables())

    def render_outputs(self) -> str:
        return "\n".join(self._outputs())
