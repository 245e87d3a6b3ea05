"""What the CloudFormation and Terraform readers share: plain values and draft look-ups."""

from __future__ import annotations

from typing import Any

from designer.importers.cfn_values import Unknown
from designer.importers.draft import Draft, DraftNode


class DraftReader:
    """Base of the IaC readers; a subclass sets `self.draft` and defines `warn(where, message)`."""

    draft: Draft

    def warn(self, where: str, message: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def text(self, value: Any, where: str, what: str, default: str | None = None) -> str | None:
        """A plain string (numbers become strings); anything else is reported and replaced."""
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if value is not None:
            reason = value.reason if isinstance(value, Unknown) else "not a plain value"
            self.warn(where, f"{what}: {reason}; " + (f"using {default}" if default else "left out"))
        return default

    def modelled(self, key: str | None, kind: str | None = None) -> DraftNode | None:
        """The draft node for a resource key (optionally only of `kind`), if it was modelled."""
        node = self.draft.nodes.get(key or "")
        return node if node is not None and (kind is None or node.kind == kind) else None

    def kind(self, key: str | None) -> str | None:
        return self.draft.kind_of(key)
