"""Coordinator pages: the rotating self check-in code of a session, shown on a screen at the venue."""

from __future__ import annotations

import io

import segno
from flask import current_app, render_template, url_for
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import get_or_404
from app.events.models import EventSession
from app.events.services import checkin as checkin_services
from app.events.views import bp, events_timezone


def _check_in_link(code: str) -> str:
    return url_for("events.check_in", code=code, _external=True)


@bp.route("/manage/sessions/<int:session_id>/checkin-code")
@role_required(Role.COORDINATOR)
def checkin_code(session_id: int) -> str:
    event_session = get_or_404(EventSession, session_id)
    code = checkin_services.current_code(current_app.config["SECRET_KEY"], event_session)
    return render_template(
        "events/checkin_code.html",
        event_session=event_session,
        event=event_session.event,
        code=code,
        link=_check_in_link(code.text),
        hours=checkin_services.check_in_hours(event_session, events_timezone()),
    )


@bp.route("/manage/sessions/<int:session_id>/checkin-code.svg")
@role_required(Role.COORDINATOR)
def checkin_code_image(session_id: int) -> Response:
    event_session = get_or_404(EventSession, session_id)
    code = checkin_services.current_code(current_app.config["SECRET_KEY"], event_session)
    svg = io.BytesIO()
    segno.make(_check_in_link(code.text), error="m").save(svg, kind="svg", scale=8, border=2, title=code.text)
    response = Response(svg.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response
