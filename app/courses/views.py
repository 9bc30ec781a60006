"""Learner pages: catalogue, course page, lessons, enrolment, progress and my learning."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.policy import authorize, public, signed_in
from app.conditional import personal_response
from app.courses.forms import ConfirmForm
from app.courses.services import authoring, learning, progress
from app.db import db
from app.page_shells import render_shared

bp = Blueprint("courses", __name__)
#: the lesson page's template (also the key of its kept shells, which the fast lane looks up)
LESSON_TEMPLATE = "courses/lesson.html"
IMAGE_CACHE_SECONDS = 7 * 24 * 3600


def _load_lesson(slug: str, module_slug: str, lesson_slug: str):  # noqa: ANN202
    lesson = learning.get_lesson(db, slug, module_slug, lesson_slug)
    if lesson is None:
        abort(404)
    authorize(policy.can_view_lesson, lesson)
    return lesson


@bp.route("/")
@public
def catalogue() -> str:
    return render_template("courses/catalogue.html", entries=learning.list_catalogue(db))


@bp.route("/learning")
@signed_in
def my_learning() -> str:
    return render_template("courses/my_learning.html", rows=progress.list_my_learning(db, current_user.id))


@bp.route("/<slug>/")
@public
def detail(slug: str) -> str:
    course = learning.get_course_outline(db, slug)
    if course is None:
        abort(404)
    authorize(policy.can_view_course, course)
    signed = current_user.is_authenticated
    outline = learning.visible_outline(course, include_drafts=policy.can_edit_course(current_user, course))
    return render_template(
        "courses/detail.html",
        course=course,
        outline=outline,
        language=str(get_locale()),
        done=learning.done_lesson_ids(db, course.id, current_user.id) if signed else set(),
        enrolled=signed and learning.is_enrolled(db, course.id, current_user.id),
        form=ConfirmForm(),
    )


@bp.route("/<slug>/enrol", methods=["POST"])
@signed_in
def enrol(slug: str) -> Response:
    course = learning.get_course_outline(db, slug)
    if course is None:
        abort(404)
    authorize(policy.can_view_course, course)
    if ConfirmForm().validate_on_submit():
        learning.enrol(db, course, current_user.id)
        db.commit()
        flash(_("You are enrolled. Start with the first lesson."), "success")
    return redirect(url_for("courses.detail", slug=slug))


@bp.route("/<slug>/<module_slug>/<lesson_slug>")
@signed_in
def lesson(slug: str, module_slug: str, lesson_slug: str) -> Response:
    page = progress.load_lesson_page(db, (slug, module_slug, lesson_slug), current_user.id, str(get_locale()))
    if page is None:
        abort(404)
    authorize(policy.can_view_lesson, page.lesson)
    flashing = "_flashes" in session  # checked before rendering: rendering takes the messages
    html = render_shared(LESSON_TEMPLATE, page, page=page, course=page.lesson.module.course)
    return personal_response(html, flashing=flashing)


@bp.route("/<slug>/<module_slug>/<lesson_slug>/done", methods=["POST"])
@signed_in
def mark_done(slug: str, module_slug: str, lesson_slug: str) -> Response:
    lesson = _load_lesson(slug, module_slug, lesson_slug)
    if ConfirmForm().validate_on_submit():
        learning.mark_done(db, lesson, current_user.id)
        db.commit()
        flash(_("Lesson marked as done."), "success")
    return redirect(url_for("courses.lesson", slug=slug, module_slug=module_slug, lesson_slug=lesson_slug))


@bp.route("/<slug>/<module_slug>/<lesson_slug>/next", methods=["POST"])
@signed_in
def finish_lesson(slug: str, module_slug: str, lesson_slug: str) -> Response:
    """The "next lesson" button at the end of a lesson: reaching it marks the lesson done."""
    lesson = _load_lesson(slug, module_slug, lesson_slug)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("courses.lesson", slug=slug, module_slug=module_slug, lesson_slug=lesson_slug))
    following = progress.finish_lesson(db, lesson, current_user.id)
    db.commit()
    if following is None:
        flash(_("Lesson marked as done."), "success")
        return redirect(url_for("courses.detail", slug=slug))
    return redirect(url_for("courses.lesson", slug=slug, module_slug=following.module_slug, lesson_slug=following.slug))


@bp.route("/<slug>/images/<name>")
@public
def image(slug: str, name: str) -> Response:
    stored = authoring.get_image(db, slug, f"images/{name}")
    if stored is None:
        abort(404)
    response = Response(stored.data, mimetype=stored.mime)
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["Cache-Control"] = f"public, max-age={IMAGE_CACHE_SECONDS}"
    response.set_etag(stored.sha256)
    return response
