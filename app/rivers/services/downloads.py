"""A station's data as spreadsheet tables: values with their limits, the sources, and the caveats."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.exports import Sheet
from app.rivers.services.browse import Comparison, ValueRow, station_page

VALUE_HEADER = (
    "station",
    "river",
    "period",
    "parameter",
    "value_as_reported",
    "unit_as_reported",
    "below_detection",
    "value_mg_l",
    "kazakh_limit",
    "kazakh_limit_unit",
    "kazakh_standard",
    "multiple_of_kazakh_limit",
    "over_kazakh_limit",
    "eu_value",
    "eu_value_unit",
    "eu_instrument",
    "multiple_of_eu_value",
    "reported_class",
    "source_id",
    "note",
)
SOURCE_HEADER = ("source_id", "citation", "url", "reliability")
CAVEATS = (
    "2024-2025 Kazhydromet bulletin rows (AQM_KZH2024, AQM_KZH2025) are each month's worst substance "
    "as a third party extracted them, not means and not full panels; a missing month usually means the "
    "substance did not drive the class, not that the water was clean.",
    "The Kazakh limits here are second-hand (partly Russian Federation fishery norms quoted by a student "
    "project); treat them as exercise placeholders, not compliance references.",
    "2024 classes use the pre-2025 Unified Classification (1-5, >5); 2025 classes use the updated I-VI "
    "system. Do not compare them numerically.",
    "EU values are drinking-water (or other directive) values; comparing river water with them is a "
    "teaching comparison, not a legal assessment.",
)


def _comparison_cells(comparison: Comparison | None) -> list[Any]:
    if comparison is None:
        return ["", "", "", "", ""]
    standard, result = comparison.standard, comparison.exceedance
    multiple = round(result.multiple, 4) if result else ""
    over = ("yes" if result.breaches else "no") if result and result.determinate else ""
    return [standard.value, standard.unit, standard.standard_code or standard.instrument, multiple, over]


def _value_row(station_code: str, river: str, row: ValueRow) -> list[Any]:
    item = row.measurement
    kazakh = _comparison_cells(row.kazakh)
    eu = _comparison_cells(row.eu)
    eu_instrument = row.eu.standard.instrument if row.eu else ""
    return [
        station_code,
        river,
        item.period,
        item.parameter.code,
        item.value_text,
        item.unit,
        "yes" if item.is_below_detection else "no",
        item.canonical_value,
        *kazakh,
        eu[0],
        eu[1],
        eu_instrument,
        eu[3],
        row.reported_class or "",
        item.source_codes,
        item.note,
    ]


def station_sheets(session: Session, code: str) -> list[Sheet]:
    """Three sheets: values (one row per measurement of a substance), sources, caveats."""
    page = station_page(session, code)
    station = page.station
    rows = [_value_row(station.code, station.river, row) for series in page.series for row in series.rows]
    sources = [[source.code, source.citation, source.url, source.reliability] for source in page.sources]
    return [
        Sheet("values", VALUE_HEADER, rows),
        Sheet("sources", SOURCE_HEADER, sources),
        Sheet("caveats", ("caveat",), [[text] for text in CAVEATS]),
    ]
