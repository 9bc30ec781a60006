"""Organisations and people: search in either script, create and edit, a person's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.auth.models import User
from app.courses.services.progress import CourseProgress, list_my_learning
from app.errors import DomainError
from app.events.models import (
    Attendance,
    EventSession,
    Gender,
    Organisation,
    OrganisationType,
    Person,
    Registration,
)
from app.events.transliteration import latin_transliteration, matching_key

PERSON_FIELDS = ("full_name", "gender", "organisation_id", "position", "country", "email", "phone")
ORGANISATION_FIELDS = ("name", "alternative_name", "type", "country")


class InvalidPerson(DomainError):
    pass


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    page: int
    per_page: int


def _search_terms(query: str) -> tuple[str, str]:
    """The query lower-cased, and its Latin transliteration lower-cased (Гаухар -> gaukhar)."""
    text = " ".join(query.split())
    return text.lower(), latin_transliteration(text).lower()


def person_search_filter(query: str) -> Any:
    """Match the name as written or its Latin form; a Cyrillic query finds Latin names and back."""
    text, latin = _search_terms(query)
    key = matching_key(query)
    by_key = [Person.name_key.contains(key, autoescape=True)] if key else []
    return or_(
        *by_key,
        Person.full_name.contains(text, autoescape=True),
        func.lower(Person.full_name).contains(text, autoescape=True),
        func.lower(Person.latin_name).contains(latin, autoescape=True),
        func.lower(Person.email).contains(text, autoescape=True),
    )


def list_people(session: Session, *, search: str = "", page: int = 1, per_page: int = 50) -> Page:
    """People not merged into someone else, by Latin name, with their organisation."""
    statement = select(Person).where(Person.merged_into_id.is_(None))
    if search.strip():
        statement = statement.where(person_search_filter(search))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    people = session.scalars(
        statement.options(joinedload(Person.organisation))
        .order_by(func.lower(Person.latin_name), Person.id)
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).all()
    return Page(list(people), total, page, per_page)


def list_organisations(session: Session, *, search: str = "", page: int = 1, per_page: int = 50) -> Page:
    statement = select(Organisation)
    if search.strip():
        text, latin = _search_terms(search)
        statement = statement.where(
            or_(
                Organisation.name.contains(text, autoescape=True),
                func.lower(Organisation.name).contains(text, autoescape=True),
                func.lower(Organisation.name).contains(latin, autoescape=True),
                func.lower(Organisation.alternative_name).contains(text, autoescape=True),
                Organisation.alternative_name.contains(text, autoescape=True),
            )
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    items = session.scalars(
        statement.order_by(func.lower(Organisation.name), Organisation.id)
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).all()
    return Page(list(items), total, page, per_page)


def organisation_choices(session: Session) -> list[tuple[int, str]]:
    rows = session.execute(select(Organisation.id, Organisation.name).order_by(func.lower(Organisation.name)))
    return [(row.id, row.name) for row in rows]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value


def save_organisation(session: Session, organisation: Organisation | None, **values: Any) -> Organisation:
    """Create (``organisation=None``) or update an organisation from form values."""
    organisation = organisation or Organisation()
    for name in ORGANISATION_FIELDS:
        if name in values:
            setattr(organisation, name, _clean(values[name]))
    if not organisation.name:
        raise InvalidPerson(_("An organisation needs a name."))
    organisation.type = OrganisationType(organisation.type or OrganisationType.OTHER)
    session.add(organisation)
    session.flush()
    return organisation


def save_person(session: Session, person: Person | None, **values: Any) -> Person:
    """Create (``person=None``) or update a person; the Latin name is derived from the full name."""
    person = person or Person()
    for name in PERSON_FIELDS:
        if name in values:
            setattr(person, name, _clean(values[name]))
    if not person.full_name:
        raise InvalidPerson(_("A person needs a name."))
    if person.email:
        person.email = person.email.lower()
    if person.country:
        person.country = person.country.upper()
    person.gender = Gender(person.gender or Gender.NOT_STATED)
    person.latin_name = latin_transliteration(person.full_name)
    session.add(person)
    session.flush()
    return person


@dataclass(frozen=True)
class PersonHistory:
    registrations: list[Registration]
    attendances: list[Attendance]
    merged_people: list[Person]


def person_history(session: Session, person: Person) -> PersonHistory:
    """Every event the person registered for and every session they were marked in."""
    registrations = session.scalars(
        select(Registration)
        .where(Registration.person_id == person.id)
        .options(joinedload(Registration.event))
        .order_by(Registration.registered_at.desc())
    ).all()
    attendances = session.scalars(
        select(Attendance)
        .join(Attendance.session)
        .where(Attendance.person_id == person.id)
        .options(joinedload(Attendance.session).joinedload(EventSession.event))
        .order_by(EventSession.held_on.desc(), EventSession.start_time)
    ).all()
    merged = session.scalars(
        select(Person).where(Person.merged_into_id == person.id).options(selectinload(Person.organisation))
    ).all()
    return PersonHistory(list(registrations), list(attendances), list(merged))


def course_progress_of(session: Session, person: Person) -> list[CourseProgress] | None:
    """The course progress of the account linked to this person; None when no account is linked."""
    user_id = session.scalar(select(User.id).where(User.person_id == person.id))
    if user_id is None:
        return None
    return list_my_learning(session, user_id)
