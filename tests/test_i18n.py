"""The UI speaks English, Russian and Kazakh, and the catalogues stay complete."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.i18n import TRANSLATIONS_PATH

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def extracted_messages() -> set[str]:
    messages: set[str] = set()
    for directory, method in ((ROOT / "app", "python"), (ROOT / "templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _context in extract_from_dir(
            directory, method_map=[(pattern, method)], keywords=KEYWORDS
        ):
            messages.add(message[0] if isinstance(message, tuple) else message)
    return messages


def catalogue(language: str):
    with (TRANSLATIONS_PATH / language / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        return read_po(po_file, locale=language)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_ui_string_has_a_translation(language):
    translations = catalogue(language)
    missing = []
    for message in sorted(extracted_messages()):
        entry = translations.get(message)
        strings = entry.string if entry else None
        complete = all(strings) if isinstance(strings, tuple | list) else bool(strings)
        if not complete or (entry and entry.fuzzy):
            missing.append(message)
    assert missing == [], (
        f"{len(missing)} strings lack a {language} translation (run `make messages`): {missing[:20]}"
    )


def test_extraction_finds_the_ui_strings():
    messages = extracted_messages()
    assert "Sign in" in messages and "Wrong e-mail address or password." in messages


def test_page_is_served_in_the_language_of_the_cookie(client):
    client.set_cookie("lang", "ru")
    page = client.get("/").get_data(as_text=True)
    assert 'lang="ru"' in page and "Войти" in page


def test_kazakh_page(client):
    client.set_cookie("lang", "kk")
    page = client.get("/").get_data(as_text=True)
    assert 'lang="kk"' in page and "Кіру" in page


def test_browser_header_is_used_without_a_choice(client):
    page = client.get("/", headers={"Accept-Language": "kk-KZ,kk;q=0.9,ru;q=0.8"}).get_data(as_text=True)
    assert 'lang="kk"' in page


def test_unknown_language_falls_back_to_english(client):
    response = client.post("/language", data={"language": "xx", "next": "/"})
    assert "lang=en" in response.headers["Set-Cookie"]
    client.set_cookie("lang", "xx")
    assert 'lang="en"' in client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)


def test_account_preference_wins_over_cookie(client, make, login_as):
    user = login_as(make.user())
    client.post("/language", data={"language": "kk", "next": "/"})
    assert user.locale == "kk"
    client.set_cookie("lang", "ru")
    assert 'lang="kk"' in client.get("/").get_data(as_text=True)


def test_language_switch_returns_to_the_page_but_never_off_site(client):
    assert client.post("/language", data={"language": "ru", "next": "/login"}).headers["Location"] == "/login"
    assert (
        client.post("/language", data={"language": "ru", "next": "//evil.example"}).headers["Location"] == "/"
    )
