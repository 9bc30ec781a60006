"""The numeric kind: ordered answers, tolerances, ranges, units and detection limits.

Answers are tried in order and the first match wins, with its own credit and feedback. An answer is
``{value, tolerance?, relative_tolerance?}`` (absolute and relative tolerances in the question's unit;
when both are given the wider wins; none means an exact match) or ``{range: "[5, 7)"}``. ``value``
may be text in any form ``parse_number`` reads ("0,05", "5e-2", "50 µg/l": converted to the unit).

Detection limits: with ``allow_below_detection: true`` a learner may answer "<0.05". Such a response
matches only a below-detection answer, written ``value: "<0.05"`` or ``{value: 0.05, below_detection:
true}``; the learner's limit is compared with the answer's value using that answer's tolerance or
range. A plain number never matches a below-detection answer (list a range answer for that). When
the flag is off, "<0.05" is refused with a GradingInputError so the learner can type a number.

Units: a unit the learner types is converted to the question's ``unit`` before comparing. When the
learner gives none, ``unit_policy`` decides: ``optional`` (default) assumes the question's unit,
``required`` gives no credit, ``penalised`` subtracts ``unit_penalty`` (default 0.1) from the credit.
``significant_figures: n`` halves the credit of a matching answer not typed to n figures.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.units import canonical_unit, convert_concentration

from .core import (
    GradingInputError,
    Outcome,
    Question,
    QuestionDefinitionError,
    credit_of,
    list_of,
    register_grader,
    register_public_view,
    register_validator,
    text_of,
    unanswered,
)
from .messages import _
from .number_parsing import Interval, ParsedNumber, parse_interval, parse_number
from .validation import (
    check_credit,
    check_flag,
    check_keys,
    check_number,
    check_text,
    full_credit_missing,
    mapping_entries,
)

NUMERIC_KEYS = frozenset(
    {"answers", "unit", "unit_policy", "unit_penalty", "significant_figures", "allow_below_detection"}
)
ANSWER_KEYS = frozenset({"value", "tolerance", "relative_tolerance", "range", "credit", "feedback", "below_detection"})
UNIT_POLICIES = ("optional", "required", "penalised")
DEFAULT_UNIT_PENALTY = 0.1
SIGNIFICANT_FIGURES_FACTOR = 0.5


@dataclass(frozen=True)
class NumericAnswer:
    """One entry of ``answers``, read and checked, in the question's unit."""

    value: float | None
    interval: Interval | None
    tolerance: float
    relative_tolerance: float
    below_detection: bool
    credit: float
    feedback: str | None

    def matches(self, number: float, below_detection: bool) -> bool:
        """True if a learner's number (or detection limit) falls within this answer."""
        if below_detection != self.below_detection:
            return False
        if self.interval is not None:
            return self.interval.contains(number)
        # Decimal of the shortest repr compares numbers as typed: 0.4 - 0.3 is exactly 0.1 here.
        difference = abs(_exact(number) - _exact(self.value or 0.0))
        allowed = max(_exact(self.tolerance), _exact(self.relative_tolerance) * abs(_exact(self.value or 0.0)))
        return difference <= allowed


def _exact(number: float) -> Decimal:
    return Decimal(repr(float(number)))


def _non_negative(entry: Mapping[str, Any], key: str) -> float:
    """A tolerance: absent is 0; anything but a number of at least 0 is a ValueError."""
    value = entry.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"'{key}' must be a number of at least 0, not {value!r}")
    return float(value)


def read_answer(entry: object, unit: str | None) -> NumericAnswer:
    """Read one ``answers`` entry; raises ValueError with a trainer-facing message."""
    if not isinstance(entry, Mapping):
        raise ValueError("must be a mapping with 'value' or 'range'")
    has_value, has_range = "value" in entry, "range" in entry
    if has_value == has_range:
        raise ValueError("give either 'value' or 'range'")
    value, below = _read_value(entry["value"], unit) if has_value else (None, False)
    flag = entry.get("below_detection", False)
    if not isinstance(flag, bool):
        raise ValueError("'below_detection' must be true or false")
    return NumericAnswer(
        value=value,
        interval=parse_interval(entry["range"]) if has_range else None,
        tolerance=_non_negative(entry, "tolerance"),
        relative_tolerance=_non_negative(entry, "relative_tolerance"),
        below_detection=below or flag,
        credit=credit_of(entry),
        feedback=text_of(entry, "feedback"),
    )


def _read_value(raw: object, unit: str | None) -> tuple[float, bool]:
    """An answer's value in the question's unit, and whether it is written as a detection limit."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"'value' must be a number or text like \"<0.05\", not {raw!r}")
    if not isinstance(raw, str):
        return float(raw), False
    number = parse_number(raw)
    if number.unit is None or number.unit == unit:
        return number.value, number.below_detection
    if unit is None:
        raise ValueError(f"'value' {raw!r} has a unit but the question has no 'unit'")
    return convert_concentration(number.value, number.unit, unit), number.below_detection


def question_unit(question: Question) -> str | None:
    """The question's canonical unit, or None when it has none."""
    raw = question.get("unit")
    if raw is None:
        return None
    unit = canonical_unit(raw) if isinstance(raw, str) else None
    if unit is None:
        raise QuestionDefinitionError(f"Unknown unit {raw!r} in question {question.get('id')!r}.")
    return unit


@register_grader("numeric")
def grade_numeric(question: Question, response: object, seed: int) -> Outcome:
    """Parse the learner's text, convert its unit, find the first matching answer, apply penalties."""
    text = _response_text(response)
    if not text.strip():
        return unanswered()
    number = parse_number(text)
    if number.below_detection and question.get("allow_below_detection") is not True:
        raise GradingInputError(_("Type a number: this question does not accept a detection limit like <0.05."))
    unit = question_unit(question)
    value = convert_concentration(number.value, number.unit, unit) if number.unit and unit else number.value
    answers = _read_answers(question, unit)
    matched = next(
        (index for index, answer in enumerate(answers) if answer.matches(value, number.below_detection)), None
    )
    detail = {
        "answered": True,
        "value": number.value,
        "unit": number.unit,
        "value_in_question_unit": value,
        "below_detection": number.below_detection,
        "significant_figures": number.significant_figures,
        "matched_answer": matched,
    }
    if matched is None:
        return Outcome(0.0, [], detail)
    answer = answers[matched]
    credit, feedback = _apply_penalties(question, number, unit, answer.credit)
    return Outcome(credit, ([answer.feedback] if answer.feedback else []) + feedback, detail)


def _response_text(response: object) -> str:
    """The learner's raw text; a JSON number is accepted as its shortest text form."""
    if isinstance(response, str):
        return response
    if isinstance(response, int | float) and not isinstance(response, bool):
        return repr(response)
    raise GradingInputError(_("Type your answer as a number, for example 0,05."))


def _read_answers(question: Question, unit: str | None) -> list[NumericAnswer]:
    """Every answer of the question; a malformed one is a definition error, not the learner's."""
    try:
        return [read_answer(entry, unit) for entry in list_of(question, "answers")]
    except ValueError as error:
        raise QuestionDefinitionError(f"Question {question.get('id')!r}: {error}") from None


def _apply_penalties(
    question: Question, number: ParsedNumber, unit: str | None, credit: float
) -> tuple[float, list[str]]:
    """Credit after the unit policy and the significant-figures check, with messages explaining them."""
    feedback: list[str] = []
    if credit > 0 and unit is not None and number.unit is None:
        credit, message = _missing_unit(question, unit, credit)
        feedback += [message] if message else []
    figures = question.get("significant_figures")
    wrong_figures = isinstance(figures, int) and not number.fits_significant_figures(figures)
    if credit > 0 and wrong_figures and not number.below_detection:
        credit *= SIGNIFICANT_FIGURES_FACTOR
        feedback.append(
            _("Give the answer to %(figures)d significant figures; half the credit was deducted.", figures=figures)
        )
    return credit, feedback


def _missing_unit(question: Question, unit: str, credit: float) -> tuple[float, str | None]:
    """Apply ``unit_policy`` to an answer typed without a unit."""
    policy = question.get("unit_policy", "optional")
    if policy == "required":
        return 0.0, _(
            "Give the unit with your answer (for example %(unit)s); without it there is no credit.", unit=unit
        )
    if policy != "penalised":
        return credit, None
    penalty = question.get("unit_penalty", DEFAULT_UNIT_PENALTY)
    if isinstance(penalty, bool) or not isinstance(penalty, int | float):
        penalty = DEFAULT_UNIT_PENALTY
    penalty = min(1.0, max(0.0, float(penalty)))
    percent = format(penalty, ".0%")
    message = _(
        "Give the unit with your answer (for example %(unit)s); %(penalty)s was deducted.", unit=unit, penalty=percent
    )
    return max(0.0, credit - penalty), message


@register_public_view("numeric")
def _public_numeric(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    """The unit only when the learner need not type it, and the precision asked for."""
    view: dict[str, Any] = {}
    if question.get("unit") and question.get("unit_policy", "optional") == "optional":
        view["unit"] = question["unit"]
    if isinstance(question.get("significant_figures"), int):
        view["significant_figures"] = question["significant_figures"]
    return view


@register_validator("numeric", keys=NUMERIC_KEYS)
def validate_numeric(question: Question) -> list[str]:
    """Answers readable and reachable, a known unit, and unit options that fit together."""
    problems = _validate_unit_options(question)
    problems += check_flag(question, "allow_below_detection", "question")
    figures = question.get("significant_figures")
    if figures is not None and (isinstance(figures, bool) or not isinstance(figures, int) or not 1 <= figures <= 15):
        problems.append(f"significant_figures must be a whole number from 1 to 15, not {figures!r}")
    try:
        unit = question_unit(question)
    except QuestionDefinitionError:
        unit = None
    entries, entry_problems = mapping_entries(question, "answers", "answer")
    problems += entry_problems
    for number, entry in enumerate(entries, start=1):
        problems += _validate_answer(question, entry, unit, f"answer {number}")
    return problems + full_credit_missing(entries, "answer")


def _validate_unit_options(question: Question) -> list[str]:
    """unit must be known; unit_policy one of three; unit_penalty only with 'penalised'."""
    problems: list[str] = []
    raw_unit = question.get("unit")
    if raw_unit is not None and (not isinstance(raw_unit, str) or canonical_unit(raw_unit) is None):
        problems.append(f"unknown unit {raw_unit!r}; use mg/l, µg/l, ng/l or g/l (or leave 'unit' out)")
    policy = question.get("unit_policy", "optional")
    if policy not in UNIT_POLICIES:
        problems.append(f"unit_policy must be one of {', '.join(UNIT_POLICIES)}, not {policy!r}")
    elif policy != "optional" and raw_unit is None:
        problems.append(f"unit_policy {policy!r} needs a 'unit'")
    if "unit_penalty" in question and policy != "penalised":
        problems.append("unit_penalty only applies when unit_policy is 'penalised'")
    return problems + check_number(question, "unit_penalty", "question", 0, 1)


def _validate_answer(question: Question, entry: object, unit: str | None, where: str) -> list[str]:
    """One answer: known keys, credit 0..1, readable value or range, detection limits allowed."""
    if not isinstance(entry, Mapping):
        return []
    problems = check_keys(entry, ANSWER_KEYS, where) + check_credit(entry, where)
    problems += check_text(entry, "feedback", where, required=False)
    try:
        answer = read_answer(entry, unit)
    except ValueError as error:
        return [*problems, f"{where}: {error}"]
    if answer.below_detection and question.get("allow_below_detection") is not True:
        problems.append(f"{where}: a below-detection answer needs allow_below_detection: true")
    return problems
