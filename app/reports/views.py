"""Report pages for coordinators and admins: the dashboard, one event, one course, and a printable summary."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.courses.models import Course
from app.db import db, get_or_404
from app.events.models import Event
from app.quizzes.models import Quiz
from app.reports import forms, pages
from app.reports.cells import Cells
from app.reports.services import links
from app.reports.services.dashboard import list_event_countries

#: events listed on the dashboard and the printable summary; the exports list every event
DASHBOARD_EVENT_ROWS = 25

bp = Blueprint("reports", __name__)


def cells() -> Cells:
    return Cells(int(current_app.config.get("REPORTS_MIN_CELL_SIZE", 3)))


def filter_form() -> forms.FilterForm:
    return forms.FilterForm(list_event_countries(db), formdata=request.args)


@bp.route("/")
@role_required(Role.COORDINATOR)
def dashboard() -> tuple[str, int] | str:
    form = filter_form()
    if not form.validate():
        return render_template("reports/dashboard.html", form=form, report=None), 400
    report = pages.build_dashboard(db, form.filters(), cells(), event_limit=DASHBOARD_EVENT_ROWS)
    return render_template("reports/dashboard.html", form=form, report=report)


@bp.route("/summary")
@role_required(Role.COORDINATOR)
def summary() -> tuple[str, int] | str:
    form = filter_form()
    if not form.validate():
        return render_template("reports/dashboard.html", form=form, report=None), 400
    report = pages.build_dashboard(db, form.filters(), cells(), event_limit=DASHBOARD_EVENT_ROWS)
    return render_template("reports/summary.html", form=form, report=report)


@bp.route("/events/<int:event_id>")
@role_required(Role.COORDINATOR)
def event_report(event_id: int) -> str:
    event = get_or_404(Event, event_id)
    return _render_event(event)


def _render_event(event: Event, link_form: forms.LinkCourseForm | None = None) -> str:
    link_form = link_form or forms.LinkCourseForm()
    link_form.course_id.choices = links.course_choices(db)
    assessments = links.assessments(db, event)
    assessment_form = forms.AssessmentForm(
        pre_quiz_id=getattr(assessments.get("pre"), "id", forms.NONE_CHOSEN),
        post_quiz_id=getattr(assessments.get("post"), "id", forms.NONE_CHOSEN),
    )
    assessment_form.set_choices(links.quiz_choices(db))
    return render_template(
        "reports/event.html",
        event=event,
        report=pages.build_event_report(db, event, cells()),
        courses=links.linked_courses(db, event),
        assessments=assessments,
        link_form=link_form,
        assessment_form=assessment_form,
        confirm_form=forms.ConfirmForm(),
    )


@bp.route("/events/<int:event_id>/courses", methods=["POST"])
@role_required(Role.COORDINATOR)
def link_course(event_id: int) -> Response | tuple[str, int]:
    event = get_or_404(Event, event_id)
    form = forms.LinkCourseForm()
    form.course_id.choices = links.course_choices(db)
    if not form.validate_on_submit():
        return _render_event(event, form), 400
    course = get_or_404(Course, form.course_id.data)
    links.link_course(db, event, course, actor_id=current_user.id)
    db.commit()
    flash(_("“%(course)s” is linked to this event.", course=course.title), "success")
    return redirect(url_for("reports.event_report", event_id=event.id))


@bp.route("/events/<int:event_id>/courses/<int:course_id>/unlink", methods=["POST"])
@role_required(Role.COORDINATOR)
def unlink_course(event_id: int, course_id: int) -> Response:
    event, course = get_or_404(Event, event_id), get_or_404(Course, course_id)
    if forms.ConfirmForm().validate_on_submit():
        links.unlink_course(db, event, course, actor_id=current_user.id)
        db.commit()
        flash(_("“%(course)s” is no longer linked to this event.", course=course.title), "success")
    return redirect(url_for("reports.event_report", event_id=event.id))


@bp.route("/events/<int:event_id>/assessments", methods=["POST"])
@role_required(Role.COORDINATOR)
def set_assessments(event_id: int) -> Response | tuple[str, int]:
    event = get_or_404(Event, event_id)
    form = forms.AssessmentForm()
    form.set_choices(links.quiz_choices(db))
    if not form.validate_on_submit():
        return _render_event(event), 400
    pre, post = (
        db.get(Quiz, quiz_id) if quiz_id else None for quiz_id in (form.pre_quiz_id.data, form.post_quiz_id.data)
    )
    links.set_assessments(db, event, pre=pre, post=post, actor_id=current_user.id)
    db.commit()
    flash(_("Pre-test and post-test saved."), "success")
    return redirect(url_for("reports.event_report", event_id=event.id))


@bp.route("/courses/<int:course_id>")
@role_required(Role.COORDINATOR)
def course_report(course_id: int) -> str:
    course = get_or_404(Course, course_id)
    return render_template("reports/course.html", course=course, report=pages.build_course_report(db, course, cells()))
