"""Language selection and the gettext catalogues (English, Russian, Kazakh)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import current_app, has_request_context, request
from flask_babel import get_translations
from flask_login import current_user
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from werkzeug.wrappers import Request

APP_PATH = Path(__file__).resolve().parent
ROOT_PATH = APP_PATH.parent
TRANSLATIONS_PATH = APP_PATH / "translations"
TRANSLATED_LANGUAGES = ("ru", "kk")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
#: the shared catalogue holds what belongs to no feature area
CORE_SOURCES = (
    "app/*.py",
    "app/auth",
    "app/site",
    "templates/*.html",
    "templates/macros",
    "templates/errors",
    "templates/auth",
    "templates/site",
)
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600
#: the render-context name of the page's translations object (set by the app's context processor)
PAGE_TRANSLATIONS = "_page_translations"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def supported_language(code: str | None, languages: Sequence[str]) -> str:
    """``code`` if we have it, else English."""
    return code if code in languages else "en"


def select_locale() -> str:
    """Account preference, else the cookie, else the browser's Accept-Language, else English."""
    if not has_request_context():  # command-line actions speak English
        return "en"
    user = current_user._get_current_object()  # resolve the proxy once
    account_language = user.locale if user and user.is_authenticated else None
    return choose_language(account_language, request, current_app.config["LANGUAGES"])


def choose_language(account_language: str | None, asked_by: Request, languages: Sequence[str]) -> str:
    """The account's language, else the language cookie's, else the browser's best match, else English."""
    if account_language in languages:
        return account_language
    cookie = asked_by.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return asked_by.accept_languages.best_match(languages) or "en"


def install_template_gettext(environment: Environment) -> None:
    """Let templates translate through the page's translations object, put in the render context once
    (see ``PAGE_TRANSLATIONS``), instead of Flask-Babel's context lookup on every ``_()``; a template
    rendered without it (an imported macro) falls back to Flask-Babel. Lazy strings still use Flask-Babel."""
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_template_gettext, ngettext=_template_ngettext, newstyle=True
    )


@pass_context
def _template_gettext(context: Context, string: str) -> str:
    return (context.get(PAGE_TRANSLATIONS) or get_translations()).ugettext(string)


@pass_context
def _template_ngettext(context: Context, singular: str, plural: str, number: int) -> str:
    return (context.get(PAGE_TRANSLATIONS) or get_translations()).ungettext(singular, plural, number)


def translation_directories() -> list[Path]:
    """The shared catalogue plus one per feature area (``app/<area>/translations``), merged at run time;
    areas keep their own catalogues so parallel work on two features never edits the same file."""
    return [TRANSLATIONS_PATH, *sorted(APP_PATH.glob("*/translations"))]


def compile_catalogues() -> list[Path]:
    """Compile every ``messages.po`` whose ``.mo`` is missing or older; return what was compiled."""
    compiled = []
    po_paths = [path for directory in translation_directories() for path in directory.glob("*/LC_MESSAGES/*.po")]
    for po_path in sorted(po_paths):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
        compiled.append(mo_path)
    return compiled


def _source_files(patterns: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for pattern in patterns:
        matches = sorted(ROOT_PATH.glob(pattern)) if "*" in pattern else [ROOT_PATH / pattern]
        for match in matches:
            files.extend(sorted(match.rglob("*.py")) + sorted(match.rglob("*.html")) if match.is_dir() else [match])
    return [path for path in files if path.suffix in (".py", ".html")]


def area_sources(area: str | None) -> tuple[Path, tuple[str, ...]]:
    """Where an area's catalogue lives and which sources feed it (``None`` is the shared catalogue)."""
    if area is None:
        return TRANSLATIONS_PATH, CORE_SOURCES
    return APP_PATH / area / "translations", (f"app/{area}", f"templates/{area}")


def extract_messages(patterns: tuple[str, ...]) -> Catalog:
    """Every translatable string in the given sources."""
    template = Catalog(project="Water Academy")
    for path in _source_files(patterns):
        method = "python" if path.suffix == ".py" else "jinja2"
        for _file, line, message, comments, _context in extract_from_dir(
            path.parent, method_map=[(path.name, method)], keywords=KEYWORDS
        ):
            template.add(message, locations=[(str(path.relative_to(ROOT_PATH)), line)], auto_comments=comments)
    return template


def update_catalogues(area: str | None) -> dict[str, list[str]]:
    """Merge new strings of an area into its ru/kk catalogues; return the untranslated ones per language."""
    directory, patterns = area_sources(area)
    template = extract_messages(patterns)
    untranslated: dict[str, list[str]] = {}
    for language in TRANSLATED_LANGUAGES:
        po_path = directory / language / "LC_MESSAGES" / "messages.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        catalogue = Catalog(locale=language, project="Water Academy")
        if po_path.exists():
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file, locale=language)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        with po_path.open("wb") as po_file:
            write_po(po_file, catalogue, sort_output=True, width=100, omit_header=False, no_location=True)
        untranslated[language] = [str(m.id) for m in catalogue if m.id and not all(_strings(m.string))]
    return untranslated


def _strings(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)
