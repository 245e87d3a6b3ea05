"""Read and write the design file format, version 1 (see docs/design-format.md).

The loader checks structure only: JSON syntax, the envelope, the types of the fixed keys,
ids, known kinds, references and the parent chain. Prop values that are wrong for AWS load
fine and become validator findings. Every problem is reported, one message each.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from designer.catalogue import KIND_KEYS
from designer.layout import layout_missing_geometry
from designer.model import (
    EDGE_KINDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    Design,
    Edge,
    Node,
    Settings,
    is_valid_id,
)
from designer.model.bulk import gc_paused

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_NODES = 100_000
MAX_EDGES = 200_000
MAX_LABEL = 200
GEOMETRY_KEYS = ("x", "y", "w", "h")
NODE_KEYS = ("id", "kind", "label", "parent", *GEOMETRY_KEYS, "props")
EDGE_KEYS = ("id", "kind", "source", "target", "label", "props")
TOP_KEYS = ("format", "version", "title", "settings", "nodes", "edges")


class StorageError(Exception):
    """A file that cannot be read or written; `problems` holds one message per problem."""

    def __init__(self, problems: list[str] | str, path: str | os.PathLike[str] | None = None):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.path = str(path) if path is not None else None
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, each prefixed with the file name when known."""
        prefix = f"{self.path}: " if self.path else ""
        return [prefix + p for p in self.problems]


# ------------------------------------------------------------------------- reading
def load_design(path: str | os.PathLike[str], *, layout: bool = True) -> Design:
    """Read a design file; raises StorageError naming every problem. Never changes the file."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise StorageError("file not found", path) from None
    except OSError as exc:
        raise StorageError(f"cannot read: {exc.strerror}", path) from None
    if file.is_dir():
        raise StorageError("is a folder, not a design file", path)
    if size > MAX_FILE_BYTES:
        raise StorageError(
            f"file is {size / 2**20:.0f} MB; designs over {MAX_FILE_BYTES // 2**20} MB are refused",
            path,
        )
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot read: {exc.strerror}", path) from None
    try:
        return loads(raw, layout=layout)
    except StorageError as exc:
        raise StorageError(exc.problems, path) from None


def loads(data: str | bytes, *, layout: bool = True) -> Design:
    """Parse a design from JSON text or UTF-8 bytes; raises StorageError."""
    if len(data) > MAX_FILE_BYTES:
        raise StorageError(f"design is over {MAX_FILE_BYTES // 2**20} MB; refused")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise StorageError(f"not UTF-8 text (byte {exc.start}): not a design file") from None
    else:
        text = data
    with gc_paused():
        document = _parse_json(text)
        design = from_json(document)
        if layout:
            layout_missing_geometry(design)
    return design


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise StorageError(f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except ValueError as exc:
        raise StorageError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise StorageError("invalid JSON: nested too deeply") from None


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and _finite(value)


def _finite(value: float) -> bool:
    """A finite number; JSON integers too big for a float (10**400) count as not finite."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def from_json(document: Any) -> Design:
    """Build a Design from a parsed JSON document, checking its structure."""
    if not isinstance(document, dict):
        raise StorageError(f"expected a JSON object at the top, got {_type_name(document)}: not a design file")
    problems: list[str] = []
    fmt = document.get("format")
    if fmt != FORMAT_NAME:
        raise StorageError(f'"format" is {_show(fmt) if "format" in document else "missing"}; expected "{FORMAT_NAME}": not a design file')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise StorageError(f'"version" must be a whole number, got {_show(version) if "version" in document else "nothing"}')
    if version > FORMAT_VERSION:
        raise StorageError(
            f"file format version {version} is newer than this app's version {FORMAT_VERSION}; "
            "update AWS Architecture Designer to open it"
        )
    if version < 1:
        raise StorageError(f"file format version {version} does not exist (the first is 1)")
    document = _migrate(document, version)

    title = document.get("title", "Untitled")
    if not isinstance(title, str):
        problems.append(f'"title" must be a string, got {_type_name(title)}')
        title = "Untitled"
    settings = Settings()
    raw_settings = document.get("settings")
    if raw_settings is not None:
        settings = _read_settings(raw_settings, problems)

    raw_nodes = document.get("nodes")
    if not isinstance(raw_nodes, list):
        problems.append(f'"nodes" must be an array, got {_type_name(raw_nodes) if "nodes" in document else "nothing"}')
        raw_nodes = []
    if len(raw_nodes) > MAX_NODES:
        raise StorageError(f"design has {len(raw_nodes)} nodes; more than {MAX_NODES} are refused")
    raw_edges = document.get("edges", [])
    if not isinstance(raw_edges, list):
        problems.append(f'"edges" must be an array, got {_type_name(raw_edges)}')
        raw_edges = []
    if len(raw_edges) > MAX_EDGES:
        raise StorageError(f"design has {len(raw_edges)} edges; more than {MAX_EDGES} are refused")

    nodes = [n for i, raw in enumerate(raw_nodes) if (n := _read_node(i, raw, problems)) is not None]
    edges = [e for i, raw in enumerate(raw_edges) if (e := _read_edge(i, raw, problems)) is not None]
    _check_references(nodes, edges, problems)
    if problems:
        raise StorageError(problems)
    extra = {k: v for k, v in document.items() if k not in TOP_KEYS}
    return Design(title=title, nodes=nodes, edges=edges, settings=settings, extra=extra)


def _migrate(document: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring an older document up to FORMAT_VERSION in memory (version 1 is the first)."""
    return document


def _read_settings(raw: Any, problems: list[str]) -> Settings:
    if not isinstance(raw, dict):
        problems.append(f'"settings" must be an object, got {_type_name(raw)}')
        return Settings()
    quotas = raw.get("quotas", {})
    if not isinstance(quotas, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in quotas.values()
    ):
        problems.append('"settings.quotas" must map quota names to whole numbers')
        return Settings()
    language = raw.get("language")
    if language is not None and not isinstance(language, str):
        problems.append(f'"settings.language" must be a string, got {_type_name(language)}')
        return Settings()
    return Settings(**raw)


def _name(kind: str, index: int, raw: Any) -> str:
    if isinstance(raw, dict) and is_valid_id(raw.get("id")):
        return f'{kind} "{raw["id"]}"'
    return f"{kind} #{index + 1}"


_NUMBER_TYPES = (int, float)
_NO_PROPS: dict = {}


def _plain_number_or_none(value: Any) -> bool:
    return value is None or (type(value) in _NUMBER_TYPES and _finite(value))


def _node_is_plainly_valid(raw: Any) -> bool:
    """True when a node passes every structure check of `_read_node` (a conservative
    subset: exact JSON types only); anything else takes the path that words the problems."""
    if type(raw) is not dict or not is_valid_id(raw.get("id")):
        return False
    kind, label, parent = raw.get("kind"), raw.get("label"), raw.get("parent")
    x, y, w, h = raw.get("x"), raw.get("y"), raw.get("w"), raw.get("h")
    return (type(kind) is str and kind in KIND_KEYS
            and (label is None or (type(label) is str and len(label) <= MAX_LABEL))
            and (parent is None or type(parent) is str)
            and _plain_number_or_none(x) and _plain_number_or_none(y)
            and _plain_number_or_none(w) and _plain_number_or_none(h)
            and (w is None or w >= 0) and (h is None or h >= 0)
            and type(raw.get("props", _NO_PROPS)) is dict)


def _edge_is_plainly_valid(raw: Any) -> bool:
    """True when an edge passes every structure check of `_read_edge` (exact JSON types only)."""
    if type(raw) is not dict or not is_valid_id(raw.get("id")):
        return False
    kind, label = raw.get("kind", "traffic"), raw.get("label")
    return (type(kind) is str and kind in EDGE_KINDS
            and type(raw.get("source")) is str and type(raw.get("target")) is str
            and (label is None or type(label) is str)
            and type(raw.get("props", _NO_PROPS)) is dict)


def _read_node(index: int, raw: Any, problems: list[str]) -> Node | None:
    if _node_is_plainly_valid(raw):  # the common case, without composing names for messages
        return Node.model_validate(raw)
    return _read_node_checked(index, raw, problems)


def _read_node_checked(index: int, raw: Any, problems: list[str]) -> Node | None:
    """A node, or None after adding one message per problem to `problems`."""
    where = _name("node", index, raw)
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected an object, got {_type_name(raw)}")
        return None
    before = len(problems)
    node_id = raw.get("id")
    if not is_valid_id(node_id):
        problems.append(
            f"{where}: id {_show(node_id) if 'id' in raw else 'is missing'}"
            + (" is not 1-64 characters of A-Za-z0-9_.-" if "id" in raw else "")
        )
    kind = raw.get("kind")
    if not isinstance(kind, str):
        problems.append(f"{where}: kind must be a string, got {_type_name(kind) if 'kind' in raw else 'nothing'}")
    elif kind not in KIND_KEYS:
        problems.append(f'{where}: unknown kind "{kind}"')
    label = raw.get("label")
    if label is not None and not isinstance(label, str):
        problems.append(f"{where}: label must be a string, got {_type_name(label)}")
    elif isinstance(label, str) and len(label) > MAX_LABEL:
        problems.append(f"{where}: label is {len(label)} characters; at most {MAX_LABEL} are allowed")
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems.append(f"{where}: parent must be a node id or null, got {_show(parent)}")
    for key in GEOMETRY_KEYS:
        value = raw.get(key)
        if value is not None and not _is_number(value):
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            problems.append(f"{where}: {key} must be a {'finite ' if numeric else ''}number, got {_show(value)}")
        elif key in ("w", "h") and value is not None and value < 0:
            problems.append(f"{where}: {key} must not be negative, got {_show(value)}")
    props = raw.get("props", {})
    if not isinstance(props, dict):
        problems.append(f"{where}: props must be an object, got {_type_name(props)}")
    if len(problems) > before:
        return None
    return Node.model_validate(raw)


def _read_edge(index: int, raw: Any, problems: list[str]) -> Edge | None:
    if _edge_is_plainly_valid(raw):
        return Edge.model_validate(raw)
    return _read_edge_checked(index, raw, problems)


def _read_edge_checked(index: int, raw: Any, problems: list[str]) -> Edge | None:
    """An edge, or None after adding one message per problem to `problems`."""
    where = _name("edge", index, raw)
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected an object, got {_type_name(raw)}")
        return None
    before = len(problems)
    edge_id = raw.get("id")
    if not is_valid_id(edge_id):
        problems.append(
            f"{where}: id {_show(edge_id) if 'id' in raw else 'is missing'}"
            + (" is not 1-64 characters of A-Za-z0-9_.-" if "id" in raw else "")
        )
    kind = raw.get("kind", "traffic")
    if not isinstance(kind, str):
        problems.append(f"{where}: kind must be a string, got {_type_name(kind)}")
    elif kind not in EDGE_KINDS:
        problems.append(f'{where}: unknown edge kind "{kind}" (expected one of {", ".join(EDGE_KINDS)})')
    for end in ("source", "target"):
        value = raw.get(end)
        if not isinstance(value, str):
            problems.append(f"{where}: {end} must be a node id, got {_show(value) if end in raw else 'nothing'}")
    label = raw.get("label")
    if label is not None and not isinstance(label, str):
        problems.append(f"{where}: label must be a string, got {_type_name(label)}")
    props = raw.get("props", {})
    if not isinstance(props, dict):
        problems.append(f"{where}: props must be an object, got {_type_name(props)}")
    if len(problems) > before:
        return None
    return Edge.model_validate(raw)


def _check_references(nodes: list[Node], edges: list[Edge], problems: list[str]) -> None:
    parent_of: dict[str, str | None] = {}
    for node in nodes:
        if node.id in parent_of:
            problems.append(f'node "{node.id}": duplicate id "{node.id}"')
        parent_of[node.id] = node.parent
    for node in nodes:
        if node.parent is not None and node.parent not in parent_of:
            problems.append(f'node "{node.id}": parent "{node.parent}" does not exist')
        elif node.parent == node.id:
            problems.append(f'node "{node.id}": parent "{node.id}" is the node itself')
    problems.extend(_cycle_problems(parent_of))
    seen_edges: set[str] = set()
    for edge in edges:
        if edge.id in seen_edges:
            problems.append(f'edge "{edge.id}": duplicate id "{edge.id}"')
        seen_edges.add(edge.id)
        for end in ("source", "target"):
            ref = getattr(edge, end)
            if ref not in parent_of:
                problems.append(f'edge "{edge.id}": {end} "{ref}" does not exist')


def _cycle_problems(parent_of: dict[str, str | None]) -> list[str]:
    """One message per parent cycle (each node is visited once: linear time)."""
    state: dict[str, int] = {}  # 1 = on the chain being walked, 2 = done
    problems: list[str] = []
    for start in parent_of:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in parent_of and current not in state:
            state[current] = 1
            chain.append(current)
            current = parent_of[current]
        if current is not None and state.get(current) == 1:
            cycle = chain[chain.index(current):]
            if len(cycle) > 1:  # a node that is its own parent is reported on its own
                loop = " → ".join([*cycle, cycle[0]])
                problems.append(f'node "{cycle[0]}": parent chain makes a cycle ({loop})')
        for node_id in chain:
            state[node_id] = 2
    return problems


# ------------------------------------------------------------------------- writing
def _sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def dumps(design: Design) -> str:
    """The design as file text: stable bytes (keys sorted within nodes and edges)."""
    data = design.model_dump()
    data["nodes"] = [_sorted_keys(n) for n in data["nodes"]]
    data["edges"] = [_sorted_keys(e) for e in data["edges"]]
    if "settings" in data:
        data["settings"] = _sorted_keys(data["settings"])
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def save_design(design: Design, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file in the same folder, fsync, then rename over."""
    target = Path(path)
    text = dumps(design).encode("utf-8")
    folder = target.resolve().parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(f"cannot write in {folder}: {exc.strerror}", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        os.replace(tmp_name, target)
        _fsync_dir(folder)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise StorageError(f"cannot write: {exc.strerror}; the previous file is unchanged", path) from None


def _fsync_dir(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
