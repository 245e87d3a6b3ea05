"""NET-001..004: CIDR shape, nesting, overlaps and subnet capacity."""

from __future__ import annotations

import pytest

from tests.conftest import load_sample
from tests.rules.helpers_a import check_fix, none, of, one, setp

SAMPLES = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website", "classroom-mistakes")


@pytest.mark.parametrize("rule_id", ["NET-001", "NET-002", "NET-004"])
def test_samples_keep(rule_id):
    for name in SAMPLES:
        none(load_sample(name), rule_id)


def test_net_003_keeps_the_well_architected_samples():
    for name in SAMPLES[:4]:
        none(load_sample(name), "NET-003")


@pytest.mark.parametrize("cidr, severity, words", [
    ("10.0.0.0/8", "error", "/8"),
    ("10.0.0.0/29", "error", "/29"),
    ("banana", "error", "valid CIDR"),
    ("8.8.0.0/16", "warning", "RFC 1918"),
    ("172.17.0.0/16", "warning", "172.17.0.0/16"),
])
def test_net_001_vpc_blocks(cidr, severity, words):
    design = setp(load_sample("hybrid-vpn"), "vpc", "cidr", cidr)
    finding = [f for f in of(design, "NET-001", severity) if f.nodes == ("vpc",)]
    assert len(finding) == 1 and words in finding[0].message
    assert finding[0].message_ko


def test_net_001_host_bits_and_the_canonical_fix():
    design = setp(load_sample("hybrid-vpn"), "app-a", "cidr", "10.1.1.7/24")
    finding = one(design, "NET-001", "warning", "app-a")
    assert "10.1.1.0/24" in finding.message
    check_fix(design, finding)


def test_net_001_subnet_prefix_and_ipv6():
    design = setp(load_sample("hybrid-vpn"), "app-a", "cidr", "10.1.1.0/30")
    one(design, "NET-001", "error", "app-a")
    design = setp(load_sample("hybrid-vpn"), "app-a", "cidr", "fd00::/56")
    assert "/64" in one(design, "NET-001", "error", "app-a").message


def test_net_002_subnet_outside_vpc_and_secondary_blocks():
    design = setp(load_sample("hybrid-vpn"), "app-a", "cidr", "10.2.1.0/24")
    one(design, "NET-002", "error", "app-a", "vpc")
    setp(design, "vpc", "secondary_cidrs", ["10.2.0.0/16"])
    none(design, "NET-002")


def test_net_003_classroom_overlap():
    design = load_sample("classroom-mistakes")
    finding = one(design, "NET-003", "error", "priv-a", "overlap-c")
    assert "10.0.2.128/25" in finding.message


def test_net_003_identical_blocks():
    design = setp(load_sample("three-tier"), "app-c", "cidr", "10.0.10.0/24")
    one(design, "NET-003", "error", "app-a", "app-c")


def test_net_004_capacity_warning_and_error():
    design = setp(load_sample("three-tier"), "pub-a", "cidr", "10.0.0.0/28")  # 11 usable
    finding = one(design, "NET-004", "warning", "pub-a")  # ALB 8 + NAT 1 = 9 > 80 %
    assert "11" in finding.message
    setp(design, "app-a", "cidr", "10.0.10.0/28")
    setp(design, "asg", "max", 20)  # the whole group may land in one subnet
    assert "20" in one(design, "NET-004", "error", "app-a").message
