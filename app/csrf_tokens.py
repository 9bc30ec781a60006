"""CSRF tokens signed once per session secret and period, instead of afresh for every page.

Flask-WTF signs the session's CSRF secret with the current time whenever a page shows a form, so every
view of a page carried a different token: an HMAC per view, and a page that never repeats (no ETag
could match). Here a token is signed with the start of the current period instead of the current
second, kept in this process, and handed to Flask-WTF through ``g`` (where it looks first). Tokens stay
the format Flask-WTF checks, so forms and ``CSRFProtect`` are unchanged. With
``WTF_CSRF_TIME_LIMIT`` set, a period is half the limit, so a token is always valid for at least half
the limit after it is served; without a limit (the default here), a period is a day.
"""

from __future__ import annotations

import secrets
import time

from flask import Flask, current_app, g, request, session
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from app.bounded import keep

SALT = "wtf-csrf-token"  # Flask-WTF's: its validate_csrf must accept these tokens
PERIOD_WITHOUT_LIMIT = 24 * 3600
#: a token is about 100 bytes: ten thousand sessions' tokens stay around a megabyte
MAX_TOKENS = 10_000


class _SignerAt(TimestampSigner):
    """A timestamp signer that signs with a given time (the start of a period)."""

    def __init__(self, *args: object, timestamp: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._timestamp = timestamp

    def get_timestamp(self) -> int:
        return self._timestamp


def period_start(now: float, time_limit: int | None) -> int:
    period = max(time_limit // 2, 1) if time_limit else PERIOD_WITHOUT_LIMIT
    return int(now // period) * period


def signed_token(secret_key: str | bytes, raw_token: str, timestamp: int) -> str:
    """The token Flask-WTF would have issued for ``raw_token`` at ``timestamp``."""
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT, signer=_SignerAt, signer_kwargs={"timestamp": timestamp})
    return serializer.dumps(raw_token)


def csrf_token() -> str:
    """This period's token for the session (making the session's secret first, as Flask-WTF would)."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    token = g.get(field)
    if token is None:
        if not isinstance(session.get(field), str):
            session[field] = secrets.token_hex(20)  # 40 hex digits, like the secret Flask-WTF makes
        token = period_token(current_app, session[field])
        setattr(g, field, token)
    return token


def prefill_csrf_token() -> None:
    """Before showing a page: hand Flask-WTF this period's token, so every form on the page carries it.

    Only for a session that exists already: a visitor without one gets one from the first form they
    see (Flask-WTF's own token, that once), not from merely looking at a page. Not for a POST: it
    mostly redirects, and a form shown again with errors may carry Flask-WTF's own (valid) token."""
    if request.method in ("GET", "HEAD") and request.endpoint != "static" and session:
        csrf_token()


def period_token(app: Flask, raw_token: str) -> str:
    """This period's token for the session secret ``raw_token``, signed once per process."""
    config = app.config
    secret_key = config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    start = period_start(time.time(), config.get("WTF_CSRF_TIME_LIMIT", 3600))
    tokens: dict[tuple[object, ...], str] = app.extensions["csrf_tokens"]
    key = (secret_key, raw_token, start)
    token = tokens.get(key)
    if token is None:
        token = keep(tokens, key, signed_token(secret_key, raw_token, start), MAX_TOKENS)
    return token


def init_app(app: Flask) -> None:
    """After CSRFProtect's: templates' ``csrf_token()`` becomes this module's."""
    app.extensions["csrf_tokens"] = {}
    app.before_request(prefill_csrf_token)
    app.jinja_env.globals["csrf_token"] = csrf_token
