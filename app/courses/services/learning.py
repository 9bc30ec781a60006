"""What learners see and do: the catalogue, course outlines, lesson pages, enrolment and progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, and_, bindparam, distinct, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, contains_eager, selectinload

from app.courses.models import (
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonProgress,
    LessonStatus,
    Module,
)
from app.db import utcnow
from app.errors import DomainError

#: a lesson is shown to learners when it and its module are live and it is published
LIVE_LESSON = and_(Lesson.status == LessonStatus.PUBLISHED, Lesson.is_archived.is_(False))
LIVE_MODULE = Module.is_archived.is_(False)


class NotEnrolled(DomainError):
    pass


class CourseNotOpen(DomainError):
    pass


@dataclass(frozen=True)
class CatalogueEntry:
    course: Course
    module_count: int
    lesson_minutes: int

    @property
    def hours(self) -> float:
        return self.course.estimated_hours or round(self.lesson_minutes / 60, 1)


@dataclass(frozen=True)
class LessonLink:
    module_slug: str
    slug: str
    title: str


@dataclass(frozen=True, slots=True)
class PageCourse:
    """The course as the lesson page and ``policy.can_view_lesson`` read it."""

    id: int
    slug: str
    title: str
    status: str
    language: str
    #: the reader's id when they are one of the course's trainers (all the policy asks of this page)
    trainer_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class PageModule:
    slug: str
    title: str
    is_archived: bool
    course: PageCourse


@dataclass(frozen=True, slots=True)
class PageLesson:
    id: int
    slug: str
    status: str
    is_archived: bool
    version: int
    module: PageModule


@dataclass(frozen=True, slots=True)
class LessonPage:
    """Everything a lesson page shows, as plain values: hashable, so a rendered page can be kept per page."""

    lesson: PageLesson
    title: str
    html: str
    toc: tuple[tuple[Any, ...], ...]
    #: the course language shown because the reader's language has no translation
    fallback_language: str | None
    previous: LessonLink | None
    next: LessonLink | None
    is_enrolled: bool
    is_done: bool


def translated(texts: dict[str, Any], language: str, key: str, original: str | None) -> str | None:
    """A course's or module's text in `language` when translated, else the original."""
    return (texts.get(language) or {}).get(key) or original


def list_catalogue(session: Session) -> list[CatalogueEntry]:
    """Published courses with their module count and lesson minutes, in one query."""
    rows = session.execute(
        select(Course, func.count(distinct(Module.id)), func.coalesce(func.sum(Lesson.estimated_minutes), 0))
        .outerjoin(Module, and_(Module.course_id == Course.id, LIVE_MODULE))
        .outerjoin(Lesson, and_(Lesson.module_id == Module.id, LIVE_LESSON))
        .where(Course.status == CourseStatus.PUBLISHED)
        .group_by(Course.id)
        .order_by(Course.title)
    )
    return [CatalogueEntry(course, modules, minutes) for course, modules, minutes in rows]


def get_course_outline(session: Session, slug: str) -> Course | None:
    """A course with its modules, lessons and trainers loaded."""
    return session.scalar(
        select(Course)
        .where(Course.slug == slug)
        .options(
            selectinload(Course.modules).selectinload(Module.lessons),
            selectinload(Course.trainer_links),
        )
    )


def visible_outline(course: Course, *, include_drafts: bool) -> list[tuple[Module, list[Lesson]]]:
    """The modules and lessons a reader may see, in order."""
    outline = []
    for module in course.modules:
        if module.is_archived:
            continue
        lessons = [
            lesson
            for lesson in module.lessons
            if not lesson.is_archived and (include_drafts or lesson.status == LessonStatus.PUBLISHED)
        ]
        if lessons or include_drafts:
            outline.append((module, lessons))
    return outline


def done_lesson_ids(session: Session, course_id: int, user_id: int) -> set[int]:
    return set(
        session.scalars(
            select(LessonProgress.lesson_id)
            .join(Lesson, Lesson.id == LessonProgress.lesson_id)
            .join(Module, Module.id == Lesson.module_id)
            .where(Module.course_id == course_id, LessonProgress.user_id == user_id)
        )
    )


def is_enrolled(session: Session, course_id: int, user_id: int) -> bool:
    query = select(Enrolment.id).where(Enrolment.course_id == course_id, Enrolment.user_id == user_id)
    return session.scalar(query) is not None


def enrol(session: Session, course: Course, user_id: int, *, now: datetime | None = None) -> bool:
    """Enrol the user; True when newly enrolled, False when they already were."""
    if course.status != CourseStatus.PUBLISHED:
        raise CourseNotOpen(_("This course is not open for enrolment."))
    if is_enrolled(session, course.id, user_id):
        return False
    try:
        with session.begin_nested():
            session.add(Enrolment(course_id=course.id, user_id=user_id, enrolled_at=now or utcnow()))
    except IntegrityError:
        return False  # a double click raced us; the learner is enrolled either way
    return True


def get_lesson(session: Session, course_slug: str, module_slug: str, lesson_slug: str) -> Lesson | None:
    """A lesson by its slugs, with its module and course, in one query."""
    parameters = {"course_slug": course_slug, "module_slug": module_slug, "lesson_slug": lesson_slug}
    return session.scalar(_lesson_statement(), parameters)


@cache
def _lesson_statement() -> Select:
    """Built once: the lesson page is the busiest page."""
    return (
        select(Lesson)
        .join(Lesson.module)
        .join(Module.course)
        .where(
            Course.slug == bindparam("course_slug"),
            Module.slug == bindparam("module_slug"),
            Lesson.slug == bindparam("lesson_slug"),
        )
        .options(contains_eager(Lesson.module).contains_eager(Module.course))
    )


def mark_done(session: Session, lesson: Lesson, user_id: int, *, now: datetime | None = None) -> None:
    """Record that the learner finished the lesson (idempotent); only enrolled learners."""
    if not is_enrolled(session, lesson.module.course_id, user_id):
        raise NotEnrolled(_("Enrol in the course first; then your progress is saved."))
    exists = select(LessonProgress.id).where(LessonProgress.lesson_id == lesson.id, LessonProgress.user_id == user_id)
    if session.scalar(exists) is None:
        session.add(LessonProgress(lesson_id=lesson.id, user_id=user_id, completed_at=now or utcnow()))
