"""Quizzes, their questions, learners' attempts and responses."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from app.auth.models import User
    from app.courses.models import Module


class ReviewWhen(enum.StrEnum):
    AFTER_ATTEMPT = "after_attempt"
    AFTER_PASS = "after_pass"  # noqa: S105  (a review moment, not a password)
    AFTER_CLOSE = "after_close"
    NEVER = "never"


REVIEW_SHOW_DEFAULT = ["score", "correctness", "feedback"]


class Quiz(Base):
    __tablename__ = "quizzes"
    __table_args__ = (
        UniqueConstraint("module_id", "slug"),
        CheckConstraint("pass_mark >= 0 AND pass_mark <= 100", name="pass_mark_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    #: percent of the points needed to pass
    pass_mark: Mapped[int]
    #: 0 means unlimited
    attempts_allowed: Mapped[int] = mapped_column(default=0)
    time_limit_minutes: Mapped[int | None]
    shuffle_questions: Mapped[bool] = mapped_column(default=False)
    shuffle_options: Mapped[bool] = mapped_column(default=False)
    #: questions drawn from the pool per attempt; None means all of them
    draw: Mapped[int | None]
    #: passing it is needed for course completion
    required: Mapped[bool] = mapped_column(default=True)
    review_when: Mapped[ReviewWhen] = mapped_column(enum_type(ReviewWhen), default=ReviewWhen.AFTER_ATTEMPT)
    #: any of "score", "correctness", "feedback", "answer"
    review_show: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(REVIEW_SHOW_DEFAULT))
    #: {"ru": {"title": ..., "questions": [{id, prompt, ...}]}} as in the quiz translation files
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: set when the quiz disappeared from the files; attempts are kept
    is_archived: Mapped[bool] = mapped_column(default=False)

    module: Mapped[Module] = relationship()
    questions: Mapped[list[Question]] = relationship(
        back_populates="quiz", order_by="Question.position", cascade="all, delete-orphan"
    )

    @property
    def active_questions(self) -> list[Question]:
        return [question for question in self.questions if not question.is_archived]


class Question(Base):
    __tablename__ = "quiz_questions"
    __table_args__ = (UniqueConstraint("quiz_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    #: the question's `id` in the quiz file
    key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    points: Mapped[float] = mapped_column(default=1.0)
    #: the whole question as written in the file, answers included; never sent to a learner
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: sanitised HTML of the Markdown prompt, rendered at sync or save time
    prompt_html: Mapped[str] = mapped_column(Text, default="")
    is_archived: Mapped[bool] = mapped_column(default=False)

    quiz: Mapped[Quiz] = relationship(back_populates="questions")


class QuizAttempt(Base):
    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint("quiz_id", "user_id", "number"),
        Index("ix_quiz_attempts_user_id_quiz_id", "user_id", "quiz_id"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= max_score)", name="score_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: 1 for the learner's first attempt at this quiz
    number: Mapped[int]
    #: seeds the draw and every shuffle, so the attempt looks the same on every page load
    seed: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the server-enforced end of the time limit; None without a limit
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: touched by every save with a conditional UPDATE, which also refuses saves after submission
    last_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: set once, by a conditional UPDATE, so a second submission never grades again
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None]
    max_score: Mapped[float | None]
    passed: Mapped[bool | None]
    #: submitted after the deadline: only answers saved in time were graded
    is_late: Mapped[bool] = mapped_column(default=False)
    #: the keys of the drawn questions, in the order shown
    question_keys: Mapped[list[str]] = mapped_column(JSON)

    quiz: Mapped[Quiz] = relationship()
    user: Mapped[User] = relationship()
    responses: Mapped[list[QuizResponse]] = relationship(back_populates="attempt", cascade="all, delete-orphan")

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score, 1)


class QuizResponse(Base):
    __tablename__ = "quiz_responses"
    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        CheckConstraint("score IS NULL OR score >= 0", name="score_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: no index of its own: the unique (attempt_id, question_id) index serves lookups by attempt, and every
    #: submission writes ten rows, so each index costs ten B-tree inserts
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id", ondelete="CASCADE"))
    #: no index either (migration 0010respq): reports reach responses through their quiz's attempts, and
    #: questions are archived, never deleted; indexed, it cost ten scattered page writes per submission
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id", ondelete="CASCADE"))
    #: what the learner sent, in the grader's response shape
    answer: Mapped[Any | None] = mapped_column(JSON)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None]
    max_score: Mapped[float | None]
    is_correct: Mapped[bool | None]
    #: feedback lines from the grader: author text, or {"msgid", "params"} of a generated message
    #: (translated when shown; see app/quizzes/grading/messages.py)
    feedback: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: a trainer set the score by hand (see the audit log)
    is_overridden: Mapped[bool] = mapped_column(default=False)

    attempt: Mapped[QuizAttempt] = relationship(back_populates="responses")
    question: Mapped[Question] = relationship()
