"""Self check-in: participants mark their own presence with a code shown at the venue.

The code is an HMAC of the session id and the current minute, keyed with the app's secret, so it rotates every
minute and needs no storage (any app process computes the same code). The current and the previous minute are
accepted, which leaves at least a minute for a slow scan. Check-in is open only while the session runs
(its day and times, in the events' time zone), from ``OPENS_BEFORE`` before the start.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import record_audit
from app.db import utcnow
from app.errors import DomainError
from app.events.models import Attendance, AttendanceStatus, EventSession, Person, Registration, RegistrationStatus
from app.events.services.attendance import NotRegistered, record_attendance

WINDOW_SECONDS = 60
ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
#: people arrive early: check-in opens this long before a session starts
OPENS_BEFORE = timedelta(minutes=30)


class CheckInWindowClosed(DomainError):
    pass


class CheckInCodeExpired(DomainError):
    pass


@dataclass(frozen=True)
class CheckInCode:
    #: what the participant types or the QR code carries, e.g. ``42-K7QXM3ZP``
    text: str
    #: seconds until the code changes (the coordinator's page refreshes then)
    seconds_left: int


def _window(now: datetime) -> int:
    return int(now.timestamp()) // WINDOW_SECONDS


def _code_for(secret: str, session_id: int, window: int) -> str:
    digest = hmac.new(secret.encode(), f"check-in:{session_id}:{window}".encode(), hashlib.sha256).digest()
    return f"{session_id}-{base64.b32encode(digest[:5]).decode()}"


def current_code(secret: str, event_session: EventSession, *, now: datetime | None = None) -> CheckInCode:
    """The code to show at the venue right now."""
    now = now or utcnow()
    seconds_left = WINDOW_SECONDS - int(now.timestamp()) % WINDOW_SECONDS
    return CheckInCode(_code_for(secret, event_session.id, _window(now)), seconds_left)


def session_id_of(code: str) -> int | None:
    """The session a typed or scanned code belongs to (the number before the dash), or None if malformed."""
    number, dash, rest = code.strip().partition("-")
    return int(number) if dash and number.isdigit() and rest and len(number) < 10 else None


def normalise(code: str) -> str:
    return "".join(code.split()).upper()


def opening_hours(event_session: EventSession, timezone: tzinfo) -> tuple[datetime, datetime]:
    """When check-in opens and closes; a session without times is open all of its day."""
    start = datetime.combine(event_session.held_on, event_session.start_time or datetime.min.time(), timezone)
    if event_session.end_time is not None:
        end = datetime.combine(event_session.held_on, event_session.end_time, timezone)
    else:
        end = datetime.combine(event_session.held_on + timedelta(days=1), datetime.min.time(), timezone)
    return (start - OPENS_BEFORE if event_session.start_time else start), end


@dataclass(frozen=True)
class CheckInHours:
    opens: datetime
    closes: datetime
    is_open: bool


def check_in_hours(event_session: EventSession, timezone: tzinfo, *, now: datetime | None = None) -> CheckInHours:
    """When self check-in opens and closes, and whether it is open at ``now``."""
    now = now or utcnow()
    opens, closes = opening_hours(event_session, timezone)
    return CheckInHours(opens, closes, opens <= now <= closes)


def check_open(event_session: EventSession, timezone: tzinfo, now: datetime) -> None:
    opens, closes = opening_hours(event_session, timezone)
    if not opens <= now <= closes:
        raise CheckInWindowClosed(
            _(
                "Check-in for %(title)s is open only while the session runs (%(opens)s to %(closes)s).",
                title=event_session.title,
                opens=opens.strftime("%Y-%m-%d %H:%M"),
                closes=closes.strftime("%H:%M"),
            )
        )


def check_code(secret: str, event_session: EventSession, code: str, now: datetime) -> None:
    window = _window(now)
    valid = (_code_for(secret, event_session.id, window), _code_for(secret, event_session.id, window - 1))
    if not any(hmac.compare_digest(normalise(code), expected) for expected in valid):
        raise CheckInCodeExpired(
            _("This check-in code has expired or is wrong. Scan the code on the screen again or type it anew.")
        )


def current_person_id(session: Session, person_id: int | None) -> int | None:
    """The person an account stands for now: a record merged as a duplicate stands for the kept one."""
    for _hop in range(5):
        merged_into = session.scalar(select(Person.merged_into_id).where(Person.id == person_id)) if person_id else None
        if merged_into is None:
            return person_id
        person_id = merged_into
    return person_id


def self_check_in(
    session: Session,
    event_session: EventSession,
    *,
    user_id: int,
    person_id: int | None,
    code: str,
    secret: str,
    timezone: tzinfo,
    now: datetime | None = None,
) -> Attendance:
    """Mark the signed-in participant present (recorded_by None = self check-in), audited with their account."""
    now = now or utcnow()
    check_open(event_session, timezone, now)
    check_code(secret, event_session, code, now)
    person_id = current_person_id(session, person_id)
    registration = session.scalar(
        select(Registration).where(Registration.event_id == event_session.event_id, Registration.person_id == person_id)
    )
    if person_id is None or registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise NotRegistered(
            _("You are not registered for %(title)s. Ask the organisers at the desk.", title=event_session.event.title)
        )
    existing = session.scalar(
        select(Attendance).where(Attendance.session_id == event_session.id, Attendance.person_id == person_id)
    )
    if existing is not None and existing.status in ATTENDED_STATUSES:
        return existing
    attendance = record_attendance(
        session, event_session, registration.person, AttendanceStatus.PRESENT, actor_id=None, now=now
    )
    record_audit(
        session,
        actor_id=user_id,
        action="attendance.self_check_in",
        subject=f"attendances:{attendance.id}",
        details={"session_id": event_session.id, "person_id": person_id},
        now=now,
    )
    return attendance


def check_in_with_code(
    session: Session,
    code: str,
    *,
    user_id: int,
    person_id: int | None,
    secret: str,
    timezone: tzinfo,
    now: datetime | None = None,
) -> Attendance:
    """Self check-in from a typed or scanned code, which names its session (``<session id>-<code>``)."""
    session_id = session_id_of(code)
    event_session = session.get(EventSession, session_id) if session_id else None
    if event_session is None:
        raise CheckInCodeExpired(_("This is not a check-in code: check it and try again."))
    return self_check_in(
        session,
        event_session,
        user_id=user_id,
        person_id=person_id,
        code=code,
        secret=secret,
        timezone=timezone,
        now=now,
    )
