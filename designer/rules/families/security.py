"""Security groups and network ACLs (SG-001..005, ACL-001, ACL-002).

Security groups are stateful allow-lists on resources; network ACLs are stateless,
ordered allow/deny lists on subnets. How the format spells them: docs/design-format.md.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

from designer.edits import Edit, SetProp
from designer.model import Node
from designer.rules import props
from designer.rules.context import Context, EdgeView, NodeView
from designer.rules.facts import (
    ANY_V4,
    ANY_V6,
    SG_BEARING_KINDS,
    Network,
    flow,
    groups_admit_inbound,
    groups_admit_outbound,
    nacls_of,
    node_cidrs,
    parse_cidr,
    port_range,
    security_groups,
    subnets_of,
)
from designer.rules.finding import Fix, Issue
from designer.rules.fixes import AddNodeAt, fresh_node_id
from designer.rules.registry import rule

SEED_SG = "보안 그룹(Security Group)"
SEED_VPC = "네트워크 및 VPC"
VPC_Q_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"
SG_RULES_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"
NACL_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"

PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "all": "-1", "-1": "-1",
                  "tcp": "tcp", "udp": "udp", "icmp": "icmp"}
ADMIN_PORTS = (22, 3389)
DB_PORTS = (3306, 5432, 1433, 1521)
WORLD = (ipaddress.ip_network(ANY_V4), ipaddress.ip_network(ANY_V6))
NACL_NUMBERS = (1, 32766)
DEFAULT_EPHEMERAL = "1024-65535"


def protocol_of(value: Any) -> str | None:
    """A rule's protocol as tcp/udp/icmp/-1, or None when it is not one AWS knows here."""
    if value is None:
        return "-1"
    return PROTOCOL_NAMES.get(str(value).strip().lower())


def _describe(rule: dict[str, Any]) -> str:
    proto = rule.get("protocol", "-1")
    port = rule.get("port")
    peer = rule.get("source", rule.get("cidr", "?"))
    return f"{proto}{'/' + str(port) if port is not None else ''} {peer}"


def _is_world(value: Any) -> bool:
    network = parse_cidr(value)
    return network is not None and network in WORLD


# --------------------------------------------------------------------------- SG-001
@rule("SG-001", "error", (*SG_BEARING_KINDS, "security_group", "region", "design"),
      "Security-group quotas: groups per interface, rules per group, groups per Region",
      "보안 그룹 한도: 인터페이스당 그룹 수, 그룹당 규칙 수, 리전당 그룹 수",
      seed=SEED_SG, aws=VPC_Q_URL)
def sg_quotas(ctx: Context, subject: NodeView | None) -> Iterator[Issue]:
    """Count against the (adjustable) quotas, with raised values from the design's settings."""
    per_eni = ctx.quota("security_groups_per_eni", 5)
    per_group = ctx.quota("rules_per_security_group", 60)
    if subject is None:
        if per_eni * per_group > 1000:
            yield Issue("error", (),
                        f"The design's quotas allow {per_group} rules per group × {per_eni} groups per "
                        f"interface = {per_eni * per_group}; AWS caps that product at 1,000.",
                        f"설계 한도가 그룹당 규칙 {per_group}개 × 인터페이스당 그룹 {per_eni}개 = "
                        f"{per_eni * per_group}입니다. AWS는 이 곱을 1,000으로 제한합니다.")
        return
    if subject.kind == "region":
        yield from _groups_per_region(ctx, subject)
    elif subject.kind == "security_group":
        for direction, ko in (("inbound", "인바운드"), ("outbound", "아웃바운드")):
            rules = subject.prop(direction)
            if not isinstance(rules, list):
                continue
            for version in (4, 6):
                count = sum(1 for r in rules if _rule_ip_version(r) == version)
                if count > per_group:
                    yield Issue("error", (subject.id,),
                                f"Security group {subject.name} has {count} {direction} IPv{version} rules; the "
                                f"quota is {per_group} per direction and IP version.",
                                f"보안 그룹 {subject.name}에 {ko} IPv{version} 규칙이 {count}개 있습니다. 한도는 "
                                f"방향과 IP 버전마다 {per_group}개입니다.")
    else:
        ids = subject.prop("security_groups")
        if isinstance(ids, list) and len(ids) > per_eni:
            yield Issue("error", (subject.id,),
                        f"{subject.name} has {len(ids)} security groups; a network interface takes at most "
                        f"{per_eni} (adjustable up to 16).",
                        f"{subject.name}에 보안 그룹이 {len(ids)}개 있습니다. 네트워크 인터페이스에는 최대 "
                        f"{per_eni}개(최대 16개까지 조정 가능)만 연결됩니다.")


def _rule_ip_version(rule: Any) -> int:
    if not isinstance(rule, dict):
        return 4
    network = parse_cidr(rule.get("source"))
    return network.version if network is not None else 4


def _groups_per_region(ctx: Context, region: NodeView) -> Iterator[Issue]:
    count = 0
    for vpc in ctx.children(region.id):
        if vpc.kind == "vpc":
            count += sum(1 for c in ctx.children(vpc.id) if c.kind == "security_group")
    limit = ctx.quota("security_groups_per_region", 2500)
    if count > limit:
        yield Issue("warning", (region.id,),
                    f"Region {region.name} has {count} security groups; the default quota is {limit} per Region.",
                    f"리전 {region.name}에 보안 그룹이 {count}개 있습니다. 기본 한도는 리전당 {limit}개입니다.")


# --------------------------------------------------------------------------- SG-002
@rule("SG-002", "error", ("security_group",),
      "Security-group rules only allow, and each rule is well-formed",
      "보안 그룹 규칙은 허용만 가능하며 형식이 올바라야 한다",
      seed=SEED_SG, aws=SG_RULES_URL)
def sg_rule_validity(ctx: Context, group: NodeView) -> Iterator[Issue]:
    """A deny rule is an error (with a fix that moves it to the subnets' network ACL);
    then the protocol, ports and source of each rule are checked."""
    for direction in ("inbound", "outbound"):
        rules = group.prop(direction)
        if rules is None:
            continue
        if not isinstance(rules, list):
            yield Issue("error", (group.id,),
                        f"Security group {group.name}'s {direction} rules must be a list.",
                        f"보안 그룹 {group.name}의 {direction} 규칙은 목록이어야 합니다.")
            continue
        for index, item in enumerate(rules):
            if not isinstance(item, dict):
                yield Issue("error", (group.id,),
                            f"Security group {group.name}'s {direction} rule {index + 1} is not an object.",
                            f"보안 그룹 {group.name}의 {direction} 규칙 {index + 1}이(가) 객체가 아닙니다.")
                continue
            action = str(item.get("action", "allow")).strip().lower()
            if action == "deny":
                yield Issue("error", (group.id,),
                            f"Security group {group.name} has a deny rule ({direction} {_describe(item)}); "
                            "security groups can only allow traffic, so a deny belongs in the subnet's "
                            "network ACL.",
                            f"보안 그룹 {group.name}에 거부 규칙({direction} {_describe(item)})이 있습니다. "
                            "보안 그룹은 허용만 가능하므로 거부는 서브넷의 네트워크 ACL에 두어야 합니다.",
                            fix=_move_deny_fix(ctx, group, direction, rules, index))
                continue
            problem = _malformed(ctx, item, action)
            if problem:
                yield Issue("error", (group.id,),
                            f"Security group {group.name}'s {direction} rule {_describe(item)} is invalid: "
                            f"{problem[0]}.",
                            f"보안 그룹 {group.name}의 {direction} 규칙 {_describe(item)}이(가) 올바르지 "
                            f"않습니다: {problem[1]}.")


def _malformed(ctx: Context, item: dict[str, Any], action: str) -> tuple[str, str] | None:
    if action != "allow":
        return (f"action {action!r} is neither allow nor deny", f"동작 {action!r}은(는) allow가 아닙니다")
    proto = protocol_of(item.get("protocol"))
    if proto is None:
        return (f"unknown protocol {item.get('protocol')!r}", f"알 수 없는 프로토콜 {item.get('protocol')!r}")
    port = item.get("port")
    if proto in ("tcp", "udp"):
        if port is None or port_range(port) is None:
            return ("TCP/UDP rules need a port or a from-to range", "TCP/UDP 규칙에는 포트나 범위가 필요합니다")
        low, high = port_range(port)  # type: ignore[misc]
        if port in (-1, "-1") or not 0 <= low <= high <= 65535:
            return (f"ports must satisfy 0 ≤ from ≤ to ≤ 65535 (got {port})",
                    f"포트는 0 ≤ 시작 ≤ 끝 ≤ 65535여야 합니다({port})")
    elif proto == "-1" and port not in (None, -1, "-1"):
        return ("protocol -1 (all) covers every port, so it takes no port",
                "프로토콜 -1(전체)은 모든 포트를 포함하므로 포트를 지정하지 않습니다")
    elif proto == "icmp" and port not in (None, -1, "-1"):
        span = port_range(port)
        if span is None or not -1 <= span[0] <= span[1] <= 255:
            return ("ICMP takes a type-code pair between -1 and 255", "ICMP는 -1~255의 유형-코드를 씁니다")
    source = item.get("source")
    if not isinstance(source, str) or not source.strip():
        return ("it has no source (a CIDR or a security group)", "소스(CIDR 또는 보안 그룹)가 없습니다")
    if parse_cidr(source) is None:
        ref = ctx.node(source)
        if ref is None or ref.kind != "security_group":
            return (f"source {source!r} is neither a CIDR nor a security group",
                    f"소스 {source!r}은(는) CIDR도 보안 그룹도 아닙니다")
    return None


def _move_deny_fix(ctx: Context, group: NodeView, direction: str, rules: list[Any],
                   index: int) -> Fix:
    """Remove the deny rule; when its peer is a CIDR, add it to the network ACL of every
    subnet where the group is used (creating a NACL that otherwise allows all)."""
    item = rules[index]
    edits: list[Edit] = [SetProp(group.id, direction, [r for i, r in enumerate(rules) if i != index])]
    peer = item.get("source")
    network = parse_cidr(peer)
    subnets: list[NodeView] = []
    if network is not None:
        for user in ctx.referrers(group.id, "security_groups"):
            for subnet in subnets_of(ctx, user):
                if subnet not in subnets:
                    subnets.append(subnet)
    deny = {"direction": direction, "protocol": item.get("protocol", "-1"), "cidr": str(network),
            "action": "deny"}
    if item.get("port") is not None:
        deny["port"] = item["port"]
    bare: dict[str, list[NodeView]] = {}
    for subnet in subnets:
        nacls = nacls_of(ctx, subnet)
        if nacls:
            edits += _prepend_to_nacl(nacls[0], deny, edits)
        else:
            vpc = ctx.vpc_of(subnet.id)
            if vpc is not None:
                bare.setdefault(vpc.id, []).append(subnet)
    for vpc_id, members in bare.items():
        nacl = Node(id=fresh_node_id(ctx, f"nacl-{members[0].id}"), kind="network_acl", parent=vpc_id,
                    label="Network ACL", props={
                        "subnets": [s.id for s in members],
                        "rules": [{**deny, "number": 100},
                                  {"number": 200, "direction": "inbound", "protocol": "-1", "cidr": ANY_V4,
                                   "action": "allow"},
                                  {"number": 200, "direction": "outbound", "protocol": "-1", "cidr": ANY_V4,
                                   "action": "allow"}]})
        edits.append(AddNodeAt(node=nacl))
    where = " and add it to the subnets' network ACL" if subnets else ""
    where_ko = " 서브넷의 네트워크 ACL에 추가" if subnets else ""
    return Fix(f"Remove the deny rule from {group.name}{where}",
               f"{group.name}에서 거부 규칙을 제거하고{where_ko}", tuple(edits))


def _prepend_to_nacl(nacl: NodeView, deny: dict[str, Any], planned: list[Edit]) -> list[Edit]:
    """A SetProp that puts the deny rule before the NACL's first rule in that direction."""
    if any(isinstance(e, SetProp) and e.node_id == nacl.id for e in planned):
        return []  # a NACL shared by several subnets gets the rule once
    rules = [r for r in nacl.prop_list("rules") if isinstance(r, dict)]
    numbers = [r.get("number") for r in rules if r.get("direction") == deny["direction"]
               and isinstance(r.get("number"), int)]
    first = min(numbers) if numbers else 200
    if first <= 1:
        return []  # no rule number is free in front
    number = (first - 1) // 10 * 10 or first - 1
    return [SetProp(nacl.id, "rules", [{**deny, "number": number}, *rules])]


# --------------------------------------------------------------------------- SG-003
@rule("SG-003", "error", ("edge:traffic",),
      "Every drawn flow is allowed by an inbound rule of the target's security groups",
      "그려진 모든 트래픽은 대상 보안 그룹의 인바운드 규칙이 허용해야 한다",
      seed=SEED_SG, aws=SG_RULES_URL)
def flow_allowed_by_sgs(ctx: Context, edge: EdgeView) -> Iterator[Issue]:
    """Check the target's inbound rules and the source's outbound rules for a traffic edge."""
    facts = flow(ctx, edge)
    if facts is None:
        return
    source, target, protocol, port = facts.source, facts.target, facts.protocol, facts.port
    what = f"{protocol}/{port}" if port is not None else protocol
    groups = facts.target_groups
    if groups and not groups_admit_inbound(ctx, groups, source, facts.source_group_ids, protocol, port):
        yield Issue("error", (source.id, target.id, *(g.id for g in groups)),
                    f"No inbound rule of {target.name}'s security groups ({', '.join(g.name for g in groups)}) "
                    f"allows {what} from {source.name}; a security group allows nothing it does not list.",
                    f"{target.name}의 보안 그룹({', '.join(g.name for g in groups)})에 {source.name}에서 오는 "
                    f"{what}을(를) 허용하는 인바운드 규칙이 없습니다. 보안 그룹은 나열한 것만 허용합니다.",
                    edges=(edge.id,), fix=_inbound_fix(ctx, source, target, groups[0], protocol, port))
    groups = facts.source_groups
    if groups and not groups_admit_outbound(ctx, groups, target, facts.target_group_ids, protocol, port):
        yield Issue("error", (source.id, target.id, *(g.id for g in groups)),
                    f"No outbound rule of {source.name}'s security groups ({', '.join(g.name for g in groups)}) "
                    f"allows {what} to {target.name}.",
                    f"{source.name}의 보안 그룹({', '.join(g.name for g in groups)})에 {target.name}(으)로 가는 "
                    f"{what}을(를) 허용하는 아웃바운드 규칙이 없습니다.",
                    edges=(edge.id,))


def _inbound_fix(ctx: Context, source: NodeView, target: NodeView, group: NodeView, protocol: str,
                 port: int | None) -> Fix | None:
    if port is None and protocol in ("tcp", "udp"):
        return None  # no port to open
    peer_groups = security_groups(ctx, source)
    if peer_groups and ctx.vpc_of(peer_groups[0].id) == ctx.vpc_of(group.id):
        peer, peer_name = peer_groups[0].id, peer_groups[0].name
    elif source.kind == "internet":
        peer, peer_name = ANY_V4, ANY_V4
    else:
        cidrs = node_cidrs(ctx, source)
        if not cidrs:
            return None
        peer = peer_name = str(cidrs[0])
    new_rule: dict[str, Any] = {"protocol": protocol, "source": peer}
    if port is not None:
        new_rule["port"] = port
    rules = list(group.prop_list("inbound"))
    return Fix(f"Allow {protocol}/{port} from {peer_name} in {group.name}",
               f"{group.name}에 {peer_name}에서 오는 {protocol}/{port} 허용 규칙 추가",
               (SetProp(group.id, "inbound", [*rules, new_rule]),))


# --------------------------------------------------------------------------- SG-004
@rule("SG-004", "error", (*SG_BEARING_KINDS, "security_group"),
      "A security group is used only in its own VPC and referenced only from it or a same-Region peer",
      "보안 그룹은 자기 VPC에서만 쓰고, 같은 VPC나 같은 리전의 피어링 VPC에서만 참조한다",
      seed=SEED_SG, aws=SG_RULES_URL)
def sg_scope(ctx: Context, subject: NodeView) -> Iterator[Issue]:
    """Groups on a resource must be in its VPC; SG references must stay in reach."""
    if subject.kind != "security_group":
        vpc = ctx.vpc_of(subject.id)
        if vpc is None:
            return
        for group in security_groups(ctx, subject):
            theirs = ctx.vpc_of(group.id)
            if theirs is not None and theirs != vpc:
                yield Issue("error", (subject.id, group.id),
                            f"{subject.name} is in VPC {vpc.name} but uses security group {group.name} of VPC "
                            f"{theirs.name}; a security group can only be used in its own VPC.",
                            f"{subject.name}은(는) VPC {vpc.name}에 있는데 VPC {theirs.name}의 보안 그룹 "
                            f"{group.name}을(를) 씁니다. 보안 그룹은 자기 VPC에서만 쓸 수 있습니다.")
        return
    own = ctx.vpc_of(subject.id)
    if own is None:
        return
    for direction in ("inbound", "outbound"):
        for item in subject.prop_list(direction):
            if not isinstance(item, dict) or not isinstance(item.get("source"), str):
                continue
            ref = ctx.node(item["source"]) if parse_cidr(item["source"]) is None else None
            if ref is None or ref.kind != "security_group":
                continue
            theirs = ctx.vpc_of(ref.id)
            if theirs is None or theirs == own:
                continue
            peered = any({e.source, e.target} == {own.id, theirs.id} for e in ctx.edges_of(own.id, ("peering",)))
            same_region = ctx.region_of(own.id) == ctx.region_of(theirs.id)
            if peered and same_region:
                continue
            why = ("the VPCs are peered across Regions" if peered
                   else f"VPC {theirs.name} is not peered with VPC {own.name}")
            why_ko = ("두 VPC가 다른 리전 간 피어링입니다" if peered
                      else f"VPC {theirs.name}이(가) VPC {own.name}와(과) 피어링되어 있지 않습니다")
            yield Issue("error", (subject.id, ref.id),
                        f"Security group {subject.name} references group {ref.name}, but {why}; a rule can "
                        "reference only groups of the same VPC or of a same-Region peered VPC.",
                        f"보안 그룹 {subject.name}이(가) 그룹 {ref.name}을(를) 참조하지만 {why_ko}. 규칙은 같은 "
                        "VPC나 같은 리전의 피어링 VPC 그룹만 참조할 수 있습니다.")


# --------------------------------------------------------------------------- SG-005
@rule("SG-005", "warning", ("security_group", "network_acl"),
      "No admin or all-port access from the whole internet; DB ports only from the app tier",
      "관리 포트나 전체 포트를 인터넷 전체에 열지 않고, DB 포트는 앱 계층에만 연다",
      aws=SG_RULES_URL)
def open_to_world(ctx: Context, subject: NodeView) -> Iterator[Issue]:
    """World-open SSH/RDP or all ports, and DB ports open to address ranges, are warnings."""
    if subject.kind == "network_acl":
        yield from _nacl_admin_ports(subject)
        return
    for item in subject.prop_list("inbound"):
        if not isinstance(item, dict) or str(item.get("action", "allow")).lower() != "allow":
            continue
        proto = protocol_of(item.get("protocol"))
        span = (0, 65535) if proto == "-1" else port_range(item.get("port"))
        if proto is None or span is None:
            continue
        source = item.get("source")
        if _is_world(source):
            if span == (0, 65535):
                yield Issue("warning", (subject.id,),
                            f"Security group {subject.name} allows all ports from anywhere ({source}); open "
                            "only the ports the service needs.",
                            f"보안 그룹 {subject.name}이(가) 모든 곳({source})에서 오는 모든 포트를 허용합니다. "
                            "서비스에 필요한 포트만 여세요.")
                continue
            admin = [p for p in ADMIN_PORTS if span[0] <= p <= span[1]]
            if admin:
                yield Issue("warning", (subject.id,),
                            f"Security group {subject.name} opens admin port {admin[0]} to the whole internet "
                            f"({source}); allow it only from your own address range or use Session Manager.",
                            f"보안 그룹 {subject.name}이(가) 관리 포트 {admin[0]}을(를) 인터넷 전체({source})에 "
                            "엽니다. 자기 주소 범위에서만 허용하거나 Session Manager를 쓰세요.")
                continue
        db = [p for p in DB_PORTS if span[0] <= p <= span[1]]
        if db and span != (0, 65535) and parse_cidr(source) is not None:
            yield Issue("warning", (subject.id,),
                        f"Security group {subject.name} opens database port {db[0]} to the address range "
                        f"{source}; allow only the app tier's security group.",
                        f"보안 그룹 {subject.name}이(가) 데이터베이스 포트 {db[0]}을(를) 주소 범위 {source}에 "
                        "엽니다. 앱 계층의 보안 그룹만 허용하세요.")


def _nacl_admin_ports(nacl: NodeView) -> Iterator[Issue]:
    # An allow-all rule is what the default NACL does (SGs filter); only explicit admin ports warn.
    for item in nacl.prop_list("rules"):
        if not isinstance(item, dict) or str(item.get("action", "allow")).lower() != "allow":
            continue
        if str(item.get("direction", "inbound")).lower() != "inbound" or not _is_world(item.get("cidr")):
            continue
        span = port_range(item.get("port"))
        if protocol_of(item.get("protocol")) == "-1" or span is None or span == (0, 65535):
            continue
        admin = [p for p in ADMIN_PORTS if span[0] <= p <= span[1]]
        if admin:
            yield Issue("warning", (nacl.id,),
                        f"Network ACL {nacl.name} allows admin port {admin[0]} from the whole internet "
                        f"({item.get('cidr')}).",
                        f"네트워크 ACL {nacl.name}이(가) 인터넷 전체({item.get('cidr')})에서 관리 포트 "
                        f"{admin[0]}을(를) 허용합니다.")


# --------------------------------------------------------------------------- ACL-001
@rule("ACL-001", "error", ("subnet", "network_acl"),
      "A subnet has one network ACL, and a network ACL serves subnets of its own VPC",
      "서브넷에는 네트워크 ACL이 하나이며, 네트워크 ACL은 자기 VPC의 서브넷에만 연결된다",
      seed=SEED_VPC, aws=NACL_URL)
def nacl_association(ctx: Context, subject: NodeView) -> Iterator[Issue]:
    """Count associations per subnet; check each NACL's subnets are in its VPC."""
    if subject.kind == "subnet":
        nacls = nacls_of(ctx, subject)
        if len(nacls) > 1:
            yield Issue("error", (subject.id, *(n.id for n in nacls)),
                        f"Subnet {subject.name} is associated with {len(nacls)} network ACLs "
                        f"({', '.join(n.name for n in nacls)}); a subnet has exactly one.",
                        f"서브넷 {subject.name}이(가) 네트워크 ACL {len(nacls)}개({', '.join(n.name for n in nacls)})"
                        "에 연결되어 있습니다. 서브넷에는 네트워크 ACL이 정확히 하나입니다.")
        return
    own = ctx.vpc_of(subject.id)
    listed = subject.prop("subnets")
    if not isinstance(listed, list):
        return
    keep: list[Any] = []
    bad: list[str] = []
    for ref in listed:
        subnet = ctx.node(ref) if isinstance(ref, str) else None
        if subnet is None or subnet.kind != "subnet":
            bad.append(str(ref))
        elif own is not None and ctx.vpc_of(subnet.id) not in (None, own):
            bad.append(subnet.name)
        else:
            keep.append(ref)
    if bad:
        yield Issue("error", (subject.id,),
                    f"Network ACL {subject.name} is associated with {', '.join(bad)}, which "
                    f"{'is not a subnet' if len(bad) == 1 else 'are not subnets'} of its VPC"
                    f"{' ' + own.name if own else ''}.",
                    f"네트워크 ACL {subject.name}이(가) 자기 VPC{' ' + own.name if own else ''}의 서브넷이 아닌 "
                    f"{', '.join(bad)}에 연결되어 있습니다.",
                    fix=Fix(f"Remove the foreign subnets from {subject.name}",
                            f"{subject.name}에서 다른 VPC의 서브넷 제거",
                            (SetProp(subject.id, "subnets", keep),)))


# --------------------------------------------------------------------------- ACL-002
@rule("ACL-002", "error", ("edge:traffic", "network_acl"),
      "Network ACLs allow each flow and its return traffic; rule numbers and counts are valid",
      "네트워크 ACL이 각 트래픽과 그 응답 트래픽을 허용하고, 규칙 번호와 개수가 올바르다",
      seed=SEED_VPC, aws=NACL_URL)
def nacl_flows(ctx: Context, subject: NodeView | EdgeView) -> Iterator[Issue]:
    """Stateless first-match evaluation of both subnets' NACLs, both ways."""
    if isinstance(subject, NodeView):
        yield from _nacl_rule_validity(ctx, subject)
        return
    facts = flow(ctx, subject)
    if facts is None:
        return
    if not (_any_nacl(ctx, facts.source_subnets) or _any_nacl(ctx, facts.target_subnets)):
        return  # only default NACLs on the way, and they allow everything
    source, target = facts.source, facts.target
    src_subnets: list[NodeView | None] = list(facts.source_subnets) or [None]
    dst_subnets: list[NodeView | None] = list(facts.target_subnets) or [None]
    protocol, port = facts.protocol, facts.port
    ephemeral = port_range(ctx.setting("ephemeral_ports", DEFAULT_EPHEMERAL)) or (1024, 65535)
    forward = (port, port) if port is not None else None
    for src in src_subnets:
        for dst in dst_subnets:
            if src == dst:
                continue  # traffic inside one subnet does not pass its NACL
            src_peer = _peer_cidr(ctx, source, src)
            dst_peer = _peer_cidr(ctx, target, dst)
            checks = []
            if src is not None and dst_peer is not None:
                checks += [(src, "outbound", dst_peer, forward, "out of", "에서 나가는"),
                           (src, "inbound", dst_peer, ephemeral, "return traffic into", "으로 돌아오는 응답")]
            if dst is not None and src_peer is not None:
                checks += [(dst, "inbound", src_peer, forward, "into", "으로 들어오는"),
                           (dst, "outbound", src_peer, ephemeral, "return traffic out of", "에서 나가는 응답")]
            for subnet, direction, peer, ports, en, ko in checks:
                nacls = nacls_of(ctx, subnet)
                if not nacls:
                    continue  # the default NACL allows everything
                blocked = _nacl_blocks(nacls[0], direction, protocol, ports, peer)
                if blocked is None:
                    continue
                ports_text = "ephemeral ports" if ports is ephemeral else f"{protocol}/{port}"
                ports_ko = "임시 포트" if ports is ephemeral else f"{protocol}/{port}"
                yield Issue("error", (source.id, target.id, subnet.id, nacls[0].id),
                            f"Network ACL {nacls[0].name} blocks {ports_text} {en} subnet {subnet.name} for the "
                            f"flow {source.name} → {target.name} ({blocked}); network ACLs are stateless, so both "
                            "directions need an allow rule.",
                            f"네트워크 ACL {nacls[0].name}이(가) {source.name} → {target.name} 트래픽의 "
                            f"{ports_ko}을(를) 서브넷 {subnet.name}{ko} 방향에서 막습니다({blocked}). 네트워크 "
                            "ACL은 상태 비저장이므로 양방향 모두 허용 규칙이 필요합니다.",
                            edges=(subject.id,))
                return  # one finding per flow: the first place it is blocked


def _any_nacl(ctx: Context, subnets: tuple[NodeView, ...]) -> bool:
    """Whether one of the subnets has a network ACL of its own (reads them in order, up to it)."""
    for subnet in subnets:
        if nacls_of(ctx, subnet):
            return True
    return False


def _peer_cidr(ctx: Context, node: NodeView, subnet: NodeView | None) -> Network | None:
    if subnet is not None:
        return parse_cidr(props.value(subnet, "cidr"))
    cidrs = node_cidrs(ctx, node)
    return cidrs[0] if cidrs else None


def _nacl_blocks(nacl: NodeView, direction: str, protocol: str, ports: tuple[int, int] | None,
                 peer: Network) -> str | None:
    """First-match evaluation over a port range: None when every port is allowed, else why not.

    `ports` None means the flow names no port: it passes when an allow rule matches before
    any deny that covers every port.
    """
    rules = [r for r in nacl.prop_list("rules") if isinstance(r, dict)
             and str(r.get("direction", "inbound")).lower() == direction
             and isinstance(r.get("number"), int)]
    rules.sort(key=lambda r: r["number"])
    remaining = [ports] if ports is not None else [(0, 65535)]
    for item in rules:
        proto = protocol_of(item.get("protocol"))
        if proto is None or (proto != "-1" and proto != protocol):
            continue
        network = parse_cidr(item.get("cidr"))
        if network is None or network.version != peer.version:
            continue
        span = (0, 65535) if proto in ("-1", "icmp") else port_range(item.get("port"))
        if span is None:
            continue
        deny = str(item.get("action", "allow")).lower() == "deny"
        if deny and peer.overlaps(network) and _overlap(remaining, span):  # type: ignore[arg-type]
            if ports is not None or span == (0, 65535):
                return f"rule {item['number']} denies it"
            continue
        if not deny and peer.subnet_of(network):  # type: ignore[arg-type]
            if ports is None and _overlap(remaining, span):
                return None
            remaining = _subtract(remaining, span)
            if not remaining:
                return None
    return "no rule allows it, so the final * rule denies it"


def _overlap(ranges: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(lo <= span[1] and span[0] <= hi for lo, hi in ranges)


def _subtract(ranges: list[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in ranges:
        if hi < span[0] or lo > span[1]:
            out.append((lo, hi))
            continue
        if lo < span[0]:
            out.append((lo, span[0] - 1))
        if hi > span[1]:
            out.append((span[1] + 1, hi))
    return out


def _nacl_rule_validity(ctx: Context, nacl: NodeView) -> Iterator[Issue]:
    rules = nacl.prop_list("rules")
    if not isinstance(rules, list):
        return
    limit = ctx.quota("nacl_rules_per_direction", 20)
    counts: dict[tuple[str, int], int] = {}
    seen: set[tuple[str, int]] = set()
    for item in rules:
        if not isinstance(item, dict):
            continue
        direction = str(item.get("direction", "inbound")).lower()
        number = item.get("number")
        if direction not in ("inbound", "outbound"):
            yield Issue("error", (nacl.id,),
                        f"Network ACL {nacl.name} has a rule with direction {direction!r}; use inbound or outbound.",
                        f"네트워크 ACL {nacl.name}의 규칙 방향 {direction!r}이(가) 올바르지 않습니다.")
            continue
        if not isinstance(number, int) or isinstance(number, bool) or not NACL_NUMBERS[0] <= number <= NACL_NUMBERS[1]:
            yield Issue("error", (nacl.id,),
                        f"Network ACL {nacl.name} has rule number {number!r}; rule numbers run from 1 to 32766.",
                        f"네트워크 ACL {nacl.name}의 규칙 번호 {number!r}이(가) 1~32766 범위를 벗어났습니다.")
        elif (direction, number) in seen:
            yield Issue("error", (nacl.id,),
                        f"Network ACL {nacl.name} has two {direction} rules numbered {number}.",
                        f"네트워크 ACL {nacl.name}에 번호가 {number}인 {direction} 규칙이 두 개 있습니다.")
        else:
            seen.add((direction, number))
        network = parse_cidr(item.get("cidr"))
        if network is None:
            yield Issue("error", (nacl.id,),
                        f"Network ACL {nacl.name}'s rule {number} has no valid CIDR ({item.get('cidr')!r}).",
                        f"네트워크 ACL {nacl.name}의 규칙 {number}에 올바른 CIDR이 없습니다({item.get('cidr')!r}).")
            continue
        key = (direction, network.version)
        counts[key] = counts.get(key, 0) + 1
    for (direction, version), count in sorted(counts.items()):
        if count > limit:
            yield Issue("error", (nacl.id,),
                        f"Network ACL {nacl.name} has {count} {direction} IPv{version} rules; the quota is {limit} "
                        "(adjustable to 40).",
                        f"네트워크 ACL {nacl.name}에 {direction} IPv{version} 규칙이 {count}개 있습니다. 한도는 "
                        f"{limit}개(최대 40개까지 조정 가능)입니다.")
