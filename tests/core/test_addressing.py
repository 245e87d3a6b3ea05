"""Free address blocks for dropped and pasted VPCs and subnets (designer.addressing)."""

from __future__ import annotations

from designer.addressing import free_subnet_cidr, free_vpc_cidr, fresh_cidr, pasted_subnet_cidr
from designer.edits import AddNode, new_node
from designer.model import Design, Node
from designer.rules import validate
from tests.conftest import load_sample


def vpc_design(cidr: str | None = "10.0.0.0/16", *subnets: str | None, secondary=None) -> Design:
    """region > vpc > az, with one subnet per given block (None: a subnet with no cidr prop)."""
    design = Design()
    design.add_node(Node(id="r", kind="region", x=0, y=0, w=2000, h=2000))
    props = {} if cidr is None else {"cidr": cidr}
    if secondary:
        props["secondary_cidrs"] = secondary
    design.add_node(Node(id="v", kind="vpc", parent="r", x=10, y=10, w=1900, h=1900, props=props))
    design.add_node(Node(id="az", kind="availability_zone", parent="v", x=10, y=10, w=1800, h=1800))
    for i, block in enumerate(subnets):
        design.add_node(Node(id=f"s{i}", kind="subnet", parent="az", x=10, y=10 + 230 * i, w=460, h=220,
                             props={} if block is None else {"cidr": block}))
    return design


def overlaps(design: Design) -> list:
    return [f for f in validate(design) if f.rule == "NET-003"]


def test_subnets_number_from_one_like_aws_examples():
    design = vpc_design()
    assert fresh_cidr(design, "subnet", "az") == "10.0.1.0/24"  # the first drop is as before
    design.add_node(new_node(design, "subnet", "az", 10, 10))
    assert fresh_cidr(design, "subnet", "az") == "10.0.2.0/24"


def test_each_dropped_subnet_is_free_of_its_siblings():
    design = vpc_design("10.0.0.0/16", "10.0.1.0/24", "10.0.2.0/23", None)  # None reads as 10.0.1.0/24
    blocks = []
    for _ in range(3):
        node = new_node(design, "subnet", "az", 10, 10)
        design.add_node(node)
        blocks.append(node.props["cidr"])
    assert blocks == ["10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24"]
    assert len(overlaps(design)) == 1  # only the pair that was there before: s0 and the default s2


def test_a_vpc_of_another_range_and_a_full_one():
    assert fresh_cidr(vpc_design("172.31.0.0/16"), "subnet", "az") == "172.31.1.0/24"
    # A small VPC is split in quarters; its first block comes last.
    small = vpc_design("10.9.0.0/24", "10.9.0.64/26")
    assert free_subnet_cidr(small, "v") == "10.9.0.128/26"
    full = vpc_design("10.0.0.0/24", "10.0.0.0/24")
    assert free_subnet_cidr(full, "v") is None
    assert fresh_cidr(full, "subnet", "az") is None
    assert new_node(full, "subnet", "az", 0, 0).props["cidr"] == "10.0.1.0/24"  # the catalogue default


def test_secondary_blocks_are_used_when_the_primary_is_full():
    design = vpc_design("10.0.0.0/24", "10.0.0.0/24", secondary=["10.1.0.0/16"])
    assert free_subnet_cidr(design, "v") == "10.1.1.0/24"


def test_subnet_outside_a_vpc_keeps_the_catalogue_default():
    design = Design()
    design.add_node(Node(id="az", kind="availability_zone", x=0, y=0, w=600, h=600))
    assert fresh_cidr(design, "subnet", "az") is None
    assert new_node(design, "subnet", "az", 10, 10).props["cidr"] == "10.0.1.0/24"


def test_new_vpcs_take_the_next_free_slash_16():
    design = vpc_design("10.0.0.0/16")
    assert free_vpc_cidr(Design()) == "10.0.0.0/16"
    assert fresh_cidr(design, "vpc", "r") == "10.1.0.0/16"
    design.set_prop("v", "secondary_cidrs", ["10.1.0.0/16", "10.2.128.0/17"])
    assert free_vpc_cidr(design) == "10.3.0.0/16"
    assert free_vpc_cidr(vpc_design(None)) == "10.1.0.0/16"  # an absent cidr reads as the default 10.0.0.0/16
    assert free_vpc_cidr(vpc_design("10.0.0.0/8")) is None


def test_explicit_props_win_and_the_drop_is_one_exact_step():
    design = vpc_design("10.0.0.0/16", "10.0.1.0/24")
    assert new_node(design, "subnet", "az", 0, 0, props={"cidr": "10.0.9.0/24"}).props["cidr"] == "10.0.9.0/24"
    before = design.model_dump()
    edit = AddNode(new_node(design, "subnet", "az", 0, 300))
    edit.apply(design)
    assert design.node(edit.node.id).props["cidr"] == "10.0.2.0/24"
    edit.revert(design)
    assert design.model_dump() == before


def test_pasted_subnet_keeps_a_free_block_and_replaces_a_clashing_one():
    design = vpc_design("10.0.0.0/16", "10.0.1.0/24")
    free = Node(id="p", kind="subnet", props={"cidr": "10.0.7.0/24"})
    assert pasted_subnet_cidr(design, "v", free) is None
    assert pasted_subnet_cidr(design, "v", free, taken=["10.0.7.0/24"]) == "10.0.2.0/24"
    clash = Node(id="p", kind="subnet", props={"cidr": "10.0.1.0/26"})
    assert pasted_subnet_cidr(design, "v", clash) == "10.0.0.64/26"  # its own size, first block last
    outside = Node(id="p", kind="subnet", props={"cidr": "192.168.5.0/24"})
    assert pasted_subnet_cidr(design, "v", outside) == "10.0.2.0/24"
    v6 = Node(id="p", kind="subnet", props={"cidr": "2600:1f18::/64"})
    assert pasted_subnet_cidr(design, "v", v6) is None


def test_samples_get_free_blocks_in_every_vpc():
    for name in ("three-tier", "classroom-mistakes", "vpc-peering", "hybrid-vpn"):
        design = load_sample(name)
        before = len(overlaps(design))
        for az in design.nodes_of_kind("availability_zone"):
            if design.vpc_of(az.id) is not None:
                design.add_node(new_node(design, "subnet", az.id, 0, 0))
        assert len(overlaps(design)) == before, name
