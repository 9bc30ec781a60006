"""Courses, modules, lessons with revisions and translations, images, enrolment and progress."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from app.auth.models import User


class CourseStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class LessonStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: the language the course is written in; translations fall back to it
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[CourseStatus] = mapped_column(enum_type(CourseStatus), default=CourseStatus.DRAFT, index=True)
    estimated_hours: Mapped[float | None]
    #: {"ru": {"title": ..., "summary": ...}}
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    modules: Mapped[list[Module]] = relationship(
        back_populates="course", order_by="Module.position", cascade="all, delete-orphan"
    )
    trainer_links: Mapped[list[CourseTrainer]] = relationship(back_populates="course", cascade="all, delete-orphan")
    images: Mapped[list[StoredImage]] = relationship(
        back_populates="course", order_by="StoredImage.path", cascade="all, delete-orphan"
    )

    @property
    def trainer_ids(self) -> set[int]:
        return {link.user_id for link in self.trainer_links}


class CourseTrainer(Base):
    __tablename__ = "course_trainers"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    course: Mapped[Course] = relationship(back_populates="trainer_links")
    user: Mapped[User] = relationship()


class Module(Base):
    __tablename__ = "modules"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str | None] = mapped_column(Text)
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: set when the module disappeared from the files; archived rows keep learners' history
    is_archived: Mapped[bool] = mapped_column(default=False)

    course: Mapped[Course] = relationship(back_populates="modules")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="module", order_by="Lesson.position", cascade="all, delete-orphan"
    )


class Lesson(Base):
    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("module_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    markdown: Mapped[str] = mapped_column(Text, default="")
    #: sanitised HTML rendered from `markdown` at save time; pages serve only this
    html: Mapped[str] = mapped_column(Text, default="")
    #: [[level, id, title], ...] of the headings
    toc: Mapped[list[Any]] = mapped_column(JSON, default=list)
    estimated_minutes: Mapped[int] = mapped_column(default=10)
    status: Mapped[LessonStatus] = mapped_column(enum_type(LessonStatus), default=LessonStatus.DRAFT)
    is_archived: Mapped[bool] = mapped_column(default=False)
    #: optimistic lock: an edit form carries it, a save with an older value is refused
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    module: Mapped[Module] = relationship(back_populates="lessons")
    translations: Mapped[list[LessonTranslation]] = relationship(
        back_populates="lesson", order_by="LessonTranslation.language", cascade="all, delete-orphan"
    )


class LessonTranslation(Base):
    __tablename__ = "lesson_translations"
    __table_args__ = (UniqueConstraint("lesson_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    #: None: the original title is shown
    title: Mapped[str | None] = mapped_column(String(300))
    #: None: only the title is translated, the original body is shown
    markdown: Mapped[str | None] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    toc: Mapped[list[Any]] = mapped_column(JSON, default=list)

    lesson: Mapped[Lesson] = relationship(back_populates="translations")


class LessonRevision(Base):
    """A snapshot written on every save of a lesson, so nothing an author wrote is lost."""

    __tablename__ = "lesson_revisions"
    __table_args__ = (UniqueConstraint("lesson_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    #: None for revisions written by `content sync`
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    title: Mapped[str] = mapped_column(String(300))
    markdown: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))

    author: Mapped[User | None] = relationship()


class StoredImage(Base):
    """An image of a course, kept in the database so every app process can serve it."""

    __tablename__ = "course_images"
    __table_args__ = (UniqueConstraint("course_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    #: relative to the course folder: "images/map.png"
    path: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(50))
    data: Mapped[bytes] = mapped_column("bytes", LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))

    course: Mapped[Course] = relationship(back_populates="images")


class Enrolment(Base):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    course: Mapped[Course] = relationship()


class LessonProgress(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("lesson_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
