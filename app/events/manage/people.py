"""Coordinator pages: organisations and people."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.auth.models import Role
from app.auth.policy import role_required
from app.db import db, get_or_404
from app.events.forms import (
    ATTENDANCE_LABELS,
    GENDER_LABELS,
    ORGANISATION_TYPE_LABELS,
    REGISTRATION_STATUS_LABELS,
    OrganisationForm,
    PersonForm,
)
from app.events.models import Organisation, Person
from app.events.services import people as people_services
from app.events.views import bp


def _page_args() -> tuple[str, int]:
    return request.args.get("q", "")[:200], max(request.args.get("page", 1, type=int) or 1, 1)


@bp.route("/manage/people")
@role_required(Role.COORDINATOR)
def people() -> str:
    search, page = _page_args()
    per_page = int(current_app.config.get("PEOPLE_PER_PAGE", 50))
    result = people_services.list_people(db, search=search, page=page, per_page=per_page)
    return render_template("events/people.html", result=result, search=search)


@bp.route("/manage/people/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def new_person() -> Response | tuple[str, int] | str:
    return _edit_person(None)


@bp.route("/manage/people/<int:person_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_person(person_id: int) -> Response | tuple[str, int] | str:
    return _edit_person(get_or_404(Person, person_id))


def _edit_person(person: Person | None) -> Response | tuple[str, int] | str:
    form = PersonForm(obj=person)
    if person is not None and request.method == "GET":
        form.organisation_id.data = person.organisation_id or 0
    form.set_organisations(people_services.organisation_choices(db))
    if form.validate_on_submit():
        saved = people_services.save_person(db, person, **form.person_values())
        db.commit()
        flash(_("%(name)s saved.", name=saved.full_name), "success")
        return redirect(url_for("events.person", person_id=saved.id))
    status = 400 if form.errors else 200
    return render_template("events/person_form.html", form=form, person=person), status


@bp.route("/manage/people/<int:person_id>")
@role_required(Role.COORDINATOR)
def person(person_id: int) -> str:
    person = get_or_404(Person, person_id)
    history = people_services.person_history(db, person)
    return render_template(
        "events/person.html",
        person=person,
        history=history,
        courses=people_services.course_progress_of(db, person),
        gender_labels=GENDER_LABELS,
        status_labels=REGISTRATION_STATUS_LABELS,
        attendance_labels=ATTENDANCE_LABELS,
    )


@bp.route("/manage/organisations")
@role_required(Role.COORDINATOR)
def organisations() -> str:
    search, page = _page_args()
    result = people_services.list_organisations(db, search=search, page=page)
    return render_template(
        "events/organisations.html", result=result, search=search, type_labels=ORGANISATION_TYPE_LABELS
    )


@bp.route("/manage/organisations/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def new_organisation() -> Response | tuple[str, int] | str:
    return _edit_organisation(None)


@bp.route("/manage/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_organisation(organisation_id: int) -> Response | tuple[str, int] | str:
    return _edit_organisation(get_or_404(Organisation, organisation_id))


def _edit_organisation(organisation: Organisation | None) -> Response | tuple[str, int] | str:
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        saved = people_services.save_organisation(db, organisation, **form.data)
        db.commit()
        flash(_("%(name)s saved.", name=saved.name), "success")
        return redirect(url_for("events.organisations"))
    status = 400 if form.errors else 200
    return render_template("events/organisation_form.html", form=form, organisation=organisation), status
