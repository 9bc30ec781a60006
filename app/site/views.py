"""Pages that belong to no feature: home, language choice, health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from app.auth import services as auth_services
from app.auth.policy import public
from app.auth.readers import account_of
from app.auth.redirects import safe_next_url
from app.db import db
from app.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, supported_language

bp = Blueprint("site", __name__)


@bp.route("/")
@public
def home() -> str:
    return render_template("site/home.html")


@bp.route("/language", methods=["POST"])
@public
def set_language() -> Response:
    language = supported_language(request.form.get("language"), current_app.config["LANGUAGES"])
    if current_user.is_authenticated:
        auth_services.set_locale(account_of(db, current_user), language)
        db.commit()
    response = redirect(safe_next_url(request.form.get("next")) or url_for("site.home"))
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


@bp.route("/healthz")
@public
def healthz() -> tuple[Response, int]:
    try:
        db.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok"), 200
