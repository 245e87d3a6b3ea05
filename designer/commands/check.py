"""`aws-designer check FILE`: load a file and report load errors (exit 0 or 2)."""

from __future__ import annotations

import argparse

from designer.commands.common import load_or_report


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="check that a design file loads")
    parser.add_argument("file", help="a .awsd.json design file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    design = load_or_report(args.file)
    if design is None:
        return 2
    print(f"{args.file}: OK, {design.node_count} nodes, {design.edge_count} edges")
    return 0
