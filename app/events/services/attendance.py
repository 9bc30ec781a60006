"""Attendance per session: the sheet, one mark at a time (audited), walk-ins, points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.audit import record_audit
from app.db import utcnow
from app.errors import DomainError
from app.events.models import (
    Attendance,
    AttendanceStatus,
    EventSession,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
)
from app.events.services.people import person_search_filter
from app.events.services.registration import find_registration, register_new_person, register_person


class NotRegistered(DomainError):
    pass


@dataclass(frozen=True)
class SheetRow:
    registration: Registration
    status: AttendanceStatus | None

    @property
    def person(self) -> Person:
        return self.registration.person


def attendance_sheet(session: Session, event_session: EventSession, *, search: str = "") -> list[SheetRow]:
    """Everyone registered (not cancelled) with their mark in this session; two queries at any size."""
    statement = (
        select(Registration)
        .join(Registration.person)
        .where(
            Registration.event_id == event_session.event_id,
            Registration.status != RegistrationStatus.CANCELLED,
        )
        .options(joinedload(Registration.person).joinedload(Person.organisation))
        .order_by(Person.latin_name, Person.id)
    )
    if search.strip():
        statement = statement.where(person_search_filter(search))
    registrations = session.scalars(statement).all()
    rows = session.execute(
        select(Attendance.person_id, Attendance.status).where(Attendance.session_id == event_session.id)
    )
    marks = {person_id: status for person_id, status in rows}
    return [SheetRow(registration, marks.get(registration.person_id)) for registration in registrations]


def record_attendance(
    session: Session,
    event_session: EventSession,
    person: Person,
    status: AttendanceStatus,
    *,
    actor_id: int | None,
    now: datetime | None = None,
) -> Attendance:
    """Set one person's mark in one session (insert or change) and audit who did it and when."""
    now = now or utcnow()
    registration = find_registration(session, event_session.event, person)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise NotRegistered(_("%(name)s is not registered for this event.", name=person.full_name))
    attendance = session.scalar(
        select(Attendance).where(Attendance.session_id == event_session.id, Attendance.person_id == person.id)
    )
    previous = attendance.status.value if attendance else None
    if attendance is None:
        attendance = Attendance(session_id=event_session.id, event_id=event_session.event_id, person_id=person.id)
        session.add(attendance)
    attendance.status = AttendanceStatus(status)
    attendance.recorded_by_id = actor_id
    attendance.recorded_at = now
    session.flush()
    record_audit(
        session,
        actor_id=actor_id,
        action="attendance.recorded",
        subject=f"attendances:{attendance.id}",
        details={
            "session_id": event_session.id,
            "person_id": person.id,
            "from": previous,
            "to": attendance.status.value,
        },
        now=now,
    )
    return attendance


def add_walk_in(
    session: Session,
    event_session: EventSession,
    *,
    actor_id: int | None,
    person_values: dict[str, Any],
    existing: Person | None = None,
    now: datetime | None = None,
) -> Attendance:
    """Someone arrived without registering: register them (new person or existing) and mark present."""
    now = now or utcnow()
    options: dict[str, Any] = {
        "actor_id": actor_id,
        "status": RegistrationStatus.CONFIRMED,
        "role": ParticipantRole.PARTICIPANT,
        "now": now,
    }
    if existing is not None:
        if find_registration(session, event_session.event, existing) is None:
            register_person(session, event_session.event, existing, **options)
        person = existing
    else:
        person = register_new_person(session, event_session.event, person_values=person_values, **options).person
    return record_attendance(session, event_session, person, AttendanceStatus.PRESENT, actor_id=actor_id, now=now)


def status_counts(rows: list[SheetRow]) -> dict[str, int]:
    """How many people hold each mark on the sheet, plus those not marked yet."""
    counts = {status.value: 0 for status in AttendanceStatus} | {"unmarked": 0}
    for row in rows:
        counts[row.status.value if row.status else "unmarked"] += 1
    return counts
