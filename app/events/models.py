"""Organisations and people as coordinators know them (events, registrations and attendance follow)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, enum_type, utcnow


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

    organisation: Mapped[Organisation | None] = relationship()
