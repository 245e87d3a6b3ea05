"""What an import understood, kept and could not read: the report shown to the user.

`ImportReport` holds three lists: `items` (resources the designer does not model, kept in
the design's `extra["unmodelled"]` so that a later export writes them back), `warnings`
(what was read approximately or skipped, with file:line when known) and `notes` (what the
importer inferred, e.g. a traffic edge from a security-group rule). `ImporterError` is the
only exception the importers raise: input that cannot be read at all, one line per problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def where(file: str | None, line: int | None) -> str:
    """`file:line: ` / `file: ` / `` for message prefixes (lines are 1-based)."""
    if file and line:
        return f"{file}:{line}: "
    if file:
        return f"{file}: "
    return ""


@dataclass(frozen=True)
class ReportItem:
    """One resource the designer does not model: kept in the design, written back on export."""

    type: str  # AWS::Lambda::Function, aws_lambda_function, an mxgraph shape…
    logical_id: str  # the template's logical id, the Terraform address, the draw.io cell id
    reason: str
    file: str | None = None
    line: int | None = None

    def text(self) -> str:
        return f"{where(self.file, self.line)}{self.type} {self.logical_id}: {self.reason}"


@dataclass(frozen=True)
class ImportWarning:
    """Something read approximately or skipped; `file`/`line` when known."""

    message: str
    file: str | None = None
    line: int | None = None

    def text(self) -> str:
        return where(self.file, self.line) + self.message


class ImporterError(Exception):
    """Input that cannot be imported at all; `problems` holds one `file:line: expected` each."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return list(self.problems)


@dataclass
class ImportReport:
    """The import's account of itself (see the module docstring)."""

    source: str = ""  # the file or folder imported
    format: str = ""  # cloudformation | terraform | drawio
    items: list[ReportItem] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # resources read / nodes / edges

    def unmodelled(self, rtype: str, logical_id: str, reason: str, file: str | None = None,
                   line: int | None = None) -> None:
        """Record a resource that is kept but not drawn."""
        self.items.append(ReportItem(rtype, logical_id, reason, file, line))

    def warn(self, message: str, file: str | None = None, line: int | None = None) -> None:
        """Record something read approximately or skipped."""
        self.warnings.append(ImportWarning(message, file, line))

    def note(self, message: str) -> None:
        """Record an inference the user may want to check."""
        self.notes.append(message)

    def lines(self) -> list[str]:
        """The report as text lines (the CLI's text format and the GUI dialog)."""
        out = [f"imported {self.source} ({self.format}): "
               + ", ".join(f"{v} {k}" for k, v in self.counts.items())]
        out += [f"kept, not drawn: {item.text()}" for item in self.items]
        out += [f"warning: {w.text()}" for w in self.warnings]
        out += [f"note: {n}" for n in self.notes]
        return out

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON object (the CLI's --format json)."""
        return {
            "source": self.source,
            "format": self.format,
            "counts": dict(self.counts),
            "unmodelled": [{"type": i.type, "logical_id": i.logical_id, "reason": i.reason,
                            "file": i.file, "line": i.line} for i in self.items],
            "warnings": [{"message": w.message, "file": w.file, "line": w.line}
                         for w in self.warnings],
            "notes": list(self.notes),
        }
