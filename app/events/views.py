"""Events: the coordinator's event list and the learner pages (open events, self-registration)."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.models import Role
from app.auth.policy import authorize, public, role_required, signed_in
from app.auth.readers import account_of
from app.db import db, get_or_404, utcnow
from app.errors import DomainError
from app.events.forms import EVENT_KIND_LABELS, CheckInForm, ConfirmForm, SelfRegisterForm
from app.events.models import Certificate, Event
from app.events.services import certificate_documents
from app.events.services import certificates as certificate_services
from app.events.services import checkin as checkin_services
from app.events.services import events as event_services
from app.events.services import registration as registration_services

bp = Blueprint("events", __name__)


@bp.route("/")
@role_required(Role.COORDINATOR)
def index() -> str:
    search = request.args.get("q", "")[:200]
    rows = event_services.list_events(db, search=search)
    return render_template("events/index.html", rows=rows, search=search, kind_labels=EVENT_KIND_LABELS)


@bp.route("/open")
@signed_in
def open_events() -> str:
    events = event_services.list_open_events(db, today=utcnow().date())
    mine = registration_services.registrations_of_user(db, current_user)
    return render_template(
        "events/open_events.html", events=events, mine=mine, form=SelfRegisterForm(), kind_labels=EVENT_KIND_LABELS
    )


@bp.route("/<int:event_id>/register", methods=["POST"])
@signed_in
def register(event_id: int) -> Response:
    event = get_or_404(Event, event_id)
    authorize(policy.can_register_for_event, event)
    form = SelfRegisterForm()
    if form.validate_on_submit():
        account = account_of(db, current_user)
        registration = registration_services.self_register(
            db, event, account, consent_public_list=form.consent_public_list.data, today=utcnow().date()
        )
        db.commit()
        if registration.status == registration.status.WAITING_LIST:
            flash(_("You are on the waiting list; a coordinator will confirm your place."), "success")
        else:
            flash(_("You are registered for %(title)s.", title=event.title), "success")
    return redirect(url_for("events.open_events"))


@bp.route("/<int:event_id>/cancel", methods=["POST"])
@signed_in
def cancel_registration(event_id: int) -> Response:
    event = get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        registration_services.cancel_own_registration(db, event, account_of(db, current_user))
        db.commit()
        flash(_("Your registration for %(title)s is cancelled.", title=event.title), "success")
    return redirect(url_for("events.open_events"))


def verify_link(code: str) -> str:
    """The public verification page of a certificate, as an absolute URL for the QR code."""
    return url_for("certificates.verify", code=code, _external=True)


def events_timezone() -> tzinfo:
    """The time zone session times are written in (``EVENTS_TIMEZONE``; Kazakhstan, UTC+5, by default)."""
    name = current_app.config.get("EVENTS_TIMEZONE", "Asia/Almaty")
    try:
        return ZoneInfo(name) if name != "UTC" else UTC
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=5))


@bp.route("/<int:event_id>/people")
@public
def public_participants(event_id: int) -> str:
    event = get_or_404(Event, event_id)
    participants = registration_services.public_participants(db, event)
    return render_template("events/public_participants.html", event=event, participants=participants)


@bp.route("/my-certificates")
@signed_in
def my_certificates() -> str:
    certificates = certificate_services.certificates_of_person(db, current_user.person_id)
    return render_template("events/my_certificates.html", certificates=certificates)


@bp.route("/certificates/<int:certificate_id>.pdf")
@signed_in
def download_certificate(certificate_id: int) -> Response:
    certificate = get_or_404(Certificate, certificate_id)
    authorize(policy.can_download_certificate, certificate)
    document = certificate_documents.printable_pdf(certificate, verify_link(certificate.code))
    filename = certificate_documents.certificate_filename(certificate)
    response = Response(document, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/checkin", methods=["GET", "POST"])
@signed_in
def check_in() -> str | tuple[str, int]:
    form = CheckInForm(code=request.args.get("code", "")[:40])
    if not form.validate_on_submit():
        return render_template("events/check_in.html", form=form), 400 if form.errors else 200
    try:
        attendance = checkin_services.check_in_with_code(
            db,
            form.code.data,
            user_id=current_user.id,
            person_id=current_user.person_id,
            secret=current_app.config["SECRET_KEY"],
            timezone=events_timezone(),
        )
    except DomainError as error:
        flash(error.message, "error")
        return render_template("events/check_in.html", form=form), error.status_code
    db.commit()
    return render_template("events/checked_in.html", event_session=attendance.session)
