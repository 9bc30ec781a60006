"""Validation of a computed question's references to the river data (stations, parameters, standards).

`content validate` checks quiz files without a database; the `computed` validator asks this module
for the data references, which it checks against the database of the running app when there is one.
Without river data in that database, one problem says so and how to import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import has_app_context
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.exercises import functions
from app.exercises.data import ComputationError
from app.rivers.models import Parameter, Standard, Station

NOT_IMPORTED = (
    "the river data has not been imported into this database, so its stations, parameters and periods "
    "cannot be checked and the answer cannot be computed: run `flask --app app rivers import` first"
)


@dataclass(frozen=True)
class ReferenceIndex:
    """The codes the river data holds (three small queries)."""

    stations: frozenset[str]
    parameters: frozenset[str]
    standards: frozenset[str]


def load_index(session: Session) -> ReferenceIndex:
    return ReferenceIndex(
        frozenset(session.scalars(select(Station.code))),
        frozenset(session.scalars(select(Parameter.code))),
        frozenset(code for code in session.scalars(select(Standard.standard_code).distinct()) if code),
    )


def current_session() -> Session | None:
    """The running app's session, when validation runs inside the app (CLI, browser editor, tests)."""
    if not has_app_context():
        return None
    from app.db import db  # the scoped session needs the app; imported only when there is one

    return db  # type: ignore[return-value]


def _unknown(value: Any, known: frozenset[str], noun: str) -> list[str]:
    return [] if value in known else [f"unknown {noun} {value!r}"]


def reference_problems(index: ReferenceIndex, spec: dict[str, Any]) -> list[str]:
    """Unknown station, parameter, standard or option codes in a `compute` mapping."""
    problems: list[str] = []
    if "station" in spec:
        problems += _unknown(spec["station"], index.stations, "station")
    if "parameter" in spec:
        problems += _unknown(spec["parameter"], index.parameters, "parameter")
    standard = spec.get("standard")
    for code in [standard] if isinstance(standard, str) else standard if isinstance(standard, list) else []:
        problems += _unknown(code, index.standards, "standard")
    options = spec.get("options") if isinstance(spec.get("options"), list) else []
    for code in functions.option_codes(options):
        if code != functions.NONE_OPTION:
            problems += _unknown(code, index.parameters, "parameter in options")
    return problems


def check_compute(session: Session, spec: dict[str, Any]) -> list[str]:
    """Every problem with the data a `compute` mapping refers to; runs the computation as the last check."""
    has_tables = inspect(session.get_bind()).has_table(Station.__tablename__)
    index = load_index(session) if has_tables else None
    if index is None or not index.stations:
        return [NOT_IMPORTED]
    problems = reference_problems(index, spec)
    if problems:
        return problems
    try:
        result = functions.run(session, spec)
    except ComputationError as error:
        return [error.message]
    return _answer_problems(spec, result)


def _answer_problems(spec: dict[str, Any], result: functions.Computation) -> list[str]:
    """A choice computation's right answer must be among the options the learner sees."""
    if result.answer_type != functions.CHOICE:
        return []
    listed = set(functions.option_codes(spec.get("options", [])))
    missing = sorted(result.correct - listed)
    if missing:
        return [f"the data's answer ({', '.join(missing)}) is not among the options; add it to 'options'"]
    return []
