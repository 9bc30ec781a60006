"""Shared by browser authoring and `content sync`: render a lesson's cache and record revisions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.content.files.lessons import normalise_body
from app.courses.models import Course, Lesson, LessonRevision
from app.courses.services.rendering import CourseLinks, render_lesson, toc_entries


def course_links(course: Course) -> CourseLinks:
    """Every live lesson and every image of a loaded course, as link targets."""
    lessons = frozenset(
        (module.slug, lesson.slug)
        for module in course.modules
        if not module.is_archived
        for lesson in module.lessons
        if not lesson.is_archived
    )
    return CourseLinks(course.slug, lessons, frozenset(image.path for image in course.images))


def normalise_markdown(text: str) -> str:
    """The same normal form as lesson files, so browser edits round-trip through files unchanged."""
    return normalise_body(text.replace("\r\n", "\n").replace("\r", "\n"))


def render_lesson_cache(lesson: Lesson, links: CourseLinks) -> None:
    """Render the lesson and its translations into their cached HTML and tables of contents."""
    rendered = render_lesson(lesson.markdown, links, lesson.module.slug)
    lesson.html, lesson.toc = str(rendered.html), toc_entries(rendered)
    for translation in lesson.translations:
        if translation.markdown:
            rendered = render_lesson(translation.markdown, links, lesson.module.slug)
            translation.html, translation.toc = str(rendered.html), toc_entries(rendered)
        else:
            translation.html, translation.toc = None, []


def add_revision(
    session: Session,
    lesson: Lesson,
    *,
    author_id: int | None,
    language: str,
    now: datetime,
    number: int | None = None,
) -> LessonRevision:
    """Snapshot the lesson's current title and Markdown as its next revision."""
    if number is None:
        last = session.scalar(select(func.max(LessonRevision.number)).where(LessonRevision.lesson_id == lesson.id))
        number = (last or 0) + 1
    revision = LessonRevision(
        lesson_id=lesson.id,
        number=number,
        author_id=author_id,
        created_at=now,
        title=lesson.title,
        markdown=lesson.markdown,
        language=language,
    )
    session.add(revision)
    return revision


def latest_revisions(session: Session, lesson_ids: list[int]) -> dict[int, LessonRevision]:
    """The newest revision of each lesson, in one query."""
    if not lesson_ids:
        return {}
    newest = (
        select(LessonRevision.lesson_id, func.max(LessonRevision.number).label("number"))
        .where(LessonRevision.lesson_id.in_(lesson_ids))
        .group_by(LessonRevision.lesson_id)
        .subquery()
    )
    rows = session.scalars(
        select(LessonRevision).join(
            newest,
            (LessonRevision.lesson_id == newest.c.lesson_id) & (LessonRevision.number == newest.c.number),
        )
    )
    return {revision.lesson_id: revision for revision in rows}
