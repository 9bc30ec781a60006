"""Coordinator pages: events, their sessions and their participants."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import db, first_or_404, get_or_404
from app.events import forms
from app.events.models import Event, EventSession, Person, Registration
from app.events.services import events as event_services
from app.events.services import people as people_services
from app.events.services import registration as registration_services
from app.events.views import bp

LABELS = {
    "kind_labels": forms.EVENT_KIND_LABELS,
    "status_labels": forms.REGISTRATION_STATUS_LABELS,
    "role_labels": forms.ROLE_LABELS,
}


@bp.route("/manage/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def new_event() -> Response | tuple[str, int] | str:
    return _edit_event(None)


@bp.route("/manage/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_event(event_id: int) -> Response | tuple[str, int] | str:
    return _edit_event(get_or_404(Event, event_id))


def _edit_event(event: Event | None) -> Response | tuple[str, int] | str:
    form = forms.EventForm(obj=event)
    if form.validate_on_submit():
        saved = event_services.save_event(db, event, **form.data)
        db.commit()
        flash(_("%(title)s saved.", title=saved.title), "success")
        return redirect(url_for("events.detail", event_id=saved.id))
    status = 400 if form.errors else 200
    return render_template("events/event_form.html", form=form, event=event), status


@bp.route("/manage/<int:event_id>")
@role_required(Role.COORDINATOR)
def detail(event_id: int) -> str:
    event = first_or_404(event_services.event_with_sessions_query(event_id))
    return render_template(
        "events/detail.html", event=event, session_form=forms.SessionForm(), confirm_form=forms.ConfirmForm(), **LABELS
    )


@bp.route("/manage/<int:event_id>/sessions", methods=["POST"])
@role_required(Role.COORDINATOR)
def add_session(event_id: int) -> Response | tuple[str, int]:
    event = get_or_404(Event, event_id)
    form = forms.SessionForm()
    if not form.validate_on_submit():
        db.refresh(event)
        page = render_template(
            "events/detail.html", event=event, session_form=form, confirm_form=forms.ConfirmForm(), **LABELS
        )
        return page, 400
    event_services.add_session(
        db, event, **{name: form[name].data for name in ("held_on", "title", "start_time", "end_time")}
    )
    db.commit()
    flash(_("Session added."), "success")
    return redirect(url_for("events.detail", event_id=event.id))


@bp.route("/manage/sessions/<int:session_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def remove_session(session_id: int) -> Response:
    event_session = get_or_404(EventSession, session_id)
    event_id = event_session.event_id
    if forms.ConfirmForm().validate_on_submit():
        event_services.remove_session(db, event_session)
        db.commit()
        flash(_("Session removed."), "success")
    return redirect(url_for("events.detail", event_id=event_id))


@bp.route("/manage/<int:event_id>/participants")
@role_required(Role.COORDINATOR)
def participants(event_id: int) -> str:
    event = get_or_404(Event, event_id)
    return _participants_page(event, forms.AddNewPersonForm(prefix="new"))


def _participants_page(event: Event, new_form: forms.AddNewPersonForm) -> str:
    search = request.args.get("q", "")[:200]
    found = people_services.list_people(db, search=search, per_page=20).items if search.strip() else []
    new_form.set_organisations(people_services.organisation_choices(db))
    return render_template(
        "events/participants.html",
        event=event,
        registrations=registration_services.list_registrations(db, event),
        search=search,
        found=found,
        add_form=forms.AddExistingForm(prefix="existing"),
        new_form=new_form,
        **LABELS,
    )


@bp.route("/manage/<int:event_id>/participants/existing", methods=["POST"])
@role_required(Role.COORDINATOR)
def add_existing(event_id: int) -> Response:
    event = get_or_404(Event, event_id)
    form = forms.AddExistingForm(prefix="existing")
    if form.validate_on_submit():
        person = get_or_404(Person, int(form.person_id.data))
        registration_services.register_person(db, event, person, actor_id=current_user.id, **_options(form))
        db.commit()
        flash(_("%(name)s added.", name=person.full_name), "success")
    return redirect(url_for("events.participants", event_id=event.id))


@bp.route("/manage/<int:event_id>/participants/new", methods=["POST"])
@role_required(Role.COORDINATOR)
def add_new(event_id: int) -> Response | tuple[str, int]:
    event = get_or_404(Event, event_id)
    form = forms.AddNewPersonForm(prefix="new")
    form.set_organisations(people_services.organisation_choices(db))
    if not form.validate_on_submit():
        return _participants_page(event, form), 400
    registration = registration_services.register_new_person(
        db, event, actor_id=current_user.id, person_values=form.person_values(), **_options(form)
    )
    db.commit()
    flash(_("%(name)s added.", name=registration.person.full_name), "success")
    return redirect(url_for("events.participants", event_id=event.id))


def _options(form: forms.RegistrationForm) -> dict[str, object]:
    return {
        "status": form.status.data,
        "role": form.role.data,
        "consent_public_list": form.consent_public_list.data,
    }


@bp.route("/manage/registrations/<int:registration_id>", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_registration(registration_id: int) -> Response | str:
    registration = get_or_404(Registration, registration_id)
    form = forms.RegistrationForm(obj=registration)
    if form.validate_on_submit():
        registration_services.update_registration(db, registration, actor_id=current_user.id, **_options(form))
        db.commit()
        flash(_("Registration of %(name)s saved.", name=registration.person.full_name), "success")
        return redirect(url_for("events.participants", event_id=registration.event_id))
    return render_template("events/registration_form.html", registration=registration, form=form)
