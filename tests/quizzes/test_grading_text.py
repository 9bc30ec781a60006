import pytest

from app.quizzes.grading import GradingInputError, grade, normalise_text


def short_text(transliterate=False, answers=None):
    return {
        "id": "river",
        "kind": "short_text",
        "points": 2,
        "prompt": "Which river feeds the northern Aral Sea?",
        "transliterate": transliterate,
        "answers": answers
        or [
            {"text": "Сырдарья", "feedback": "Yes."},
            {"text": "Syr Darya"},
            {"text": "Amu Darya", "credit": 0, "feedback": "That one feeds the southern Aral."},
            {"text": "Jaxartes", "credit": 0.5, "feedback": "The old name; we want today's."},
        ],
    }


@pytest.mark.parametrize(
    "response",
    [
        "Сырдарья",
        "сырдарья",
        " СЫРДАРЬЯ ",
        "Syr Darya",
        "syr-darya",
        "SyrDarya",
        "syr  darya.",
        "«Syr Darya»",
    ],
)
def test_grade_short_text_ignores_case_spacing_and_edge_punctuation(response):
    assert grade(short_text(), response).is_correct


def test_grade_short_text_first_matching_answer_gives_its_feedback():
    assert grade(short_text(), "сырдарья").feedback == ["Yes."]
    assert grade(short_text(), "syr darya").feedback == []


def test_grade_short_text_partial_and_zero_credit_answers():
    partial = grade(short_text(), "jaxartes")
    assert (partial.score, partial.is_correct, partial.feedback) == (
        1.0,
        False,
        ["The old name; we want today's."],
    )
    wrong = grade(short_text(), "Amu Darya")
    assert (wrong.score, wrong.detail["matched_answer"]) == (0.0, 2)


def test_grade_short_text_unlisted_answer_scores_zero():
    result = grade(short_text(), "Ili")
    assert (result.score, result.detail["matched_answer"], result.feedback) == (0.0, None, [])


def test_grade_short_text_without_transliteration_keeps_scripts_apart():
    question = short_text(answers=[{"text": "Сырдарья"}])
    assert not grade(question, "Syrdarya").is_correct


@pytest.mark.parametrize(
    ("accepted", "typed"),
    [
        ("Сырдарья", "Syrdarya"),
        ("Сырдарья", "Syrdaria"),
        ("Қазақстан", "Kazakhstan"),
        ("Қазақстан", "Qazaqstan"),
        ("Казахстан", "Kazakhstan"),
        ("Жамбыл", "Jambyl"),
        ("Жамбыл", "Zhambyl"),
        ("Шардара", "Şardara"),
        ("Шардара", "Shardara"),
        ("Ертіс", "Ertis"),
        ("Үлбі", "Ulbi"),
        ("Өскемен", "Öskemen"),
        ("Ақсу", "Aqsu"),
        ("Балқаш", "Balkash"),
        ("Syr Darya", "Сыр-Дарья"),
        ("Ёсик", "Esik"),
    ],
)
def test_grade_short_text_transliteration_equates_cyrillic_and_latin(accepted, typed):
    question = short_text(transliterate=True, answers=[{"text": accepted}])
    assert grade(question, typed).is_correct


@pytest.mark.parametrize(("accepted", "typed"), [("Сырдарья", "Amudarya"), ("Ертіс", "Esil"), ("Жайық", "Ural")])
def test_grade_short_text_transliteration_still_tells_words_apart(accepted, typed):
    question = short_text(transliterate=True, answers=[{"text": accepted}])
    assert not grade(question, typed).is_correct


def test_normalise_text_folds_yo_and_removes_spacing():
    assert normalise_text(" Ёлка - Ель ") == "елка" + "ель"


@pytest.mark.parametrize("response", [None, "", "   ", "...", "\n"])
def test_grade_short_text_unanswered_scores_zero(response):
    result = grade(short_text(), response)
    assert (result.score, result.detail["answered"]) == (0.0, False)


@pytest.mark.parametrize("response", [5, True, ["Сырдарья"], {"text": "x"}, b"Syr", "x" * 501, "Сырдарья" * 10_000])
def test_grade_short_text_rejects_bad_responses(response):
    with pytest.raises(GradingInputError):
        grade(short_text(), response)
