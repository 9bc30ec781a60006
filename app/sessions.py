"""Flask's signed-cookie sessions, with each cookie's signature checked once per process, not per request.

A browser sends the same session cookie with every request until the session changes. Checking it
(an HMAC, base64 and JSON) was a tenth of the busiest page's time, so the data of a cookie that
checked out is kept, keyed by the exact cookie text: only that same text, signed by us, can hit it.
Its age is still checked on every request, as Flask does, and only sessions holding plain values are
kept (a session with a list, such as pending flash messages, is read the usual way), so a request can
never change what another one reads.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask.wrappers import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.bounded import keep

#: a session's data is a few short strings: ten thousand sessions stay around a few megabytes
MAX_SESSIONS = 10_000
_PLAIN = (str, int, float, bool, type(None))


class CheckedOnceSessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._serializers: dict[tuple[Any, ...], URLSafeTimedSerializer | None] = {}
        #: cookie text -> (session data, when it was signed)
        self._checked: dict[tuple[Any, ...], tuple[dict[str, Any], float]] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer, built once per set of keys instead of once per request."""
        keys = _keys(app)
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        data, _kept = self._verified(app, value)
        return self.session_class(data if data is not None else {})

    def checked_data(self, app: Flask, value: str) -> Mapping[str, Any] | None:
        """The data of session cookie ``value`` if it checks out and holds plain values only (then it is
        kept: see the module docstring), else None. Never change what it returns."""
        data, kept = self._verified(app, value)
        return data if kept else None

    def _verified(self, app: Flask, value: str) -> tuple[Any, bool]:
        """(the data of cookie ``value`` when its signature and age check out, else None; whether it is kept,
        being plain): one check per cookie, whether or not its data may be kept."""
        max_age = app.permanent_session_lifetime.total_seconds()
        key = (_keys(app), value)
        checked = self._checked.get(key)
        if checked is not None:
            data, signed_at = checked
            if 0 <= time.time() - signed_at <= max_age:
                return data, True
            del self._checked[key]
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None, False
        try:
            data, signed = serializer.loads(value, max_age=int(max_age), return_timestamp=True)
        except BadSignature:
            return None, False
        if not isinstance(data, dict) or not all(isinstance(item, _PLAIN) for item in data.values()):
            return data, False
        keep(self._checked, key, (data, signed.timestamp()), MAX_SESSIONS)
        return data, True


def _keys(app: Flask) -> tuple[Any, ...]:
    return (app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ()))
