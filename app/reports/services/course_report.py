"""One course's report: enrolments, completions, quiz scores and the hardest questions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.courses.models import Course, Enrolment, Module
from app.quizzes.models import Question, Quiz, QuizAttempt, QuizResponse
from app.reports.services.base import best_scores, course_completions

HARDEST_QUESTIONS = 10


@dataclass(frozen=True)
class CourseSummary:
    enrolled: int
    completed: int


@dataclass(frozen=True)
class QuizRow:
    title: str
    learners: int
    mean_best: float | None
    passed: int


@dataclass(frozen=True)
class QuestionRow:
    quiz_title: str
    key: str
    responses: int
    mean_percent: float | None
    correct: int


def course_summary(session: Session, course: Course) -> CourseSummary:
    completions = course_completions(select(Enrolment.course_id).where(Enrolment.course_id == course.id))
    row = session.execute(
        select(func.count(), func.coalesce(func.sum(completions.c.completed), 0)).where(
            completions.c.course_id == course.id
        )
    ).one()
    return CourseSummary(int(row[0]), int(row[1]))


def quiz_rows(session: Session, course: Course) -> list[QuizRow]:
    """Per live quiz: learners with a submitted attempt, their mean best score (percent) and how many passed."""
    quizzes = select(Quiz.id).join(Module, Module.id == Quiz.module_id).where(Module.course_id == course.id)
    scores = best_scores(quizzes)
    rows = session.execute(
        select(
            Quiz.title,
            func.count(scores.c.user_id),
            func.avg(scores.c.best_percent),
            func.coalesce(func.sum(scores.c.passed), 0),
        )
        .join(Module, Module.id == Quiz.module_id)
        .outerjoin(scores, scores.c.quiz_id == Quiz.id)
        .where(Module.course_id == course.id, Quiz.is_archived.is_(False))
        .group_by(Quiz.id, Quiz.title, Module.position)
        .order_by(Module.position, Quiz.title)
    )
    return [QuizRow(title, learners, _round(mean), int(passed)) for title, learners, mean, passed in rows]


def hardest_questions(session: Session, course: Course, limit: int = HARDEST_QUESTIONS) -> list[QuestionRow]:
    """The questions with the lowest mean score over graded responses of submitted attempts."""
    mean = func.avg(100.0 * QuizResponse.score / func.nullif(QuizResponse.max_score, 0))
    rows = session.execute(
        select(
            Quiz.title,
            Question.key,
            func.count(QuizResponse.id),
            mean,
            func.count(case((QuizResponse.is_correct.is_(True), QuizResponse.id))),
        )
        .join(Question, Question.id == QuizResponse.question_id)
        .join(QuizAttempt, QuizAttempt.id == QuizResponse.attempt_id)
        .join(Quiz, Quiz.id == Question.quiz_id)
        .join(Module, Module.id == Quiz.module_id)
        .where(Module.course_id == course.id, QuizAttempt.submitted_at.is_not(None), QuizResponse.score.is_not(None))
        .group_by(Quiz.title, Question.id, Question.key)
        .order_by(mean, Question.id)
        .limit(limit)
    )
    return [QuestionRow(quiz, key, count, _round(avg), correct) for quiz, key, count, avg, correct in rows]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)
