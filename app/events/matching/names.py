"""Splitting a full name, as people write it on sign-in sheets, into surname, given name and initials."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.events.transliteration import matching_key

_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna", "ich")
_KAZAKH_PATRONYMIC_ENDINGS = ("uli", "kizi", "ulu", "ogli")
_SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "enko", "uk", "ski", "ska")
_CENTRAL_ASIAN_SURNAME_ENDINGS = ("zoda", "zada", "uli", "kizi", "ulu")
_TOKEN_SPLIT = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class ParsedName:
    """A full name split into its parts, each as written."""

    surname: str
    given_names: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    patronymic: str | None = None
    #: False when only the word order suggested which word is the surname ("Айгерим Серик")
    order_known: bool = True


def _is_initial(token: str) -> bool:
    letters = token.rstrip(".")
    return len(letters) == 1 or (token.endswith(".") and len(letters) <= 2)


def _has_ending(token: str, endings: tuple[str, ...]) -> bool:
    key = matching_key(token)
    return any(key.endswith(ending) and len(key) > len(ending) + 1 for ending in endings)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= character <= "\u04ff" for character in text)


def _surname_position(words: list[str]) -> tuple[int, bool]:
    """Guess which word is the surname, and say whether anything beyond word order told us."""
    if len(words) == 1:
        return 0, True
    capitals = [index for index, word in enumerate(words) if len(word) > 1 and word.isupper()]
    if len(capitals) == 1:
        return capitals[0], True  # passports and official lists write the surname in capitals
    endings = _SURNAME_ENDINGS + _CENTRAL_ASIAN_SURNAME_ENDINGS
    with_endings = [index for index, word in enumerate(words) if _has_ending(word, endings)]
    if len(with_endings) == 1:
        return with_endings[0], True
    # Russian-language lists put the surname first; English ones put it last.
    return (0 if _is_cyrillic(words[0]) else len(words) - 1), False


def _split_patronymic(words: list[str]) -> tuple[list[str], str | None]:
    if len(words) < 3:
        return words, None
    endings = _PATRONYMIC_ENDINGS + _KAZAKH_PATRONYMIC_ENDINGS
    for index, word in enumerate(words):
        if _has_ending(word, endings):
            return words[:index] + words[index + 1 :], word
    return words, None


def parse_name(full_name: str) -> ParsedName:
    """Split "Surname G.", "G. Surname", "Surname Given Patronymic" or "Given Surname" into parts."""
    tokens = [token for token in _TOKEN_SPLIT.split(full_name.replace(".", ". ")) if token.strip(".")]
    initials = tuple(token.rstrip(".") for token in tokens if _is_initial(token))
    words = [token for token in tokens if not _is_initial(token)]
    if not words:
        return ParsedName(surname="", initials=initials)
    words, patronymic = _split_patronymic(words)
    surname_index, order_known = (0, True) if initials else _surname_position(words)
    given = tuple(word for index, word in enumerate(words) if index != surname_index)
    return ParsedName(words[surname_index], given, initials, patronymic, order_known)
