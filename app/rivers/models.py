"""River data: sources, stations, parameters, measurements and standards (KZ and EU limits).

Rows are written only by the import (`app.rivers.services.importer`), keyed by the natural keys of the
CSV files so that importing the same files twice changes nothing.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base


class Source(Base):
    """A citation from app/rivers/data/SOURCES.md."""

    __tablename__ = "river_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the source_id used in the CSV files, e.g. AQM_KZH2025
    code: Mapped[str] = mapped_column(String(60), unique=True)
    citation: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, default="")
    #: reliability grade (A-D) and notes, as SOURCES.md states them
    reliability: Mapped[str] = mapped_column(Text, default="")


class Station(Base):
    """A monitoring station or, for bulletin data, a river as reported."""

    __tablename__ = "river_stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    river: Mapped[str] = mapped_column(String(200), index=True)
    river_local: Mapped[str] = mapped_column(String(200), default="")
    basin: Mapped[str] = mapped_column(String(200))
    #: URL form of `basin` (/rivers/basins/<basin_slug>)
    basin_slug: Mapped[str] = mapped_column(String(200), index=True)
    site_name: Mapped[str] = mapped_column(Text, default="")
    oblast: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("river_sources.id", ondelete="RESTRICT"), index=True)
    #: every source_id the CSV row names, ";"-separated (the first is `source`)
    source_codes: Mapped[str] = mapped_column(String(300), default="")

    source: Mapped[Source | None] = relationship()


class Parameter(Base):
    """A measured quantity (app.rivers.chemistry.PARAMETERS, plus the `class_<code>` categories used)."""

    __tablename__ = "river_parameters"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: app.rivers.chemistry.Dimension value
    dimension: Mapped[str] = mapped_column(String(40))
    canonical_unit: Mapped[str] = mapped_column(String(40), default="")


class Measurement(Base):
    """One value for (station, period, parameter): the text and unit as reported, and the normalised value."""

    __tablename__ = "river_measurements"
    __table_args__ = (UniqueConstraint("station_id", "parameter_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("river_stations.id", ondelete="CASCADE"), index=True)
    parameter_id: Mapped[int] = mapped_column(ForeignKey("river_parameters.id", ondelete="RESTRICT"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("river_sources.id", ondelete="RESTRICT"), index=True)
    source_codes: Mapped[str] = mapped_column(String(300))
    #: the period as written: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY/YYYY
    period: Mapped[str] = mapped_column(String(20))
    period_start_on: Mapped[date] = mapped_column(Date, index=True)
    period_end_on: Mapped[date] = mapped_column(Date)
    #: the cell exactly as written ("0.012", "<0.05", "IV")
    value_text: Mapped[str] = mapped_column(String(100))
    #: the number as reported (the detection limit when below detection; lower bound of a range)
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    is_below_detection: Mapped[bool] = mapped_column(Boolean, default=False)
    #: `value` in the parameter's canonical unit and basis (mg/l, ion form)
    canonical_value: Mapped[float | None] = mapped_column(Float)
    canonical_value_max: Mapped[float | None] = mapped_column(Float)
    canonical_unit: Mapped[str] = mapped_column(String(40), default="")
    #: the class or label for categorical parameters
    category: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")

    station: Mapped[Station] = relationship()
    parameter: Mapped[Parameter] = relationship()
    source: Mapped[Source] = relationship()


class Standard(Base):
    """One row of a standards file; a usable limit when `parameter` and `standard_code` are set."""

    __tablename__ = "river_standards"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: sha1 of (jurisdiction, instrument, section, item, value_text): the row's identity across imports
    row_key: Mapped[str] = mapped_column(String(40), unique=True)
    #: "KZ" or "EU"
    jurisdiction: Mapped[str] = mapped_column(String(2), index=True)
    instrument: Mapped[str] = mapped_column(String(300))
    section: Mapped[str] = mapped_column(String(300), default="")
    item: Mapped[str] = mapped_column(String(300))
    #: e.g. AQM_FISHERY, EU_DWD_2020_2184 (app/rivers/csvdata/standards.py); None for reference rows
    standard_code: Mapped[str | None] = mapped_column(String(80), index=True)
    parameter_id: Mapped[int | None] = mapped_column(ForeignKey("river_parameters.id", ondelete="RESTRICT"), index=True)
    #: app.rivers.indices.LimitKind value: max, min, range or info
    kind: Mapped[str] = mapped_column(String(10))
    value_text: Mapped[str] = mapped_column(String(300), default="")
    value: Mapped[float | None] = mapped_column(Float)
    lower: Mapped[float | None] = mapped_column(Float)
    upper: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    canonical_value: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("river_sources.id", ondelete="RESTRICT"), index=True)
    source_codes: Mapped[str] = mapped_column(String(300), default="")

    parameter: Mapped[Parameter | None] = relationship()
    source: Mapped[Source | None] = relationship()
