"""Quiz files: settings checked here, question content checked by the quizzes feature."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.content.files import schema
from app.content.files.listing import Entry, read_text
from app.content.files.model import (
    REVIEW_SHOW,
    REVIEW_WHEN,
    Problem,
    QuizFile,
    QuizQuestion,
    ReviewPolicy,
    Translation,
)
from app.content.files.schema import Key
from app.content.files.yamlfile import YamlDocument, parse_yaml

QUIZ_KEYS = {
    "title": Key(schema.text, required=True),
    "pass_mark": Key(schema.integer(0, 100), required=True),
    "attempts_allowed": Key(schema.integer(0)),
    "time_limit_minutes": Key(schema.integer(1, 1440)),
    "shuffle_questions": Key(schema.boolean),
    "shuffle_options": Key(schema.boolean),
    "draw": Key(schema.integer(1)),
    "required": Key(schema.boolean),
    "review": Key(schema.mapping),
    "questions": Key(schema.non_empty_list, required=True),
}
REVIEW_KEYS = {"when": Key(schema.one_of(*REVIEW_WHEN)), "show": Key(schema.subset_of(*REVIEW_SHOW))}
QUIZ_TRANSLATION_KEYS = {"title": Key(schema.text), "questions": Key(schema.non_empty_list)}
#: text a learner reads, per question key; list keys name the translatable keys of their items
TRANSLATABLE_QUESTION_KEYS: dict[str, frozenset[str] | None] = {
    "prompt": None,
    "feedback": None,
    "feedback_true": None,
    "feedback_false": None,
    "options": frozenset({"text", "feedback"}),
    # short_text: `text` gives accepted answers in the translation's language
    "answers": frozenset({"text", "feedback"}),
    "pairs": frozenset({"left", "right"}),
    "items": frozenset(),
}

QuestionValidator = Callable[[dict], list[str]]


def question_validator() -> QuestionValidator | None:
    """Return the quizzes feature's question check, when that feature is installed."""
    # Imported lazily: the file format must stay usable while grading is absent or broken.
    try:
        from app.quizzes.grading import validate_question
    except ImportError:
        return None
    return validate_question


def read_quiz(entry: Entry, translations: list[Entry]) -> tuple[QuizFile | None, list[Problem]]:
    """Read a `quiz-slug.yml` file and its translations."""
    document, problems = _read_document(entry.path, QUIZ_KEYS)
    if document is None:
        return None, problems
    if isinstance(document.get("review"), dict):
        problems += schema.check_mapping(document, REVIEW_KEYS, str(entry.path), "review")
    problems += _check_questions(document, str(entry.path))
    read = [_read_translation(translation, document) for translation in translations]
    problems += [problem for _, found in read for problem in found]
    if problems:
        return None, problems
    return _build_quiz(entry, document, tuple(item for item, _ in read if item is not None)), []


def _build_quiz(entry: Entry, document: YamlDocument, translations: tuple[Translation, ...]) -> QuizFile:
    data = document.data
    review = data.get("review", {})
    default_review = ReviewPolicy()
    questions = tuple(
        QuizQuestion(question, document.line("questions", index)) for index, question in enumerate(data["questions"])
    )
    return QuizFile(
        slug=entry.name.slug,
        title=data["title"],
        pass_mark=data["pass_mark"],
        questions=questions,
        attempts_allowed=data.get("attempts_allowed", 0),
        time_limit_minutes=data.get("time_limit_minutes"),
        shuffle_questions=data.get("shuffle_questions", False),
        shuffle_options=data.get("shuffle_options", False),
        draw=data.get("draw"),
        required=data.get("required", True),
        review=ReviewPolicy(
            when=review.get("when", default_review.when),
            show=tuple(review.get("show", default_review.show)),
        ),
        translations=translations,
    )


def _check_questions(document: YamlDocument, file: str) -> list[Problem]:
    questions = document.get("questions")
    if not isinstance(questions, list):
        return []
    problems = _check_draw(document, file, len(questions))
    validate = question_validator()
    seen: dict[str, int] = {}
    for index, question in enumerate(questions):
        line = document.line("questions", index)
        if not isinstance(question, dict):
            problems.append(Problem(file, line, "a question must be a mapping of keys"))
            continue
        # the quizzes feature checks the id's form itself; only uniqueness needs the whole file
        problems += _check_question_id(question.get("id"), seen, file, line, validate is None)
        if validate is not None:
            label = question.get("id", f"#{index + 1}")
            problems += [Problem(file, line, f"question '{label}': {error}") for error in validate(question)]
    return problems


def _check_question_id(
    question_id: Any, seen: dict[str, int], file: str, line: int, check_format: bool
) -> list[Problem]:
    if check_format and question_id is None:
        return [Problem(file, line, "question without an 'id'")]
    error = schema.slug(question_id) if check_format else None
    if error:
        return [Problem(file, line, f"'id' {error}")]
    if isinstance(question_id, str) and question_id in seen:
        message = f"duplicate question id '{question_id}' (first on line {seen[question_id]})"
        return [Problem(file, line, message)]
    if isinstance(question_id, str):
        seen[question_id] = line
    return []


def _check_draw(document: YamlDocument, file: str, question_count: int) -> list[Problem]:
    draw = document.get("draw")
    if isinstance(draw, int) and draw > question_count:
        message = f"'draw' is {draw} but the quiz has only {question_count} questions"
        return [Problem(file, document.line("draw"), message)]
    return []


def _read_translation(entry: Entry, original: YamlDocument) -> tuple[Translation | None, list[Problem]]:
    document, problems = _read_document(entry.path, QUIZ_TRANSLATION_KEYS)
    if document is None:
        return None, problems
    originals = {
        question.get("id"): question for question in original.get("questions") or [] if isinstance(question, dict)
    }
    for index, question in enumerate(document.get("questions") or []):
        line = document.line("questions", index)
        problems += _check_translated_question(question, originals, str(entry.path), line)
    if problems:
        return None, problems
    questions = tuple(document.data.get("questions", []))
    return Translation(entry.name.language or "", title=document.data.get("title"), questions=questions), []


def _check_translated_question(question: Any, originals: dict[Any, dict], file: str, line: int) -> list[Problem]:
    if not isinstance(question, dict) or question.get("id") not in originals:
        return [Problem(file, line, "translated question must have the 'id' of a question of the original")]
    original = originals[question["id"]]
    problems = []
    for key, value in question.items():
        if key == "id":
            continue
        error = _translated_value_error(key, value, original.get(key))
        if error:
            problems.append(Problem(file, line, f"question '{question['id']}': {error}"))
    return problems


def _translated_value_error(key: str, value: Any, original: Any) -> str | None:
    if key not in TRANSLATABLE_QUESTION_KEYS:
        return f"'{key}' cannot be translated (translatable: {', '.join(TRANSLATABLE_QUESTION_KEYS)})"
    item_keys = TRANSLATABLE_QUESTION_KEYS[key]
    if item_keys is None:
        return schema.text(value) and f"'{key}' {schema.text(value)}"
    if not isinstance(value, list) or not isinstance(original, list) or len(value) != len(original):
        return f"'{key}' must list as many items as the original"
    for number, (item, original_item) in enumerate(zip(value, original, strict=True), start=1):
        error = _translated_item_error(item, original_item, item_keys)
        if error:
            return f"'{key}' item {number}: {error}"
    return None


def _translated_item_error(item: Any, original: Any, item_keys: frozenset[str]) -> str | None:
    if not item_keys:
        return schema.text(item)
    if not isinstance(item, dict):
        return f"must be a mapping of {', '.join(sorted(item_keys))}"
    for key in set(item) - item_keys:
        # an untranslatable key may be repeated to help align the lists, but must not differ
        if not isinstance(original, dict) or item[key] != original.get(key):
            return f"'{key}' cannot be translated; repeat the original's value or leave it out"
    return None


def _read_document(path: Any, keys: dict[str, Key]) -> tuple[YamlDocument | None, list[Problem]]:
    file = str(path)
    text, problems = read_text(path)
    if text is None:
        return None, problems
    document, problems = parse_yaml(text, file)
    if document is None:
        return None, problems
    problems += schema.check_mapping(document, keys, file)
    return document, problems
