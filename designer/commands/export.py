"""`aws-designer export FILE --to FORMAT [-o OUT]`: write a design as IaC, code or an image.

Text formats (cloudformation, terraform, diagrams, drawio) go to stdout without `-o`;
`-o FILE` writes one file, `-o FOLDER/` (a trailing slash or an existing folder) writes
every file of the export into it. Images (png, svg, pdf) need `-o` and are drawn by
`designer.gui.render` (Qt is imported only then, offscreen when there is no display).
A PNG that would pass 40 megapixels at `--scale` is drawn at the largest scale that fits,
and a `note:` line on stderr says so; the export still succeeds.

The design is validated first: error findings are printed on stderr as
`error RULE-ID node-ids: message`, and the export goes on (exit 0), because a teacher
exports the classroom sample with its mistakes on purpose. `--strict` refuses a design
with errors (exit 1). Exit 2 means bad input or usage: one line per problem, never a
traceback. Files are written atomically and the input file is never written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from designer.commands.common import load_or_report
from designer.exporters import ExportError, ExportResult, available, export
from designer.model import Design

IMAGE_FORMATS = ("png", "svg", "pdf")
TEXT_FORMATS = ("cloudformation", "terraform", "diagrams", "drawio")
PROG = "aws-designer export"
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Failure(Exception):
    """A failure reported on one line with its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `export` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="export a design as CloudFormation, Terraform, diagrams code, draw.io or an image",
        description="Export a design. Text formats go to stdout unless -o is given.",
    )
    parser.add_argument("file", help="a .awsd.json design file")
    parser.add_argument("--to", required=True, metavar="FORMAT",
                        help="png, svg, pdf, cloudformation, terraform, diagrams or drawio")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="output file, or a folder (trailing slash or existing folder)")
    parser.add_argument("--strict", action="store_true",
                        help="refuse to export a design with error findings (exit 1)")
    parser.add_argument("--scale", type=float, default=2.0, metavar="N",
                        help="PNG scale factor (default 2; lowered, with a note, when the image "
                             "would pass 40 megapixels)")
    parser.add_argument("--transparent", action="store_true", help="transparent PNG background")
    parser.add_argument("--margin", type=float, default=40.0, metavar="PX",
                        help="blank margin around an image (default 40)")
    parser.add_argument("--title", nargs="?", const="", default=None, metavar="TEXT",
                        help="draw a title on the image (the design's title when TEXT is omitted)")
    parser.add_argument("--legend", action="store_true", help="draw a legend on the image")
    parser.add_argument("--lang", choices=("en", "ko"), default=None,
                        help="language of finding messages and default labels")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the export; returns the exit code."""
    try:
        fmt = _check_format(args.to)
        _check_options(args, fmt)
        design = load_or_report(args.file)
        if design is None:
            return EXIT_BAD_INPUT
        lang = args.lang or _design_language(design)
        ok, findings = _report_findings(design, lang, args.strict)
        if not ok:
            return EXIT_FAILED
        if fmt in IMAGE_FORMATS:
            _export_image(design, fmt, args, lang, findings)
        else:
            _export_text(design, fmt, args, lang)
    except _Failure as failure:
        print(f"{PROG}: {_one_line(str(failure))}", file=sys.stderr)
        return failure.code
    return EXIT_OK


# ------------------------------------------------------------------------- checks
def _check_format(name: str) -> str:
    text_formats = sorted(available())
    if name in IMAGE_FORMATS or name in text_formats:
        return name
    known = ", ".join([*IMAGE_FORMATS, *text_formats])
    if name in TEXT_FORMATS:
        raise _Failure(f"the '{name}' exporter is not available in this build (available: {known})",
                       EXIT_BAD_INPUT)
    raise _Failure(f"unknown format '{name}' (choose from: {known})", EXIT_BAD_INPUT)


def _check_options(args: argparse.Namespace, fmt: str) -> None:
    if fmt in IMAGE_FORMATS and not args.output:
        raise _Failure(f"--to {fmt} needs an output file: -o FILE.{fmt}", EXIT_BAD_INPUT)
    if not (0 < args.scale <= 16):
        raise _Failure(f"--scale must be above 0 and at most 16, got {args.scale:g}", EXIT_BAD_INPUT)
    if not (0 <= args.margin <= 2000):
        raise _Failure(f"--margin must be between 0 and 2000, got {args.margin:g}", EXIT_BAD_INPUT)
    if args.output and _same_file(args.output, args.file):
        raise _Failure(f"refusing to write over the input design {args.file}", EXIT_BAD_INPUT)


def _same_file(output: str, input_file: str) -> bool:
    try:
        return Path(output).resolve() == Path(input_file).resolve()
    except OSError:
        return False


def _design_language(design: Design) -> str:
    return "ko" if design.settings.language == "ko" else "en"


# ------------------------------------------------------------------------- findings
def _report_findings(design: Design, lang: str, strict: bool) -> tuple[bool, list[Any] | None]:
    """Print error findings on stderr. Returns (go on?, the findings or None when there are
    none to reuse); go on is False when --strict refuses the export."""
    validate = _validator()
    if validate is None:
        if strict:
            print(f"{PROG}: refused: the validator is not available in this build, "
                  "so --strict cannot check the design", file=sys.stderr)
            return False, None
        return True, None
    try:
        findings = validate(design)
    except Exception as exc:  # a broken rule must not stop an export; --strict still refuses
        print(f"{PROG}: the validator failed ({type(exc).__name__}: {_one_line(str(exc))})",
              file=sys.stderr)
        return not strict, None
    errors = [f for f in findings if getattr(f, "severity", None) == "error"]
    for finding in errors:
        message = getattr(finding, "message_ko", "") if lang == "ko" else ""
        message = message or finding.message
        nodes = ",".join(finding.nodes) or "-"
        print(f"error {finding.rule} {nodes}: {_one_line(message)}", file=sys.stderr)
    if errors and strict:
        print(f"{PROG}: refused: {len(errors)} error finding(s) and --strict was given",
              file=sys.stderr)
        return False, None
    return True, findings


def _validator() -> Callable[[Design], list[Any]] | None:
    try:
        from designer.rules import validate
    except ImportError:
        return None
    return validate


def _one_line(text: str) -> str:
    """Text that stays on one terminal line: whitespace collapsed, control characters escaped."""
    collapsed = " ".join(str(text).split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in collapsed)


# ------------------------------------------------------------------------- text formats
def _export_text(design: Design, fmt: str, args: argparse.Namespace, lang: str) -> None:
    output: str | None = args.output
    to_folder = output is not None and _names_folder(output)
    options: dict[str, Any] = {}
    if fmt in ("diagrams", "drawio"):
        options["lang"] = lang  # names unlabelled nodes by their kind, in this language
    elif fmt == "cloudformation":
        options["json"] = output is not None and not to_folder and output.lower().endswith(".json")
    elif fmt == "terraform":
        options["layout"] = "folder" if to_folder else "single"
    try:
        result = export(design, fmt, **options)
    except ExportError as exc:
        raise _Failure(f"cannot export to {fmt}: {exc}", EXIT_BAD_INPUT) from None
    if not result.files:
        raise _Failure(f"the {fmt} export produced no files", EXIT_FAILED)
    for note in result.notes:
        print(f"note: {_one_line(note)}", file=sys.stderr)
    if output is None:
        _write_stdout(result, fmt)
    elif to_folder:
        folder = Path(output)
        for name, content in result.files.items():
            _write_atomic(folder / name, content, make_folder=True)
            print(f"wrote {folder / name}")
    else:
        if len(result.files) != 1:
            raise _Failure(_many_files_message(result, fmt), EXIT_BAD_INPUT)
        _write_atomic(Path(output), result.single)
        print(f"wrote {output}")


def _names_folder(output: str) -> bool:
    """`-o` names a folder when it ends with a separator or is an existing folder."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _many_files_message(result: ExportResult, fmt: str) -> str:
    names = ", ".join(sorted(result.files))
    what = "Regions" if fmt == "cloudformation" else "files"
    return (f"this design exports to {len(result.files)} {what} ({names}); "
            "give a folder with -o FOLDER/")


def _write_stdout(result: ExportResult, fmt: str) -> None:
    if len(result.files) != 1:
        raise _Failure(_many_files_message(result, fmt), EXIT_BAD_INPUT)
    content = result.single
    if isinstance(content, bytes):
        if sys.stdout.isatty():
            raise _Failure(f"the {fmt} export is binary; give an output file with -o", EXIT_BAD_INPUT)
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(content)
    sys.stdout.flush()


def _write_atomic(path: Path, content: str | bytes, make_folder: bool = False) -> None:
    """Write via a temporary file in the same folder, fsync, rename: never half a file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _Failure(f"cannot create folder {folder}: {exc.strerror}", EXIT_FAILED) from None
    if path.is_dir():
        raise _Failure(f"{path} is a folder; give a file name or end -o with /", EXIT_BAD_INPUT)
    if not folder.is_dir():
        raise _Failure(f"cannot write {path}: folder {folder} does not exist", EXIT_FAILED)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _Failure(f"cannot write in {folder}: {exc.strerror}", EXIT_FAILED) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, tmp_name)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise _Failure(f"cannot write {path}: {exc.strerror}", EXIT_FAILED) from None


def _keep_mode(path: Path, tmp_name: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual umask mode."""
    if path.exists():
        os.chmod(tmp_name, path.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)


# ------------------------------------------------------------------------- images
def _export_image(design: Design, fmt: str, args: argparse.Namespace, lang: str,
                  findings: list[Any] | None = None) -> None:
    """Render through `designer.gui.render` into a temporary file, then rename. `findings`
    (already printed) are drawn as badges without checking the design a second time."""
    path = Path(args.output)
    if _names_folder(args.output):
        raise _Failure(f"-o for --to {fmt} must be a file, not a folder", EXIT_BAD_INPUT)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise _Failure(f"cannot write {path}: folder {folder} does not exist", EXIT_FAILED)
    render_to_file = _renderer()
    title = None if args.title is None else (args.title or design.title)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{fmt}", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise _Failure(f"cannot write in {folder}: {exc.strerror}", EXIT_FAILED) from None
    try:
        info = render_to_file(design, tmp_name, fmt, scale=args.scale, transparent=args.transparent,
                              margin=args.margin, title=title, legend=args.legend, selection=None,
                              lang=lang, findings=findings)
        if os.path.getsize(tmp_name) == 0:
            raise _Failure(f"rendering the {fmt} produced an empty file", EXIT_FAILED)
        _keep_mode(path, tmp_name)
        os.replace(tmp_name, path)
    except _Failure:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    except Exception as exc:  # the renderer's failure is one line, and nothing is left behind
        Path(tmp_name).unlink(missing_ok=True)
        raise _Failure(f"cannot render {fmt}: {type(exc).__name__}: {exc}", EXIT_FAILED) from None
    note = info.note() if info is not None else None
    if note:  # the pixel budget lowered --scale: say so, the image is still written
        print(f"note: {_one_line(note)}", file=sys.stderr)
    print(f"wrote {path}")


def _renderer() -> Callable[..., None]:
    """`designer.gui.render.render_to_file`, with Qt set up to work without a display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from designer.gui.render import render_to_file
    except ImportError as exc:
        raise _Failure(f"image export is not available in this build ({exc})", EXIT_FAILED) from None
    return render_to_file
