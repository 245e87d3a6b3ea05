"""Exporters: one module per format, registered by decorator, pure functions of a design.

An exporter takes a Design (already laid out) and options, and returns an `ExportResult`:
one or more files as text or bytes keyed by relative file name. Only `designer.commands`
and `designer.gui` write files. Image formats (png, svg, pdf) are rendered by
`designer.gui.render` and are not registered here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from designer.model import Design


class ExportError(Exception):
    """The design cannot be exported in this format (one clear line for the user)."""


@dataclass
class ExportResult:
    """Files produced by an exporter: relative name -> text (str) or bytes."""

    files: dict[str, str | bytes]
    # Non-fatal notes for the user (what was skipped, what needs a parameter at deploy time).
    notes: list[str] = field(default_factory=list)

    @property
    def single(self) -> str | bytes:
        """The only file's content (for exporters that return exactly one file)."""
        if len(self.files) != 1:
            raise ExportError(f"this export produces {len(self.files)} files; give a folder with -o")
        return next(iter(self.files.values()))


@dataclass(frozen=True)
class ExporterInfo:
    name: str  # the --to value
    label: str  # shown in menus
    extension: str  # default file extension, with the dot
    function: Callable[..., ExportResult]
    binary: bool = False


_REGISTRY: dict[str, ExporterInfo] = {}
# Modules that register exporters; imported on first lookup so the CLI starts fast.
EXPORTER_MODULES = ("cloudformation", "terraform", "diagrams_code", "drawio")


def exporter(name: str, label: str, extension: str, binary: bool = False):
    """Register `function(design, **options) -> ExportResult` as the exporter for `name`."""

    def register(function: Callable[..., ExportResult]) -> Callable[..., ExportResult]:
        _REGISTRY[name] = ExporterInfo(name, label, extension, function, binary)
        return function

    return register


def _load_all() -> None:
    for module in EXPORTER_MODULES:
        try:
            importlib.import_module(f"designer.exporters.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"designer.exporters.{module}":
                raise


def available() -> dict[str, ExporterInfo]:
    """Every registered text exporter by name."""
    _load_all()
    return dict(_REGISTRY)


def get_exporter(name: str) -> ExporterInfo:
    _load_all()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ExportError(f"unknown export format '{name}'") from None


def export(design: Design, name: str, **options: Any) -> ExportResult:
    """Run the exporter `name` on `design`."""
    return get_exporter(name).function(design, **options)
