"""Results for trainers: summary, attempts, item analysis in SQL, export, grade override, regrade."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Float, String, case, cast, func, select
from sqlalchemy.orm import Session, joinedload

from app.audit import record_audit
from app.courses.models import Module
from app.exports import Sheet
from app.quizzes.models import Question, Quiz, QuizAttempt, QuizResponse
from app.quizzes.services.attempts import grade_attempt, set_attempt_score
from app.quizzes.services.errors import InvalidAnswer

#: attempts split into thirds by score for the discrimination index (upper third minus lower third)
TIERS = 3


@dataclass(frozen=True)
class QuizSummary:
    attempts: int
    learners: int
    passed: int
    mean_percent: float | None

    @property
    def pass_rate(self) -> float | None:
        return round(100 * self.passed / self.attempts, 1) if self.attempts else None


@dataclass(frozen=True)
class QuestionStats:
    question: Question
    responses: int
    #: mean credit 0..1: how easy the question was
    facility: float | None
    #: mean credit in the upper third of attempts minus the lower third, -1..1
    discrimination: float | None
    most_chosen_wrong: str | None
    wrong_count: int


def _submitted(quiz: Quiz) -> Any:
    return (QuizAttempt.quiz_id == quiz.id, QuizAttempt.submitted_at.is_not(None))


def quiz_summary(session: Session, quiz: Quiz) -> QuizSummary:
    """Attempts, learners, passes and the mean percentage, in one aggregate query."""
    percent = 100.0 * QuizAttempt.score / func.nullif(QuizAttempt.max_score, 0)
    row = session.execute(
        select(
            func.count(QuizAttempt.id),
            func.count(func.distinct(QuizAttempt.user_id)),
            func.coalesce(func.sum(case((QuizAttempt.passed.is_(True), 1), else_=0)), 0),
            func.avg(percent),
        ).where(*_submitted(quiz))
    ).one()
    mean = round(float(row[3]), 1) if row[3] is not None else None
    return QuizSummary(int(row[0]), int(row[1]), int(row[2]), mean)


@dataclass(frozen=True)
class CourseQuizSummary:
    quiz: Quiz
    attempts: int
    passed: int


def course_quiz_summaries(session: Session, course_id: int) -> list[CourseQuizSummary]:
    """Every quiz of a course (archived last) with its submitted and passed attempts: one GROUP BY."""
    counts = (
        select(
            QuizAttempt.quiz_id,
            func.count(QuizAttempt.id).label("attempts"),
            func.sum(case((QuizAttempt.passed.is_(True), 1), else_=0)).label("passed"),
        )
        .where(QuizAttempt.submitted_at.is_not(None))
        .group_by(QuizAttempt.quiz_id)
        .subquery()
    )
    rows = session.execute(
        select(Quiz, counts.c.attempts, counts.c.passed)
        .join(Quiz.module)
        .outerjoin(counts, counts.c.quiz_id == Quiz.id)
        .where(Module.course_id == course_id)
        .order_by(Quiz.is_archived, Module.position, Quiz.slug)
        .options(joinedload(Quiz.module))
    )
    return [CourseQuizSummary(quiz, int(attempts or 0), int(passed or 0)) for quiz, attempts, passed in rows]


def list_quiz_attempts(session: Session, quiz: Quiz) -> list[QuizAttempt]:
    """Submitted attempts, newest first, with their learners."""
    statement = (
        select(QuizAttempt)
        .where(*_submitted(quiz))
        .order_by(QuizAttempt.submitted_at.desc(), QuizAttempt.id.desc())
        .options(joinedload(QuizAttempt.user))
    )
    return list(session.scalars(statement))


def _stats_rows(session: Session, quiz: Quiz) -> dict[int, tuple[int, Any, Any, Any]]:
    """Per question: responses, facility, upper-third and lower-third facility (window + GROUP BY)."""
    attempt_percent = QuizAttempt.score / func.nullif(QuizAttempt.max_score, 0)
    ranked = (
        select(QuizAttempt.id.label("attempt_id"), func.ntile(TIERS).over(order_by=attempt_percent).label("tier"))
        .where(*_submitted(quiz))
        .subquery()
    )
    credit = cast(QuizResponse.score, Float) / func.nullif(QuizResponse.max_score, 0)
    statement = (
        select(
            QuizResponse.question_id,
            func.count(QuizResponse.id),
            func.avg(credit),
            func.avg(case((ranked.c.tier == TIERS, credit))),
            func.avg(case((ranked.c.tier == 1, credit))),
        )
        .join(ranked, ranked.c.attempt_id == QuizResponse.attempt_id)
        .group_by(QuizResponse.question_id)
    )
    return {row[0]: (row[1], row[2], row[3], row[4]) for row in session.execute(statement)}


def _wrong_answers(session: Session, quiz: Quiz) -> dict[int, tuple[str, int]]:
    """Per question, the most frequent wrong answer as stored JSON text and its count."""
    answer_text = cast(QuizResponse.answer, String)
    statement = (
        select(QuizResponse.question_id, answer_text, func.count(QuizResponse.id).label("times"))
        .join(QuizAttempt, QuizAttempt.id == QuizResponse.attempt_id)
        .where(*_submitted(quiz), QuizResponse.is_correct.is_(False), QuizResponse.answer.is_not(None))
        .group_by(QuizResponse.question_id, answer_text)
        .order_by(func.count(QuizResponse.id).desc(), answer_text)
    )
    most: dict[int, tuple[str, int]] = {}
    for question_id, text, times in session.execute(statement):
        most.setdefault(question_id, (text, times))
    return most


def describe_answer(question: Question, stored: str) -> str:
    """A stored answer in words: option texts for choice kinds, the raw value otherwise."""
    try:
        answer = json.loads(stored)
    except (TypeError, ValueError):
        return str(stored)
    options = question.definition.get("options")
    if isinstance(options, list) and question.kind in ("single_choice", "multiple_choice"):
        chosen = answer if isinstance(answer, list) else [answer]
        texts = [
            str(options[index].get("text", index))
            for index in chosen
            if isinstance(index, int) and 0 <= index < len(options) and isinstance(options[index], dict)
        ]
        return "; ".join(texts)
    return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)


def _round(value: Any) -> float | None:
    return round(float(value), 2) if value is not None else None


def question_statistics(session: Session, quiz: Quiz) -> list[QuestionStats]:
    """Facility, discrimination and the most chosen wrong answer per question (three queries)."""
    rows = _stats_rows(session, quiz)
    wrong = _wrong_answers(session, quiz)
    statistics = []
    for question in quiz.questions:
        count, facility, upper, lower = rows.get(question.id, (0, None, None, None))
        discrimination = float(upper) - float(lower) if upper is not None and lower is not None else None
        text, times = wrong.get(question.id, (None, 0))
        statistics.append(
            QuestionStats(
                question=question,
                responses=count,
                facility=_round(facility),
                discrimination=_round(discrimination),
                most_chosen_wrong=describe_answer(question, text) if text is not None else None,
                wrong_count=times,
            )
        )
    return statistics


def results_sheet(session: Session, quiz: Quiz) -> Sheet:
    """Every submitted attempt with its per-question scores, for CSV and XLSX export."""
    attempts = list_quiz_attempts(session, quiz)
    questions = list(quiz.questions)
    scores: dict[tuple[int, int], float | None] = {
        (attempt_id, question_id): score
        for attempt_id, question_id, score in session.execute(
            select(QuizResponse.attempt_id, QuizResponse.question_id, QuizResponse.score)
            .join(QuizAttempt, QuizAttempt.id == QuizResponse.attempt_id)
            .where(*_submitted(quiz))
        )
    }
    header = [_("Name"), _("E-mail"), _("Attempt"), _("Submitted (UTC)"), _("Score"), _("Maximum"), _("Percent")]
    header += [_("Passed"), *[question.key for question in questions]]
    rows = [
        [
            attempt.user.name,
            attempt.user.email,
            attempt.number,
            attempt.submitted_at.strftime("%Y-%m-%d %H:%M") if attempt.submitted_at else "",
            attempt.score,
            attempt.max_score,
            attempt.percent,
            _("yes") if attempt.passed else _("no"),
            *[scores.get((attempt.id, question.id)) for question in questions],
        ]
        for attempt in attempts
    ]
    return Sheet(title=quiz.slug, header=header, rows=rows)


def attempt_responses(session: Session, attempt: QuizAttempt) -> list[QuizResponse]:
    """An attempt's responses in the order shown, with their questions."""
    responses = session.scalars(
        select(QuizResponse).where(QuizResponse.attempt_id == attempt.id).options(joinedload(QuizResponse.question))
    ).all()
    order = {key: index for index, key in enumerate(attempt.question_keys)}
    return sorted(responses, key=lambda response: order.get(response.question.key, len(order)))


def override_score(
    session: Session,
    response: QuizResponse,
    *,
    score: Decimal | float,
    reason: str,
    actor_id: int,
    now: datetime | None = None,
) -> None:
    """Set one response's score by hand, recompute the attempt, and audit who did it and why."""
    maximum = response.question.points
    new_score = float(score)
    if not 0 <= new_score <= maximum:
        raise InvalidAnswer(_("The score must lie between 0 and %(max)s.", max=format(maximum, "g")))
    before = response.score
    response.score, response.is_overridden = new_score, True
    response.is_correct = new_score >= maximum
    attempt = response.attempt
    session.flush()
    total = session.scalar(select(func.sum(QuizResponse.score)).where(QuizResponse.attempt_id == attempt.id))
    set_attempt_score(attempt, float(total or 0), attempt.max_score or maximum)
    record_audit(
        session,
        actor_id=actor_id,
        action="quiz.grade_overridden",
        subject=f"quiz_responses:{response.id}",
        details={"attempt_id": attempt.id, "before": before, "after": new_score, "reason": reason},
        now=now,
    )


def regrade_quiz(session: Session, quiz: Quiz, *, actor_id: int, now: datetime | None = None) -> int:
    """Grade every submitted attempt again with the current keys (overrides kept); audited."""
    attempts = session.scalars(select(QuizAttempt).where(*_submitted(quiz))).all()
    changed = 0
    for attempt in attempts:
        before = (attempt.score, attempt.passed)
        grade_attempt(session, attempt)
        changed += before != (attempt.score, attempt.passed)
    record_audit(
        session,
        actor_id=actor_id,
        action="quiz.regraded",
        subject=f"quizzes:{quiz.id}",
        details={"attempts": len(attempts), "changed": changed},
        now=now,
    )
    return changed
