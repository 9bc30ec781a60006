"""Downloads: participant list and attendance matrix (CSV, XLSX) and iCalendar files."""

from __future__ import annotations

from flask import Response, abort, request
from flask_babel import gettext as _

from app.auth.models import Role
from app.auth.policy import public, role_required, signed_in
from app.db import db, first_or_404, get_or_404, utcnow
from app.events import ics
from app.events.models import Event
from app.events.services import events as event_services
from app.events.services import exports as export_services
from app.events.views import bp
from app.exports import XLSX_MIMETYPE, Sheet, csv_lines, xlsx_chunks

FORMATS = ("csv", "xlsx")


def column_labels() -> dict[str, str]:
    return {
        "participants": _("Participants"),
        "attendance": _("Attendance"),
        "name": _("Name"),
        "latin": _("Latin spelling"),
        "organisation": _("Organisation"),
        "position": _("Position"),
        "country": _("Country"),
        "email": _("E-mail"),
        "phone": _("Phone"),
        "status": _("Status"),
        "role": _("Role in the event"),
        "consent": _("Public list"),
        "points": _("Points"),
        "share": _("Sessions attended (%)"),
    }


def _download(sheet: Sheet, filename: str, file_format: str) -> Response:
    if file_format not in FORMATS:
        abort(404)
    if file_format == "csv":
        response = Response(csv_lines(sheet), mimetype="text/csv; charset=utf-8")
    else:
        response = Response(xlsx_chunks([sheet]), mimetype=XLSX_MIMETYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@bp.route("/manage/<int:event_id>/participants.<file_format>")
@role_required(Role.COORDINATOR)
def export_participants(event_id: int, file_format: str) -> Response:
    event = get_or_404(Event, event_id)
    sheet = export_services.participants_sheet(db, event, labels=column_labels())
    return _download(sheet, f"event-{event.id}-participants", file_format)


@bp.route("/manage/<int:event_id>/attendance.<file_format>")
@role_required(Role.COORDINATOR)
def export_attendance(event_id: int, file_format: str) -> Response:
    event = first_or_404(event_services.event_with_sessions_query(event_id))
    sheet = export_services.attendance_matrix(db, event, labels=column_labels())
    return _download(sheet, f"event-{event.id}-attendance", file_format)


def _calendar_response(events: list[Event], filename: str, name: str | None = None) -> Response:
    text = ics.calendar(events, host=request.host.split(":")[0], stamp=utcnow(), name=name)
    response = Response(text, mimetype="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@bp.route("/<int:event_id>/event.ics")
@signed_in
def event_calendar(event_id: int) -> Response:
    return _calendar_response([get_or_404(Event, event_id)], f"event-{event_id}")


@bp.route("/upcoming.ics")
@public
def upcoming_calendar() -> Response:
    events = event_services.list_open_events(db, today=utcnow().date())
    return _calendar_response(events, "water-academy-events", name=_("Water Academy events"))
