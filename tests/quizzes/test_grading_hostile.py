"""Whatever a client sends, grading returns a Grade or raises GradingInputError, nothing else."""

import random

import pytest

from app.quizzes.grading import (
    GRADERS,
    Grade,
    GradingInputError,
    Outcome,
    QuestionDefinitionError,
    grade,
    register_grader,
    validate_question,
)
from app.quizzes.grading.core import PUBLIC_VIEWS, VALIDATORS
from tests.quizzes.test_grading_validation import valid_questions


def hostile_values(generator):
    atoms = [
        None, True, False, 0, 1, -1, 2**64, 1.5, float("nan"), float("inf"), "", " ", "0", "1", "-1", "1e999",
        "<0.05", "0,05 mg/l", "x" * 10_000, "9" * 50, "\x00", "١", "Сырдарья", b"bytes", object(), (), [], {},
    ]  # fmt: skip
    values = list(atoms)
    values += [[generator.choice(atoms) for _ in range(generator.randint(1, 6))] for _ in range(60)]
    values += [{generator.choice(["0", "1", 0, 1, "x", None, 99]): generator.choice(atoms)} for _ in range(60)]
    values += [list(range(100_000)), {str(number): number for number in range(100_000)}]
    return values


@pytest.mark.parametrize("question", valid_questions(), ids=lambda question: question["kind"])
def test_grade_hostile_responses_raise_only_grading_input_error(question):
    generator = random.Random(question["kind"])
    for response in hostile_values(generator):
        try:
            result = grade(question, response, seed=generator.randint(0, 10**6))
        except GradingInputError as error:
            assert str(error)
        else:
            assert isinstance(result, Grade)
            assert 0 <= result.score <= result.max_score


def test_grade_unknown_kind_is_a_definition_error():
    with pytest.raises(QuestionDefinitionError):
        grade({"id": "x", "kind": "essay"}, "text")
    with pytest.raises(QuestionDefinitionError):
        grade("not a question", "text")  # type: ignore[arg-type]


def test_register_grader_adds_a_kind_that_grade_validate_and_view_use():
    @register_grader("test-computed")
    def grade_test_computed(question, response, seed):
        return Outcome(0.5, ["half"], {"seen": response})

    try:
        question = {"id": "c", "kind": "test-computed", "prompt": "p", "points": 4, "formula": "x"}
        assert grade(question, "42") == Grade(2.0, 4.0, False, ["half"], {"credit": 0.5, "seen": "42"})
        assert validate_question(question) == []
    finally:
        del GRADERS["test-computed"]
    assert "test-computed" not in VALIDATORS and "test-computed" not in PUBLIC_VIEWS


def test_grade_clamps_a_graders_credit():
    @register_grader("test-generous")
    def grade_test_generous(question, response, seed):
        return Outcome(7.0)

    try:
        assert grade({"id": "g", "kind": "test-generous", "prompt": "p"}, "x").score == 1.0
    finally:
        del GRADERS["test-generous"]
