"""Read a CloudFormation template (YAML with short-form tags, or JSON) as plain data.

`TemplateLoader` is a `yaml.SafeLoader` (nothing is ever executed) that turns the
short-form intrinsic tags (`!Ref X`, `!GetAtt A.B`, `!Sub`, `!Select`, …) into their long
forms (`{"Ref": "X"}`, `{"Fn::GetAtt": ["A", "B"]}`), and remembers the line of every
mapping key, so that messages can say `file:line`. JSON is read with `json` (CloudFormation
JSON is strict JSON), and the lines of resources are found in the text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from designer.importers.report import ImporterError

# Short-form tags whose long form is "Fn::<Name>" (Ref and Condition are special).
FN_TAGS = ("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select",
           "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString",
           "Length")


class LineDict(dict):
    """A mapping that remembers where it and each of its keys start (1-based lines)."""

    line: int = 0
    lines: dict[Any, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = {}

    def line_of(self, key: Any) -> int | None:
        return self.lines.get(key) or self.line or None


class TemplateLoader(yaml.SafeLoader):
    """SafeLoader + CloudFormation's short-form tags + line numbers (see the module doc)."""


def _construct_mapping(loader: TemplateLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = key_node.start_mark.line + 1


def _tag_value(loader: TemplateLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _fn(name: str):
    def construct(loader: TemplateLoader, node: yaml.Node) -> dict[str, Any]:
        value = _tag_value(loader, node)
        if name == "GetAtt" and isinstance(value, str):
            # !GetAtt Resource.Attribute (the attribute may itself contain dots)
            resource, _, attribute = value.partition(".")
            value = [resource, attribute]
        out = LineDict({f"Fn::{name}": value})
        out.line = node.start_mark.line + 1
        return out
    return construct


def _simple(long_name: str):
    def construct(loader: TemplateLoader, node: yaml.Node) -> dict[str, Any]:
        out = LineDict({long_name: _tag_value(loader, node)})
        out.line = node.start_mark.line + 1
        return out
    return construct


def _unknown_tag(loader: TemplateLoader, suffix: str, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"unknown tag !{suffix} (expected a CloudFormation function such as !Ref)",
        node.start_mark)


TemplateLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
TemplateLoader.add_constructor("!Ref", _simple("Ref"))
TemplateLoader.add_constructor("!Condition", _simple("Condition"))
for _name in FN_TAGS:
    TemplateLoader.add_constructor(f"!{_name}", _fn(_name))
TemplateLoader.add_multi_constructor("!", _unknown_tag)
# Timestamps stay text (a template's dates are strings to CloudFormation).
TemplateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_template(text: str, file: str) -> Any:
    """The template's data; raises ImporterError with `file:line: what was expected`."""
    if text.lstrip().startswith("{"):
        return _load_json(text, file)
    try:
        return yaml.load(text, Loader=TemplateLoader)  # noqa: S506 - TemplateLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"{mark.line + 1}" if mark else "?"
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise ImporterError(f"{file}:{line}: not valid YAML: {problem}") from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise ImporterError(f"{file}: not valid YAML: {' '.join(str(exc).split())[:200]}") from None


def _load_json(text: str, file: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise ImporterError(f"{file}:{exc.lineno}: not valid JSON: {exc.msg} "
                            f"(column {exc.colno})") from None
    except RecursionError:
        raise ImporterError(f"{file}: not valid JSON: nested too deeply") from None
    if isinstance(data, LineDict):
        resources = data.get("Resources")
        if isinstance(resources, LineDict):
            # JSON has no marks: find `"LogicalId": {` in the text for each resource.
            for key in resources:
                match = re.search(r'"' + re.escape(json.dumps(key)[1:-1]) + r'"\s*:\s*\{', text)
                if match:
                    resources.lines[key] = text.count("\n", 0, match.start()) + 1
    return data


def _json_object(pairs: list[tuple[str, Any]]) -> LineDict:
    data = LineDict()
    for key, value in pairs:
        data[key] = value
    return data
