"""`aws-designer validate FILE [--format text|json] [--lang en|ko]`: report validator findings.

Text: one line per finding, `severity rule-id node-ids: message`, errors first, then
warnings, then info, and a summary line. JSON: `{"findings": [...], "summary": {...}}`.
Exit 0 when there is no error finding, 1 when there is at least one, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys

from designer.commands.common import load_or_report
from designer.model import Design
from designer.rules import SEVERITIES, Finding, validate

SUMMARY_WORDS = {
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")},
    "ko": {"error": ("오류", "오류"), "warning": ("경고", "경고"), "info": ("정보", "정보")},
}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the `validate` subcommand."""
    parser = subparsers.add_parser("validate", help="check a design against the AWS rules (exit 1 on errors)")
    parser.add_argument("file", help="a .awsd.json design file")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (one line per finding) or json")
    parser.add_argument("--lang", choices=("en", "ko"), default=None,
                        help="language of the text messages (default: the design's language, else en)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, validate and print; the exit code says whether any error was found."""
    design = load_or_report(args.file)
    if design is None:
        return 2
    findings = validate(design)
    summary = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    if args.format == "json":
        payload = {"findings": [f.to_json() for f in findings], "summary": summary}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        lang = args.lang or _design_language(design)
        for line in text_lines(findings, lang):
            print(line)
        print(summary_line(args.file, summary, lang))
    return 1 if summary["error"] else 0


def text_lines(findings: list[Finding], lang: str) -> list[str]:
    """`severity rule-id node-ids: message` lines, grouped by severity (errors first)."""
    lines = []
    for severity in SEVERITIES:
        for finding in findings:
            if finding.severity == severity:
                nodes = ",".join(finding.nodes) or "-"
                lines.append(f"{severity} {finding.rule} {nodes}: {one_line(finding.message_in(lang))}")
    return lines


def summary_line(path: str, summary: dict[str, int], lang: str) -> str:
    """'FILE: 2 errors, 1 warning, 0 info' (or the Korean words)."""
    words = SUMMARY_WORDS[lang]
    parts = [f"{summary[s]} {words[s][0] if summary[s] == 1 else words[s][1]}" for s in SEVERITIES]
    return f"{one_line(path)}: {', '.join(parts)}"


def one_line(text: str) -> str:
    """Text that stays on one line: whitespace collapsed, control characters escaped."""
    collapsed = " ".join(str(text).split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in collapsed)


def _design_language(design: Design) -> str:
    return "ko" if design.settings.language == "ko" else "en"
