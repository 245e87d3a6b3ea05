"""`aws-designer import FILE [-o OUT.awsd.json] [--region CODE] [--format text|json]`.

Reads a CloudFormation template (YAML/JSON, or a folder of them), Terraform (`.tf` or a
folder) or a draw.io file into a laid-out design. With `-o` the design is written
atomically and the report printed on stdout; without it the design goes to stdout and the
report to stderr. Exit 0 once the design is written (resources kept but not drawn are
in the report, not failures); 2 when the input cannot be read, one `file:line: problem`
per line, never a traceback; 1 when the design cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from designer.importers import FORMATS, ImporterError, ImportReport, import_file
from designer.storage import StorageError, dumps, save_design

PROG = "aws-designer import"
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `import` subcommand."""
    parser = subparsers.add_parser(
        "import",
        help="import CloudFormation, Terraform or draw.io as a design",
        description="Import infrastructure code or a draw.io diagram as a design. The design "
                    "goes to stdout unless -o is given; the import report goes to stderr then.",
    )
    parser.add_argument("file", help="a template (.yaml/.json), .tf file or folder, or .drawio file")
    parser.add_argument("-o", "--output", metavar="OUT", help="write the design to OUT.awsd.json")
    parser.add_argument("--region", metavar="CODE",
                        help="Region of a CloudFormation template (default: the file name when it "
                             "is a Region code, else us-east-1)")
    parser.add_argument("--from", dest="source_format", choices=FORMATS, default=None,
                        help="the input's format when the extension does not tell")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="how the import report is printed")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import, write, report; returns the exit code."""
    if args.output and _same_file(args.output, args.file):
        print(f"{PROG}: refusing to write over the input {args.file}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        design, report = import_file(args.file, region=args.region, fmt=args.source_format)
    except ImporterError as exc:
        for line in exc.lines():
            print(_one_line(line), file=sys.stderr)
        return EXIT_BAD_INPUT
    report_stream = sys.stderr if args.output is None else sys.stdout
    if args.output is None:
        sys.stdout.write(dumps(design))
        sys.stdout.flush()
    else:
        try:
            save_design(design, args.output)
        except StorageError as exc:
            for line in exc.lines():
                print(_one_line(line), file=sys.stderr)
            return EXIT_FAILED
    _print_report(report, args.format, report_stream, args.output)
    return EXIT_OK


def _print_report(report: ImportReport, fmt: str, stream, output: str | None) -> None:
    if fmt == "json":
        data = report.to_json()
        data["output"] = output
        print(json.dumps(data, ensure_ascii=False, indent=2), file=stream)
        return
    for line in report.lines():
        print(_one_line(line), file=stream)
    if output:
        print(f"wrote {output}", file=stream)


def _same_file(output: str, source: str) -> bool:
    try:
        return Path(output).resolve() == Path(source).resolve()
    except OSError:
        return False


def _one_line(text: str) -> str:
    collapsed = " ".join(str(text).split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in collapsed)
