"""Taking a quiz through the services: draw, save, submit once, time limits, attempts, completion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from app.courses.services.progress import completion_requirements
from app.quizzes import services
from app.quizzes.models import QuizAttempt, QuizResponse, ReviewWhen
from app.quizzes.services.review import learner_view
from tests.quizzes.samples import ALL_KINDS, right_form_answers

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture()
def learner(make):
    return make.user()


@pytest.fixture()
def quiz(make):
    return make.quiz(questions=ALL_KINDS, pass_mark=70)


def _right_answers(db, attempt, quiz):
    questions = services.shown_questions(db, attempt, quiz)
    return right_form_answers({question.key: question.view for question in questions})


def test_start_attempt_draws_every_question_and_resumes_the_open_one(db, quiz, learner):
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    assert attempt.number == 1
    assert attempt.question_keys == [question["id"] for question in ALL_KINDS]
    assert services.start_attempt(db, quiz, learner.id, now=NOW + timedelta(minutes=5)) is attempt


def test_draw_takes_n_of_the_pool_and_shuffles_by_seed(make):
    quiz = make.quiz(questions=ALL_KINDS, draw=3, shuffle_questions=True)
    drawn = services.draw_questions(quiz, 12345)
    assert len(drawn) == 3 and len(set(drawn)) == 3
    assert drawn == services.draw_questions(quiz, 12345)
    draws = {tuple(services.draw_questions(quiz, seed)) for seed in range(40)}
    assert len(draws) > 10


def test_full_marks_pass_and_partial_credit_is_summed(db, quiz, learner):
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    answers = _right_answers(db, attempt, quiz)
    answers["nutrients"] = [0, 2]  # one right, one wrong: 1/2 - 1/1 -> clamped to 0
    services.submit_attempt(db, attempt, answers, now=NOW + timedelta(minutes=1))
    assert attempt.score == pytest.approx(6.0)
    assert attempt.max_score == 7.0
    assert attempt.passed is True
    responses = db.scalars(select(QuizResponse).where(QuizResponse.attempt_id == attempt.id)).all()
    assert len(responses) == 7 and sum(response.is_correct for response in responses) == 6


def test_submitting_twice_grades_once_even_with_a_stale_copy(db, quiz, learner):
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.submit_attempt(db, attempt, _right_answers(db, attempt, quiz), now=NOW + timedelta(minutes=1))
    db.commit()
    first = (attempt.submitted_at, attempt.score)
    # A second tab holds the attempt as it was before the first submit: only the database can refuse it.
    set_committed_value(attempt, "submitted_at", None)
    with pytest.raises(services.AttemptClosed):
        services.submit_attempt(db, attempt, {"basin-unit": 1}, now=NOW + timedelta(minutes=2))
    db.rollback()
    stored = db.get(QuizAttempt, attempt.id)
    db.refresh(stored)
    assert (stored.submitted_at, stored.score) == first


def test_saving_after_submission_is_refused(db, quiz, learner):
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.submit_attempt(db, attempt, {}, now=NOW)
    with pytest.raises(services.AttemptClosed):
        services.save_answers(db, attempt, {"basin-unit": 0}, now=NOW)


def test_save_keeps_answers_and_reports_unreadable_ones(db, quiz, learner):
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    problems = services.save_answers(db, attempt, {"nitrate-limit": "about fifty", "basin-unit": 0}, now=NOW)
    assert set(problems) == {"nitrate-limit"}
    saved = {view.key: view.answer for view in services.shown_questions(db, attempt, quiz)}
    assert saved["nitrate-limit"] == "about fifty" and saved["basin-unit"] == 0


def test_late_submission_grades_only_what_was_saved_in_time(db, make, learner):
    quiz = make.quiz(questions=ALL_KINDS[:2], time_limit_minutes=10)
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    assert attempt.deadline_at == NOW + timedelta(minutes=10)
    services.save_answers(db, attempt, {"basin-unit": 0}, now=NOW + timedelta(minutes=9))
    late = NOW + timedelta(minutes=11)
    with pytest.raises(services.AttemptClosed):
        services.save_answers(db, attempt, {"nutrients": [0, 1]}, now=late)
    services.submit_attempt(db, attempt, {"basin-unit": 0, "nutrients": [0, 1]}, now=late)
    assert attempt.is_late is True
    assert attempt.score == 1.0  # the unsaved right answer to "nutrients" was not graded


def test_an_expired_open_attempt_is_graded_when_the_next_one_starts(db, make, learner):
    quiz = make.quiz(time_limit_minutes=5)
    first = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.save_answers(db, first, {"basin": 0}, now=NOW)
    second = services.start_attempt(db, quiz, learner.id, now=NOW + timedelta(hours=1))
    assert second.number == 2
    assert first.is_submitted and first.is_late and first.score == 1.0


def test_attempts_allowed_is_enforced(db, make, learner):
    quiz = make.quiz(attempts_allowed=1)
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.submit_attempt(db, attempt, {}, now=NOW)
    with pytest.raises(services.AttemptsExhausted):
        services.start_attempt(db, quiz, learner.id, now=NOW)


def test_archived_quiz_cannot_be_started(db, make, learner):
    quiz = make.quiz(is_archived=True)
    with pytest.raises(services.QuizUnavailable):
        services.start_attempt(db, quiz, learner.id, now=NOW)


def test_learner_view_has_no_answers(quiz):
    for question in quiz.questions:
        view = learner_view(question, seed=7, shuffle_options=True)
        text = repr(view)
        assert "correct" not in text and "SECRET" not in text and "answers" not in view


@pytest.mark.parametrize(
    ("when", "passed_first", "expected"),
    [
        (ReviewWhen.AFTER_ATTEMPT, False, True),
        (ReviewWhen.NEVER, True, False),
        (ReviewWhen.AFTER_PASS, False, False),
        (ReviewWhen.AFTER_PASS, True, True),
        (ReviewWhen.AFTER_CLOSE, False, True),
    ],
)
def test_review_policy_decides_when_a_review_is_shown(db, make, learner, when, passed_first, expected):
    quiz = make.quiz(review_when=when, attempts_allowed=1, review_show=["score", "answer"])
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.submit_attempt(db, attempt, {"basin": 0, "ph": "7"} if passed_first else {}, now=NOW)
    review = services.build_review(db, attempt)
    assert review.allowed is expected
    if expected:
        assert review.items[0].right_answer == ["The river basin"]
        assert review.items[0].feedback == []  # allowed to show, but "feedback" was not chosen
        assert "feedback" not in review.show


def test_required_quiz_is_a_completion_requirement_until_passed(db, make, learner):
    quiz = make.quiz(required=True)
    course = quiz.module.course
    assert [item.met for item in completion_requirements(db, course, learner.id)] == [False]
    assert not services.required_quizzes_passed(db, learner.id, course.id)
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.submit_attempt(db, attempt, {"basin": 0, "ph": "7,0"}, now=NOW)
    assert [item.met for item in completion_requirements(db, course, learner.id)] == [True]
    assert services.required_quizzes_passed(db, learner.id, course.id)


def test_submission_grades_saved_answers_the_form_did_not_repeat(db, make, learner):
    quiz = make.quiz()
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    services.save_answers(db, attempt, {"basin": 0, "ph": "3"}, now=NOW)
    services.submit_attempt(db, attempt, {"ph": "7"}, now=NOW)
    db.commit()
    responses = {
        response.question.key: response
        for response in db.scalars(select(QuizResponse).where(QuizResponse.attempt_id == attempt.id))
    }
    assert (responses["basin"].answer, responses["basin"].score) == (0, 1.0)
    assert (responses["ph"].answer, responses["ph"].score) == ("7", 1.0)
    assert attempt.score == 2.0 and attempt.passed
