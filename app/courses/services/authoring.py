"""Trainers' work in the browser: courses, modules, lessons, revisions and images.

Every save of a lesson writes a revision. A save carries the lesson `version` the editor started
from; if someone saved in between, it is refused with `StaleLesson` and nothing is overwritten.
"""

from __future__ import annotations

import difflib
import hashlib
from datetime import datetime

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.content.files.schema import SLUG
from app.courses.models import (
    Course,
    CourseStatus,
    CourseTrainer,
    Lesson,
    LessonRevision,
    LessonStatus,
    Module,
    StoredImage,
)
from app.courses.services.rendering import render_lesson
from app.courses.services.texts import add_revision, course_links, normalise_markdown, render_lesson_cache
from app.db import utcnow
from app.errors import Conflict, DomainError, NotFound

#: course slugs that would hide a page of the courses area
RESERVED_SLUGS = {"manage", "learning", "images"}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
IMAGE_SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
MAX_IMAGE_BYTES = 2 * 1024 * 1024


class SlugTaken(DomainError):
    pass


class StaleLesson(Conflict):
    pass


class InvalidImage(DomainError):
    pass


def _check_slug(slug: str) -> None:
    if not SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise DomainError(_("The short name must use lower-case letters, digits and hyphens, e.g. water-basics."))


def get_course_for_editing(session: Session, slug: str) -> Course | None:
    return session.scalar(
        select(Course)
        .where(Course.slug == slug)
        .options(
            selectinload(Course.modules).selectinload(Module.lessons).selectinload(Lesson.translations),
            selectinload(Course.trainer_links).selectinload(CourseTrainer.user),
            selectinload(Course.images),
        )
    )


def list_courses_for(session: Session, user_id: int, *, every_course: bool) -> list[Course]:
    """The courses a trainer is assigned to (admins: every course)."""
    statement = select(Course).options(selectinload(Course.trainer_links)).order_by(Course.title)
    if not every_course:
        statement = statement.join(CourseTrainer).where(CourseTrainer.user_id == user_id)
    return list(session.scalars(statement))


def create_course(
    session: Session, *, slug: str, title: str, summary: str, language: str, trainer_id: int | None
) -> Course:
    """A new draft course; the creating trainer is assigned to it."""
    _check_slug(slug)
    if session.scalar(select(Course.id).where(Course.slug == slug)) is not None:
        raise SlugTaken(_("A course with the short name %(slug)s already exists.", slug=slug))
    course = Course(slug=slug, title=title.strip(), summary=summary.strip(), language=language, translations={})
    if trainer_id is not None:
        course.trainer_links.append(CourseTrainer(user_id=trainer_id))
    session.add(course)
    session.flush()
    return course


def update_course(course: Course, *, title: str, summary: str, status: str, estimated_hours: float | None) -> None:
    course.title, course.summary = title.strip(), summary.strip()
    course.status, course.estimated_hours = CourseStatus(status), estimated_hours


def add_module(session: Session, course: Course, *, slug: str, title: str) -> Module:
    _check_slug(slug)
    if any(module.slug == slug for module in course.modules):
        raise SlugTaken(_("This course already has a module %(slug)s (perhaps archived).", slug=slug))
    position = max((module.position for module in course.modules), default=0) + 1
    module = Module(slug=slug, title=title.strip(), position=position, translations={})
    course.modules.append(module)
    session.flush()
    return module


def rename_module(module: Module, *, title: str) -> None:
    module.title = title.strip()


def move(items: list, item: object, step: int) -> None:
    """Move `item` one place up (-1) or down (+1) among `items` and renumber them 1..n."""
    ordered = sorted(items, key=lambda entry: entry.position)
    index = ordered.index(item)
    target = index + step
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, entry in enumerate(ordered, start=1):
        entry.position = position


def move_module(course: Course, module: Module, step: int) -> None:
    move([entry for entry in course.modules if not entry.is_archived], module, step)


def move_lesson(module: Module, lesson: Lesson, step: int) -> None:
    move([entry for entry in module.lessons if not entry.is_archived], lesson, step)


def add_lesson(
    session: Session,
    course: Course,
    module: Module,
    *,
    slug: str,
    title: str,
    author_id: int,
    now: datetime | None = None,
) -> Lesson:
    """A new draft lesson at the end of the module, with its first revision."""
    _check_slug(slug)
    if any(lesson.slug == slug for lesson in module.lessons):
        raise SlugTaken(_("This module already has a lesson %(slug)s (perhaps archived).", slug=slug))
    position = max((lesson.position for lesson in module.lessons), default=0) + 1
    lesson = Lesson(slug=slug, title=title.strip(), position=position, markdown="", html="", toc=[], version=1)
    module.lessons.append(lesson)
    session.flush()
    add_revision(session, lesson, author_id=author_id, language=course.language, now=now or utcnow(), number=1)
    return lesson


def preview_lesson(course: Course, module: Module, markdown_text: str) -> Markup:
    """Sanitised HTML of unsaved Markdown, as the lesson page would show it."""
    return render_lesson(normalise_markdown(markdown_text), course_links(course), module.slug).html


def save_lesson(
    session: Session,
    course: Course,
    lesson: Lesson,
    *,
    title: str,
    markdown_text: str,
    estimated_minutes: int,
    publish: bool,
    version: int,
    author_id: int,
    now: datetime | None = None,
) -> None:
    """Save a new text (refused if the lesson changed since `version`), render it and add a revision."""
    if version != lesson.version:
        raise StaleLesson(
            _(
                "Someone else saved this lesson while you were editing it. Your text is still in the form: "
                "copy it, open the lesson again and merge your changes."
            )
        )
    lesson.title, lesson.markdown = title.strip(), normalise_markdown(markdown_text)
    lesson.estimated_minutes = estimated_minutes
    lesson.status = LessonStatus.PUBLISHED if publish else LessonStatus.DRAFT
    lesson.version += 1
    render_lesson_cache(lesson, course_links(course))
    add_revision(session, lesson, author_id=author_id, language=course.language, now=now or utcnow())


def list_revisions(session: Session, lesson: Lesson) -> list[LessonRevision]:
    return list(
        session.scalars(
            select(LessonRevision)
            .where(LessonRevision.lesson_id == lesson.id)
            .options(selectinload(LessonRevision.author))
            .order_by(LessonRevision.number.desc())
        )
    )


def get_revision(session: Session, lesson: Lesson, number: int) -> LessonRevision:
    revision = session.scalar(
        select(LessonRevision).where(LessonRevision.lesson_id == lesson.id, LessonRevision.number == number)
    )
    if revision is None:
        raise NotFound(_("This lesson has no revision %(number)s.", number=number))
    return revision


def compare_revisions(old: LessonRevision, new: LessonRevision) -> Markup:
    """A side-by-side HTML table of the Markdown differences; difflib escapes the text."""
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        [old.title, "", *old.markdown.splitlines()],
        [new.title, "", *new.markdown.splitlines()],
        fromdesc=_("Revision %(number)s", number=old.number),
        todesc=_("Revision %(number)s", number=new.number),
        context=True,
    )
    return Markup(table.replace(' nowrap="nowrap"', ""))  # noqa: S704 -- HtmlDiff escapes every line


def restore_revision(
    session: Session,
    course: Course,
    lesson: Lesson,
    revision: LessonRevision,
    *,
    author_id: int,
    now: datetime | None = None,
) -> None:
    """Bring back an old text as a new revision; the history in between is kept."""
    lesson.title, lesson.markdown = revision.title, revision.markdown
    lesson.version += 1
    render_lesson_cache(lesson, course_links(course))
    add_revision(session, lesson, author_id=author_id, language=course.language, now=now or utcnow())


def upload_image(session: Session, course: Course, *, name: str, data: bytes) -> StoredImage:
    """Store a PNG, JPEG, GIF or WebP image (checked by its content) under images/<name>."""
    stem = name.rsplit(".", 1)[0].lower()
    extension = _image_kind(data)
    if extension is None:
        raise InvalidImage(_("Only PNG, JPEG, GIF and WebP images can be uploaded."))
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidImage(_("The image is larger than 2 MB; please make it smaller."))
    if not SLUG.match(stem):
        raise InvalidImage(_("Name the image file in lower-case letters, digits and hyphens, e.g. basin-map.png."))
    path = f"images/{stem}.{extension}"
    mime = {value: key for key, value in IMAGE_TYPES.items()}[extension]
    existing = next((image for image in course.images if image.path == path), None)
    digest = hashlib.sha256(data).hexdigest()
    if existing is None:
        existing = StoredImage(path=path, mime=mime, data=data, sha256=digest)
        course.images.append(existing)
    else:
        existing.mime, existing.data, existing.sha256 = mime, data, digest
    session.flush()
    return existing


def _image_kind(data: bytes) -> str | None:
    """The image type by its first bytes; the file name and the browser's claim are not trusted."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return next((kind for kind, marks in IMAGE_SIGNATURES.items() if data.startswith(marks)), None)


def image_snippet(image: StoredImage) -> str:
    return f"![{_('Describe the image')}](../{image.path})"


def get_image(session: Session, course_slug: str, path: str) -> StoredImage | None:
    return session.scalar(select(StoredImage).join(Course).where(Course.slug == course_slug, StoredImage.path == path))
