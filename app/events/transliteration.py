"""Cyrillic (Russian, Kazakh and neighbours) to Latin, and a spelling-tolerant key for matching names.

`latin_transliteration` is what a person record stores for display and search. `matching_key` folds
the spelling variants that the same name takes across passports, e-mails and sign-in sheets
(Бейсеева, Beiseyeva, Beiseeva, Beyseyeva -> "beiseva") so that duplicates can be found by equality.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Russian letters follow a simple BGN-like scheme; Kazakh, Kyrgyz, Tajik and Uzbek letters follow the
# spelling that Kazakh passports use (Қ -> K, Ғ -> G, Ә -> A, Ө -> O, Ұ/Ү -> U, І -> I).
_CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "u", "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip

# Applied in order to the lower-case transliteration; each pair folds variants of one sound.
_FOLDS: tuple[tuple[str, str], ...] = (
    (r"shch|sch", "sh"),
    (r"dzh|dj|zh", "j"),
    (r"kh|gh", "h"),
    (r"tch", "ch"),
    (r"ts|tz", "c"),
    (r"ph", "f"),
    (r"ck|q", "k"),
    # Uzbek Latin writes Х as X (Xurshid, Baxtiyor); elsewhere x is Latin "ks" (Alexander).
    (r"^x|x(?=[^aeiouy])", "h"),
    (r"x", "ks"),
    (r"w", "v"),
    (r"y", "i"),
)
_COMPILED_FOLDS = tuple((re.compile(pattern), replacement) for pattern, replacement in _FOLDS)
_DOUBLE_LETTER = re.compile(r"([a-z])\1+")
# Iotated vowels: ya/ia, yu/iu, ye/ie, yo/io all reduce to the bare vowel (after y -> i).
_IOTATED_VOWEL = re.compile(r"i([aeou])")
_NOT_LETTER = re.compile(r"[^a-z]+")
_WORD_SPLIT = re.compile(r"[\s,;/()]+")


def _transliterate_char(character: str) -> str:
    lower = character.lower()
    latin = _CYRILLIC_TO_LATIN.get(lower)
    if latin is None:
        return character
    return latin.capitalize() if character != lower else latin


def _transliterate_word(word: str) -> str:
    latin = "".join(_transliterate_char(character) for character in word)
    # A surname written in capitals stays in capitals (BEISEEVA, not BEiSEEVA after Ж -> Zh).
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return latin


def latin_transliteration(name: str) -> str:
    """Return the name in Latin letters, keeping Latin text, case and spacing as written."""
    normalised = unicodedata.normalize("NFC", name.strip())
    words = re.split(r"(\s+)", normalised)
    return "".join(_transliterate_word(word) for word in words)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


@lru_cache(maxsize=100_000)  # names repeat a lot within one import or duplicate scan
def _fold_word(word: str) -> str:
    latin = _strip_accents(latin_transliteration(word).lower())
    letters = _NOT_LETTER.sub("", latin)
    for pattern, replacement in _COMPILED_FOLDS:
        letters = pattern.sub(replacement, letters)
    letters = _DOUBLE_LETTER.sub(r"\1", letters)
    letters = _IOTATED_VOWEL.sub(r"\1", letters)
    return _DOUBLE_LETTER.sub(r"\1", letters)


@lru_cache(maxsize=100_000)
def matching_key(text: str) -> str:
    """Return a lower-case Latin key, word by word, in which common spelling variants coincide."""
    words = (_fold_word(word) for word in _WORD_SPLIT.split(text))
    return " ".join(word for word in words if word)


def within_one_edit(first: str, second: str) -> bool:
    """True when the strings differ by at most one insertion, deletion or substitution."""
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    for position, (left, right) in enumerate(zip(first, second, strict=False)):
        if left != right:
            if len(first) == len(second):
                return first[position + 1 :] == second[position + 1 :]
            return first[position:] == second[position + 1 :]
    return True
