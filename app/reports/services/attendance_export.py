"""Every attendance mark of the chosen events as rows, read from the database in batches (for streaming)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, aliased

from app.events.models import Attendance, Event, EventSession, Organisation, Person
from app.reports.services.base import ReportFilters

BATCH_SIZE = 2000


def attendance_rows(session: Session, filters: ReportFilters) -> Iterator[tuple[Any, ...]]:
    """(event, city, country, day, session, person, kept person id, organisation, status) per mark."""
    kept = aliased(Person)
    statement = (
        select(
            Event.id,
            Event.title,
            Event.city,
            Event.country,
            EventSession.held_on,
            EventSession.title,
            Person.id,
            Person.full_name,
            kept.id,
            Organisation.name,
            Attendance.status,
        )
        .join(EventSession, EventSession.id == Attendance.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .join(Person, Person.id == Attendance.person_id)
        .outerjoin(kept, kept.id == Person.merged_into_id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(filters.event_condition())
        .order_by(Event.starts_on, Event.id, EventSession.held_on, EventSession.id, Attendance.id)
        .execution_options(yield_per=BATCH_SIZE)
    )
    if session.get_bind().dialect.name == "postgresql":
        # A server-side cursor makes PostgreSQL plan for the first 10 % of rows (nested loops over
        # indexes): 25 x slower for reading them all. This transaction reads them all.
        session.execute(text("SET LOCAL cursor_tuple_fraction = 1.0"))
    for row in session.execute(statement):
        (event_id, title, city, country, held_on, session_title, person_id, name, kept_id, organisation, status) = row
        yield (
            event_id, title, city or "", country or "", held_on.isoformat(), session_title,
            kept_id or person_id, name, organisation or "", status.value,
        )  # fmt: skip
