"""Evaluate CloudFormation intrinsic functions as far as a template alone allows.

`Resolver.value(x)` returns plain data where it can: parameters become their defaults,
`AWS::Region` the import's Region, `Fn::Join`/`Fn::Sub`/`Fn::Select`/`Fn::FindInMap`/
`Fn::If` are evaluated when their inputs are known. A reference to a resource becomes a
`ResRef` (logical id + attribute), an AZ chosen from `Fn::GetAZs` an `AzIndex`, and
anything that only a deployment knows an `Unknown` with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PSEUDO_UNKNOWN = ("AWS::AccountId", "AWS::StackId", "AWS::StackName", "AWS::NotificationARNs",
                  "AWS::Partition", "AWS::URLSuffix")


@dataclass(frozen=True)
class ResRef:
    """A reference to a resource of the template (Ref or Fn::GetAtt)."""

    logical_id: str
    attribute: str | None = None


@dataclass(frozen=True)
class AzIndex:
    """`Fn::Select [i, Fn::GetAZs ...]`: the Region's i-th Availability Zone."""

    index: int


@dataclass(frozen=True)
class Unknown:
    """A value only a deployment knows (an import, an account id, a parameter without default)."""

    reason: str


class _AZs:
    """The result of Fn::GetAZs (only useful inside Fn::Select)."""


AZS = _AZs()
NO_VALUE = object()  # AWS::NoValue: the property is absent


class Resolver:
    """Evaluates values of one template (see the module docstring)."""

    def __init__(self, template: dict[str, Any], region: str, prefix: str = "") -> None:
        self.region = region
        self.prefix = prefix  # keeps logical ids of several templates apart
        self.resources = template.get("Resources") if isinstance(template.get("Resources"), dict) else {}
        raw = template.get("Parameters")
        self.parameters: dict[str, Any] = raw if isinstance(raw, dict) else {}
        raw = template.get("Mappings")
        self.mappings: dict[str, Any] = raw if isinstance(raw, dict) else {}
        raw = template.get("Conditions")
        self.conditions: dict[str, Any] = raw if isinstance(raw, dict) else {}
        self._depth = 0

    def value(self, item: Any) -> Any:
        """The evaluated value (see the module docstring); never raises on odd input."""
        self._depth += 1
        try:
            if self._depth > 60:
                return Unknown("nested too deeply")
            return self._value(item)
        finally:
            self._depth -= 1

    def _value(self, item: Any) -> Any:
        if isinstance(item, list):
            out = [self.value(v) for v in item]
            return [v for v in out if v is not NO_VALUE]
        if not isinstance(item, dict):
            return item
        if len(item) == 1:
            (name, arg), = item.items()
            if name == "Ref":
                return self.ref(arg)
            if name == "Condition":
                return self.condition(arg)
            if isinstance(name, str) and name.startswith("Fn::"):
                handler = getattr(self, "fn_" + name[4:].lower(), None)
                if handler is not None:
                    return handler(arg)
                return Unknown(f"{name} is evaluated at deployment")
        out = {k: self.value(v) for k, v in item.items()}
        return {k: v for k, v in out.items() if v is not NO_VALUE}

    # ------------------------------------------------------------------ references
    def ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            return Unknown("Ref needs a name")
        if name in self.resources:
            return ResRef(self.prefix + name)
        if name == "AWS::Region":
            return self.region
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in PSEUDO_UNKNOWN:
            return Unknown(f"{name} is known at deployment")
        parameter = self.parameters.get(name)
        if isinstance(parameter, dict):
            if "Default" in parameter:
                default = parameter["Default"]
                kind = str(parameter.get("Type", ""))
                if kind.startswith("List<") or kind == "CommaDelimitedList":
                    return [s.strip() for s in str(default).split(",")] if isinstance(default, str) else default
                if kind.startswith("AWS::SSM::Parameter::Value"):
                    return Unknown(f"parameter {name} is read from SSM at deployment")
                return default
            return Unknown(f"parameter {name} has no default")
        return Unknown(f"Ref to {name}, which the template does not declare")

    def fn_getatt(self, arg: Any) -> Any:
        if isinstance(arg, str):
            arg = arg.split(".", 1)
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str):
            attribute = self.value(arg[1])
            if arg[0] in self.resources and isinstance(attribute, str):
                return ResRef(self.prefix + arg[0], attribute)
        return Unknown("Fn::GetAtt needs [resource, attribute]")

    def fn_getazs(self, arg: Any) -> Any:
        return AZS

    def fn_select(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return Unknown("Fn::Select needs [index, list]")
        index, items = self.value(arg[0]), self.value(arg[1])
        try:
            i = int(index)
        except (TypeError, ValueError):
            return Unknown("Fn::Select index is not a number")
        if items is AZS:
            return AzIndex(i)
        if isinstance(items, list) and 0 <= i < len(items):
            return items[i]
        return Unknown("Fn::Select from a list known at deployment")

    def fn_join(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return Unknown("Fn::Join needs [delimiter, list]")
        sep, items = self.value(arg[0]), self.value(arg[1])
        if isinstance(sep, str) and isinstance(items, list) and all(
                isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in items):
            return sep.join(str(x) for x in items)
        return Unknown("Fn::Join of values known at deployment")

    def fn_split(self, arg: Any) -> Any:
        if isinstance(arg, list) and len(arg) == 2:
            sep, text = self.value(arg[0]), self.value(arg[1])
            if isinstance(sep, str) and sep and isinstance(text, str):
                return text.split(sep)
        return Unknown("Fn::Split of a value known at deployment")

    def fn_sub(self, arg: Any) -> Any:
        variables: dict[str, Any] = {}
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], dict):
            arg, variables = arg[0], {k: self.value(v) for k, v in arg[1].items()}
        if not isinstance(arg, str):
            return Unknown("Fn::Sub needs a string")

        unknown: list[str] = []

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            found = variables[name] if name in variables else (
                self.ref(name) if "." not in name else Unknown("attribute"))
            if isinstance(found, (str, int, float)) and not isinstance(found, bool):
                return str(found)
            unknown.append(name)
            return ""

        text = re.sub(r"\$\{([^}]*)\}", one, arg)
        return Unknown(f"Fn::Sub uses {', '.join(unknown)}") if unknown else text

    def fn_findinmap(self, arg: Any) -> Any:
        if isinstance(arg, list) and len(arg) >= 3:
            keys = [self.value(k) for k in arg[:3]]
            found: Any = self.mappings
            for key in keys:
                if not isinstance(found, dict) or not isinstance(key, str) or key not in found:
                    return Unknown("Fn::FindInMap with a key known at deployment")
                found = found[key]
            return self.value(found)
        return Unknown("Fn::FindInMap needs [map, key, key]")

    def fn_if(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 3):
            return Unknown("Fn::If needs [condition, then, else]")
        chosen = self.condition(arg[0])
        # An undecidable condition takes its first branch: the template's "feature on" case.
        return self.value(arg[2] if chosen is False else arg[1])

    def fn_base64(self, arg: Any) -> Any:
        return self.value(arg)

    def fn_equals(self, arg: Any) -> Any:
        if isinstance(arg, list) and len(arg) == 2:
            a, b = self.value(arg[0]), self.value(arg[1])
            if not isinstance(a, (Unknown, ResRef)) and not isinstance(b, (Unknown, ResRef)):
                return str(a) == str(b)
        return None

    def fn_not(self, arg: Any) -> Any:
        inner = self.value(arg[0]) if isinstance(arg, list) and arg else None
        return (not inner) if isinstance(inner, bool) else None

    def fn_and(self, arg: Any) -> Any:
        values = [self.value(v) for v in arg] if isinstance(arg, list) else [None]
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None

    def fn_or(self, arg: Any) -> Any:
        values = [self.value(v) for v in arg] if isinstance(arg, list) else [None]
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else None

    def condition(self, name: Any) -> bool | None:
        """A named condition's value, or None when only a deployment knows."""
        if not isinstance(name, str) or name not in self.conditions:
            return None
        self._depth += 1
        try:
            if self._depth > 60:
                return None
            found = self.value(self.conditions[name])
        finally:
            self._depth -= 1
        return found if isinstance(found, bool) else None


def refs_in(item: Any) -> list[str]:
    """Every logical id referenced (Ref, GetAtt, Sub ${X}) anywhere inside raw template data."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "Ref" and isinstance(inner, str):
                    out.append(inner)
                elif key == "Fn::GetAtt":
                    if isinstance(inner, list) and inner and isinstance(inner[0], str):
                        out.append(inner[0])
                    elif isinstance(inner, str):
                        out.append(inner.split(".", 1)[0])
                elif key == "Fn::Sub":
                    text = inner[0] if isinstance(inner, list) and inner else inner
                    if isinstance(text, str):
                        out.extend(m.split(".", 1)[0] for m in re.findall(r"\$\{([^}!]*)\}", text))
                    walk(inner)
                    continue
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(item)
    return out
