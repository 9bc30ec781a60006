"""Events and their sessions: list, create, edit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.errors import DomainError
from app.events.models import Attendance, Event, EventKind, EventSession, Registration, RegistrationStatus

EVENT_FIELDS = (
    "kind",
    "title",
    "city",
    "country",
    "venue",
    "starts_on",
    "ends_on",
    "organisers",
    "description",
    "source_reference",
    "is_open_for_registration",
    "requires_approval",
    "points_present",
    "points_late",
    "points_excused",
    "points_absent",
    "certificate_percent",
)
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED)


class InvalidEvent(DomainError):
    pass


@dataclass(frozen=True)
class EventRow:
    event: Event
    registered_count: int


def list_events(session: Session, *, search: str = "") -> list[EventRow]:
    """Every event, newest first, with how many people are registered or confirmed."""
    counts = (
        select(Registration.event_id, func.count().label("registered"))
        .where(Registration.status.in_(ACTIVE_STATUSES))
        .group_by(Registration.event_id)
        .subquery()
    )
    statement = (
        select(Event, func.coalesce(counts.c.registered, 0))
        .outerjoin(counts, counts.c.event_id == Event.id)
        .order_by(Event.starts_on.desc(), Event.id.desc())
    )
    if search.strip():
        statement = statement.where(func.lower(Event.title).contains(search.strip().lower(), autoescape=True))
    return [EventRow(event, count) for event, count in session.execute(statement)]


def list_open_events(session: Session, *, today: date) -> list[Event]:
    """Events a learner may register for: open and not finished."""
    return list(
        session.scalars(
            select(Event)
            .where(Event.is_open_for_registration.is_(True), func.coalesce(Event.ends_on, Event.starts_on) >= today)
            .order_by(Event.starts_on, Event.id)
        )
    )


def list_upcoming_events(session: Session, *, today: date, limit: int = 200) -> list[Event]:
    return list(
        session.scalars(
            select(Event)
            .where(func.coalesce(Event.ends_on, Event.starts_on) >= today)
            .options(selectinload(Event.sessions))
            .order_by(Event.starts_on, Event.id)
            .limit(limit)
        )
    )


def event_with_sessions_query(event_id: int) -> Select[tuple[Event]]:
    return select(Event).where(Event.id == event_id).options(selectinload(Event.sessions))


def save_event(session: Session, event: Event | None, **values: Any) -> Event:
    """Create (``event=None``) or update an event from form values."""
    event = event or Event()
    for name in EVENT_FIELDS:
        if name in values:
            value = values[name]
            setattr(event, name, (value.strip() or None) if isinstance(value, str) else value)
    if not event.title:
        raise InvalidEvent(_("An event needs a title."))
    if event.starts_on is None:
        raise InvalidEvent(_("An event needs a start date."))
    if event.ends_on is not None and event.ends_on < event.starts_on:
        raise InvalidEvent(_("The event cannot end before it starts."))
    event.kind = EventKind(event.kind)
    session.add(event)
    session.flush()
    return event


def add_session(
    session: Session,
    event: Event,
    *,
    held_on: date,
    title: str,
    start_time: time | None = None,
    end_time: time | None = None,
) -> EventSession:
    """Add a day or a slot to an event; it must lie within the event's dates."""
    last_day = event.ends_on or event.starts_on
    if not event.starts_on <= held_on <= last_day:
        raise InvalidEvent(_("A session must take place between the event's first and last day."))
    if start_time and end_time and end_time <= start_time:
        raise InvalidEvent(_("A session must end after it starts."))
    event_session = EventSession(
        event=event, held_on=held_on, title=title.strip(), start_time=start_time, end_time=end_time
    )
    session.add(event_session)
    session.flush()
    return event_session


def remove_session(session: Session, event_session: EventSession) -> None:
    """Delete a session; refused once attendance was taken in it."""
    if session.scalar(select(Attendance.id).where(Attendance.session_id == event_session.id).limit(1)):
        raise InvalidEvent(_("Attendance was already taken in this session, so it cannot be removed."))
    session.delete(event_session)
    session.flush()
