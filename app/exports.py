"""Spreadsheet exports shared by every feature: formula-injection-safe cells, streamed CSV and XLSX.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by Excel and LibreOffice, so text cells get a leading apostrophe (DESIGN §6). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Excel opens a UTF-8 CSV correctly (Cyrillic, µ) only when it starts with a byte order mark
UTF8_BOM = "\ufeff"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """`value` unchanged unless it is text a spreadsheet would run as a formula; then "'" + text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One table: a title (sheet name), a header row and data rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


def csv_lines(sheet: Sheet) -> Iterator[str]:
    """The sheet as CSV text, one record at a time (for a streamed response), BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield UTF8_BOM
    for row in itertools.chain([sheet.header], sheet.rows):  # rows may be a lazy query: never materialise
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_chunks(sheets: Sequence[Sheet], chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    """An XLSX workbook written row by row (openpyxl write-only mode), read back in chunks."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        worksheet.append([safe_cell(cell) for cell in sheet.header])
        for row in sheet.rows:
            worksheet.append([safe_cell(cell) for cell in row])
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(chunk_size):
            yield chunk
