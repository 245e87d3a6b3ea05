"""The validator on the samples: no false alarms on the well-architected ones, every
mistake of the classroom sample found, and the CLI's "done when"."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from designer.rules import validate
from tests.conftest import ROOT, SAMPLES_DIR, load_sample

WELL_ARCHITECTED = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website")
# Warnings a sample shows on purpose (none today); errors are never documented away.
DOCUMENTED_WARNINGS: dict[str, set[str]] = {}
# The classroom sample's description lists these mistakes.
CLASSROOM_MISTAKES = {
    "TOP-002": ("span",),  # a subnet drawn across two AZs
    "RDS-002": ("db",),  # a public database
    "NAT-001": ("nat",),  # a NAT gateway in a private subnet
    "ELB-001": ("alb",),  # an ALB in one AZ
    "SG-002": ("sg-web",),  # a security group with a deny rule
    "NET-003": ("priv-a", "overlap-c"),  # overlapping subnets
}


@pytest.mark.parametrize("name", WELL_ARCHITECTED)
def test_well_architected_samples_have_no_errors_or_warnings(name):
    findings = validate(load_sample(name))
    loud = [f for f in findings if f.severity in ("error", "warning")
            and not (f.severity == "warning" and f.rule in DOCUMENTED_WARNINGS.get(name, set()))]
    assert loud == [], [f"{f.severity} {f.rule} {f.nodes}: {f.message}" for f in loud]


def test_classroom_sample_shows_each_mistake():
    findings = validate(load_sample("classroom-mistakes"))
    for rule_id, nodes in CLASSROOM_MISTAKES.items():
        hits = [f for f in findings if f.rule == rule_id and f.severity == "error"
                and set(nodes) <= set(f.nodes)]
        assert hits, f"{rule_id} not reported on {nodes}"
        assert all(f.message and f.message_ko for f in hits)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_done_when_classroom_json_lists_each_mistake_and_exits_1():
    result = _cli("validate", str(SAMPLES_DIR / "classroom-mistakes.awsd.json"), "--format", "json")
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    for rule_id, nodes in CLASSROOM_MISTAKES.items():
        hits = [f for f in payload["findings"] if f["rule"] == rule_id and set(nodes) <= set(f["nodes"])]
        assert hits, rule_id
        assert hits[0]["message"] and hits[0]["message_ko"] and hits[0]["severity"] == "error"
    assert payload["summary"]["error"] >= len(CLASSROOM_MISTAKES)


@pytest.mark.parametrize("name", WELL_ARCHITECTED)
def test_done_when_well_architected_samples_exit_0(name):
    result = _cli("validate", str(SAMPLES_DIR / f"{name}.awsd.json"))
    assert result.returncode == 0, result.stdout + result.stderr
