"""Trainer pages: results and item analysis, export, override (audited), regrade, authoring."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth.models import Role
from app.quizzes import services
from app.quizzes.models import Question, QuizAttempt, QuizResponse
from app.quizzes.services import results

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture()
def trainer(make):
    return make.user(role=Role.TRAINER)


@pytest.fixture()
def quiz(make, trainer):
    course = make.course(trainers=(trainer,))
    return make.quiz(module=make.module(course=course))


def _take(db, make, quiz, answers, **user_fields):
    learner = make.user(**user_fields)
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.submit_attempt(db, attempt, answers, now=NOW)
    db.commit()
    return attempt


def test_statistics_facility_discrimination_and_most_chosen_wrong_answer(db, make, quiz):
    for _ in range(3):
        _take(db, make, quiz, {"basin": 0, "ph": "7"})
    for _ in range(2):
        _take(db, make, quiz, {"basin": 1, "ph": "7"})
    _take(db, make, quiz, {"basin": 1, "ph": "9"})
    stats = {row.question.key: row for row in results.question_statistics(db, quiz)}
    assert stats["basin"].responses == 6
    assert stats["basin"].facility == 0.5
    assert stats["basin"].most_chosen_wrong == "The region" and stats["basin"].wrong_count == 3
    assert stats["basin"].discrimination == 1.0  # top third all right, bottom third all wrong
    assert stats["ph"].facility == pytest.approx(0.83, abs=0.01)
    summary = results.quiz_summary(db, quiz)
    assert (summary.attempts, summary.learners, summary.passed) == (6, 6, 5)


@pytest.mark.parametrize("role", [Role.LEARNER, Role.COORDINATOR])
def test_results_are_refused_to_non_trainers(client, make, quiz, login_as, role):
    login_as(make.user(role=role))
    assert client.get(f"/quizzes/manage/{quiz.id}/results").status_code == 403


def test_a_trainer_of_another_course_gets_403(client, make, quiz, login_as):
    login_as(make.user(role=Role.TRAINER))
    assert client.get(f"/quizzes/manage/{quiz.id}/results").status_code == 403
    assert client.post(f"/quizzes/manage/{quiz.id}/regrade").status_code == 403


def test_results_page_query_count_is_flat(client, db, make, quiz, trainer, login_as, count_queries):
    login_as(trainer)
    _take(db, make, quiz, {"basin": 0})
    url = f"/quizzes/manage/{quiz.id}/results"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for _ in range(4):
        _take(db, make, quiz, {"basin": 1, "ph": "7"})
    with count_queries() as many:
        page = client.get(url)
    assert page.status_code == 200 and "The region" in page.get_data(as_text=True)
    assert few.count == many.count


def test_csv_export_neutralises_formulas(client, db, make, quiz, trainer, login_as):
    _take(db, make, quiz, {"basin": 0}, name='=HYPERLINK("http://evil")')
    login_as(trainer)
    response = client.get(f"/quizzes/manage/{quiz.id}/results.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][-2:] == ["basin", "ph"]
    assert rows[1][0].startswith("'=")
    xlsx = client.get(f"/quizzes/manage/{quiz.id}/results.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_override_changes_the_score_and_is_audited(client, db, make, quiz, trainer, login_as):
    attempt = _take(db, make, quiz, {"basin": 1, "ph": "7"})
    response = db.scalar(
        select(QuizResponse)
        .join(QuizResponse.question)
        .where(QuizResponse.attempt_id == attempt.id, Question.key == "basin")
    )
    login_as(trainer)
    page = client.post(f"/quizzes/manage/responses/{response.id}/override", data={"score": "1", "reason": "fair"})
    assert page.status_code == 302
    db.expire_all()
    assert db.get(QuizAttempt, attempt.id).score == 2.0
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "quiz.grade_overridden"))
    assert entry.actor_id == trainer.id and entry.details["before"] == 0.0 and entry.details["after"] == 1.0
    refused = client.post(f"/quizzes/manage/responses/{response.id}/override", data={"score": "5", "reason": "x"})
    assert refused.status_code == 400


def test_regrade_after_fixing_a_key_keeps_overrides(client, db, make, quiz, trainer, login_as):
    attempt = _take(db, make, quiz, {"basin": 1, "ph": "7"})
    assert attempt.score == 1.0
    login_as(trainer)
    question = db.scalar(select(Question).where(Question.quiz_id == quiz.id, Question.key == "basin"))
    fixed = (
        "id: basin\nkind: single_choice\nprompt: Which unit?\noptions:\n"
        "  - text: The river basin\n  - text: The region\n    correct: true\n"
    )
    saved = client.post(f"/quizzes/manage/questions/{question.id}/edit", data={"definition": fixed})
    assert saved.status_code == 302
    assert client.post(f"/quizzes/manage/{quiz.id}/regrade").status_code == 302
    db.expire_all()
    assert db.get(QuizAttempt, attempt.id).score == 2.0
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "quiz.regraded")) is not None


def test_an_invalid_question_is_not_saved_and_says_why(client, db, quiz, trainer, login_as):
    login_as(trainer)
    question = db.scalar(select(Question).where(Question.quiz_id == quiz.id, Question.key == "basin"))
    before = dict(question.definition)
    broken = "id: basin\nkind: single_choice\nprompt: Which?\noptions:\n  - text: Only one\n"
    page = client.post(f"/quizzes/manage/questions/{question.id}/edit", data={"definition": broken})
    assert page.status_code == 400
    assert "options" in page.get_data(as_text=True)
    renamed = client.post(f"/quizzes/manage/questions/{question.id}/edit", data={"definition": "id: other\n"})
    assert renamed.status_code == 400
    db.expire_all()
    assert db.get(Question, question.id).definition == before


def test_settings_are_edited_in_the_browser(client, db, quiz, trainer, login_as):
    login_as(trainer)
    assert client.get(f"/quizzes/manage/{quiz.id}/edit").status_code == 200
    data = {
        "title": "Renamed",
        "pass_mark": "80",
        "attempts_allowed": "2",
        "time_limit_minutes": "15",
        "draw": "",
        "review_when": "after_pass",
        "review_show": ["score", "answer"],
        "required": "y",
    }
    assert client.post(f"/quizzes/manage/{quiz.id}/edit", data=data).status_code == 302
    db.expire_all()
    assert (quiz.title, quiz.pass_mark, quiz.time_limit_minutes, quiz.review_show) == (
        "Renamed",
        80,
        15,
        ["score", "answer"],
    )
    too_many = dict(data, draw="9")
    assert client.post(f"/quizzes/manage/{quiz.id}/edit", data=too_many).status_code == 400


def test_course_quiz_list_for_trainers(client, quiz, trainer, login_as):
    login_as(trainer)
    page = client.get(f"/quizzes/manage/courses/{quiz.module.course_id}")
    assert page.status_code == 200 and quiz.title in page.get_data(as_text=True)


def test_course_quiz_list_query_count_is_flat(client, db, make, quiz, trainer, login_as, count_queries):
    login_as(trainer)
    course = quiz.module.course
    url = f"/quizzes/manage/courses/{course.id}"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for _ in range(3):
        other = make.quiz(module=make.module(course=course))
        _take(db, make, other, {"basin": 0})
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert few.count == many.count
