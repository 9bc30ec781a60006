"""The `courses/` file format: read, validate and write course trees (see docs/course-format.md)."""

from __future__ import annotations

from pathlib import Path

from app.content.files.links import check_course_links
from app.content.files.model import (
    LANGUAGES,
    STATUSES,
    ContentError,
    ContentTree,
    CourseFile,
    ImageFile,
    LessonFile,
    ModuleFile,
    Problem,
    QuizFile,
    QuizQuestion,
    ReviewPolicy,
    Translation,
)
from app.content.files.reader import course_folders, read_tree
from app.content.files.writer import course_files, write_tree

__all__ = [
    "LANGUAGES",
    "STATUSES",
    "ContentError",
    "ContentTree",
    "CourseFile",
    "ImageFile",
    "LessonFile",
    "ModuleFile",
    "Problem",
    "QuizFile",
    "QuizQuestion",
    "ReviewPolicy",
    "Translation",
    "course_files",
    "load_tree",
    "validate_tree",
    "write_tree",
]


def validate_tree(path: Path | str) -> list[Problem]:
    """Return every problem of a `courses/` folder (or one course folder), in file order."""
    root = Path(path)
    _, problems = read_tree(root)
    for folder in course_folders(root):
        problems += check_course_links(folder)
    return sorted(set(problems), key=lambda problem: (problem.file, problem.line, problem.message))


def load_tree(path: Path | str) -> ContentTree:
    """Read a valid tree; raise ContentError listing every problem otherwise."""
    problems = validate_tree(path)
    if problems:
        raise ContentError(problems)
    tree, _ = read_tree(Path(path))
    return tree
