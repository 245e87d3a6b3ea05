"""Property-based robustness: random and mutated files either load or raise StorageError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.storage import StorageError, loads
from tests.conftest import SAMPLE_FILES

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def load_or_storage_error(data) -> None:
    try:
        loads(data)
    except StorageError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(data):
    load_or_storage_error(data)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SAMPLE_TEXTS), st.data())
def test_byte_mutations_of_samples(text, data):
    raw = bytearray(text.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    load_or_storage_error(bytes(raw))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLE_TEXTS), st.data())
def test_structural_mutations_of_samples(text, data):
    document = json.loads(text)
    for _ in range(data.draw(st.integers(1, 4))):
        section = data.draw(st.sampled_from(["nodes", "edges"]))
        items = document[section]
        if not items:
            continue
        item = items[data.draw(st.integers(0, len(items) - 1))]
        key = data.draw(st.sampled_from(["id", "kind", "parent", "x", "w", "props", "source", "target", "label"]))
        if data.draw(st.booleans()):
            item[key] = data.draw(json_values)
        else:
            item.pop(key, None)
    load_or_storage_error(json.dumps(document))


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_arbitrary_json_documents(value):
    load_or_storage_error(json.dumps(value))


# The loader's fast path must never accept what its worded checks would refuse.
node_or_edge_values = st.one_of(json_values, st.sampled_from(
    ["ec2", "vpc", "traffic", "route", "n1", "a" * 65, "x" * 201, "", -1, 0, 1.5, float("inf"), True]))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SAMPLE_TEXTS), st.data())
def test_fast_path_accepts_only_what_the_checks_accept(text, data):
    from designer.storage import (
        _edge_is_plainly_valid,
        _node_is_plainly_valid,
        _read_edge_checked,
        _read_node_checked,
    )

    document = json.loads(text)
    for section, fast, checked in (("nodes", _node_is_plainly_valid, _read_node_checked),
                                   ("edges", _edge_is_plainly_valid, _read_edge_checked)):
        items = document[section]
        if not items:
            continue
        raw = dict(items[data.draw(st.integers(0, len(items) - 1))])
        for _ in range(data.draw(st.integers(0, 3))):
            key = data.draw(st.sampled_from(["id", "kind", "parent", "label", "x", "y", "w", "h", "props",
                                             "source", "target", "extra"]))
            if data.draw(st.booleans()):
                raw[key] = data.draw(node_or_edge_values)
            else:
                raw.pop(key, None)
        problems: list[str] = []
        slow = checked(0, raw, problems)
        if fast(raw):
            assert problems == [] and slow is not None
