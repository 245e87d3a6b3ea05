"""Every registered rule has a bilingual lesson (why AWS works this way, the study topic)."""

from __future__ import annotations

from designer.rules import RULES
from designer.rules import families as _families  # noqa: F401  (registers every rule)
from designer.rules.lessons import LESSONS, Lesson, lesson_for

FIELDS = {"why_en", "why_ko", "topic_en", "topic_ko"}


def hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def test_every_registered_rule_has_a_lesson():
    missing = sorted(set(RULES) - set(LESSONS))
    assert missing == [], f"write a lesson in designer/rules/lessons.py for: {missing}"
    assert sorted(set(LESSONS) - set(RULES)) == [], "a lesson for a rule that does not exist"
    assert len(RULES) == 60


def test_lessons_are_complete_and_bilingual():
    for rule_id, entry in LESSONS.items():
        assert set(entry) == FIELDS, rule_id
        assert len(entry["why_en"]) > 60 and entry["why_en"].endswith((".", ")")), rule_id
        assert hangul(entry["why_ko"]) and not hangul(entry["why_en"]), rule_id
        assert entry["topic_en"] and entry["topic_ko"], rule_id
        assert entry["why_ko"] != entry["why_en"], rule_id


def test_lesson_for():
    lesson = lesson_for("NAT-001")
    assert isinstance(lesson, Lesson)
    assert lesson.topic_in("ko") == "NAT 게이트웨이" and lesson.topic_in("en") == "NAT gateway"
    assert "public subnet" in lesson.why_in("en") and "퍼블릭 서브넷" in lesson.why_in("ko")
    assert lesson_for("NOPE-001") is None


def test_topics_use_the_glossary_terms():
    topics = {e["topic_ko"] for e in LESSONS.values()}
    for term in ("VPC와 서브넷", "NAT 게이트웨이", "퍼블릭 서브넷과 프라이빗 서브넷", "다중 AZ 배포", "상태 확인"):
        assert term in topics
