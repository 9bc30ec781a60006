"""single_choice, multiple_choice and true_false: grading, validation and learner view.

Responses name options by their index in the question's ``options`` list (0-based), which is also
the ``index`` that ``public_view`` sends with each option, shuffled or not.
"""

from collections.abc import Mapping
from typing import Any

from .core import (
    GradingInputError,
    Outcome,
    Question,
    list_of,
    parse_index,
    presentation_order,
    register_grader,
    register_public_view,
    register_validator,
    text_of,
    unanswered,
)
from .messages import _
from .validation import check_flag, check_keys, check_text, mapping_entries

CHOICE_KEYS = frozenset({"options"})
OPTION_KEYS = frozenset({"text", "correct", "feedback"})
TRUE_FALSE_KEYS = frozenset({"answer", "feedback_true", "feedback_false"})
_TRUE_FALSE_WORDS = {"true": True, "false": False}


def _is_correct(option: object) -> bool:
    return isinstance(option, Mapping) and option.get("correct") is True


def _option_feedback(options: list[Any], chosen: list[int]) -> list[str]:
    """The feedback of each chosen option, in the order the options are listed."""
    texts = (text_of(options[index], "feedback") for index in sorted(chosen))
    return [text for text in texts if text]


@register_grader("single_choice")
def grade_single_choice(question: Question, response: object, seed: int) -> Outcome:
    """Full credit for the correct option, none otherwise; the chosen option's feedback."""
    options = list_of(question, "options")
    chosen = parse_index(response, len(options))
    credit = 1.0 if _is_correct(options[chosen]) else 0.0
    return Outcome(credit, _option_feedback(options, [chosen]), {"answered": True, "chosen": [chosen]})


@register_grader("multiple_choice")
def grade_multiple_choice(question: Question, response: object, seed: int) -> Outcome:
    """+1/(number correct) per correct option chosen, -1/(number wrong) per wrong one, clamped 0..1."""
    if not isinstance(response, list | tuple):
        raise GradingInputError(_("Choose one or more options from the list."))
    if not response:
        return unanswered()
    options = list_of(question, "options")
    if len(response) > len(options):
        raise GradingInputError(_("Choose each option at most once."))
    chosen = sorted({parse_index(item, len(options)) for item in response})
    correct = {index for index, option in enumerate(options) if _is_correct(option)}
    wrong_count = len(options) - len(correct)
    gained = len(correct.intersection(chosen)) / len(correct) if correct else 0.0
    lost = len(set(chosen) - correct) / wrong_count if wrong_count else 0.0
    credit = min(1.0, max(0.0, gained - lost))
    return Outcome(credit, _option_feedback(options, chosen), {"answered": True, "chosen": chosen})


@register_grader("true_false")
def grade_true_false(question: Question, response: object, seed: int) -> Outcome:
    """Full credit when the response equals ``answer``; feedback_true/false follows the learner's choice."""
    if isinstance(response, str) and response.strip().lower() in _TRUE_FALSE_WORDS:
        response = _TRUE_FALSE_WORDS[response.strip().lower()]
    if not isinstance(response, bool):
        raise GradingInputError(_("Answer true or false."))
    credit = 1.0 if response is question.get("answer") else 0.0
    feedback = text_of(question, "feedback_true" if response else "feedback_false")
    return Outcome(credit, [feedback] if feedback else [], {"answered": True, "chosen": response})


def _validate_options(question: Question) -> tuple[list[Any], list[str]]:
    """Shared option checks; returns the options and the problems found."""
    options, problems = mapping_entries(question, "options", "option", minimum=2)
    for number, option in enumerate(options, start=1):
        if isinstance(option, Mapping):
            where = f"option {number}"
            problems += check_keys(option, OPTION_KEYS, where)
            problems += check_text(option, "text", where)
            problems += check_text(option, "feedback", where, required=False)
            problems += check_flag(option, "correct", where)
    return options, problems


@register_validator("single_choice", keys=CHOICE_KEYS)
def validate_single_choice(question: Question) -> list[str]:
    """Options as listed in the format, exactly one of them correct."""
    options, problems = _validate_options(question)
    correct_count = sum(_is_correct(option) for option in options)
    if options and correct_count != 1:
        problems.append(f"a single_choice question needs exactly one correct option, not {correct_count}")
    return problems


@register_validator("multiple_choice", keys=CHOICE_KEYS)
def validate_multiple_choice(question: Question) -> list[str]:
    """Options as listed in the format, at least one of them correct."""
    options, problems = _validate_options(question)
    if options and not any(_is_correct(option) for option in options):
        problems.append("a multiple_choice question needs at least one correct option")
    return problems


@register_validator("true_false", keys=TRUE_FALSE_KEYS)
def validate_true_false(question: Question) -> list[str]:
    """``answer`` is required and boolean; the two feedbacks are optional text."""
    if "answer" not in question:
        problems = ["missing key 'answer' (true or false)"]
    else:
        problems = check_flag(question, "answer", "question")
    problems += check_text(question, "feedback_true", "question", required=False)
    return problems + check_text(question, "feedback_false", "question", required=False)


def _public_options(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    """Option texts with their indices, without correct flags or feedback."""
    options = list_of(question, "options")
    order = presentation_order(question, seed, len(options), "options") if shuffle_options else range(len(options))
    return {"options": [{"index": index, "text": text_of(options[index], "text") or ""} for index in order]}


register_public_view("single_choice")(_public_options)
register_public_view("multiple_choice")(_public_options)


@register_public_view("true_false")
def _public_true_false(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    return {}
