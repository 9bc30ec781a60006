"""Linking courses and pre/post-test quizzes to an event (every change audited)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit import record_audit
from app.courses.models import Course, Module
from app.errors import Conflict
from app.events.models import AssessmentKind, Event, EventAssessment, EventCourseLink
from app.quizzes.models import Quiz


class CourseAlreadyLinked(Conflict):
    pass


def linked_courses(session: Session, event: Event) -> list[Course]:
    return list(
        session.scalars(
            select(Course)
            .join(EventCourseLink, EventCourseLink.course_id == Course.id)
            .where(EventCourseLink.event_id == event.id)
            .order_by(Course.title)
        )
    )


def assessments(session: Session, event: Event) -> dict[AssessmentKind, Quiz]:
    """The event's pre-test and post-test quizzes, by kind."""
    rows = session.execute(
        select(EventAssessment.kind, Quiz)
        .join(Quiz, Quiz.id == EventAssessment.quiz_id)
        .where(EventAssessment.event_id == event.id)
    )
    return {kind: quiz for kind, quiz in rows}


def course_choices(session: Session) -> list[tuple[int, str]]:
    return [tuple(row) for row in session.execute(select(Course.id, Course.title).order_by(Course.title))]


def quiz_choices(session: Session) -> list[tuple[int, str]]:
    rows = session.execute(
        select(Quiz.id, Course.title, Quiz.title)
        .join(Module, Module.id == Quiz.module_id)
        .join(Course, Course.id == Module.course_id)
        .where(Quiz.is_archived.is_(False))
        .order_by(Course.title, Quiz.title)
    )
    return [(quiz_id, f"{course_title}: {quiz_title}") for quiz_id, course_title, quiz_title in rows]


def link_course(
    session: Session, event: Event, course: Course, *, actor_id: int | None, now: datetime | None = None
) -> EventCourseLink:
    """Link ``course`` to ``event``; its participants' progress then shows in the cohort view."""
    exists = session.scalar(
        select(EventCourseLink.id).where(EventCourseLink.event_id == event.id, EventCourseLink.course_id == course.id)
    )
    if exists is not None:
        raise CourseAlreadyLinked(_("“%(course)s” is already linked to this event.", course=course.title))
    link = EventCourseLink(event_id=event.id, course_id=course.id)
    session.add(link)
    record_audit(
        session, actor_id=actor_id, action="event.course_linked", subject=f"events:{event.id}",
        details={"course_id": course.id}, now=now,
    )  # fmt: skip
    session.flush()
    return link


def unlink_course(
    session: Session, event: Event, course: Course, *, actor_id: int | None, now: datetime | None = None
) -> None:
    """Remove the link (nothing of the learners' progress is touched)."""
    session.execute(
        delete(EventCourseLink).where(EventCourseLink.event_id == event.id, EventCourseLink.course_id == course.id)
    )
    record_audit(
        session, actor_id=actor_id, action="event.course_unlinked", subject=f"events:{event.id}",
        details={"course_id": course.id}, now=now,
    )  # fmt: skip


def set_assessments(
    session: Session,
    event: Event,
    *,
    pre: Quiz | None,
    post: Quiz | None,
    actor_id: int | None,
    now: datetime | None = None,
) -> None:
    """Make ``pre`` and ``post`` the event's pre-test and post-test (None removes one)."""
    session.execute(delete(EventAssessment).where(EventAssessment.event_id == event.id))
    for kind, quiz in ((AssessmentKind.PRE, pre), (AssessmentKind.POST, post)):
        if quiz is not None:
            session.add(EventAssessment(event_id=event.id, quiz_id=quiz.id, kind=kind))
    record_audit(
        session, actor_id=actor_id, action="event.assessments_set", subject=f"events:{event.id}",
        details={"pre_quiz_id": pre.id if pre else None, "post_quiz_id": post.id if post else None}, now=now,
    )  # fmt: skip
    session.flush()
