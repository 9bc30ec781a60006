"""Duplicate people: candidate pairs (blocked, never every pair), merge and undo merge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from app.audit import record_audit
from app.auth.models import User
from app.db import utcnow
from app.errors import Conflict, DomainError
from app.events.matching import DEFAULT_THRESHOLD, PersonRecord, find_candidate_pairs
from app.events.models import Attendance, Certificate, Organisation, Person, PersonMerge, Registration

MAX_PAIRS_SHOWN = 200


class MergeRefused(DomainError):
    pass


@dataclass(frozen=True)
class DuplicatePair:
    left: Person
    right: Person
    score: float
    evidence: tuple[str, ...]


def person_records(session: Session) -> list[PersonRecord]:
    """Every unmerged person as the matcher sees them, in one query of plain columns."""
    rows = session.execute(
        select(Person.id, Person.full_name, Person.email, Person.phone, Organisation.name, Person.country)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Person.merged_into_id.is_(None))
    )
    return [PersonRecord(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows]


def candidate_pairs(
    session: Session, *, threshold: float = DEFAULT_THRESHOLD, limit: int = MAX_PAIRS_SHOWN
) -> list[DuplicatePair]:
    """Likely duplicates, best first, with the evidence for each score."""
    candidates = find_candidate_pairs(person_records(session), threshold=threshold)[:limit]
    ids = {candidate.left.id for candidate in candidates} | {candidate.right.id for candidate in candidates}
    people = {
        person.id: person
        for person in session.scalars(select(Person).where(Person.id.in_(ids)).options(joinedload(Person.organisation)))
    }
    return [DuplicatePair(people[c.left.id], people[c.right.id], c.score, c.match.evidence) for c in candidates]


def _movable_ids(session: Session, model: type, kept: Person, merged: Person, key: str) -> list[int]:
    """Rows of the merged person whose event or session the kept person does not already have."""
    column = getattr(model, key)
    taken = select(column).where(model.person_id == kept.id)
    statement = select(model.id).where(model.person_id == merged.id, column.not_in(taken))
    return list(session.scalars(statement.order_by(model.id)))


def _move(session: Session, model: type, ids: list[int], person_id: int) -> None:
    if ids:
        session.execute(update(model).where(model.id.in_(ids)).values(person_id=person_id))


def merge_people(
    session: Session, kept: Person, merged: Person, *, actor_id: int | None, now: datetime | None = None
) -> PersonMerge:
    """Move the duplicate's registrations, attendance and certificates to the kept person; never delete."""
    now = now or utcnow()
    if kept.id == merged.id:
        raise MergeRefused(_("A person cannot be merged with themselves."))
    if kept.merged_into_id is not None or merged.merged_into_id is not None:
        raise MergeRefused(_("One of these people was already merged; reload the duplicates page."))
    merge = PersonMerge(
        kept_id=kept.id,
        merged_id=merged.id,
        merged_by_id=actor_id,
        merged_at=now,
        moved_registration_ids=_movable_ids(session, Registration, kept, merged, "event_id"),
        moved_attendance_ids=_movable_ids(session, Attendance, kept, merged, "session_id"),
        moved_certificate_ids=_movable_ids(session, Certificate, kept, merged, "event_id"),
    )
    _move(session, Registration, merge.moved_registration_ids, kept.id)
    _move(session, Attendance, merge.moved_attendance_ids, kept.id)
    _move(session, Certificate, merge.moved_certificate_ids, kept.id)
    merge.moved_user_id = _relink_account(session, kept, merged)
    merged.merged_into_id = kept.id
    session.add(merge)
    session.flush()
    session.expire_all()
    record_audit(
        session,
        actor_id=actor_id,
        action="person.merged",
        subject=f"people:{merged.id}",
        details=_merge_details(merge),
        now=now,
    )
    return merge


def _relink_account(session: Session, kept: Person, merged: Person) -> int | None:
    """Link the duplicate's account to the kept person, so its owner keeps their check-in and certificates;
    not when the kept person has an account already (a person has at most one)."""
    statement = select(User.person_id, User.id).where(User.person_id.in_([kept.id, merged.id]))
    accounts: dict[int, int] = {person_id: user_id for person_id, user_id in session.execute(statement)}
    if merged.id not in accounts or kept.id in accounts:
        return None
    session.execute(update(User).where(User.id == accounts[merged.id]).values(person_id=kept.id))
    return accounts[merged.id]


def _merge_details(merge: PersonMerge) -> dict[str, object]:
    return {
        "merge_id": merge.id,
        "kept_id": merge.kept_id,
        "merged_id": merge.merged_id,
        "registrations": merge.moved_registration_ids,
        "attendances": merge.moved_attendance_ids,
        "certificates": merge.moved_certificate_ids,
        "account": merge.moved_user_id,
    }


def _still_with_kept(session: Session, model: type, ids: list[int], kept_id: int) -> bool:
    if not ids:
        return True
    owners = set(session.scalars(select(model.person_id).where(model.id.in_(ids))))
    return owners <= {kept_id}


def undo_merge(session: Session, merge: PersonMerge, *, actor_id: int | None, now: datetime | None = None) -> None:
    """Give back exactly what the merge moved and make the duplicate a person of its own again."""
    now = now or utcnow()
    if merge.undone_at is not None:
        raise Conflict(_("This merge was already undone."))
    moved = (
        (Registration, merge.moved_registration_ids),
        (Attendance, merge.moved_attendance_ids),
        (Certificate, merge.moved_certificate_ids),
    )
    if not all(_still_with_kept(session, model, ids, merge.kept_id) for model, ids in moved):
        raise MergeRefused(_("The kept person was merged again since; undo that later merge first."))
    for model, ids in moved:
        _move(session, model, ids, merge.merged_id)
    if merge.moved_user_id is not None:
        session.execute(
            update(User)
            .where(User.id == merge.moved_user_id, User.person_id == merge.kept_id)
            .values(person_id=merge.merged_id)
        )
    session.execute(update(Person).where(Person.id == merge.merged_id).values(merged_into_id=None))
    merge.undone_at = now
    session.flush()
    session.expire_all()
    record_audit(
        session,
        actor_id=actor_id,
        action="person.merge_undone",
        subject=f"people:{merge.merged_id}",
        details=_merge_details(merge),
        now=now,
    )


def recent_merges(session: Session, limit: int = 50) -> list[PersonMerge]:
    return list(
        session.scalars(
            select(PersonMerge)
            .options(joinedload(PersonMerge.kept), joinedload(PersonMerge.merged))
            .order_by(PersonMerge.merged_at.desc(), PersonMerge.id.desc())
            .limit(limit)
        )
    )
