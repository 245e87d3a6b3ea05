"""The layers a presentation reveals, in order, as data: Region → VPC → AZs → subnets →
gateways → compute → data → DNS/edge.

`reveal_plan(design)` turns a design into the steps a teacher walks through with the
arrow keys: each step names the nodes it adds and the edges that become visible (both
ends shown). Steps with nothing to show are skipped. A node never appears before the
container that holds it (an EC2 instance drawn in an on-premises frame waits for it), and
a kind this table does not know appears with the last step, so the final step always
shows the whole design. Qt-free: the GUI hides and shows items from this plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from designer.model import Design


@dataclass(frozen=True)
class Layer:
    """One layer of the reveal: a key, its caption in English and Korean, and its kinds."""

    key: str
    title: str
    title_ko: str
    kinds: tuple[str, ...]

    def title_in(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title


# The order a teacher explains an AWS network in (the seed note's order): the place, the
# private network, its zones and subnets, the doors in and out, then what runs inside.
LAYERS: tuple[Layer, ...] = (
    Layer("region", "Region", "리전", ("region",)),
    Layer("vpc", "VPC", "VPC", ("vpc",)),
    Layer("az", "Availability Zones", "가용 영역", ("availability_zone",)),
    Layer("subnet", "Subnets", "서브넷", ("subnet", "network_acl")),
    Layer("gateway", "Gateways and connections", "게이트웨이와 연결",
          ("internet", "on_premises", "internet_gateway", "nat_gateway", "elastic_ip", "vpn_gateway",
           "customer_gateway", "vpc_endpoint")),
    Layer("compute", "Compute and load balancing", "컴퓨팅과 로드 밸런싱",
          ("load_balancer", "auto_scaling_group", "ec2", "security_group")),
    Layer("data", "Data and storage", "데이터와 스토리지", ("rds", "ebs_volume", "s3_bucket", "glacier_vault")),
    Layer("edge", "DNS and edge", "DNS와 엣지", ("route53_zone", "route53_record", "cloudfront")),
)
LAYER_KEYS = tuple(layer.key for layer in LAYERS)
_LAYER_OF_KIND = {kind: index for index, layer in enumerate(LAYERS) for kind in layer.kinds}


def layer_index(kind: str) -> int:
    """The index in LAYERS of the layer a kind belongs to (an unknown kind: the last)."""
    return _LAYER_OF_KIND.get(kind, len(LAYERS) - 1)


@dataclass(frozen=True)
class RevealStep:
    """One step of a reveal: the layer, the nodes and edges it adds, and all that is shown."""

    layer: Layer
    new_nodes: tuple[str, ...]  # file order
    new_edges: tuple[str, ...]
    shown_nodes: frozenset[str]  # every node visible at this step (earlier steps included)
    shown_edges: frozenset[str]


def node_layers(design: Design) -> dict[str, int]:
    """node id → the layer index it appears in (never before any of its containers)."""
    out: dict[str, int] = {}

    def resolve(node_id: str, seen: frozenset[str] = frozenset()) -> int:
        if node_id in out:
            return out[node_id]
        node = design.node(node_id)
        index = layer_index(node.kind)
        parent = node.parent
        if parent is not None and parent in design and parent not in seen:
            index = max(index, resolve(parent, seen | {node_id}))  # seen: a damaged file may loop
        out[node_id] = index
        return index

    for node in design.nodes:
        resolve(node.id)
    return out


def reveal_plan(design: Design) -> list[RevealStep]:
    """The non-empty steps of a layer-by-layer reveal of `design`, in LAYERS order."""
    layers = node_layers(design)
    steps: list[RevealStep] = []
    shown_nodes: set[str] = set()
    shown_edges: set[str] = set()
    for index, layer in enumerate(LAYERS):
        new_nodes = tuple(n.id for n in design.nodes if layers[n.id] == index)
        if not new_nodes:
            continue
        shown_nodes.update(new_nodes)
        new_edges = tuple(e.id for e in design.edges if e.id not in shown_edges
                          and e.source in shown_nodes and e.target in shown_nodes)
        shown_edges.update(new_edges)
        steps.append(RevealStep(layer, new_nodes, new_edges, frozenset(shown_nodes), frozenset(shown_edges)))
    return steps
