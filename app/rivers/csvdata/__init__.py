"""Pure loading and validation of the river CSVs in app/rivers/data/ into frozen dataclasses.

Every row of every file is checked and all problems are returned together, so an import can refuse
the whole batch and show the full list (DESIGN §6). Valid rows are returned alongside the errors;
callers that write to the database should write nothing unless `errors` is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.rivers.csvdata.common import DataError, Period, Source, decode, parse_period, parse_sources
from app.rivers.csvdata.records import (
    MEASUREMENTS_FILE,
    STATIONS_FILE,
    Measurement,
    Station,
    parse_measurements,
    parse_stations,
)
from app.rivers.csvdata.standards import EU_FILE, KZ_FILE, Standard, parse_eu_values, parse_kz_standards
from app.rivers.indices.exceedance import Limit, LimitKind, Reading
from app.rivers.indices.trends import SeriesPoint

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SOURCES_FILE = "SOURCES.md"

__all__ = [
    "DATA_DIR",
    "DataError",
    "Dataset",
    "Measurement",
    "Period",
    "Source",
    "Standard",
    "Station",
    "limits_for",
    "load_dataset",
    "parse_dataset",
    "parse_period",
    "reading_of",
    "series_of",
    "standard_codes",
]


@dataclass(frozen=True)
class Dataset:
    """Everything read from the data folder, plus every problem found."""

    sources: dict[str, Source]
    stations: list[Station]
    measurements: list[Measurement]
    standards: list[Standard]
    errors: list[DataError]


def parse_dataset(texts: dict[str, str]) -> Dataset:
    """Parse file texts keyed by their path relative to the data folder (e.g. "kz_rivers/stations.csv")."""
    sources = parse_sources(texts.get(SOURCES_FILE, ""))
    known = set(sources)
    stations, station_errors = parse_stations(texts.get(STATIONS_FILE, ""), known)
    codes = {station.code for station in stations}
    measurements, measurement_errors = parse_measurements(texts.get(MEASUREMENTS_FILE, ""), codes, known)
    kz_standards, kz_errors = parse_kz_standards(texts.get(KZ_FILE, ""), known)
    eu_standards, eu_errors = parse_eu_values(texts.get(EU_FILE, ""), known)
    errors = [*station_errors, *measurement_errors, *kz_errors, *eu_errors]
    return Dataset(sources, stations, measurements, [*kz_standards, *eu_standards], errors)


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Read SOURCES.md and the four CSVs from `data_dir` (UTF-8, UTF-8 with BOM or Windows-1251)."""
    names = (SOURCES_FILE, STATIONS_FILE, MEASUREMENTS_FILE, KZ_FILE, EU_FILE)
    return parse_dataset({name: decode((data_dir / name).read_bytes()) for name in names})


def standard_codes(standards: list[Standard]) -> list[str]:
    """Codes of the standards that carry usable max/min limits, sorted."""
    usable = (LimitKind.MAXIMUM, LimitKind.MINIMUM)
    return sorted({item.standard_code for item in standards if item.standard_code and item.kind in usable})


def limits_for(standards: list[Standard], standard_code: str) -> dict[str, Limit]:
    """The max/min limits of one standard keyed by parameter code (e.g. "AQM_FISHERY", "EU_DWD_98_83")."""
    limits: dict[str, Limit] = {}
    for item in standards:
        usable = item.kind in (LimitKind.MAXIMUM, LimitKind.MINIMUM) and item.value is not None
        if item.standard_code != standard_code or not item.parameter_code or not usable:
            continue
        if item.parameter_code in limits:
            raise ValueError(f"{standard_code} has two limits for {item.parameter_code} (line {item.row})")
        limits[item.parameter_code] = Limit(
            standard_code, item.parameter_code, item.value, item.unit, item.kind, item.source_ids
        )
    return limits


def reading_of(measurement: Measurement) -> Reading:
    """A measurement as an indices `Reading` (the lower bound when the source gave a range)."""
    return Reading(measurement.parameter_code, measurement.value, measurement.unit, measurement.below_detection)


def series_of(measurements: list[Measurement], station_code: str, parameter_code: str) -> list[SeriesPoint]:
    """A station's values of one parameter in canonical units, oldest first."""
    points = [
        SeriesPoint(item.period.start, item.canonical_value, item.below_detection)
        for item in measurements
        if item.station_code == station_code
        and item.parameter_code == parameter_code
        and item.canonical_value is not None
    ]
    return sorted(points, key=lambda point: point.start)
