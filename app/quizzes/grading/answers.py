"""``correct_answer_lines(question)``: the right answer in words, for review after submission only."""

from collections.abc import Callable, Mapping
from typing import Any

from .core import Question, credit_of, list_of, text_of

AnswerWriter = Callable[[Question], list[str]]
ANSWER_WRITERS: dict[str, AnswerWriter] = {}


def register_answer_writer(kind: str) -> Callable[[AnswerWriter], AnswerWriter]:
    """Decorator: how a kind (e.g. ``computed``) states its right answer in a review."""

    def decorate(function: AnswerWriter) -> AnswerWriter:
        ANSWER_WRITERS[kind] = function
        return function

    return decorate


def correct_answer_lines(question: Question) -> list[str]:
    """Lines that state the right answer; empty for a kind without a writer."""
    writer = ANSWER_WRITERS.get(str(question.get("kind")))
    return writer(question) if writer is not None else []


@register_answer_writer("single_choice")
@register_answer_writer("multiple_choice")
def _choice_answer(question: Question) -> list[str]:
    options = list_of(question, "options")
    return [
        text_of(option, "text") or ""
        for option in options
        if isinstance(option, Mapping) and option.get("correct") is True
    ]


@register_answer_writer("true_false")
def _true_false_answer(question: Question) -> list[str]:
    return ["true" if question.get("answer") is True else "false"]


def _numeric_entry(entry: Mapping[str, Any], unit: str) -> str:
    if "range" in entry:
        return f"{entry['range']} {unit}".strip()
    text = f"{entry.get('value')} {unit}".strip()
    tolerance = entry.get("tolerance")
    if tolerance:
        text += f" ± {tolerance}"
    relative = entry.get("relative_tolerance")
    if relative:
        text += f" ± {relative:.0%}" if isinstance(relative, float) else f" ± {relative}"
    return text


@register_answer_writer("numeric")
def _numeric_answer(question: Question) -> list[str]:
    unit = question.get("unit") if isinstance(question.get("unit"), str) else ""
    entries = [entry for entry in list_of(question, "answers") if isinstance(entry, Mapping)]
    return [_numeric_entry(entry, unit) for entry in entries if credit_of(entry) >= 1][:1]


@register_answer_writer("short_text")
def _short_text_answer(question: Question) -> list[str]:
    entries = [entry for entry in list_of(question, "answers") if isinstance(entry, Mapping)]
    return [text_of(entry, "text") or "" for entry in entries if credit_of(entry) >= 1]


@register_answer_writer("matching")
def _matching_answer(question: Question) -> list[str]:
    return [f"{text_of(pair, 'left') or ''} → {text_of(pair, 'right') or ''}" for pair in list_of(question, "pairs")]


@register_answer_writer("ordering")
def _ordering_answer(question: Question) -> list[str]:
    return [f"{number}. {item}" for number, item in enumerate(list_of(question, "items"), start=1)]
