"""The Lesson panel: a finding selected in the Problems panel is explained, with pictures of
the design before and after its fix rendered from the model (which stays untouched)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from designer.gui import settings  # noqa: E402
from designer.gui.i18n import translator  # noqa: E402
from designer.gui.lessons import fixed_copy, lesson_pictures, neighbourhood  # noqa: E402
from designer.rules import RULES  # noqa: E402
from designer.rules.lessons import LESSONS  # noqa: E402
from tests.conftest import load_sample  # noqa: E402
from tests.gui.shell_helpers import make_window  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings():
    yield
    settings.use_settings_file(None)
    translator().set_language("en")


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, load_sample("classroom-mistakes"))
    w.show()
    return w


def select(window, rule: str, with_fix: bool | None = None, text: str = ""):
    problems = window.problems
    for row, finding in enumerate(problems.shown):
        if finding.rule == rule and (with_fix is None or (finding.fix is not None) == with_fix) \
                and text in (finding.fix.description if finding.fix else ""):
            problems.select_row(row)
            return finding
    raise AssertionError(f"no {rule} finding")


def test_a_lesson_exists_for_every_rule():
    assert set(LESSONS) == set(RULES) and len(LESSONS) == 60


def test_the_lesson_dock_sits_beside_the_problems(window):
    dock = window.classroom.docks["lesson"]
    assert dock.isVisible() and dock.windowTitle() == "Lesson"
    assert window.dockWidgetArea(dock) == window.dockWidgetArea(window.docks["problems"])
    assert "Select a finding" in window.classroom.lesson.text.toPlainText()


def test_selecting_a_finding_shows_its_lesson_with_before_and_after(window):
    design = window.document.design
    before_dump = design.model_dump()
    finding = select(window, "RDS-002", with_fix=True, text="Move")
    lesson = window.classroom.lesson
    assert lesson.finding == finding
    heading, body = lesson.heading.text(), lesson.text.toPlainText()
    assert "RDS-002" in heading and RULES["RDS-002"].title in heading
    assert finding.message in body
    assert LESSONS["RDS-002"]["why_en"] in body
    assert "네트워크 및 VPC › DB servers in private subnets (DB 서버는 프라이빗 서브넷에)" in body
    assert finding.source.aws in lesson.text.toHtml() and "href" in lesson.text.toHtml()
    assert finding.fix.description in body
    assert lesson.before.has_image() and lesson.after.has_image() and lesson.after.isVisible()
    before, after = lesson.before.full_pixmap().toImage(), lesson.after.full_pixmap().toImage()
    assert before != after  # the database moved to the private subnet
    assert design.model_dump() == before_dump and window.document.undo_stack.count() == 0


def test_a_finding_without_a_fix_shows_only_the_before_picture(window):
    select(window, "ELB-001", with_fix=False)
    lesson = window.classroom.lesson
    assert lesson.before.has_image() and not lesson.after.isVisible()
    assert "no automatic fix" in lesson.text.toPlainText()


def test_pictures_show_the_neighbourhood_and_only_this_finding():
    design = load_sample("classroom-mistakes")
    from designer.rules import validate

    finding = next(f for f in validate(design) if f.rule == "RDS-002" and f.fix and "Move" in f.fix.description)
    assert neighbourhood(design, ["db"]) == [design.az_of("db").id]  # the AZ around the public subnet
    assert neighbourhood(design, ["db", "pub-a", "sg-web"]) == [design.az_of("db").id, "sg-web"]
    dump = design.model_dump()
    before, after, note = lesson_pictures(design, finding, "en")
    assert before is not None and after is not None and note == ""
    assert after.height() >= before.height()
    fixed, _ = fixed_copy(design, finding)
    home = fixed.node(fixed.node("db").parent)
    assert home.h > design.node(home.id).h  # the private subnet grew to take the database
    assert design.model_dump() == dump


def test_applying_the_fix_marks_the_lesson_fixed_and_undo_brings_it_back(window):
    select(window, "RDS-002", with_fix=True, text="Move")
    lesson = window.classroom.lesson
    assert window.problems.apply_fix_of_current()
    assert lesson.fixed and "Fixed" in lesson.heading.text()
    assert lesson.after.has_image()  # the pictures stay for the class to compare
    window.document.undo_stack.undo()
    assert not lesson.fixed and "Fixed" not in lesson.heading.text()


def test_the_lesson_follows_the_language(window):
    finding = select(window, "NAT-001")
    lesson = window.classroom.lesson
    window.ui.actions["lang_ko"].trigger()
    assert window.classroom.docks["lesson"].windowTitle() == "학습"
    assert RULES["NAT-001"].title_ko in lesson.heading.text()
    body = lesson.text.toPlainText()
    assert finding.message_ko in body and LESSONS["NAT-001"]["why_ko"] in body
    assert "AWS가 이렇게 동작하는 이유" in body and "네트워크 및 VPC › NAT 게이트웨이" in body
    assert lesson.before_caption.text() == "수정 전" and lesson.after_caption.text() == "수정 후"
    window.ui.actions["lang_en"].trigger()
    assert "Why AWS works this way" in lesson.text.toPlainText()


def test_opening_another_design_clears_the_lesson(window):
    select(window, "NAT-001")
    window.document.replace(load_sample("three-tier"), None)
    assert window.classroom.lesson.finding is None
    assert not window.classroom.lesson.pictures.isVisible()


def test_a_huge_neighbourhood_is_not_drawn(window, monkeypatch):
    import designer.gui.lessons as lessons

    monkeypatch.setattr(lessons, "PICTURE_NODE_LIMIT", 3)
    select(window, "RDS-002", with_fix=True, text="Move")
    lesson = window.classroom.lesson
    assert not lesson.before.has_image() and not lesson.columns[1].isVisible()
    assert "too many to draw" in lesson.text.toPlainText()
