"""What the validator reports: findings with bilingual messages, sources and fixes."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from designer.edits import Compound, Edit

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# How text outside the GUI names a severity (the GUI's own words are in designer.gui.i18n).
SEVERITY_NAMES_KO = {"error": "오류", "warning": "경고", "info": "정보"}


def severity_name(severity: str, lang: str = "en") -> str:
    """A severity in the given language ('en' or 'ko'); an unknown one as it is."""
    return SEVERITY_NAMES_KO.get(severity, severity) if lang == "ko" else severity


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: the seed note's section and the AWS documentation page."""

    seed: str = ""  # the seed note's section heading, e.g. "네트워크 및 VPC"
    aws: str = ""  # the AWS page URL

    def to_json(self) -> dict[str, str]:
        return {"seed": self.seed, "aws": self.aws}


@dataclass(frozen=True)
class Fix:
    """A one-click repair: a bilingual description and the model edits that apply it."""

    description: str
    description_ko: str
    edits: tuple[Edit, ...] = field(compare=False)

    def to_edit(self) -> Compound:
        """A fresh compound edit (copies, so the finding's own edits stay pristine)."""
        return Compound([copy.deepcopy(e) for e in self.edits], self.description)

    def to_json(self) -> dict[str, Any]:
        return {"description": self.description, "description_ko": self.description_ko}


@dataclass(frozen=True)
class Issue:
    """What a rule function yields; the engine adds the rule id and source."""

    severity: str
    nodes: tuple[str, ...]
    message: str
    message_ko: str
    edges: tuple[str, ...] = ()
    fix: Fix | None = None


@dataclass(frozen=True)
class Finding:
    """One violation: rule id, severity, the nodes and edges involved, messages, source, fix."""

    rule: str
    severity: str
    nodes: tuple[str, ...]
    edges: tuple[str, ...]
    message: str
    message_ko: str
    source: Source
    fix: Fix | None = None

    def message_in(self, lang: str) -> str:
        return self.message_ko if lang == "ko" else self.message

    def sort_key(self) -> tuple:
        return (SEVERITY_RANK.get(self.severity, 9), self.rule, self.nodes, self.edges, self.message,
                self.fix.description if self.fix else "")

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON shape for one finding."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "nodes": list(self.nodes),
            "edges": list(self.edges),
            "message": self.message,
            "message_ko": self.message_ko,
            "source": self.source.to_json(),
            "fix": self.fix.to_json() if self.fix else None,
        }
