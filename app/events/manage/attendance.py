"""Coordinator pages: the attendance sheet of one session, made for a tablet at the door."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import db, get_or_404
from app.events import forms
from app.events.models import EventSession, Person
from app.events.services import attendance as attendance_services
from app.events.views import bp


def _sheet_url(event_session: EventSession, anchor: str | None = None) -> str:
    search = request.form.get("q", "")[:200]
    return url_for("events.attendance_sheet", session_id=event_session.id, q=search or None, _anchor=anchor)


def _render_sheet(event_session: EventSession, walk_in_form: forms.WalkInForm) -> str:
    search = request.args.get("q", request.form.get("q", ""))[:200]
    rows = attendance_services.attendance_sheet(db, event_session, search=search)
    return render_template(
        "events/attendance.html",
        event_session=event_session,
        event=event_session.event,
        rows=rows,
        counts=attendance_services.status_counts(rows),
        search=search,
        mark_form=forms.MarkForm(),
        walk_in_form=walk_in_form,
        labels=forms.ATTENDANCE_LABELS,
    )


@bp.route("/manage/sessions/<int:session_id>/attendance")
@role_required(Role.COORDINATOR)
def attendance_sheet(session_id: int) -> str:
    event_session = get_or_404(EventSession, session_id)
    return _render_sheet(event_session, forms.WalkInForm(prefix="walkin"))


@bp.route("/manage/sessions/<int:session_id>/attendance/mark", methods=["POST"])
@role_required(Role.COORDINATOR)
def mark_attendance(session_id: int) -> Response | tuple[Response, int]:
    event_session = get_or_404(EventSession, session_id)
    form = forms.MarkForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    if not form.validate_on_submit():
        if wants_json:
            return jsonify(error=_("The mark was not saved: reload the page and try again.")), 400
        flash(_("The mark was not saved: reload the page and try again."), "error")
        return redirect(_sheet_url(event_session))
    person = get_or_404(Person, int(form.person_id.data))
    attendance = attendance_services.record_attendance(
        db, event_session, person, form.status.data, actor_id=current_user.id
    )
    db.commit()
    if wants_json:
        return jsonify(person_id=person.id, status=attendance.status.value)
    return redirect(_sheet_url(event_session, anchor=f"person-{person.id}"))


@bp.route("/manage/sessions/<int:session_id>/attendance/walk-in", methods=["POST"])
@role_required(Role.COORDINATOR)
def add_walk_in(session_id: int) -> Response | tuple[str, int]:
    event_session = get_or_404(EventSession, session_id)
    form = forms.WalkInForm(prefix="walkin")
    if not form.validate_on_submit():
        return _render_sheet(event_session, form), 400
    values = {name: form[name].data for name in ("full_name", "position", "email", "phone")}
    attendance = attendance_services.add_walk_in(db, event_session, actor_id=current_user.id, person_values=values)
    db.commit()
    flash(_("%(name)s added and marked present.", name=values["full_name"]), "success")
    return redirect(_sheet_url(event_session, anchor=f"person-{attendance.person_id}"))
