"""The "find the mistake" exercises: answer keys, solutions, and checking a student's fix.

The tests that run the validator need the rule families of docs/rules.md; each exercise
names the rule ids it relies on in its answer key.
"""

from __future__ import annotations

import base64
import json
import sys

import pytest

from designer.analysis.exercises import (
    ExerciseError,
    answer_key,
    check_exercise,
    decode_answer_key,
    encode_answer_key,
    exercise_info,
)
from designer.cli import main
from designer.rules import validate
from designer.storage import dumps, load_design
from tests.analysis.helpers import ROOT, SAMPLES

EXERCISE_DIR = SAMPLES / "exercises"
EXERCISES = sorted(EXERCISE_DIR.glob("*.awsd.json"))
TOPIC_WORDS = ("subnet", "public", "nat", "security", "elastic", "load balancer", "rds", "s3", "route 53")


def ids(path) -> str:
    return path.name.removesuffix(".awsd.json")


def mistakes(design) -> set[str]:
    return {f.rule for f in validate(design) if f.severity in ("error", "warning")}


# ------------------------------------------------------------------ the files
def test_at_least_eight_exercises_each_with_a_solution_covering_every_topic():
    assert len(EXERCISES) >= 8
    topics = []
    for path in EXERCISES:
        assert (EXERCISE_DIR / "solutions" / path.name).is_file(), path.name
        topics.append(exercise_info(load_design(path)).topic.lower())
    for word in TOPIC_WORDS:
        assert any(word in t for t in topics), word


@pytest.mark.parametrize("path", EXERCISES, ids=ids)
def test_exercise_object_is_bilingual_and_the_key_is_hidden(path):
    design = load_design(path)
    info = exercise_info(design)
    assert info is not None and info.id == ids(path) and not info.solution
    for text in (info.prompt, info.prompt_ko, info.topic, info.topic_ko, info.hint, info.hint_ko):
        assert text.strip()
    assert any("\uac00" <= ch <= "\ud7a3" for ch in info.prompt_ko)  # Hangul
    assert isinstance(design.extra.get("description"), str) and design.extra["description"]
    key = answer_key(design)
    raw = path.read_text(encoding="utf-8")
    assert all(rule not in raw for rule in key)  # nobody reads the answer off the JSON
    solution = load_design(EXERCISE_DIR / "solutions" / path.name)
    assert answer_key(solution) == key and exercise_info(solution).solution
    assert all(n.label for n in design.nodes)  # every box is labelled for the student


def test_the_committed_files_are_what_the_build_script_makes():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_classroom
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    for exercise in build_classroom.EXERCISES:
        for fixed, folder in ((False, EXERCISE_DIR), (True, EXERCISE_DIR / "solutions")):
            expected = (folder / f"{exercise.slug}.awsd.json").read_text(encoding="utf-8")
            assert dumps(exercise.design(fixed)) == expected, exercise.slug
    drill = (SAMPLES / "drills" / "three-tier-single-az.awsd.json").read_text(encoding="utf-8")
    assert dumps(build_classroom.three_tier_single_az()) == drill


# ------------------------------------------------------------------ answer keys
def test_answer_key_round_trip_and_bad_keys():
    stored = encode_answer_key(["NAT-002", "NAT-001", "NAT-001"])
    assert json.loads(base64.b64decode(stored)) == ["NAT-001", "NAT-002"]
    assert decode_answer_key(stored) == ("NAT-001", "NAT-002")
    for bad in (None, 42, "not base64!", base64.b64encode(b"{}").decode(),
                base64.b64encode(b'["nope"]').decode(), base64.b64encode(b"[]").decode()):
        with pytest.raises(ExerciseError):
            decode_answer_key(bad)
    with pytest.raises(ExerciseError):
        encode_answer_key(["top-2"])


# ------------------------------------------------------------------ with the validator
@pytest.mark.parametrize("path", EXERCISES, ids=ids)
def test_answer_key_matches_the_validator(path):
    design = load_design(path)
    assert mistakes(design) == set(answer_key(design))


@pytest.mark.parametrize("path", EXERCISES, ids=ids)
def test_solution_validates_with_no_errors_or_warnings(path):
    solution = load_design(EXERCISE_DIR / "solutions" / path.name)
    problems = [(f.rule, f.severity, f.message) for f in validate(solution) if f.severity != "info"]
    assert problems == []


@pytest.mark.parametrize("path", EXERCISES, ids=ids)
def test_check_exercise_says_still_wrong_then_solved(path):
    design = load_design(path)
    key = answer_key(design)
    before = check_exercise(design, key)
    assert not before.solved and before.remaining == key and before.still_wrong
    assert before.message.startswith("Not solved") and "아직" in before.message_ko
    after = check_exercise(load_design(EXERCISE_DIR / "solutions" / path.name), key)
    assert after.solved and after.fixed == key and not after.new_errors
    assert after.message.startswith("Solved")


def test_check_exercise_reports_errors_the_student_introduced():
    design = load_design(EXERCISE_DIR / "solutions" / "06-elb-across-azs.awsd.json")
    design.set_prop("alb", "subnets", ["pub-a", "pub-c"])
    design.set_prop("pub-c", "cidr", "10.0.1.0/24")  # now overlaps pub-a: a new NET-003 error
    result = check_exercise(design, answer_key(design))
    assert not result.solved and result.remaining == ()
    assert "NET-003" in {f.rule for f in result.new_errors}
    assert "NET-003" in result.message


def test_result_lines_name_the_severity_in_the_chosen_language():
    design = load_design(EXERCISE_DIR / "02-public-private-subnets.awsd.json")
    result = check_exercise(design, answer_key(design))
    english, korean = result.lines("en"), result.lines("ko")
    assert any(" error] " in line for line in english) and any(" warning] " in line for line in english)
    assert any(" 오류] " in line for line in korean) and any(" 경고] " in line for line in korean)
    assert not any(word in line for line in korean[1:] for word in ("error]", "warning]", "info]"))


def test_a_key_rule_the_validator_does_not_have_is_never_solved():
    design = load_design(EXERCISE_DIR / "solutions" / "08-s3-lifecycle.awsd.json")
    result = check_exercise(design, ["ZZZ-999"])
    assert not result.solved and result.unknown_rules == ("ZZZ-999",)


def test_cli_checks_a_student_file_against_the_original_key(capsys, tmp_path):
    student = load_design(EXERCISE_DIR / "solutions" / "07-rds-multi-az.awsd.json")
    del student.extra["exercise"]  # a student who deleted the exercise object
    path = tmp_path / "student.awsd.json"
    path.write_text(dumps(student), encoding="utf-8")
    original = str(EXERCISE_DIR / "07-rds-multi-az.awsd.json")
    code = main(["analyze", str(path), "--exercise", "--key-from", original, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["exercise"]["solved"] is True and data["exercise"]["fixed"] == ["RDS-003"]
    code = main(["analyze", original, "--exercise", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0 and "Not solved yet" in out and "RDS-003" in out


def test_deleting_the_mistake_instead_of_fixing_it_is_not_solved():
    design = load_design(EXERCISE_DIR / "03-nat-gateway.awsd.json")
    info = exercise_info(design)
    for edge in list(design.edges_of("nat")):
        design.remove_edge(edge.id)
    design.remove_node("nat")
    result = check_exercise(design, answer_key(design), requires=info.requires)
    assert not result.solved
    assert ("nat_gateway", 0, 1) in result.removed and "deleted instead of fixed" in result.message
    assert "지운" in result.message_ko


@pytest.mark.parametrize("path", EXERCISES, ids=ids)
def test_the_solution_keeps_what_the_exercise_requires(path):
    info = exercise_info(load_design(path))
    assert info.requires  # every exercise says what a fix must keep
    solution = load_design(EXERCISE_DIR / "solutions" / path.name)
    assert check_exercise(solution, answer_key(solution), requires=info.requires).removed == ()
