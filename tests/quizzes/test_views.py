"""Learner pages over HTTP: access, no answer leaks, save, submit once, results, my results."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.quizzes.models import QuizAttempt, QuizResponse
from tests.quizzes.samples import ALL_KINDS, SECRETS

FORM = "application/x-www-form-urlencoded"


@pytest.fixture()
def quiz(make):
    return make.quiz(questions=ALL_KINDS, pass_mark=60)


@pytest.fixture()
def learner(make, quiz, login_as):
    user = make.user()
    make.enrolment(quiz.module.course, user)
    return login_as(user)


def _start(client, quiz) -> QuizAttempt:
    response = client.post(f"/quizzes/{quiz.id}/start")
    assert response.status_code == 302
    attempt_id = int(re.search(r"/attempts/(\d+)", response.headers["Location"]).group(1))
    return attempt_id


def _right_form(page: str) -> dict[str, object]:
    """Fill the attempt form with the right answers by reading the option texts on the page."""

    def value_of(label: str) -> str:
        match = re.search(r'id="([^"]+)" name="[^"]+" value="(\d+)"[^>]*>\s*<label for="\1">' + re.escape(label), page)
        return match.group(2)

    def option_of(select_name: str, text: str) -> str:
        block = re.search(rf'name="{select_name}">(.*?)</select>', page, re.S).group(1)
        return re.search(rf'<option value="(\d+)"[^>]*>{re.escape(text)}</option>', block).group(1)

    def position_of(text: str) -> str:
        return re.search(rf'<label for="q-treatment-order-(\d+)">{re.escape(text)}</label>', page).group(1)

    steps = ["Screening", "Primary settling", "Biological treatment", "Disinfection"]
    form: dict[str, object] = {
        "q-basin-unit": value_of("The river basin"),
        "q-nutrients": [value_of("Nitrate"), value_of("Phosphate")],
        "q-wfd-2000": "true",
        "q-nitrate-limit": "50,1 мг/л",
        "q-sea-name": "  ARALSECRETSEA ",
        "q-match-units-0": option_of("q-match-units-0", "µS/cm"),
        "q-match-units-1": option_of("q-match-units-1", "°C"),
        "q-match-units-2": option_of("q-match-units-2", "NTU"),
    }
    for rank, step in enumerate(steps, start=1):
        form[f"q-treatment-order-{position_of(step)}"] = str(rank)
    return form


def test_a_learner_not_enrolled_gets_403(client, make, quiz, login_as):
    login_as(make.user())
    assert client.get(f"/quizzes/{quiz.id}").status_code == 403
    assert client.post(f"/quizzes/{quiz.id}/start").status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client, quiz):
    assert client.get(f"/quizzes/{quiz.id}").status_code == 302


def test_no_answer_or_feedback_reaches_the_browser_before_submission(client, db, quiz, learner):
    bodies = [client.get(f"/quizzes/{quiz.id}").get_data(as_text=True)]
    attempt_id = _start(client, quiz)
    page = client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True)
    bodies.append(page)
    form = _right_form(page)
    saved = client.post(f"/quizzes/attempts/{attempt_id}/save", data=form, follow_redirects=True)
    bodies.append(saved.get_data(as_text=True))
    wrong = dict(form, **{"q-nitrate-limit": "about fifty"})
    bodies.append(client.post(f"/quizzes/attempts/{attempt_id}/save", data=wrong).get_data(as_text=True))
    bodies.append(client.get(f"/quizzes/course/{quiz.module.course.slug}").get_data(as_text=True))
    for body in bodies:
        for secret in SECRETS:
            assert secret not in body
        assert "correct" not in body.lower().replace("incorrect", "")
    # the ordering items are never shown in the right order
    shown = re.findall(r'<label for="q-treatment-order-\d+">([^<]+)</label>', page)
    assert shown != ["Screening", "Primary settling", "Biological treatment", "Disinfection"]


def test_saved_answers_come_back_on_the_page_and_a_full_submission_scores_everything(client, db, quiz, learner):
    attempt_id = _start(client, quiz)
    form = _right_form(client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True))
    client.post(f"/quizzes/attempts/{attempt_id}/save", data=form)
    page = client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True)
    assert 'value="50,1 мг/л"' in page and 'value="true" checked' in page
    response = client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    attempt = db.get(QuizAttempt, attempt_id)
    assert (attempt.score, attempt.max_score, attempt.passed) == (7.0, 7.0, True)
    result = client.get(f"/quizzes/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "SECRET-FEEDBACK-basin-right" in result and "Passed." in result


def test_submitting_twice_over_http_grades_once(client, db, quiz, learner):
    attempt_id = _start(client, quiz)
    form = _right_form(client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True))
    client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form)
    first = db.get(QuizAttempt, attempt_id)
    submitted_at, score = first.submitted_at, first.score
    replay = client.post(f"/quizzes/attempts/{attempt_id}/submit", data={"q-basin-unit": "1"}, follow_redirects=True)
    assert "already been submitted" in replay.get_data(as_text=True)
    db.expire_all()
    again = db.get(QuizAttempt, attempt_id)
    assert (again.submitted_at, again.score) == (submitted_at, score)
    assert client.post(f"/quizzes/attempts/{attempt_id}/save", data=form).status_code == 302
    stored = db.scalars(
        select(QuizResponse).where(QuizResponse.attempt_id == attempt_id).join(QuizResponse.question)
    ).all()
    basin = next(response for response in stored if response.question.key == "basin-unit")
    assert basin.answer == int(form["q-basin-unit"])  # the replayed wrong choice was never stored


def test_another_learner_cannot_open_or_submit_my_attempt(client, make, quiz, learner, login_as):
    attempt_id = _start(client, quiz)
    intruder = make.user()
    make.enrolment(quiz.module.course, intruder)
    login_as(intruder)
    assert client.get(f"/quizzes/attempts/{attempt_id}").status_code == 403
    assert client.post(f"/quizzes/attempts/{attempt_id}/submit", data={}).status_code == 403
    assert client.get(f"/quizzes/attempts/{attempt_id}/result").status_code == 403


def test_a_submission_without_its_csrf_token_is_refused_and_grades_nothing(app, client, db, quiz, learner):
    attempt_id = _start(client, quiz)
    form = _right_form(client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True))
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400 and "security token" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(QuizAttempt, attempt_id).submitted_at is None
    assert client.post("/quizzes/attempts/999999/submit", data=form).status_code == 404


def test_my_results_query_count_does_not_grow_with_quizzes(client, make, quiz, learner, count_queries):
    course = quiz.module.course
    url = f"/quizzes/course/{course.slug}"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for _ in range(3):
        make.quiz(module=make.module(course=course))
    with count_queries() as many:
        page = client.get(url)
    assert page.status_code == 200
    assert few.count == many.count


HOSTILE_FORMS = [
    [],  # nothing at all
    [("q-basin-unit", "0"), ("q-basin-unit", "1"), ("q-nutrients", "99999999999999999999"), ("q-nutrients", "-1")],
    [("q-nitrate-limit", "7" * 100_000), ("q-sea-name", "\ud7ff" * 10), ("q-wfd-2000", "maybe")],
    [("q-match-units-0", "abc"), ("q-match-units-999", "1"), ("q-treatment-order-0", "1e9"), ("unknown", "1")],
    [("q-treatment-order-0", "1"), ("q-treatment-order-1", "1"), ("q-treatment-order-2", "1"), ("q-nutrients", "")],
]


@pytest.mark.parametrize("fields", HOSTILE_FORMS)
def test_a_hostile_submission_is_graded_or_refused_and_the_result_page_still_works(client, quiz, learner, fields):
    attempt_id = _start(client, quiz)
    assert client.post(f"/quizzes/attempts/{attempt_id}/submit", data=MultiDict(fields)).status_code in (302, 400)
    assert client.get(f"/quizzes/attempts/{attempt_id}/result").status_code == 200


def test_undecodable_bytes_in_a_submission_are_graded_not_a_crash(client, quiz, learner):
    attempt_id = _start(client, quiz)
    body = b"q-sea-name=%ff%fe&q-nitrate-limit=%C0%AF"
    response = client.post(f"/quizzes/attempts/{attempt_id}/submit", data=body, content_type=FORM)
    assert response.status_code == 302
    assert client.get(f"/quizzes/attempts/{attempt_id}/result").status_code == 200
