"""Quiz business-rule errors, each with a message a learner or trainer can act on."""

from __future__ import annotations

from app.errors import Conflict, DomainError


class QuizUnavailable(DomainError):
    """The quiz cannot be taken now (archived, or the course is not open to this learner)."""


class AttemptsExhausted(DomainError):
    pass


class AttemptClosed(Conflict):
    """The attempt was already submitted, or its time is up."""


class InvalidAnswer(DomainError):
    """A response the grader cannot read (wraps GradingInputError)."""


class InvalidQuestion(DomainError):
    """A question definition that does not validate; ``problems`` lists why."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems
