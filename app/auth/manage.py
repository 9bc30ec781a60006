"""Admin pages: list users, change roles, deactivate and reactivate."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy, services
from app.auth.forms import ROLE_LABELS, ConfirmForm, UserRolesForm
from app.auth.models import Role, User
from app.auth.policy import authorize, role_required
from app.auth.views import bp
from app.db import db, get_or_404


@bp.route("/admin/users")
@role_required(Role.ADMIN)
def manage_users() -> str:
    page = request.args.get("page", 1, type=int) or 1
    search = request.args.get("q", "")[:200]
    per_page = int(current_app.config["USERS_PER_PAGE"])
    users, total = services.list_users(db, search=search, page=page, per_page=per_page)
    return render_template(
        "auth/manage_users.html",
        users=users,
        total=total,
        page=page,
        per_page=per_page,
        search=search,
        role_labels=ROLE_LABELS,
    )


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int) -> Response | str:
    user = get_or_404(User, user_id)
    form = UserRolesForm(data={"roles": sorted(user.roles)})
    if form.validate_on_submit():
        authorize(policy.can_change_user, user)
        services.set_roles(db, actor=current_user, user=user, roles=[Role(value) for value in form.roles.data])
        db.commit()
        flash(_("Roles of %(email)s saved.", email=user.email), "success")
        return redirect(url_for("auth.edit_user", user_id=user.id))
    return render_template("auth/edit_user.html", user=user, form=form, confirm_form=ConfirmForm())


@bp.route("/admin/users/<int:user_id>/active", methods=["POST"])
@role_required(Role.ADMIN)
def set_user_active(user_id: int) -> Response:
    user = get_or_404(User, user_id)
    authorize(policy.can_change_user, user)
    if ConfirmForm().validate_on_submit():
        active = request.form.get("active") == "1"
        services.set_active(db, actor=current_user, user=user, active=active)
        db.commit()
        message = (
            _("%(email)s can sign in again.", email=user.email)
            if active
            else _("%(email)s is deactivated and signed out everywhere.", email=user.email)
        )
        flash(message, "success")
    return redirect(url_for("auth.edit_user", user_id=user.id))
