"""Shared pieces of the CSV loader: errors, periods, numbers, source ids, rows with line numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class DataError:
    """One problem in one cell: file name, line number in that file (header is line 1), column, message."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


@dataclass(frozen=True)
class Source:
    """A citation from SOURCES.md, keyed by its source_id."""

    source_id: str
    citation: str
    url: str
    #: last column of the SOURCES.md table: reliability grade (A-D) and notes
    reliability: str


@dataclass(frozen=True)
class Period:
    """A date or period as written in the data, with the first and last day it covers."""

    text: str
    start: date
    end: date


_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_SPAN = re.compile(r"(\d{4})/(\d{4})")


def _month_end(year: int, month: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return next_month - timedelta(days=1)


def parse_period(text: str) -> Period:
    """Parse YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY/YYYY (SOURCES.md, "Dates"); ValueError otherwise."""
    text = text.strip()
    if _DAY.fullmatch(text):
        day = date.fromisoformat(text)
        return Period(text, day, day)
    if match := _MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        return Period(text, date(year, month, 1), _month_end(year, month))
    if match := _QUARTER.fullmatch(text):
        year, quarter = int(match[1]), int(match[2])
        return Period(text, date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))
    if _YEAR.fullmatch(text):
        return Period(text, date(int(text), 1, 1), date(int(text), 12, 31))
    if (match := _SPAN.fullmatch(text)) and match[1] <= match[2]:
        return Period(text, date(int(match[1]), 1, 1), date(int(match[2]), 12, 31))
    raise ValueError(f"period {text!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY/YYYY")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from a cell; `below_detection` when it was written "<0.05" (value = the limit)."""

    value: float
    below_detection: bool = False


def parse_number(text: str) -> ParsedNumber | None:
    """Read "0.012", "1,5" or "<0.05"; None when the cell is not a single number."""
    cleaned = text.strip().replace(",", ".")
    below = cleaned.startswith("<")
    if below:
        cleaned = cleaned[1:].strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?([eE]-?\d+)?", cleaned):
        return None
    return ParsedNumber(float(cleaned), below)


def parse_range(text: str) -> tuple[float, float] | None:
    """Read "6.5-9.5" or "10-15" as (lower, upper); None otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*", text)
    if match is None:
        return None
    return float(match[1]), float(match[2])


def split_source_ids(text: str) -> tuple[str, ...]:
    """ "A;B" -> ("A", "B"); blanks dropped."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


_SOURCE_ROW = re.compile(r"^\|\s*([A-Z][A-Z0-9_]+)\s*\|(.*)\|\s*$")


def parse_sources(markdown: str) -> dict[str, Source]:
    """Every table row of SOURCES.md whose first cell is an upper-case source_id."""
    sources: dict[str, Source] = {}
    for line in markdown.splitlines():
        match = _SOURCE_ROW.match(line)
        if match is None:
            continue
        cells = [cell.strip() for cell in match[2].split(" | ")]
        citation = cells[0] if cells else ""
        url = cells[1] if len(cells) > 1 else ""
        sources[match[1]] = Source(match[1], citation, url, cells[-1] if cells else "")
    return sources


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), falling back to Windows-1251 (DESIGN §6)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1251")


def read_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number where the record starts, row) for each CSV record; header is line 1."""
    reader = csv.DictReader(io.StringIO(text))
    last_line = 1
    for row in reader:
        start = last_line + 1
        last_line = reader.line_num
        yield start, {key: (value or "").strip() for key, value in row.items() if key is not None}


def check_sources(file: str, row: int, column: str, source_ids: tuple[str, ...], known: set[str]) -> list[DataError]:
    """An error for each source_id that SOURCES.md does not list."""
    return [
        DataError(file, row, column, f"unknown source_id {source_id!r} (not in SOURCES.md)")
        for source_id in source_ids
        if source_id not in known
    ]
