"""Coordinator pages: events."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth.models import Role
from app.auth.policy import role_required

bp = Blueprint("events", __name__)


@bp.route("/")
@role_required(Role.COORDINATOR)
def index() -> str:
    return render_template("events/index.html", events=[])
