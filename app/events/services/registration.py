"""Registration: coordinators add people to events; learners register themselves for open events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.audit import record_audit
from app.db import utcnow
from app.errors import Conflict, DomainError
from app.events.models import (
    Event,
    Organisation,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
)
from app.events.services.people import save_person
from app.events.transliteration import latin_transliteration


class AlreadyRegistered(Conflict):
    pass


class RegistrationClosed(DomainError):
    pass


def list_registrations(session: Session, event: Event) -> list[Registration]:
    """The event's registrations with person and organisation, by Latin name."""
    return list(
        session.scalars(
            select(Registration)
            .join(Registration.person)
            .where(Registration.event_id == event.id)
            .options(joinedload(Registration.person).joinedload(Person.organisation))
            .order_by(Person.latin_name, Person.id)
        )
    )


def find_registration(session: Session, event: Event, person: Person) -> Registration | None:
    return session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.person_id == person.id)
    )


def _audit(session: Session, registration: Registration, actor_id: int | None, action: str, now: datetime) -> None:
    record_audit(
        session,
        actor_id=actor_id,
        action=action,
        subject=f"registrations:{registration.id}",
        details={
            "event_id": registration.event_id,
            "person_id": registration.person_id,
            "status": registration.status.value,
            "role": registration.role.value,
        },
        now=now,
    )


def register_person(
    session: Session,
    event: Event,
    person: Person,
    *,
    actor_id: int | None,
    status: RegistrationStatus = RegistrationStatus.REGISTERED,
    role: ParticipantRole = ParticipantRole.PARTICIPANT,
    consent_public_list: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Register a person for an event; refuses a second registration of the same person."""
    now = now or utcnow()
    if person.merged_into_id is not None:
        raise DomainError(_("This person was merged into another record: register the kept person instead."))
    if find_registration(session, event, person) is not None:
        raise AlreadyRegistered(_("%(name)s is already registered for this event.", name=person.full_name))
    registration = Registration(
        event=event,
        person=person,
        status=RegistrationStatus(status),
        role=ParticipantRole(role),
        consent_public_list=consent_public_list,
        registered_by_id=actor_id,
        registered_at=now,
    )
    session.add(registration)
    session.flush()
    _audit(session, registration, actor_id, "registration.created", now)
    return registration


def register_new_person(
    session: Session, event: Event, *, actor_id: int | None, person_values: dict[str, Any], **options: Any
) -> Registration:
    """Create a person (no account) and register them in one step."""
    person = save_person(session, None, **person_values)
    return register_person(session, event, person, actor_id=actor_id, **options)


def update_registration(
    session: Session,
    registration: Registration,
    *,
    actor_id: int | None,
    status: RegistrationStatus,
    role: ParticipantRole,
    consent_public_list: bool,
    now: datetime | None = None,
) -> Registration:
    registration.status = RegistrationStatus(status)
    registration.role = ParticipantRole(role)
    registration.consent_public_list = consent_public_list
    session.flush()
    _audit(session, registration, actor_id, "registration.changed", now or utcnow())
    return registration


def person_for_user(session: Session, user: Any) -> Person:
    """The person record linked to an account, created from the account the first time."""
    if user.person is not None:
        return user.person
    person = Person(full_name=user.name, latin_name=latin_transliteration(user.name), email=user.email)
    session.add(person)
    user.person = person
    session.flush()
    return person


def self_register(
    session: Session, event: Event, user: Any, *, consent_public_list: bool, today: date, now: datetime | None = None
) -> Registration:
    """A learner registers; events that require approval put them on the waiting list."""
    if not event.is_open_for_registration or (event.ends_on or event.starts_on) < today:
        raise RegistrationClosed(_("Registration for this event is closed."))
    person = person_for_user(session, user)
    status = RegistrationStatus.WAITING_LIST if event.requires_approval else RegistrationStatus.REGISTERED
    return register_person(
        session, event, person, actor_id=None, status=status, consent_public_list=consent_public_list, now=now
    )


def cancel_own_registration(session: Session, event: Event, user: Any, *, now: datetime | None = None) -> None:
    registration = find_registration(session, event, user.person) if user.person else None
    if registration is None:
        raise DomainError(_("You are not registered for this event."))
    registration.status = RegistrationStatus.CANCELLED
    session.flush()
    _audit(session, registration, user.id, "registration.cancelled", now or utcnow())


def registrations_of_user(session: Session, user: Any) -> dict[int, Registration]:
    """The account's registrations by event id (empty when the account has no person yet)."""
    if user.person_id is None:
        return {}
    registrations = session.scalars(select(Registration).where(Registration.person_id == user.person_id))
    return {registration.event_id: registration for registration in registrations}


@dataclass(frozen=True)
class PublicParticipant:
    name: str
    organisation: str | None


PUBLIC_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED)


def public_participants(session: Session, event: Event) -> list[PublicParticipant]:
    """Registered people who agreed to be listed: name and organisation only, in one query."""
    rows = session.execute(
        select(Person.full_name, Organisation.name)
        .join(Registration, Registration.person_id == Person.id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(
            Registration.event_id == event.id,
            Registration.consent_public_list.is_(True),
            Registration.status.in_(PUBLIC_STATUSES),
        )
        .order_by(Person.latin_name, Person.id)
    )
    return [PublicParticipant(name, organisation) for name, organisation in rows]
