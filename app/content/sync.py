"""Load a content tree into the database: upsert by slug, archive what disappeared, never delete.

Learners' enrolments and progress hang on course, module and lesson rows that keep their ids
when text changes, so a sync never loses them. Other features add their own files (quizzes)
through `register_extra_syncer`: each syncer is called once per course after its lessons.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.auth.models import User
from app.content.files import ContentTree, CourseFile, LessonFile, ModuleFile, load_tree, validate_tree
from app.content.files.reader import course_folders
from app.courses.models import (
    Course,
    CourseStatus,
    CourseTrainer,
    Lesson,
    LessonStatus,
    LessonTranslation,
    Module,
    StoredImage,
)
from app.courses.services.texts import add_revision, course_links, latest_revisions, render_lesson_cache
from app.db import utcnow


@dataclass
class SyncReport:
    """What a sync did, one line per notable change, plus warnings that did not stop it."""

    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


#: called as syncer(session, course, course_file, report) after a course's lessons are synced
ExtraSyncer = Callable[[Session, Course, CourseFile, SyncReport], None]
EXTRA_SYNCERS: list[ExtraSyncer] = []


def register_extra_syncer(syncer: ExtraSyncer) -> ExtraSyncer:
    """Let another feature sync its own files of a course (the quizzes feature registers quiz sync)."""
    if syncer not in EXTRA_SYNCERS:
        EXTRA_SYNCERS.append(syncer)
    return syncer


def sync_tree(session: Session, tree: ContentTree, *, now: datetime | None = None) -> SyncReport:
    """Upsert every course of `tree`; the caller commits once, so a failure leaves nothing half-done."""
    now = now or utcnow()
    report = SyncReport()
    for course_file in tree.courses:
        sync_course(session, course_file, report, now=now)
    return report


def sync_folder(session: Session, path: Path, *, skip_invalid: bool = False) -> tuple[SyncReport, list[str]]:
    """Validate each course under `path`; sync all of them, or none if one is invalid (unless skipping).

    Returns the report and the problems of invalid courses; the caller commits."""
    invalid, valid = [], []
    for folder in course_folders(path) or [path]:
        problems = validate_tree(folder)
        invalid += [str(problem) for problem in problems]
        if not problems:
            valid.append(folder)
    report = SyncReport()
    if invalid and not skip_invalid:
        return report, invalid
    for folder in valid:
        partial = sync_tree(session, load_tree(folder))
        report.lines += partial.lines
        report.warnings += partial.warnings
    return report, invalid


def sync_course(session: Session, course_file: CourseFile, report: SyncReport, *, now: datetime) -> Course:
    course = _load_course(session, course_file.slug)
    if course is None:
        course = Course(slug=course_file.slug, language=course_file.language, title=course_file.title)
        session.add(course)
        report.lines.append(f"course created: {course_file.slug}")
    else:
        report.lines.append(f"course updated: {course_file.slug}")
    _apply_course_fields(course, course_file)
    _sync_trainers(session, course, course_file, report)
    _sync_images(course, course_file)
    _sync_modules(course, course_file, report)
    session.flush()
    links = course_links(course)
    for module in course.modules:
        for lesson in module.lessons:
            render_lesson_cache(lesson, links)
    _record_revisions(session, course, now)
    for syncer in EXTRA_SYNCERS:
        syncer(session, course, course_file, report)
    return course


def _load_course(session: Session, slug: str) -> Course | None:
    return session.scalar(
        select(Course)
        .where(Course.slug == slug)
        .options(
            selectinload(Course.modules).selectinload(Module.lessons).selectinload(Lesson.translations),
            selectinload(Course.images),
            selectinload(Course.trainer_links),
        )
    )


def _apply_course_fields(course: Course, course_file: CourseFile) -> None:
    course.title, course.summary = course_file.title, course_file.summary
    course.language = course_file.language
    course.status = CourseStatus(course_file.status)
    course.estimated_hours = course_file.estimated_hours
    course.translations = _text_translations(course_file.translations)


def _text_translations(translations: tuple) -> dict[str, dict[str, str]]:
    return {
        item.language: {key: value for key, value in (("title", item.title), ("summary", item.summary)) if value}
        for item in translations
    }


def _sync_trainers(session: Session, course: Course, course_file: CourseFile, report: SyncReport) -> None:
    """Assign the listed trainers who have accounts; trainers assigned in the browser stay."""
    if not course_file.trainers:
        return
    users = session.scalars(select(User).where(User.email.in_([email.lower() for email in course_file.trainers])))
    found = {user.email: user for user in users}
    for email in course_file.trainers:
        user = found.get(email.lower())
        if user is None:
            report.warnings.append(f"{course_file.slug}: trainer {email} has no account; not assigned")
        elif user.id not in course.trainer_ids:
            course.trainer_links.append(CourseTrainer(user_id=user.id))


def _sync_images(course: Course, course_file: CourseFile) -> None:
    existing = {image.path: image for image in course.images}
    for image_file in course_file.images:
        digest = hashlib.sha256(image_file.data).hexdigest()
        image = existing.get(image_file.path)
        if image is None:
            course.images.append(
                StoredImage(path=image_file.path, mime=image_file.mime, data=image_file.data, sha256=digest)
            )
        elif image.sha256 != digest:
            image.mime, image.data, image.sha256 = image_file.mime, image_file.data, digest


def _sync_modules(course: Course, course_file: CourseFile, report: SyncReport) -> None:
    existing = {module.slug: module for module in course.modules}
    for module_file in course_file.modules:
        module = existing.pop(module_file.slug, None)
        if module is None:
            module = Module(slug=module_file.slug, position=module_file.position, title=module_file.title)
            course.modules.append(module)
        module.position, module.title, module.summary = module_file.position, module_file.title, module_file.summary
        module.translations = _text_translations(module_file.translations)
        module.is_archived = False
        _sync_lessons(course, module, module_file, report)
    for module in existing.values():
        if not module.is_archived:
            module.is_archived = True
            report.lines.append(f"module archived: {course.slug}/{module.slug}")


def _sync_lessons(course: Course, module: Module, module_file: ModuleFile, report: SyncReport) -> None:
    existing = {lesson.slug: lesson for lesson in module.lessons}
    for lesson_file in module_file.lessons:
        lesson = existing.pop(lesson_file.slug, None)
        if lesson is None:
            lesson = Lesson(slug=lesson_file.slug, position=lesson_file.position, title=lesson_file.title, version=1)
            module.lessons.append(lesson)
        _apply_lesson(lesson, lesson_file)
    for lesson in existing.values():
        if not lesson.is_archived:
            lesson.is_archived = True
            report.lines.append(f"lesson archived: {course.slug}/{module.slug}/{lesson.slug}")


def _apply_lesson(lesson: Lesson, lesson_file: LessonFile) -> None:
    if lesson.id is not None and (lesson.title, lesson.markdown) != (lesson_file.title, lesson_file.body):
        lesson.version += 1
    lesson.position, lesson.title, lesson.markdown = lesson_file.position, lesson_file.title, lesson_file.body
    lesson.estimated_minutes = lesson_file.estimated_minutes
    lesson.status = LessonStatus(lesson_file.status)
    lesson.is_archived = False
    wanted = {item.language: item for item in lesson_file.translations}
    lesson.translations = [translation for translation in lesson.translations if translation.language in wanted]
    current = {translation.language: translation for translation in lesson.translations}
    for language, item in wanted.items():
        translation = current.get(language)
        if translation is None:
            translation = LessonTranslation(language=language)
            lesson.translations.append(translation)
        translation.title, translation.markdown = item.title or None, item.body or None


def _record_revisions(session: Session, course: Course, now: datetime) -> None:
    """A revision for every lesson whose text differs from its latest revision (or has none)."""
    latest = latest_revisions(session, [lesson.id for module in course.modules for lesson in module.lessons])
    for module in course.modules:
        for lesson in module.lessons:
            revision = latest.get(lesson.id)
            if revision is None or (revision.title, revision.markdown) != (lesson.title, lesson.markdown):
                number = revision.number + 1 if revision else 1
                add_revision(session, lesson, author_id=None, language=course.language, now=now, number=number)
