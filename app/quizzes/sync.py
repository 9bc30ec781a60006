"""Quiz files <-> database: plugged into `content sync` and `content export` through their hooks.

Sync upserts quizzes by module and slug and questions by key, archives what disappeared (attempts
keep pointing at the archived rows) and renders each prompt's Markdown once, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.content.export import register_module_exporter
from app.content.files import CourseFile, QuizFile, QuizQuestion, ReviewPolicy, Translation
from app.content.markdown import render_markdown
from app.content.sync import SyncReport, register_extra_syncer
from app.courses.models import Course, Module
from app.quizzes.models import Question, Quiz, ReviewWhen
from app.quizzes.services.localize import rendered_prompts

#: Hook for the exercises feature: called as resolver(session, definition) -> definition before a
#: definition is stored, so a `computed` question gets its answer from the river data at sync time.
DefinitionResolver = Callable[[Session, dict[str, Any]], dict[str, Any]]
DEFINITION_RESOLVERS: list[DefinitionResolver] = []
#: keys a resolver adds that belong to the database only: left out of exports and the YAML editor
STORED_ONLY_KEYS: set[str] = set()


def register_definition_resolver(resolver: DefinitionResolver) -> DefinitionResolver:
    """Let another feature complete definitions from the database when they are synced or saved."""
    if resolver not in DEFINITION_RESOLVERS:
        DEFINITION_RESOLVERS.append(resolver)
    return resolver


def file_definition(definition: dict[str, Any]) -> dict[str, Any]:
    """A stored definition as the quiz file holds it (without the keys only the database keeps)."""
    return {key: value for key, value in definition.items() if key not in STORED_ONLY_KEYS}


def render_prompt(definition: dict[str, Any]) -> str:
    """The question's prompt as sanitised HTML (rendered at save time, never per request)."""
    prompt = definition.get("prompt")
    return str(render_markdown(prompt).html) if isinstance(prompt, str) else ""


def apply_question(
    question: Question, definition: dict[str, Any], position: int, session: Session | None = None
) -> None:
    """Copy a definition onto a question row (kind, points, prompt HTML); with a session, resolve it first."""
    if session is not None:
        with session.no_autoflush:  # the row may be new and still without its position
            for resolver in DEFINITION_RESOLVERS:
                definition = resolver(session, definition)
    points = definition.get("points", 1)
    question.definition = dict(definition)
    question.kind = str(definition.get("kind", ""))
    question.points = float(points) if isinstance(points, int | float) and not isinstance(points, bool) else 1.0
    question.prompt_html = render_prompt(definition)
    question.position = position
    question.is_archived = False


def _apply_settings(quiz: Quiz, quiz_file: QuizFile) -> None:
    quiz.title, quiz.pass_mark = quiz_file.title, quiz_file.pass_mark
    quiz.attempts_allowed, quiz.time_limit_minutes = quiz_file.attempts_allowed, quiz_file.time_limit_minutes
    quiz.shuffle_questions, quiz.shuffle_options = quiz_file.shuffle_questions, quiz_file.shuffle_options
    quiz.draw, quiz.required = quiz_file.draw, quiz_file.required
    quiz.review_when, quiz.review_show = ReviewWhen(quiz_file.review.when), list(quiz_file.review.show)
    quiz.translations = {item.language: _translation_texts(item) for item in quiz_file.translations}
    quiz.is_archived = False


def _translation_texts(item: Translation) -> dict[str, Any]:
    """A translation as stored: title, questions, and each translated prompt rendered once, here."""
    questions = [dict(question) for question in item.questions]
    texts = {"title": item.title, "questions": questions, "prompts_html": rendered_prompts(questions)}
    return {key: value for key, value in texts.items() if value}


def _sync_questions(session: Session, quiz: Quiz, questions: Iterable[QuizQuestion]) -> None:
    existing = {question.key: question for question in quiz.questions}
    for position, item in enumerate(questions, start=1):
        definition = dict(item.data)
        question = existing.pop(str(definition["id"]), None)
        if question is None:
            question = Question(key=str(definition["id"]))
            quiz.questions.append(question)
        apply_question(question, definition, position, session)
    for question in existing.values():
        question.is_archived = True


@register_extra_syncer
def sync_course_quizzes(session: Session, course: Course, course_file: CourseFile, report: SyncReport) -> None:
    """Upsert the quizzes of every module of `course`; archive quizzes no longer in the files."""
    modules = {module.slug: module for module in course.modules}
    existing = {
        (quiz.module_id, quiz.slug): quiz
        for quiz in session.scalars(
            select(Quiz)
            .where(Quiz.module_id.in_([module.id for module in course.modules]))
            .options(selectinload(Quiz.questions))
        )
    }
    for module_file in course_file.modules:
        module = modules[module_file.slug]
        for quiz_file in module_file.quizzes:
            quiz = existing.pop((module.id, quiz_file.slug), None)
            if quiz is None:
                quiz = Quiz(module_id=module.id, slug=quiz_file.slug, questions=[])
                session.add(quiz)
                report.lines.append(f"quiz created: {course.slug}/{module.slug}/{quiz_file.slug}")
            _apply_settings(quiz, quiz_file)
            _sync_questions(session, quiz, quiz_file.questions)
    for quiz in existing.values():
        if not quiz.is_archived:
            quiz.is_archived = True
            report.lines.append(f"quiz archived: {course.slug}/{quiz.slug}")
    session.flush()


def quiz_file(quiz: Quiz) -> QuizFile:
    """A quiz back as its file value (archived questions left out)."""
    return QuizFile(
        slug=quiz.slug,
        title=quiz.title,
        pass_mark=quiz.pass_mark,
        questions=tuple(QuizQuestion(file_definition(question.definition)) for question in quiz.active_questions),
        attempts_allowed=quiz.attempts_allowed,
        time_limit_minutes=quiz.time_limit_minutes,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
        draw=quiz.draw,
        required=quiz.required,
        review=ReviewPolicy(when=str(quiz.review_when), show=tuple(quiz.review_show)),
        translations=tuple(
            Translation(language, title=texts.get("title"), questions=tuple(texts.get("questions", ())))
            for language, texts in sorted(quiz.translations.items())
        ),
    )


@register_module_exporter
def export_module_quizzes(session: Session, module: Module) -> dict[str, Any]:
    """The module's live quizzes, for `content export`."""
    quizzes = session.scalars(
        select(Quiz)
        .where(Quiz.module_id == module.id, Quiz.is_archived.is_(False))
        .order_by(Quiz.slug)
        .options(selectinload(Quiz.questions))
    )
    return {"quizzes": tuple(quiz_file(quiz) for quiz in quizzes)}
