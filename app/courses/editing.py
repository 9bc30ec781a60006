"""Trainer pages for one lesson: the editor with preview, revision history, compare and restore."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.courses.forms import ConfirmForm, LessonForm
from app.courses.manage import course_lesson, editable_course
from app.courses.models import Course, Lesson
from app.courses.services import authoring
from app.courses.views import bp
from app.db import db
from app.errors import DomainError


def _editor(
    course: Course, lesson: Lesson, form: LessonForm, preview: Markup | None = None, status: int = 200
) -> tuple[str, int]:
    page = render_template("courses/edit_lesson.html", course=course, lesson=lesson, form=form, preview=preview)
    return page, status


def _save(course: Course, lesson: Lesson, form: LessonForm) -> None:
    authoring.save_lesson(
        db,
        course,
        lesson,
        title=form.title.data,
        markdown_text=form.markdown.data or "",
        estimated_minutes=form.estimated_minutes.data,
        publish=bool(form.publish.data),
        version=form.version.data,
        author_id=current_user.id,
    )


@bp.route("/manage/<slug>/lessons/<int:lesson_id>", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def edit_lesson(slug: str, lesson_id: int) -> Response | tuple[str, int]:
    course = editable_course(slug)
    lesson = course_lesson(course, lesson_id)
    form = LessonForm(obj=lesson, version=lesson.version)
    if not form.validate_on_submit():
        return _editor(course, lesson, form, status=400 if form.errors else 200)
    if form.preview.data:
        preview = authoring.preview_lesson(course, lesson.module, form.markdown.data or "")
        return _editor(course, lesson, form, preview=preview)
    try:
        _save(course, lesson, form)
    except DomainError as error:
        db.rollback()
        flash(error.message, "error")
        return _editor(course, lesson, form, status=error.status_code)
    db.commit()
    flash(_("Lesson saved and published.") if form.publish.data else _("Lesson saved as a draft."), "success")
    return redirect(url_for("courses.edit_lesson", slug=slug, lesson_id=lesson.id))


@bp.route("/manage/<slug>/lessons/<int:lesson_id>/history")
@role_required(Role.TRAINER)
def lesson_history(slug: str, lesson_id: int) -> str:
    course = editable_course(slug)
    lesson = course_lesson(course, lesson_id)
    revisions = authoring.list_revisions(db, lesson)
    return render_template(
        "courses/lesson_history.html", course=course, lesson=lesson, revisions=revisions, form=ConfirmForm()
    )


@bp.route("/manage/<slug>/lessons/<int:lesson_id>/compare")
@role_required(Role.TRAINER)
def compare_revisions(slug: str, lesson_id: int) -> str:
    course = editable_course(slug)
    lesson = course_lesson(course, lesson_id)
    old = authoring.get_revision(db, lesson, request.args.get("old", 0, type=int))
    new = authoring.get_revision(db, lesson, request.args.get("new", 0, type=int))
    diff = authoring.compare_revisions(old, new)
    return render_template("courses/compare_revisions.html", course=course, lesson=lesson, diff=diff, old=old, new=new)


@bp.route("/manage/<slug>/lessons/<int:lesson_id>/revisions/<int:number>/restore", methods=["POST"])
@role_required(Role.TRAINER)
def restore_revision(slug: str, lesson_id: int, number: int) -> Response:
    course = editable_course(slug)
    lesson = course_lesson(course, lesson_id)
    if ConfirmForm().validate_on_submit():
        revision = authoring.get_revision(db, lesson, number)
        authoring.restore_revision(db, course, lesson, revision, author_id=current_user.id)
        db.commit()
        flash(_("Revision %(number)s restored as a new revision.", number=number), "success")
    return redirect(url_for("courses.lesson_history", slug=slug, lesson_id=lesson.id))
