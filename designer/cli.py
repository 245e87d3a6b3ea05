"""The command line: `aws-designer [FILE]` opens the window; subcommands work headless.

Exit codes: 0 success; 1 `validate` found errors, `export --strict` refused, or a job
failed; 2 bad input or usage (one line per problem on stderr, never a traceback).
Each subcommand lives in `designer.commands.<name>` with `add_parser()` and `run()`;
the GUI is imported only when a window is opened or an image rendered.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from designer import __version__

SUBCOMMANDS = ("check", "validate", "export", "import", "analyze")
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad command-line usage; reported on one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage and exits 2; keep it one line
        raise UsageError(f"{self.prog}: {message}")


def _command_module(name: str):
    module_name = "import_" if name == "import" else name
    try:
        return importlib.import_module(f"designer.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"designer.commands.{module_name}":
            return None
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aws-designer",
        description="Design AWS architectures; validate and export them.",
        epilog="With no subcommand, opens the designer window (on FILE when given).",
    )
    parser.add_argument("--version", action="version", version=f"aws-designer {__version__}")
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in SUBCOMMANDS:
        module = _command_module(name)
        if module is not None:
            module.add_parser(subparsers)
    return parser


def _open_window(argv: Sequence[str]) -> int:
    files = [a for a in argv if not a.startswith("-")]
    if len(files) > 1:
        raise UsageError("aws-designer: give at most one file to open")
    from designer.gui.app import run_app  # Qt is imported only now

    return run_app(files[0] if files else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `aws-designer` console script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args_list or (args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-")):
            return _open_window(args_list)
        if args_list[0] in ("-h", "--help", "--version"):
            build_parser().parse_args(args_list)
            return EXIT_OK
        parser = build_parser()
        args = parser.parse_args(args_list)
        if not getattr(args, "run", None):
            raise UsageError(f"aws-designer: the '{args.command}' command is not available in this build")
        return int(args.run(args))
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("aws-designer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last guard: one line, never a traceback
        from designer.storage import StorageError

        if isinstance(exc, StorageError):
            for line in exc.lines():
                print(line, file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"aws-designer: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
