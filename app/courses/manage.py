"""Trainer pages: create courses, arrange modules and lessons, edit lessons with revisions, images."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.models import Role
from app.auth.policy import authorize, role_required
from app.courses.forms import (
    STATUS_LABELS,
    ConfirmForm,
    CourseSettingsForm,
    ImageForm,
    NewCourseForm,
    NewItemForm,
    RenameForm,
)
from app.courses.models import Course, Lesson, Module
from app.courses.services import authoring
from app.courses.views import bp
from app.db import db
from app.errors import DomainError

STEPS = {"up": -1, "down": 1}


def editable_course(slug: str) -> Course:
    course = authoring.get_course_for_editing(db, slug)
    if course is None:
        abort(404)
    authorize(policy.can_edit_course, course)
    return course


def course_module(course: Course, module_id: int) -> Module:
    module = next((module for module in course.modules if module.id == module_id), None)
    return module if module is not None else abort(404)


def course_lesson(course: Course, lesson_id: int) -> Lesson:
    lessons = (lesson for module in course.modules for lesson in module.lessons)
    lesson = next((lesson for lesson in lessons if lesson.id == lesson_id), None)
    return lesson if lesson is not None else abort(404)


def _outline(course: Course, status: int = 200, **forms: object) -> tuple[str, int]:
    settings = forms.pop("settings", None) or CourseSettingsForm(obj=course, status=str(course.status))
    new_module = forms.pop("new_module", None) or NewItemForm(prefix="module")
    page = render_template(
        "courses/manage_course.html",
        course=course,
        settings=settings,
        new_module=new_module,
        new_lesson=NewItemForm(prefix="lesson"),
        rename=RenameForm(),
        image_form=ImageForm(),
        confirm=ConfirmForm(),
        status_labels=STATUS_LABELS,
        **forms,
    )
    return page, status


@bp.route("/manage/")
@role_required(Role.TRAINER)
def manage_index() -> str:
    every = policy.has_any_role(current_user, (Role.ADMIN,))
    courses = authoring.list_courses_for(db, current_user.id, every_course=every)
    return render_template("courses/manage_index.html", courses=courses, status_labels=STATUS_LABELS)


@bp.route("/manage/new", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def manage_new() -> Response | tuple[str, int]:
    form = NewCourseForm()
    if form.validate_on_submit():
        try:
            course = authoring.create_course(
                db,
                slug=form.slug.data,
                title=form.title.data,
                summary=form.summary.data,
                language=form.language.data,
                trainer_id=current_user.id,
            )
        except DomainError as error:
            form.slug.errors.append(error.message)
            return render_template("courses/manage_new.html", form=form), 400
        db.commit()
        flash(_("Course created as a draft. Add modules and lessons, then publish it."), "success")
        return redirect(url_for("courses.manage_course", slug=course.slug))
    return render_template("courses/manage_new.html", form=form), 400 if form.errors else 200


@bp.route("/manage/<slug>/", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def manage_course(slug: str) -> Response | tuple[str, int]:
    course = editable_course(slug)
    form = CourseSettingsForm(obj=course, status=str(course.status))
    if form.validate_on_submit():
        hours = float(form.estimated_hours.data) if form.estimated_hours.data else None
        authoring.update_course(
            course, title=form.title.data, summary=form.summary.data, status=form.status.data, estimated_hours=hours
        )
        db.commit()
        flash(_("Course settings saved."), "success")
        return redirect(url_for("courses.manage_course", slug=slug))
    return _outline(course, 400 if form.errors else 200, settings=form)


@bp.route("/manage/<slug>/modules", methods=["POST"])
@role_required(Role.TRAINER)
def add_module(slug: str) -> Response | tuple[str, int]:
    course = editable_course(slug)
    form = NewItemForm(prefix="module")
    if not form.validate_on_submit():
        return _outline(course, 400, new_module=form)
    authoring.add_module(db, course, slug=form.slug.data, title=form.title.data)
    db.commit()
    flash(_("Module added."), "success")
    return redirect(url_for("courses.manage_course", slug=slug))


@bp.route("/manage/<slug>/modules/<int:module_id>/rename", methods=["POST"])
@role_required(Role.TRAINER)
def rename_module(slug: str, module_id: int) -> Response:
    course = editable_course(slug)
    module = course_module(course, module_id)
    form = RenameForm()
    if form.validate_on_submit():
        authoring.rename_module(module, title=form.title.data)
        db.commit()
        flash(_("Module renamed."), "success")
    return redirect(url_for("courses.manage_course", slug=slug))


@bp.route("/manage/<slug>/modules/<int:module_id>/move/<any(up, down):direction>", methods=["POST"])
@role_required(Role.TRAINER)
def move_module(slug: str, module_id: int, direction: str) -> Response:
    course = editable_course(slug)
    module = course_module(course, module_id)
    if ConfirmForm().validate_on_submit():
        authoring.move_module(course, module, STEPS[direction])
        db.commit()
    return redirect(url_for("courses.manage_course", slug=slug, _anchor=f"module-{module.id}"))


@bp.route("/manage/<slug>/modules/<int:module_id>/lessons", methods=["POST"])
@role_required(Role.TRAINER)
def add_lesson(slug: str, module_id: int) -> Response | tuple[str, int]:
    course = editable_course(slug)
    module = course_module(course, module_id)
    form = NewItemForm(prefix="lesson")
    if not form.validate_on_submit():
        flash(_("A lesson needs a title and a short name of lower-case letters, digits and hyphens."), "error")
        return _outline(course, 400)
    lesson = authoring.add_lesson(
        db, course, module, slug=form.slug.data, title=form.title.data, author_id=current_user.id
    )
    db.commit()
    return redirect(url_for("courses.edit_lesson", slug=slug, lesson_id=lesson.id))


@bp.route("/manage/<slug>/lessons/<int:lesson_id>/move/<any(up, down):direction>", methods=["POST"])
@role_required(Role.TRAINER)
def move_lesson(slug: str, lesson_id: int, direction: str) -> Response:
    course = editable_course(slug)
    lesson = course_lesson(course, lesson_id)
    if ConfirmForm().validate_on_submit():
        authoring.move_lesson(lesson.module, lesson, STEPS[direction])
        db.commit()
    return redirect(url_for("courses.manage_course", slug=slug, _anchor=f"module-{lesson.module_id}"))


@bp.route("/manage/<slug>/images", methods=["POST"])
@role_required(Role.TRAINER)
def upload_image(slug: str) -> Response | tuple[str, int]:
    course = editable_course(slug)
    form = ImageForm()
    if not form.validate_on_submit():
        return _outline(course, 400, image_form=form)
    upload = form.image.data
    image = authoring.upload_image(
        db, course, name=upload.filename or "", data=upload.read(authoring.MAX_IMAGE_BYTES + 1)
    )
    db.commit()
    flash(_("Image stored. Paste this into a lesson: %(snippet)s", snippet=authoring.image_snippet(image)), "success")
    return redirect(url_for("courses.manage_course", slug=slug))
