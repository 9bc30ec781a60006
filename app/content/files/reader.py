"""Reading a `courses/` folder into frozen values, collecting every problem on the way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.content.files import schema
from app.content.files.lessons import read_lesson
from app.content.files.listing import Entry, list_folder, read_text
from app.content.files.model import (
    LANGUAGES,
    STATUSES,
    ContentTree,
    CourseFile,
    ImageFile,
    ModuleFile,
    Problem,
    Translation,
)
from app.content.files.quizzes import read_quiz
from app.content.files.schema import Key
from app.content.files.yamlfile import YamlDocument, parse_yaml

COURSE_KEYS = {
    "title": Key(schema.text, required=True),
    "summary": Key(schema.text, required=True),
    "language": Key(schema.one_of(*LANGUAGES), required=True),
    "status": Key(schema.one_of(*STATUSES)),
    "trainers": Key(schema.email_list),
    "estimated_hours": Key(schema.positive_number),
}
MODULE_KEYS = {"title": Key(schema.text, required=True), "summary": Key(schema.text)}
TEXT_TRANSLATION_KEYS = {"title": Key(schema.text), "summary": Key(schema.text)}
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
# An SVG opened on its own runs its scripts with the site's origin.
_ACTIVE_SVG = re.compile(rb"<\s*script|<\s*foreignObject|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def read_tree(root: Path) -> tuple[ContentTree, list[Problem]]:
    """Read a `courses/` folder, or one course folder, and list every problem found."""
    if not root.is_dir():
        return ContentTree(), [Problem(str(root), 1, "not a folder")]
    courses, problems = [], []
    for folder in course_folders(root):
        course, found = read_course(folder)
        problems += found
        if course is not None:
            courses.append(course)
    return ContentTree(tuple(courses)), problems


def course_folders(root: Path) -> list[Path]:
    """Return the course folders under `root`, or `root` itself when it is a course."""
    if not root.is_dir():
        return []
    if (root / "course.yml").exists():
        return [root]
    return sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith("."))


def read_course(folder: Path) -> tuple[CourseFile | None, list[Problem]]:
    """Read one course folder with its modules and images."""
    listing = list_folder(folder, ("course",), with_modules=True)
    problems = list(listing.problems)
    problems += [Problem(str(folder), 1, f"course folder {error}") for error in _slug_errors(folder.name)]
    main = next((entry for entry in listing.originals if entry.name.kind == "course"), None)
    data, translations = None, ()
    if main is None:
        problems.append(Problem(str(folder / "course.yml"), 1, "missing course.yml"))
    else:
        data, translations, found = _read_text_file(main, listing.translations_of(main), COURSE_KEYS)
        problems += found + _wrong_language_translations(listing.translations_of(main), _language(data))
    modules, found = _read_modules(listing.folders, _language(data))
    problems += found
    images, found = read_images(folder / "images")
    problems += found
    if problems or data is None:
        return None, problems
    return _build_course(folder.name, data, modules, images, translations), []


def _language(course_data: dict[str, Any] | None) -> str | None:
    return course_data.get("language") if course_data is not None else None


def _build_course(
    slug: str,
    data: dict[str, Any],
    modules: list[ModuleFile],
    images: list[ImageFile],
    translations: tuple[Translation, ...],
) -> CourseFile:
    return CourseFile(
        slug=slug,
        title=data["title"],
        summary=data["summary"],
        language=data["language"],
        status=data.get("status", "published"),
        trainers=tuple(data.get("trainers", [])),
        estimated_hours=data.get("estimated_hours"),
        modules=tuple(modules),
        images=tuple(images),
        translations=translations,
    )


def _read_modules(folders: list[Entry], language: str | None) -> tuple[list[ModuleFile], list[Problem]]:
    modules, problems = [], []
    for entry in sorted(folders, key=lambda entry: (entry.name.position or 0, entry.path.name)):
        module, found = read_module(entry, language)
        problems += found
        if module is not None:
            modules.append(module)
    return modules, problems + _duplicates(folders)


def read_module(folder: Entry, language: str | None) -> tuple[ModuleFile | None, list[Problem]]:
    """Read an `NN-slug/` module folder with its lessons, quizzes and translations."""
    listing = list_folder(folder.path, ("module", "lesson", "quiz"))
    problems = list(listing.problems)
    for translations in listing.translations.values():
        problems += _wrong_language_translations(translations, language)
    main = next((entry for entry in listing.originals if entry.name.kind == "module"), None)
    if main is None:
        problems.append(Problem(str(folder.path / "module.yml"), 1, "missing module.yml"))
        data, translations = None, ()
    else:
        data, translations, found = _read_text_file(main, listing.translations_of(main), MODULE_KEYS)
        problems += found
    lessons, quizzes = [], []
    for entry in listing.originals:
        reader = {"lesson": read_lesson, "quiz": read_quiz}.get(entry.name.kind)
        if reader is None:
            continue
        item, found = reader(entry, listing.translations_of(entry))
        problems += found
        (lessons if entry.name.kind == "lesson" else quizzes).append(item)
    problems += _duplicates([entry for entry in listing.originals if entry.name.kind == "lesson"])
    if problems or data is None:
        return None, problems
    module = ModuleFile(
        position=folder.name.position or 0,
        slug=folder.name.slug,
        title=data["title"],
        summary=data.get("summary"),
        lessons=tuple(sorted(lessons, key=lambda lesson: lesson.position)),
        quizzes=tuple(sorted(quizzes, key=lambda quiz: quiz.slug)),
        translations=translations,
    )
    return module, []


def read_images(folder: Path) -> tuple[list[ImageFile], list[Problem]]:
    """Read every image of a course's `images/` folder, byte for byte."""
    if not folder.is_dir():
        return [], []
    images, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        error = _image_error(path)
        if error:
            problems.append(Problem(str(path), 1, error))
            continue
        images.append(ImageFile(f"images/{path.name}", path.read_bytes(), IMAGE_TYPES[path.suffix.lower()]))
    return images, problems


def _image_error(path: Path) -> str | None:
    if path.is_dir() or path.suffix.lower() not in IMAGE_TYPES:
        return f"unexpected file in images/ (expected {', '.join(IMAGE_TYPES)})"
    if schema.slug(path.stem):
        return f"bad image name '{path.name}': use kebab-case (a-z, 0-9, '-')"
    data = path.read_bytes()
    if len(data) > MAX_IMAGE_BYTES:
        return f"image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    if path.suffix.lower() == ".svg" and _ACTIVE_SVG.search(data):
        return "SVG images must not contain scripts, event handlers or javascript: links"
    return None


def _read_text_file(
    main: Entry, translations: list[Entry], keys: dict[str, Key]
) -> tuple[dict[str, Any] | None, tuple[Translation, ...], list[Problem]]:
    document, problems = _read_yaml(main.path, keys)
    read = []
    for entry in translations:
        translation, found = _read_yaml(entry.path, TEXT_TRANSLATION_KEYS)
        problems += found
        if translation is not None and isinstance(translation.data, dict):
            data = translation.data
            read.append(Translation(entry.name.language or "", data.get("title"), data.get("summary")))
    data = document.data if document is not None and isinstance(document.data, dict) else None
    return data, tuple(read), problems


def _read_yaml(path: Path, keys: dict[str, Key]) -> tuple[YamlDocument | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    document, problems = parse_yaml(text, str(path))
    if document is None:
        return None, problems
    return document, problems + schema.check_mapping(document, keys, str(path))


def _wrong_language_translations(translations: list[Entry], language: str | None) -> list[Problem]:
    message = f"translation into the course language '{language}': edit the original instead"
    return [Problem(str(entry.path), 1, message) for entry in translations if entry.name.language == language]


def _duplicates(entries: Sequence[Entry]) -> list[Problem]:
    problems = []
    first_by_position: dict[int | None, Entry] = {}
    first_by_slug: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda entry: entry.path.name):
        for seen, key, label in (
            (first_by_position, entry.name.position, f"position {entry.name.position:02d}"),
            (first_by_slug, entry.name.slug, f"slug '{entry.name.slug}'"),
        ):
            if key in seen:
                message = f"duplicate {label} (also {seen[key].path.name})"
                problems.append(Problem(str(entry.path), 1, message))
            seen.setdefault(key, entry)
    return problems


def _slug_errors(name: str) -> list[str]:
    error = schema.slug(name)
    return [f"name {error}"] if error else []
