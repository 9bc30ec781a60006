"""Reading a sign-in sheet (CSV or XLSX, English or Russian headers) into validated rows.

Pure: bytes in, a `SheetParseResult` out. Nothing is written; the import service decides what to do
with rows once every error has been shown. Cells are read as text and never evaluated, so a formula
such as =HYPERLINK(...) stays the literal text it is (and is reported).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.events.signin_sheet.columns import find_header
from app.events.signin_sheet.reading import (
    Rows,
    UnreadableFile,
    detect_encoding,
    iter_csv_rows,
    iter_xlsx_rows,
)
from app.events.signin_sheet.rows import RowError, SessionMark, SheetRow, read_row

__all__ = ["RowError", "SessionMark", "SheetParseResult", "SheetRow", "parse_signin_sheet"]

MAX_ROWS = 100_000
_XLSX_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class SheetParseResult:
    rows: tuple[SheetRow, ...]
    errors: tuple[RowError, ...]
    warnings: tuple[str, ...] = ()
    file_format: str = "csv"
    encoding: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_rows(rows: Rows, file_format: str, encoding: str | None) -> SheetParseResult:
    parsed: list[SheetRow] = []
    errors: list[RowError] = []
    notes: list[str] = []
    try:
        header = find_header(rows)
        if header is None:
            message = "No column with participants' names was found: add a header such as ФИО, Фамилия or Name."
            return SheetParseResult((), (RowError(0, None, message),), (), file_format, encoding)
        plan, notes, data_rows = header
        for row_number, cells in data_rows:
            if row_number > MAX_ROWS:
                errors.append(RowError(row_number, None, f"The sheet has more than {MAX_ROWS} rows: split it."))
                break
            row, row_errors = read_row(row_number, cells, plan)
            if row is not None:
                parsed.append(row)
                errors.extend(row_errors)
    except UnreadableFile as problem:
        errors.append(RowError(problem.row, None, str(problem)))
    return SheetParseResult(tuple(parsed), tuple(errors), tuple(notes), file_format, encoding)


def parse_signin_sheet(data: bytes, filename: str) -> SheetParseResult:
    """Read a CSV or XLSX sign-in sheet (told apart by content) and validate every row."""
    if data.startswith(_OLD_EXCEL_MAGIC):
        message = f"{filename} is an old .xls workbook: save it as .xlsx or CSV and upload it again."
        return SheetParseResult((), (RowError(0, None, message),), (), "xls")
    if data.startswith(_XLSX_MAGIC):
        return _parse_rows(iter_xlsx_rows(data), "xlsx", None)
    encoding = detect_encoding(data)
    result = _parse_rows(iter_csv_rows(data, encoding), "csv", encoding)
    if filename.lower().endswith((".xlsx", ".xls")):
        note = f"{filename} is named like a workbook but holds CSV text; it was read as CSV."
        return SheetParseResult(result.rows, result.errors, (note, *result.warnings), "csv", result.encoding)
    return result
