"""The audit log: who changed what and when (grades, attendance, merges, role changes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None for changes made by the system or a command-line action
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: e.g. "user.roles_changed", "attendance.recorded"
    action: Mapped[str] = mapped_column(String(80), index=True)
    #: the changed object as "<table>:<id>", so one index serves every history page
    subject: Mapped[str] = mapped_column(String(120), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def record_audit(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    subject: str,
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits)."""
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        subject=subject,
        details=details or {},
        created_at=now or utcnow(),
    )
    session.add(entry)
    return entry
