"""What a learner sees: questions built only from ``public_view``, and reviews as the policy allows."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.courses.models import Module
from app.quizzes.grading import public_view
from app.quizzes.grading.answers import correct_answer_lines
from app.quizzes.models import Question, Quiz, QuizAttempt, QuizResponse, ReviewWhen
from app.quizzes.services.attempts import (
    QuestionData,
    attempts_left,
    has_passed,
    list_attempts,
    load_responses,
    questions_by_key,
)
from app.quizzes.services.localize import QuizTexts, author_texts, feedback_lines, localized_definition

#: Hook for the exercises feature: kind -> function(definition) returning the worked solution that the
#: review shows beside the right answer (a `computed` question's values, limits, sources and formula).
WORKING_WRITERS: dict[str, Callable[[dict[str, Any]], Any]] = {}


def working_of(definition: dict[str, Any]) -> Any:
    """The worked solution of a question, or None for kinds without one."""
    writer = WORKING_WRITERS.get(str(definition.get("kind")))
    return writer(definition) if writer is not None else None


@dataclass(frozen=True)
class ShownQuestion:
    """One question on the attempt page: learner-safe view, rendered prompt, the saved answer."""

    number: int
    key: str
    kind: str
    prompt_html: str
    view: dict[str, Any]
    answer: Any


@dataclass(frozen=True)
class ReviewItem:
    question: ShownQuestion
    score: float | None
    max_score: float | None
    is_correct: bool | None
    feedback: list[str] = field(default_factory=list)
    right_answer: list[str] = field(default_factory=list)
    #: shown with the right answer only (see WORKING_WRITERS)
    working: Any = None


@dataclass(frozen=True)
class Review:
    """What the review policy lets the learner see of a submitted attempt."""

    allowed: bool
    show: frozenset[str]
    items: list[ReviewItem]


def learner_view(
    question: Question | QuestionData, seed: int, shuffle_options: bool, texts: QuizTexts | None = None
) -> dict[str, Any]:
    """``public_view`` (in the reader's language) without the raw Markdown prompt (the page shows HTML)."""
    view = public_view(_definition(question, texts), seed, shuffle_options=shuffle_options)
    view.pop("prompt", None)
    return view


def _definition(question: Question | QuestionData, texts: QuizTexts | None) -> dict[str, Any]:
    """The question's definition with its translation laid over it, when there is one."""
    translated = texts.questions.get(question.key) if texts is not None else None
    return localized_definition(question.definition, translated)


def _prompt_html(question: Question, texts: QuizTexts | None) -> str:
    if texts is not None and question.key in texts.prompts_html:
        return texts.prompts_html[question.key]
    return question.prompt_html


def answer_fields(
    attempt: QuizAttempt, questions: list[QuestionData], kinds_read_with_view: Container[str]
) -> list[ShownQuestion]:
    """What reading the answer form needs: key and kind, and the learner view for the kinds whose fields
    are read with it (the others get an empty view: making one means shuffling and copying). No query."""
    shuffle = attempt.quiz.shuffle_options
    return [
        ShownQuestion(
            number,
            question.key,
            question.kind,
            "",
            learner_view(question, attempt.seed, shuffle) if question.kind in kinds_read_with_view else {},
            None,
        )
        for number, question in enumerate(questions, start=1)
    ]


def shown_questions(
    session: Session, attempt: QuizAttempt, quiz: Quiz, *, with_answers: bool = True, texts: QuizTexts | None = None
) -> list[ShownQuestion]:
    """The attempt's questions in order (in ``texts``' language), with what the learner saved so far."""
    questions = questions_by_key(session, attempt)
    responses = load_responses(session, attempt) if with_answers else {}
    shown = []
    for key in attempt.question_keys:
        question = questions.get(key)
        if question is None:
            continue
        response = responses.get(question.id)
        shown.append(
            ShownQuestion(
                number=len(shown) + 1,
                key=key,
                kind=question.kind,
                prompt_html=_prompt_html(question, texts),
                view=learner_view(question, attempt.seed, quiz.shuffle_options, texts),
                answer=response.answer if response else None,
            )
        )
    return shown


def review_allowed(session: Session, quiz: Quiz, attempt: QuizAttempt) -> bool:
    """The policy's "when": right after the attempt, once passed, once the quiz is closed, or never."""
    if not attempt.is_submitted or quiz.review_when == ReviewWhen.NEVER:
        return False
    if quiz.review_when == ReviewWhen.AFTER_PASS:
        return has_passed(session, quiz.id, attempt.user_id)
    if quiz.review_when == ReviewWhen.AFTER_CLOSE:
        closed = quiz.is_archived or attempts_left(quiz, list_attempts(session, quiz.id, attempt.user_id)) == 0
        return closed
    return True


def build_review(session: Session, attempt: QuizAttempt, texts: QuizTexts | None = None) -> Review:
    """The submitted attempt as the review policy allows (score, correctness, feedback, answer),
    in the language of ``texts`` where the quiz is translated."""
    quiz = attempt.quiz
    if not review_allowed(session, quiz, attempt):
        return Review(False, frozenset(), [])
    show = frozenset(quiz.review_show)
    questions = questions_by_key(session, attempt)
    responses = load_responses(session, attempt)
    items = []
    for shown in shown_questions(session, attempt, quiz, texts=texts):
        question = questions[shown.key]
        response: QuizResponse | None = responses.get(question.id)
        definition = _definition(question, texts)
        feedback = feedback_lines(response.feedback, author_texts(question.definition, definition)) if response else []
        items.append(
            ReviewItem(
                question=shown,
                score=response.score if response and "score" in show else None,
                max_score=question.points,
                is_correct=response.is_correct if response and "correctness" in show else None,
                feedback=feedback if "feedback" in show else [],
                right_answer=correct_answer_lines(definition) if "answer" in show else [],
                working=working_of(question.definition) if "answer" in show else None,
            )
        )
    return Review(True, show, items)


@dataclass(frozen=True)
class CourseQuizRow:
    quiz: Quiz
    attempts: list[QuizAttempt]

    @property
    def best(self) -> float | None:
        scores = [attempt.percent for attempt in self.attempts if attempt.percent is not None]
        return max(scores) if scores else None

    @property
    def passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)


def my_course_results(session: Session, user_id: int, course_id: int) -> list[CourseQuizRow]:
    """Every live quiz of a course with the learner's attempts at it (two queries)."""
    quizzes = session.scalars(
        select(Quiz)
        .join(Quiz.module)
        .where(Module.course_id == course_id, Quiz.is_archived.is_(False), Module.is_archived.is_(False))
        .order_by(Module.position, Quiz.slug)
        .options(joinedload(Quiz.module))
    ).all()
    attempts = session.scalars(
        select(QuizAttempt)
        .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id.in_([quiz.id for quiz in quizzes]))
        .order_by(QuizAttempt.number)
    ).all()
    return [CourseQuizRow(quiz, [attempt for attempt in attempts if attempt.quiz_id == quiz.id]) for quiz in quizzes]


def deadline_passed(attempt: QuizAttempt, now: datetime) -> bool:
    return attempt.deadline_at is not None and now > attempt.deadline_at
