"""Key-by-key checks of a YAML mapping, reported at the line of the offending key."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.content.files.model import Problem
from app.content.files.yamlfile import YamlDocument

#: returns what is wrong with a value, or None when it is fine
Check = Callable[[Any], str | None]

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Key:
    """How one key of a mapping must look."""

    check: Check
    required: bool = False


def check_mapping(document: YamlDocument, keys: dict[str, Key], file: str, *path: str | int) -> list[Problem]:
    """Report unknown keys, missing required keys and wrong values of the mapping at `path`."""
    data = document.get(*path)
    where = document.line(*path)
    if not isinstance(data, dict):
        return [Problem(file, where, f"expected a mapping of keys, got {_kind(data)}")]
    problems = [Problem(file, document.line(*path, key), f"unknown key '{key}'") for key in data if key not in keys]
    for key, rule in keys.items():
        if key not in data:
            if rule.required:
                problems.append(Problem(file, where, f"missing required key '{key}'"))
            continue
        error = rule.check(data[key])
        if error:
            problems.append(Problem(file, document.line(*path, key), f"'{key}' {error}"))
    return problems


def text(value: Any) -> str | None:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        return f"must be non-empty text, got {_kind(value)}"
    return None


def slug(value: Any) -> str | None:
    """A kebab-case identifier."""
    if not isinstance(value, str) or not SLUG.match(value):
        return f"must be kebab-case (a-z, 0-9, '-'), got {value!r}"
    return None


def one_of(*allowed: str) -> Check:
    """One of a fixed set of strings."""

    def check(value: Any) -> str | None:
        if value not in allowed:
            return f"must be one of {', '.join(allowed)}, got {value!r}"
        return None

    return check


def integer(minimum: int, maximum: int | None = None) -> Check:
    """A whole number in a range (booleans are not numbers here)."""

    def check(value: Any) -> str | None:
        in_range = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
        if not in_range or (maximum is not None and value > maximum):
            upper = f"..{maximum}" if maximum is not None else " or more"
            return f"must be a whole number {minimum}{upper}, got {value!r}"
        return None

    return check


def positive_number(value: Any) -> str | None:
    """A number above zero."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return f"must be a number above 0, got {value!r}"
    return None


def boolean(value: Any) -> str | None:
    """true or false."""
    return None if isinstance(value, bool) else f"must be true or false, got {value!r}"


def email_list(value: Any) -> str | None:
    """A list of e-mail addresses."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return "must be a list of e-mail addresses"
    wrong = [item for item in value if not _EMAIL.match(item)]
    return f"has invalid e-mail addresses: {', '.join(wrong)}" if wrong else None


def subset_of(*allowed: str) -> Check:
    """A list whose items come from a fixed set."""

    def check(value: Any) -> str | None:
        if not isinstance(value, list) or any(item not in allowed for item in value):
            return f"must be a list drawn from {', '.join(allowed)}, got {value!r}"
        return None

    return check


def non_empty_list(value: Any) -> str | None:
    """A list with at least one item."""
    return None if isinstance(value, list) and value else "must be a non-empty list"


def mapping(value: Any) -> str | None:
    """A mapping; its own keys are checked separately."""
    return None if isinstance(value, dict) else f"must be a mapping, got {_kind(value)}"


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
