"""Quizzes in the learner's language: translated quiz texts, translated grading messages, lean submit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import event, select

from app.db import db as session
from app.quizzes import services
from app.quizzes.grading import GradingInputError, grade, parse_number
from app.quizzes.grading.messages import Message, from_stored, to_stored
from app.quizzes.models import QuizResponse

QUESTIONS = [
    {
        "id": "basin",
        "kind": "single_choice",
        "prompt": "Which **unit** manages water?",
        "options": [
            {"text": "The river basin", "correct": True, "feedback": "Right: basins."},
            {"text": "The region", "feedback": "Regions cut across rivers."},
        ],
    },
    {
        "id": "nitrate",
        "kind": "numeric",
        "prompt": "Nitrate limit?",
        "unit": "mg/l",
        "unit_policy": "required",
        "answers": [{"value": 50, "tolerance": 0.5}],
    },
    {"id": "sea", "kind": "short_text", "prompt": "Which sea?", "answers": [{"text": "Aral"}]},
]
RUSSIAN = {
    "title": "Проверка по бассейнам",
    "questions": [
        {
            "id": "basin",
            "prompt": "Какая **единица** управляет водой?",
            "options": [
                {"text": "Речной бассейн", "feedback": "Верно: бассейны."},
                {"text": "Область", "feedback": "Области пересекают реки."},
            ],
        },
        {"id": "sea", "answers": [{"text": "Арал"}]},
    ],
    "prompts_html": {"basin": "<p>Какая <strong>единица</strong> управляет водой?</p>"},
}


@pytest.fixture()
def quiz(make):
    quiz = make.quiz(questions=QUESTIONS, pass_mark=50, review_show=["score", "correctness", "feedback", "answer"])
    quiz.translations = {"ru": RUSSIAN}
    session.flush()
    return quiz


def _learner(make, quiz, login_as, locale):
    user = make.user(locale=locale)
    make.enrolment(quiz.module.course, user)
    login_as(user)
    return user


def _start(client, quiz) -> int:
    response = client.post(f"/quizzes/{quiz.id}/start")
    return int(re.search(r"/attempts/(\d+)", response.headers["Location"]).group(1))


def _option_value(page: str, label: str) -> str:
    return re.search(r'value="(\d+)"[^>]*>\s*<label for="[^"]+">' + re.escape(label), page).group(1)


def test_russian_learner_sees_translated_quiz_and_feedback(client, make, quiz, login_as):
    _learner(make, quiz, login_as, "ru")
    attempt_id = _start(client, quiz)
    page = client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True)
    assert "Проверка по бассейнам" in page and "<strong>единица</strong>" in page
    assert "Речной бассейн" in page and "The river basin" not in page
    assert "Nitrate limit?" in page  # not translated: shown in the course language
    assert "не переведён" not in page
    form = {"q-basin": _option_value(page, "Область"), "q-nitrate": "50", "q-sea": "арал"}
    assert client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form).status_code == 302
    result = client.get(f"/quizzes/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Области пересекают реки." in result and "Regions cut across rivers." not in result
    assert "Укажите в ответе единицу измерения (например, mg/l)" in result
    responses = session.scalars(select(QuizResponse).where(QuizResponse.attempt_id == attempt_id)).all()
    by_score = sorted(response.score for response in responses)
    assert by_score == [0.0, 0.0, 1.0]  # the Russian accepted answer "Арал" counts
    stored = [line for response in responses for line in response.feedback]
    unit_message = "Give the unit with your answer (for example %(unit)s); without it there is no credit."
    assert {"msgid": unit_message, "params": {"unit": "mg/l"}} in stored
    assert "Regions cut across rivers." in stored  # author feedback is stored in the course language


def test_language_without_translation_falls_back_with_a_note(client, make, quiz, login_as):
    _learner(make, quiz, login_as, "kk")
    attempt_id = _start(client, quiz)
    page = client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True)
    assert "The river basin" in page and "Речной бассейн" not in page
    assert "Бұл тест әлі сіздің тіліңізге аударылмаған" in page
    form = {"q-basin": _option_value(page, "The region"), "q-nitrate": "50"}
    client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form)
    result = client.get(f"/quizzes/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Regions cut across rivers." in result
    assert "Жауапта өлшем бірлігін көрсетіңіз" in result and "Жауап берілмеді." in result


def test_grading_messages_keep_id_and_params_and_translate(app):
    with pytest.raises(GradingInputError) as caught:
        parse_number("abc")
    message = caught.value.message
    assert isinstance(message, Message) and message.params == {"text": "abc"}
    assert str(message) == "“abc” is not a number I can read. Write it like 0,05 or 1 250,5 or 1,2e-3."
    with app.test_request_context(), force_locale("ru"):
        assert str(caught.value) == "Не удаётся прочитать «abc» как число. Запишите его так: 0,05, 1 250,5 или 1,2e-3."
        assert from_stored(to_stored(message)) == str(caught.value)
        assert from_stored("Author text.") == "Author text."
    feedback = grade({"id": "q", "kind": "short_text", "answers": [{"text": "a"}]}, "").feedback
    assert to_stored(feedback[0]) == {"msgid": "No answer was given.", "params": {}}


def test_grading_package_does_not_import_flask():
    for path in Path("app/quizzes/grading").glob("*.py"):
        tree = ast.parse(path.read_text())
        names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in names if name.startswith(("flask", "app.quizzes.services"))], path


def _submit_statements(client, make, quiz, login_as, app) -> list[str]:
    _learner(make, quiz, login_as, "en")
    attempt_id = _start(client, quiz)
    session.commit()
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement.split()[0].upper())

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        form = {"q-basin": "0", "q-nitrate": "50 mg/l", "q-sea": "Aral"}
        assert client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form).status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [statement for statement in statements if statement not in ("BEGIN", "SAVEPOINT", "RELEASE")]


def test_submit_is_a_few_statements_and_does_not_grow_with_history(client, make, quiz, login_as, app):
    first = _submit_statements(client, make, quiz, login_as, app)
    for _ in range(5):  # earlier attempts by other learners
        user = make.user()
        services.submit_attempt(session, services.start_attempt(session, quiz, user.id), {"basin": 0})
    session.commit()
    second = _submit_statements(client, make, quiz, login_as, app)
    assert first == second
    # the user; the attempt with its quiz and questions; then the claim and one executemany upsert
    assert first == ["SELECT", "SELECT", "UPDATE", "INSERT"]


def test_my_results_shows_quiz_titles_in_the_learners_language(client, make, quiz, login_as):
    _learner(make, quiz, login_as, "ru")
    attempt_id = _start(client, quiz)
    client.post(f"/quizzes/attempts/{attempt_id}/submit", data={"q-nitrate": "50"})
    page = client.get(f"/quizzes/course/{quiz.module.course.slug}").get_data(as_text=True)
    assert "Проверка по бассейнам" in page
