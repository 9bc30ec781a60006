"""The UI speaks English, Russian and Kazakh, and the catalogues stay complete."""

import pytest
from babel.messages.pofile import read_po

from app.i18n import ROOT_PATH, extract_messages, translation_directories


def extracted_messages() -> set[str]:
    template = extract_messages(("app", "templates"))
    return {message.id[0] if isinstance(message.id, tuple) else message.id for message in template if message.id}


def translated_messages(language: str) -> set[str]:
    """Every message with a complete, non-fuzzy translation in any catalogue of ``language``."""
    translated: set[str] = set()
    for directory in translation_directories():
        po_path = directory / language / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            continue
        with po_path.open("rb") as po_file:
            for message in read_po(po_file, locale=language):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and all(strings) and not message.fuzzy:
                    translated.add(message.id[0] if isinstance(message.id, tuple) else message.id)
    return translated


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_ui_string_has_a_translation(language):
    missing = sorted(extracted_messages() - translated_messages(language))
    assert missing == [], (
        f"{len(missing)} strings lack a {language} translation; run `flask --app app i18n update AREA` "
        f"and translate them in app/AREA/translations: {missing[:20]}"
    )


def test_sources_exist():
    assert (ROOT_PATH / "templates" / "base.html").exists()


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
    assert client.post("/language", data={"language": "ru", "next": "//evil.example"}).headers["Location"] == "/"
