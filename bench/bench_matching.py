"""Time duplicate detection among 20,000 synthetic people (target: under 10 s on one core).

Run: python bench/bench_matching.py. Names are made of syllables with a fixed seed, so they are
obviously synthetic and the run is repeatable; 5% of the people are injected as re-spelled duplicates.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.events.matching import PersonRecord, build_index, find_candidate_pairs, suggest_matches  # noqa: E402
from app.events.transliteration import latin_transliteration  # noqa: E402

PEOPLE = 20_000
DUPLICATE_SHARE = 0.05
SYLLABLES = ("ба", "ке", "ло", "ми", "ну", "ра", "се", "ти", "жа", "ха", "цы", "ше", "ай", "ей", "ул", "ор",
             "да", "го", "зу", "пе", "фи", "ча", "юн", "як", "қа", "ғы", "өр", "ұл")  # fmt: skip
GIVEN_NAMES = tuple(f"{first}{second}{end}".capitalize() for first in SYLLABLES[:12]
                    for second, end in (("ра", "н"), ("ли", "я"), ("мар", "")))  # fmt: skip
ORGANISATIONS = tuple(f"Synthetic Basin Agency {number}" for number in range(200))


def _surname(generator: random.Random) -> str:
    body = "".join(generator.choice(SYLLABLES) for _ in range(generator.choice((2, 3))))
    return body.capitalize() + generator.choice(("ов", "ова", "ев", "ева", "бек", "енко"))


def _person(generator: random.Random, number: int) -> PersonRecord:
    name = f"{_surname(generator)} {generator.choice(GIVEN_NAMES)}"
    if generator.random() < 0.5:
        name = latin_transliteration(name)
    return PersonRecord(
        id=number,
        full_name=name,
        email=f"person{number:05d}@example.test" if generator.random() < 0.6 else None,
        phone=f"+7 701 {number:07d}" if generator.random() < 0.4 else None,
        organisation_name=generator.choice(ORGANISATIONS),
        country="KZ",
    )


def _respelled(generator: random.Random, original: PersonRecord, number: int) -> PersonRecord:
    surname, given = original.full_name.split(" ", 1)
    variants = (
        f"{latin_transliteration(given)} {latin_transliteration(surname)}",
        f"{latin_transliteration(surname).upper()} {latin_transliteration(given)}",
        f"{latin_transliteration(surname)} {latin_transliteration(given)[0]}.",
    )
    return PersonRecord(number, generator.choice(variants), original.email, None, original.organisation_name, "KZ")


def make_people(seed: int = 20240527) -> tuple[list[PersonRecord], set[frozenset[int]]]:
    generator = random.Random(seed)
    originals = int(PEOPLE * (1 - DUPLICATE_SHARE))
    people = [_person(generator, number) for number in range(originals)]
    injected: set[frozenset[int]] = set()
    for number in range(originals, PEOPLE):
        original = people[generator.randrange(originals)]
        people.append(_respelled(generator, original, number))
        injected.add(frozenset((original.id, number)))
    return people, injected


def main() -> None:
    people, injected = make_people()
    started, cpu_started = time.perf_counter(), time.process_time()
    pairs = find_candidate_pairs(people)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    found = {frozenset((pair.left.id, pair.right.id)) for pair in pairs}
    strong = sum(pair.is_strong for pair in pairs)
    print(f"find_candidate_pairs: {len(people)} people in {elapsed:.2f} s (CPU {cpu:.2f} s)")
    print(f"  {len(pairs)} candidate pairs ({strong} strong); injected duplicates found: "
          f"{len(found & injected)}/{len(injected)}")  # fmt: skip

    started = time.perf_counter()
    index = build_index(people[:-1000])
    built = time.perf_counter() - started
    started = time.perf_counter()
    suggested = sum(bool(suggest_matches(row, index)) for row in people[-1000:])
    suggesting = time.perf_counter() - started
    print(f"build_index: {len(people) - 1000} people in {built:.2f} s")
    print(f"suggest_matches: 1000 import rows in {suggesting:.2f} s, {suggested} with a suggestion")


if __name__ == "__main__":
    main()
