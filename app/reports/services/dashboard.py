"""The dashboard's figures.

Each figure or table has its own function that builds a SELECT over the same common table expressions
(``Sources``); ``dashboard_figures`` runs them all as ONE ``UNION ALL`` statement, so the registration and
attendance join is computed once (SQLite and PostgreSQL materialise a CTE used more than once) and the page
runs the same few statements whatever the data size. Every select yields (dimension, key, a, b, c).

Cost: the only pass over the registrations and attended marks is the GROUP BY of ``registrant_days`` (one
row per counted registrant of an event with their attended session days, which gives the registered and
the attended counts alike); every figure reads that CTE, or the small ones built from it: ``per_event``
(one row per event), ``event_years`` (one row per event held) and ``participants`` (one row per person).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import CompoundSelect, Integer, String, and_, case, cast, func, literal, null, select, text, union_all
from sqlalchemy.orm import Session

from app.courses.models import Module
from app.events.models import AssessmentKind, Event, EventAssessment, EventCourseLink, Organisation, Person
from app.quizzes.models import Quiz
from app.reports.services.base import (
    ReportFilters,
    account_people,
    best_scores,
    course_completions,
    registrant_days,
    year_of,
)


@dataclass(frozen=True)
class Sources:
    """The CTEs every figure reads."""

    #: one row per attendee of a chosen event: event id, kept person id, attended session days
    attended: Any
    #: one row per chosen event with counted registrations: event id, registered, attendees, participant-days
    per_event: Any
    #: one row per participant: kept person id, events attended, gender, country, organisation type
    participants: Any
    #: one row per chosen event with attendees: event id, year of its start, participant-days
    event_years: Any

    @classmethod
    def for_filters(cls, filters: ReportFilters) -> Sources:
        registrants = registrant_days(filters)
        attended = select(registrants).where(registrants.c.days > 0).subquery("attended")
        per_event = (
            select(
                registrants.c.event_id,
                func.count().label("registered"),
                func.count(case((registrants.c.days > 0, 1))).label("attendees"),
                func.sum(registrants.c.days).label("days"),
            )
            .group_by(registrants.c.event_id)
            .cte("per_event")
        )
        event_years = (
            select(per_event.c.event_id, year_of(Event.starts_on).label("year"), per_event.c.days)
            .join(Event, Event.id == per_event.c.event_id)
            .where(per_event.c.attendees > 0)
            .cte("event_years")
        )
        return cls(attended, per_event, participants(attended), event_years)


def participants(attended: Any) -> Any:
    """CTE of the chosen events' participants with their attributes, so breakdowns need no DISTINCT."""
    per_person = select(attended.c.person_id, func.count().label("events")).group_by(attended.c.person_id).subquery()
    return (
        select(
            per_person.c.person_id,
            per_person.c.events,
            Person.gender.label("gender"),
            Person.country.label("country"),
            Organisation.type.label("organisation_type"),
        )
        .join(Person, Person.id == per_person.c.person_id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .cte("participants")
    )


@dataclass(frozen=True)
class Headline:
    events: int = 0
    cities: int = 0
    countries: int = 0
    participants: int = 0
    participant_days: int = 0
    repeat_participants: int = 0


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole``: e.g. participants who completed a linked course of those who had one."""

    part: int = 0
    whole: int = 0


@dataclass(frozen=True)
class GroupCount:
    dimension: str
    key: str | None
    participants: int
    events: int | None = None
    participant_days: int | None = None


@dataclass(frozen=True)
class EventRow:
    event_id: int
    title: str
    city: str | None
    country: str | None
    starts_on: date
    registered: int
    attended: int


@dataclass
class DashboardFigures:
    headline: Headline = field(default_factory=Headline)
    course_completion: Share = field(default_factory=Share)
    quiz_pass: Share = field(default_factory=Share)
    groups: list[GroupCount] = field(default_factory=list)
    #: event id -> (registered, attended)
    event_counts: dict[int, tuple[int, int]] = field(default_factory=dict)


def _row(dimension: str, key: Any, a: Any, b: Any = None, c: Any = None) -> list[Any]:
    def number(value: Any) -> Any:
        return cast(null() if value is None else value, Integer)

    return [
        cast(literal(dimension), String).label("dimension"),
        cast(null() if key is None else key, String).label("key"),
        number(a).label("a"),
        number(b).label("b"),
        number(c).label("c"),
    ]


def places(sources: Sources) -> Any:
    """Events held (at least one attendee), their distinct cities and countries."""
    held = sources.event_years
    return select(
        *_row(
            "places",
            None,
            func.count(),
            func.count(func.distinct(Event.city)),
            func.count(func.distinct(Event.country)),
        )
    ).join_from(held, Event, Event.id == held.c.event_id)


def people(sources: Sources) -> Any:
    """Unique participants, participant-days and repeat participants (two or more events)."""
    chosen = sources.participants
    return select(
        *_row(
            "people",
            None,
            select(func.count()).select_from(chosen).scalar_subquery(),
            select(func.coalesce(func.sum(sources.event_years.c.days), 0)).scalar_subquery(),
            select(func.count()).select_from(chosen).where(chosen.c.events >= 2).scalar_subquery(),
        )
    )


def linked_course_completion(sources: Sources) -> Any:
    """Participants who completed a course linked to an event they attended, of all who attended such an event."""
    attended = sources.attended
    pairs = (
        select(attended.c.person_id, EventCourseLink.course_id)
        .join(EventCourseLink, EventCourseLink.event_id == attended.c.event_id)
        .distinct()
        .subquery()
    )
    accounts = account_people()
    completions = course_completions(select(EventCourseLink.course_id))
    finished = case((completions.c.completed == 1, pairs.c.person_id))
    return (
        select(
            *_row("courses", None, func.count(func.distinct(pairs.c.person_id)), func.count(func.distinct(finished)))
        )
        .select_from(pairs)
        .outerjoin(accounts, accounts.c.person_id == pairs.c.person_id)
        .outerjoin(
            completions,
            and_(completions.c.user_id == accounts.c.user_id, completions.c.course_id == pairs.c.course_id),
        )
    )


def quiz_pass_rate(sources: Sources) -> Any:
    """(participant, quiz) pairs passed of those attempted, over linked courses' quizzes and post-tests."""
    attended = sources.attended
    course_quizzes = (
        select(attended.c.person_id, Quiz.id.label("quiz_id"))
        .join(EventCourseLink, EventCourseLink.event_id == attended.c.event_id)
        .join(Module, Module.course_id == EventCourseLink.course_id)
        .join(Quiz, Quiz.module_id == Module.id)
        .where(Quiz.is_archived.is_(False))
    )
    post_tests = (
        select(attended.c.person_id, EventAssessment.quiz_id)
        .join(EventAssessment, EventAssessment.event_id == attended.c.event_id)
        .where(EventAssessment.kind == AssessmentKind.POST)
    )
    pairs = union_all(course_quizzes, post_tests).subquery("quiz_pairs")
    accounts = account_people()
    scores = best_scores()
    per_person = (
        select(pairs.c.person_id, pairs.c.quiz_id, func.max(scores.c.passed).label("passed"))
        .join(accounts, accounts.c.person_id == pairs.c.person_id)
        .join(scores, and_(scores.c.user_id == accounts.c.user_id, scores.c.quiz_id == pairs.c.quiz_id))
        .group_by(pairs.c.person_id, pairs.c.quiz_id)
        .subquery()
    )
    return select(*_row("quizzes", None, func.count(), func.coalesce(func.sum(per_person.c.passed), 0))).select_from(
        per_person
    )


def by_person(sources: Sources, dimension: str) -> Any:
    """Unique participants per value of one attribute of the (kept) person: gender, country, organisation type."""
    column = sources.participants.c[dimension]
    return select(*_row(dimension, column, func.count())).group_by(column)


def by_year(sources: Sources) -> Any:
    """Per year of the event's start: unique participants, events held and participant-days."""
    held, attended = sources.event_years, sources.attended
    people_per_year = (
        select(held.c.year, func.count(func.distinct(attended.c.person_id)).label("participants"))
        .join_from(attended, held, held.c.event_id == attended.c.event_id)
        .group_by(held.c.year)
        .subquery()
    )
    events_per_year = (
        select(held.c.year, func.count().label("events"), func.sum(held.c.days).label("days"))
        .group_by(held.c.year)
        .subquery()
    )
    unique, totals = people_per_year.c, events_per_year.c
    return select(*_row("year", totals.year, unique.participants, totals.events, totals.days)).join_from(
        events_per_year, people_per_year, unique.year == totals.year
    )


def by_event(sources: Sources) -> Any:
    """Per event with counted registrations: registered and attended participants."""
    counts = sources.per_event
    return select(*_row("event", counts.c.event_id, counts.c.registered, counts.c.attendees))


@lru_cache(maxsize=64)
def dashboard_statement(filters: ReportFilters) -> CompoundSelect:
    """The one statement of every figure for ``filters``, built once per filter: composing it takes about
    20 ms of Python, a fair part of the page, and coordinators come back to the same few filters."""
    sources = Sources.for_filters(filters)
    return union_all(
        places(sources),
        people(sources),
        linked_course_completion(sources),
        quiz_pass_rate(sources),
        by_person(sources, "gender"),
        by_person(sources, "organisation_type"),
        by_person(sources, "country"),
        by_year(sources),
        by_event(sources),
    )


def dashboard_figures(session: Session, filters: ReportFilters) -> DashboardFigures:
    """Every dashboard figure and breakdown in one statement."""
    statement = dashboard_statement(filters)
    if session.get_bind().dialect.name == "postgresql":
        # The per-registrant and per-person groupings outgrow the default 4 MB: hash and sort in memory.
        session.execute(text("SET LOCAL work_mem = '64MB'"))
    figures = DashboardFigures()
    collected: dict[str, list[int]] = {}
    for dimension, key, a, b, c in session.execute(statement):
        if dimension in ("places", "people", "courses", "quizzes"):
            collected[dimension] = [int(value or 0) for value in (a, b, c)]
        elif dimension == "event":
            figures.event_counts[int(key)] = (int(a), int(b))
        else:
            figures.groups.append(GroupCount(dimension, key, int(a), b, c))
    places_row, people_row = collected["places"], collected["people"]
    figures.headline = Headline(*places_row, *people_row)
    figures.course_completion = Share(part=collected["courses"][1], whole=collected["courses"][0])
    figures.quiz_pass = Share(part=collected["quizzes"][1], whole=collected["quizzes"][0])
    return figures


def list_event_countries(session: Session) -> list[str]:
    """Every country events were held in, for the filter."""
    statement = select(Event.country).where(Event.country.is_not(None)).distinct().order_by(Event.country)
    return list(session.scalars(statement))


def event_rows(session: Session, filters: ReportFilters, counts: dict[int, tuple[int, int]]) -> list[EventRow]:
    """Each chosen event, newest first, with its (registered, attended) counts from ``dashboard_figures``."""
    rows = session.execute(
        select(Event.id, Event.title, Event.city, Event.country, Event.starts_on)
        .where(filters.event_condition())
        .order_by(Event.starts_on.desc(), Event.id.desc())
    )
    return [EventRow(*row, *counts.get(row[0], (0, 0))) for row in rows]
