"""Failure drills: "what if this AZ, subnet or node fails?" and single points of failure.

The model
---------
*Failure domains.* A failed id may be any node. A failed container takes down
everything drawn inside it; a failed Availability Zone therefore takes down its subnets
and every zonal resource in them.

*Placements.* A node's placements are the subnets (or AZ frames) it runs in
(topology.py): an EC2 instance, an EBS volume, a zonal NAT gateway or an interface
endpoint runs in the one subnet or AZ that holds it; a load balancer or an Auto Scaling
group runs in the subnets of its `subnets` prop; an RDS instance runs in its subnet, and
with `multi_az: true` also in the other subnets of its DB subnet group (the standby
takes over). A node with placements is up while at least one placement is up and
nothing above it outside the AZ level (VPC, Region, a failed parent resource) has
failed; a node up on fewer placements than it has is *degraded*. Regional and global
services (S3, Glacier, Route 53, CloudFront, internet/VPN gateways, gateway endpoints,
regional NAT gateways, Elastic IPs) have no placements: an AZ failure never takes them
down, only their own failure or their parent's does.

*Tiers and paths.* A tier is the nodes with one `role`, the traffic targets of one load
balancer, or all databases (RDS, and `role: db`); identical tiers are merged. An inbound
path runs from an entry (`internet` / `on_premises`) to a tier along `traffic`, `dns` and
`origin` edges and is listed when the drawing connects them; it works when some member
of the tier is reachable through nodes that are up. Entering a VPC needs its gateway:
from the internet an internet gateway of that VPC and a placement in a public subnet
(`public: true`); from on-premises a virtual private gateway of that VPC with a `vpn`
edge to a node that is up; CloudFront reaches its origins directly (VPC origins). An
outbound path runs from a tier to the internet and is listed when a member has a
`traffic` edge to `internet` or sits in a private subnet with a default `route` to a NAT
gateway; it works when some member is up in a subnet that is public (with its VPC's
internet gateway up) or routes 0.0.0.0/0 to a NAT gateway that is up, public and sits
in a public subnet.

*Status.* A path is "ok", "lost" (it works in the intact design but not after the
failure) or "broken" (it does not work even with nothing failed: the validator says
why). Routing that the validator checks (security groups, NACLs, route tables other
than the default route) is assumed right; the drill asks only what a failure removes.

*Single points of failure.* Candidates are the AZs and every node confined to one AZ
(all its placements in one AZ). Each candidate is failed alone; it is a single point of
failure when that loses a path. Managed services spread over AZs (an ALB over two AZs,
a Multi-AZ RDS, S3, Route 53, CloudFront) are never candidates.

Output order is deterministic: the design's file order for nodes and edges, then entry
and tier order for paths.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from designer.analysis.topology import ZONAL_CONTAINERS, Tier, Topology, build_topology
from designer.model import Design

PATH_STATUSES = ("ok", "lost", "broken")
OUTBOUND_TARGET = "internet"


class UnknownNodeError(ValueError):
    """A failed id that names no node of the design."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__("; ".join(f'no node "{m}" in the design' for m in missing))


@dataclass(frozen=True)
class PathStatus:
    """One path from an entry to a tier (inbound) or from a tier to the internet (outbound)."""

    id: str
    direction: str  # "inbound" | "outbound"
    entry: str  # the entry node id, or "internet" for an outbound path with no drawn node
    tier: Tier
    status: str  # "ok" | "lost" | "broken"
    via: tuple[str, ...]  # node ids of one route (the working one, else the intact one)
    cut_by: tuple[str, ...] = ()  # for a lost path: the down nodes its intact route used

    @property
    def works(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "direction": self.direction,
            "from": self.entry if self.direction == "inbound" else self.tier.key,
            "to": self.tier.key if self.direction == "inbound" else self.entry,
            "tier": self.tier.key,
            "tier_name": self.tier.name,
            "tier_name_ko": self.tier.name_ko,
            "members": list(self.tier.members),
            "status": self.status,
            "works": self.works,
            "via": list(self.via),
            "cut_by": list(self.cut_by),
        }


@dataclass(frozen=True)
class FailureResult:
    """What a failure takes down and which paths still work (for greying out and reports)."""

    failed: tuple[str, ...]
    down: tuple[str, ...]  # every node that is lost, failed ones included, in file order
    degraded: tuple[str, ...]  # up, but lost some placements (an ALB or Multi-AZ DB in one AZ less)
    lost_edges: tuple[str, ...]  # edges with a down end, in file order
    paths: tuple[PathStatus, ...]

    @cached_property
    def _down_set(self) -> frozenset[str]:
        return frozenset(self.down)

    def is_down(self, node_id: str) -> bool:
        """Whether a node is lost in this failure."""
        return node_id in self._down_set

    @property
    def lost_paths(self) -> tuple[PathStatus, ...]:
        return tuple(p for p in self.paths if p.status == "lost")

    @property
    def working_paths(self) -> tuple[PathStatus, ...]:
        return tuple(p for p in self.paths if p.status == "ok")

    def to_json(self) -> dict[str, object]:
        return {
            "failed": list(self.failed),
            "down": list(self.down),
            "degraded": list(self.degraded),
            "lost_edges": list(self.lost_edges),
            "paths": [p.to_json() for p in self.paths],
        }


@dataclass(frozen=True)
class SinglePointOfFailure:
    """A node or an AZ whose loss alone cuts at least one working path."""

    kind: str  # "node" | "az"
    id: str
    label: str
    reason: str
    reason_ko: str
    lost_paths: tuple[PathStatus, ...]

    def to_json(self) -> dict[str, object]:
        return {
            self.kind: self.id,
            "label": self.label,
            "reason": self.reason,
            "reason_ko": self.reason_ko,
            "lost_paths": [p.id for p in self.lost_paths],
        }


SPOF = SinglePointOfFailure


class _Liveness:
    """Which nodes, placements and gateways are up once `failed` has failed (memoised)."""

    def __init__(self, topo: Topology, failed: frozenset[str]) -> None:
        self.topo = topo
        self.design = topo.design
        self.failed = failed
        self._alive: dict[str, bool] = {}

    def chain_ok(self, node_id: str) -> bool:
        """The node and every container above it have not failed."""
        return node_id not in self.failed and self.failed.isdisjoint(self.topo.ancestors[node_id])

    def alive(self, node_id: str) -> bool:
        """Whether the node is still up (see the module docstring)."""
        if node_id not in self._alive:
            self._alive[node_id] = self._compute_alive(node_id)
        return self._alive[node_id]

    def _compute_alive(self, node_id: str) -> bool:
        if node_id in self.failed:
            return False
        if self.design.node(node_id).kind in ZONAL_CONTAINERS:
            return self.chain_ok(node_id)
        # Zonal ancestors are covered by the placements (or do not apply to regional services).
        if not self.failed.isdisjoint(self.topo.outer_ancestors[node_id]):
            return False
        places = self.topo.placements[node_id]
        return not places or any(self.chain_ok(p) for p in places)

    def degraded(self, node_id: str) -> bool:
        places = self.topo.placements[node_id]
        return (self.design.node(node_id).kind not in ZONAL_CONTAINERS and self.alive(node_id)
                and any(not self.chain_ok(p) for p in places))

    def gateway(self, vpc: str | None, kind: str) -> str | None:
        """The first gateway of `kind` attached to `vpc` that is up (a VGW also needs its VPN)."""
        if vpc is None:
            return None
        for gw in self.topo.gateways.get((vpc, kind), ()):
            if not self.alive(gw):
                continue
            if kind == "vpn_gateway" and not any(self.alive(p) for p in self.topo.vpn_peers.get(gw, ())):
                continue
            return gw
        return None

    def public_placement(self, node_id: str) -> bool:
        places = self.topo.placements[node_id]
        if not places:
            return True
        return any(self.chain_ok(p) and _is_public_subnet(self.design, p) for p in places)

    def subnet_egress(self, subnet_id: str) -> tuple[str, ...] | None:
        """The route out to the internet from a subnet (gateway ids), or None when there is none."""
        node = self.design.node(subnet_id)
        if node.kind != "subnet":
            return None
        vpc = self.topo.vpcs.get(subnet_id)
        if node.props.get("public") is True:
            igw = self.gateway(vpc, "internet_gateway")
            return (igw,) if igw else None
        for nat in self.topo.nat_routes.get(subnet_id, ()):
            route = self.nat_egress(nat)
            if route is not None:
                return route
        return None

    def nat_egress(self, nat_id: str) -> tuple[str, ...] | None:
        node = self.design.node(nat_id)
        if not self.alive(nat_id) or node.props.get("connectivity") == "private":
            return None
        igw = self.gateway(self.topo.vpcs.get(nat_id), "internet_gateway")
        if igw is None or not self.public_placement(nat_id):
            return None
        return (nat_id, igw)

    def node_egress(self, node_id: str) -> tuple[str, ...] | None:
        """A node's way out to the internet (its own id first), or None."""
        if not self.alive(node_id):
            return None
        places = self.topo.placements[node_id]
        if not places:
            vpc = self.topo.vpcs.get(node_id)
            if vpc is None:
                return (node_id,)  # a regional service reaches the internet by itself
            igw = self.gateway(vpc, "internet_gateway")
            return (node_id, igw) if igw else None
        for place in places:
            if self.chain_ok(place):
                route = self.subnet_egress(place)
                if route is not None:
                    return (node_id, *route)
        return None


def _is_public_subnet(design: Design, node_id: str) -> bool:
    node = design.node(node_id)
    return node.kind == "subnet" and node.props.get("public") is True


class _Drill:
    """Evaluates the paths of one design for any set of failed ids."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.topo = build_topology(design)
        self.intact = _Liveness(self.topo, frozenset())
        self.drawn_routes: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self.drawn = self._drawn_paths()
        # Each working path's intact route as hops; a failure that spares every hop spares the path.
        self.witness: dict[tuple[str, str, str], tuple[tuple[str, str], ...]] = {}
        self.baseline = self.evaluate(frozenset())

    # -------------------------------------------------------------- which paths exist
    def _drawn_paths(self) -> list[tuple[str, str, Tier]]:
        """(direction, entry, tier) for every path the drawing connects, in report order."""
        out: list[tuple[str, str, Tier]] = []
        for entry in self.topo.entries:
            parents = self._search(entry, None)
            for tier in self.topo.tiers:
                reached = [m for m in tier.members if m in parents]
                if reached:
                    out.append(("inbound", entry, tier))
                    self.drawn_routes[("inbound", entry, tier.key)] = self._route(parents, reached[0])
        for tier in self.topo.tiers:
            target = self._outbound_target(tier)
            if target is not None:
                out.append(("outbound", target, tier))
        return out

    def _outbound_target(self, tier: Tier) -> str | None:
        """The internet node an outbound path of the tier goes to, or None when it has none."""
        for member in tier.members:
            if self.topo.internet_edges.get(member):
                return self.topo.internet_edges[member][0]
        internet = next((e for e in self.topo.entries if self.design.node(e).kind == "internet"),
                        OUTBOUND_TARGET)
        for member in tier.members:
            for place in self.topo.placements[member]:
                if not _is_public_subnet(self.design, place) and self.topo.nat_routes.get(place):
                    return internet
        return None

    # -------------------------------------------------------------- searching
    def _search(self, entry: str, live: _Liveness | None) -> dict[str, tuple[str | None, str | None]]:
        """Breadth-first search from an entry; node → (previous node, gateway crossed).

        With `live` None the drawing alone counts (every hop allowed)."""
        if live is not None and not live.alive(entry):
            return {}
        entry_kind = self.design.node(entry).kind
        parents: dict[str, tuple[str | None, str | None]] = {entry: (None, None)}
        queue = deque([entry])
        while queue:
            here = queue.popleft()
            for _edge, there in self.topo.flows_out.get(here, ()):
                if there in parents or there in self.topo.entries:
                    continue
                if live is None:
                    parents[there] = (here, None)
                    queue.append(there)
                    continue
                allowed, gateway = self._hop(live, entry_kind, here, there)
                if allowed:
                    parents[there] = (here, gateway)
                    queue.append(there)
        return parents

    def _hop(self, live: _Liveness, entry_kind: str, here: str, there: str) -> tuple[bool, str | None]:
        """Whether a request can go from `here` to `there`, and the gateway it crosses."""
        if not live.alive(there):
            return False, None
        vpc = self.topo.vpcs.get(there)
        if vpc is None or self.topo.vpcs.get(here) is not None:
            return True, None  # outside any VPC, or already inside the AWS network
        if self.design.node(here).kind == "cloudfront":
            return True, None  # CloudFront reaches public and VPC origins without a gateway of ours
        if entry_kind == "on_premises":
            vgw = live.gateway(vpc, "vpn_gateway")
            return vgw is not None, vgw
        igw = live.gateway(vpc, "internet_gateway")
        return igw is not None and live.public_placement(there), igw

    @staticmethod
    def _route(parents: dict[str, tuple[str | None, str | None]], end: str) -> tuple[str, ...]:
        out: list[str] = []
        node: str | None = end
        while node is not None:
            out.append(node)
            previous, gateway = parents[node]
            if gateway is not None:
                out.append(gateway)
            node = previous
        return tuple(reversed(out))

    @staticmethod
    def _hops(parents: dict[str, tuple[str | None, str | None]], end: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        node = end
        while (previous := parents[node][0]) is not None:
            out.append((previous, node))
            node = previous
        return tuple(reversed(out))

    def _still_works(self, live: _Liveness, entry: str, key: tuple[str, str, str]) -> tuple[str, ...] | None:
        """The intact route of a path if every hop of it is still allowed (gateways as now), else None."""
        if not live.alive(entry):
            return None
        kind = self.design.node(entry).kind
        route = [entry]
        for here, there in self.witness[key]:
            allowed, gateway = self._hop(live, kind, here, there)
            if not allowed:
                return None
            route += [gateway, there] if gateway else [there]
        return tuple(route)

    # -------------------------------------------------------------- evaluating
    def evaluate(self, failed: frozenset[str], live: _Liveness | None = None,
                 ) -> dict[tuple[str, str, str], tuple[bool, tuple[str, ...]]]:
        """(direction, entry, tier key) → (works, route) for every drawn path."""
        if live is None:
            live = _Liveness(self.topo, failed) if failed else self.intact
        searches: dict[str, dict[str, tuple[str | None, str | None]]] = {}
        out: dict[tuple[str, str, str], tuple[bool, tuple[str, ...]]] = {}
        for direction, entry, tier in self.drawn:
            key = (direction, entry, tier.key)
            if direction == "inbound":
                route = self._still_works(live, entry, key) if key in self.witness else None
                if route is not None:
                    out[key] = (True, route)
                    continue
                if entry not in searches:
                    searches[entry] = self._search(entry, live)
                parents = searches[entry]
                reached = [m for m in tier.members if m in parents]
                out[key] = (True, self._route(parents, reached[0])) if reached else (False, ())
                if reached and not failed:
                    self.witness[key] = self._hops(parents, reached[0])
            else:
                route = next((r for m in tier.members if (r := live.node_egress(m)) is not None), None)
                out[key] = (True, route) if route else (False, ())  # "the internet" itself never fails
        return out

    def result(self, failed: frozenset[str]) -> FailureResult:
        live = _Liveness(self.topo, failed)
        evaluation = self.evaluate(failed, live)
        ids = self.design.node_ids()
        down = tuple(n for n in ids if not live.alive(n))
        down_set = set(down)
        paths: list[PathStatus] = []
        for direction, entry, tier in self.drawn:
            key = (direction, entry, tier.key)
            works_before, route_before = self.baseline[key]
            works_now, route_now = evaluation[key]
            if not works_before:
                status, via, cut = "broken", self.drawn_routes.get(key, ()), ()
            elif works_now:
                status, via, cut = "ok", route_now, ()
            else:
                cut = tuple(n for n in route_before if n in down_set)
                status, via = "lost", route_before
                if not cut:
                    cut = tuple(f for f in ids if f in failed)
            paths.append(PathStatus(_path_id(direction, entry, tier), direction, entry, tier,
                                    status, via, cut))
        return FailureResult(
            failed=tuple(n for n in ids if n in failed),
            down=down,
            degraded=tuple(n for n in ids if live.degraded(n)),
            lost_edges=tuple(e.id for e in self.design.edges
                             if e.source in down_set or e.target in down_set),
            paths=tuple(paths),
        )


def _path_id(direction: str, entry: str, tier: Tier) -> str:
    """"users -> web" for an inbound path, "app -> internet" for an outbound one."""
    return f"{entry} -> {tier.key}" if direction == "inbound" else f"{tier.key} -> {OUTBOUND_TARGET}"


def _check_ids(design: Design, failed: Iterable[str]) -> frozenset[str]:
    wanted = list(dict.fromkeys(failed))
    missing = [f for f in wanted if f not in design]
    if missing:
        raise UnknownNodeError(missing)
    return frozenset(wanted)


class FailureDrill:
    """A design's drill prepared once, for many what-if failures (the GUI's drill mode).

    It rebuilds itself when the design has changed since (Design.revision moved)."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self._drill = _Drill(design)
        self._revision = design.revision

    def simulate(self, failed: Iterable[str]) -> FailureResult:
        """Like simulate_failure(design, failed), without re-reading an unchanged design."""
        if self.design.revision != self._revision:
            self._drill, self._revision = _Drill(self.design), self.design.revision
        return self._drill.result(_check_ids(self.design, failed))


def simulate_failure(design: Design, failed: Iterable[str]) -> FailureResult:
    """Fail some nodes (AZs, subnets, resources…) and report what is lost and which paths work.

    Raises UnknownNodeError when an id names no node. An empty set gives the intact design's
    paths ("ok" or "broken")."""
    return _Drill(design).result(_check_ids(design, failed))


def paths(design: Design) -> tuple[PathStatus, ...]:
    """The intact design's paths, each "ok" or "broken"."""
    return _Drill(design).result(frozenset()).paths


def single_points_of_failure(design: Design) -> list[SinglePointOfFailure]:
    """Every AZ, and every node confined to one AZ, whose loss alone cuts a working path."""
    drill = _Drill(design)
    topo = drill.topo
    out: list[SinglePointOfFailure] = []
    for node in design.nodes:
        if node.kind == "availability_zone":
            kind = "az"
        elif (node.kind not in ZONAL_CONTAINERS and node.id not in topo.entries
              and topo.placements[node.id] and len(topo.placement_azs(node.id)) == 1):
            kind = "node"
        else:
            continue
        failed = frozenset({node.id})
        now = drill.evaluate(failed)
        if not any(drill.baseline[k][0] and not now[k][0] for k in now):
            continue  # the cheap check first: most candidates cut nothing
        lost = drill.result(failed).lost_paths
        if lost:
            reason, reason_ko = _reason(topo, node.id, kind, lost)
            out.append(SinglePointOfFailure(kind, node.id, node.display_name(), reason, reason_ko, lost))
    return out


def _az_name(topo: Topology, az_id: str | None) -> str:
    if az_id is None:
        return "no AZ"
    node = topo.node(az_id)
    return str(node.props.get("name") or node.display_name())


def _what(topo: Topology, node_id: str) -> tuple[str, str]:
    """A short description of why this kind of node is confined to one AZ (en, ko)."""
    node = topo.node(node_id)
    kind = node.kind
    if kind == "rds":
        if node.props.get("multi_az") is True:
            return ("a Multi-AZ database whose DB subnet group covers one AZ only",
                    "DB 서브넷 그룹이 한 가용 영역만 포함하는 다중 AZ DB")
        return "a single-AZ database with Multi-AZ off", "다중 AZ 배포가 꺼진 단일 AZ DB"
    if kind == "nat_gateway":
        return "a zonal NAT gateway", "영역(zonal) NAT 게이트웨이"
    if kind == "ec2":
        return "a single EC2 instance", "단일 EC2 인스턴스"
    if kind == "load_balancer":
        return "a load balancer enabled in one AZ only", "한 가용 영역에만 활성화된 로드 밸런서"
    if kind == "auto_scaling_group":
        return "an Auto Scaling group in one AZ only", "한 가용 영역에만 있는 Auto Scaling 그룹"
    return f"a {kind} in one AZ", f"한 가용 영역에 있는 {kind}"


def _reason(topo: Topology, node_id: str, kind: str, lost: tuple[PathStatus, ...]) -> tuple[str, str]:
    names = ", ".join(path_label(topo.design, p) for p in lost)
    names_ko = ", ".join(path_label(topo.design, p, "ko") for p in lost)
    if kind == "az":
        az = _az_name(topo, node_id)
        return (f"Availability Zone {az}: everything in it goes down together; losing it cuts "
                f"{len(lost)} path(s): {names}",
                f"가용 영역 {az}: 그 안의 모든 것이 함께 중단됩니다. 이 영역을 잃으면 경로 {len(lost)}개가 "
                f"끊깁니다: {names_ko}")
    what, what_ko = _what(topo, node_id)
    az = _az_name(topo, topo.placement_azs(node_id)[0])
    label = topo.label(node_id)
    return (f"{label} is {what} (in {az}); losing it cuts {len(lost)} path(s): {names}",
            f"{label}은(는) {what_ko}({az})입니다. 이것을 잃으면 경로 {len(lost)}개가 끊깁니다: {names_ko}")


def path_label(design: Design, path: PathStatus, lang: str = "en") -> str:
    """A readable name for a path, in English or Korean: "Users → web tier", "app tier → internet"."""
    tier = path.tier.name_ko if lang == "ko" else path.tier.name
    if path.direction == "outbound":
        return f"{tier} → {'인터넷' if lang == 'ko' else 'internet'}"
    entry = design.node(path.entry).display_name() if path.entry in design else path.entry
    return f"{entry} → {tier}"
