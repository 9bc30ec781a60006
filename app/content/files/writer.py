"""Writing a content tree back to files, deterministically, so load → write → load is a fixed point."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from app.content.files.model import ContentTree, CourseFile, LessonFile, ModuleFile, QuizFile, Translation

#: the order keys are written in, at any depth; unknown keys follow alphabetically
KEY_ORDER = [
    *("title", "summary", "language", "status", "trainers", "estimated_hours", "estimated_minutes"),
    *("pass_mark", "attempts_allowed", "time_limit_minutes", "shuffle_questions", "shuffle_options"),
    *("draw", "required", "review", "when", "show", "questions"),
    *("id", "kind", "points", "prompt", "text", "correct", "left", "right", "value", "tolerance"),
    *("relative_tolerance", "range", "credit", "options", "answer", "answers", "pairs", "items"),
    *("unit", "unit_policy", "unit_penalty", "significant_figures", "allow_below_detection"),
    *("transliterate", "feedback_true", "feedback_false", "feedback"),
]
_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}
# long lines stay on one line, so a one-word edit is a one-line diff
_NO_WRAP = 1_000_000


def write_tree(tree: ContentTree, path: Path, *, replace: bool = False) -> None:
    """Write every course to `path/<slug>/`; an existing course folder is replaced only if asked."""
    for course in tree.courses:
        folder = path / course.slug
        if folder.exists() and any(folder.iterdir()):
            if not replace:
                raise FileExistsError(f"{folder} exists; pass replace=True to overwrite it")
            shutil.rmtree(folder)
        for relative, data in course_files(course).items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def course_files(course: CourseFile) -> dict[str, bytes]:
    """Return every file of a course as {path relative to the course folder: content}."""
    course_data = {
        "title": course.title,
        "summary": course.summary,
        "language": course.language,
        "status": course.status,
        "trainers": list(course.trainers) or None,
        "estimated_hours": course.estimated_hours,
    }
    files = {"course.yml": dump_yaml(course_data)}
    files |= _text_translations("course", course.translations)
    files |= {image.path: image.data for image in course.images}
    for module in course.modules:
        folder = f"{module.position:02d}-{module.slug}"
        files |= {f"{folder}/{name}": data for name, data in _module_files(module).items()}
    return files


def dump_yaml(data: Mapping[str, Any]) -> bytes:
    """Dump a mapping with our key order, block style, Unicode as is and a trailing newline."""
    text = yaml.dump(_ordered(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_NO_WRAP)
    return text.encode("utf-8")


def _module_files(module: ModuleFile) -> dict[str, bytes]:
    files = {"module.yml": dump_yaml({"title": module.title, "summary": module.summary})}
    files |= _text_translations("module", module.translations)
    for lesson in module.lessons:
        files |= _lesson_files(lesson)
    for quiz in module.quizzes:
        files |= _quiz_files(quiz)
    return files


def _lesson_files(lesson: LessonFile) -> dict[str, bytes]:
    stem = f"{lesson.position:02d}-{lesson.slug}"
    front_matter = {
        "title": lesson.title,
        "estimated_minutes": lesson.estimated_minutes,
        "status": lesson.status,
    }
    files = {f"{stem}.md": _lesson_text(front_matter, lesson.body)}
    for translation in lesson.translations:
        files[f"{stem}.{translation.language}.md"] = _lesson_text({"title": translation.title}, translation.body or "")
    return files


def _lesson_text(front_matter: dict[str, Any], body: str) -> bytes:
    return b"---\n" + dump_yaml(front_matter) + b"---\n" + body.encode("utf-8")


def _quiz_files(quiz: QuizFile) -> dict[str, bytes]:
    stem = f"quiz-{quiz.slug}"
    data = {
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "attempts_allowed": quiz.attempts_allowed,
        "time_limit_minutes": quiz.time_limit_minutes,
        "shuffle_questions": quiz.shuffle_questions,
        "shuffle_options": quiz.shuffle_options,
        "draw": quiz.draw,
        "required": quiz.required,
        "review": {"when": quiz.review.when, "show": list(quiz.review.show)},
        "questions": [question.data for question in quiz.questions],
    }
    files = {f"{stem}.yml": dump_yaml(data)}
    for translation in quiz.translations:
        translated = {"title": translation.title, "questions": list(translation.questions) or None}
        files[f"{stem}.{translation.language}.yml"] = dump_yaml(translated)
    return files


def _text_translations(stem: str, translations: tuple[Translation, ...]) -> dict[str, bytes]:
    return {
        f"{stem}.{translation.language}.yml": dump_yaml({"title": translation.title, "summary": translation.summary})
        for translation in translations
    }


def _ordered(value: Any) -> Any:
    """Sort mapping keys by KEY_ORDER at every depth and drop keys whose value is None."""
    if isinstance(value, Mapping):
        keys = sorted(value, key=lambda key: (_RANK.get(key, len(_RANK)), str(key)))
        return {key: _ordered(value[key]) for key in keys if value[key] is not None}
    if isinstance(value, list | tuple):
        return [_ordered(item) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key and writes multi-line text as literal blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)
