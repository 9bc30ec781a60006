"""Confirming a sign-in sheet import: people, registrations and attendance of every row in one
transaction, written with bulk statements so that 20,000 rows take seconds, not minutes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.audit import record_audit
from app.db import utcnow
from app.errors import Conflict
from app.events.models import (
    Attendance,
    AttendanceStatus,
    Gender,
    Organisation,
    OrganisationType,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
    SigninUpload,
)
from app.events.services.imports import NEW_PERSON, ImportRefused, Preview, PreviewRow, build_preview
from app.events.signin_sheet import SheetRow
from app.events.transliteration import latin_transliteration, matching_key


@dataclass(frozen=True)
class ImportSummary:
    people_created: int
    people_matched: int
    registrations_created: int
    marks_written: int


def _organisation_ids(session: Session, rows: list[PreviewRow]) -> dict[str, int]:
    """Organisation ids by lower-case name; names the database does not know yet are created."""
    names = {row.row.organisation for row in rows if row.row.organisation}
    known: dict[str, int] = {}
    if names:
        lowered = {name.lower() for name in names}
        statement = select(Organisation.id, Organisation.name).where(func.lower(Organisation.name).in_(lowered))
        for organisation_id, name in session.execute(statement):
            known.setdefault(name.lower(), organisation_id)
    missing = sorted(name for name in names if name.lower() not in known)
    for name in missing:
        if name.lower() not in known:
            organisation = Organisation(name=name, type=OrganisationType.OTHER)
            session.add(organisation)
            session.flush()
            known[name.lower()] = organisation.id
    return known


def _person_values(row: SheetRow, organisations: Mapping[str, int], now: datetime) -> dict[str, Any]:
    return {
        "full_name": row.full_name,
        "latin_name": latin_transliteration(row.full_name),
        "name_key": matching_key(row.full_name),
        "email": row.email,
        "phone": row.phone,
        "position": row.position,
        "country": row.country,
        "gender": Gender(row.gender) if row.gender else Gender.NOT_STATED,
        "organisation_id": organisations.get(row.organisation.lower()) if row.organisation else None,
        "created_at": now,
    }


def chosen_id(preview_row: PreviewRow, decisions: Mapping[int, str]) -> int | None:
    """The existing person chosen for a row, or None for a new person; only a suggestion may be chosen."""
    choice = decisions.get(preview_row.row.row_number, preview_row.default_choice)
    if choice == NEW_PERSON:
        return None
    if choice not in {str(suggestion.person_id) for suggestion in preview_row.suggestions}:
        message = _("Row %(row)s: choose one of the suggested people or a new person.", row=preview_row.row.row_number)
        raise ImportRefused(message)
    return int(choice)


def _resolve_people(session: Session, preview: Preview, chosen: list[int | None], now: datetime) -> list[int]:
    """The person id of every row: the chosen existing person, or a new person inserted in bulk."""
    organisations = _organisation_ids(session, preview.rows)
    new_rows = [row.row for row, person_id in zip(preview.rows, chosen, strict=True) if person_id is None]
    new_ids: list[int] = []
    if new_rows:
        values = [_person_values(row, organisations, now) for row in new_rows]
        statement = insert(Person).returning(Person.id, sort_by_parameter_order=True)
        new_ids = list(session.scalars(statement, values))
    fresh = iter(new_ids)
    return [person_id if person_id is not None else next(fresh) for person_id in chosen]


def _ensure_registrations(
    session: Session, event_id: int, person_ids: list[int], actor_id: int | None, now: datetime
) -> int:
    registered = set(session.scalars(select(Registration.person_id).where(Registration.event_id == event_id)))
    missing = list(dict.fromkeys(person_id for person_id in person_ids if person_id not in registered))
    values = [
        {
            "event_id": event_id,
            "person_id": person_id,
            "status": RegistrationStatus.CONFIRMED,
            "role": ParticipantRole.PARTICIPANT,
            "consent_public_list": False,
            "registered_by_id": actor_id,
            "registered_at": now,
        }
        for person_id in missing
    ]
    if values:
        session.execute(insert(Registration), values)
    return len(values)


def _marks_of(row: SheetRow) -> list[tuple[str, AttendanceStatus]]:
    marks = [(mark.label, AttendanceStatus(mark.status)) for mark in row.sessions if mark.status]
    if not row.sessions and row.present is not None:
        marks.append(("", AttendanceStatus.PRESENT if row.present else AttendanceStatus.ABSENT))
    return marks


def _write_marks(session: Session, preview: Preview, person_ids: list[int], actor_id: int | None, now: datetime) -> int:
    session_ids = [event_session.id for event_session in preview.session_map.values()]
    statement = select(Attendance.session_id, Attendance.person_id, Attendance.id)
    existing = {
        (row[0], row[1]): row[2] for row in session.execute(statement.where(Attendance.session_id.in_(session_ids)))
    }
    marks: dict[tuple[int, int], AttendanceStatus] = {}
    for preview_row, person_id in zip(preview.rows, person_ids, strict=True):
        for label, status in _marks_of(preview_row.row):
            event_session = preview.session_map.get(label)
            if event_session is not None:
                marks[(event_session.id, person_id)] = status  # a later row for the same person wins
    common = {"recorded_by_id": actor_id, "recorded_at": now}
    event_ids = {event_session.id: event_session.event_id for event_session in preview.session_map.values()}
    inserts = [
        {"session_id": key[0], "event_id": event_ids[key[0]], "person_id": key[1], "status": status, **common}
        for key, status in marks.items()
        if key not in existing
    ]
    updates = [{"id": existing[key], "status": status, **common} for key, status in marks.items() if key in existing]
    if inserts:
        session.execute(insert(Attendance), inserts)
    if updates:
        session.execute(update(Attendance), updates)
    return len(marks)


def confirm_import(
    session: Session,
    upload: SigninUpload,
    decisions: Mapping[int, str],
    *,
    actor_id: int | None,
    now: datetime | None = None,
) -> ImportSummary:
    """Write people, registrations and attendance of every row at once; refused while errors remain."""
    now = now or utcnow()
    if upload.imported_at is not None:
        raise Conflict(_("This sheet was already imported."))
    preview = build_preview(session, upload)
    if not preview.ok:
        raise ImportRefused(_("The sheet still has errors: correct them in the file and upload it again."))
    chosen = [chosen_id(row, decisions) for row in preview.rows]
    person_ids = _resolve_people(session, preview, chosen, now)
    registrations = _ensure_registrations(session, upload.event_id, person_ids, actor_id, now)
    marks = _write_marks(session, preview, person_ids, actor_id, now)
    upload.imported_at = now
    matched = sum(1 for person_id in chosen if person_id is not None)
    summary = ImportSummary(len(chosen) - matched, matched, registrations, marks)
    session.flush()
    session.expire_all()
    record_audit(
        session,
        actor_id=actor_id,
        action="signin_sheet.imported",
        subject=f"signin_uploads:{upload.id}",
        details={"event_id": upload.event_id, "filename": upload.filename, **asdict(summary)},
        now=now,
    )
    return summary
