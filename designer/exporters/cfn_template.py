"""One CloudFormation template under construction: resources, parameters, conditions, outputs.

Builders add resources through `CfnTemplate.add` and link them with `ref` / `att`, which
write the long forms (`Ref`, `Fn::GetAtt`). A link to a resource that lives in another
Region's template becomes a String parameter (CloudFormation cannot reference across
Regions), with a note telling the user which stack output to paste.
"""

from __future__ import annotations

import re
from typing import Any

from designer.exporters.derive import Facts, RegionPlan
from designer.exporters.naming import Namer, ascii_part

# What EC2 accepts in a security group description (ASCII only).
_SG_DESCRIPTION = re.compile(r"[^a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]")


def ref(name: str) -> dict[str, Any]:
    """{"Ref": name}."""
    return {"Ref": name}


def att(name: str, attribute: str) -> dict[str, Any]:
    """The long form of GetAtt."""
    return {"Fn::GetAtt": [name, attribute]}


def ascii_description(text: str | None, fallback: str) -> str:
    """`text` reduced to EC2's description alphabet (max 255), or `fallback` when nothing is left."""
    cleaned = " ".join(_SG_DESCRIPTION.sub(" ", ascii_part(text or "") or text or "").split())[:255]
    return cleaned or fallback


class CfnTemplate:
    """The template of one Region; `facts` and `name` are shared by every Region's template."""

    def __init__(self, facts: Facts, plan: RegionPlan, name: Namer, notes: list[str]) -> None:
        self.facts = facts
        self.plan = plan
        self.name = name
        self.notes = notes
        self.resources: dict[str, dict[str, Any]] = {}
        self.parameters: dict[str, dict[str, Any]] = {}
        self.conditions: dict[str, Any] = {}
        self.outputs: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ building
    def add(self, node_id: str, role: str, rtype: str, properties: dict[str, Any],
            depends_on: list[str] | None = None, **attributes: Any) -> str:
        """Add a resource for `node_id`'s `role`; returns its logical id."""
        logical = self.name(node_id, role)
        body: dict[str, Any] = {"Type": rtype}
        if depends_on:
            body["DependsOn"] = sorted(set(depends_on))
        body.update(attributes)
        body["Properties"] = {k: v for k, v in properties.items() if v is not None}
        self.resources[logical] = body
        return logical

    def parameter(self, name: str, ptype: str, description: str, default: Any = None,
                  **extra: Any) -> dict[str, Any]:
        """Declare a parameter (once) and return a Ref to it."""
        if name not in self.parameters:
            body: dict[str, Any] = {"Type": ptype, "Description": description}
            if default is not None:
                body["Default"] = default
            body.update(extra)
            self.parameters[name] = body
        return ref(name)

    def output(self, node_id: str, role: str, value: Any, description: str) -> None:
        self.outputs[self.name(node_id, role)] = {"Description": description, "Value": value}

    # ------------------------------------------------------------------ links
    def local(self, node_id: str) -> bool:
        return self.facts.region.get(node_id) == self.plan.code

    def ref(self, node_id: str, role: str = "") -> Any:
        """A Ref to the resource of (node, role), or a parameter when it is in another Region."""
        if self.local(node_id):
            return ref(self.name(node_id, role))
        return self._foreign(node_id, role, "Id")

    def att(self, node_id: str, attribute: str, role: str = "") -> Any:
        """A GetAtt on (node, role), or a parameter when it is in another Region."""
        if self.local(node_id):
            return att(self.name(node_id, role), attribute)
        return self._foreign(node_id, role, attribute)

    def _foreign(self, node_id: str, role: str, what: str) -> dict[str, Any]:
        code = self.facts.region.get(node_id, "?")
        name = self.name(node_id, f"{role} {what} From Other Region")
        if name not in self.parameters:
            self.notes.append(f"{self.plan.code}.yaml: parameter {name} takes {what} of "
                              f'"{node_id}" from the {code} stack')
        return self.parameter(name, "String", f"{what} of {node_id} in {code} (deploy {code} first)",
                              default="")

    def tags(self, node_id: str, extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """The Name tag: the node's label as data (or its id)."""
        node = self.facts.node(node_id)
        return [{"Key": "Name", "Value": node.label or node.id}] + list(extra or [])

    def az(self, node_id: str) -> Any:
        """`Fn::Select [i, Fn::GetAZs ""]` for the node's AZ index, or None when it has none."""
        index = self.facts.az_index.get(node_id)
        if index is None:
            return None
        return {"Fn::Select": [str(index), {"Fn::GetAZs": ""}]}

    def shared_parameter(self, name: str, ptype: str, description: str, default: Any = None,
                         **extra: Any) -> dict[str, Any]:
        """A parameter that is not tied to one node (AMI, key pair)."""
        self.name.reserve(name)
        return self.parameter(name, ptype, description, default, **extra)

    def key_name(self) -> Any:
        """The optional key pair: a parameter with an empty default and a condition."""
        self.shared_parameter("KeyName", "String", "EC2 key pair for SSH (empty: none)", default="")
        self.conditions["HasKeyName"] = {"Fn::Not": [{"Fn::Equals": [ref("KeyName"), ""]}]}
        return {"Fn::If": ["HasKeyName", ref("KeyName"), ref("AWS::NoValue")]}

    def image_id(self) -> Any:
        """The AMI: an SSM public parameter resolved at deploy time."""
        return self.shared_parameter(
            "LatestAmiId", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
            "AMI for instances and launch templates (Amazon Linux 2023 by default)",
            default="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")

    def template(self, description: str) -> dict[str, Any]:
        """The finished template as a dict (sections in the usual order)."""
        out: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09",
                               "Description": description}
        if any(p.get("NoEcho") for p in self.parameters.values()):
            # The DB password is a NoEcho parameter by design; cfn-lint's W1011 would prefer a
            # Secrets Manager dynamic reference, which the design cannot know.
            out["Metadata"] = {"cfn-lint": {"config": {"ignore_checks": ["W1011"]}}}
        if self.parameters:
            out["Parameters"] = self.parameters
        if self.conditions:
            out["Conditions"] = self.conditions
        out["Resources"] = self.resources
        if self.outputs:
            out["Outputs"] = self.outputs
        return out
