"""Rules are pure functions registered by decorator with their id, severity and scope."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from designer.rules.finding import Issue, Source

DESIGN_SUBJECT = "design"  # a rule evaluated once for the whole design (e.g. quotas)


@dataclass(frozen=True)
class Rule:
    """A registered rule: evaluated once per subject (a node of `subjects`, an edge, or the design).

    `subjects` holds node kinds ("subnet"), edge kinds prefixed with "edge:" ("edge:traffic"),
    or "design". The function gets the tracking context and the subject's view and yields
    Issues; every read goes through the context, which is how incremental checking knows
    what to re-check after an edit.
    """

    id: str
    severity: str  # the rule's headline severity (an Issue may carry a different one)
    subjects: tuple[str, ...]
    title: str
    title_ko: str
    source: Source
    function: Callable[..., Iterable[Issue]]

    @property
    def node_kinds(self) -> frozenset[str]:
        return frozenset(s for s in self.subjects if not s.startswith("edge:") and s != DESIGN_SUBJECT)

    @property
    def edge_kinds(self) -> frozenset[str]:
        return frozenset(s[5:] for s in self.subjects if s.startswith("edge:"))

    @property
    def is_design_wide(self) -> bool:
        return DESIGN_SUBJECT in self.subjects


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    severity: str,
    subjects: Iterable[str],
    title: str,
    title_ko: str,
    seed: str = "",
    aws: str = "",
) -> Callable[[Callable[..., Iterable[Issue]]], Callable[..., Iterable[Issue]]]:
    """Register `function(ctx, subject) -> Iterable[Issue]` as rule `rule_id`."""

    def register(function: Callable[..., Iterable[Issue]]) -> Callable[..., Iterable[Issue]]:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, tuple(subjects), title, title_ko,
                              Source(seed, aws), function)
        return function

    return register
