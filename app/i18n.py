"""Language selection and the gettext catalogues (English, Russian, Kazakh)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, has_request_context, request
from flask_login import current_user

TRANSLATIONS_PATH = Path(__file__).resolve().parent / "translations"
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def supported_language(code: str | None, languages: Sequence[str]) -> str:
    """``code`` if we have it, else English."""
    return code if code in languages else "en"


def select_locale() -> str:
    """Account preference, else the cookie, else the browser's Accept-Language, else English."""
    if not has_request_context():  # command-line actions speak English
        return "en"
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or "en"


def compile_catalogues(directory: Path = TRANSLATIONS_PATH) -> list[Path]:
    """Compile every ``messages.po`` whose ``.mo`` is missing or older; return what was compiled."""
    compiled = []
    for po_path in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
        compiled.append(mo_path)
    return compiled
