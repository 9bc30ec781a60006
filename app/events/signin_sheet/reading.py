"""Turning CSV or XLSX bytes into numbered rows of cell text, streamed."""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime

_DELIMITERS = (";", ",", "\t")

Rows = Iterator[tuple[int, list[str]]]


class UnreadableFile(Exception):
    """The bytes stop making sense as a sheet at `row`; parsing ends with one error."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


def cell_text(value: object) -> str:
    """Text of a cell as a person reads it; numbers and dates from XLSX become plain text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores phone numbers as floats: 77011234567.0
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) when the bytes decode as such, else Windows-1251."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk_size = 1 << 20
    try:
        for offset in range(0, len(data), chunk_size):  # in chunks, so a big file is not copied whole
            decoder.decode(data[offset : offset + chunk_size])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter that splits the first lines into the most equally wide rows."""
    lines = [line for line in sample.splitlines()[:-1] or sample.splitlines() if line.strip()][:20]
    best, best_rank = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, count = widths.most_common(1)[0] if widths else (0, 0)
        rank = (count, width) if width > 1 else (0, 0)
        if rank > best_rank:
            best, best_rank = delimiter, rank
    return best


def iter_csv_rows(data: bytes, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells), decoding as it goes so a large file is never copied whole."""
    sample = data[:65536].decode(encoding, errors="ignore")
    delimiter = sniff_delimiter(sample)
    errors = "replace" if encoding == "cp1251" else "strict"  # cp1251 leaves one byte (0x98) undefined
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors=errors, newline="")
    row_number = 0
    try:
        for row_number, cells in enumerate(csv.reader(text, delimiter=delimiter), start=1):  # noqa: B007
            yield row_number, [cell.strip() for cell in cells]
    except (csv.Error, UnicodeDecodeError) as problem:
        raise UnreadableFile(row_number + 1, f"The file could not be read as CSV here: {problem}") from None


def iter_xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells) of the first sheet in read-only (streaming) mode, formulas as text."""
    from openpyxl import load_workbook  # imported here: CSV-only callers need not load it

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it skips; they do not affect cell values
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as problem:
        raise UnreadableFile(0, f"The file is not a readable XLSX workbook: {problem}") from None
    try:
        sheet = workbook.worksheets[0]
        if sheet.max_row == 1 and sheet.max_column == 1:
            # Some writers store "A1" as the used range; forget it and read to the real end.
            sheet.reset_dimensions()
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield row_number, [cell_text(value) for value in values]
    finally:
        workbook.close()
