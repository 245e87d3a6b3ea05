"""`aws-designer analyze FILE`: the failure drill, single points of failure, exercise checks.

Exit 0 once the report is written; 2 on bad input (a file that does not load, a --fail id
that is not in the design, an exercise key that cannot be read), one line per problem.
"""

from __future__ import annotations

import argparse
import json
import sys

from designer.analysis.exercises import ExerciseError, answer_key, check_exercise, exercise_info
from designer.analysis.failure import UnknownNodeError
from designer.analysis.report import LANGS, build_report, report_json, report_text
from designer.commands.common import load_or_report

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="failure drill: paths to each tier, single points of failure, exercise checks",
        description="Which paths from the internet / on-premises to each tier work, which single "
                    "AZ or node would cut one, and (with --fail) what a chosen failure takes down.",
    )
    parser.add_argument("file", help="a .awsd.json design file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--fail", metavar="ID", nargs="+", action="extend", default=[],
                        help="fail these node ids (AZs, subnets, resources) and show what is lost")
    parser.add_argument("--exercise", action="store_true",
                        help="also check the file as a 'find the mistake' exercise")
    parser.add_argument("--key-from", metavar="EXERCISE",
                        help="with --exercise: read the answer key from this original exercise file")
    parser.add_argument("--lang", choices=LANGS, default="both", help="text language (default: both)")
    parser.set_defaults(run=run)


def _problem(args: argparse.Namespace, message: str) -> None:
    print(f"{args.file}: {message}", file=sys.stderr)


def _exercise(args: argparse.Namespace, design) -> tuple | None:
    """(info, result) for --exercise, or None; raises ExerciseError on a bad key."""
    if not args.exercise and not args.key_from:
        return None
    source = design
    if args.key_from:
        source = load_or_report(args.key_from)
        if source is None:
            raise ExerciseError("")  # load_or_report has printed why
    info = exercise_info(source)
    key = answer_key(source)
    return (info, check_exercise(design, key, requires=info.requires))


def run(args: argparse.Namespace) -> int:
    design = load_or_report(args.file)
    if design is None:
        return EXIT_BAD_INPUT
    try:
        exercise = _exercise(args, design)
    except ExerciseError as exc:
        if str(exc):
            _problem(args, str(exc))
        return EXIT_BAD_INPUT
    try:
        report = build_report(design, args.fail, exercise)
    except UnknownNodeError as exc:
        for missing in exc.missing:
            _problem(args, f'--fail "{missing}": no node "{missing}" in the design')
        return EXIT_BAD_INPUT
    if args.format == "json":
        json.dump(report_json(report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report_text(report, args.lang))
    return EXIT_OK
