"""Coordinator pages: certificates of attendance for one event."""

from __future__ import annotations

from flask import flash, redirect, render_template, stream_with_context, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import db, get_or_404
from app.events import forms
from app.events.models import Certificate, Event
from app.events.services import certificate_documents
from app.events.services import certificates as certificate_services
from app.events.views import bp, verify_link


@bp.route("/manage/<int:event_id>/certificates")
@role_required(Role.COORDINATOR)
def certificates(event_id: int) -> str:
    event = get_or_404(Event, event_id)
    return render_template(
        "events/certificates.html",
        event=event,
        standings=certificate_services.standings(db, event),
        form=forms.ConfirmForm(),
        issue_form=forms.IssueCertificatesForm(),
    )


@bp.route("/manage/<int:event_id>/certificates/issue", methods=["POST"])
@role_required(Role.COORDINATOR)
def issue_certificates(event_id: int) -> Response:
    event = get_or_404(Event, event_id)
    form = forms.IssueCertificatesForm()
    if form.validate_on_submit():
        count = certificate_services.issue_certificates(
            db, event, actor_id=current_user.id, language=form.language.data, link=verify_link
        )
        db.commit()
        flash(ngettext("%(num)s certificate issued.", "%(num)s certificates issued.", count), "success")
    return redirect(url_for("events.certificates", event_id=event.id))


@bp.route("/manage/certificates/<int:certificate_id>/revoke", methods=["POST"])
@role_required(Role.COORDINATOR)
def revoke_certificate(certificate_id: int) -> Response:
    certificate = get_or_404(Certificate, certificate_id)
    if forms.ConfirmForm().validate_on_submit():
        certificate_services.revoke_certificate(db, certificate, actor_id=current_user.id)
        db.commit()
        flash(_("Certificate %(code)s revoked.", code=certificate.code), "success")
    return redirect(url_for("events.certificates", event_id=certificate.event_id))


@bp.route("/manage/certificates/<int:certificate_id>/reissue", methods=["POST"])
@role_required(Role.COORDINATOR)
def reissue_certificate(certificate_id: int) -> Response:
    certificate = get_or_404(Certificate, certificate_id)
    if forms.ConfirmForm().validate_on_submit():
        new = certificate_services.reissue_certificate(db, certificate, actor_id=current_user.id, link=verify_link)
        db.commit()
        flash(_("Certificate reissued with code %(code)s.", code=new.code), "success")
    return redirect(url_for("events.certificates", event_id=certificate.event_id))


@bp.route("/manage/<int:event_id>/certificates.zip")
@role_required(Role.COORDINATOR)
def download_certificates(event_id: int) -> Response:
    event = get_or_404(Event, event_id)
    certificates = certificate_services.valid_certificates(db, event, with_pdf=True)
    entries = certificate_documents.zip_entries(certificates, verify_link)
    # streamed: each PDF goes out as soon as it is written (stored ones are copied, out-of-date ones built)
    response = Response(stream_with_context(certificate_documents.stream_zip(entries)), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="certificates-event-{event.id}.zip"'
    return response
