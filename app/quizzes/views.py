"""Learner pages: a quiz, an attempt (save and submit), its result, my attempts in a course."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.policy import authorize, signed_in
from app.courses.models import Course
from app.db import db, first_or_404, utcnow
from app.quizzes import services
from app.quizzes import sync as _sync  # noqa: F401  (registers quiz sync and export with content)
from app.quizzes.forms import READ_WITH_VIEW, ActionForm, ordering_ranks, read_answers
from app.quizzes.models import Quiz, QuizAttempt
from app.quizzes.services import completion as _completion  # noqa: F401  (registers the completion rule)

bp = Blueprint("quizzes", __name__)


def _quiz_for_learner(quiz_id: int) -> Quiz:
    quiz = services.load_quiz(db, quiz_id) or abort(404)
    authorize(policy.can_take_quiz, quiz, services.get_enrolment(db, current_user.id, quiz.module.course_id))
    return quiz


def _texts(quiz: Quiz) -> services.QuizTexts:
    """The quiz's texts in the reader's language (the course language, with a note, when untranslated)."""
    return services.quiz_texts(quiz, str(get_locale()), quiz.module.course.language)


def _attempt_for_owner(attempt_id: int) -> QuizAttempt:
    attempt = services.load_attempt(db, attempt_id, for_staff=False) or abort(404)
    authorize(policy.can_answer_attempt, attempt)
    return attempt


@bp.route("/<int:quiz_id>")
@signed_in
def detail(quiz_id: int) -> str:
    quiz = _quiz_for_learner(quiz_id)
    attempts = services.list_attempts(db, quiz.id, current_user.id)
    return render_template(
        "quizzes/detail.html",
        quiz=quiz,
        texts=_texts(quiz),
        attempts=attempts,
        attempts_left=services.attempts_left(quiz, attempts),
        open_attempt=next((attempt for attempt in attempts if not attempt.is_submitted), None),
        form=ActionForm(),
    )


@bp.route("/<int:quiz_id>/start", methods=["POST"])
@signed_in
def start(quiz_id: int) -> Response:
    quiz = _quiz_for_learner(quiz_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    attempt = services.start_attempt(db, quiz, current_user.id)
    db.commit()
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>")
@signed_in
def attempt(attempt_id: int) -> Response | tuple[str, int]:
    attempt = _attempt_for_owner(attempt_id)
    if attempt.is_submitted:
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    return _render_attempt(attempt, problems={})


def _render_attempt(attempt: QuizAttempt, problems: dict[str, str], status: int = 200) -> tuple[str, int]:
    texts = _texts(attempt.quiz)
    questions = services.shown_questions(db, attempt, attempt.quiz, texts=texts)
    page = render_template(
        "quizzes/attempt.html",
        attempt=attempt,
        quiz=attempt.quiz,
        texts=texts,
        questions=questions,
        problems=problems,
        time_is_up=services.is_expired(attempt, utcnow()),
        ordering_ranks=ordering_ranks,
        form=ActionForm(),
    )
    return page, status


@bp.route("/attempts/<int:attempt_id>/save", methods=["POST"])
@signed_in
def save(attempt_id: int) -> Response | tuple[str, int]:
    attempt = _attempt_for_owner(attempt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    answers = read_answers(
        services.answer_fields(attempt, services.ordered_questions(db, attempt), READ_WITH_VIEW), request.form
    )
    db.commit()  # end the read snapshot: the conditional UPDATE below must open the write transaction
    try:
        problems = services.save_answers(db, attempt, answers)
    except services.AttemptClosed as error:
        flash(error.message, "error")
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    db.commit()
    if problems:
        flash(_("Your answers were saved, but some need fixing before you submit."), "error")
        return _render_attempt(attempt, problems, status=400)
    flash(_("Your answers are saved. You can come back and finish later."), "success")
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@signed_in
def submit(attempt_id: int) -> Response:
    loaded = services.load_for_submission(db, attempt_id) or abort(404)
    attempt, questions = loaded
    authorize(policy.can_answer_attempt, attempt)
    # No form object: CSRFProtect has checked this POST's token before any view runs.
    answers = read_answers(services.answer_fields(attempt, questions, READ_WITH_VIEW), request.form)
    prepared = services.prepare_submission(db, attempt, answers, questions=questions)
    db.commit()  # end the read snapshot: the conditional UPDATE below must open the write transaction
    try:
        services.record_submission(db, attempt, prepared)
    except services.AttemptClosed as error:
        db.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    db.commit()
    return redirect(url_for("quizzes.result", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/result")
@signed_in
def result(attempt_id: int) -> Response | str:
    attempt = services.load_attempt(db, attempt_id) or abort(404)
    authorize(policy.can_view_attempt, attempt)
    if not attempt.is_submitted:
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    texts = _texts(attempt.quiz)
    review = services.build_review(db, attempt, texts)
    return render_template("quizzes/result.html", attempt=attempt, quiz=attempt.quiz, texts=texts, review=review)


@bp.route("/course/<slug>")
@signed_in
def my_results(slug: str) -> str:
    course = first_or_404(select(Course).where(Course.slug == slug))
    authorize(policy.can_view_course, course)
    rows = services.my_course_results(db, current_user.id, course.id)
    language = str(get_locale())
    titles = {row.quiz.id: services.quiz_texts(row.quiz, language, course.language).title for row in rows}
    return render_template("quizzes/my_results.html", course=course, rows=rows, quiz_titles=titles)
