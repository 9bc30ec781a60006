"""What a computed question reads from the river data: periods, series, limits and their sources.

Every reader raises `ComputationError` with a message a trainer can act on (it becomes a
`content validate` problem), so a question whose data does not exist is never synced.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.errors import DomainError
from app.rivers.indices import Exceedance, Limit, LimitKind, Reading, exceedance_multiple
from app.rivers.models import Measurement, Parameter, Source, Standard, Station

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SPAN = re.compile(r"^(\d{4})/(\d{4})$")


class ComputationError(DomainError):
    """A computed question refers to data that does not exist or cannot give an answer."""


@dataclass(frozen=True)
class Period:
    """A period as written in the YAML ("2025", "2025-03", "2025-09-02", "1994/2004") and its dates."""

    label: str
    first: date
    last: date

    @property
    def is_month(self) -> bool:
        return _MONTH.match(self.label) is not None


def parse_period(value: Any) -> Period:
    """Read a period; raises ComputationError naming the accepted forms."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    try:
        if match := _YEAR.match(text):
            year = int(match[1])
            return Period(text, date(year, 1, 1), date(year, 12, 31))
        if match := _MONTH.match(text):
            year, month = int(match[1]), int(match[2])
            return Period(text, date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        if match := _DAY.match(text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return Period(text, day, day)
        if (match := _SPAN.match(text)) and match[1] <= match[2]:
            return Period(text, date(int(match[1]), 1, 1), date(int(match[2]), 12, 31))
    except ValueError:
        pass
    raise ComputationError(
        f'period {value!r} is not a period; write a year (2025), a month ("2025-03"), '
        f'a day ("2025-09-02") or a span of years ("1994/2004")'
    )


def get_station(session: Session, code: str) -> Station:
    station = session.scalar(select(Station).where(Station.code == code))
    if station is None:
        raise ComputationError(f"unknown station {code!r} (see the station codes on the river data pages)")
    return station


def get_parameter(session: Session, code: str) -> Parameter:
    parameter = session.scalar(select(Parameter).where(Parameter.code == code))
    if parameter is None:
        raise ComputationError(f"unknown parameter {code!r} (use a code such as SO4, Zn, Cu, oil_products)")
    return parameter


def series(session: Session, station: Station, parameter_code: str, period: Period) -> list[Measurement]:
    """The station's values of one parameter whose period starts within `period`, oldest first."""
    statement = (
        select(Measurement)
        .join(Parameter, Parameter.id == Measurement.parameter_id)
        .options(joinedload(Measurement.parameter))
        .where(Measurement.station_id == station.id, Parameter.code == parameter_code)
        .where(Measurement.period_start_on >= period.first, Measurement.period_start_on <= period.last)
        .order_by(Measurement.period_start_on, Measurement.id)
    )
    return list(session.scalars(statement))


def require_series(session: Session, station: Station, parameter_code: str, period: Period) -> list[Measurement]:
    rows = series(session, station, parameter_code, period)
    if not rows:
        raise ComputationError(f"station {station.code} has no {parameter_code} value in the period {period.label}")
    return rows


def standard_codes(value: Any) -> list[str]:
    """`standard` as written: one code or a list of codes in order of preference."""
    codes = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    if not codes or not all(isinstance(code, str) and code for code in codes):
        raise ComputationError("'standard' must be a standard code or a list of codes, e.g. AQM_FISHERY")
    return codes


def find_limit(session: Session, parameter_code: str, codes: list[str]) -> Standard | None:
    """The max/min limit of the first standard in `codes` that has one for the parameter."""
    statement = (
        select(Standard)
        .join(Parameter, Parameter.id == Standard.parameter_id)
        .where(Parameter.code == parameter_code, Standard.standard_code.in_(codes), Standard.value.is_not(None))
        .where(Standard.kind.in_((LimitKind.MAXIMUM.value, LimitKind.MINIMUM.value)))
    )
    found = {limit.standard_code: limit for limit in session.scalars(statement)}
    return next((found[code] for code in codes if code in found), None)


def require_limit(session: Session, parameter_code: str, codes: list[str]) -> Standard:
    limit = find_limit(session, parameter_code, codes)
    if limit is None:
        raise ComputationError(f"no limit for {parameter_code} in the standard(s) {', '.join(codes)}")
    return limit


def compare(measurement: Measurement, standard: Standard) -> Exceedance | None:
    """A measurement against a limit, units and basis reconciled by app.rivers.indices."""
    reading = Reading(measurement.parameter.code, measurement.value, measurement.unit, measurement.is_below_detection)
    limit = Limit(
        standard.standard_code or "",
        measurement.parameter.code,
        standard.value or 0.0,
        standard.unit,
        LimitKind(standard.kind),
    )
    return exceedance_multiple(reading, limit)


def measurement_row(measurement: Measurement, result: Exceedance | None = None) -> dict[str, Any]:
    """One value of the working: as reported, with its source and (optionally) its multiple of a limit."""
    row: dict[str, Any] = {
        "station": measurement.station.code if measurement.station else "",
        "period": measurement.period,
        "parameter": measurement.parameter.code,
        "value": measurement.value_text,
        "value_max": measurement.value_max,
        "unit": measurement.unit,
        "sources": measurement.source_codes,
    }
    if result is not None:
        row["multiple"] = round(result.multiple, 4)
        row["over"] = result.breaches
    return row


def limit_row(standard: Standard) -> dict[str, Any]:
    return {
        "standard": standard.standard_code,
        "parameter": standard.parameter.code if standard.parameter else "",
        "kind": standard.kind,
        "value": standard.value,
        "unit": standard.unit,
        "instrument": standard.instrument,
        "item": standard.item,
        "sources": standard.source_codes,
    }


def cited_sources(session: Session, rows: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """The citations of every source named by the working's rows and limits (one query)."""
    codes = {code for row in rows for code in str(row.get("sources", "")).split(";") if code}
    if not codes:
        return []
    sources = session.scalars(select(Source).where(Source.code.in_(codes)).order_by(Source.code))
    return [
        {"code": source.code, "citation": source.citation, "url": source.url, "reliability": source.reliability}
        for source in sources
    ]
