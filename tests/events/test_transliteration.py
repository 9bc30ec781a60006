from app.events.transliteration import latin_transliteration, matching_key, within_one_edit


def test_latin_transliteration_converts_russian_name():
    assert latin_transliteration("Гаухар Бейсеева") == "Gaukhar Beyseeva"


def test_latin_transliteration_converts_kazakh_letters():
    assert latin_transliteration("Әлия Қасымова Ғани Өмір Ұлан Үміт Һ Ізбасар Ң") == (
        "Aliya Kasymova Gani Omir Ulan Umit H Izbasar N"
    )


def test_latin_transliteration_keeps_latin_text_and_spacing():
    assert latin_transliteration("  Gaukhar  Beiseyeva ") == "Gaukhar  Beiseyeva"


def test_latin_transliteration_keeps_surname_in_capitals():
    assert latin_transliteration("ЖАНБЫРБАЕВ Жандос") == "ZHANBYRBAEV Zhandos"


def test_latin_transliteration_handles_mixed_scripts():
    assert latin_transliteration("Serik Ахметов") == "Serik Akhmetov"


def test_matching_key_folds_the_beiseeva_spellings():
    keys = {matching_key(name) for name in ("Бейсеева", "Beiseyeva", "Beiseeva", "Beyseyeva", "BEISEEVA")}
    assert keys == {"beiseva"}


def test_matching_key_folds_kh_zh_ts_and_iotated_vowels():
    assert matching_key("Гаухар") == matching_key("Gauhar") == matching_key("Gaukhar")
    assert matching_key("Жанна") == matching_key("Janna") == matching_key("Zhanna")
    assert matching_key("Цой") == matching_key("Tsoi") == matching_key("Tsoy")
    assert matching_key("Юлия") == matching_key("Yulia") == matching_key("Iuliia")
    assert matching_key("Мария") == matching_key("Mariya") == matching_key("Maria")


def test_matching_key_folds_kazakh_and_uzbek_latin_spellings():
    assert matching_key("Қасымов") == matching_key("Qasymov") == matching_key("Kasymov")
    assert matching_key("Хуршид") == matching_key("Xurshid")
    assert matching_key("Бахтиёр") == matching_key("Baxtiyor") == matching_key("Bakhtiyor")


def test_matching_key_folds_double_letters_and_soft_signs():
    assert matching_key("Асель") == matching_key("Assel") == matching_key("Asel")


def test_matching_key_keeps_male_and_female_surnames_apart():
    assert matching_key("Ахметов") != matching_key("Ахметова")


def test_matching_key_keeps_different_names_apart():
    assert matching_key("Серик") != matching_key("Серикбай")
    assert matching_key("Ivanova") != matching_key("Ivanenko")


def test_matching_key_joins_words_with_single_spaces_and_drops_punctuation():
    assert matching_key("  Бейсеева,  Г.К. ") == "beiseva gk"


def test_matching_key_of_blank_text_is_empty():
    assert matching_key("  - ") == ""


def test_within_one_edit_accepts_one_change_only():
    assert within_one_edit("beiseva", "beiseva")
    assert within_one_edit("beiseva", "beisva")
    assert within_one_edit("beiseva", "beizeva")
    assert not within_one_edit("beiseva", "bisva")
