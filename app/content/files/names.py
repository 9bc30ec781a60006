"""What a file or folder name in a course means: kind, position, slug and language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.content.files.model import LANGUAGES
from app.content.files.schema import SLUG

_PATTERNS = {
    "lesson": re.compile(r"^(?P<stem>(?P<position>\d+)-(?P<slug>[^.]+))(?:\.(?P<language>[^.]+))?\.md$"),
    "quiz": re.compile(r"^(?P<stem>quiz-(?P<slug>[^.]+))(?:\.(?P<language>[^.]+))?\.yml$"),
    "module": re.compile(r"^(?P<stem>module)(?:\.(?P<language>[^.]+))?\.yml$"),
    "course": re.compile(r"^(?P<stem>course)(?:\.(?P<language>[^.]+))?\.yml$"),
}
_NUMBERED_FOLDER = re.compile(r"^(?P<position>\d+)-(?P<slug>.+)$")


@dataclass(frozen=True)
class FileName:
    """A parsed name; `stem` is the name of the original (`01-intro` for `01-intro.ru.md`)."""

    kind: str
    stem: str
    slug: str
    position: int | None = None
    language: str | None = None


def parse_file_name(name: str, kinds: tuple[str, ...]) -> tuple[FileName | None, list[str]]:
    """Parse `name` as one of `kinds`; return it with what is wrong, or None if it fits none."""
    for kind in kinds:
        match = _PATTERNS[kind].match(name)
        if match:
            parts = match.groupdict()
            position = int(parts["position"]) if parts.get("position") else None
            parsed = FileName(kind, parts["stem"], parts.get("slug") or "", position, parts["language"])
            return parsed, _name_errors(parts)
    return None, []


def parse_folder_name(name: str) -> tuple[FileName | None, list[str]]:
    """Parse a module folder name `NN-slug`."""
    match = _NUMBERED_FOLDER.match(name)
    if not match:
        return None, []
    position = int(match["position"])
    parsed = FileName("module-folder", name, match["slug"], position)
    return parsed, _name_errors({"position": match["position"], "slug": match["slug"]})


def _name_errors(parts: dict[str, str | None]) -> list[str]:
    errors = []
    if parts.get("position") is not None and len(parts["position"] or "") != 2:
        errors.append(f"position '{parts['position']}' must have two digits (01-99)")
    slug = parts.get("slug")
    if slug is not None and not SLUG.match(slug):
        errors.append(f"bad slug '{slug}': use kebab-case (a-z, 0-9, '-')")
    language = parts.get("language")
    if language is not None and language not in LANGUAGES:
        errors.append(f"unknown language code '{language}' (expected {', '.join(LANGUAGES)})")
    return errors
