import pytest

from app.events.matching import (
    STRONG_MATCH,
    ParsedName,
    PersonRecord,
    build_index,
    find_candidate_pairs,
    normalise_email,
    normalise_phone,
    parse_name,
    score_pair,
    suggest_matches,
)

GAUKHAR_CYRILLIC = PersonRecord(1, "Гаухар Бейсеева", organisation_name="Бассейновая инспекция")
GAUKHAR_LATIN = PersonRecord(2, "Gaukhar Beiseyeva", organisation_name="Бассейновая инспекция")
GAUKHAR_INITIAL = PersonRecord(3, "Beiseeva G.")


@pytest.mark.parametrize(
    ("full_name", "surname", "given", "initials", "patronymic"),
    [
        ("Beiseeva G.", "Beiseeva", (), ("G",), None),
        ("G. Beiseeva", "Beiseeva", (), ("G",), None),
        ("Beiseeva G.K.", "Beiseeva", (), ("G", "K"), None),
        ("Бейсеева Гаухар Канатовна", "Бейсеева", ("Гаухар",), (), "Канатовна"),
        ("Гаухар Канатовна Бейсеева", "Бейсеева", ("Гаухар",), (), "Канатовна"),
        ("Gaukhar Beiseyeva", "Beiseyeva", ("Gaukhar",), (), None),
        ("Гаухар Бейсеева", "Бейсеева", ("Гаухар",), (), None),
        ("BEISEYEVA Gaukhar", "BEISEYEVA", ("Gaukhar",), (), None),
        ("Серик Ахметұлы", "Ахметұлы", ("Серик",), (), None),
        ("Айгерим Серик", "Айгерим", ("Серик",), (), None),
        ("Aigerim Serik", "Serik", ("Aigerim",), (), None),
        ("Serik Ахметов", "Ахметов", ("Serik",), (), None),
    ],
)
def test_parse_name_finds_surname_given_initials_and_patronymic(full_name, surname, given, initials, patronymic):
    parsed = parse_name(full_name)
    assert ParsedName(parsed.surname, parsed.given_names, parsed.initials, parsed.patronymic) == ParsedName(
        surname, given, initials, patronymic
    )


def test_parse_name_says_when_only_word_order_chose_the_surname():
    assert not parse_name("Айгерим Серик").order_known
    assert parse_name("Гаухар Бейсеева").order_known
    assert parse_name("BEISEYEVA Gaukhar").order_known


def test_find_candidate_pairs_matches_ambiguous_order_against_initials():
    pairs = find_candidate_pairs([PersonRecord(1, "Айгерим Серик"), PersonRecord(2, "Serik A.")])
    assert [{pair.left.id, pair.right.id} for pair in pairs] == [{1, 2}]


def test_parse_name_of_blank_text_has_no_surname():
    assert parse_name("  ").surname == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8 701 123 45 67", "+77011234567"),
        ("+7 (701) 123-45-67", "+77011234567"),
        ("701 123 4567", "+77011234567"),
        ("0049 30 1234567", "+49301234567"),
        ("call me", None),
        ("12-34", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_phone_treats_8_and_plus_7_prefixes_alike(raw, expected):
    assert normalise_phone(raw) == expected


def test_normalise_email_lowercases_and_trims():
    assert normalise_email("  G.Beiseyeva@Example.KZ ") == "g.beiseyeva@example.kz"
    assert normalise_email("   ") is None


def test_score_pair_matches_cyrillic_and_latin_spelling_strongly():
    match = score_pair(GAUKHAR_CYRILLIC, GAUKHAR_LATIN)
    assert match.score >= STRONG_MATCH
    assert "surname matches after transliteration (beiseva)" in match.evidence
    assert "same given name (gauhar)" in match.evidence
    assert "same organisation" in match.evidence


def test_score_pair_accepts_agreeing_initial_as_possible_match():
    match = score_pair(GAUKHAR_INITIAL, GAUKHAR_LATIN)
    assert 0.6 <= match.score < STRONG_MATCH
    assert "initial G agrees with Gaukhar" in match.evidence


def test_score_pair_accepts_initials_taken_from_the_transliteration():
    zhanar = score_pair(PersonRecord(1, "Жумабекова Жанар"), PersonRecord(2, "Zhumabekova Z."))
    khaliya = score_pair(PersonRecord(1, "Халия Сериккызы"), PersonRecord(2, "Serikkyzy K."))
    assert "initial Z agrees with Жанар" in zhanar.evidence
    assert "initial K agrees with Халия" in khaliya.evidence
    assert zhanar.score >= 0.6 and khaliya.score >= 0.6


def test_score_pair_rejects_same_surname_with_different_initials():
    match = score_pair(PersonRecord(1, "Ахметов Серик"), PersonRecord(2, "Akhmetov B."))
    assert match.score < 0.3
    assert "initial S does not agree with B" in match.evidence


def test_score_pair_rejects_same_surname_with_different_given_names():
    match = score_pair(PersonRecord(1, "Ахметов Серик"), PersonRecord(2, "Ахметов Бауыржан"))
    assert match.score < 0.3


def test_score_pair_keeps_husband_and_wife_apart():
    match = score_pair(PersonRecord(1, "Ахметов Серик"), PersonRecord(2, "Ахметова Сания"))
    assert match.score < 0.3
    assert any("male/female ending" in reason for reason in match.evidence)


def test_score_pair_lowers_score_for_different_patronymics():
    same = score_pair(PersonRecord(1, "Иванов Петр Сергеевич"), PersonRecord(2, "Иванов Петр Сергеевич"))
    different = score_pair(PersonRecord(1, "Иванов Петр Сергеевич"), PersonRecord(2, "Иванов Петр Ильич"))
    assert same.score > different.score
    assert "different patronymics" in different.evidence


def test_score_pair_same_email_makes_initials_match_strong():
    first = PersonRecord(1, "Beiseeva G.", email="G.Beiseyeva@example.kz")
    second = PersonRecord(2, "Gaukhar Beiseyeva", email="g.beiseyeva@example.kz")
    match = score_pair(first, second)
    assert match.score >= STRONG_MATCH
    assert "same email" in match.evidence


def test_score_pair_same_phone_in_8_and_plus_7_forms_counts_as_evidence():
    first = PersonRecord(1, "AKHMETOV Serik", phone="8 701 123 45 67")
    second = PersonRecord(2, "Serik Akhmetov", phone="+7 (701) 123-45-67")
    match = score_pair(first, second)
    assert "same phone" in match.evidence
    assert match.score > score_pair(PersonRecord(1, "AKHMETOV Serik"), PersonRecord(2, "Serik Akhmetov")).score


def test_score_pair_different_phones_lower_the_score():
    first = PersonRecord(1, "Gaukhar Beiseyeva", phone="+7 701 111 11 11")
    second = PersonRecord(2, "Гаухар Бейсеева", phone="+7 702 222 22 22")
    match = score_pair(first, second)
    assert "different phones" in match.evidence
    assert match.score < score_pair(GAUKHAR_CYRILLIC, GAUKHAR_LATIN).score


def test_score_pair_shared_office_email_does_not_merge_different_people():
    first = PersonRecord(1, "Ivanov Petr", email="info@water.kz")
    second = PersonRecord(2, "Sidorova Anna", email="INFO@water.kz")
    match = score_pair(first, second)
    assert match.score < 0.6
    assert "same email but the names differ (shared email?)" in match.evidence


def test_score_pair_different_countries_lower_the_score():
    home = score_pair(PersonRecord(1, "Ivanov Petr", country="KZ"), PersonRecord(2, "Иванов Петр", country="kz"))
    abroad = score_pair(PersonRecord(1, "Ivanov Petr", country="KZ"), PersonRecord(2, "Иванов Петр", country="KG"))
    assert abroad.score < home.score
    assert "different countries (KZ / KG)" in abroad.evidence


def test_score_pair_matches_same_words_in_swapped_order():
    match = score_pair(PersonRecord(1, "Айгерим Серик"), PersonRecord(2, "Aigerim Serik"))
    assert match.score >= STRONG_MATCH


def test_find_candidate_pairs_finds_the_gaukhar_trio_best_first():
    people = [GAUKHAR_CYRILLIC, GAUKHAR_LATIN, GAUKHAR_INITIAL, PersonRecord(4, "Ахметов Серик")]
    pairs = find_candidate_pairs(people)
    assert [{pair.left.id, pair.right.id} for pair in pairs] == [{1, 2}, {1, 3}, {2, 3}]
    assert pairs[0].is_strong
    assert [pair.score for pair in pairs] == sorted((pair.score for pair in pairs), reverse=True)


def test_find_candidate_pairs_skips_namesakes_with_different_initials():
    people = [
        PersonRecord(1, "Ахметов Серик"),
        PersonRecord(2, "Akhmetov B."),
        PersonRecord(3, "Ахметов Бауыржан Болатович"),
        PersonRecord(4, "Akhmetov A."),
    ]
    pairs = find_candidate_pairs(people)
    assert [{pair.left.id, pair.right.id} for pair in pairs] == [{2, 3}]
    assert not pairs[0].is_strong


def test_find_candidate_pairs_finds_typo_surnames_through_the_email_block():
    people = [
        PersonRecord(1, "Zhumabekova Aliya", email="aliya@example.kz"),
        PersonRecord(2, "Jumabekova Alia", email="aliya@example.kz"),
        PersonRecord(3, "Umabekova Aliya", email="aliya@example.kz"),
    ]
    pairs = find_candidate_pairs(people)
    assert {frozenset((pair.left.id, pair.right.id)) for pair in pairs} == {
        frozenset({1, 2}),
        frozenset({1, 3}),
        frozenset({2, 3}),
    }


def test_find_candidate_pairs_scores_only_people_sharing_a_block(monkeypatch):
    import app.events.matching.blocking as blocking

    compared = []
    original = blocking.score_features
    monkeypatch.setattr(blocking, "score_features", lambda a, b: compared.append(1) or original(a, b))
    unrelated = [PersonRecord(10 + index, name) for index, name in enumerate(["Ivanov Petr", "Tsoi Viktor"])]
    find_candidate_pairs([GAUKHAR_CYRILLIC, GAUKHAR_LATIN, GAUKHAR_INITIAL, *unrelated])
    assert len(compared) == 3


def test_suggest_matches_returns_existing_people_best_first():
    index = build_index([GAUKHAR_CYRILLIC, GAUKHAR_INITIAL, PersonRecord(4, "Ахметов Серик")])
    suggestions = suggest_matches(PersonRecord("row-7", "BEISEYEVA Gaukhar"), index)
    assert [suggestion.right.id for suggestion in suggestions] == [1, 3]
    assert all(suggestion.left.id == "row-7" for suggestion in suggestions)


def test_suggest_matches_ignores_the_same_record_and_respects_limit():
    index = build_index([GAUKHAR_CYRILLIC, GAUKHAR_LATIN, GAUKHAR_INITIAL])
    suggestions = suggest_matches(GAUKHAR_LATIN, index, limit=1)
    assert [suggestion.right.id for suggestion in suggestions] == [1]


def test_suggest_matches_finds_nobody_for_a_new_person():
    index = build_index([GAUKHAR_CYRILLIC, PersonRecord(4, "Ахметов Серик")])
    assert suggest_matches(PersonRecord("row-1", "Tsoi Viktor"), index) == []
