import pytest

from app.quizzes.grading import GradingInputError, grade, public_view

PAIRS = [
    {"left": "Ertis", "right": "Irtysh"},
    {"left": "Zhaiyk", "right": "Ural"},
    {"left": "Syrdarya", "right": "Jaxartes"},
    {"left": "Ile", "right": "Ili"},
]
STEPS = ["Take the sample", "Preserve it", "Transport it cold", "Analyse it", "Report the result"]


def matching():
    return {
        "id": "names",
        "kind": "matching",
        "points": 4,
        "prompt": "Match the names.",
        "pairs": [dict(pair) for pair in PAIRS],
    }


def ordering(items=STEPS):
    return {
        "id": "chain",
        "kind": "ordering",
        "points": 1,
        "prompt": "Order the steps.",
        "items": list(items),
    }


def right_positions(seed):
    """Position on screen of each right-hand text, as a learner would see it."""
    return {item["text"]: item["index"] for item in public_view(matching(), seed)["right"]}


def item_positions(seed, items=STEPS):
    return {item["text"]: item["index"] for item in public_view(ordering(items), seed)["items"]}


@pytest.mark.parametrize("seed", [0, 1, 42, 2**40])
def test_grade_matching_all_pairs_correct_through_the_seeded_view(seed):
    positions = right_positions(seed)
    response = {str(index): positions[pair["right"]] for index, pair in enumerate(PAIRS)}
    result = grade(matching(), response, seed=seed)
    assert (result.score, result.is_correct) == (4.0, True)
    assert result.feedback == ["4 of 4 pairs are correct."]


def test_grade_matching_credit_per_correct_pair():
    positions = right_positions(7)
    response = {0: positions["Irtysh"], 1: positions["Jaxartes"], 2: positions["Ural"], 3: positions["Ili"]}
    result = grade(matching(), response, seed=7)
    assert (result.score, result.detail["correct_pairs"]) == (2.0, 2)


def test_grade_matching_unmatched_left_items_score_nothing():
    positions = right_positions(3)
    result = grade(matching(), {"0": positions["Irtysh"], "1": None, "2": ""}, seed=3)
    assert result.score == 1.0


def test_grade_matching_with_another_seed_reads_positions_differently():
    positions = right_positions(1)
    response = {index: positions[pair["right"]] for index, pair in enumerate(PAIRS)}
    seeds_that_disagree = [seed for seed in range(2, 30) if not grade(matching(), response, seed=seed).is_correct]
    assert seeds_that_disagree


def test_grade_matching_duplicate_right_texts_count_either_way():
    question = matching()
    question["pairs"] = [
        {"left": "Cu", "right": "metal"},
        {"left": "Zn", "right": "metal"},
        {"left": "NO3", "right": "nutrient"},
    ]
    positions = [item["index"] for item in public_view(question, 5)["right"] if item["text"] == "metal"]
    response = {0: positions[1], 1: positions[0]}
    assert grade(question, response, seed=5).score == pytest.approx(4 * 2 / 3, abs=1e-6)


@pytest.mark.parametrize(
    "response",
    [
        [0, 1],
        "0:1",
        5,
        {"4": 0},
        {"-1": 0},
        {"0": 4},
        {"0": -1},
        {"0": [1]},
        {"0": True},
        {"a": 1},
        {(0,): 1},
        {str(index): 0 for index in range(5)},
    ],
)
def test_grade_matching_rejects_bad_responses(response):
    with pytest.raises(GradingInputError):
        grade(matching(), response, seed=0)


@pytest.mark.parametrize("response", [None, {}, {"0": None}])
def test_grade_matching_unanswered_scores_zero(response):
    assert grade(matching(), response).detail["answered"] is False


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_grade_ordering_correct_order_through_the_seeded_view(seed):
    positions = item_positions(seed)
    result = grade(ordering(), [positions[step] for step in STEPS], seed=seed)
    assert (result.score, result.is_correct) == (1.0, True)


@pytest.mark.parametrize(
    ("learner_order", "credit"),
    [
        ([4, 0, 1, 2, 3], 0.75),  # one item moved from the end to the front costs one item
        ([0, 1, 2, 4, 3], 0.75),
        ([1, 0, 3, 2, 4], 0.5),
        ([4, 3, 2, 1, 0], 0.0),
        ([0, 1, 2, 3, 4], 1.0),
    ],
)
def test_grade_ordering_credit_from_longest_ordered_run(learner_order, credit):
    positions = item_positions(11)
    response = [positions[STEPS[index]] for index in learner_order]
    result = grade(ordering(), response, seed=11)
    assert result.score == pytest.approx(credit)
    assert result.detail["order"] == learner_order


def test_grade_ordering_accepts_digit_strings():
    positions = item_positions(0)
    assert grade(ordering(), [str(positions[step]) for step in STEPS]).is_correct


@pytest.mark.parametrize(
    "response",
    [
        [0, 1, 2, 3],
        [0, 1, 2, 3, 4, 5],
        [0, 0, 1, 2, 3],
        [0, 1, 2, 3, 9],
        [0, 1, 2, 3, None],
        {"0": 1},
        "01234",
        3,
        list(range(10**5)),
    ],
)
def test_grade_ordering_rejects_anything_but_a_full_permutation(response):
    with pytest.raises(GradingInputError):
        grade(ordering(), response)


@pytest.mark.parametrize("response", [None, [], ""])
def test_grade_ordering_unanswered_scores_zero(response):
    assert grade(ordering(), response).score == 0.0
