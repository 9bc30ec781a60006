"""Learner pages: the catalogue and my learning."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth.models import Role
from app.auth.policy import role_required, signed_in

bp = Blueprint("courses", __name__)


@bp.route("/learning")
@signed_in
def my_learning() -> str:
    return render_template("courses/my_learning.html", enrolments=[])


@bp.route("/manage/")
@role_required(Role.TRAINER)
def manage_index() -> str:
    return render_template("courses/manage_index.html", courses=[])
