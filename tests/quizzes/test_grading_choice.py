import pytest

from app.quizzes.grading import Grade, GradingInputError, grade


def single_choice(**overrides):
    question = {
        "id": "basin-unit",
        "kind": "single_choice",
        "points": 2,
        "prompt": "Which unit does the WFD manage water by?",
        "options": [
            {"text": "The river basin", "correct": True, "feedback": "Right: the river basin district."},
            {"text": "The administrative region", "feedback": "Regions cut across rivers."},
            {"text": "The municipality"},
        ],
        "feedback": "General feedback.",
    }
    return question | overrides


def multiple_choice(correct=(0, 1), count=5):
    options = [{"text": f"option {index}", "correct": index in correct} for index in range(count)]
    options[0]["feedback"] = "first"
    options[4]["feedback"] = "last"
    return {"id": "pick", "kind": "multiple_choice", "points": 1, "prompt": "Pick", "options": options}


def true_false(answer=True):
    return {
        "id": "tf",
        "kind": "true_false",
        "prompt": "Rivers flow downhill.",
        "answer": answer,
        "feedback_true": "You said true.",
        "feedback_false": "You said false.",
    }


def test_grade_single_choice_correct_option_scores_all_points():
    result = grade(single_choice(), 0)
    assert result == Grade(
        score=2.0,
        max_score=2.0,
        is_correct=True,
        feedback=["Right: the river basin district.", "General feedback."],
        detail={"credit": 1.0, "answered": True, "chosen": [0]},
    )


def test_grade_single_choice_wrong_option_scores_zero_with_its_feedback():
    result = grade(single_choice(), 1)
    assert (result.score, result.is_correct) == (0.0, False)
    assert result.feedback == ["Regions cut across rivers.", "General feedback."]


def test_grade_single_choice_accepts_digit_strings_from_forms():
    assert grade(single_choice(), "0").score == 2.0
    assert grade(single_choice(), " 2 ").score == 0.0


def test_grade_points_default_to_one():
    question = single_choice()
    del question["points"]
    assert grade(question, 0).max_score == 1.0


def test_grade_single_choice_option_without_feedback_adds_none():
    assert grade(single_choice(feedback=None), 2).feedback == []


@pytest.mark.parametrize("response", [None, "", "   ", [], {}])
def test_grade_single_choice_unanswered_scores_zero(response):
    result = grade(single_choice(), response)
    assert (result.score, result.is_correct, result.detail["answered"]) == (0.0, False, False)


@pytest.mark.parametrize(
    "response", [3, -1, 10**9, "3", "-1", "1.0", "0x1", "١", True, False, 0.0, 1.5, [0], {"0": 1}, "9" * 7]
)
def test_grade_single_choice_rejects_bad_responses(response):
    with pytest.raises(GradingInputError):
        grade(single_choice(), response)


@pytest.mark.parametrize(
    ("response", "credit"),
    [
        ([0, 1], 1.0),
        ([0], 0.5),
        ([1], 0.5),
        ([0, 1, 2], 1 - 1 / 3),
        ([0, 2], 0.5 - 1 / 3),
        ([0, 2, 3], 0.0),
        ([2, 3, 4], 0.0),
        ([0, 1, 2, 3, 4], 0.0),
        ([1, 0], 1.0),
        ([0, 0, 1], 1.0),
    ],
)
def test_grade_multiple_choice_partial_credit_follows_the_format(response, credit):
    result = grade(multiple_choice(), response)
    assert result.score == pytest.approx(credit, abs=1e-6)
    assert result.is_correct == (credit == 1.0)


def test_grade_multiple_choice_all_options_correct_has_no_penalty_term():
    question = multiple_choice(correct=(0, 1, 2, 3, 4))
    assert grade(question, [0, 1]).score == pytest.approx(0.4)
    assert grade(question, [0, 1, 2, 3, 4]).is_correct


def test_grade_multiple_choice_shows_feedback_of_chosen_options_in_list_order():
    assert grade(multiple_choice(), [4, 0]).feedback == ["first", "last"]


def test_grade_multiple_choice_records_chosen_options_sorted_once():
    assert grade(multiple_choice(), [1, 0, 1]).detail["chosen"] == [0, 1]


@pytest.mark.parametrize(
    "response", [[5], [-1], ["a"], [None], [True], 0, "0,1", {"0": True}, [0] * 6, list(range(10**5))]
)
def test_grade_multiple_choice_rejects_bad_responses(response):
    with pytest.raises(GradingInputError):
        grade(multiple_choice(), response)


@pytest.mark.parametrize(
    ("response", "score", "feedback"), [(True, 1.0, "You said true."), (False, 0.0, "You said false.")]
)
def test_grade_true_false_compares_with_answer_and_follows_the_choice(response, score, feedback):
    result = grade(true_false(answer=True), response)
    assert (result.score, result.feedback) == (score, [feedback])


def test_grade_true_false_answer_false():
    assert grade(true_false(answer=False), False).is_correct
    assert not grade(true_false(answer=False), True).is_correct


@pytest.mark.parametrize(("response", "score"), [("true", 1.0), ("False", 0.0), (" TRUE ", 1.0)])
def test_grade_true_false_accepts_form_words(response, score):
    assert grade(true_false(), response).score == score


@pytest.mark.parametrize("response", [1, 0, "yes", "1", [True], {"a": 1}, 1.0])
def test_grade_true_false_rejects_non_booleans(response):
    with pytest.raises(GradingInputError, match="true or false"):
        grade(true_false(), response)
