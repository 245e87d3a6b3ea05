"""Helpers shared by the subcommands: loading a design and printing problems."""

from __future__ import annotations

import sys

from designer.model import Design
from designer.storage import StorageError, load_design


def load_or_report(path: str) -> Design | None:
    """Load a design; on failure print one line per problem to stderr and return None."""
    try:
        return load_design(path)
    except StorageError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return None
