"""Trainer pages: results and item analysis, export, grade override, regrade, and editing quizzes."""

from __future__ import annotations

from flask import Response as FlaskResponse
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.models import Role
from app.auth.policy import authorize, role_required
from app.courses.models import Course
from app.db import db, get_or_404
from app.exports import XLSX_MIMETYPE, csv_lines, xlsx_chunks
from app.quizzes import services
from app.quizzes.forms import ActionForm, OverrideForm, QuestionForm, QuizSettingsForm
from app.quizzes.models import Question, QuizResponse
from app.quizzes.services import authoring, results
from app.quizzes.views import bp


def _managed_quiz(quiz_id: int):  # noqa: ANN202
    quiz = services.load_quiz(db, quiz_id) or abort(404)
    authorize(policy.can_manage_quiz, quiz)
    return quiz


@bp.route("/manage/courses/<int:course_id>")
@role_required(Role.TRAINER)
def manage_course_quizzes(course_id: int) -> str:
    course = get_or_404(Course, course_id)
    authorize(policy.can_edit_course, course)
    summaries = results.course_quiz_summaries(db, course.id)
    return render_template("quizzes/manage_course.html", course=course, summaries=summaries)


@bp.route("/manage/<int:quiz_id>/results")
@role_required(Role.TRAINER)
def manage_results(quiz_id: int) -> str:
    quiz = _managed_quiz(quiz_id)
    return render_template(
        "quizzes/manage_results.html",
        quiz=quiz,
        summary=results.quiz_summary(db, quiz),
        attempts=results.list_quiz_attempts(db, quiz),
        statistics=results.question_statistics(db, quiz),
        form=ActionForm(),
    )


@bp.route("/manage/<int:quiz_id>/results.<any(csv, xlsx):file_format>")
@role_required(Role.TRAINER)
def export_results(quiz_id: int, file_format: str) -> FlaskResponse:
    quiz = _managed_quiz(quiz_id)
    sheet = results.results_sheet(db, quiz)
    disposition = {"Content-Disposition": f'attachment; filename="{quiz.slug}-results.{file_format}"'}
    if file_format == "csv":
        return FlaskResponse(list(csv_lines(sheet)), mimetype="text/csv", headers=disposition)
    return FlaskResponse(list(xlsx_chunks([sheet])), mimetype=XLSX_MIMETYPE, headers=disposition)


@bp.route("/manage/attempts/<int:attempt_id>")
@role_required(Role.TRAINER)
def manage_attempt(attempt_id: int) -> str:
    attempt = services.load_attempt(db, attempt_id) or abort(404)
    authorize(policy.can_manage_quiz, attempt.quiz)
    responses = results.attempt_responses(db, attempt)
    return render_template(
        "quizzes/manage_attempt.html", attempt=attempt, quiz=attempt.quiz, responses=responses, form=OverrideForm()
    )


@bp.route("/manage/responses/<int:response_id>/override", methods=["POST"])
@role_required(Role.TRAINER)
def override(response_id: int) -> Response:
    response = get_or_404(QuizResponse, response_id)
    authorize(policy.can_manage_quiz, response.attempt.quiz)
    form = OverrideForm()
    if not form.validate_on_submit():
        flash(_("Give a score of at least 0 and a reason."), "error")
    else:
        results.override_score(db, response, score=form.score.data, reason=form.reason.data, actor_id=current_user.id)
        db.commit()
        flash(_("The score was changed and the change recorded."), "success")
    return redirect(url_for("quizzes.manage_attempt", attempt_id=response.attempt_id))


@bp.route("/manage/<int:quiz_id>/regrade", methods=["POST"])
@role_required(Role.TRAINER)
def regrade(quiz_id: int) -> Response:
    quiz = _managed_quiz(quiz_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    changed = results.regrade_quiz(db, quiz, actor_id=current_user.id)
    db.commit()
    flash(_("All attempts were graded again; %(count)s results changed.", count=changed), "success")
    return redirect(url_for("quizzes.manage_results", quiz_id=quiz.id))


@bp.route("/manage/<int:quiz_id>/edit", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def manage_edit(quiz_id: int) -> Response | tuple[str, int]:
    quiz = _managed_quiz(quiz_id)
    form = QuizSettingsForm(obj=quiz)
    if form.validate_on_submit():
        settings = authoring.QuizSettings(**{name: form[name].data for name in authoring.SETTING_FIELDS})
        try:
            authoring.update_settings(db, quiz, settings, actor_id=current_user.id)
        except services.InvalidQuestion as error:
            form.draw.errors = [error.message]
        else:
            db.commit()
            flash(_("The quiz settings are saved."), "success")
            return redirect(url_for("quizzes.manage_edit", quiz_id=quiz.id))
    status = 400 if form.errors else 200
    return render_template("quizzes/manage_edit.html", quiz=quiz, form=form), status


@bp.route("/manage/questions/<int:question_id>/edit", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def manage_question(question_id: int) -> Response | tuple[str, int]:
    question = get_or_404(Question, question_id)
    authorize(policy.can_manage_quiz, question.quiz)
    form = QuestionForm(data={"definition": authoring.question_yaml(question)})
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            authoring.update_question(db, question, form.definition.data, actor_id=current_user.id)
        except services.InvalidQuestion as error:
            form.definition.errors = [error.message]
            problems = error.problems
        else:
            db.commit()
            flash(_("The question is saved. Use “Grade all attempts again” if you changed its key."), "success")
            return redirect(url_for("quizzes.manage_edit", quiz_id=question.quiz_id))
    status = 400 if form.errors else 200
    return render_template("quizzes/manage_question.html", question=question, form=form, problems=problems), status
