import pytest

from app.quizzes.grading import validate_question


def valid_questions():
    return [
        {
            "id": "basin-unit",
            "kind": "single_choice",
            "points": 1,
            "prompt": "Which unit?",
            "options": [{"text": "Basin", "correct": True, "feedback": "Yes"}, {"text": "Region"}],
            "feedback": "General.",
        },
        {
            "id": "pick",
            "kind": "multiple_choice",
            "prompt": "Pick",
            "options": [{"text": "a", "correct": True}, {"text": "b"}],
        },
        {
            "id": "tf",
            "kind": "true_false",
            "prompt": "True?",
            "answer": False,
            "feedback_true": "No",
            "feedback_false": "Yes",
        },
        {
            "id": "nitrite",
            "kind": "numeric",
            "prompt": "How much?",
            "unit": "мг/дм3",
            "unit_policy": "penalised",
            "unit_penalty": 0.2,
            "significant_figures": 2,
            "allow_below_detection": True,
            "answers": [
                {"value": "0,050", "tolerance": 0.005, "feedback": "Right"},
                {"value": "<0.01", "credit": 0.5},
                {"range": "(0.1, 0.5]", "credit": 0, "feedback": "Too high"},
                {"value": 50, "relative_tolerance": 0.1, "credit": 0},
            ],
        },
        {
            "id": "river",
            "kind": "short_text",
            "prompt": "Which?",
            "transliterate": True,
            "answers": [{"text": "Сырдарья"}],
        },
        {
            "id": "names",
            "kind": "matching",
            "prompt": "Match",
            "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}],
        },
        {"id": "chain", "kind": "ordering", "prompt": "Order", "items": ["first", "second", "third"]},
    ]


@pytest.mark.parametrize("question", valid_questions(), ids=lambda question: question["kind"])
def test_validate_question_accepts_well_formed_questions(question):
    assert validate_question(question) == []


def problems_for(template_kind, changes):
    question = next(question for question in valid_questions() if question["kind"] == template_kind)
    for key, value in changes.items():
        if value is None:
            question.pop(key, None)
        else:
            question[key] = value
    return validate_question(question)


def test_validate_question_rejects_non_mappings():
    assert validate_question(["not", "a", "question"]) == ["a question must be a mapping of keys to values"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": None}, "missing key 'id'"),
        ({"id": "Basin Unit"}, "id 'Basin Unit' must be kebab-case"),
        ({"kind": None}, "missing key 'kind'"),
        ({"kind": "essay"}, "unknown kind 'essay'; use one of:"),  # the list grows as features register kinds
        ({"prompt": None}, "question: missing key 'prompt'"),
        ({"prompt": "  "}, "question: 'prompt' must be non-empty text"),
        ({"points": -1}, "points must be a number of at least 0"),
        ({"points": "two"}, "points must be a number of at least 0"),
        ({"feedback": 5}, "question: 'feedback' must be non-empty text"),
        ({"answers": []}, "unknown key 'answers' in a single_choice question"),
        ({"shuffle": True}, "unknown key 'shuffle' in a single_choice question"),
    ],
)
def test_validate_question_common_keys(changes, expected):
    problems = problems_for("single_choice", changes)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("kind", "changes", "expected"),
    [
        ("single_choice", {"options": [{"text": "a"}, {"text": "b"}]}, "exactly one correct option, not 0"),
        (
            "single_choice",
            {"options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]},
            "exactly one correct option, not 2",
        ),
        (
            "single_choice",
            {"options": [{"text": "a", "correct": True}]},
            "'options' must be a list of at least 2",
        ),
        ("single_choice", {"options": None}, "'options' must be a list of at least 2"),
        (
            "single_choice",
            {"options": [{"text": "a", "corect": True}, {"text": "b"}]},
            "unknown key 'corect' in option 1",
        ),
        (
            "single_choice",
            {"options": [{"text": "a", "correct": "yes"}, {"text": "b"}]},
            "option 1: 'correct' must be true or false",
        ),
        ("single_choice", {"options": [{"correct": True}, "b"]}, "option 1: missing key 'text'"),
        ("single_choice", {"options": [{"text": "a", "correct": True}, "b"]}, "option 2: must be a mapping"),
        ("multiple_choice", {"options": [{"text": "a"}, {"text": "b"}]}, "at least one correct option"),
        ("true_false", {"answer": None}, "missing key 'answer'"),
        ("true_false", {"answer": "yes"}, "'answer' must be true or false"),
        ("true_false", {"options": []}, "unknown key 'options'"),
        ("numeric", {"answers": []}, "'answers' must be a list of at least 1"),
        ("numeric", {"answers": [{"value": 1, "credit": 0.5}]}, "no answer gives full credit"),
        (
            "numeric",
            {"answers": [{"value": 1, "credit": 1.5}]},
            "answer 1: credit must be a number from 0 to 1",
        ),
        (
            "numeric",
            {"answers": [{"value": 1, "credit": -0.1}]},
            "answer 1: credit must be a number from 0 to 1",
        ),
        ("numeric", {"answers": [{"value": 1, "toleranse": 0.1}]}, "unknown key 'toleranse' in answer 1"),
        ("numeric", {"answers": [{"tolerance": 0.1}]}, "answer 1: give either 'value' or 'range'"),
        (
            "numeric",
            {"answers": [{"value": 1, "range": "[0, 2]"}]},
            "answer 1: give either 'value' or 'range'",
        ),
        ("numeric", {"answers": [{"value": "lots"}]}, "answer 1: “lots” is not a number"),
        ("numeric", {"answers": [{"value": True}]}, "answer 1: 'value' must be a number"),
        ("numeric", {"answers": [{"range": "5 to 7"}]}, "answer 1: range '5 to 7' must look like"),
        ("numeric", {"answers": [{"range": "[7, 5]"}]}, "lower bound above"),
        (
            "numeric",
            {"answers": [{"value": 1, "tolerance": -1}]},
            "answer 1: 'tolerance' must be a number of at least 0",
        ),
        ("numeric", {"unit": "furlongs"}, "unknown unit 'furlongs'"),
        ("numeric", {"unit_policy": "strict"}, "unit_policy must be one of optional, required, penalised"),
        ("numeric", {"unit": None}, "unit_policy 'penalised' needs a 'unit'"),
        ("numeric", {"unit_penalty": 2}, "'unit_penalty' must be a number from 0 to 1"),
        ("numeric", {"unit_policy": "optional"}, "unit_penalty only applies when unit_policy is 'penalised'"),
        ("numeric", {"significant_figures": 0}, "significant_figures must be a whole number from 1 to 15"),
        (
            "numeric",
            {"allow_below_detection": None},
            "answer 2: a below-detection answer needs allow_below_detection: true",
        ),
        ("numeric", {"allow_below_detection": "yes"}, "'allow_below_detection' must be true or false"),
        ("short_text", {"answers": [{"text": ""}]}, "answer 1: 'text' must be non-empty text"),
        ("short_text", {"answers": [{"text": "a", "credit": 2}]}, "credit must be a number from 0 to 1"),
        (
            "short_text",
            {"answers": [{"text": "Сырдарья"}, {"text": "Syrdarya"}]},
            "answer 2: same as answer 1",
        ),
        ("short_text", {"answers": [{"text": "a", "credit": 0}]}, "no answer gives full credit"),
        ("short_text", {"transliterate": "yes"}, "'transliterate' must be true or false"),
        ("matching", {"pairs": [{"left": "a", "right": "1"}]}, "'pairs' must be a list of at least 2"),
        (
            "matching",
            {"pairs": [{"left": "a", "right": "1"}, {"left": "a", "right": "2"}]},
            "pair 2: left text 'a' appears twice",
        ),
        (
            "matching",
            {"pairs": [{"left": "a"}, {"left": "b", "right": "2", "extra": 1}]},
            "pair 1: missing key 'right'",
        ),
        (
            "matching",
            {"pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2", "extra": 1}]},
            "unknown key 'extra' in pair 2",
        ),
        ("ordering", {"items": ["only"]}, "'items' must be a list of at least 2"),
        ("ordering", {"items": ["a", "a", "b"]}, "item 2: 'a' appears twice"),
        ("ordering", {"items": ["a", 5]}, "item 2: must be non-empty text"),
    ],
)
def test_validate_question_kind_rules(kind, changes, expected):
    problems = problems_for(kind, changes)
    assert any(expected in problem for problem in problems), problems


def test_validate_question_short_text_duplicate_only_counts_when_transliterating():
    changes = {"transliterate": False, "answers": [{"text": "Сырдарья"}, {"text": "Syrdarya"}]}
    assert problems_for("short_text", changes) == []


@pytest.mark.parametrize(
    "question",
    [
        {"kind": "numeric", "id": "x", "prompt": "p", "answers": "nope"},
        {"kind": "matching", "id": "x", "prompt": "p", "pairs": {"a": 1}},
    ],
)
def test_validate_question_never_raises_on_junk_shapes(question):
    assert validate_question(question)
