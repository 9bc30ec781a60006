"""The lesson page's fast lane: a signed-in reader's view of a lesson already rendered in this process,
served without Flask's request machinery.

The lesson page is the busiest page, and once its shell is kept (app.page_shells) a view is two reads
and two string replacements; Flask's request context, routing, hooks, Flask-Login's proxies and the
response object then cost more than the page itself. This WSGI middleware serves a GET of a lesson page
itself only when every step is provably the one Flask would take, using the very same functions (the
session cookie check, the reader, the language choice, the page read, the policy, the kept shell, the
CSRF token, the ETag). In every other case it hands the request to Flask unchanged: a cookie that is
missing, forged, expired or holds anything but plain values, a pending flash message, a session the
request would change (no CSRF secret yet, a remember-me cookie to set), a reader who is not signed in
or may not see the lesson, an address that is not a lesson page, a page not rendered yet in this
process, or any error. ``tests/courses/test_fast_lane.py`` compares both paths byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request

from app.auth import policy
from app.auth.readers import load_signed_in_user
from app.bounded import keep
from app.conditional import personal_page
from app.courses.services import progress
from app.courses.views import LESSON_TEMPLATE
from app.csrf_tokens import period_token
from app.db import db
from app.i18n import choose_language
from app.navigation import navigation_key_for
from app.page_shells import fill_shell, kept_shell, shell_key

LESSON_ENDPOINT = "courses.lesson"
#: addresses already matched to (endpoint, arguments); bounded like the shells
MAX_ROUTES = 4000
#: longer addresses are left to Flask (slugs are at most 100 characters)
MAX_PATH = 400

StartResponse = Callable[..., Any]


class LessonFastLane:
    def __init__(
        self,
        app: Flask,
        wsgi_app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]],
        common_headers: list[tuple[str, str]],
    ) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        #: what every response of the app carries (app.add_security_headers), and the session's Vary
        self.common_headers = common_headers
        self.routes: dict[tuple[str, str], tuple[str, dict[str, Any]] | None] = {}
        # what every lesson address looks like ("/courses/" and four slashes), from the route itself
        (rule,) = app.url_map.iter_rules(LESSON_ENDPOINT)
        self.prefix = rule.rule.split("<", 1)[0]
        self.slashes = rule.rule.count("/")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        config = self.app.config
        lane_open = config["LESSON_FAST_LANE"] and not config.get("REMEMBER_COOKIE_REFRESH_EACH_REQUEST")
        if lane_open and environ.get("REQUEST_METHOD") == "GET":
            try:
                served = self.serve(environ)
            except Exception:  # noqa: BLE001  (Flask answers instead, with its own error handling)
                served = None
            if served is not None:
                status, headers, body = served
                start_response(status, headers)
                return [body]
        return self.wsgi_app(environ, start_response)

    def serve(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        """The response Flask would give, or None to let Flask answer."""
        slugs = self._lesson_slugs(environ)
        if slugs is None:
            return None
        request = Request(environ)
        app = self.app
        session = self._plain_session(request)
        if session is None or "_flashes" in session or "_remember" in session or "_permanent" in session:
            return None
        raw_token, cookie_id = session.get("csrf_token"), session.get("_user_id")
        if not isinstance(raw_token, str) or not isinstance(cookie_id, str):
            return None
        reader = load_signed_in_user(db, cookie_id)
        if reader is None:
            return None
        language = choose_language(reader.locale, request, app.config["LANGUAGES"])
        page = progress.load_lesson_page(db, slugs, reader.id, language)
        if page is None or not policy.can_view_lesson(reader, page.lesson):
            return None
        navigation = navigation_key_for(language, reader, request.script_root)
        shell = kept_shell(app, shell_key(LESSON_TEMPLATE, page, navigation, request.full_path))
        if shell is None:
            return None
        html = fill_shell(shell, reader, period_token(app, raw_token))
        status, headers, body = personal_page(html, request.if_none_match)
        if status == 304:
            return None  # rare enough to leave to Flask (its 304 carries Flask's own default headers)
        headers += [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        return "200 OK", headers + self.common_headers, body

    def _lesson_slugs(self, environ: dict[str, Any]) -> tuple[str, str, str] | None:
        path = environ.get("PATH_INFO", "")
        if (
            not path.startswith(self.prefix)
            or path.count("/") != self.slashes
            or len(path) > MAX_PATH
            or "\x00" in path
        ):
            return None  # cannot be a lesson page: no routing, nothing kept
        key = (environ.get("SCRIPT_NAME", ""), path)
        if key in self.routes:
            matched = self.routes[key]
        else:
            try:
                matched = self.app.url_map.bind_to_environ(environ).match()
            except HTTPException:  # not found, a redirect to add a slash, a wrong method: Flask's answer
                matched = None
            keep(self.routes, key, matched, MAX_ROUTES)
        if matched is None or matched[0] != LESSON_ENDPOINT:
            return None
        arguments = matched[1]
        return arguments["slug"], arguments["module_slug"], arguments["lesson_slug"]

    def _plain_session(self, request: Request) -> Any:
        value = request.cookies.get(self.app.config["SESSION_COOKIE_NAME"])
        interface = self.app.session_interface
        if not value or not hasattr(interface, "checked_data"):
            return None
        return interface.checked_data(self.app, value)


def install(app: Flask) -> None:
    """Put the lane in front of Flask (inside any proxy fix, which must see the request first)."""
    from app import SECURITY_HEADERS

    app.wsgi_app = LessonFastLane(app, app.wsgi_app, [*SECURITY_HEADERS, ("Vary", "Cookie")])  # type: ignore[method-assign]
