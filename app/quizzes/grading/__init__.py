"""Quiz grading as pure functions: no Flask, no database.

Public API:

* ``grade(question, response, *, seed=0) -> Grade``: ``question`` is a dict shaped as in
  docs/course-format.md ("Quiz files"); ``response`` is what the learner sent (see each kind below).
  ``Grade`` is frozen: score = credit * points, max_score, is_correct, feedback lines, detail (for item
  analysis). A blank response (None, "", [] or {}) scores 0. A malformed response from any client
  raises only ``GradingInputError``, whose message a learner can act on.
* ``public_view(question, seed=0, *, shuffle_options=False) -> dict``: what may be sent before
  submission. Pass the attempt's seed to both functions: matching and ordering are presented in a
  seeded order, and their responses refer to positions on screen.
* ``validate_question(question) -> list[str]``: problems with a definition, for ``content validate``.
* ``parse_number(text) -> ParsedNumber`` and ``parse_interval(text) -> Interval`` (rules in
  ``number_parsing``).

Responses per kind: single_choice an option index; multiple_choice a list of option indices;
true_false a bool; numeric the learner's raw text (rules in ``numeric``); short_text text (rules in
``text``); matching ``{left_index: right_position}``; ordering a list of positions (``arrangement``).

Extension point: a new kind (the exercises feature's ``computed``) registers itself from its own
module, which the app imports at start-up::

    @register_grader("computed")
    def grade_computed(question, response, seed) -> Outcome: ...

    @register_validator("computed", keys=frozenset({"formula", ...}))   # optional
    def validate_computed(question) -> list[str]: ...

    @register_public_view("computed")   # optional; default shows id, kind, prompt, points only
    def public_computed(question, seed, shuffle_options) -> dict: ...

The grader returns an ``Outcome(credit 0..1, feedback, detail)``; ``grade`` clamps the credit,
multiplies by points and appends the question's general feedback.

Translations: the package never imports Flask. Every learner-facing text it generates (feedback such as
"3 of 4 pairs are correct.", ``GradingInputError`` messages such as an unknown unit) is a
``messages.Message``: a ``str`` holding the English text plus its ``msgid`` and ``params``, marked with
``messages._`` so it is extracted into the quizzes catalogue. The quizzes services store feedback with
``messages.to_stored`` and translate it when shown (``from_stored``), and install gettext through
``messages.set_translator`` so ``str(GradingInputError)`` is in the reader's language. Definition
problems from ``validate_question`` are for trainers at the command line and stay English.
"""

from . import arrangement, choice, numeric, text  # noqa: F401  (importing registers each kind)
from .core import (
    GRADERS,
    PUBLIC_VIEWS,
    VALIDATORS,
    Grade,
    GradingInputError,
    Outcome,
    QuestionDefinitionError,
    grade,
    register_grader,
    register_public_view,
    register_validator,
)
from .number_parsing import Interval, ParsedNumber, parse_interval, parse_number
from .public import public_view
from .text import normalise_text
from .validation import validate_question

__all__ = [
    "GRADERS",
    "PUBLIC_VIEWS",
    "VALIDATORS",
    "Grade",
    "GradingInputError",
    "Interval",
    "Outcome",
    "ParsedNumber",
    "QuestionDefinitionError",
    "grade",
    "normalise_text",
    "parse_interval",
    "parse_number",
    "public_view",
    "register_grader",
    "register_public_view",
    "register_validator",
    "validate_question",
]
