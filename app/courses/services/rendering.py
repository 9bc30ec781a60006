"""Lesson Markdown to cached HTML, with internal links and images resolved to site URLs.

Links are written as in the files (`../01-basics/02-units.md#si`); they resolve by slug, so a
lesson edited in the browser links the same way and reordering never breaks a link.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import partial

from app.content.markdown import RenderedMarkdown, render_markdown

#: the blueprint's URL prefix; services build paths without a request context
COURSES_PREFIX = "/courses"
_POSITION = re.compile(r"^\d+-")


@dataclass(frozen=True)
class CourseLinks:
    """What a course's lessons may link to: (module slug, lesson slug) pairs and image paths."""

    course_slug: str
    lessons: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    images: frozenset[str] = field(default_factory=frozenset)


def lesson_path(course_slug: str, module_slug: str, lesson_slug: str) -> str:
    return f"{COURSES_PREFIX}/{course_slug}/{module_slug}/{lesson_slug}"


def image_path(course_slug: str, path: str) -> str:
    return f"{COURSES_PREFIX}/{course_slug}/{path}"


def render_lesson(markdown_text: str, links: CourseLinks, module_slug: str) -> RenderedMarkdown:
    """Render a lesson body of module `module_slug` with links and images pointing into the site."""
    return render_markdown(
        markdown_text,
        link_resolver=partial(_resolve_link, links, module_slug),
        image_resolver=partial(_resolve_image, links, module_slug),
    )


def toc_entries(rendered: RenderedMarkdown) -> list[list[object]]:
    return [[level, heading_id, title] for level, heading_id, title in rendered.toc]


def _inside_course(module_slug: str, target: str) -> str | None:
    resolved = posixpath.normpath(posixpath.join(module_slug, target))
    return None if resolved == ".." or resolved.startswith("../") else resolved


def _resolve_link(links: CourseLinks, module_slug: str, target: str) -> str | None:
    path, _, fragment = target.partition("#")
    resolved = _inside_course(module_slug, path)
    if resolved is None or resolved.count("/") != 1 or not resolved.endswith(".md"):
        return None
    folder, name = resolved.split("/")
    key = (_POSITION.sub("", folder), _POSITION.sub("", name.removesuffix(".md")))
    if key not in links.lessons:
        return None
    url = lesson_path(links.course_slug, *key)
    return f"{url}#{fragment}" if fragment else url


def _resolve_image(links: CourseLinks, module_slug: str, target: str) -> str | None:
    resolved = _inside_course(module_slug, target)
    if resolved is None or resolved not in links.images:
        return None
    return image_path(links.course_slug, resolved)
