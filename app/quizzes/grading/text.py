"""The short_text kind: accepted answers compared ignoring case, spacing and surrounding punctuation.

Comparison folds case (``casefold``), Unicode compatibility forms (NFKC), ``ё`` to ``е``, and drops
whitespace, hyphens and dashes ("Syr-Darya" = "syr darya" = "SyrDarya") and punctuation at either end
("Aral Sea." = "aral sea").

With ``transliterate: true`` both sides are also written in plain Latin letters so that Cyrillic
(Russian and Kazakh: ә ғ қ ң ө ұ ү һ і) and Latin spellings compare equal: "Сырдарья" = "Syrdarya",
"Қазақстан" = "Kazakhstan" = "Qazaqstan", "Жамбыл" = "Jambyl". After a letter-by-letter table, the
sounds Latin spellings write several ways are folded (kh/h/q -> k, zh/j -> one letter, y -> i, ...).
This is deliberately simple: it can equate two rare distinct words; list alternatives when it matters.
"""

import unicodedata
from collections.abc import Mapping
from typing import Any

from .core import (
    GradingInputError,
    Outcome,
    Question,
    credit_of,
    list_of,
    register_grader,
    register_public_view,
    register_validator,
    text_of,
    unanswered,
)
from .messages import _
from .validation import check_credit, check_flag, check_keys, check_text, full_credit_missing, mapping_entries

SHORT_TEXT_KEYS = frozenset({"answers", "transliterate"})
ANSWER_KEYS = frozenset({"text", "credit", "feedback"})
MAX_TEXT_LENGTH = 500

_SPACING = str.maketrans("", "", " \t\n\r\u00a0\u202f\u2009-‐‑–—")
_EDGE_PUNCTUATION = ".,;:!?\"'«»“”„()"
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
        "ş": "sh", "ç": "ch", "ı": "i",
    }
)  # fmt: skip
# Applied in order, to both sides; digraphs first so that "kh" is not read as "k" + "h".
_SOUND_FOLDS = (
    ("shch", "š"), ("sh", "š"), ("ch", "č"), ("zh", "ž"), ("kh", "k"), ("ts", "c"),
    ("j", "ž"), ("h", "k"), ("q", "k"), ("y", "i"), ("w", "v"), ("'", ""),
)  # fmt: skip


def normalise_text(text: str, transliterate: bool = False) -> str:
    """The form two answers are compared in (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    folded = folded.translate(_SPACING).strip(_EDGE_PUNCTUATION)
    return _to_plain_latin(folded) if transliterate else folded


def _to_plain_latin(text: str) -> str:
    """Cyrillic letters to Latin, accents dropped, then sound folds."""
    latin = text.translate(_CYRILLIC_TO_LATIN)
    decomposed = unicodedata.normalize("NFKD", latin)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    for spelling, folded in _SOUND_FOLDS:
        plain = plain.replace(spelling, folded)
    return plain


@register_grader("short_text")
def grade_short_text(question: Question, response: object, seed: int) -> Outcome:
    """The first accepted answer equal to the response gives its credit and feedback."""
    if not isinstance(response, str):
        raise GradingInputError(_("Type your answer as text."))
    if len(response) > MAX_TEXT_LENGTH:
        raise GradingInputError(
            _("Your answer is too long; keep it under %(limit)d characters.", limit=MAX_TEXT_LENGTH)
        )
    transliterate = question.get("transliterate") is True
    given = normalise_text(response, transliterate)
    if not given:
        return unanswered()
    for index, entry in enumerate(list_of(question, "answers")):
        accepted = text_of(entry, "text")
        if accepted and normalise_text(accepted, transliterate) == given:
            feedback = text_of(entry, "feedback")
            detail = {"answered": True, "matched_answer": index}
            return Outcome(credit_of(entry), [feedback] if feedback else [], detail)
    return Outcome(0.0, [], {"answered": True, "matched_answer": None})


@register_validator("short_text", keys=SHORT_TEXT_KEYS)
def validate_short_text(question: Question) -> list[str]:
    """Answers with text, credit 0..1, one giving full credit, none repeating another."""
    problems = check_flag(question, "transliterate", "question")
    entries, entry_problems = mapping_entries(question, "answers", "answer")
    problems += entry_problems
    transliterate = question.get("transliterate") is True
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            continue
        problems += _validate_answer(entry, f"answer {number}")
        accepted = text_of(entry, "text")
        key = normalise_text(accepted, transliterate) if accepted else None
        if key in seen:
            problems.append(f"answer {number}: same as answer {seen[key]} once case and spacing are ignored")
        elif key:
            seen[key] = number
    return problems + full_credit_missing(entries, "answer")


def _validate_answer(entry: Mapping[str, Any], where: str) -> list[str]:
    problems = check_keys(entry, ANSWER_KEYS, where) + check_credit(entry, where)
    return problems + check_text(entry, "text", where) + check_text(entry, "feedback", where, required=False)


@register_public_view("short_text")
def _public_short_text(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    return {}
