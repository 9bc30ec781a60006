"""Sign up, sign in, sign out and password changes."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth import policy, services
from app.auth.forms import ChangePasswordForm, LoginForm, SignupForm
from app.auth.policy import public, signed_in
from app.auth.readers import account_of
from app.auth.redirects import safe_next_url
from app.db import db
from app.errors import DomainError

bp = Blueprint("auth", __name__)


def _throttle_policy() -> services.ThrottlePolicy:
    config = current_app.config
    return services.ThrottlePolicy(
        max_failures=int(config["LOGIN_MAX_FAILURES"]),
        lockout=timedelta(minutes=int(config["LOGIN_LOCKOUT_MINUTES"])),
    )


def _after_login_url() -> str:
    return safe_next_url(request.args.get("next")) or url_for(policy.landing_endpoint(current_user))


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(_after_login_url())
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(
                db,
                email=form.email.data,
                password=form.password.data,
                client_address=request.remote_addr or "unknown",
                policy=_throttle_policy(),
            )
        except DomainError as error:
            db.commit()  # keep the failure count even though the sign-in fails
            flash(error.message, "error")
            return render_template("auth/login.html", form=form), error.status_code
        db.commit()
        login_user(user, remember=bool(form.remember.data))
        return redirect(_after_login_url())
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout() -> Response:
    services.end_all_sessions(account_of(db, current_user))
    db.commit()
    logout_user()
    flash(_("You have signed out on every device."), "success")
    return redirect(url_for("site.home"))


@bp.route("/signup", methods=["GET", "POST"])
@public
def signup() -> Response | str | tuple[str, int]:
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(
                db,
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                locale=request.cookies.get("lang"),
            )
        except services.EmailTaken as error:
            form.email.errors.append(error.message)
            return render_template("auth/signup.html", form=form), 400
        db.commit()
        login_user(user)
        flash(_("Welcome to Water Academy! Your account is ready."), "success")
        return redirect(url_for(policy.landing_endpoint(user)))
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password() -> Response | str | tuple[str, int]:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        account = account_of(db, current_user)
        try:
            services.change_password(
                account, current_password=form.current_password.data, new_password=form.new_password.data
            )
        except DomainError as error:
            form.current_password.errors.append(error.message)
            return render_template("auth/change_password.html", form=form), 400
        db.commit()
        login_user(account)  # this browser gets a cookie with the new token; all others stop working
        flash(_("Your password has been changed. Other devices have been signed out."), "success")
        return redirect(url_for(policy.landing_endpoint(current_user)))
    return render_template("auth/change_password.html", form=form), 400 if form.errors else 200
