"""Exports of one event: the participant list and the attendance matrix (people x sessions)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.events.models import Attendance, AttendanceStatus, Event, EventSession, RegistrationStatus
from app.events.services.registration import list_registrations
from app.exports import Sheet


def participants_sheet(session: Session, event: Event, *, labels: dict[str, str]) -> Sheet:
    """Everyone registered, with status, role and consent; ``labels`` holds translated column names."""
    rows = [
        (
            registration.person.full_name,
            registration.person.latin_name,
            registration.person.organisation.name if registration.person.organisation else "",
            registration.person.position or "",
            registration.person.country or "",
            registration.person.email or "",
            registration.person.phone or "",
            registration.status.value,
            registration.role.value,
            "yes" if registration.consent_public_list else "no",
        )
        for registration in list_registrations(session, event)
    ]
    header = [labels[key] for key in ("name", "latin", "organisation", "position", "country", "email", "phone")]
    header += [labels[key] for key in ("status", "role", "consent")]
    return Sheet(labels["participants"], header, rows)


def _marks(session: Session, event: Event) -> dict[tuple[int, int], AttendanceStatus]:
    rows = session.execute(
        select(Attendance.person_id, Attendance.session_id, Attendance.status)
        .join(EventSession, EventSession.id == Attendance.session_id)
        .where(EventSession.event_id == event.id)
    )
    return {(person_id, session_id): status for person_id, session_id, status in rows}


def attendance_matrix(session: Session, event: Event, *, labels: dict[str, str]) -> Sheet:
    """One row per registered person, one column per session, then total points and attended share."""
    sessions = list(event.sessions)
    marks = _marks(session, event)
    rows = []
    for registration in list_registrations(session, event):
        if registration.status == RegistrationStatus.CANCELLED:
            continue
        statuses = [marks.get((registration.person_id, item.id)) for item in sessions]
        points = sum(event.points_for(status) for status in statuses if status)
        attended = sum(1 for status in statuses if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE))
        share = round(100 * attended / len(sessions)) if sessions else 0
        rows.append(
            (registration.person.full_name, *(status.value if status else "" for status in statuses), points, share)
        )
    header = [labels["name"], *(f"{item.held_on.isoformat()} {item.title}" for item in sessions)]
    return Sheet(labels["attendance"], [*header, labels["points"], labels["share"]], rows)
