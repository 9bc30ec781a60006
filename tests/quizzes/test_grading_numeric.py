import pytest

from app.quizzes.grading import GradingInputError, QuestionDefinitionError, grade


def numeric(answers=None, **overrides):
    question = {
        "id": "nitrite",
        "kind": "numeric",
        "points": 4,
        "prompt": "Nitrite at the Ural station was measured at ... mg/l",
        "unit": "mg/l",
        "answers": answers
        if answers is not None
        else [
            {"value": 0.05, "tolerance": 0.005, "feedback": "Right."},
            {"value": 50, "credit": 0, "feedback": "That is in µg/l; convert to mg/l."},
        ],
    }
    return question | overrides


@pytest.mark.parametrize(
    "response", ["0.05", "0,05", "0,050", " 0.05 ", "5e-2", "5·10^-2", "0.046", "0,054", "0.055", "0.045"]
)
def test_grade_numeric_accepts_values_within_tolerance(response):
    result = grade(numeric(), response)
    assert (result.score, result.is_correct, result.feedback) == (4.0, True, ["Right."])


@pytest.mark.parametrize("response", ["0.0449", "0.0551", "-0.05", "5"])
def test_grade_numeric_rejects_values_outside_tolerance(response):
    result = grade(numeric(), response)
    assert (result.score, result.is_correct, result.detail["matched_answer"]) == (0.0, False, None)


def test_grade_numeric_tolerance_boundary_is_exact_for_decimal_input():
    question = numeric([{"value": 0.3, "tolerance": 0.1}])
    assert grade(question, "0.4").is_correct
    assert grade(question, "0.2").is_correct
    assert not grade(question, "0.4000001").is_correct


def test_grade_numeric_without_tolerance_needs_the_exact_value():
    question = numeric([{"value": 848}], unit=None)
    assert grade(question, "848").is_correct
    assert grade(question, "848,0").is_correct
    assert not grade(question, "848.01").is_correct


def test_grade_numeric_relative_tolerance_scales_with_the_value():
    question = numeric([{"value": 200, "relative_tolerance": 0.05}], unit=None)
    assert grade(question, "210").is_correct
    assert grade(question, "190").is_correct
    assert not grade(question, "210.5").is_correct


def test_grade_numeric_wider_of_two_tolerances_wins():
    question = numeric([{"value": 10, "tolerance": 0.1, "relative_tolerance": 0.05}], unit=None)
    assert grade(question, "10.5").is_correct
    assert not grade(question, "10.6").is_correct


@pytest.mark.parametrize(("response", "correct"), [("5", True), ("6,99", True), ("7", False), ("4.99", False)])
def test_grade_numeric_range_answer(response, correct):
    question = numeric([{"range": "[5, 7)"}], unit=None)
    assert grade(question, response).is_correct is correct


def test_grade_numeric_first_matching_answer_wins_with_its_credit_and_feedback():
    question = numeric(
        [
            {"value": 1.18, "tolerance": 0.005, "feedback": "Exactly."},
            {"range": "[1, 1.5]", "credit": 0.5, "feedback": "Close: round at the end."},
            {"range": "[0, 10]", "credit": 0, "feedback": "Check the MAC you divided by."},
        ],
        unit=None,
    )
    assert grade(question, "1,18").feedback == ["Exactly."]
    partial = grade(question, "1.3")
    assert (partial.score, partial.is_correct, partial.feedback, partial.detail["matched_answer"]) == (
        2.0,
        False,
        ["Close: round at the end."],
        1,
    )
    targeted = grade(question, "7")
    assert (targeted.score, targeted.feedback, targeted.detail["matched_answer"]) == (
        0.0,
        ["Check the MAC you divided by."],
        2,
    )


@pytest.mark.parametrize(
    "response", ["50 µg/l", "50 мкг/л", "50ug/L", "0,05 мг/дм3", "50000 ng/l", "0.00005 g/l", "0.05 mg/L"]
)
def test_grade_numeric_converts_the_learners_unit_to_the_questions(response):
    result = grade(numeric(), response)
    assert result.is_correct
    assert result.detail["value_in_question_unit"] == pytest.approx(0.05)


def test_grade_numeric_targeted_feedback_for_a_wrong_unit_mistake():
    result = grade(numeric(), "50")
    assert (result.score, result.feedback) == (0.0, ["That is in µg/l; convert to mg/l."])


def test_grade_numeric_answer_value_written_in_another_unit_is_converted():
    question = numeric([{"value": "50 µg/l", "tolerance": 0.001}])
    assert grade(question, "0,05").is_correct


def test_grade_numeric_optional_unit_policy_assumes_the_questions_unit():
    result = grade(numeric(unit_policy="optional"), "0.05")
    assert (result.score, result.feedback) == (4.0, ["Right."])


def test_grade_numeric_required_unit_policy_gives_no_credit_without_a_unit():
    question = numeric(unit_policy="required")
    missing = grade(question, "0.05")
    assert missing.score == 0.0
    assert "Give the unit" in missing.feedback[-1]
    assert grade(question, "0.05 mg/l").is_correct


def test_grade_numeric_penalised_unit_policy_subtracts_the_penalty():
    question = numeric(unit_policy="penalised", unit_penalty=0.25)
    result = grade(question, "0.05")
    assert (result.score, result.is_correct) == (3.0, False)
    assert "25%" in result.feedback[-1]
    assert grade(question, "50 µg/l").score == 4.0


def test_grade_numeric_penalised_unit_policy_defaults_to_a_tenth():
    assert grade(numeric(unit_policy="penalised"), "0.05").score == pytest.approx(3.6)


def test_grade_numeric_unit_penalty_does_not_touch_a_zero_credit_answer():
    result = grade(numeric(unit_policy="required"), "50")
    assert result.feedback == ["That is in µg/l; convert to mg/l."]


def test_grade_numeric_significant_figures_halve_the_credit_when_wrong():
    question = numeric(significant_figures=2)
    assert grade(question, "0.050").score == 4.0
    wrong = grade(question, "0.05")
    assert (wrong.score, wrong.is_correct) == (2.0, False)
    assert "2 significant figures" in wrong.feedback[-1]
    assert grade(question, "0.0501").score == 2.0


def test_grade_numeric_significant_figures_accept_ambiguous_whole_numbers():
    question = numeric([{"value": 1200, "tolerance": 50}], unit=None, significant_figures=3)
    assert grade(question, "1200").is_correct
    assert grade(question, "1.20e3").is_correct
    assert not grade(question, "1.2e3").is_correct


@pytest.mark.parametrize(
    "answer", [{"value": "<0.05"}, {"value": 0.05, "below_detection": True}, {"value": "&lt;0,05"}]
)
def test_grade_numeric_below_detection_matches_a_below_detection_answer(answer):
    question = numeric([answer, {"value": 0.05, "credit": 0.5}], allow_below_detection=True)
    result = grade(question, "<0.05")
    assert (result.is_correct, result.detail["below_detection"]) == (True, True)
    assert grade(question, "менее 0,05 мг/л").is_correct
    assert grade(question, "<0.06").score == 0.0


def test_grade_numeric_plain_number_does_not_match_a_below_detection_answer():
    question = numeric([{"value": "<0.05"}, {"value": 0.05, "credit": 0.5}], allow_below_detection=True)
    assert grade(question, "0.05").score == 2.0
    assert grade(question, "0.03").score == 0.0


def test_grade_numeric_below_detection_response_does_not_match_a_plain_answer():
    assert grade(numeric(allow_below_detection=True), "<0.05").score == 0.0


def test_grade_numeric_below_detection_uses_the_answers_tolerance():
    question = numeric([{"value": "<0.05", "tolerance": 0.01}], allow_below_detection=True)
    assert grade(question, "<0,055").is_correct


def test_grade_numeric_refuses_detection_limits_unless_allowed():
    with pytest.raises(GradingInputError, match="detection limit"):
        grade(numeric(), "<0.05")


def test_grade_numeric_accepts_json_numbers():
    assert grade(numeric(), 0.05).is_correct
    assert grade(numeric([{"value": 3}], unit=None), 3).is_correct


def test_grade_numeric_detail_records_what_was_typed():
    detail = grade(numeric(), "50 мкг/л").detail
    assert detail == {
        "credit": 1.0,
        "answered": True,
        "value": 50.0,
        "unit": "µg/l",
        "value_in_question_unit": 0.05,
        "below_detection": False,
        "significant_figures": 1,
        "matched_answer": 0,
    }


@pytest.mark.parametrize("response", [None, "", "   ", "\u00a0"])
def test_grade_numeric_unanswered_scores_zero(response):
    result = grade(numeric(), response)
    assert (result.score, result.detail["answered"]) == (0.0, False)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("abc", "not a number"),
        ("0.05 furlongs", "unit"),
        ("1 25", "not a number"),
        ("0" * 5000, "too long"),
        (True, "number"),
        (["0.05"], "number"),
        ({"value": 1}, "number"),
        (b"0.05", "number"),
    ],
)
def test_grade_numeric_rejects_bad_responses_with_a_message(response, message):
    with pytest.raises(GradingInputError, match=message):
        grade(numeric(), response)


def test_grade_numeric_broken_definition_is_a_definition_error():
    with pytest.raises(QuestionDefinitionError):
        grade(numeric([{"value": "lots"}]), "1")
    with pytest.raises(QuestionDefinitionError):
        grade(numeric(unit="furlongs"), "1")
