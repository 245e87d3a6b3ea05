"""Parse Terraform files with python-hcl2 and evaluate what a configuration alone tells.

`parse_file` returns python-hcl2's data with quotes kept (so a literal and an expression
stay apart) or raises `ImporterError` with `file:line: not valid HCL: …`. `Evaluator`
decodes values: quoted strings are unescaped (`$${` is a literal `${`), an interpolation
or a bare expression is evaluated when it is a variable default, a local, a literal, a
resource attribute (`aws_vpc.main.id` → `ResRef("aws_vpc.main", "id")`), an AZ from
`data.aws_availability_zones.x.names[i]` (→ `AzIndex`), `count.index`, `element()` or
`length()`; anything else is `Unknown`. Also: the raw text of a block, for keeping it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from designer.importers.cfn_values import AzIndex, ResRef, Unknown
from designer.importers.report import ImporterError

_TRAVERSAL = re.compile(r'[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\s*(?:\d+|\*|"[^"]*"|count\.index)\s*\]|\.\*)*')
_STEP = re.compile(r'\.([A-Za-z_][\w-]*)|\[\s*(\d+|\*|"[^"]*"|count\.index)\s*\]|\.(\*)')
_ESCAPE = re.compile(r'\\(["\\nrt]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|\$\$\{|%%\{')


@dataclass(frozen=True)
class ProviderRef:
    """`aws.<alias>` in a `provider =` attribute."""

    alias: str


def parse_file(text: str, file: str) -> dict[str, Any]:
    """python-hcl2's data for one file (see the module docstring)."""
    import hcl2
    from lark.exceptions import (
        UnexpectedCharacters,
        UnexpectedEOF,
        UnexpectedInput,
        UnexpectedToken,
    )

    options = hcl2.SerializationOptions(with_comments=False, explicit_blocks=True,
                                        strip_string_quotes=False, preserve_heredocs=False)
    try:
        data = hcl2.loads(text, serialization_options=options)
    except UnexpectedToken as exc:
        expected = ", ".join(sorted(exc.expected)[:6]) if exc.expected else "something else"
        token = str(exc.token).strip()[:30]
        raise ImporterError(f"{file}:{exc.line}: not valid HCL: unexpected "
                            f"{repr(token) if token else 'end of line'}, expected {expected}") from None
    except UnexpectedCharacters as exc:
        raise ImporterError(f"{file}:{exc.line}: not valid HCL: unexpected character "
                            f"{text[exc.pos_in_stream:exc.pos_in_stream + 1]!r} (column {exc.column})") from None
    except UnexpectedEOF:
        raise ImporterError(f"{file}:{text.count(chr(10)) + 1}: not valid HCL: the file ends inside "
                            f"a block or expression (a missing closing brace?)") from None
    except UnexpectedInput as exc:
        raise ImporterError(f"{file}:{getattr(exc, 'line', '?')}: not valid HCL") from None
    except RecursionError:
        raise ImporterError(f"{file}: not valid HCL: nested too deeply") from None
    except Exception as exc:  # python-hcl2 raises assorted errors on odd input; one line each
        raise ImporterError(f"{file}: not valid HCL: {type(exc).__name__}: "
                            f"{' '.join(str(exc).split())[:160]}") from None
    if not isinstance(data, dict):
        raise ImporterError(f"{file}: not valid HCL")
    return data


def unquote(label: Any) -> str:
    """A block label or object key without its quotes."""
    text = str(label)
    return decode_literal(text) if len(text) >= 2 and text[0] == text[-1] == '"' else text


def decode_literal(raw: str) -> str:
    """The text of a quoted HCL string literal (escapes decoded, `$${` → `${`)."""
    def one(match: re.Match[str]) -> str:
        if match.group(0) in ("$${", "%%{"):
            return match.group(0)[1:]
        code = match.group(1)
        simple = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}.get(code)
        return simple if simple is not None else chr(int(code[1:], 16))
    return _ESCAPE.sub(one, raw[1:-1])


def interpolations(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each unescaped `${…}` in a quoted string (end after the `}`)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(raw):
        if raw.startswith("$${", i):
            i += 3
            continue
        if raw[i] == "\\":
            i += 2
            continue
        if raw.startswith("${", i):
            depth, j = 1, i + 2
            while j < len(raw) and depth:
                depth += {"{": 1, "}": -1}.get(raw[j], 0)
                j += 1
            if depth:
                break
            out.append((i, j))
            i = j
            continue
        i += 1
    return out


class Evaluator:
    """Evaluates decoded values of one configuration (see the module docstring)."""

    def __init__(self, variables: dict[str, Any], locals_: dict[str, Any],
                 resources: dict[str, list[str]], data_regions: dict[str, str | None]) -> None:
        self.variables = variables
        self.locals = locals_
        self.resources = resources  # "type.name" → instance keys
        self.data_regions = data_regions  # "data.aws_availability_zones.x" → Region
        self.count_index: int | None = None
        self._depth = 0

    def value(self, raw: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > 40:
                return Unknown("nested too deeply")
            return self._value(raw)
        finally:
            self._depth -= 1

    def _value(self, raw: Any) -> Any:
        if isinstance(raw, list):
            return [self.value(v) for v in raw]
        if isinstance(raw, dict):
            return {unquote(k): self.value(v) for k, v in raw.items() if k != "__is_block__"}
        if not isinstance(raw, str):
            return raw
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            return self.template(raw)
        if raw.startswith("${") and raw.endswith("}"):
            return self.expression(raw[2:-1].strip())
        return raw

    def template(self, raw: str) -> Any:
        spans = interpolations(raw)
        if not spans:
            return decode_literal(raw)
        if len(spans) == 1 and spans[0] == (1, len(raw) - 1):
            return self.expression(raw[3:-2].strip())
        parts, last = [], 1
        for start, end in spans:
            parts.append(decode_literal('"' + raw[last:start] + '"'))
            found = self.expression(raw[start + 2:end - 1].strip())
            if not isinstance(found, (str, int, float)) or isinstance(found, bool):
                return Unknown(f"an interpolation of {raw[start + 2:end - 1].strip()[:40]}")
            parts.append(str(found))
            last = end
        parts.append(decode_literal('"' + raw[last:-1] + '"'))
        return "".join(parts)

    def expression(self, text: str) -> Any:
        """A bare expression's value (see the module docstring)."""
        text = text.strip()
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?\d+\.\d+", text):
            return float(text)
        if len(text) >= 2 and text[0] == text[-1] == '"' and text.count('"') == 2:
            return self.template(text)
        if text.startswith("[") and text.endswith("]"):
            try:
                return json.loads(re.sub(r",\s*]$", "]", text))  # a list of plain literals
            except ValueError:
                return Unknown("a list expression")
        conditional = _split_conditional(text)
        if conditional:
            # An undecidable condition takes its first branch (the "feature on" case).
            return self.expression(conditional[1])
        call = re.fullmatch(r"(element|length|tolist|toset)\((.*)\)", text, re.S)
        if call:
            return self._call(call.group(1), call.group(2))
        if _TRAVERSAL.fullmatch(text):
            return self.traversal(text)
        return Unknown(f"the expression {text[:40]!r} is known at plan time")

    def _call(self, name: str, args: str) -> Any:
        parts = _split_args(args)
        values = [self.expression(p) for p in parts]
        if name in ("tolist", "toset") and len(values) == 1:
            return values[0]
        if name == "length" and len(values) == 1 and isinstance(values[0], (list, dict, str)):
            return len(values[0])
        if name == "element" and len(values) == 2 and isinstance(values[0], list) \
                and isinstance(values[1], int) and values[0]:
            return values[0][values[1] % len(values[0])]
        return Unknown(f"{name}() of values known at plan time")

    def traversal(self, text: str) -> Any:
        head = re.match(r"[A-Za-z_][\w-]*", text)
        assert head is not None
        first, rest = head.group(0), text[head.end():]
        steps = [m.group(1) or m.group(2) or m.group(3) for m in _STEP.finditer(rest)]
        if first == "var":
            return self._walk(self.variables.get(steps[0]) if steps else None, steps[1:], text)
        if first == "local":
            return self._walk(self.locals.get(steps[0]) if steps else None, steps[1:], text)
        if first == "count" and steps[:1] == ["index"]:
            return self.count_index if self.count_index is not None else Unknown("count.index")
        if first == "aws" and len(steps) == 1:
            return ProviderRef(steps[0])
        if first == "data" and len(steps) >= 3:
            address = f"data.{steps[0]}.{steps[1]}"
            if steps[0] == "aws_availability_zones" and steps[2] in ("names", "zone_ids") \
                    and len(steps) == 4:
                index = self.count_index if steps[3] == "count.index" else steps[3]
                if str(index).isdigit():
                    return AzIndex(int(index))
            return Unknown(f"{address} is read at plan time")
        if len(steps) >= 1:
            base = f"{first}.{steps[0]}"
            instances = self.resources.get(base)
            if instances is not None:
                index = steps[1] if len(steps) > 1 and steps[1] not in (None,) and (
                    str(steps[1]).isdigit() or steps[1] in ("*", "count.index")) else None
                attribute = steps[2] if index is not None and len(steps) > 2 else (
                    steps[1] if index is None and len(steps) > 1 else None)
                if index == "*":
                    return [ResRef(k, attribute) for k in instances]
                if index == "count.index":
                    index = str(self.count_index) if self.count_index is not None else None
                if index is not None and str(index).isdigit():
                    key = f"{base}[{index}]"
                    return ResRef(key if key in instances else instances[0], attribute)
                return ResRef(instances[0], attribute)
        return Unknown(f"{text[:40]} is known at plan time")

    def _walk(self, value: Any, steps: list[str | None], text: str) -> Any:
        value = self.value(value) if isinstance(value, (str, list, dict)) else value
        for step in steps:
            if step == "count.index":
                step = str(self.count_index) if self.count_index is not None else None
            if isinstance(value, list) and step is not None and str(step).isdigit() \
                    and int(step) < len(value):
                value = value[int(step)]
            elif isinstance(value, dict) and step is not None and unquote(step) in value:
                value = value[unquote(step)]
            else:
                return Unknown(f"{text[:40]} has no default")
        return Unknown(f"{text[:40]} has no default") if value is None else value


def _split_conditional(text: str) -> tuple[str, str, str] | None:
    """`cond ? a : b` split at the top level, or None."""
    depth, quote, question = 0, False, -1
    for i, ch in enumerate(text):
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            quote = not quote
        elif quote:
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch == "?" and question < 0:
            question = i
        elif depth == 0 and ch == ":" and question >= 0:
            return text[:question], text[question + 1:i], text[i + 1:]
    return None


def _split_args(text: str) -> list[str]:
    out, depth, quote, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            quote = not quote
        elif quote:
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def block_text(text: str, line: int) -> str:
    """The source text of the block that starts on `line` (1-based), to its closing brace."""
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[:line - 1])
    i = text.find("{", start)
    if i < 0:
        return text[start:]
    depth, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            i = _skip_string(text, i)
            continue
        if ch == "#" or text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if text.startswith("/*", i):
            i = text.find("*/", i)
            i = n if i < 0 else i + 2
            continue
        if text.startswith("<<", i):
            match = re.match(r"<<-?([A-Za-z_]\w*)\s*\n", text[i:])
            if match:
                end = re.search(r"^\s*" + match.group(1) + r"\s*$", text[i + match.end():], re.M)
                i = n if end is None else i + match.end() + end.end()
                continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start:i + 1] + "\n"
        i += 1
    return text[start:]


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal that starts at `i` (interpolations may nest quotes)."""
    j, depth = i + 1, 0
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if text.startswith("${", j) and not text.startswith("$${", j - 1):
            depth += 1
            j += 2
            continue
        if ch == "}" and depth:
            depth -= 1
        elif ch == '"' and not depth:
            return j + 1
        elif ch == "\n" and not depth:
            return j
        j += 1
    return j
