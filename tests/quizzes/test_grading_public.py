import json

import pytest

from app.quizzes.grading import public_view
from tests.quizzes.test_grading_validation import valid_questions

SECRET_KEYS = {
    "correct",
    "answer",
    "answers",
    "feedback",
    "feedback_true",
    "feedback_false",
    "pairs",
    "allow_below_detection",
}


def all_keys(value):
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in all_keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in all_keys(item)}
    return set()


@pytest.mark.parametrize("question", valid_questions(), ids=lambda question: question["kind"])
def test_public_view_strips_every_revealing_key(question):
    view = public_view(question, seed=3, shuffle_options=True)
    assert not all_keys(view) & SECRET_KEYS
    assert {"id", "kind", "prompt", "points"} <= set(view)
    text = json.dumps(view, ensure_ascii=False)
    for secret in ("Yes", "General.", "Сырдарья", "Too high", "0,050"):
        assert secret not in text


@pytest.mark.parametrize("question", valid_questions(), ids=lambda question: question["kind"])
def test_public_view_does_not_change_the_question(question):
    before = json.dumps(question, sort_keys=True)
    public_view(question, seed=1, shuffle_options=True)
    assert json.dumps(question, sort_keys=True) == before


def test_public_view_choice_options_keep_their_indices():
    question = valid_questions()[0]
    assert public_view(question)["options"] == [{"index": 0, "text": "Basin"}, {"index": 1, "text": "Region"}]


def test_public_view_shuffles_options_only_when_asked_and_deterministically():
    question = {
        "id": "many",
        "kind": "multiple_choice",
        "prompt": "p",
        "options": [{"text": str(number), "correct": number == 0} for number in range(8)],
    }
    assert [option["index"] for option in public_view(question, seed=5)["options"]] == list(range(8))
    shuffled = [option["index"] for option in public_view(question, seed=5, shuffle_options=True)["options"]]
    assert sorted(shuffled) == list(range(8))
    assert shuffled != list(range(8))
    assert public_view(question, seed=5, shuffle_options=True) == public_view(question, seed=5, shuffle_options=True)


def matching(count=6):
    pairs = [{"left": f"left {number}", "right": f"right {number}"} for number in range(count)]
    return {"id": "names", "kind": "matching", "prompt": "Match", "pairs": pairs}


def test_public_view_matching_right_items_are_shuffled_with_screen_positions():
    view = public_view(matching(), seed=2)
    assert view["left"] == [{"index": number, "text": f"left {number}"} for number in range(6)]
    assert [item["index"] for item in view["right"]] == list(range(6))
    assert sorted(item["text"] for item in view["right"]) == [f"right {number}" for number in range(6)]
    assert [item["text"] for item in view["right"]] != [f"right {number}" for number in range(6)]


def test_public_view_matching_order_depends_on_the_seed():
    orders = {tuple(item["text"] for item in public_view(matching(), seed=seed)["right"]) for seed in range(10)}
    assert len(orders) > 1


def test_public_view_ordering_never_shows_the_correct_order():
    for count in (2, 3, 4):
        items = [f"step {number}" for number in range(count)]
        question = {"id": f"steps-{count}", "kind": "ordering", "prompt": "p", "items": items}
        for seed in range(40):
            shown = [item["text"] for item in public_view(question, seed=seed)["items"]]
            assert sorted(shown) == items
            assert shown != items


def test_public_view_numeric_shows_unit_only_when_the_learner_need_not_type_it():
    question = next(question for question in valid_questions() if question["kind"] == "numeric")
    assert "unit" not in public_view(question)
    assert public_view(question)["significant_figures"] == 2
    optional = {key: value for key, value in question.items() if key not in ("unit_policy", "unit_penalty")}
    assert public_view(optional)["unit"] == "мг/дм3"


def test_public_view_unknown_kind_shows_only_the_common_keys():
    question = {"id": "c", "kind": "computed", "prompt": "p", "formula": "secret", "points": 3}
    assert public_view(question) == {"id": "c", "kind": "computed", "prompt": "p", "points": 3.0}
