"""The course tree as frozen values: what `courses/` holds, independent of the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("en", "ru", "kk")
STATUSES = ("published", "draft")
REVIEW_WHEN = ("after_attempt", "after_pass", "after_close", "never")
REVIEW_SHOW = ("score", "correctness", "feedback", "answer")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the files, printed as `file:line: message`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ContentError(Exception):
    """The tree could not be loaded; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class ImageFile:
    """An image of a course; `path` is relative to the course folder (`images/map.png`)."""

    path: str
    data: bytes = field(repr=False)
    mime: str


@dataclass(frozen=True)
class Translation:
    """The text fields of one file in another language; which fields exist depends on the file."""

    language: str
    title: str | None = None
    summary: str | None = None
    #: lessons only: the translated Markdown body
    body: str | None = None
    #: quizzes only: per question `{id, prompt?, feedback?, options?, ...}`
    questions: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class LessonFile:
    """`NN-slug.md`: front matter plus a Markdown body."""

    position: int
    slug: str
    title: str
    estimated_minutes: int
    body: str
    status: str = "published"
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class QuizQuestion:
    """A question exactly as written (kind-specific keys are checked by the quizzes feature)."""

    data: Mapping[str, Any]
    #: where the question starts in its file; not part of equality, files move lines around
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ReviewPolicy:
    """When learners may review an attempt, and what they then see."""

    when: str = "after_attempt"
    show: tuple[str, ...] = ("score", "correctness", "feedback")


@dataclass(frozen=True)
class QuizFile:
    """`quiz-slug.yml`: quiz settings and its question pool."""

    slug: str
    title: str
    pass_mark: int
    questions: tuple[QuizQuestion, ...]
    attempts_allowed: int = 0
    time_limit_minutes: int | None = None
    shuffle_questions: bool = False
    shuffle_options: bool = False
    draw: int | None = None
    required: bool = True
    review: ReviewPolicy = ReviewPolicy()
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class ModuleFile:
    """`NN-slug/`: a module with its lessons and quizzes."""

    position: int
    slug: str
    title: str
    summary: str | None = None
    lessons: tuple[LessonFile, ...] = ()
    quizzes: tuple[QuizFile, ...] = ()
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class CourseFile:
    """`<slug>/`: a course with its modules and images."""

    slug: str
    title: str
    summary: str
    language: str
    status: str = "published"
    trainers: tuple[str, ...] = ()
    estimated_hours: float | None = None
    modules: tuple[ModuleFile, ...] = ()
    images: tuple[ImageFile, ...] = ()
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class ContentTree:
    """Every course of a `courses/` folder, ordered by slug."""

    courses: tuple[CourseFile, ...] = ()
