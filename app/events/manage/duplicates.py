"""Coordinator pages: duplicate people, merge and undo."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import db, get_or_404
from app.events import forms
from app.events.models import Person, PersonMerge
from app.events.services import duplicates as duplicate_services
from app.events.views import bp


@bp.route("/manage/duplicates")
@role_required(Role.COORDINATOR)
def duplicates() -> str:
    return render_template(
        "events/duplicates.html",
        pairs=duplicate_services.candidate_pairs(db),
        merges=duplicate_services.recent_merges(db),
        merge_form=forms.MergeForm(),
        confirm_form=forms.ConfirmForm(),
    )


@bp.route("/manage/duplicates/merge", methods=["POST"])
@role_required(Role.COORDINATOR)
def merge_people() -> Response:
    form = forms.MergeForm()
    if form.validate_on_submit():
        kept = get_or_404(Person, int(form.kept_id.data))
        merged = get_or_404(Person, int(form.merged_id.data))
        duplicate_services.merge_people(db, kept, merged, actor_id=current_user.id)
        db.commit()
        flash(_("%(merged)s was merged into %(kept)s.", merged=merged.full_name, kept=kept.full_name), "success")
    return redirect(url_for("events.duplicates"))


@bp.route("/manage/merges/<int:merge_id>/undo", methods=["POST"])
@role_required(Role.COORDINATOR)
def undo_merge(merge_id: int) -> Response:
    merge = get_or_404(PersonMerge, merge_id)
    if forms.ConfirmForm().validate_on_submit():
        duplicate_services.undo_merge(db, merge, actor_id=current_user.id)
        db.commit()
        flash(_("The merge was undone."), "success")
    return redirect(url_for("events.duplicates"))
