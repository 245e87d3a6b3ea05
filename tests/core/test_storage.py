"""Storage: format version 1 exactly as the spec says, and the `check` command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from designer.cli import main
from designer.storage import StorageError, dumps, load_design, loads, save_design
from tests.conftest import SAMPLE_FILES


def doc(nodes, edges=(), **top):
    return json.dumps({"format": "aws-designer", "version": 1, "title": "t", "nodes": list(nodes),
                       "edges": list(edges), **top})


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_loads_and_saves_to_identical_bytes(path, tmp_path):
    design = load_design(path)
    out = tmp_path / path.name
    save_design(design, out)
    assert out.read_bytes() == path.read_bytes()


def test_unknown_props_and_top_level_keys_are_kept():
    text = doc([{"id": "r", "kind": "region", "x": 0, "y": 0, "w": 10, "h": 10,
                 "props": {"code": "x", "future_prop": {"a": [1, 2]}}, "future_key": 3}],
               generator="someone")
    design = loads(text)
    again = json.loads(dumps(design))
    assert again["nodes"][0]["props"]["future_prop"] == {"a": [1, 2]}
    assert again["nodes"][0]["future_key"] == 3
    assert again["generator"] == "someone"
    assert dumps(loads(dumps(design))) == dumps(design)


def test_mistakes_for_aws_still_load():
    text = doc([
        {"id": "v", "kind": "vpc", "props": {"cidr": "10.0.0.0/8"}},
        {"id": "d", "kind": "rds", "parent": "v", "props": {"backup_retention_days": 40}},
    ])
    assert loads(text).node("d").props["backup_retention_days"] == 40


def test_file_without_geometry_gets_a_deterministic_layout():
    text = doc([{"id": "r", "kind": "region"}, {"id": "v", "kind": "vpc", "parent": "r"},
                {"id": "i", "kind": "internet"}])
    a, b = loads(text), loads(text)
    assert a.has_geometry() and dumps(a) == dumps(b)
    assert a.absolute_rect("r").contains(a.absolute_rect("v"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not json at all", "line 1, column 1: invalid JSON"),
        ('{"format": "aws-designer", "version": 1,\n "nodes": [}', "line 2, column 12"),
        ('{"format": "aws-designer", "version": 9, "nodes": []}', "version 9 is newer than this app's version 1"),
        ('{"format": "other", "version": 1, "nodes": []}', '"format" is "other"'),
        (doc([{"id": "a", "kind": "vpc", "parent": "vpc-9"}]), 'node "a": parent "vpc-9" does not exist'),
        (doc([{"id": "a", "kind": "vpc"}, {"id": "a", "kind": "region"}]), 'node "a": duplicate id "a"'),
        (doc([{"id": "a", "kind": "spaceship"}]), 'node "a": unknown kind "spaceship"'),
        (doc([{"id": "a", "kind": "vpc", "parent": "b"}, {"id": "b", "kind": "vpc", "parent": "a"}]),
         "parent chain makes a cycle"),
        (doc([{"id": "bad id!", "kind": "vpc"}]), 'id "bad id!" is not 1-64 characters'),
        (doc([{"id": "a", "kind": "vpc", "x": "12"}]), 'node "a": x must be a number, got "12"'),
        (doc([{"id": "a", "kind": "vpc", "x": True}]), 'node "a": x must be a number, got true'),
        # An integer too big for a float: refused with its place, not an OverflowError.
        (doc([{"id": "a", "kind": "vpc", "y": 10**400}]), 'node "a": y must be a finite number, got 1000'),
        (doc([{"id": "a", "kind": "vpc"}], [{"id": "e", "source": "a", "target": "zz"}]),
         'edge "e": target "zz" does not exist'),
        (doc([{"id": "a", "kind": "vpc"}], [{"id": "e", "kind": "teleport", "source": "a", "target": "a"}]),
         'edge "e": unknown edge kind "teleport"'),
        ('{"format": "aws-designer", "version": 1, "nodes": [], "x": NaN}', "NaN is not valid JSON"),
        ("[" * 100000, "invalid JSON"),
    ],
)
def test_bad_files_are_refused_with_a_precise_message(text, expected):
    with pytest.raises(StorageError) as info:
        loads(text)
    assert expected in str(info.value)


def test_every_problem_is_reported_once():
    text = doc([{"id": "a", "kind": "nope"}, {"id": "b", "kind": "vpc", "parent": "q"}])
    with pytest.raises(StorageError) as info:
        loads(text)
    assert len(info.value.problems) == 2


def test_too_many_nodes_is_refused_quickly():
    nodes = [{"id": f"n{i}", "kind": "internet"} for i in range(100_001)]
    with pytest.raises(StorageError, match="more than 100000 are refused"):
        loads(doc(nodes))


def test_huge_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.awsd.json"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(StorageError, match="over 50 MB"):
        load_design(big)


def test_failed_read_leaves_file_untouched(tmp_path):
    path = tmp_path / "broken.awsd.json"
    path.write_text('{"format": "aws-designer", "version": 1, "nodes": [{"id": 1}]}')
    before = path.read_bytes()
    with pytest.raises(StorageError):
        load_design(path)
    assert path.read_bytes() == before


def test_atomic_save_keeps_previous_file_when_writing_fails(tmp_path, monkeypatch):
    from designer import storage

    path = tmp_path / "d.awsd.json"
    design = loads(doc([{"id": "a", "kind": "internet", "x": 0, "y": 0, "w": 1, "h": 1}]))
    save_design(design, path)
    before = path.read_bytes()
    design.set_title("changed")

    def broken_replace(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(StorageError, match="previous file is unchanged"):
        save_design(design, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.awsd.json"]


# ----------------------------------------------------------------------------- check CLI
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfegarbage", "not UTF-8 text"),
        (b"garbage", "invalid JSON"),
        (b'{"format": "aws-designer", "version": 2, "nodes": []}', "newer than this app"),
        (doc([{"id": "a", "kind": "vpc", "parent": "ghost"}]).encode(), 'parent "ghost" does not exist'),
        (doc([{"id": "a", "kind": "vpc"}, {"id": "a", "kind": "vpc"}]).encode(), 'duplicate id "a"'),
        (doc([{"id": "a", "kind": "blimp"}]).encode(), 'unknown kind "blimp"'),
    ],
)
def test_check_exits_2_and_names_the_problem(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.awsd.json"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and str(path) in err and "Traceback" not in err


def test_check_accepts_samples(capsys):
    for path in SAMPLE_FILES:
        assert main(["check", str(path)]) == 0
    assert main(["check", "/no/such/file.awsd.json"]) == 2
    assert "file not found" in capsys.readouterr().err


def test_cli_usage_and_version():
    out = subprocess.run([sys.executable, "-m", "designer", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "aws-designer" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "designer", "check"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1
