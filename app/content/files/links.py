"""Internal links and images of every lesson file, checked against what is on disk."""

from __future__ import annotations

import posixpath
import re
from functools import partial
from pathlib import Path

from app.content.files.lessons import split_front_matter
from app.content.files.listing import read_text
from app.content.files.model import Problem
from app.content.markdown import LinkProblem, render_markdown

_LESSON_NAME = re.compile(r"^(?P<stem>\d+-[^.]+)(?:\.(?P<language>[^.]+))?\.md$")

#: (path of the original lesson relative to the course, language or None) -> heading ids
Anchors = dict[tuple[str, str | None], set[str]]


def check_course_links(course_folder: Path) -> list[Problem]:
    """Report broken internal links and missing images in a course's lessons and translations."""
    bodies = _lesson_bodies(course_folder)
    anchors: Anchors = {key: {entry[1] for entry in render_markdown(body).toc} for key, body in bodies.items()}
    images_folder = course_folder / "images"
    images = {f"images/{path.name}" for path in images_folder.glob("*")} if images_folder.is_dir() else set()
    problems = []
    for (original, language), body in bodies.items():
        rendered = render_markdown(
            body,
            link_resolver=partial(resolve_link, original, language, anchors),
            image_resolver=partial(resolve_image, original, images),
        )
        path = course_folder / _file_name(original, language)
        problems += [_problem(path, problem) for problem in rendered.problems]
    return problems


def resolve_link(source: str, language: str | None, anchors: Anchors, target: str) -> str | None:
    """Return `target` if it names an existing lesson (and heading) of the course, else None."""
    path, _, fragment = target.partition("#")
    resolved = _inside_course(source, path)
    if resolved is None:
        return None
    ids = anchors.get((resolved, language)) or anchors.get((resolved, None))
    if ids is None or (fragment and fragment not in ids):
        return None
    return target


def resolve_image(source: str, images: set[str], target: str) -> str | None:
    """Return `target` if it names an image in the course's images/ folder, else None."""
    resolved = _inside_course(source, target)
    return target if resolved in images else None


def _heading_ids(body: str) -> set[str]:
    return {heading_id for _, heading_id, _ in render_markdown(body).toc}


def _inside_course(source: str, target: str) -> str | None:
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    return None if resolved == ".." or resolved.startswith("../") else resolved


def _lesson_bodies(course_folder: Path) -> dict[tuple[str, str | None], str]:
    bodies = {}
    for path in sorted(course_folder.glob("*/*.md")):
        match = _LESSON_NAME.match(path.name)
        text, _ = read_text(path)
        front_matter, _ = split_front_matter(text, str(path)) if text is not None else (None, [])
        if match and front_matter is not None:
            original = f"{path.parent.name}/{match['stem']}.md"
            bodies[(original, match["language"])] = front_matter.body
    return bodies


def _file_name(original: str, language: str | None) -> str:
    return original if language is None else original.removesuffix(".md") + f".{language}.md"


def _problem(path: Path, problem: LinkProblem) -> Problem:
    if problem.reason == "unsafe":
        message = f"unsafe {problem.kind} '{problem.target}' will be removed (only http, https, mailto)"
    elif problem.kind == "image":
        message = f"missing image '{problem.target}' (images live in the course's images/ folder)"
    else:
        message = f"broken internal link '{problem.target}' (no such lesson or heading)"
    return Problem(str(path), _line_of(path, problem.target), message)


def _line_of(path: Path, target: str) -> int:
    text, _ = read_text(path)
    for number, line in enumerate((text or "").split("\n"), start=1):
        if target in line:
            return number
    return 1
