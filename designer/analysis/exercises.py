""""Find the mistake" exercises: the hidden answer key and checking a student's fix.

An exercise file is an ordinary design with a top-level `exercise` object (kept by the
loader in `Design.extra`):

    "exercise": {"id": "03-nat-gateway", "topic": "...", "topic_ko": "...",
                 "prompt": "...", "prompt_ko": "...", "hint": "...", "hint_ko": "...",
                 "answer_key": "WyJOQVQtMDAxIiwgIk5BVC0wMDIiXQ==", "solution": false}

`answer_key` is the base64 encoding of a JSON list of rule ids (docs/rules.md) that the
mistake violates: hidden from a student who glances at the JSON, not a secret. A fix is
checked with the validator: the exercise is solved when no finding (error or warning) of
a key rule is left and the design has no errors at all.

Deleting the offending boxes would silence the validator too, so an exercise may also
carry `requires`: the least number of nodes of each kind (and of each edge kind, as
"edge:traffic") that a fix keeps, the smaller of the exercise's and the solution's counts.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from designer.model import Design
from designer.rules import RULES, Finding, validate
from designer.rules import families as _families  # noqa: F401  (registers every rule in RULES)
from designer.rules.finding import severity_name

RULE_ID = re.compile(r"^[A-Z0-9]{2,5}-\d{3}$")
MISTAKE_SEVERITIES = ("error", "warning")  # an info finding is advice, never a mistake


class ExerciseError(ValueError):
    """A design that is not an exercise, or an answer key that cannot be read."""


@dataclass(frozen=True)
class ExerciseInfo:
    """The `exercise` object of a file: what to show the student (the key stays encoded)."""

    id: str
    topic: str
    topic_ko: str
    prompt: str
    prompt_ko: str
    hint: str
    hint_ko: str
    answer_key: str  # encoded, as stored
    solution: bool
    requires: tuple[tuple[str, int], ...] = ()  # (node kind or "edge:<kind>", least count)

    def prompt_in(self, lang: str) -> str:
        return self.prompt_ko if lang == "ko" else self.prompt


@dataclass(frozen=True)
class ExerciseResult:
    """The verdict on a student's design: which expected mistakes remain and what is new."""

    key: tuple[str, ...]
    remaining: tuple[str, ...]  # key rules still reported
    fixed: tuple[str, ...]  # key rules no longer reported
    still_wrong: tuple[Finding, ...]  # the findings of the remaining key rules
    new_errors: tuple[Finding, ...]  # errors of rules outside the key (the student broke something)
    new_warnings: tuple[Finding, ...]  # warnings outside the key (shown, do not block solving)
    unknown_rules: tuple[str, ...] = ()  # key rules this validator does not have: cannot be checked
    removed: tuple[tuple[str, int, int], ...] = ()  # (kind, have, need): deleted instead of fixed

    @property
    def solved(self) -> bool:
        return not self.remaining and not self.new_errors and not self.unknown_rules and not self.removed

    @property
    def message(self) -> str:
        return self._summary("en")

    @property
    def message_ko(self) -> str:
        return self._summary("ko")

    def _summary(self, lang: str) -> str:
        ko = lang == "ko"
        if self.solved:
            return "해결했습니다! 실수를 모두 고쳤습니다." if ko else "Solved: every mistake is fixed."
        parts: list[str] = []
        if self.unknown_rules:
            ids = ", ".join(self.unknown_rules)
            parts.append(f"검사기에 규칙 {ids}이(가) 없어 확인할 수 없음" if ko
                         else f"cannot check: the validator has no rule {ids}")
        if self.removed:
            what = ", ".join(f"{kind} {have}/{need}" for kind, have, need in self.removed)
            parts.append(f"고치지 않고 지운 것 같음(있음/필요): {what}" if ko
                         else f"deleted instead of fixed (have/need): {what}")
        if self.remaining:
            ids = ", ".join(self.remaining)
            parts.append(f"아직 남은 실수: {ids}" if ko else f"still wrong: {ids}")
        if self.new_errors:
            ids = ", ".join(dict.fromkeys(f.rule for f in self.new_errors))
            parts.append(f"새로 생긴 오류: {ids}" if ko else f"new errors: {ids}")
        return ("아직 풀리지 않았습니다 - " if ko else "Not solved yet - ") + "; ".join(parts)

    def lines(self, lang: str = "en") -> list[str]:
        """The summary, then one line per finding still wrong and per new problem."""
        out = [self._summary(lang)]
        ko = lang == "ko"
        for title, findings in (("아직 틀림" if ko else "still wrong", self.still_wrong),
                                ("새 오류" if ko else "new error", self.new_errors),
                                ("새 경고" if ko else "new warning", self.new_warnings)):
            for f in findings:
                out.append(f"  {title} [{f.rule} {severity_name(f.severity, lang)}] {f.message_in(lang)}")
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "solved": self.solved,
            "message": self.message,
            "message_ko": self.message_ko,
            "remaining": list(self.remaining),
            "fixed": list(self.fixed),
            "unknown_rules": list(self.unknown_rules),
            "removed": [{"kind": k, "have": h, "need": n} for k, h, n in self.removed],
            "still_wrong": [f.to_json() for f in self.still_wrong],
            "new_errors": [f.to_json() for f in self.new_errors],
            "new_warnings": [f.to_json() for f in self.new_warnings],
        }


def encode_answer_key(rule_ids: Iterable[str]) -> str:
    """The stored form of an answer key: base64 of a sorted JSON list of rule ids."""
    ids = sorted(set(rule_ids))
    bad = [r for r in ids if not RULE_ID.match(r)]
    if bad or not ids:
        raise ExerciseError(f"an answer key needs rule ids like TOP-002, got {bad or 'nothing'}")
    return base64.b64encode(json.dumps(ids).encode("utf-8")).decode("ascii")


def decode_answer_key(text: object) -> tuple[str, ...]:
    """The rule ids of a stored answer key; ExerciseError when it is not one."""
    if not isinstance(text, str):
        raise ExerciseError("exercise.answer_key must be a base64 string")
    try:
        ids = json.loads(base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8"))
    except (binascii.Error, UnicodeError, ValueError):
        raise ExerciseError("exercise.answer_key is not base64 of a JSON list") from None
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and RULE_ID.match(i) for i in ids):
        raise ExerciseError("exercise.answer_key must hold a non-empty list of rule ids")
    return tuple(sorted(set(ids)))


def exercise_info(design: Design) -> ExerciseInfo | None:
    """The design's exercise object, or None when the design is not an exercise."""
    data = design.extra.get("exercise")
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ExerciseError("the top-level exercise key must be an object")

    def text(key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else str(value)

    requires = data.get("requires")
    pairs = tuple(sorted((k, v) for k, v in requires.items()
                         if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool))
                  ) if isinstance(requires, dict) else ()
    return ExerciseInfo(text("id"), text("topic"), text("topic_ko"), text("prompt"), text("prompt_ko"),
                        text("hint"), text("hint_ko"), text("answer_key"), data.get("solution") is True,
                        pairs)


def inventory(design: Design) -> dict[str, int]:
    """How many nodes of each kind, and edges of each kind ("edge:<kind>"), a design has."""
    counts: dict[str, int] = {}
    for node in design.nodes:
        counts[node.kind] = counts.get(node.kind, 0) + 1
    for edge in design.edges:
        counts[f"edge:{edge.kind}"] = counts.get(f"edge:{edge.kind}", 0) + 1
    return dict(sorted(counts.items()))


def required_inventory(exercise: Design, solution: Design) -> dict[str, int]:
    """What a fix must keep: per kind, the smaller of the exercise's and the solution's counts."""
    have, fixed = inventory(exercise), inventory(solution)
    need = {k: min(v, fixed.get(k, 0)) for k, v in have.items()}
    return {k: v for k, v in need.items() if v > 0}


def answer_key(design: Design) -> tuple[str, ...]:
    """The decoded answer key of an exercise design; ExerciseError when it has none."""
    info = exercise_info(design)
    if info is None:
        raise ExerciseError("this design is not an exercise (no top-level exercise object)")
    return decode_answer_key(design.extra["exercise"].get("answer_key"))


def check_exercise(design: Design, key: Iterable[str], findings: list[Finding] | None = None,
                   requires: Iterable[tuple[str, int]] = ()) -> ExerciseResult:
    """Check a student's design against an answer key with the validator.

    `findings` may pass the validator's current findings (the GUI has them live); by default
    the design is validated here. `requires` (ExerciseInfo.requires) catches a "fix" that
    deletes the mistake's boxes instead of correcting them."""
    wanted = tuple(sorted(set(key)))
    have = inventory(design)
    found = validate(design) if findings is None else findings
    mistakes = [f for f in found if f.severity in MISTAKE_SEVERITIES]
    still = tuple(f for f in mistakes if f.rule in wanted)
    remaining = tuple(r for r in wanted if any(f.rule == r for f in still))
    return ExerciseResult(
        key=wanted,
        remaining=remaining,
        fixed=tuple(r for r in wanted if r not in remaining),
        still_wrong=still,
        new_errors=tuple(f for f in mistakes if f.rule not in wanted and f.severity == "error"),
        new_warnings=tuple(f for f in mistakes if f.rule not in wanted and f.severity == "warning"),
        unknown_rules=tuple(r for r in wanted if r not in RULES),  # validate() has loaded every family
        removed=tuple((kind, have.get(kind, 0), need) for kind, need in requires if have.get(kind, 0) < need),
    )
