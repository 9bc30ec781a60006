"""Sign-in sheet import: stash the upload, preview every row with errors and suggested matches, then write
everything in one transaction. The file lives in the database between the two steps (several app
processes may serve the preview and the confirmation)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.events.matching import STRONG_MATCH, PersonRecord, build_index, suggest_matches
from app.events.models import (
    Event,
    EventSession,
    Person,
    SigninUpload,
)
from app.events.services.duplicates import person_records
from app.events.signin_sheet import RowError, SheetParseResult, SheetRow, parse_signin_sheet

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
NEW_PERSON = "new"


class ImportRefused(DomainError):
    pass


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    full_name: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PreviewRow:
    row: SheetRow
    suggestions: tuple[Suggestion, ...]

    @property
    def default_choice(self) -> str:
        """The strongest suggestion when it is a near-certain match, otherwise a new person."""
        if self.suggestions and self.suggestions[0].score >= STRONG_MATCH:
            return str(self.suggestions[0].person_id)
        return NEW_PERSON


@dataclass(frozen=True)
class Preview:
    upload: SigninUpload
    parsed: SheetParseResult
    rows: list[PreviewRow]
    #: column label of each attendance mark -> the event session it fills
    session_map: dict[str, EventSession] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def stash_upload(
    session: Session, event: Event, *, filename: str, content: bytes, actor_id: int | None
) -> SigninUpload:
    """Keep the uploaded file in the database until the coordinator confirms the preview."""
    if not content:
        raise ImportRefused(_("The file is empty."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 20 MB: split it into several sheets."))
    upload = SigninUpload(
        event_id=event.id, filename=filename[:255] or "sheet", content=content, uploaded_by_id=actor_id
    )
    session.add(upload)
    session.flush()
    return upload


def _session_map(
    rows: tuple[SheetRow, ...], sessions: list[EventSession]
) -> tuple[dict[str, EventSession], list[RowError]]:
    """Attendance columns fill the event's sessions in order (first mark column = first session)."""
    labels = [mark.label for mark in rows[0].sessions] if rows else []
    if len(labels) > len(sessions):
        message = _(
            "The sheet has %(columns)s attendance columns but the event has %(sessions)s sessions: "
            "add the missing sessions first.",
            columns=len(labels),
            sessions=len(sessions),
        )
        return {}, [RowError(0, None, message)]
    if any(row.present is not None for row in rows) and not labels and len(sessions) != 1:
        message = _("A single 'present' column fits only an event with one session: use one column per session.")
        return {}, [RowError(0, None, message)]
    if not labels and len(sessions) == 1:
        return {"": sessions[0]}, []
    return dict(zip(labels, sessions, strict=False)), []


def _record_for(row: SheetRow) -> PersonRecord:
    return PersonRecord(f"row-{row.row_number}", row.full_name, row.email, row.phone, row.organisation, row.country)


def build_preview(session: Session, upload: SigninUpload) -> Preview:
    """Parse the stashed file and suggest existing people for each row; writes nothing."""
    parsed = parse_signin_sheet(upload.content, upload.filename)
    event = session.scalar(select(Event).where(Event.id == upload.event_id))
    session_map, plan_errors = _session_map(parsed.rows, list(event.sessions))
    index = build_index(person_records(session))
    found = [(row, suggest_matches(_record_for(row), index, limit=3)) for row in parsed.rows]
    ids = {int(candidate.right.id) for _row, candidates in found for candidate in candidates}
    names = dict(session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids))).all()) if ids else {}
    rows = [
        PreviewRow(
            row,
            tuple(
                Suggestion(int(c.right.id), names.get(int(c.right.id), c.right.full_name), c.score, c.match.evidence)
                for c in candidates
            ),
        )
        for row, candidates in found
    ]
    return Preview(upload, parsed, rows, session_map, [*plan_errors, *parsed.errors])
