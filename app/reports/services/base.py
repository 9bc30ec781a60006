"""The building blocks every report shares: the filter, who counts as a participant, and course completion.

Definitions (the tests pin each one):
- a *participant* is a person registered with the role "participant" whose registration is not cancelled;
- a participant *attended* an event when at least one of its sessions has them present or late
  (excused and absent do not count);
- a merged duplicate counts as the person it was merged into: ``coalesce(merged_into_id, id)``;
- a *participant-day* is one person attending (present or late) on one session day of one event;
- a course is *completed* by an enrolled learner who has done every live lesson and passed every
  required live quiz (the rule of ``app.courses.services.progress``, written as one SQL subquery).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    extract,
    func,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.orm import aliased

from app.auth.models import User
from app.courses.models import Enrolment, Lesson, LessonProgress, Module
from app.courses.services.learning import LIVE_LESSON, LIVE_MODULE
from app.events.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    EventSession,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
)
from app.quizzes.models import Quiz, QuizAttempt

ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


@dataclass(frozen=True)
class ReportFilters:
    """Which events a report covers: held from/to (start date, inclusive), country as written, kind."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    kind: EventKind | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.country or self.kind)

    def event_condition(self) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = []
        if self.date_from:
            conditions.append(Event.starts_on >= self.date_from)
        if self.date_to:
            conditions.append(Event.starts_on <= self.date_to)
        if self.country:
            conditions.append(Event.country == self.country)
        if self.kind:
            conditions.append(Event.kind == self.kind)
        return and_(true(), *conditions)


def canonical_person_id(person: Any = Person) -> ColumnElement[int]:
    """The kept person's id for a merged duplicate, the person's own id otherwise."""
    return func.coalesce(person.merged_into_id, person.id)


def counted_registration() -> ColumnElement[bool]:
    return and_(Registration.status != RegistrationStatus.CANCELLED, Registration.role == ParticipantRole.PARTICIPANT)


def attendance_days(filters: ReportFilters | None = None, *, event_id: int | None = None) -> Any:
    """CTE (event_id, person_id, held_on): each participant's attended session days of the chosen events."""
    statement = (
        select(
            EventSession.event_id.label("event_id"),
            canonical_person_id().label("person_id"),
            EventSession.held_on.label("held_on"),
        )
        .select_from(Attendance)
        .join(EventSession, EventSession.id == Attendance.session_id)
        .join(
            Registration,
            and_(Registration.event_id == EventSession.event_id, Registration.person_id == Attendance.person_id),
        )
        .join(Person, Person.id == Attendance.person_id)
        .where(Attendance.status.in_(ATTENDED_STATUSES), counted_registration())
        .distinct()
    )
    if event_id is not None:
        statement = statement.where(EventSession.event_id == event_id)
    if filters is not None and not filters.is_empty:  # joining events only to filter them costs a lookup a row
        statement = statement.join(Event, Event.id == EventSession.event_id).where(filters.event_condition())
    return statement.cte("attendance_days")


def merge_involved_people() -> Any:
    """Ids of people merged into someone and of the people kept in such a merge.

    Only these people's rows need folding through ``people``: anyone else is their own kept person and has
    nobody folded into them, so their rows can be counted by their own id, with no lookup.
    """
    merged = Person.merged_into_id.is_not(None)
    return union(select(Person.id).where(merged), select(Person.merged_into_id).where(merged))


def _registrations_with_marks(filters: ReportFilters | None) -> Select[Any]:
    """Counted registrations of the chosen events, each with its marks at its event (if any)."""
    statement = (
        select(Registration.event_id)
        .outerjoin(
            Attendance,
            and_(Attendance.event_id == Registration.event_id, Attendance.person_id == Registration.person_id),
        )
        .where(counted_registration())
    )
    if filters is not None and not filters.is_empty:
        statement = statement.join(Event, Event.id == Registration.event_id).where(filters.event_condition())
    return statement


def _events_with_shared_days() -> Select[Any]:
    """Ids of events with two or more sessions on one day."""
    return select(EventSession.event_id).group_by(EventSession.event_id, EventSession.held_on).having(func.count() > 1)


def registrant_days(filters: ReportFilters | None = None) -> Any:
    """CTE (event_id, person_id, days): one row per counted registrant of a chosen event, merged people folded,
    with the session days they attended (0 for none; the attendees are the rows with days > 0).

    One GROUP BY over the registrations and their attended marks yields both the registered and the attended
    counts. It has three parts whose groups never share a row. The common case, a person outside any merge at
    an event with one session a day, is grouped by the person's own id and counts marks as days: SQLite reads
    the registrations in their (event, person) order and each one's marks through one index, with no sort, no
    sessions, no lookup of the person and no DISTINCT per group. Events with shared days count the distinct
    days of the marks' sessions; only the merge-involved people are folded through ``people``.
    """
    involved, shared = merge_involved_people(), _events_with_shared_days()
    own_id, kept_id = Registration.person_id, canonical_person_id()
    attended = Attendance.status.in_(ATTENDED_STATUSES)
    # the mark's status is read from the index, not sought: one index seek per registration in SQLite
    attended_marks = func.count(case((attended, 1)))
    distinct_days = func.count(func.distinct(case((attended, EventSession.held_on))))

    def per_registrant(person_id: Any, days: Any, *conditions: ColumnElement[bool]) -> Select[Any]:
        return (
            _registrations_with_marks(filters)
            .add_columns(person_id.label("person_id"), days.label("days"))
            .where(*conditions)
            .group_by(Registration.event_id, person_id)
        )

    def with_days(statement: Select[Any]) -> Select[Any]:
        return statement.outerjoin(EventSession, EventSession.id == Attendance.session_id)

    return union_all(
        per_registrant(own_id, attended_marks, own_id.not_in(involved), Registration.event_id.not_in(shared)),
        with_days(per_registrant(own_id, distinct_days, own_id.not_in(involved), Registration.event_id.in_(shared))),
        with_days(per_registrant(kept_id, distinct_days, own_id.in_(involved))).join(Person, Person.id == own_id),
    ).cte("registrant_days")


def attendees(days: Any) -> Any:
    """CTE (event_id, person_id): who attended which event."""
    return select(days.c.event_id, days.c.person_id).distinct().cte("attendees")


def registered(filters: ReportFilters | None = None, *, event_id: int | None = None) -> Any:
    """CTE (event_id, person_id): counted registrations of the chosen events, merged people folded."""
    statement = (
        select(Registration.event_id.label("event_id"), canonical_person_id().label("person_id"))
        .join(Person, Person.id == Registration.person_id)
        .where(counted_registration())
        .distinct()
    )
    if event_id is not None:
        statement = statement.where(Registration.event_id == event_id)
    if filters is not None and not filters.is_empty:
        statement = statement.join(Event, Event.id == Registration.event_id).where(filters.event_condition())
    return statement.cte("registered")


def account_people() -> Any:
    """Subquery (user_id, person_id): accounts linked to a person, by the kept person's id."""
    linked = aliased(Person)
    return (
        select(User.id.label("user_id"), canonical_person_id(linked).label("person_id"))
        .join(linked, linked.id == User.person_id)
        .subquery("account_people")
    )


REQUIRED_QUIZ = and_(Quiz.required.is_(True), Quiz.is_archived.is_(False), LIVE_MODULE)


def _lesson_totals() -> Any:
    return (
        select(Module.course_id, func.count(Lesson.id).label("total"))
        .join(Lesson, Lesson.module_id == Module.id)
        .where(LIVE_LESSON, LIVE_MODULE)
        .group_by(Module.course_id)
        .subquery()
    )


def _lessons_done() -> Any:
    return (
        select(LessonProgress.user_id, Module.course_id, func.count().label("done"))
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .join(Module, Module.id == Lesson.module_id)
        .where(LIVE_LESSON, LIVE_MODULE)
        .group_by(LessonProgress.user_id, Module.course_id)
        .subquery()
    )


def _quiz_totals() -> Any:
    return (
        select(Module.course_id, func.count(Quiz.id).label("total"))
        .join(Quiz, Quiz.module_id == Module.id)
        .where(REQUIRED_QUIZ)
        .group_by(Module.course_id)
        .subquery()
    )


def _quizzes_passed() -> Any:
    return (
        select(QuizAttempt.user_id, Module.course_id, func.count(func.distinct(Quiz.id)).label("passed"))
        .join(Quiz, Quiz.id == QuizAttempt.quiz_id)
        .join(Module, Module.id == Quiz.module_id)
        .where(REQUIRED_QUIZ, QuizAttempt.passed.is_(True))
        .group_by(QuizAttempt.user_id, Module.course_id)
        .subquery()
    )


def course_completions(course_ids: Select[Any] | None = None) -> Any:
    """Subquery (user_id, course_id, completed 0/1) of enrolments, optionally only of ``course_ids``."""
    lessons, done, quizzes, passed = _lesson_totals(), _lessons_done(), _quiz_totals(), _quizzes_passed()
    complete = and_(
        func.coalesce(done.c.done, 0) >= func.coalesce(lessons.c.total, 0),
        func.coalesce(passed.c.passed, 0) >= func.coalesce(quizzes.c.total, 0),
    )
    statement = (
        select(Enrolment.user_id, Enrolment.course_id, case((complete, 1), else_=0).label("completed"))
        .outerjoin(lessons, lessons.c.course_id == Enrolment.course_id)
        .outerjoin(done, and_(done.c.course_id == Enrolment.course_id, done.c.user_id == Enrolment.user_id))
        .outerjoin(quizzes, quizzes.c.course_id == Enrolment.course_id)
        .outerjoin(passed, and_(passed.c.course_id == Enrolment.course_id, passed.c.user_id == Enrolment.user_id))
    )
    if course_ids is not None:
        statement = statement.where(Enrolment.course_id.in_(course_ids))
    return statement.subquery("course_completions")


def best_scores(quiz_ids: Select[Any] | None = None, name: str = "best_scores") -> Any:
    """Subquery (user_id, quiz_id, best_percent, passed 0/1) over submitted attempts."""
    percent = 100.0 * QuizAttempt.score / func.nullif(QuizAttempt.max_score, 0)
    statement = (
        select(
            QuizAttempt.user_id,
            QuizAttempt.quiz_id,
            func.max(percent).label("best_percent"),
            func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)).label("passed"),
        )
        .where(QuizAttempt.submitted_at.is_not(None))
        .group_by(QuizAttempt.user_id, QuizAttempt.quiz_id)
    )
    if quiz_ids is not None:
        statement = statement.where(QuizAttempt.quiz_id.in_(quiz_ids))
    return statement.subquery(name)


def year_of(column: Any) -> ColumnElement[int]:
    return cast(extract("year", column), Integer)
