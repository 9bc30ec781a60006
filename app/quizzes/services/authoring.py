"""Editing quizzes in the browser: settings, and a question's YAML saved only when it validates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.audit import record_audit
from app.content.files.writer import dump_yaml
from app.content.files.yamlfile import parse_yaml
from app.quizzes.grading import validate_question
from app.quizzes.models import Question, Quiz, ReviewWhen
from app.quizzes.services.errors import InvalidQuestion
from app.quizzes.sync import apply_question, file_definition


@dataclass(frozen=True)
class QuizSettings:
    title: str
    pass_mark: int
    attempts_allowed: int
    time_limit_minutes: int | None
    draw: int | None
    shuffle_questions: bool
    shuffle_options: bool
    required: bool
    review_when: str
    review_show: list[str]


SETTING_FIELDS = tuple(QuizSettings.__dataclass_fields__)


def update_settings(
    session: Session, quiz: Quiz, settings: QuizSettings, *, actor_id: int, now: datetime | None = None
) -> None:
    """Apply the settings form; a draw larger than the pool is refused."""
    pool = len(quiz.active_questions)
    if settings.draw is not None and settings.draw > pool:
        raise InvalidQuestion(_("The quiz has only %(count)s questions to draw from.", count=pool), [])
    quiz.title, quiz.pass_mark = settings.title.strip(), settings.pass_mark
    quiz.attempts_allowed, quiz.time_limit_minutes = settings.attempts_allowed, settings.time_limit_minutes
    quiz.draw, quiz.required = settings.draw, settings.required
    quiz.shuffle_questions, quiz.shuffle_options = settings.shuffle_questions, settings.shuffle_options
    quiz.review_when, quiz.review_show = ReviewWhen(settings.review_when), list(settings.review_show)
    record_audit(session, actor_id=actor_id, action="quiz.settings_changed", subject=f"quizzes:{quiz.id}", now=now)


def question_yaml(question: Question) -> str:
    """The question's definition as the YAML a quiz file would hold."""
    return dump_yaml(file_definition(question.definition)).decode("utf-8")


def update_question(
    session: Session, question: Question, text: str, *, actor_id: int, now: datetime | None = None
) -> None:
    """Replace a question's definition from YAML; nothing is saved unless it is valid."""
    document, problems = parse_yaml(text, "question")
    if document is None or problems:
        raise InvalidQuestion(_("The YAML could not be read."), [str(problem) for problem in problems])
    definition = document.data
    if not isinstance(definition, dict):
        raise InvalidQuestion(_("The question must be a mapping of keys."), [])
    if definition.get("id") != question.key:
        raise InvalidQuestion(_("The question's id must stay '%(key)s': attempts refer to it.", key=question.key), [])
    errors = validate_question(definition)
    if errors:
        raise InvalidQuestion(_("The question was not saved; fix these problems:"), errors)
    before = question.definition
    apply_question(question, definition, question.position, session)
    record_audit(
        session,
        actor_id=actor_id,
        action="quiz.question_changed",
        subject=f"quiz_questions:{question.id}",
        details={"before": before, "after": definition},
        now=now,
    )
