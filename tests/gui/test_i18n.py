"""Every UI string has a Korean entry; placeholders match; the language switches live."""

from __future__ import annotations

import ast
import string
from functools import cache
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from designer.gui.i18n import KO, tr, translator  # noqa: E402

GUI_DIR = Path(__file__).resolve().parents[2] / "designer" / "gui"


@cache
def tr_calls() -> list[tuple[str, int, ast.Call]]:
    """(file, line, call) for every `tr(...)` call in designer/gui."""
    calls = []
    for path in sorted(GUI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr":
                calls.append((path.relative_to(GUI_DIR).as_posix(), node.lineno, node))
    return calls


def literals() -> dict[str, str]:
    out = {}
    for where, line, call in tr_calls():
        arg = call.args[0] if call.args else None
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.setdefault(arg.value, f"{where}:{line}")
    return out


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_scan_finds_the_gui_strings():
    found = literals()
    assert len(found) > 100  # the menus, inspector, problems panel and dialogs
    assert "Apply fix" in found


def test_tr_is_only_called_with_a_literal():
    bad = [f"{where}:{line}" for where, line, call in tr_calls()
           if not (call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str))]
    assert bad == [], f"tr() needs a string literal (the scan cannot see these): {bad}"


def test_every_tr_literal_has_a_korean_entry():
    missing = {text: where for text, where in literals().items() if text not in KO}
    assert missing == {}, "add these to KO in designer/gui/i18n.py:\n" + "\n".join(
        f"  {where}: {text!r}" for text, where in sorted(missing.items(), key=lambda kv: kv[1]))


def test_korean_entries_keep_the_placeholders():
    wrong = {en: ko for en, ko in KO.items() if fields(en) != fields(ko)}
    assert wrong == {}


def test_korean_entries_are_korean_or_names():
    hangul = [ko for ko in KO.values() if any("\uac00" <= ch <= "\ud7a3" for ch in ko)]
    assert len(hangul) > 0.8 * len(KO)


def test_switching_the_language_is_live(qtbot):
    seen = []
    translator().language_changed.connect(seen.append)
    try:
        translator().set_language("ko")
        assert tr("File") == "파일"
        translator().set_language("en")
        assert tr("File") == "File"
        assert seen == ["ko", "en"]
    finally:
        translator().language_changed.disconnect(seen.append)
        translator().set_language("en")
    with pytest.raises(ValueError):
        translator().set_language("fr")
