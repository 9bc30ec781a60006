"""Course completion: every required, live quiz of the course has a passed attempt."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.courses.models import Course, Module
from app.courses.services.progress import Requirement, register_completion_requirement
from app.quizzes.models import Quiz, QuizAttempt


def count_required_quizzes_not_passed(session: Session, user_id: int, course_id: int) -> int:
    """How many required quizzes of the course the learner has not passed yet (one query)."""
    passed = exists().where(
        QuizAttempt.quiz_id == Quiz.id, QuizAttempt.user_id == user_id, QuizAttempt.passed.is_(True)
    )
    statement = (
        select(func.count(Quiz.id))
        .join(Quiz.module)
        .where(
            Module.course_id == course_id,
            Module.is_archived.is_(False),
            Quiz.is_archived.is_(False),
            Quiz.required.is_(True),
            ~passed,
        )
    )
    return session.scalar(statement) or 0


def required_quizzes_passed(session: Session, user_id: int, course_id: int) -> bool:
    """The completion requirement the quizzes feature gives the courses feature."""
    return count_required_quizzes_not_passed(session, user_id, course_id) == 0


@register_completion_requirement
def required_quiz_requirements(session: Session, course: Course, user_id: int) -> list[Requirement]:
    """One requirement per required, live quiz of the course: "Pass the quiz ..." (two queries)."""
    quizzes = session.scalars(
        select(Quiz)
        .join(Quiz.module)
        .where(
            Module.course_id == course.id,
            Module.is_archived.is_(False),
            Quiz.is_archived.is_(False),
            Quiz.required.is_(True),
        )
        .order_by(Module.position, Quiz.slug)
    ).all()
    passed = set(
        session.scalars(
            select(QuizAttempt.quiz_id).where(
                QuizAttempt.user_id == user_id,
                QuizAttempt.passed.is_(True),
                QuizAttempt.quiz_id.in_([quiz.id for quiz in quizzes]),
            )
        )
    )
    return [Requirement(_("Pass the quiz “%(title)s”", title=quiz.title), quiz.id in passed) for quiz in quizzes]
