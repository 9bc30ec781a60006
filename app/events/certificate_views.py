"""The public verification page of a certificate: valid or revoked, the name and the event, nothing more."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth.policy import public
from app.db import db
from app.events.services import certificates as certificate_services

bp = Blueprint("certificates", __name__)


@bp.route("/<code>")
@public
def verify(code: str) -> tuple[str, int]:
    certificate = certificate_services.find_by_code(db, code[:64])
    status = 200 if certificate is not None else 404
    return render_template("events/verify_certificate.html", certificate=certificate, code=code[:64]), status
