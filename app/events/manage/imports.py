"""Coordinator pages: upload a sign-in sheet, preview it, confirm the import."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import db, get_or_404
from app.events import forms
from app.events.models import Event, SigninUpload
from app.events.services import import_writer
from app.events.services import imports as import_services
from app.events.views import bp

PREVIEW_ROWS_SHOWN = 1000


@bp.route("/manage/<int:event_id>/import", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def upload_sheet(event_id: int) -> Response | tuple[str, int] | str:
    event = get_or_404(Event, event_id)
    form = forms.UploadForm()
    if form.validate_on_submit():
        upload = import_services.stash_upload(
            db, event, filename=form.sheet.data.filename or "", content=form.sheet.data.read(), actor_id=current_user.id
        )
        db.commit()
        return redirect(url_for("events.import_preview", upload_id=upload.id))
    status = 400 if form.errors else 200
    return render_template("events/import_upload.html", event=event, form=form), status


@bp.route("/manage/imports/<int:upload_id>", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def import_preview(upload_id: int) -> Response | str:
    upload = get_or_404(SigninUpload, upload_id)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        decisions = forms.row_decisions(request.form)
        summary = import_writer.confirm_import(db, upload, decisions, actor_id=current_user.id)
        db.commit()
        flash(
            _(
                "Imported: %(created)s new people, %(matched)s matched, %(marks)s attendance marks.",
                created=summary.people_created,
                matched=summary.people_matched,
                marks=summary.marks_written,
            ),
            "success",
        )
        return redirect(url_for("events.participants", event_id=upload.event_id))
    preview = import_services.build_preview(db, upload)
    return render_template(
        "events/import_preview.html",
        preview=preview,
        event=db.get(Event, upload.event_id),
        form=form,
        limit=PREVIEW_ROWS_SHOWN,
    )
