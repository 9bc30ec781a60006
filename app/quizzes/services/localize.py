"""Quizzes in the learner's language: translated texts from `quiz-*.<lang>.yml`, translated feedback.

A quiz's translations (``Quiz.translations``, filled by sync) hold per language the title and, per
question id, the translated texts a learner reads (the keys content validation allows: prompt,
feedback, feedback_true/false, option texts and feedback, answer feedback, pair and item texts).
``localized_definition`` lays them over the original, so ``public_view``, the right answer and the
feedback all come out in that language; what is not translated stays in the course language, and the
page says so (``QuizTexts.fallback_language``), as lesson pages do.

Feedback lines are stored as the grader made them (``grading.messages.to_stored``): generated lines
keep their msgid and are translated by gettext when shown; author lines are stored in the course
language and shown in the reader's language through the question's translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext

from app.content.markdown import render_markdown
from app.quizzes.grading.messages import from_stored, set_translator
from app.quizzes.models import Quiz

#: list keys whose items are mappings, and which of their keys a translation may give
ITEM_KEYS = {"options": ("text", "feedback"), "answers": ("text", "feedback"), "pairs": ("left", "right")}
TEXT_KEYS = ("prompt", "feedback", "feedback_true", "feedback_false")
#: where author feedback sits in a definition (compared with the translation to translate stored lines)
FEEDBACK_PATHS = (
    ("feedback",),
    ("feedback_true",),
    ("feedback_false",),
    ("options", "feedback"),
    ("answers", "feedback"),
)

set_translator(gettext)


@dataclass(frozen=True)
class QuizTexts:
    """A quiz's texts in one language, and the language shown when there is no translation."""

    language: str
    title: str
    questions: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    prompts_html: Mapping[str, str] = field(default_factory=dict)
    #: the course language when the quiz is shown untranslated to a reader of another language
    fallback_language: str | None = None


def quiz_texts(quiz: Quiz, language: str, course_language: str) -> QuizTexts:
    """The quiz's translation into ``language``, or the original with a note when there is none."""
    translation = (quiz.translations or {}).get(language) if language != course_language else None
    if not translation:
        fallback = course_language if language != course_language else None
        return QuizTexts(language, quiz.title, fallback_language=fallback)
    questions = {
        str(item["id"]): item for item in translation.get("questions", []) if isinstance(item, Mapping) and "id" in item
    }
    return QuizTexts(
        language,
        translation.get("title") or quiz.title,
        questions,
        translation.get("prompts_html") or {},
    )


def rendered_prompts(questions: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Sanitised HTML of each translated prompt, made at sync time (pages never render Markdown)."""
    return {
        str(item["id"]): str(render_markdown(item["prompt"]).html)
        for item in questions
        if isinstance(item.get("prompt"), str) and "id" in item
    }


def localized_definition(definition: Mapping[str, Any], translated: Mapping[str, Any] | None) -> dict[str, Any]:
    """``definition`` with the translated texts laid over it; keys, answers and credit unchanged."""
    result = dict(definition)
    if not translated:
        return result
    for key in TEXT_KEYS:
        if isinstance(translated.get(key), str) and key in definition:
            result[key] = translated[key]
    for key, item_keys in ITEM_KEYS.items():
        result[key] = _merge_items(definition.get(key), translated.get(key), item_keys)
    if isinstance(definition.get("items"), list) and _same_length(definition["items"], translated.get("items")):
        pairs = zip(definition["items"], translated["items"], strict=True)
        result["items"] = [new if isinstance(new, str) else old for old, new in pairs]
    return {key: value for key, value in result.items() if value is not None or key in definition}


def _same_length(original: Any, translated: Any) -> bool:
    return isinstance(original, list) and isinstance(translated, list) and len(original) == len(translated)


def _merge_items(original: Any, translated: Any, item_keys: tuple[str, ...]) -> Any:
    if not _same_length(original, translated):
        return original
    merged = []
    for old, new in zip(original, translated, strict=True):
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            old = {**old, **{key: new[key] for key in item_keys if isinstance(new.get(key), str) and key in old}}
        merged.append(old)
    return merged


def author_texts(definition: Mapping[str, Any], localized: Mapping[str, Any]) -> dict[str, str]:
    """Original author feedback -> its translation, for feedback lines stored in the course language."""
    pairs: dict[str, str] = {}
    for path in FEEDBACK_PATHS:
        for old, new in zip(_texts_at(definition, path), _texts_at(localized, path), strict=False):
            if old and new and old != new:
                pairs.setdefault(old, new)
    return pairs


def _texts_at(definition: Mapping[str, Any], path: tuple[str, ...]) -> list[str | None]:
    value = definition.get(path[0])
    if len(path) == 1:
        return [value if isinstance(value, str) else None]
    if not isinstance(value, list):
        return []
    return [item.get(path[1]) if isinstance(item, Mapping) else None for item in value]


def feedback_lines(stored: Iterable[Any], translations: Mapping[str, str]) -> list[str]:
    """Stored feedback in the reader's language: generated lines by gettext, author lines by the quiz."""
    lines = []
    for entry in stored:
        text = from_stored(entry)
        lines.append(translations.get(text, text) if isinstance(entry, str) else text)
    return lines


def accepted_in_every_language(definition: Mapping[str, Any], translations: Mapping[str, Any]) -> dict[str, Any]:
    """A short-text question that also accepts the answers its translations give (same credit, feedback)."""
    if definition.get("kind") != "short_text" or not translations or not isinstance(definition.get("answers"), list):
        return dict(definition)
    answers = list(definition["answers"])
    for texts in translations.values():
        for item in texts.get("questions", []) if isinstance(texts, Mapping) else []:
            if isinstance(item, Mapping) and item.get("id") == definition.get("id"):
                merged = _merge_items(definition["answers"], item.get("answers"), ("text", "feedback"))
                answers += [new for old, new in zip(definition["answers"], merged, strict=True) if new != old]
    return {**definition, "answers": answers}
