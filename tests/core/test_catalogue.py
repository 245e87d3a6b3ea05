"""The whole catalogue: every icon exists, every mapping is filled, every prop is sane."""

from __future__ import annotations

import pytest

from designer.catalogue import CATEGORIES, KINDS, PROP_TYPES, get_kind, icon_path
from designer.model import CONTAINER_KINDS

CATEGORY_KEYS = {c[0] for c in CATEGORIES}


@pytest.mark.parametrize("spec", KINDS, ids=lambda k: k.key)
def test_kind_declaration_is_complete(spec):
    assert spec.label_en and spec.label_ko, "both labels"
    assert spec.category in CATEGORY_KEYS
    assert icon_path(spec.key).is_file(), f"icon of {spec.key} at {icon_path(spec.key)}"
    assert spec.allowed_parents, "where it may live"
    assert spec.description_en and spec.description_ko
    for mapping in ("terraform_type", "cloudformation_type", "diagrams_class"):
        assert getattr(spec, mapping) or spec.iac_note, f"{spec.key}.{mapping} is empty without a reason"
    for prop in spec.props:
        assert prop.type in PROP_TYPES
        assert prop.label_en and prop.label_ko
        if prop.type == "choice" and prop.default is not None:
            assert prop.default in prop.choices
        if prop.type == "ids":
            assert prop.ref_kind and get_kind(prop.ref_kind)
    assert spec.container == (spec.key in CONTAINER_KINDS)


def test_diagrams_classes_exist():
    import importlib

    for spec in KINDS:
        if spec.diagrams_class and spec.diagrams_class != "Cluster":
            module, _, name = spec.diagrams_class.rpartition(".")
            assert hasattr(importlib.import_module(module), name), spec.diagrams_class


def test_icons_come_from_the_diagrams_wheel_except_frames():
    own = [k.key for k in KINDS if k.icon.asset]
    assert own == ["region", "availability_zone"]
    assert "resources/aws" in icon_path("ec2").as_posix()
