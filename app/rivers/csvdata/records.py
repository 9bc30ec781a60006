"""Stations and measurements: kz_rivers/stations.csv and kz_rivers/measurements.csv."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.rivers.chemistry import Dimension, Parameter, find_parameter, is_unit_valid, to_canonical
from app.rivers.csvdata.common import (
    DataError,
    Period,
    check_sources,
    parse_number,
    parse_period,
    read_rows,
    split_source_ids,
)

STATIONS_FILE = "kz_rivers/stations.csv"
MEASUREMENTS_FILE = "kz_rivers/measurements.csv"


@dataclass(frozen=True)
class Station:
    """A monitoring station or, for bulletin data, a river as reported (SOURCES.md, "Station names")."""

    code: str
    river: str
    river_local: str
    basin: str
    site_name: str
    oblast: str
    latitude: float | None
    longitude: float | None
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Measurement:
    """One value for (station, period, parameter) as the source gave it, plus its canonical form."""

    station_code: str
    period: Period
    parameter_code: str
    #: the cell exactly as written ("0.012", "<0.05", ">5", "moderately dirty")
    value_text: str
    #: numeric value for substances and indices; the detection limit when below detection
    value: float | None
    #: upper bound when the source gave a range (then `value` is the lower bound)
    value_max: float | None
    unit: str
    below_detection: bool
    #: value converted to the parameter's canonical unit and basis (mg/l, ion form)
    canonical_value: float | None
    canonical_value_max: float | None
    canonical_unit: str
    #: the class or press label for categorical parameters (class, class_Cu, pollution_level)
    category: str | None
    source_ids: tuple[str, ...]
    note: str
    row: int


def _coordinate(text: str) -> float | None:
    parsed = parse_number(text)
    return parsed.value if parsed else None


def parse_stations(text: str, known_sources: set[str]) -> tuple[list[Station], list[DataError]]:
    """Stations from stations.csv; errors for duplicates, bad coordinates and unknown sources."""
    stations: list[Station] = []
    errors: list[DataError] = []
    seen: set[str] = set()
    for row_number, row in read_rows(text):
        code = row.get("station_id", "")
        source_ids = split_source_ids(row.get("source_id", ""))
        row_errors = check_sources(STATIONS_FILE, row_number, "source_id", source_ids, known_sources)
        if not code:
            row_errors.append(DataError(STATIONS_FILE, row_number, "station_id", "station_id is empty"))
        elif code in seen:
            row_errors.append(DataError(STATIONS_FILE, row_number, "station_id", f"duplicate station {code!r}"))
        for column in ("latitude", "longitude"):
            if row.get(column) and _coordinate(row[column]) is None:
                row_errors.append(DataError(STATIONS_FILE, row_number, column, "not a number"))
        seen.add(code)
        errors.extend(row_errors)
        if not row_errors:
            stations.append(_station(code, row, source_ids))
    return stations, errors


def _station(code: str, row: dict[str, str], source_ids: tuple[str, ...]) -> Station:
    return Station(
        code=code,
        river=row.get("river", ""),
        river_local=row.get("river_local", ""),
        basin=row.get("basin", ""),
        site_name=row.get("site_name", ""),
        oblast=row.get("oblast", ""),
        latitude=_coordinate(row.get("latitude", "")),
        longitude=_coordinate(row.get("longitude", "")),
        source_ids=source_ids,
    )


def parse_measurements(
    text: str, station_codes: set[str], known_sources: set[str]
) -> tuple[list[Measurement], list[DataError]]:
    """Measurements from measurements.csv, every row checked; invalid rows are reported, not returned."""
    measurements: list[Measurement] = []
    errors: list[DataError] = []
    seen: set[tuple[str, str, str]] = set()
    for row_number, row in read_rows(text):
        row_errors = _check_measurement_row(row_number, row, station_codes, known_sources)
        key = (row.get("station_id", ""), row.get("date_or_period", ""), row.get("parameter", ""))
        if key in seen:
            message = "duplicate row for this station, period and parameter"
            row_errors.append(DataError(MEASUREMENTS_FILE, row_number, "parameter", message))
        seen.add(key)
        errors.extend(row_errors)
        if not row_errors:
            measurements.append(_measurement(row_number, row))
    return measurements, errors


def _check_measurement_row(
    row_number: int, row: dict[str, str], station_codes: set[str], known_sources: set[str]
) -> list[DataError]:
    def error(column: str, message: str) -> DataError:
        return DataError(MEASUREMENTS_FILE, row_number, column, message)

    errors = check_sources(
        MEASUREMENTS_FILE, row_number, "source_id", split_source_ids(row.get("source_id", "")), known_sources
    )
    if not row.get("source_id"):
        errors.append(error("source_id", "source_id is empty"))
    if row.get("station_id", "") not in station_codes:
        errors.append(error("station_id", f"unknown station {row.get('station_id', '')!r}"))
    try:
        parse_period(row.get("date_or_period", ""))
    except ValueError as problem:
        errors.append(error("date_or_period", str(problem)))
    parameter = find_parameter(row.get("parameter", ""))
    if parameter is None:
        return [*errors, error("parameter", f"unknown parameter {row.get('parameter', '')!r}")]
    return errors + _check_value(parameter, row, error)


def _check_value(parameter: Parameter, row: dict[str, str], error: Callable[[str, str], DataError]) -> list[DataError]:
    unit = row.get("unit", "")
    if not is_unit_valid(unit, parameter):
        return [error("unit", f"unit {unit!r} does not fit {parameter.code} ({parameter.dimension})")]
    if parameter.dimension is Dimension.CATEGORY:
        return [] if row.get("value") else [error("value", "value is empty")]
    errors = []
    if parse_number(row.get("value", "")) is None:
        errors.append(error("value", f"value {row.get('value', '')!r} is not a number"))
    if row.get("value_max") and parse_number(row["value_max"]) is None:
        errors.append(error("value_max", f"value_max {row['value_max']!r} is not a number"))
    return errors


def _measurement(row_number: int, row: dict[str, str]) -> Measurement:
    parameter = find_parameter(row["parameter"])
    assert parameter is not None  # checked by _check_measurement_row
    numeric = parameter.dimension is not Dimension.CATEGORY
    parsed = parse_number(row["value"]) if numeric else None
    parsed_max = parse_number(row.get("value_max", "")) if numeric else None
    value = parsed.value if parsed else None
    value_max = parsed_max.value if parsed_max else None
    return Measurement(
        station_code=row["station_id"],
        period=parse_period(row["date_or_period"]),
        parameter_code=parameter.code,
        value_text=row["value"],
        value=value,
        value_max=value_max,
        unit=row.get("unit", ""),
        below_detection=bool(parsed and parsed.below_detection),
        canonical_value=_canonical(value, row.get("unit", ""), parameter),
        canonical_value_max=_canonical(value_max, row.get("unit", ""), parameter),
        canonical_unit=parameter.canonical_unit,
        category=None if numeric else row["value"],
        source_ids=split_source_ids(row["source_id"]),
        note=row.get("note", ""),
        row=row_number,
    )


def _canonical(value: float | None, unit: str, parameter: Parameter) -> float | None:
    if value is None:
        return None
    if parameter.dimension is not Dimension.MASS_CONCENTRATION:
        return value
    return to_canonical(value, unit, parameter)
