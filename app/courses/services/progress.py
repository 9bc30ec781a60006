"""Lesson pages, learners' progress and the course completion rule.

A course is complete when every live lesson is done and every *completion requirement* is met.
Other features add requirements with `register_completion_requirement`: the quizzes feature
registers "every required quiz passed". A provider is called as provider(session, course, user_id)
and returns a list of `Requirement`s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, literal, select
from sqlalchemy.orm import Session, aliased

from app.courses.models import Course, CourseTrainer, Enrolment, Lesson, LessonProgress, LessonTranslation, Module
from app.courses.services.learning import (
    LIVE_LESSON,
    LIVE_MODULE,
    LessonLink,
    LessonPage,
    PageCourse,
    PageLesson,
    PageModule,
    mark_done,
)
from app.driver_statements import DriverStatement


@dataclass(frozen=True)
class Requirement:
    label: str
    met: bool


RequirementProvider = Callable[[Session, Course, int], list[Requirement]]
COMPLETION_REQUIREMENTS: list[RequirementProvider] = []


def register_completion_requirement(provider: RequirementProvider) -> RequirementProvider:
    if provider not in COMPLETION_REQUIREMENTS:
        COMPLETION_REQUIREMENTS.append(provider)
    return provider


@dataclass(frozen=True)
class CourseProgress:
    course: Course
    lessons_total: int
    lessons_done: int
    next_lesson: LessonLink | None

    @property
    def percent(self) -> int:
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons_total else 0


def completion_requirements(session: Session, course: Course, user_id: int) -> list[Requirement]:
    return [item for provider in COMPLETION_REQUIREMENTS for item in provider(session, course, user_id)]


def is_course_complete(session: Session, course: Course, user_id: int) -> bool:
    """Every live lesson done and every registered requirement (e.g. required quizzes) met."""
    total, done = _lesson_counts(session, user_id, [course.id]).get(course.id, (0, 0))
    if done < total:
        return False
    return all(item.met for item in completion_requirements(session, course, user_id))


def load_lesson_page(session: Session, slugs: tuple[str, str, str], user_id: int, language: str) -> LessonPage | None:
    """The lesson at (course, module, lesson) slugs as the reader sees it, in one Core statement: the lesson,
    its translation into ``language``, previous and next live lesson, enrolment and done flags. None if no
    such lesson. The HTML was rendered at save time; nothing is rendered here."""
    course_slug, module_slug, lesson_slug = slugs
    parameters = {
        "course_slug": course_slug,
        "module_slug": module_slug,
        "lesson_slug": lesson_slug,
        "user_id": user_id,
        "language": language,
    }
    rows = LESSON_PAGE.rows(session, parameters)
    if not rows:
        return None
    row = rows[0]._asdict()
    course = PageCourse(
        row["course_id"],
        course_slug,
        row["course_title"],
        str(row["course_status"]),
        row["course_language"],
        frozenset({user_id}) if row["trains_course"] is not None else frozenset(),
    )
    module = PageModule(module_slug, row["module_title"], row["module_archived"], course)
    lesson = PageLesson(row["id"], lesson_slug, str(row["status"]), row["is_archived"], row["version"], module)
    title, html, toc, fallback = row["title"], row["html"], row["toc"], None
    if language != course.language:
        title = row["translated_title"] or title
        if row["translated_html"]:
            html, toc = row["translated_html"], row["translated_toc"]
        else:
            fallback = course.language
    return LessonPage(
        lesson,
        title,
        html,
        tuple(tuple(entry) for entry in toc or ()),
        fallback,
        _link(row, "prev"),
        _link(row, "next"),
        is_enrolled=row["enrolled_id"] is not None,
        is_done=row["done_id"] is not None,
    )


def finish_lesson(session: Session, lesson: Lesson, user_id: int, *, now: datetime | None = None) -> LessonLink | None:
    """Mark the lesson done (only enrolled learners) and return the next live lesson, if any."""
    mark_done(session, lesson, user_id, now=now)
    parameters = {"course_id": lesson.module.course_id, "lesson_id": lesson.id, "user_id": user_id}
    return _link(session.execute(_lesson_state_statement(), parameters).mappings().one(), "next")


def _neighbours(course_lessons: Select) -> Any:
    """Subquery (id, prev_*, next_*): each live lesson of ``course_lessons`` (a select of one course's
    lessons joined to their module) with the slug, title and module slug of the live lessons around it."""
    order = (Module.position, Lesson.position)
    columns = {"slug": Lesson.slug, "title": Lesson.title, "module_slug": Module.slug}
    return (
        course_lessons.add_columns(
            *(func.lag(column).over(order_by=order).label(f"prev_{name}") for name, column in columns.items()),
            *(func.lead(column).over(order_by=order).label(f"next_{name}") for name, column in columns.items()),
        )
        .where(LIVE_LESSON, LIVE_MODULE)
        .subquery("neighbours")
    )


# The lesson page is the busiest page: its statements are built once and reused with bound values.
def _lesson_page_statement() -> Select:
    """One row for the lesson at the three slugs; see ``load_lesson_page``."""
    course_lessons = (
        select(Lesson.id)
        .join(Module, Module.id == Lesson.module_id)
        .join(Course, Course.id == Module.course_id)
        .where(Course.slug == bindparam("course_slug"))
    )
    ordered = _neighbours(course_lessons)
    reader = {
        "enrolled_id": select(Enrolment.id).where(
            Enrolment.course_id == Course.id, Enrolment.user_id == bindparam("user_id")
        ),
        "done_id": select(LessonProgress.id).where(
            LessonProgress.lesson_id == Lesson.id, LessonProgress.user_id == bindparam("user_id")
        ),
        "trains_course": select(CourseTrainer.id).where(
            CourseTrainer.course_id == Course.id, CourseTrainer.user_id == bindparam("user_id")
        ),
    }
    translation = and_(LessonTranslation.lesson_id == Lesson.id, LessonTranslation.language == bindparam("language"))
    return (
        select(
            Lesson.id,
            Lesson.title,
            Lesson.html,
            Lesson.toc,
            Lesson.status,
            Lesson.is_archived,
            Lesson.version,
            Module.title.label("module_title"),
            Module.is_archived.label("module_archived"),
            Course.id.label("course_id"),
            Course.title.label("course_title"),
            Course.status.label("course_status"),
            Course.language.label("course_language"),
            LessonTranslation.title.label("translated_title"),
            LessonTranslation.html.label("translated_html"),
            LessonTranslation.toc.label("translated_toc"),
            *(query.scalar_subquery().label(name) for name, query in reader.items()),
            *(column for column in ordered.c if column.name != "id"),
        )
        .join(Module, Module.id == Lesson.module_id)
        .join(Course, Course.id == Module.course_id)
        .outerjoin(LessonTranslation, translation)
        .outerjoin(ordered, ordered.c.id == Lesson.id)
        .where(
            Course.slug == bindparam("course_slug"),
            Module.slug == bindparam("module_slug"),
            Lesson.slug == bindparam("lesson_slug"),
        )
    )


#: runs straight on the driver (app.driver_statements): the statement is most of what the page costs
LESSON_PAGE = DriverStatement(_lesson_page_statement)


@cache
def _lesson_state_statement() -> Select:
    """Previous and next live lesson of the course, enrolment and done flag: always exactly one row."""
    ordered = _neighbours(
        select(Lesson.id).join(Module, Module.id == Lesson.module_id).where(Module.course_id == bindparam("course_id"))
    )
    enrolled = select(Enrolment.id).where(
        Enrolment.course_id == bindparam("course_id"), Enrolment.user_id == bindparam("user_id")
    )
    done = select(LessonProgress.id).where(
        LessonProgress.lesson_id == bindparam("lesson_id"), LessonProgress.user_id == bindparam("user_id")
    )
    one_row = select(literal(1).label("one")).subquery()
    navigation = [column for column in ordered.c if column.name != "id"]
    return select(
        enrolled.scalar_subquery().label("enrolled_id"), done.scalar_subquery().label("done_id"), *navigation
    ).select_from(one_row.outerjoin(ordered, ordered.c.id == bindparam("lesson_id")))


def _link(row: Mapping[str, Any], prefix: str) -> LessonLink | None:
    if row[f"{prefix}_slug"] is None:
        return None
    return LessonLink(row[f"{prefix}_module_slug"], row[f"{prefix}_slug"], row[f"{prefix}_title"])


def list_my_learning(session: Session, user_id: int) -> list[CourseProgress]:
    """Each enrolled course with lesson counts and the next lesson to read, in three queries."""
    courses = list(
        session.scalars(
            select(Course)
            .join(Enrolment, Enrolment.course_id == Course.id)
            .where(Enrolment.user_id == user_id)
            .order_by(Enrolment.enrolled_at.desc(), Course.id)
        )
    )
    ids = [course.id for course in courses]
    counts = _lesson_counts(session, user_id, ids)
    upcoming = _next_lessons(session, user_id, ids)
    return [CourseProgress(course, *counts.get(course.id, (0, 0)), upcoming.get(course.id)) for course in courses]


def _live_lessons(user_id: int, course_ids: list[int]):  # noqa: ANN202  (a Select of a few columns)
    progress = aliased(LessonProgress)
    order = (Module.position, Lesson.position)
    return (
        select(
            Module.course_id.label("course_id"),
            Module.slug.label("module_slug"),
            Lesson.slug.label("slug"),
            Lesson.title.label("title"),
            progress.id.label("done_id"),
            func.row_number().over(partition_by=Module.course_id, order_by=order).label("place"),
        )
        .join(Module, Module.id == Lesson.module_id)
        .outerjoin(progress, and_(progress.lesson_id == Lesson.id, progress.user_id == user_id))
        .where(Module.course_id.in_(course_ids), LIVE_LESSON, LIVE_MODULE)
    )


def _lesson_counts(session: Session, user_id: int, course_ids: list[int]) -> dict[int, tuple[int, int]]:
    if not course_ids:
        return {}
    lessons = _live_lessons(user_id, course_ids).subquery()
    rows = session.execute(
        select(lessons.c.course_id, func.count(), func.count(lessons.c.done_id)).group_by(lessons.c.course_id)
    )
    return {course_id: (total, done) for course_id, total, done in rows}


def _next_lessons(session: Session, user_id: int, course_ids: list[int]) -> dict[int, LessonLink]:
    if not course_ids:
        return {}
    lessons = _live_lessons(user_id, course_ids).subquery()
    first_open = (
        select(lessons.c.course_id, func.min(lessons.c.place).label("place"))
        .where(lessons.c.done_id.is_(None))
        .group_by(lessons.c.course_id)
        .subquery()
    )
    rows = session.execute(
        select(lessons.c.course_id, lessons.c.module_slug, lessons.c.slug, lessons.c.title).join(
            first_open, and_(first_open.c.course_id == lessons.c.course_id, first_open.c.place == lessons.c.place)
        )
    )
    return {row.course_id: LessonLink(row.module_slug, row.slug, row.title) for row in rows}
