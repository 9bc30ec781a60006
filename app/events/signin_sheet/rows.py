"""Validating one data row into a `SheetRow` and its `RowError`s."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.events.matching import normalise_email, normalise_phone
from app.events.signin_sheet.columns import Column
from app.events.signin_sheet.vocabulary import (
    COUNTRY_LOOKUP,
    GENDER_LOOKUP,
    MARK_LOOKUP,
    NAME_FIELDS,
    normalise_label,
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True)
class SessionMark:
    """One attendance cell: `label` is the column header ("День 1", "Session 2", "12.03")."""

    label: str
    #: present / late / excused / absent, or None when the cell is empty
    status: str | None


@dataclass(frozen=True)
class SheetRow:
    """One participant as the sheet gives them; `row_number` is the row a spreadsheet shows."""

    row_number: int
    full_name: str
    email: str | None = None
    #: normalised to +<digits>; +7 for Kazakh numbers written with 8
    phone: str | None = None
    organisation: str | None = None
    position: str | None = None
    #: ISO 3166-1 alpha-2
    country: str | None = None
    #: female / male / other / not_stated, as app.events.models.Gender values
    gender: str | None = None
    #: from a "present" or "signature" column; None when the sheet has none or the cell is empty
    present: bool | None = None
    sessions: tuple[SessionMark, ...] = ()


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    message: str


_Check = Callable[[str], tuple[object, str | None]]


def _check_email(text: str) -> tuple[object, str | None]:
    email = normalise_email(re.split(r"[,;\s]+", text.strip())[0])
    return (email, None) if email and _EMAIL.match(email) else (None, f"“{text}” is not a valid e-mail address")


def _check_phone(text: str) -> tuple[object, str | None]:
    phone = normalise_phone(text)
    return (phone, None) if phone else (None, f"“{text}” is not a phone number")


def _check_country(text: str) -> tuple[object, str | None]:
    code = COUNTRY_LOOKUP.get(text.strip().lower()) or COUNTRY_LOOKUP.get(normalise_label(text))
    return (code, None) if code else (None, f"unknown country “{text}”: write it in full, e.g. Kazakhstan")


def _check_gender(text: str) -> tuple[object, str | None]:
    gender = GENDER_LOOKUP.get(text.strip().lower()) or GENDER_LOOKUP.get(normalise_label(text))
    return (gender, None) if gender else (None, f"unknown gender “{text}”: use М/Ж or male/female")


def _check_present(text: str) -> tuple[object, str | None]:
    # Anything written in a signature column that is not an explicit "no" counts as signed.
    return MARK_LOOKUP.get(text.strip().lower()) not in ("absent", "excused"), None


def _check_session(text: str) -> tuple[object, str | None]:
    status = MARK_LOOKUP.get(text.strip().lower())
    return (status, None) if status else (None, f"“{text}” is not an attendance mark: use +, -, late, excused")


def _check_text(text: str) -> tuple[object, str | None]:
    if text.startswith("="):
        return text, "looks like a spreadsheet formula: type the value itself"
    return text, None


_CHECKS: dict[str, _Check] = {
    "email": _check_email,
    "phone": _check_phone,
    "country": _check_country,
    "gender": _check_gender,
    "present": _check_present,
    "session": _check_session,
}


@dataclass
class _RowDraft:
    values: dict[str, object] = field(default_factory=dict)
    name_parts: dict[str, list[str]] = field(default_factory=dict)
    sessions: list[SessionMark] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _fill_draft(row_number: int, cells: list[str], plan: list[Column]) -> _RowDraft | None:
    draft, meaningful = _RowDraft(), False
    for column in plan:
        text = cells[column.index] if column.index < len(cells) else ""
        if column.field == "session" and not text:
            draft.sessions.append(SessionMark(column.header, None))
        if not text or column.field == "ignore":
            continue
        meaningful = True
        value, problem = _CHECKS.get(column.field, _check_text)(text)
        if problem:
            draft.errors.append(RowError(row_number, column.header, problem))
        if column.field == "session":
            draft.sessions.append(SessionMark(column.header, value if isinstance(value, str) else None))
        elif column.field in NAME_FIELDS:
            draft.name_parts.setdefault(column.field, []).append(text)
        else:
            draft.values[column.field] = value
    return draft if meaningful else None  # blank and pre-numbered empty rows are skipped


def _full_name(parts: dict[str, list[str]]) -> str:
    if "full_name" in parts:
        return " ".join(parts["full_name"])
    # Separate columns are joined in the Russian order the sheets use: surname, given name, patronymic.
    return " ".join(text for field_name in NAME_FIELDS[1:] for text in parts.get(field_name, []))


def read_row(row_number: int, cells: list[str], plan: list[Column]) -> tuple[SheetRow | None, list[RowError]]:
    """Validate one row; None for a blank row (or one that holds only its number)."""
    draft = _fill_draft(row_number, cells, plan)
    if draft is None:
        return None, []
    full_name = " ".join(_full_name(draft.name_parts).split())
    if not full_name:
        name_column = next(column.header for column in plan if column.field in NAME_FIELDS)
        draft.errors.insert(0, RowError(row_number, name_column, "the name is missing"))
    values = draft.values
    row = SheetRow(
        row_number=row_number,
        full_name=full_name,
        sessions=tuple(draft.sessions),
        **{key: values.get(key) for key in ("email", "phone", "organisation", "position", "country", "gender")},
        present=values.get("present"),
    )
    return row, draft.errors
