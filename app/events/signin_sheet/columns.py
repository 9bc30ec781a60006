"""Finding the header row and deciding what each column holds."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, islice

from app.events.signin_sheet.reading import Rows
from app.events.signin_sheet.vocabulary import HEADER_LOOKUP, NAME_FIELDS, SESSION_HEADER, normalise_label
from app.events.transliteration import within_one_edit

#: a title block above the header row is common; the header must start within this many rows
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str


def column_letter(index: int) -> str:
    """Spreadsheet letter of a zero-based column index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def recognise_header(header: str) -> str | None:
    """Return the field a header names ("email", "session", ...), or None when unknown."""
    if header.strip() in ("№", "#", "№ п/п"):
        return "ignore"
    if SESSION_HEADER.match(header.strip().lower()):
        return "session"
    label = normalise_label(header)
    if label in HEADER_LOOKUP:
        return HEADER_LOOKUP[label]
    # A typo such as "Организацыя" or "Telefon" still names its column.
    close = {key for synonym, key in HEADER_LOOKUP.items() if len(label) >= 5 and within_one_edit(label, synonym)}
    if len(close) == 1:
        return close.pop()
    # "ФИО участника", "Телефон (моб.)", "Name of organisation": the longest known words inside decide.
    padded = f" {label} "
    inside = [(len(synonym), key) for synonym, key in HEADER_LOOKUP.items() if f" {synonym} " in padded]
    return max(inside)[1] if inside else None


def plan_columns(headers: list[str]) -> tuple[list[Column], list[str]]:
    """Decide what each column holds; unknown or repeated headers become warnings."""
    plan: list[Column] = []
    notes: list[str] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        previous = plan[-1].field if plan and plan[-1].index == index - 1 else None
        if not header:
            # An unlabeled column right after a name column is the second half of a merged "ФИО" cell.
            if previous in NAME_FIELDS:
                plan.append(Column(index, f"{plan[-1].header} ({column_letter(index)})", previous))
            continue
        kind = recognise_header(header)
        where = f"Column {column_letter(index)} “{header}”"
        if kind is None:
            notes.append(f"{where} was not recognised and is ignored.")
        elif kind in seen and kind not in ("session", "ignore"):
            notes.append(f"{where} repeats an earlier {kind.replace('_', ' ')} column and is ignored.")
        else:
            seen.add(kind)
            plan.append(Column(index, header, kind))
    return plan, notes


def find_header(rows: Rows) -> tuple[list[Column], list[str], Rows] | None:
    """Return the column plan and the rows after the header; title rows above it are skipped."""
    scanned = list(islice(rows, HEADER_SEARCH_ROWS))
    named = []
    for position, (_row_number, cells) in enumerate(scanned):
        plan, notes = plan_columns(cells)
        if any(column.field in NAME_FIELDS for column in plan):
            named.append((position, plan, notes))
    if not named:
        return None
    # A title such as "Participant list" names one column at most; a real header names two or more.
    position, plan, notes = next((found for found in named if len(found[1]) >= 2), named[0])
    return plan, notes, chain(scanned[position + 1 :], rows)
