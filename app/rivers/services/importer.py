"""Import the river CSVs into the database: validate everything first, then upsert in one transaction.

Rows are matched on their natural keys (source code, station code, parameter code, station + parameter
+ period, a hash of the standard row), so importing the same files twice changes nothing. Rows that
disappeared from the files are left in place: measurements are evidence, and removing them is a
decision for a person, not for an import.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Base
from app.errors import DomainError
from app.rivers import csvdata
from app.rivers.chemistry import PARAMETERS, find_parameter
from app.rivers.chemistry import Parameter as ChemistryParameter
from app.rivers.models import Measurement, Parameter, Source, Standard, Station

ModelT = TypeVar("ModelT", bound=Base)


class DataInvalid(DomainError):
    """The files have problems; nothing was written. `errors` lists every one of them."""

    def __init__(self, errors: list[csvdata.DataError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the river data files; nothing was imported.")
        self.errors = errors


@dataclass
class ImportSummary:
    """How many rows of each kind the import created and changed."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated))
        return [f"{kind}: {self.created.get(kind, 0)} created, {self.updated.get(kind, 0)} updated" for kind in kinds]


def format_error(error: csvdata.DataError) -> str:
    """`file:row:column: message`, the form editors and CI logs understand."""
    return f"{error.file}:{error.row}:{error.column}: {error.message}"


def slugify(text: str) -> str:
    """URL form of a basin name: "Ertis (Irtysh)" -> "ertis-irtysh"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def import_dataset(session: Session, dataset: csvdata.Dataset) -> ImportSummary:
    """Write a dataset that has no errors; raise DataInvalid (writing nothing) when it has any."""
    if dataset.errors:
        raise DataInvalid(dataset.errors)
    summary = ImportSummary()
    sources = _upsert(session, Source, lambda row: row.code, _source_rows(dataset), summary, "sources")
    parameters = _upsert(session, Parameter, lambda row: row.code, _parameter_rows(dataset), summary, "parameters")
    session.flush()
    context = _Ids(_ids_of(sources), _ids_of(parameters), {})
    stations = _upsert(session, Station, lambda row: row.code, _station_rows(dataset, context), summary, "stations")
    session.flush()
    context.stations.update(_ids_of(stations))
    _upsert(session, Measurement, _measurement_key, _measurement_rows(dataset, context), summary, "measurements")
    _upsert(session, Standard, lambda row: row.row_key, _standard_rows(dataset, context), summary, "standards")
    session.flush()
    return summary


@dataclass(frozen=True)
class _Ids:
    sources: dict[str, int]
    parameters: dict[str, int]
    stations: dict[str, int]

    def first_source(self, source_ids: tuple[str, ...]) -> int | None:
        return self.sources[source_ids[0]] if source_ids else None


def _upsert(
    session: Session,
    model: type[ModelT],
    key_of: Callable[[Any], Hashable],
    rows: dict[Hashable, dict[str, Any]],
    summary: ImportSummary,
    kind: str,
) -> dict[Hashable, ModelT]:
    """Create missing rows and update changed ones; count both in `summary`."""
    existing = {key_of(item): item for item in session.scalars(select(model))}
    created = updated = 0
    for key, values in rows.items():
        item = existing.get(key)
        if item is None:
            item = model(**values)
            session.add(item)
            existing[key] = item
            created += 1
            continue
        changed = {name: value for name, value in values.items() if getattr(item, name) != value}
        for name, value in changed.items():
            setattr(item, name, value)
        updated += bool(changed)
    summary.created[kind] = created
    summary.updated[kind] = updated
    return existing


def _ids_of(rows: dict[Hashable, Any]) -> dict[str, int]:
    return {str(code): item.id for code, item in rows.items()}


def _joined(source_ids: Iterable[str]) -> str:
    return ";".join(source_ids)


def _source_rows(dataset: csvdata.Dataset) -> dict[Hashable, dict[str, Any]]:
    return {
        source.source_id: {
            "code": source.source_id,
            "citation": source.citation,
            "url": source.url,
            "reliability": source.reliability,
        }
        for source in dataset.sources.values()
    }


def _parameter_rows(dataset: csvdata.Dataset) -> dict[Hashable, dict[str, Any]]:
    used = {item.parameter_code for item in dataset.measurements}
    extra = [find_parameter(code) for code in sorted(used - set(PARAMETERS))]
    known: list[ChemistryParameter] = [*PARAMETERS.values(), *(item for item in extra if item is not None)]
    return {
        parameter.code: {
            "code": parameter.code,
            "name": parameter.name,
            "dimension": str(parameter.dimension),
            "canonical_unit": parameter.canonical_unit,
        }
        for parameter in known
    }


def _station_rows(dataset: csvdata.Dataset, ids: _Ids) -> dict[Hashable, dict[str, Any]]:
    return {
        station.code: {
            "code": station.code,
            "river": station.river,
            "river_local": station.river_local,
            "basin": station.basin,
            "basin_slug": slugify(station.basin),
            "site_name": station.site_name,
            "oblast": station.oblast,
            "latitude": station.latitude,
            "longitude": station.longitude,
            "source_id": ids.first_source(station.source_ids),
            "source_codes": _joined(station.source_ids),
        }
        for station in dataset.stations
    }


def _measurement_key(row: Measurement) -> Hashable:
    return (row.station_id, row.parameter_id, row.period)


def _measurement_rows(dataset: csvdata.Dataset, ids: _Ids) -> dict[Hashable, dict[str, Any]]:
    rows: dict[Hashable, dict[str, Any]] = {}
    for item in dataset.measurements:
        values = {
            "station_id": ids.stations[item.station_code],
            "parameter_id": ids.parameters[item.parameter_code],
            "source_id": ids.first_source(item.source_ids),
            "source_codes": _joined(item.source_ids),
            "period": item.period.text,
            "period_start_on": item.period.start,
            "period_end_on": item.period.end,
            "value_text": item.value_text,
            "value": item.value,
            "value_max": item.value_max,
            "unit": item.unit,
            "is_below_detection": item.below_detection,
            "canonical_value": item.canonical_value,
            "canonical_value_max": item.canonical_value_max,
            "canonical_unit": item.canonical_unit,
            "category": item.category,
            "note": item.note,
        }
        rows[(values["station_id"], values["parameter_id"], values["period"])] = values
    return rows


def standard_row_key(item: csvdata.Standard) -> str:
    """A stable identity for a standards row (no file has an id column)."""
    parts = (item.jurisdiction, item.instrument, item.section, item.item, item.value_text)
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


def _standard_rows(dataset: csvdata.Dataset, ids: _Ids) -> dict[Hashable, dict[str, Any]]:
    rows: dict[Hashable, dict[str, Any]] = {}
    for item in dataset.standards:
        key = standard_row_key(item)
        rows[key] = {
            "row_key": key,
            "jurisdiction": item.jurisdiction,
            "instrument": item.instrument,
            "section": item.section,
            "item": item.item,
            "standard_code": item.standard_code,
            "parameter_id": ids.parameters[item.parameter_code] if item.parameter_code else None,
            "kind": str(item.kind),
            "value_text": item.value_text,
            "value": item.value,
            "lower": item.lower,
            "upper": item.upper,
            "unit": item.unit,
            "canonical_value": item.canonical_value,
            "label": item.label,
            "note": item.note,
            "source_id": ids.first_source(item.source_ids),
            "source_codes": _joined(item.source_ids),
        }
    return rows
