"""``demo scale``: a large, deterministic, obviously synthetic dataset for measuring reports.

Rows are written with Core ``insert()`` in batches (executemany with RETURNING where ids are needed),
never as ORM objects one by one. Names read "Synthetic Person 000123"; no real person is imitated.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, text, update
from sqlalchemy.orm import Session

from app.events.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    EventSession,
    Gender,
    Organisation,
    OrganisationType,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
)

BATCH = 5000
CITIES = (
    ("Astana", "Kazakhstan"), ("Almaty", "Kazakhstan"), ("Shymkent", "Kazakhstan"), ("Taraz", "Kazakhstan"),
    ("Tashkent", "Uzbekistan"), ("Bishkek", "Kyrgyzstan"), ("Dushanbe", "Tajikistan"), ("Vienna", "Austria"),
)  # fmt: skip
PERSON_COUNTRIES = ("KZ", "KZ", "KZ", "UZ", "KG", "TJ", "TM")
#: present, late, excused, absent in these proportions
MARKS = (AttendanceStatus.PRESENT,) * 16 + (AttendanceStatus.LATE,) * 2 + (
    AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT,
)  # fmt: skip
#: one registration in this many is cancelled; one person in this many is a merged duplicate
CANCELLED_EVERY = 30
DUPLICATE_EVERY = 100


@dataclass(frozen=True)
class ScaleSummary:
    organisations: int
    people: int
    events: int
    sessions: int
    registrations: int
    attendances: int


def _batches(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _insert_returning_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    ids: list[int] = []
    for batch in _batches(rows):
        ids += session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), batch).all()
    return ids


def _insert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    for batch in _batches(rows):
        session.execute(insert(model), batch)


def _organisations(session: Session, rng: random.Random, count: int) -> list[int]:
    types = list(OrganisationType)
    rows = [
        {
            "name": f"Synthetic Organisation {number:04d}",
            "type": rng.choice(types),
            "country": rng.choice(PERSON_COUNTRIES),
        }
        for number in range(count)
    ]
    return _insert_returning_ids(session, Organisation, rows)


def _people(
    session: Session, rng: random.Random, count: int, organisation_ids: list[int]
) -> tuple[list[int], list[int]]:
    """Returns the kept people's ids and the ids of the duplicates merged into them."""
    genders = [Gender.FEMALE, Gender.MALE, Gender.FEMALE, Gender.MALE, Gender.NOT_STATED]
    rows = [
        {
            "full_name": f"Synthetic Person {number:06d}",
            "latin_name": f"synthetic person {number:06d}",
            "name_key": f"synthetic person {number:06d}",
            "gender": rng.choice(genders),
            "organisation_id": rng.choice(organisation_ids),
            "country": rng.choice(PERSON_COUNTRIES),
        }
        for number in range(count)
    ]
    ids = _insert_returning_ids(session, Person, rows)
    kept_count = max(1, count - count // DUPLICATE_EVERY)
    return ids[:kept_count], ids[kept_count:]


def _events(session: Session, rng: random.Random, count: int) -> list[tuple[int, list[int]]]:
    """Events with one to three daily sessions; returns (event id, session ids) pairs."""
    kinds = list(EventKind)
    days = [rng.randint(1, 3) for _ in range(count)]
    starts = [date(2015, 1, 1) + timedelta(days=rng.randrange(365 * 11)) for _ in range(count)]
    rows = []
    for number in range(count):
        city, country = rng.choice(CITIES)
        rows.append({
            "kind": rng.choice(kinds), "title": f"Synthetic event {number:04d}", "city": city, "country": country,
            "starts_on": starts[number], "ends_on": starts[number] + timedelta(days=days[number] - 1),
        })  # fmt: skip
    event_ids = _insert_returning_ids(session, Event, rows)
    session_rows = [
        {"event_id": event_id, "held_on": starts[index] + timedelta(days=day), "title": f"Day {day + 1}"}
        for index, event_id in enumerate(event_ids)
        for day in range(days[index])
    ]
    session_ids = iter(_insert_returning_ids(session, EventSession, session_rows))
    return [(event_id, [next(session_ids) for _ in range(days[index])]) for index, event_id in enumerate(event_ids)]


def generate_scale(session: Session, *, events: int, people: int, attendance: int, seed: int = 1) -> ScaleSummary:
    """Write the synthetic dataset into ``session``'s transaction (the caller commits)."""
    rng = random.Random(seed)
    organisation_ids = _organisations(session, rng, max(10, people // 100))
    kept, duplicates = _people(session, rng, people, organisation_ids)
    _merge_duplicates(session, rng, kept, duplicates)
    schedule = _events(session, rng, events)
    total_sessions = sum(len(sessions) for _event, sessions in schedule)
    registrations, marks = _participation(rng, schedule, kept + duplicates, attendance, total_sessions)
    _insert(session, Registration, registrations)
    _insert(session, Attendance, marks)
    refresh_statistics(session)
    return ScaleSummary(len(organisation_ids), people, events, total_sessions, len(registrations), len(marks))


def refresh_statistics(session: Session) -> None:
    """Let the query planner see the new table sizes; without it PostgreSQL plans for empty tables."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE organisations, people, events, event_sessions, registrations, attendances"))
    else:
        session.execute(text("ANALYZE"))


def _merge_duplicates(session: Session, rng: random.Random, kept: list[int], duplicates: list[int]) -> None:
    if not duplicates:
        return
    statement = update(Person).where(Person.id == bindparam("duplicate_id")).values(merged_into_id=bindparam("kept_id"))
    rows = [{"duplicate_id": duplicate, "kept_id": rng.choice(kept)} for duplicate in duplicates]
    session.connection().execute(statement, rows)


def _participation(
    rng: random.Random, schedule: list[tuple[int, list[int]]], people: list[int], attendance: int, sessions: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Registrations and one attendance mark per registrant and session, about ``attendance`` marks in all."""
    wanted = math.ceil(attendance * CANCELLED_EVERY / ((CANCELLED_EVERY - 1) * max(1, sessions))) + 1
    per_session = max(1, min(len(people), wanted))
    registrations: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    for event_id, session_ids in schedule:
        for person_id in rng.sample(people, per_session):
            cancelled = rng.randrange(CANCELLED_EVERY) == 0
            registrations.append({
                "event_id": event_id, "person_id": person_id, "role": ParticipantRole.PARTICIPANT,
                "status": RegistrationStatus.CANCELLED if cancelled else RegistrationStatus.CONFIRMED,
            })  # fmt: skip
            marks += [
                {"session_id": session_id, "event_id": event_id, "person_id": person_id, "status": rng.choice(MARKS)}
                for session_id in session_ids
                if not cancelled
            ]
    return registrations, marks[:attendance]
