"""Grade value, errors, the per-kind registries and the ``grade`` entry point."""

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .messages import _, translate

Question = Mapping[str, Any]

# Values a client may send as an index: a JSON number or a short string of digits (form posts).
_MAX_INDEX_DIGITS = 6
_FULL_CREDIT = 1 - 1e-9


class GradingInputError(ValueError):
    """A learner's response cannot be graded; the message tells the learner what to fix.

    ``message`` keeps the ``Message`` (English text plus msgid and params); ``str(error)`` is the text
    in the reader's language once the quizzes service installed its translator (see ``messages``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return translate(self.message)


class QuestionDefinitionError(ValueError):
    """A question definition cannot be graded at all (for example, an unknown kind)."""


@dataclass(frozen=True)
class Outcome:
    """What a grader decides: credit 0..1, feedback lines, and details for item analysis."""

    credit: float
    feedback: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Grade:
    """The graded result of one response: score = credit * points."""

    score: float
    max_score: float
    is_correct: bool
    feedback: list[str]
    detail: dict[str, Any]


Grader = Callable[[Question, object, int], Outcome]
Validator = Callable[[Question], list[str]]
PublicView = Callable[[Question, int, bool], dict[str, Any]]

GRADERS: dict[str, Grader] = {}
VALIDATORS: dict[str, Validator] = {}
PUBLIC_VIEWS: dict[str, PublicView] = {}
#: keys each kind accepts besides the common ones; None means "not checked"
KIND_KEYS: dict[str, frozenset[str]] = {}

COMMON_KEYS = frozenset({"id", "kind", "points", "prompt", "feedback"})
UNANSWERED_FEEDBACK = _("No answer was given.")


def register_grader(kind: str) -> Callable[[Grader], Grader]:
    """Decorator: make ``function(question, response, seed) -> Outcome`` the grader of ``kind``."""

    def decorate(function: Grader) -> Grader:
        GRADERS[kind] = function
        return function

    return decorate


def register_validator(kind: str, keys: frozenset[str] | None = None) -> Callable[[Validator], Validator]:
    """Decorator: check definitions of ``kind``; ``keys`` lists its own keys for the unknown-key check."""

    def decorate(function: Validator) -> Validator:
        VALIDATORS[kind] = function
        if keys is not None:
            KIND_KEYS[kind] = frozenset(keys)
        return function

    return decorate


def register_public_view(kind: str) -> Callable[[PublicView], PublicView]:
    """Decorator: ``function(question, seed, shuffle_options) -> dict`` of the extra learner-safe keys."""

    def decorate(function: PublicView) -> PublicView:
        PUBLIC_VIEWS[kind] = function
        return function

    return decorate


def points_of(question: Question) -> float:
    """The question's points (default 1); a malformed value counts as 1 so grading never crashes."""
    points = question.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
        return 1.0
    return float(points)


def grade(question: Question, response: object, *, seed: int = 0) -> Grade:
    """Grade one response; ``seed`` must be the one ``public_view`` used to present the question."""
    kind = question.get("kind") if isinstance(question, Mapping) else None
    grader = GRADERS.get(kind) if isinstance(kind, str) else None
    if grader is None:
        raise QuestionDefinitionError(f"No grader for question kind {kind!r}.")
    outcome = unanswered() if is_blank(response) else grader(question, response, seed)
    credit = min(1.0, max(0.0, float(outcome.credit)))
    max_score = points_of(question)
    feedback = list(outcome.feedback)
    general = question.get("feedback")
    if isinstance(general, str) and general.strip():
        feedback.append(general)
    return Grade(
        score=round(credit * max_score, 6),
        max_score=max_score,
        is_correct=credit >= _FULL_CREDIT,
        feedback=feedback,
        detail={"credit": round(credit, 6), **outcome.detail},
    )


def is_blank(response: object) -> bool:
    """None, blank text, or an empty list or mapping: the learner did not answer."""
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    return isinstance(response, list | tuple | dict) and not response


def unanswered() -> Outcome:
    """The outcome of a blank response: no credit and no crash."""
    return Outcome(0.0, [UNANSWERED_FEEDBACK], {"answered": False})


INDEX_MESSAGES = {
    "option": (_("Choose an option from the list."), _("That option is not in the list; choose one of those shown.")),
    "item": (_("Choose an item from the list."), _("That item is not in the list; choose one of those shown.")),
    "item on the left": (
        _("Choose an item on the left from the list."),
        _("That item on the left is not in the list; choose one of those shown."),
    ),
    "item on the right": (
        _("Choose an item on the right from the list."),
        _("That item on the right is not in the list; choose one of those shown."),
    ),
}


def parse_index(value: object, size: int, what: str = "option") -> int:
    """An index 0..size-1 from an int or a short digit string; GradingInputError otherwise.

    ``what`` is one of ``INDEX_MESSAGES`` (the thing the learner picks), which words the error."""
    not_chosen, not_listed = INDEX_MESSAGES.get(what, INDEX_MESSAGES["option"])
    if isinstance(value, str) and _is_short_digit_string(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise GradingInputError(not_chosen)
    if not 0 <= value < size:
        raise GradingInputError(not_listed)
    return value


def _is_short_digit_string(text: str) -> bool:
    """True for "0".."999999": what an HTML form posts for an index."""
    return 0 < len(text) <= _MAX_INDEX_DIGITS and text.isascii() and text.isdecimal()


def credit_of(entry: Mapping[str, Any]) -> float:
    """An answer's credit (default 1), clamped to 0..1."""
    credit = entry.get("credit", 1)
    if isinstance(credit, bool) or not isinstance(credit, int | float):
        return 0.0
    return min(1.0, max(0.0, float(credit)))


def text_of(entry: object, key: str) -> str | None:
    """``entry[key]`` when entry is a mapping and the value is a non-blank string."""
    if not isinstance(entry, Mapping):
        return None
    value = entry.get(key)
    return value if isinstance(value, str) and value.strip() else None


def list_of(question: Question, key: str) -> list[Any]:
    """``question[key]`` when it is a list, else an empty list (validation reports the problem)."""
    value = question.get(key)
    return value if isinstance(value, list) else []


def presentation_order(question: Question, seed: int, count: int, purpose: str) -> list[int]:
    """A deterministic shuffle of range(count): position shown -> index in the definition."""
    order = list(range(count))
    # Seeding with text is stable across runs and Python versions (it hashes with SHA-512).
    random.Random(f"{seed}:{question.get('id')}:{purpose}").shuffle(order)
    return order
