"""Organisations and people as coordinators know them (events, registrations and attendance follow)."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.db import Base, UTCDateTime, enum_type, utcnow
from app.events.transliteration import matching_key


class OrganisationType(enum.StrEnum):
    MINISTRY = "ministry"
    GOVERNMENT_AGENCY = "government_agency"
    BASIN_INSPECTION = "basin_inspection"
    WATER_UTILITY = "water_utility"
    NGO = "ngo"
    PRIVATE_COMPANY = "private_company"
    ACADEMIA = "academia"
    INTERNATIONAL = "international"
    OTHER = "other"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    NOT_STATED = "not_stated"


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    #: the other script or a common abbreviation, for search
    alternative_name: Mapped[str | None] = mapped_column(String(300))
    type: Mapped[OrganisationType] = mapped_column(enum_type(OrganisationType))
    #: ISO 3166-1 alpha-2
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: as the person or the sign-in sheet wrote it, in any script
    full_name: Mapped[str] = mapped_column(String(300))
    #: Latin transliteration used for search and duplicate matching
    latin_name: Mapped[str] = mapped_column(String(300), index=True)
    gender: Mapped[Gender] = mapped_column(enum_type(Gender), default=Gender.NOT_STATED)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    position: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    #: set when this record was merged as a duplicate; its history moved to that person
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: spelling-tolerant Latin key of the full name (transliteration.matching_key), for search
    name_key: Mapped[str] = mapped_column(String(300), index=True, server_default="")

    organisation: Mapped[Organisation | None] = relationship()

    @validates("full_name")
    def _derive_name_key(self, _key: str, full_name: str) -> str:
        self.name_key = matching_key(full_name or "")
        return full_name


class EventKind(enum.StrEnum):
    WORKSHOP = "workshop"
    TRAINING = "training"
    STUDY_TOUR = "study_tour"
    WEBINAR = "webinar"
    CONFERENCE = "conference"


class RegistrationStatus(enum.StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    WAITING_LIST = "waiting_list"


class ParticipantRole(enum.StrEnum):
    PARTICIPANT = "participant"
    TRAINER = "trainer"
    SPEAKER = "speaker"
    ORGANISER = "organiser"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
        CheckConstraint("certificate_percent BETWEEN 0 AND 100", name="certificate_percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind))
    title: Mapped[str] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(120))
    #: a country name or a region ("Central Asia (regional)"), as the organisers write it
    country: Mapped[str | None] = mapped_column(String(120))
    venue: Mapped[str | None] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date)
    organisers: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    #: where the event's facts come from, e.g. "WEC-06: WECOOP2_VIENNA_EVENT" (SOURCES.md ids)
    source_reference: Mapped[str | None] = mapped_column(String(300))
    #: learners with an account may register themselves
    is_open_for_registration: Mapped[bool] = mapped_column(default=False)
    #: self-registrations wait on the waiting list until a coordinator confirms them
    requires_approval: Mapped[bool] = mapped_column(default=False)
    points_present: Mapped[int] = mapped_column(default=2)
    points_late: Mapped[int] = mapped_column(default=1)
    points_excused: Mapped[int] = mapped_column(default=1)
    points_absent: Mapped[int] = mapped_column(default=0)
    #: share of sessions a participant must attend (present or late) for a certificate
    certificate_percent: Mapped[int] = mapped_column(default=80)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event",
        order_by="(EventSession.held_on, EventSession.start_time, EventSession.id)",
        cascade="all, delete-orphan",
    )

    def points_for(self, status: AttendanceStatus) -> int:
        return int(getattr(self, f"points_{status.value}"))


class EventSession(Base):
    """A day or a slot of an event; attendance is taken per session."""

    __tablename__ = "event_sessions"
    # lets attendance reference (event, session) together, so its copy of the event id cannot be wrong;
    # a unique index, not a constraint, so SQLite adds it without rebuilding the table (and its attendance)
    __table_args__ = (Index("ix_event_sessions_event_id_id", "event_id", "id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(300))

    event: Mapped[Event] = relationship(back_populates="sessions")


class Registration(Base):
    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(enum_type(RegistrationStatus))
    role: Mapped[ParticipantRole] = mapped_column(enum_type(ParticipantRole))
    #: the person agreed to appear on the event's public participant list
    consent_public_list: Mapped[bool] = mapped_column(default=False)
    #: None when the person registered themselves
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    person: Mapped[Person] = relationship()


class Attendance(Base):
    __tablename__ = "attendances"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        ForeignKeyConstraint(
            ["event_id", "session_id"], ["event_sessions.event_id", "event_sessions.id"], ondelete="CASCADE"
        ),
        # a registrant's marks at an event in one index lookup, status included (reports)
        Index("ix_attendances_event_id_person_id_status", "event_id", "person_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    #: the session's event, copied so reports reach a registrant's marks without the sessions;
    #: the foreign key on (event_id, session_id) keeps it equal to the session's
    event_id: Mapped[int]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus))
    #: who recorded it; None when the participant checked in themselves or an import wrote it
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[EventSession] = relationship(foreign_keys=[session_id])


class PersonMerge(Base):
    """One merge of a duplicate into a kept person, with exactly what moved so it can be undone."""

    __tablename__ = "person_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    merged_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    merged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: ids of the registrations and attendances that moved from the merged to the kept person
    moved_registration_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    moved_attendance_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    moved_certificate_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: the duplicate's account, relinked to the kept person (only when the kept person had none)
    moved_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: set when the merge was undone; an undone merge stays as history
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    kept: Mapped[Person] = relationship(foreign_keys=[kept_id])
    merged: Mapped[Person] = relationship(foreign_keys=[merged_id])


class SigninUpload(Base):
    """An uploaded sign-in sheet kept between preview and confirm (several app processes may serve them)."""

    __tablename__ = "signin_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: set once the rows were written; a confirmed upload cannot be imported twice
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Certificate(Base):
    """A certificate of attendance; its public code opens the verification page."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: unguessable, shown on the certificate and in its verification URL
    code: Mapped[str] = mapped_column(String(32), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    sessions_attended: Mapped[int] = mapped_column(default=0)
    sessions_total: Mapped[int] = mapped_column(default=0)
    #: sum of the attended sessions' durations at issue; None when no attended session had start and end times
    contact_minutes: Mapped[int | None]
    #: the language the PDF is printed in (en, ru or kk)
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the PDF as built at issue (deferred: loaded only for downloads), and the ``document_key`` of what it
    #: shows; a different key (a new name after a merge, another language or host) means it is built again
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    pdf_key: Mapped[str | None] = mapped_column(String(64))

    event: Mapped[Event] = relationship()
    person: Mapped[Person] = relationship()


# Links from an event to learning: the courses its participants are expected to take and the quizzes it
# uses as pre-test and post-test (reports follow the cohort; certificates may require the post-test).


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
