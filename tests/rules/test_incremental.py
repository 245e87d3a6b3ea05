"""Incremental checking is exact and local.

(a) Random edit sequences on the samples: after every step the live Validator's findings
equal a fresh full check. (b) Counting evaluations: a local edit re-checks only the rules
and nodes in its scope, not the whole design.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.catalogue import KIND_KEYS, find_kind
from designer.edits import (
    AddEdge,
    AddNode,
    Edit,
    RemoveEdge,
    SetEdgeField,
    SetEdgeProp,
    SetGeometry,
    SetLabel,
    SetParent,
    SetProp,
    delete_nodes,
)
from designer.model import EDGE_KINDS, MISSING, Design, Edge, ModelError, Node, Settings
from designer.rules import Validator, validate
from tests.conftest import load_sample

SAMPLES = ("three-tier", "hybrid-vpn", "vpc-peering", "static-website", "classroom-mistakes")
CONTAINERS = ("region", "vpc", "availability_zone", "subnet", "on_premises")
CIDRS = ("10.0.0.0/16", "10.0.1.0/24", "10.0.0.0/28", "10.0.1.0/28", "10.0.0.16/28", "10.0.1.0/27", "10.0.2.128/25", "10.0.1.5/24", "10.1.0.0/16", "192.168.0.0/16",
         "172.17.0.0/16", "8.8.8.0/24", "10.0.0.0/29", "10.0.0.0/8", "bad", "fd00::/64")


def _prop_values(design: Design, data: st.DataObject, kind: str | None = None) -> tuple[str, Any]:
    """A prop key the rules read (one of the kind's own, mostly) and a value for it; ids are
    drawn from the design, and subnet/group lists from nodes of those kinds."""
    ids = design.node_ids()
    subnets = [n.id for n in design.nodes_of_kind("subnet")] or ids
    groups = [n.id for n in design.nodes_of_kind("security_group")] or ids
    some_ids = st.lists(st.sampled_from(ids), max_size=3) if ids else st.just([])
    some_subnets = st.lists(st.sampled_from(subnets), max_size=3) if subnets else st.just([])
    some_groups = st.lists(st.sampled_from(groups), max_size=3) if groups else st.just([])
    rule = st.fixed_dictionaries({
        "protocol": st.sampled_from(["tcp", "udp", "-1", "icmp", "gre"]),
        "port": st.sampled_from([22, 80, 443, 3306, "1024-65535", None, 70000]),
        "source": st.sampled_from(["0.0.0.0/0", "10.0.0.0/16", "192.168.0.0/16", *ids[:20]] or ["0.0.0.0/0"]),
        "action": st.sampled_from(["allow", "allow", "deny"]),
    })
    nacl_rule = st.fixed_dictionaries({
        "number": st.sampled_from([1, 100, 200, 40000]),
        "direction": st.sampled_from(["inbound", "outbound"]),
        "protocol": st.sampled_from(["tcp", "-1"]),
        "port": st.sampled_from([80, 443, "1024-65535", None]),
        "cidr": st.sampled_from(["0.0.0.0/0", "10.0.0.0/16", "192.168.0.0/16"]),
        "action": st.sampled_from(["allow", "deny"]),
    })
    choices: dict[str, st.SearchStrategy] = {
        "cidr": st.sampled_from(CIDRS),
        "secondary_cidrs": st.lists(st.sampled_from(CIDRS), max_size=2),
        "public": st.booleans(),
        "public_ip": st.booleans(),
        "security_groups": st.one_of(some_groups, some_ids),
        "subnets": st.one_of(some_subnets, some_ids),
        "connectivity": st.sampled_from(["public", "private"]),
        "mode": st.sampled_from(["zonal", "regional"]),
        "inbound": st.lists(rule, max_size=3),
        "outbound": st.one_of(st.just(MISSING), st.lists(rule, max_size=2)),
        "rules": st.lists(nacl_rule, max_size=4),
        "name": st.sampled_from(["ap-northeast-2a", "us-east-1a", ""]),
        "code": st.sampled_from(["ap-northeast-2", "us-east-1"]),
        "service": st.sampled_from(["s3", "dynamodb", "sqs"]),
        "endpoint_type": st.sampled_from(["gateway", "interface"]),
        "private_dns": st.booleans(),
        "vgw_route_propagation": st.booleans(),
        "max": st.integers(0, 300),
        "lb_type": st.sampled_from(["alb", "nlb"]),
        "scheme": st.sampled_from(["internet-facing", "internal"]),
        "publicly_accessible": st.booleans(),
        "multi_az": st.booleans(),
        "role": st.sampled_from(["web", "app", "db", ""]),
    }
    spec = find_kind(kind) if kind else None
    relevant = sorted({p.name for p in spec.props} & set(choices)) if spec else []
    key = data.draw(st.sampled_from(relevant or sorted(choices)))
    return key, data.draw(choices[key])


def _random_edit(design: Design, data: st.DataObject, counter: list[int]) -> Edit | None:
    """One random edit of the design (None when the design offers nothing to edit)."""
    ids = design.node_ids()
    edge_ids = design.edge_ids()
    op = data.draw(st.sampled_from(["prop", "prop", "prop", "label", "move", "parent", "add_node",
                                    "delete", "add_edge", "remove_edge", "edge_kind", "edge_end",
                                    "edge_prop", "fix", "settings"]))
    counter[0] += 1
    n = counter[0]
    if op == "settings":
        return None  # handled by the caller (settings are not an Edit)
    if not ids:
        op = "add_node"
    if op == "prop":
        node = data.draw(st.sampled_from(ids))
        key, value = _prop_values(design, data, design.node(node).kind)
        return SetProp(node, key, value)
    if op == "label":
        return SetLabel(data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(["x", "웹", None])))
    if op == "move":
        node = data.draw(st.sampled_from(ids))
        x, y = data.draw(st.floats(-50, 1500)), data.draw(st.floats(-50, 1500))
        w, h = data.draw(st.floats(10, 900)), data.draw(st.floats(10, 900))
        return SetGeometry(node, (x, y, w, h))
    if op == "parent":
        parents = [i for i in ids if design.node(i).kind in CONTAINERS] + [None]
        return SetParent(data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(parents)))
    if op == "add_node":
        kind = data.draw(st.sampled_from(sorted(KIND_KEYS)))
        parents = [i for i in ids if design.node(i).kind in CONTAINERS] + [None]
        parent = data.draw(st.sampled_from(parents))
        props: dict[str, Any] = {}
        for _ in range(data.draw(st.integers(0, 3)) if ids else 0):
            key, value = _prop_values(design, data, kind)
            if value is not MISSING:
                props[key] = value
        return AddNode(Node(id=f"n{n}", kind=kind, parent=parent, x=10, y=50, w=96, h=84, props=props))
    if op == "delete":
        return delete_nodes(design, [data.draw(st.sampled_from(ids))])
    if op == "add_edge":
        kind = data.draw(st.sampled_from(EDGE_KINDS))
        props = {}
        if kind == "traffic":
            props = {"protocol": "tcp", "port": data.draw(st.sampled_from([80, 443, 3306, 5432]))}
        elif kind == "route":
            props = data.draw(st.sampled_from([{}, {"destination": "0.0.0.0/0"},
                                               {"destination": "192.168.0.0/16"}]))
        return AddEdge(Edge(id=f"x{n}", kind=kind, source=data.draw(st.sampled_from(ids)),
                            target=data.draw(st.sampled_from(ids)), props=props))
    if not edge_ids:
        return None
    edge = data.draw(st.sampled_from(edge_ids))
    if op == "remove_edge":
        return RemoveEdge(edge)
    if op == "edge_kind":
        return SetEdgeField(edge, "kind", data.draw(st.sampled_from(EDGE_KINDS)))
    if op == "edge_end":
        return SetEdgeField(edge, data.draw(st.sampled_from(["source", "target"])),
                            data.draw(st.sampled_from(ids)))
    if op == "edge_prop":
        return SetEdgeProp(edge, data.draw(st.sampled_from(["port", "destination", "protocol"])),
                           data.draw(st.sampled_from([22, 443, "0.0.0.0/0", "10.20.0.0/16", "udp", MISSING])))
    findings = [f for f in validate(design) if f.fix is not None]
    if not findings:
        return None
    return data.draw(st.sampled_from(findings)).fix.to_edit()  # type: ignore[union-attr]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SAMPLES), data=st.data())
def test_incremental_equals_full_over_random_edit_sequences(name, data):
    design = load_sample(name)
    validator = Validator(design)
    done: list[Edit] = []
    counter = [0]
    for _step in range(data.draw(st.integers(1, 20))):
        if done and data.draw(st.integers(0, 5)) == 0:
            done.pop().revert(design)  # undo
        else:
            edit = _random_edit(design, data, counter)
            if edit is None:
                quotas = data.draw(st.sampled_from([{}, {"elastic_ips_per_region": 1},
                                                    {"security_groups_per_eni": 1}]))
                design.set_settings(Settings(quotas=quotas))
            else:
                try:
                    edit.apply(design)
                except ModelError:
                    continue  # an edit the model refuses (a cycle, a leaf with edges…) changes nothing
                done.append(edit)
        assert validator.findings() == validate(design)
    _assert_same_bookkeeping(validator, design)
    while done:  # undo everything: the live validator follows back to the start
        done.pop().revert(design)
        assert validator.findings() == validate(design)
    _assert_same_bookkeeping(validator, design)
    validator.close()


def _assert_same_bookkeeping(validator: Validator, design: Design) -> None:
    """What each subject read, and the index from keys to subjects, equal a fresh live
    validator's: a re-check updates only the index entries of keys whose readers changed."""
    fresh = Validator(design)
    assert {s: set(keys) for s, keys in validator._deps.items()} == \
        {s: set(keys) for s, keys in fresh._deps.items()}
    assert validator._index == fresh._index
    fresh.close()


# ------------------------------------------------------------------------------ locality
def replicated(name: str, copies: int) -> Design:
    """A design made of `copies` copies of a sample, ids suffixed -1, -2, … (references too)."""
    base = load_sample(name)
    ids = set(base.node_ids())

    def rename(value: Any, suffix: str) -> Any:
        if isinstance(value, str):
            return value + suffix if value in ids else value
        if isinstance(value, list):
            return [rename(v, suffix) for v in value]
        if isinstance(value, dict):
            return {k: rename(v, suffix) for k, v in value.items()}
        return value

    nodes, edges = [], []
    for i in range(1, copies + 1):
        suffix = f"-{i}"
        for node in base.nodes:
            clone = node.model_copy(deep=True)
            clone.id += suffix
            clone.parent = clone.parent + suffix if clone.parent else None
            clone.props = rename(copy.deepcopy(node.props), suffix)
            if clone.parent is None and clone.x is not None:
                clone.x += (i - 1) * 3000.0  # side by side
            nodes.append(clone)
        for edge in base.edges:
            clone = edge.model_copy(deep=True)
            clone.id, clone.source, clone.target = edge.id + suffix, edge.source + suffix, edge.target + suffix
            edges.append(clone)
    return Design(title="copies", nodes=nodes, edges=edges)


def _subject_copy(design: Design, subject: str) -> str | None:
    """Which copy (its suffix) a subject belongs to; None for the design-wide subject."""
    if subject == "design":
        return None
    return subject.rsplit("-", 1)[-1]


def test_local_edits_recheck_only_their_scope():
    design = replicated("three-tier", 4)
    design.add_node(Node(id="web-x-3", kind="ec2", parent="app-a-3", x=30, y=60, w=96, h=84,
                         props={"security_groups": ["sg-web-3"], "role": "app"}))
    validator = Validator(design)
    assert validator.findings() == validate(design)
    full = validator.evaluations
    validator.trace = []

    # A prop of one instance: only that instance's rules and the rules that read it.
    SetProp("db-3", "multi_az", False).apply(design)
    ran = validator.refresh()
    assert 0 < ran < full / 20, (ran, full)
    assert {_subject_copy(design, s) for _, s in validator.trace} <= {"3", None}
    assert ("RDS-003", "db-3") in validator.trace

    # A move inside one subnet: nothing reads an instance's position, so nothing re-runs.
    validator.trace = []
    node = design.node("web-x-3")
    SetGeometry("web-x-3", (node.x + 40, node.y + 10, node.w, node.h)).apply(design)
    assert validator.refresh() == 0

    # Moving a subnet frame re-checks that subnet (the subnet-in-one-AZ rule reads its
    # rectangle), and nothing else: the rules of one subject run together.
    validator.trace = []
    subnet = design.node("app-a-2")
    SetGeometry("app-a-2", (subnet.x + 5, subnet.y, subnet.w, subnet.h)).apply(design)
    ran = validator.refresh()
    assert ran > 0 and {s for _, s in validator.trace} == {"app-a-2"}, validator.trace
    assert ("TOP-002", "app-a-2") in validator.trace

    # A security-group rule change re-checks that group and the flows it guards, in one copy.
    validator.trace = []
    SetProp("sg-web-1", "inbound", [{"protocol": "tcp", "port": 8080, "source": "sg-alb-1"}]).apply(design)
    ran = validator.refresh()
    assert 0 < ran < full / 20
    assert {_subject_copy(design, s) for _, s in validator.trace} <= {"1", None}
    assert validator.findings() == validate(design)
    assert any(f.rule == "SG-003" and "sg-web-1" in f.nodes for f in validator.findings())


def test_reverse_references_follow_edits():
    """Rules that ask "who names this subnet?" (NACLs, load balancers, Auto Scaling groups)
    are re-checked when that answer changes, and only then."""
    design = load_sample("three-tier")
    validator = Validator(design)
    steps: list[Edit] = [
        AddNode(Node(id="acl-1", kind="network_acl", parent="vpc", props={"subnets": ["app-a"], "rules": []})),
        AddNode(Node(id="acl-2", kind="network_acl", parent="vpc", props={"subnets": []})),
        SetProp("acl-2", "subnets", ["app-a", "app-c"]),  # app-a now has two NACLs (ACL-001)
        SetProp("acl-1", "subnets", ["db-a"]),  # … and one again; the empty acl-1 blocks db-a flows
        SetProp("app-c", "cidr", "10.0.11.0/28"),
        SetProp("asg", "max", 12),  # more than a /28's 11 usable addresses (NET-004)
        SetProp("asg", "subnets", ["app-a"]),  # app-c is relieved
        SetProp("alb", "subnets", ["pub-a", "app-c"]),
    ]
    seen_rules: set[str] = set()
    for step in steps:
        step.apply(design)
        live = validator.findings()
        assert live == validate(design), step
        seen_rules |= {f.rule for f in live}
    assert {"ACL-001", "ACL-002", "NET-004"} <= seen_rules
    for step in reversed(steps):
        step.revert(design)
        assert validator.findings() == validate(design), step


def _referrers_everywhere(validator: Validator, design: Design) -> dict[tuple[str, str], list[str]]:
    """Every non-empty answer to "who lists this id in this prop?" that the validator's context gives."""
    props = {k for n in design.nodes for k, v in n.props.items() if isinstance(v, list)}
    out = {}
    for node_id in design.node_ids():
        for prop in props:
            found = [v.id for v in validator.ctx.referrers(node_id, prop)]
            if found:
                out[(node_id, prop)] = found
    return out


def test_reverse_index_kept_by_edits_equals_a_fresh_one():
    """The reverse-reference index is built in one pass on first use and then kept current by
    the edits' events; after every edit it must equal one built afresh."""
    design = load_sample("three-tier")
    validator = Validator(design)
    before = _referrers_everywhere(validator, design)
    assert before[("app-a", "subnets")] and before[("sg-web", "security_groups")]
    steps: list[Edit] = [
        AddNode(Node(id="acl-1", kind="network_acl", parent="vpc", props={"subnets": ["app-a", "app-a", 3]})),
        SetProp("acl-1", "subnets", ["db-a"]),
        SetProp("asg", "subnets", "app-a"),  # not a list: names nothing
        SetProp("alb", "security_groups", []),
        SetProp("asg", "subnets", ["app-c", "pub-a"]),
    ]
    done: list[Edit] = []
    for step in steps:
        step.apply(design)
        done.append(step)
        validator.refresh()
        fresh = Validator(design, live=False)
        assert _referrers_everywhere(validator, design) == _referrers_everywhere(fresh, design), step
    removal = delete_nodes(design, ["acl-1", "app-c"])  # a removed node's references go, and refs to it
    removal.apply(design)
    validator.refresh()
    assert _referrers_everywhere(validator, design) == _referrers_everywhere(Validator(design, live=False), design)
    removal.revert(design)
    for step in reversed(done):
        step.revert(design)
    validator.refresh()
    assert _referrers_everywhere(validator, design) == before
