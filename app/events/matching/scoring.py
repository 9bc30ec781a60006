"""Scoring one pair of people: a sum of evidence weights clamped to 0..1, with the evidence in words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from app.events.matching.names import ParsedName, parse_name
from app.events.transliteration import latin_transliteration, matching_key, within_one_edit

#: at or above this a pair is shown as a strong match; below it as a possible one
STRONG_MATCH = 0.85
_GENDERED_ENDINGS = ("ov", "ev", "in", "ski")


@dataclass(frozen=True)
class PersonRecord:
    """The fields of a person that matching looks at."""

    id: int | str
    full_name: str
    email: str | None = None
    phone: str | None = None
    organisation_name: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class MatchScore:
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PersonFeatures:
    """Everything scoring needs, computed once per record."""

    record: PersonRecord
    surname: str
    surname_key: str
    given_name: str
    given_key: str
    #: letters the given name may be abbreviated to (Жамар: j and z); empty when there is none
    given_initials: frozenset[str]
    #: the given initial as written, for the evidence text
    given_letter: str
    patronymic_key: str
    patronymic_initials: frozenset[str]
    word_keys: frozenset[str]
    name_blocks: tuple[str, ...]
    order_known: bool
    email: str | None
    phone: str | None
    organisation_key: str
    country: str


def normalise_email(email: str | None) -> str | None:
    """Return the address trimmed and lower-cased, or None when it is blank."""
    if not email:
        return None
    cleaned = email.strip().lower().removeprefix("mailto:")
    return cleaned or None


def normalise_phone(phone: str | None) -> str | None:
    """Return "+<digits>" with Kazakh 8-prefix numbers rewritten to +7, or None when not a phone."""
    if not phone or re.search(r"[^\d\s+()\-./]", phone.strip()):
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("00"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]  # 8 7xx ... is the domestic form of +7 7xx ...
    elif len(digits) == 10 and digits.startswith("7"):
        digits = "7" + digits  # a Kazakh mobile written without its country code
    if not 7 <= len(digits) <= 15:
        return None
    return "+" + digits


def initials_of(text: str) -> frozenset[str]:
    """Letters a name may be abbreviated to: "Z." and "Zh." both stand for Жамар (key "jamar")."""
    if not text:
        return frozenset()
    candidates = (matching_key(text)[:1], latin_transliteration(text)[:1].lower())
    return frozenset(letter for letter in candidates if letter.isalpha())


def _name_blocks(name: ParsedName, surname_key: str, given_key: str, given_initials: frozenset[str]) -> list[str]:
    """Blocking keys from the name: surname prefix with the given initial, and both name prefixes."""
    blocks = [f"{surname_key[:4]}|{letter}" for letter in given_initials or {""}]
    if given_key:
        blocks.append("+".join(sorted((surname_key[:3], given_key[:3]))))
    if given_key and not name.order_known:  # the given name may be the surname: file it that way too
        blocks.extend(f"{given_key[:4]}|{letter}" for letter in initials_of(name.surname))
    return blocks


def person_features(record: PersonRecord) -> PersonFeatures:
    """Compute once per record everything that scoring and blocking look at."""
    name = parse_name(record.full_name)
    given = name.given_names[0] if name.given_names else (name.initials or ("",))[0]
    patronymic = name.patronymic or (name.initials[1] if len(name.initials) > 1 else "")
    given_key = matching_key(name.given_names[0]) if name.given_names else ""
    given_initials = initials_of(given)
    words = [name.surname, *name.given_names, name.patronymic or ""]
    surname_key = matching_key(name.surname)
    return PersonFeatures(
        record=record,
        surname=name.surname,
        surname_key=surname_key,
        given_name=name.given_names[0] if name.given_names else "",
        given_key=given_key,
        given_initials=given_initials,
        given_letter=latin_transliteration(given)[:1].upper(),
        patronymic_key=matching_key(name.patronymic or ""),
        patronymic_initials=initials_of(patronymic),
        word_keys=frozenset(matching_key(word) for word in words if word),
        name_blocks=tuple(_name_blocks(name, surname_key, given_key, given_initials)),
        order_known=name.order_known,
        email=normalise_email(record.email),
        phone=normalise_phone(record.phone),
        organisation_key=matching_key(record.organisation_name or ""),
        country=(record.country or "").strip().upper(),
    )


def _differs_by_gendered_ending(first: str, second: str) -> bool:
    shorter, longer = sorted((first, second), key=len)
    return longer == shorter + "a" and shorter.endswith(_GENDERED_ENDINGS)


def _surname_points(left: PersonFeatures, right: PersonFeatures) -> tuple[float, str]:
    first, second = left.surname_key, right.surname_key
    if not first or not second:
        return 0.0, "surname missing"
    if first == second:
        same_text = left.record.full_name.casefold() == right.record.full_name.casefold()
        return (
            0.5,
            "same name as written" if same_text else f"surname matches after transliteration ({first})",
        )
    if _differs_by_gendered_ending(first, second):
        return 0.2, f"surnames differ in the male/female ending ({first} / {second}): maybe relatives"
    if len(first) >= 5 and within_one_edit(first, second):
        return 0.4, f"surname nearly matches ({first} / {second})"
    if len(left.word_keys) >= 2 and left.word_keys == right.word_keys:
        return 0.85, "same name words in a different order"
    return 0.0, f"different surnames ({first} / {second})"


def _given_points(left: PersonFeatures, right: PersonFeatures) -> tuple[float, str | None]:
    first, second = left.given_key, right.given_key
    if not left.given_initials or not right.given_initials:
        return 0.0, None
    if first and second:
        if first == second:
            return 0.35, f"same given name ({first})"
        if len(first) >= 4 and within_one_edit(first, second):
            return 0.25, f"given names nearly match ({first} / {second})"
        return -0.4, f"different given names ({first} / {second})"
    if not left.given_initials & right.given_initials:
        return -0.4, f"initial {left.given_letter} does not agree with {right.given_letter}"
    if first or second:
        full, initial = (left, right) if first else (right, left)
        return 0.2, f"initial {initial.given_letter} agrees with {full.given_name}"
    return 0.15, f"same initial {left.given_letter}"


def _patronymic_points(left: PersonFeatures, right: PersonFeatures) -> tuple[float, str | None]:
    if not left.patronymic_initials or not right.patronymic_initials:
        return 0.0, None
    if left.patronymic_key and right.patronymic_key:
        if left.patronymic_key == right.patronymic_key:
            return 0.1, "same patronymic"
        return -0.3, "different patronymics"
    if left.patronymic_initials & right.patronymic_initials:
        return 0.05, "patronymic initial agrees"
    return -0.3, "patronymic initial does not agree"


def _swapped(person: PersonFeatures) -> PersonFeatures:
    """The same person read the other way round: the given name as surname and vice versa."""
    return replace(
        person,
        surname=person.given_name,
        surname_key=person.given_key,
        given_name=person.surname,
        given_key=person.surname_key,
        given_initials=initials_of(person.surname),
        given_letter=latin_transliteration(person.surname)[:1].upper(),
    )


def _orientations(left: PersonFeatures, right: PersonFeatures) -> Iterator[tuple[PersonFeatures, PersonFeatures]]:
    yield left, right
    # "Айгерим Серик" may be surname-first or given-first; score both readings and keep the better.
    if not left.order_known and left.given_key:
        yield _swapped(left), right
    if not right.order_known and right.given_key:
        yield left, _swapped(right)


def _name_points(left: PersonFeatures, right: PersonFeatures) -> tuple[float, list[str]]:
    readings = (_oriented_name_points(first, second) for first, second in _orientations(left, right))
    return max(readings, key=lambda reading: reading[0])


def _oriented_name_points(left: PersonFeatures, right: PersonFeatures) -> tuple[float, list[str]]:
    surname, surname_evidence = _surname_points(left, right)
    evidence = [surname_evidence]
    if surname >= 0.85:
        return surname, evidence
    total = surname
    for points, reason in (_given_points(left, right), _patronymic_points(left, right)):
        total += points
        if reason:
            evidence.append(reason)
    return max(total, 0.0), evidence


def _contact_points(left: PersonFeatures, right: PersonFeatures, name_score: float) -> tuple[float, list[str]]:
    score, evidence = name_score, []
    for label, first, second, floor in (
        ("email", left.email, right.email, 0.85),
        ("phone", left.phone, right.phone, 0.75),
    ):
        if not first or not second:
            continue
        if first != second:
            score -= 0.1
            evidence.append(f"different {label}s")
        elif name_score >= 0.2:
            score = max(score, floor) + 0.1
            evidence.append(f"same {label}")
        else:
            # An office mailbox or reception phone is shared by colleagues: it only lifts similar names.
            score += 0.2
            evidence.append(f"same {label} but the names differ (shared {label}?)")
    return score, evidence


def _context_points(left: PersonFeatures, right: PersonFeatures) -> tuple[float, list[str]]:
    points, evidence = 0.0, []
    if left.organisation_key and right.organisation_key:
        same = left.organisation_key == right.organisation_key
        points += 0.1 if same else -0.05
        evidence.append("same organisation" if same else "different organisations")
    if left.country and right.country and left.country != right.country:
        points -= 0.15
        evidence.append(f"different countries ({left.country} / {right.country})")
    return points, evidence


def score_features(left: PersonFeatures, right: PersonFeatures) -> MatchScore:
    """Score two prepared records; `score_pair` for callers holding plain records."""
    name_score, evidence = _name_points(left, right)
    score, contact_evidence = _contact_points(left, right, name_score)
    context, context_evidence = _context_points(left, right)
    total = min(max(score + context, 0.0), 1.0)
    return MatchScore(score=round(total, 3), evidence=tuple(evidence + contact_evidence + context_evidence))


def score_pair(first: PersonRecord, second: PersonRecord) -> MatchScore:
    """Score how likely two records are the same person (0..1), with the evidence for it."""
    return score_features(person_features(first), person_features(second))
