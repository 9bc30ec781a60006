"""Demo data for the events area: the real WECOOP events (app/events/data/wecoop_events.csv, sources in
SOURCES.md) with obviously synthetic participants, registrations and attendance."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.events.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    EventSession,
    Organisation,
    OrganisationType,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
)
from app.events.transliteration import latin_transliteration

WECOOP_CSV = Path(__file__).resolve().parent / "data" / "wecoop_events.csv"
KINDS = {
    "workshop": EventKind.WORKSHOP,
    "study tour / workshop": EventKind.STUDY_TOUR,
    "training": EventKind.TRAINING,
    "training programme": EventKind.TRAINING,
    "webinar": EventKind.WEBINAR,
}
DEMO_ORGANISATIONS = (
    ("Demo Basin Inspection", OrganisationType.BASIN_INSPECTION),
    ("Demo Water Utility", OrganisationType.WATER_UTILITY),
    ("Demo Ministry Department", OrganisationType.MINISTRY),
)
MARKS = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT)
MAX_DEMO_DAYS = 5


def _full_date(text: str) -> date | None:
    """Only a complete YYYY-MM-DD counts; the file has year-only and year-month dates too."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def wecoop_events() -> list[Event]:
    """Events from the WECOOP file that have a full start date (project phases are not events)."""
    events = []
    with WECOOP_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            starts_on = _full_date(row["start_date"])
            if starts_on is None or row["type"] == "project phase":
                continue
            ends_on = _full_date(row["end_date"])
            events.append(
                Event(
                    kind=KINDS.get(row["type"], EventKind.CONFERENCE),
                    title=row["title"],
                    city=row["city"] or None,
                    country=row["country"] or None,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    organisers=row["organisers_partners"] or None,
                    description="\n".join(part for part in (row["topic"], row["participants"], row["note"]) if part),
                    source_reference=f"{row['event_id']}: {row['source_id']}",
                )
            )
    return events


def _add_days(session: Session, event: Event) -> None:
    last = min(event.ends_on or event.starts_on, event.starts_on + timedelta(days=MAX_DEMO_DAYS - 1))
    day, number = event.starts_on, 1
    while day <= last:
        session.add(EventSession(event=event, held_on=day, title=f"Day {number}"))
        day, number = day + timedelta(days=1), number + 1


def _demo_people(session: Session) -> list[Person]:
    organisations = [Organisation(name=name, type=kind, country="KZ") for name, kind in DEMO_ORGANISATIONS]
    session.add_all(organisations)
    people = []
    for number in range(1, 13):
        name = f"Demo Participant {number:02d}"
        people.append(
            Person(
                full_name=name,
                latin_name=latin_transliteration(name),
                organisation=organisations[number % len(organisations)],
                country="KZ",
                email=f"demo.participant{number:02d}@example.org",
            )
        )
    # An obvious duplicate for the duplicates page: same e-mail, name written differently.
    people.append(
        Person(
            full_name="Participant 03 Demo", latin_name="Participant 03 Demo", email="demo.participant03@example.org"
        )
    )
    session.add_all(people)
    return people


def _register_and_mark(session: Session, events: list[Event], people: list[Person]) -> None:
    session.flush()
    for event_index, event in enumerate(events[:3]):
        for person_index, person in enumerate(people[event_index : event_index + 8]):
            session.add(
                Registration(
                    event=event,
                    person=person,
                    status=RegistrationStatus.CONFIRMED,
                    role=ParticipantRole.PARTICIPANT,
                    consent_public_list=person_index % 2 == 0,
                )
            )
            for day_index, event_session in enumerate(event.sessions):
                mark = MARKS[(person_index + day_index) % len(MARKS)]
                session.add(
                    Attendance(session_id=event_session.id, event_id=event.id, person_id=person.id, status=mark)
                )


def load_demo_events(session: Session, *, today: date) -> list[str]:
    """The WECOOP events, a future open demo workshop, synthetic people; skipped when already loaded."""
    if session.scalar(select(Event.id).where(Event.source_reference.like("WEC-%")).limit(1)) is not None:
        return ["demo events already present"]
    events = wecoop_events()
    session.add_all(events)
    for event in events:
        _add_days(session, event)
    open_event = Event(
        kind=EventKind.WORKSHOP,
        title="Demo workshop: reading sign-in sheets (synthetic)",
        city="Astana",
        country="Kazakhstan",
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=31),
        is_open_for_registration=True,
        description="A made-up event so that learners can try self-registration.",
    )
    session.add(open_event)
    _add_days(session, open_event)
    people = _demo_people(session)
    session.flush()
    _register_and_mark(session, events, people)
    session.flush()
    return [f"demo events loaded: {len(events)} WECOOP events, {len(people)} synthetic people"]
