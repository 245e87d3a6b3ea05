"""Helpers for the analysis tests: small designs built in code, sample loading."""

from __future__ import annotations

from pathlib import Path

from designer.model import Design, Edge, Node
from designer.storage import load_design

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def sample(relative: str) -> Design:
    """Load samples/<relative>.awsd.json."""
    return load_design(SAMPLES / f"{relative}.awsd.json")


class Sketch:
    """Build a design in a few lines: node(id, kind, parent, **props), edge(kind, a, b)."""

    def __init__(self) -> None:
        self.design = Design(title="sketch")
        self._n = 0

    def node(self, node_id: str, kind: str, parent: str | None = None, **props) -> Sketch:
        self.design.add_node(Node(id=node_id, kind=kind, parent=parent, props=props))
        return self

    def edge(self, kind: str, source: str, target: str, **props) -> Sketch:
        self._n += 1
        self.design.add_edge(Edge(id=f"e{self._n}", kind=kind, source=source, target=target, props=props))
        return self


def two_az_vpc() -> Sketch:
    """users, a Region, a VPC with an IGW and two AZs, each with a public and a private subnet."""
    s = Sketch().node("users", "internet").node("r", "region", code="ap-northeast-2")
    s.node("vpc", "vpc", "r", cidr="10.0.0.0/16").node("igw", "internet_gateway", "vpc")
    for i, az in enumerate(("a", "c")):
        s.node(f"az-{az}", "availability_zone", "vpc", name=f"ap-northeast-2{az}")
        s.node(f"pub-{az}", "subnet", f"az-{az}", cidr=f"10.0.{i}.0/24", public=True)
        s.node(f"priv-{az}", "subnet", f"az-{az}", cidr=f"10.0.{10 + i}.0/24", public=False)
    return s
