"""The shape of a catalogue entry: one frozen declaration per kind and its props."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Prop types the inspector knows how to edit; the validator reads the same declarations.
PROP_TYPES = frozenset(
    {
        "str",  # free text
        "cidr",  # an IPv4/IPv6 CIDR block
        "int",
        "bool",
        "choice",  # one of `choices`
        "ids",  # a list of node ids of `ref_kind`
        "str_list",
        "cidr_list",
        "sg_rules",  # [{protocol, port, source, action}]
        "nacl_rules",  # [{number, direction, protocol, port, cidr, action}]
        "listeners",  # [{protocol, port, certificate, certificate_region}]
        "health_check",  # {protocol, port, path}
        "lifecycle",  # [{after_days, storage_class} | {expire_after_days}]
    }
)


@dataclass(frozen=True, slots=True)
class PropSpec:
    """One prop of a kind: its name, type, default, choices and bilingual label."""

    name: str
    type: str
    label_en: str
    label_ko: str
    default: Any = None
    choices: tuple[str, ...] = ()
    ref_kind: str | None = None  # for "ids": the kind the ids point at
    help_en: str = ""

    def __post_init__(self) -> None:
        if self.type not in PROP_TYPES:
            raise ValueError(f"prop {self.name}: unknown type {self.type}")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"prop {self.name}: a choice needs choices")


@dataclass(frozen=True, slots=True)
class IconRef:
    """Where a kind's icon comes from: a `diagrams.aws.<module>.<class>` or our assets/."""

    diagrams_module: str | None = None  # e.g. "diagrams.aws.network"
    diagrams_class: str | None = None  # e.g. "VPC"
    asset: str | None = None  # file name under assets/icons/ (our own fallbacks)


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Everything the app knows about one kind of node, as data."""

    key: str
    label_en: str
    label_ko: str
    category: str  # groups the palette like the AWS icon set
    container: bool
    allowed_parents: tuple[str | None, ...]  # None = may be top-level
    props: tuple[PropSpec, ...]
    icon: IconRef
    default_size: tuple[float, float]
    terraform_type: str | None
    cloudformation_type: str | None
    diagrams_class: str | None  # "diagrams.aws.network.VPC" or "Cluster" for group frames
    iac_note: str = ""  # why a mapping is empty (pseudo-nodes, frames)
    description_en: str = ""
    description_ko: str = ""
    style: dict[str, str] = field(default_factory=dict)  # frame colours for containers

    def prop(self, name: str) -> PropSpec | None:
        for spec in self.props:
            if spec.name == name:
                return spec
        return None

    def defaults(self) -> dict[str, Any]:
        """The props a freshly dropped node starts with (deep copies of the defaults)."""
        import copy

        return {p.name: copy.deepcopy(p.default) for p in self.props if p.default is not None}

    def label(self, lang: str = "en") -> str:
        return self.label_ko if lang == "ko" else self.label_en
