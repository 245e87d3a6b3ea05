"""Exercises in the window: File ▸ Open Exercise, the prompt in the UI language, and Check My
Answer saying what is still wrong, then "solved" once the student's fix is in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from designer.analysis.exercises import answer_key  # noqa: E402
from designer.edits import delete_nodes  # noqa: E402
from designer.gui import settings  # noqa: E402
from designer.gui.exercise_panel import exercise_entries, exercise_files  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.storage import load_design  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402

EXERCISES = Path(__file__).resolve().parents[2] / "samples" / "exercises"
NAT = EXERCISES / "03-nat-gateway.awsd.json"


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)
    translator().set_language("en")


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    w.show()
    return w


def apply_key_fixes(window, key) -> int:
    """Press Apply fix on the key rules' findings until none is left (what a student may do)."""
    applied = 0
    for _ in range(10):
        finding = next((f for f in window.document.findings if f.rule in key and f.fix is not None), None)
        if finding is None:
            break
        window.document.apply_fix(finding)
        applied += 1
    return applied


def test_the_menu_lists_every_exercise(window):
    menu = window.classroom.menus["exercises"]
    window.classroom.fill_exercise_menu(menu)
    titles = [a.text() for a in menu.actions() if a.text() and not a.isSeparator()]
    assert titles[:9] == [title for _, title in exercise_entries("en")]
    assert titles[2] == "03 · NAT gateway" and len(exercise_files()) == 9
    assert titles[-1] == "Other Exercise &File…"
    assert menu in [a.menu() for a in window.ui.menus["file"].actions() if a.menu()]


def test_still_wrong_then_solved(qtbot, window):
    original = NAT.read_bytes()
    assert window.classroom.open_exercise(NAT)
    panel = window.classroom.exercise
    assert window.classroom.docks["exercise"].isVisible()
    assert window.document.path is None  # an unnamed copy: the bundled file stays as it is
    info = panel.info
    assert panel.is_exercise and panel.prompt.text() == info.prompt
    assert not panel.hint.isVisible()
    panel.hint_button.click()
    assert panel.hint.isVisible() and info.hint in panel.hint.text()

    panel.check_button.click()
    result = panel.result
    assert result is not None and not result.solved
    assert panel.verdict.text().startswith("✘ Not solved yet") and "still wrong" in panel.verdict.text()
    assert "NAT-001" in panel.details.text() and "D13212" in panel.verdict.styleSheet()

    key = answer_key(window.document.design)
    assert apply_key_fixes(window, key) >= 1
    assert "check again" in panel.details.text()  # the verdict is stale after an edit
    window.classroom.actions["check_exercise"].trigger()  # Tools ▸ Check My Answer
    assert panel.result.solved
    assert panel.verdict.text() == "✔ Solved: every mistake is fixed."
    assert "1D8102" in panel.verdict.styleSheet()
    assert NAT.read_bytes() == original


def test_deleting_the_mistake_is_not_a_fix(window):
    window.classroom.open_exercise(NAT)
    design = window.document.design
    nat = design.nodes_of_kind("nat_gateway")[0].id
    window.document.push(delete_nodes(design, [nat]), "Delete")
    result = window.classroom.exercise.check()
    assert not result.solved and "deleted instead of fixed" in window.classroom.exercise.verdict.text()


def test_the_exercise_speaks_korean(window):
    window.classroom.open_exercise(NAT)
    panel = window.classroom.exercise
    panel.check()
    window.ui.actions["lang_ko"].trigger()
    assert window.classroom.docks["exercise"].windowTitle() == "실습"
    assert panel.prompt.text() == panel.info.prompt_ko
    assert panel.check_button.text() == "정답 확인"
    assert "아직 풀리지 않았습니다" in panel.verdict.text()
    assert "NAT 게이트웨이" in panel.heading.text()
    assert window.classroom.menus["exercises"].title() == "실습 열기(&X)"
    window.classroom.fill_exercise_menu(window.classroom.menus["exercises"])
    assert window.classroom.menus["exercises"].actions()[2].text() == "03 · NAT 게이트웨이"


@pytest.mark.parametrize("path", sorted(EXERCISES.glob("*.awsd.json")), ids=lambda p: p.name)
def test_every_exercise_is_solved_by_its_solution(qtbot, window, path):
    """A student who ends up with the solution's design is told "solved"."""
    window.classroom.open_exercise(path)
    panel = window.classroom.exercise
    assert not panel.check().solved
    solution = load_design(EXERCISES / "solutions" / path.name)
    solution.extra["exercise"] = window.document.design.extra["exercise"]  # the student's file keeps the key
    window.document.replace(solution, None)
    assert panel.is_exercise and panel.check().solved


def test_a_design_that_is_not_an_exercise(window):
    window.document.replace(load_sample("three-tier"), None)
    panel = window.classroom.exercise
    assert not panel.is_exercise and panel.check() is None
    assert not window.classroom.docks["exercise"].isVisible()
    window.classroom.actions["check_exercise"].trigger()
    assert "not an exercise" in panel.prompt.text()


def test_a_damaged_answer_key_says_so(window, tmp_path):
    data = json.loads(NAT.read_text(encoding="utf-8"))
    data["exercise"]["answer_key"] = "not base64!"
    broken = tmp_path / "broken.awsd.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert window.classroom.open_exercise(broken)
    panel = window.classroom.exercise
    assert panel.error and panel.check() is None
    assert "cannot be checked" in panel.verdict.text() and not panel.check_button.isEnabled()


def test_a_saved_answer_reopens_as_the_exercise(window, tmp_path):
    window.classroom.open_exercise(NAT)
    target = tmp_path / "student.awsd.json"
    window.document.save(target)
    window.document.replace(load_sample("three-tier"), None)
    assert not window.classroom.exercise.is_exercise
    assert window.open_file(target, ask=False)
    assert window.classroom.exercise.is_exercise and window.classroom.docks["exercise"].isVisible()
