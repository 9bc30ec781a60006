"""Lesson files: YAML front matter between `---` lines, then the Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.content.files import schema
from app.content.files.listing import Entry, read_text
from app.content.files.model import STATUSES, LessonFile, Problem, Translation
from app.content.files.schema import Key
from app.content.files.yamlfile import YamlDocument, parse_yaml

LESSON_KEYS = {
    "title": Key(schema.text, required=True),
    "estimated_minutes": Key(schema.integer(1, 240), required=True),
    "status": Key(schema.one_of(*STATUSES)),
}
LESSON_TRANSLATION_KEYS = {"title": Key(schema.text)}

_LEADING_BLANK_LINES = re.compile(r"^(?:[ \t]*\n)+")


@dataclass(frozen=True)
class FrontMatter:
    """The two halves of a lesson file and where the YAML starts."""

    yaml_text: str
    body: str


def split_front_matter(text: str, file: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Split a lesson file into its front matter and its body."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        message = "lesson without front matter: the file must start with a '---' line"
        return None, [Problem(file, 1, message)]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            body = "\n".join(lines[index + 1 :])
            return FrontMatter("\n".join(lines[1:index]), normalise_body(body)), []
    return None, [Problem(file, 1, "front matter is not closed by a '---' line")]


def normalise_body(body: str) -> str:
    """Drop leading blank lines and trailing whitespace; end with one newline."""
    body = _LEADING_BLANK_LINES.sub("", body).rstrip()
    return f"{body}\n" if body else ""


def read_lesson(entry: Entry, translations: list[Entry]) -> tuple[LessonFile | None, list[Problem]]:
    """Read an `NN-slug.md` file and its translations."""
    document, front_matter, problems = _read_parts(entry, LESSON_KEYS)
    read = [_read_translation(translation) for translation in translations]
    problems += [problem for _, found in read for problem in found]
    if document is None or front_matter is None or problems:
        return None, problems
    lesson = LessonFile(
        position=entry.name.position or 0,
        slug=entry.name.slug,
        title=document.data["title"],
        estimated_minutes=document.data["estimated_minutes"],
        status=document.data.get("status", "published"),
        body=front_matter.body,
        translations=tuple(translation for translation, _ in read if translation is not None),
    )
    return lesson, []


def _read_translation(entry: Entry) -> tuple[Translation | None, list[Problem]]:
    document, front_matter, problems = _read_parts(entry, LESSON_TRANSLATION_KEYS)
    if document is None or front_matter is None or problems:
        return None, problems
    language = entry.name.language or ""
    return Translation(language, title=document.data.get("title"), body=front_matter.body), []


def _read_parts(entry: Entry, keys: dict[str, Key]) -> tuple[YamlDocument | None, FrontMatter | None, list[Problem]]:
    file = str(entry.path)
    text, problems = read_text(entry.path)
    if text is None:
        return None, None, problems
    front_matter, problems = split_front_matter(text, file)
    if front_matter is None:
        return None, None, problems
    document, problems = parse_yaml(front_matter.yaml_text, file, first_line=2)
    if document is None:
        return None, None, problems
    if document.data is None:
        document = YamlDocument({}, {}, 1)
    problems += schema.check_mapping(document, keys, file)
    return document, front_matter, problems
