"""Water Academy: the application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, render_template, request
from flask_babel import get_locale, get_translations
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wrappers import Response

from app import (
    csrf_tokens,
    models,  # noqa: F401  (every model registered before the first query)
)
from app.auth.policy import BoundPolicy
from app.auth.readers import SignedInUser, load_signed_in_user
from app.config import check_config, load_config
from app.courses import fast_lane
from app.db import db as db_session
from app.db import make_engine
from app.errors import DomainError
from app.extensions import babel, csrf, login_manager
from app.i18n import (
    LANGUAGE_NAMES,
    PAGE_TRANSLATIONS,
    TRANSLATIONS_PATH,
    compile_catalogues,
    install_template_gettext,
    select_locale,
    translation_directories,
)
from app.navigation import cached_navigation
from app.sessions import CheckedOnceSessionInterface

#: the largest id PostgreSQL's integer columns hold
MAX_ID = 2**31 - 1
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
#: added to every response that does not set its own
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in our routes is a row id: beyond the database's integer range it names no row, so it
    is a 404 here rather than an overflow error in the database."""

    def __init__(self, url_map: Map, *args: Any, max: int | None = MAX_ID, **kwargs: Any) -> None:  # noqa: A002
        super().__init__(url_map, *args, max=max, **kwargs)


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app: config, database, extensions, blueprints, error pages, templates, commands."""
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    config = load_config(overrides)
    check_config(config)
    app.config.update(config)
    app.url_map.converters["int"] = DatabaseIdConverter
    app.session_interface = CheckedOnceSessionInterface()
    init_database(app)
    init_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_commands(app)
    fast_lane.install(app)
    if app.config.get("PROXY_FIX_HOPS"):  # outermost: everything behind it sees the client's address
        hops = int(app.config["PROXY_FIX_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app


def init_database(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["engine"] = engine
    db_session.remove()
    db_session.configure(bind=engine)
    app.teardown_appcontext(remove_db_session)


def remove_db_session(_exception: BaseException | None = None) -> None:
    """Each request gets a fresh session; the test kit unhooks this to share one with the test."""
    db_session.remove()


def init_extensions(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
    csrf.init_app(app)
    csrf_tokens.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    # Flask-Login's "basic" protection only marks a session non-fresh when the client's address or browser
    # changes, and no view asks for a fresh login; the session token (app.auth.readers) is what ends
    # sessions. Off, so a plain view never rewrites the session cookie.
    login_manager.session_protection = None
    login_manager.user_loader(load_user)
    try:
        compile_catalogues()
    except OSError:  # a read-only install ships compiled catalogues
        app.logger.warning("could not compile translation catalogues in %s", TRANSLATIONS_PATH)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(path) for path in translation_directories())
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(add_security_headers)


def refuse_nul_characters() -> None:
    """No address, query or form field of ours holds a NUL character, and PostgreSQL text cannot: refuse it
    here (an address with one names no page) instead of failing in the database."""
    if "\x00" in request.path:
        abort(404)
    fields = [*request.args.lists(), *(request.form.lists() if request.method == "POST" else ())]
    if any("\x00" in value for _name, values in fields for value in values):
        abort(400)


def load_user(user_id: str) -> SignedInUser | None:
    """Accept a session only while its token matches the account's current one (see app.auth.readers)."""
    return load_signed_in_user(db_session, user_id)


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    present = {name.lower() for name, _value in headers}  # one pass: each `in` or setdefault is another
    for name, value in SECURITY_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    if "set-cookie" in present or request.endpoint != "static":
        headers.add("Vary", "Cookie")
    return response


def register_blueprints(app: Flask) -> None:
    from app.auth import manage as auth_manage  # noqa: F401  (routes on the auth blueprint)
    from app.auth.views import bp as auth_bp
    from app.courses import editing as courses_editing  # noqa: F401  (routes on the courses blueprint)
    from app.courses import manage as courses_manage  # noqa: F401  (routes on the courses blueprint)
    from app.courses.views import bp as courses_bp
    from app.events import manage as events_manage  # noqa: F401  (routes on the events blueprint)
    from app.events.certificate_views import bp as certificates_bp
    from app.events.views import bp as events_bp
    from app.exercises import services as exercises_services  # noqa: F401  (registers the computed question kind)
    from app.quizzes import manage as quizzes_manage  # noqa: F401  (routes on the quizzes blueprint)
    from app.quizzes.views import bp as quizzes_bp
    from app.reports import exports as reports_exports  # noqa: F401  (routes on the reports blueprint)
    from app.reports.views import bp as reports_bp
    from app.rivers.views import bp as rivers_bp
    from app.site.views import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(courses_bp, url_prefix="/courses")
    app.register_blueprint(events_bp, url_prefix="/events")
    app.register_blueprint(certificates_bp, url_prefix="/certificates")
    app.register_blueprint(quizzes_bp, url_prefix="/quizzes")
    app.register_blueprint(rivers_bp, url_prefix="/rivers")
    app.register_blueprint(reports_bp, url_prefix="/reports")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_internal_error)


def handle_csrf_error(error: CSRFError) -> tuple[str, int]:
    message = _(
        "This form was sent without a valid security token, so nothing was saved. "
        "This happens when a page was open for a long time or cookies are blocked. "
        "Go back, reload the page and send the form again."
    )
    return render_template("errors/400.html", message=message), 400


def handle_domain_error(error: DomainError) -> tuple[str, int]:
    db_session.rollback()
    return render_template("errors/400.html", message=error.message), error.status_code


def handle_http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    code = error.code or 500
    if code in (400, 403, 404, 405, 413, 429):
        template = f"errors/{code if code in (400, 403, 404) else 400}.html"
        return render_template(template, message=None, code=code), code
    return error


def handle_internal_error(error: InternalServerError) -> tuple[str, int]:
    db_session.rollback()
    return render_template("errors/500.html"), 500


def register_template_helpers(app: Flask) -> None:
    install_template_gettext(app.jinja_env)
    app.jinja_env.globals["main_nav"] = cached_navigation

    @app.context_processor
    def inject_helpers() -> dict[str, Any]:
        # The user and the translations are looked up once per page, not on every `can.*` or `_()`.
        return {
            "can": BoundPolicy(current_user._get_current_object()),
            "get_locale": get_locale,
            "language_names": LANGUAGE_NAMES,
            "languages": app.config["LANGUAGES"],
            PAGE_TRANSLATIONS: get_translations(),
        }


def register_commands(app: Flask) -> None:
    from app.cli import CONTENT_GROUP, RIVERS_GROUP, db_group, demo_group, i18n_group, users_group

    app.cli.add_command(users_group)
    app.cli.add_command(db_group)
    app.cli.add_command(demo_group)
    app.cli.add_command(i18n_group)
    app.cli.add_command(CONTENT_GROUP)
    app.cli.add_command(RIVERS_GROUP)
