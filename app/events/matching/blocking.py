"""Blocking: file people under a few keys and compare only people who share one, never every pair."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations

from app.events.matching.scoring import (
    STRONG_MATCH,
    MatchScore,
    PersonFeatures,
    PersonRecord,
    person_features,
    score_features,
)

DEFAULT_THRESHOLD = 0.6
#: name blocks larger than this are skipped (email and phone blocks never are) to stay near-linear
MAX_NAME_BLOCK = 400


@dataclass(frozen=True)
class Candidate:
    """Two records that may be the same person, with the reasons."""

    left: PersonRecord
    right: PersonRecord
    match: MatchScore

    @property
    def score(self) -> float:
        return self.match.score

    @property
    def is_strong(self) -> bool:
        return self.match.score >= STRONG_MATCH


@dataclass(frozen=True)
class PersonIndex:
    """People prepared for repeated look-ups during an import; build it once with `build_index`."""

    features: dict[int | str, PersonFeatures] = field(default_factory=dict)
    blocks: dict[str, list[int | str]] = field(default_factory=dict)


def _block_keys(person: PersonFeatures) -> Iterator[str]:
    """Keys under which a person is filed; only people sharing a key are ever compared."""
    if person.email:
        yield "@" + person.email
    if person.phone:
        yield "#" + person.phone
    if person.surname_key:
        yield from person.name_blocks


def _add_to_blocks(blocks: dict[str, list[int | str]], person: PersonFeatures) -> None:
    for key in set(_block_keys(person)):
        blocks.setdefault(key, []).append(person.record.id)


def build_index(people: Iterable[PersonRecord]) -> PersonIndex:
    """Prepare existing people once so that each imported row is compared only with likely matches."""
    index = PersonIndex()
    for record in people:
        person = person_features(record)
        index.features[record.id] = person
        _add_to_blocks(index.blocks, person)
    return index


def _usable_blocks(index: PersonIndex) -> Iterator[list[int | str]]:
    for key, members in index.blocks.items():
        if len(members) > 1 and (len(members) <= MAX_NAME_BLOCK or key[0] in "@#"):
            yield members


def find_candidate_pairs(people: Iterable[PersonRecord], threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
    """Return likely duplicate pairs, best first, scoring only pairs that share a blocking key."""
    index = build_index(people)
    seen: set[tuple[int | str, int | str]] = set()
    candidates: list[Candidate] = []
    for members in _usable_blocks(index):
        for left_id, right_id in combinations(members, 2):
            pair = (left_id, right_id) if str(left_id) <= str(right_id) else (right_id, left_id)
            if pair in seen:
                continue
            seen.add(pair)
            left, right = index.features[pair[0]], index.features[pair[1]]
            match = score_features(left, right)
            if match.score >= threshold:
                candidates.append(Candidate(left.record, right.record, match))
    return sorted(candidates, key=lambda candidate: (-candidate.score, str(candidate.left.id)))


def suggest_matches(
    new: PersonRecord, existing_index: PersonIndex, threshold: float = DEFAULT_THRESHOLD, limit: int = 5
) -> list[Candidate]:
    """Return the existing people an imported row most probably is, best first."""
    person = person_features(new)
    nearby: set[int | str] = set()
    for key in _block_keys(person):
        members = existing_index.blocks.get(key, [])
        if len(members) <= MAX_NAME_BLOCK or key[0] in "@#":
            nearby.update(members)
    nearby.discard(new.id)
    candidates = []
    for existing_id in nearby:
        existing = existing_index.features[existing_id]
        match = score_features(person, existing)
        if match.score >= threshold:
            candidates.append(Candidate(new, existing.record, match))
    candidates.sort(key=lambda candidate: (-candidate.score, str(candidate.right.id)))
    return candidates[:limit]
