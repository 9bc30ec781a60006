"""Session cookies checked once per process (app.sessions) and CSRF tokens signed once per period
(app.csrf_tokens): still refused when tampered with, expired or from another session."""

import re

import pytest
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from app import csrf_tokens, sessions


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.fixture()
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_a_tampered_cookie_is_refused_after_the_genuine_one_was_accepted(app, client, make, login_as):
    user = login_as(make.user(name="Synthetic Aigerim"))
    assert user.name in client.get("/").get_data(as_text=True)  # the genuine cookie, now kept as checked
    genuine = client.get_cookie("session").value
    payload, _sep, signature = genuine.rpartition(".")
    forged = app.test_client()
    forged.set_cookie("session", f"{payload}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}")
    assert user.name not in forged.get("/").get_data(as_text=True)
    assert forged.get("/courses/learning").status_code == 302  # sent to sign in


def test_a_kept_cookie_still_expires(app, client, make, login_as, monkeypatch):
    user = login_as(make.user(name="Synthetic Daniyar"))
    assert user.name in client.get("/").get_data(as_text=True)
    lifetime = app.permanent_session_lifetime.total_seconds()
    later = sessions.time.time() + lifetime + 60
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert user.name not in client.get("/").get_data(as_text=True)


def test_a_kept_session_is_copied_so_one_request_cannot_change_anothers(app, make):
    user = make.user(name="Synthetic Madina")
    first, second = app.test_client(), app.test_client()
    with first.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user.get_id(), True
    second.set_cookie("session", first.get_cookie("session").value)  # the same cookie text, twice
    assert first.get("/").status_code == 200
    first.post("/language", data={"language": "ru", "next": "/"})  # changes (and re-signs) first's session
    with second.session_transaction() as session:
        assert "language" not in session and session["_user_id"] == user.get_id()


def test_csrf_token_is_the_same_for_a_period_and_passes_flask_wtf(app, client, make, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", 3600)  # periods of half an hour
    login_as(make.user())
    first = _token(client.get("/account/password").get_data(as_text=True))
    again = _token(client.get("/account/password").get_data(as_text=True))
    assert first == again  # pages repeat, so their ETags can match
    with client.session_transaction() as kept:
        secret = kept["csrf_token"]
    with app.test_request_context():
        from flask import session

        session["csrf_token"] = secret
        validate_csrf(first)  # Flask-WTF's own check, with its time limit, accepts it
        session["csrf_token"] = "another session's secret"
        with pytest.raises(ValidationError):
            validate_csrf(first)


def test_a_token_signed_at_the_period_start_stays_valid_for_half_the_limit():
    limit = 3600
    assert csrf_tokens.period_start(10_000, limit) == 9_000
    assert csrf_tokens.period_start(10_799, limit) == 9_000 and csrf_tokens.period_start(10_800, limit) == 10_800
    assert csrf_tokens.period_start(1_000_000, None) == 1_000_000 // 86_400 * 86_400


def test_a_form_with_the_period_token_is_accepted_and_another_sessions_token_refused(app, client, make, csrf_on):
    other = app.test_client()
    for browser in (client, other):
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make.user().get_id(), True
    mine = _token(client.get("/account/password").get_data(as_text=True))
    theirs = _token(other.get("/account/password").get_data(as_text=True))
    assert mine != theirs
    refused = client.post("/language", data={"language": "kk", "next": "/", "csrf_token": theirs})
    accepted = client.post("/language", data={"language": "kk", "next": "/", "csrf_token": mine})
    assert refused.status_code == 400 and accepted.status_code == 302
