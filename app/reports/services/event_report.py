"""One event's report: registered vs attended, sessions, certificates, the course cohort, knowledge gain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.courses.models import Course
from app.events.models import (
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    Certificate,
    Event,
    EventAssessment,
    EventCourseLink,
    EventSession,
    Person,
    Registration,
)
from app.reports.services.base import (
    account_people,
    attendance_days,
    attendees,
    best_scores,
    canonical_person_id,
    counted_registration,
    course_completions,
    registered,
)


@dataclass(frozen=True)
class EventSummary:
    registered: int
    attended: int
    sessions: int
    certificates: int


@dataclass(frozen=True)
class SessionRow:
    title: str
    held_on: date
    present: int
    late: int
    excused: int
    absent: int


@dataclass(frozen=True)
class CohortRow:
    course_id: int
    title: str
    participants: int
    with_account: int
    enrolled: int
    completed: int


@dataclass(frozen=True)
class GainRow:
    name: str
    pre: float | None
    post: float | None


@dataclass(frozen=True)
class GainSummary:
    pre_mean: float | None
    pre_count: int
    post_mean: float | None
    post_count: int
    gain_mean: float | None
    gain_count: int


def event_summary(session: Session, event: Event) -> EventSummary:
    """Counted registrations, attendees, sessions and certificates issued (not revoked), in one statement."""
    signed_up = registered(event_id=event.id)
    attended = attendees(attendance_days(event_id=event.id))
    row = session.execute(
        select(
            select(func.count()).select_from(signed_up).scalar_subquery(),
            select(func.count()).select_from(attended).scalar_subquery(),
            select(func.count(EventSession.id)).where(EventSession.event_id == event.id).scalar_subquery(),
            select(func.count(Certificate.id))
            .where(Certificate.event_id == event.id, Certificate.revoked_at.is_(None))
            .scalar_subquery(),
        )
    ).one()
    return EventSummary(*(int(value or 0) for value in row))


def session_rows(session: Session, event: Event) -> list[SessionRow]:
    """Per session: how many counted participants were present, late, excused and absent."""
    person = canonical_person_id()

    def with_status(status: AttendanceStatus):  # noqa: ANN202  (a labelled count expression)
        return func.count(func.distinct(case((Attendance.status == status, person)))).label(status.value)

    rows = session.execute(
        select(EventSession.title, EventSession.held_on, *(with_status(status) for status in AttendanceStatus))
        .outerjoin(Attendance, Attendance.session_id == EventSession.id)
        .outerjoin(
            Registration,
            and_(
                Registration.event_id == EventSession.event_id,
                Registration.person_id == Attendance.person_id,
                counted_registration(),
            ),
        )
        .outerjoin(Person, and_(Person.id == Attendance.person_id, Registration.id.is_not(None)))
        .where(EventSession.event_id == event.id)
        .group_by(EventSession.id, EventSession.title, EventSession.held_on, EventSession.start_time)
        .order_by(EventSession.held_on, EventSession.start_time, EventSession.id)
    )
    return [SessionRow(*row) for row in rows]


def cohort_rows(session: Session, event: Event) -> list[CohortRow]:
    """Per linked course: attendees, those with an account, enrolled and completed among them."""
    attended = attendees(attendance_days(event_id=event.id))
    accounts = account_people()
    linked = select(EventCourseLink.course_id).where(EventCourseLink.event_id == event.id)
    completions = course_completions(linked)
    rows = session.execute(
        select(
            Course.id,
            Course.title,
            func.count(func.distinct(attended.c.person_id)),
            func.count(func.distinct(accounts.c.person_id)),
            func.count(func.distinct(case((completions.c.user_id.is_not(None), accounts.c.person_id)))),
            func.count(func.distinct(case((completions.c.completed == 1, accounts.c.person_id)))),
        )
        .select_from(EventCourseLink)
        .join(Course, Course.id == EventCourseLink.course_id)
        .outerjoin(attended, attended.c.event_id == EventCourseLink.event_id)
        .outerjoin(accounts, accounts.c.person_id == attended.c.person_id)
        .outerjoin(
            completions,
            and_(completions.c.user_id == accounts.c.user_id, completions.c.course_id == Course.id),
        )
        .where(EventCourseLink.event_id == event.id)
        .group_by(Course.id, Course.title)
        .order_by(Course.title)
    )
    return [CohortRow(*row) for row in rows]


def _gain_query(event: Event):  # noqa: ANN202  (a Select of name, pre, post)
    attended = attendees(attendance_days(event_id=event.id))
    accounts = account_people()

    def assessment(kind: AssessmentKind):  # noqa: ANN202
        return (
            select(EventAssessment.quiz_id)
            .where(EventAssessment.event_id == event.id, EventAssessment.kind == kind)
            .scalar_subquery()
        )

    pre = best_scores(name="pre_scores")
    post = best_scores(name="post_scores")
    return (
        select(Person.full_name.label("name"), pre.c.best_percent.label("pre"), post.c.best_percent.label("post"))
        .select_from(attended)
        .join(Person, Person.id == attended.c.person_id)
        .join(accounts, accounts.c.person_id == attended.c.person_id)
        .outerjoin(pre, and_(pre.c.user_id == accounts.c.user_id, pre.c.quiz_id == assessment(AssessmentKind.PRE)))
        .outerjoin(post, and_(post.c.user_id == accounts.c.user_id, post.c.quiz_id == assessment(AssessmentKind.POST)))
        .where(attended.c.event_id == event.id, (pre.c.user_id.is_not(None)) | (post.c.user_id.is_not(None)))
    )


def knowledge_gain_rows(session: Session, event: Event) -> list[GainRow]:
    """Each attendee's best pre-test and post-test score (percent), by name."""
    statement = _gain_query(event).order_by(Person.full_name)
    return [GainRow(row.name, _round(row.pre), _round(row.post)) for row in session.execute(statement)]


def knowledge_gain_summary(session: Session, event: Event) -> GainSummary:
    """Mean best pre-test and post-test scores, and the mean gain of those who took both."""
    scores = _gain_query(event).subquery()
    both = and_(scores.c.pre.is_not(None), scores.c.post.is_not(None))
    gain = case((both, scores.c.post - scores.c.pre))
    row = session.execute(
        select(
            func.avg(scores.c.pre),
            func.count(scores.c.pre),
            func.avg(scores.c.post),
            func.count(scores.c.post),
            func.avg(gain),
            func.count(gain),
        )
    ).one()
    return GainSummary(_round(row[0]), row[1], _round(row[2]), row[3], _round(row[4]), row[5])


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)
