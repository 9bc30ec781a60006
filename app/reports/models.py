"""What reports need that events do not hold themselves: the courses and pre/post tests linked to an event."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, enum_type, utcnow


class AssessmentKind(enum.StrEnum):
    PRE = "pre"
    POST = "post"


class EventCourseLink(Base):
    """A course the participants of an event are expected to take (the cohort view follows them)."""

    __tablename__ = "event_course_links"
    __table_args__ = (UniqueConstraint("event_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EventAssessment(Base):
    """The quiz an event uses as its pre-test or post-test; knowledge gain compares the two."""

    __tablename__ = "event_assessments"
    __table_args__ = (UniqueConstraint("event_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AssessmentKind] = mapped_column(enum_type(AssessmentKind))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
