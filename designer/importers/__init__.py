"""Importers: CloudFormation, Terraform and draw.io files read into designs.

    design, report = import_file("stack.yaml", region="ap-northeast-2")

`import_file` picks the reader from the extension, else the content: `.tf` files or a
folder holding them are Terraform; `.drawio`/`.xml` (or text starting with `<`) is draw.io;
YAML/JSON with a `Resources` section is CloudFormation (a folder of templates is read as
one design, one Region per template). The CloudFormation Region is `region`, else the
template's file name when it is a Region code (as the exporter names its files), else
us-east-1, as the AWS CLI assumes. Input that cannot be read raises `ImporterError`
(`file:line: what was expected`); anything read only in part is in the `ImportReport`.
"""

from __future__ import annotations

import re
from pathlib import Path

from designer.importers.report import ImporterError, ImportReport, ImportWarning, ReportItem
from designer.model import Design

MAX_BYTES = 20 * 1024 * 1024
DEFAULT_REGION = "us-east-1"
REGION_CODE = re.compile(r"[a-z]{2}(-[a-z]+)+-\d{1,2}")
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
FORMATS = ("cloudformation", "terraform", "drawio")


def read_text(path: Path) -> str:
    """A file's text (UTF-8, a BOM allowed); ImporterError when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImporterError(f"{path}: file is {size / 2**20:.0f} MB; imports over "
                                f"{MAX_BYTES // 2**20} MB are refused")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImporterError(f"{path}: file not found") from None
    except OSError as exc:
        raise ImporterError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ImporterError(f"{path}:{line}: expected UTF-8 text (byte {exc.start} is not)") from None


def detect_format(path: Path, text: str | None = None) -> str:
    """cloudformation | terraform | drawio for a file or folder (ImporterError if neither)."""
    if path.is_dir():
        if any(path.glob("*.tf")):
            return "terraform"
        if any(p.suffix.lower() in TEMPLATE_SUFFIXES for p in path.iterdir()):
            return "cloudformation"
        raise ImporterError(f"{path}: expected a folder with .tf files or CloudFormation templates")
    suffix = path.suffix.lower()
    if suffix == ".tf":
        return "terraform"
    if suffix in (".drawio", ".xml"):
        return "drawio"
    head = (text or "").lstrip()[:2000]
    if head.startswith("<"):
        return "drawio"
    if suffix in TEMPLATE_SUFFIXES or "Resources" in head or "AWSTemplateFormatVersion" in head:
        return "cloudformation"
    if re.search(r'^\s*(resource|provider|module|terraform|data)\s+"', text or "", re.M):
        return "terraform"
    raise ImporterError(f"{path}: expected a CloudFormation template (.yaml/.json), Terraform "
                        f"(.tf or a folder) or a draw.io file (.drawio)")


def region_for(path: Path, region: str | None) -> str:
    """The Region of a CloudFormation template (see the module docstring)."""
    if region:
        return region
    stem = path.name.split(".")[0]
    return stem if REGION_CODE.fullmatch(stem) else DEFAULT_REGION


def import_file(path: str | Path, region: str | None = None,
                fmt: str | None = None) -> tuple[Design, ImportReport]:
    """Read a file or folder into a laid-out design and the report (see the module docstring)."""
    source = Path(path)
    if region is not None and not REGION_CODE.fullmatch(region):
        raise ImporterError(f"--region {region!r}: expected a Region code such as ap-northeast-2")
    if not source.exists():
        raise ImporterError(f"{source}: file not found")
    text = None if source.is_dir() else read_text(source)
    fmt = fmt or detect_format(source, text)
    report = ImportReport(source=str(source), format=fmt)
    try:
        if fmt == "cloudformation":
            from designer.importers.cloudformation import import_cloudformation

            design = import_cloudformation(source, text, region, report)
        elif fmt == "terraform":
            from designer.importers.terraform import import_terraform

            design = import_terraform(source, text, region, report)
        elif fmt == "drawio":
            from designer.importers.drawio import import_drawio

            design = import_drawio(source, text or "", report)
        else:
            raise ImporterError(f"{source}: unknown import format {fmt!r} (use one of {', '.join(FORMATS)})")
    except RecursionError:
        raise ImporterError(f"{source}: nested too deeply to read") from None
    _check(design, source)
    return design, report


def _check(design: Design, source: Path) -> None:
    """What an import returns is a design the loader accepts (a last guard against odd input)."""
    from designer.storage import StorageError, dumps, loads

    try:
        loads(dumps(design), layout=False)
    except (StorageError, ValueError) as exc:
        problems = exc.problems if isinstance(exc, StorageError) else [str(exc)]
        raise ImporterError([f"{source}: the import gives an invalid design: {p}" for p in problems]) from None


__all__ = ["FORMATS", "ImportReport", "ImportWarning", "ImporterError", "ReportItem",
           "detect_format", "import_file", "region_for"]
