"""Certificates of attendance: who qualifies, issue, revoke, reissue.

The rule per event: at least ``event.certificate_percent`` of the sessions attended (present or late) and,
where the event links a post-test quiz (``event_assessments`` of kind post, owned by reports), that quiz passed
by the account linked to the person.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, joinedload, undefer

from app.audit import record_audit
from app.auth.models import User
from app.db import utcnow
from app.errors import Conflict
from app.events.models import (
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    Certificate,
    Event,
    EventAssessment,
    EventSession,
    Person,
    Registration,
    RegistrationStatus,
)
from app.events.services.certificate_documents import document_key, facts_of, render_pdf
from app.quizzes.models import QuizAttempt

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
CERTIFICATE_LANGUAGES = ("en", "ru", "kk")


@dataclass(frozen=True)
class Standing:
    person: Person
    attended: int
    total: int
    qualifies: bool
    certificate: Certificate | None
    #: sum of attended sessions with start and end times; None when none of them has both
    contact_minutes: int | None = None
    #: the event links a post-test quiz, and whether this person passed it
    quiz_required: bool = False
    quiz_passed: bool = False


def new_code() -> str:
    """An unguessable public code, short enough to type from paper (16 characters)."""
    return secrets.token_hex(8).upper()


def post_test_quiz_ids(session: Session, event: Event) -> list[int]:
    """The quizzes the event uses as its post-test (normally one); a certificate needs each passed."""
    return list(
        session.scalars(
            select(EventAssessment.quiz_id).where(
                EventAssessment.event_id == event.id, EventAssessment.kind == AssessmentKind.POST
            )
        )
    )


def _people_who_passed(session: Session, quiz_ids: list[int]) -> set[int]:
    """Person ids whose linked account passed every one of ``quiz_ids``."""
    if not quiz_ids:
        return set()
    rows = session.scalars(
        select(User.person_id)
        .join(QuizAttempt, QuizAttempt.user_id == User.id)
        .where(User.person_id.is_not(None), QuizAttempt.quiz_id.in_(quiz_ids), QuizAttempt.passed.is_(True))
        .group_by(User.person_id)
        .having(func.count(distinct(QuizAttempt.quiz_id)) == len(set(quiz_ids)))
    )
    return set(rows)


def _contact_minutes(session: Session, event: Event) -> dict[int, int]:
    """Per person, the minutes of attended sessions that have both a start and an end time."""
    rows = session.execute(
        select(Attendance.person_id, EventSession.start_time, EventSession.end_time)
        .join(EventSession, EventSession.id == Attendance.session_id)
        .where(
            EventSession.event_id == event.id,
            Attendance.status.in_(ATTENDED),
            EventSession.start_time.is_not(None),
            EventSession.end_time.is_not(None),
        )
    )
    minutes: dict[int, int] = {}
    for person_id, start, end in rows:
        length = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        minutes[person_id] = minutes.get(person_id, 0) + max(length, 0)
    return minutes


def _attended_counts(session: Session, event: Event) -> dict[int, int]:
    return dict(
        session.execute(
            select(Attendance.person_id, func.count(Attendance.id))
            .join(EventSession, EventSession.id == Attendance.session_id)
            .where(EventSession.event_id == event.id, Attendance.status.in_(ATTENDED))
            .group_by(Attendance.person_id)
        ).all()
    )


def standings(session: Session, event: Event) -> list[Standing]:
    """Every registered person with sessions attended, contact time, post-test result and valid certificate."""
    total = session.scalar(select(func.count(EventSession.id)).where(EventSession.event_id == event.id)) or 0
    attended_counts = _attended_counts(session, event)
    minutes = _contact_minutes(session, event)
    quiz_ids = post_test_quiz_ids(session, event)
    passed = _people_who_passed(session, quiz_ids)
    valid = {
        certificate.person_id: certificate
        for certificate in session.scalars(
            select(Certificate).where(Certificate.event_id == event.id, Certificate.revoked_at.is_(None))
        )
    }
    registrations = session.scalars(
        select(Registration)
        .join(Registration.person)
        .where(Registration.event_id == event.id, Registration.status != RegistrationStatus.CANCELLED)
        .options(joinedload(Registration.person))
        .order_by(Person.latin_name, Person.id)
    ).all()
    result = []
    for registration in registrations:
        person_id = registration.person_id
        attended = attended_counts.get(person_id, 0)
        quiz_passed = person_id in passed
        enough = total > 0 and attended * 100 >= event.certificate_percent * total
        qualifies = enough and (quiz_passed or not quiz_ids)
        result.append(
            Standing(
                registration.person,
                attended,
                total,
                qualifies,
                valid.get(person_id),
                contact_minutes=minutes.get(person_id),
                quiz_required=bool(quiz_ids),
                quiz_passed=quiz_passed,
            )
        )
    return result


def _account_languages(session: Session, person_ids: list[int]) -> dict[int, str]:
    """The interface language of the accounts linked to these people, where it is one we print in."""
    if not person_ids:
        return {}
    rows = session.execute(select(User.person_id, User.locale).where(User.person_id.in_(person_ids)))
    return {person_id: locale for person_id, locale in rows if locale in CERTIFICATE_LANGUAGES}


def _issue(
    session: Session, event: Event, standing: Standing, actor_id: int | None, now: datetime, language: str
) -> Certificate:
    certificate = Certificate(
        code=new_code(),
        event_id=event.id,
        person_id=standing.person.id,
        sessions_attended=standing.attended,
        sessions_total=standing.total,
        contact_minutes=standing.contact_minutes,
        language=language,
        issued_at=now,
        issued_by_id=actor_id,
    )
    session.add(certificate)
    session.flush()
    record_audit(
        session,
        actor_id=actor_id,
        action="certificate.issued",
        subject=f"certificates:{certificate.id}",
        details={"event_id": event.id, "person_id": standing.person.id},
        now=now,
    )
    return certificate


def store_documents(session: Session, certificates: Iterable[Certificate], link: Callable[[str], str]) -> int:
    """Build and keep the PDF of each certificate whose stored one is missing or out of date; returns how many.

    ``link`` gives the verification URL printed in the QR code. Downloads then serve the stored bytes."""
    built = 0
    for certificate in certificates:
        facts = facts_of(certificate, link(certificate.code))
        key = document_key(facts)
        if certificate.pdf_key != key:
            certificate.pdf, certificate.pdf_key = render_pdf(facts), key
            built += 1
    session.flush()
    return built


def issue_certificates(
    session: Session,
    event: Event,
    *,
    actor_id: int | None,
    language: str = "en",
    now: datetime | None = None,
    link: Callable[[str], str] | None = None,
) -> int:
    """Issue a certificate to everyone who qualifies and has no valid one yet; returns how many.

    Each is printed in the language of the person's linked account, else in ``language``. With ``link``, the
    PDFs of the new certificates, and of older ones gone out of date (a name changed by a merge), are stored."""
    now = now or utcnow()
    language = language if language in CERTIFICATE_LANGUAGES else "en"
    due = [standing for standing in standings(session, event) if standing.qualifies and standing.certificate is None]
    languages = _account_languages(session, [standing.person.id for standing in due])
    for standing in due:
        _issue(session, event, standing, actor_id, now, languages.get(standing.person.id, language))
    if link is not None:
        store_documents(session, valid_certificates(session, event), link)
    return len(due)


def revoke_certificate(
    session: Session, certificate: Certificate, *, actor_id: int | None, now: datetime | None = None
) -> None:
    now = now or utcnow()
    if certificate.revoked_at is not None:
        raise Conflict(_("This certificate is already revoked."))
    certificate.revoked_at = now
    session.flush()
    record_audit(
        session, actor_id=actor_id, action="certificate.revoked", subject=f"certificates:{certificate.id}", now=now
    )


def reissue_certificate(
    session: Session,
    certificate: Certificate,
    *,
    actor_id: int | None,
    now: datetime | None = None,
    link: Callable[[str], str] | None = None,
) -> Certificate:
    """Revoke a certificate (if still valid) and issue a new one with a new code and current counts.

    With ``link``, the new certificate's PDF is built and stored."""
    now = now or utcnow()
    if certificate.revoked_at is None:
        revoke_certificate(session, certificate, actor_id=actor_id, now=now)
    event = certificate.event
    standing = next((item for item in standings(session, event) if item.person.id == certificate.person_id), None)
    if standing is None or not standing.qualifies:
        raise Conflict(_("This person no longer meets the certificate rule, so no new certificate was issued."))
    language = _account_languages(session, [certificate.person_id]).get(certificate.person_id, certificate.language)
    new = _issue(session, event, standing, actor_id, now, language)
    if link is not None:
        store_documents(session, [new], link)
    return new


def find_by_code(session: Session, code: str) -> Certificate | None:
    return session.scalar(
        select(Certificate)
        .where(Certificate.code == code.strip().upper())
        .options(joinedload(Certificate.event), joinedload(Certificate.person))
    )


def valid_certificates(session: Session, event: Event, *, with_pdf: bool = False) -> list[Certificate]:
    """The event's certificates that are not revoked, with their person and event (and stored PDF), by name."""
    options = [joinedload(Certificate.person), joinedload(Certificate.event)]
    if with_pdf:
        options.append(undefer(Certificate.pdf))
    return list(
        session.scalars(
            select(Certificate)
            .join(Certificate.person)
            .where(Certificate.event_id == event.id, Certificate.revoked_at.is_(None))
            .options(*options)
            .order_by(Person.latin_name, Certificate.id)
        )
    )


def certificates_of_person(session: Session, person_id: int | None) -> list[Certificate]:
    """A person's valid certificates, newest event first (for the participant's own page)."""
    if person_id is None:
        return []
    return list(
        session.scalars(
            select(Certificate)
            .join(Certificate.event)
            .where(Certificate.person_id == person_id, Certificate.revoked_at.is_(None))
            .options(joinedload(Certificate.event))
            .order_by(Event.starts_on.desc(), Certificate.id)
        )
    )
