"""``validate_question`` and the small checks the per-kind validators share.

Messages are plain sentences for trainers; list items are numbered from 1 ("option 2: ...") as a
person counts them in the YAML file. The caller prefixes ``file:line``.
"""

import re
from collections.abc import Mapping
from typing import Any

from .core import COMMON_KEYS, GRADERS, KIND_KEYS, VALIDATORS, Question

_KEBAB_CASE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def validate_question(question: object) -> list[str]:
    """Human-readable problems with a question definition; an empty list means it can be used."""
    if not isinstance(question, Mapping):
        return ["a question must be a mapping of keys to values"]
    problems = _check_id(question)
    kind = question.get("kind")
    if kind is None:
        return [*problems, "missing key 'kind'"]
    if not isinstance(kind, str) or kind not in GRADERS:
        known = ", ".join(sorted(GRADERS))
        return [*problems, f"unknown kind {kind!r}; use one of: {known}"]
    problems += check_text(question, "prompt", "question")
    problems += _check_points(question)
    problems += check_text(question, "feedback", "question", required=False)
    if kind in KIND_KEYS:
        problems += check_keys(question, COMMON_KEYS | KIND_KEYS[kind], f"a {kind} question")
    validator = VALIDATORS.get(kind)
    return problems + (validator(question) if validator else [])


def _check_id(question: Question) -> list[str]:
    """The id must be present and kebab-case."""
    question_id = question.get("id")
    if question_id is None:
        return ["missing key 'id'"]
    if not isinstance(question_id, str) or not _KEBAB_CASE.match(question_id):
        return [f"id {question_id!r} must be kebab-case (a-z, 0-9 and single hyphens)"]
    return []


def _check_points(question: Question) -> list[str]:
    """Points, when given, must be a number of at least 0."""
    points = question.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
        return [f"points must be a number of at least 0, not {points!r}"]
    return []


def check_keys(entry: Mapping[str, Any], allowed: frozenset[str], where: str) -> list[str]:
    """One message per key that ``where`` does not know (typos such as 'corect')."""
    unknown = sorted(str(key) for key in entry if key not in allowed)
    return [f"unknown key {key!r} in {where}" for key in unknown]


def check_text(entry: Mapping[str, Any], key: str, where: str, required: bool = True) -> list[str]:
    """``entry[key]`` must be non-blank text (or absent when not required)."""
    if key not in entry:
        return [f"{where}: missing key '{key}'"] if required else []
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: '{key}' must be non-empty text"]
    return []


def check_credit(entry: Mapping[str, Any], where: str) -> list[str]:
    """Credit, when given, must be a number from 0 to 1."""
    if "credit" not in entry:
        return []
    credit = entry["credit"]
    if isinstance(credit, bool) or not isinstance(credit, int | float) or not 0 <= credit <= 1:
        return [f"{where}: credit must be a number from 0 to 1, not {credit!r}"]
    return []


def check_flag(entry: Mapping[str, Any], key: str, where: str) -> list[str]:
    """``entry[key]``, when given, must be true or false."""
    if key in entry and not isinstance(entry[key], bool):
        return [f"{where}: '{key}' must be true or false"]
    return []


def check_number(entry: Mapping[str, Any], key: str, where: str, low: float, high: float) -> list[str]:
    """``entry[key]``, when given, must be a number from ``low`` to ``high``."""
    if key not in entry:
        return []
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        return [f"{where}: '{key}' must be a number from {low:g} to {high:g}, not {value!r}"]
    return []


def mapping_entries(question: Question, key: str, noun: str, minimum: int = 1) -> tuple[list[Any], list[str]]:
    """The list under ``key`` and messages if it is missing, too short, or holds non-mappings."""
    entries = question.get(key)
    if not isinstance(entries, list) or len(entries) < minimum:
        return [], [f"'{key}' must be a list of at least {minimum} {noun}(s)"]
    problems = [
        f"{noun} {number}: must be a mapping with keys"
        for number, entry in enumerate(entries, start=1)
        if not isinstance(entry, Mapping)
    ]
    return entries, problems


def full_credit_missing(entries: list[Any], noun: str) -> list[str]:
    """A message unless some entry gives full credit (credit absent or 1)."""
    if any(isinstance(entry, Mapping) and entry.get("credit", 1) == 1 for entry in entries):
        return []
    return [f"no {noun} gives full credit (credit 1), so nobody could get this question right"]
