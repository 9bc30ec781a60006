"""The database back to a content tree, so courses authored in the browser become files too.

Archived modules and lessons, and archived courses, are not exported. Links between lessons are
written with the current `NN-` positions, so a lesson moved in the browser keeps valid links. Other features add their
own parts of a module (quizzes) through `register_module_exporter`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.content.files import ContentTree, CourseFile, ImageFile, LessonFile, ModuleFile, Translation
from app.courses.models import Course, CourseStatus, CourseTrainer, Lesson, Module

#: module slug -> (module position, {lesson slug: lesson position})
Positions = dict[str, tuple[int, dict[str, int]]]
#: a Markdown link to a lesson file: `](02-units.md#si)` or `](../01-basics/02-units.md)`
_LINK = re.compile(r"(?P<open>\]\()(?:\.\./(?P<folder>[a-z0-9-]+)/)?(?P<name>[a-z0-9-]+)\.md(?P<rest>[#)])")
_POSITION = re.compile(r"^\d+-")

#: called as exporter(session, module) -> extra ModuleFile fields, e.g. {"quizzes": (QuizFile, ...)}
ModuleExporter = Callable[[Session, Module], dict[str, Any]]
MODULE_EXPORTERS: list[ModuleExporter] = []


def register_module_exporter(exporter: ModuleExporter) -> ModuleExporter:
    """Let another feature write its own files of a module (the quizzes feature registers quizzes)."""
    if exporter not in MODULE_EXPORTERS:
        MODULE_EXPORTERS.append(exporter)
    return exporter


def export_tree(session: Session, slugs: list[str] | None = None) -> ContentTree:
    """Every course that is not archived (or just `slugs`), as a content tree."""
    statement = (
        select(Course)
        .where(Course.status != CourseStatus.ARCHIVED)
        .order_by(Course.slug)
        .options(
            selectinload(Course.modules).selectinload(Module.lessons).selectinload(Lesson.translations),
            selectinload(Course.images),
            selectinload(Course.trainer_links).selectinload(CourseTrainer.user),
        )
    )
    if slugs:
        statement = statement.where(Course.slug.in_(slugs))
    return ContentTree(tuple(course_file(session, course) for course in session.scalars(statement)))


def course_file(session: Session, course: Course) -> CourseFile:
    positions = _positions(course)
    return CourseFile(
        slug=course.slug,
        title=course.title,
        summary=course.summary,
        language=course.language,
        status=str(course.status),
        trainers=tuple(sorted(link.user.email for link in course.trainer_links)),
        estimated_hours=course.estimated_hours,
        modules=tuple(_module_file(session, module, positions) for module in course.modules if not module.is_archived),
        images=tuple(ImageFile(image.path, image.data, image.mime) for image in course.images),
        translations=_text_translations(course.translations),
    )


def _module_file(session: Session, module: Module, positions: Positions) -> ModuleFile:
    extra: dict[str, Any] = {}
    for exporter in MODULE_EXPORTERS:
        extra |= exporter(session, module)
    return ModuleFile(
        position=module.position,
        slug=module.slug,
        title=module.title,
        summary=module.summary,
        lessons=tuple(_lesson_file(lesson, positions) for lesson in module.lessons if not lesson.is_archived),
        translations=_text_translations(module.translations),
        **extra,
    )


def _lesson_file(lesson: Lesson, positions: Positions) -> LessonFile:
    def renumber(text: str) -> str:
        return _LINK.sub(lambda match: _renumbered(match, lesson.module.slug, positions), text)

    return LessonFile(
        position=lesson.position,
        slug=lesson.slug,
        title=lesson.title,
        estimated_minutes=lesson.estimated_minutes,
        body=renumber(lesson.markdown),
        status=str(lesson.status),
        translations=tuple(
            Translation(item.language, title=item.title, body=renumber(item.markdown or ""))
            for item in lesson.translations
        ),
    )


def _text_translations(translations: dict[str, dict[str, str]]) -> tuple[Translation, ...]:
    return tuple(
        Translation(language, title=texts.get("title"), summary=texts.get("summary"))
        for language, texts in sorted(translations.items())
    )


def _positions(course: Course) -> Positions:
    return {
        module.slug: (module.position, {lesson.slug: lesson.position for lesson in module.lessons})
        for module in course.modules
        if not module.is_archived
    }


def _renumbered(match: re.Match[str], module_slug: str, positions: Positions) -> str:
    folder = match["folder"]
    target_module = _POSITION.sub("", folder) if folder else module_slug
    lesson_slug = _POSITION.sub("", match["name"])
    module_position, lessons = positions.get(target_module, (None, {}))
    if module_position is None or lesson_slug not in lessons:
        return match[0]
    name = f"{lessons[lesson_slug]:02d}-{lesson_slug}.md"
    prefix = f"../{module_position:02d}-{target_module}/" if folder else ""
    return f"{match['open']}{prefix}{name}{match['rest']}"
