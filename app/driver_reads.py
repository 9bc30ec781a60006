"""Reads run straight on the database driver, for the few statements the busiest pages run every time.

A signed-in lesson page runs two SELECTs (the reader, the page). Through the ORM session each one paid
for a pooled connection, a transaction begun and rolled back, and SQLAlchemy's execution path (cache
lookup, execution context, result metadata): about a third of the page's time, many times the SQL
itself. A ``DriverRead`` compiles its Core SELECT once per dialect and runs it on the driver's cursor:

* on the session's connection when the session already has one (a request that wrote, or a test's
  shared transaction), so the read sees the same data as the rest of the request;
* otherwise on a connection borrowed from the engine's pool just for the read (no transaction is begun:
  a single SELECT is consistent on its own, and the pool resets the connection when it comes back).

Rows are named tuples, converted column by column by SQLAlchemy's own type processing (booleans, enums,
JSON, UTC datetimes), so they read like Core rows. Bound values must be plain ints and strings; the
statement's own constants (an enum literal, say) are converted once at compile time. Statement
listeners (``before_cursor_execute``) are told of each read, so query counters see it.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, Select
from sqlalchemy.orm import Session, scoped_session


class DriverRead:
    """A Core SELECT, built by ``build`` on first use, run on the driver (see the module docstring)."""

    def __init__(self, build: Callable[[], Select]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}

    def rows(self, session: Session | scoped_session, parameters: Mapping[str, Any]) -> list[Any]:
        with _driver_connection(session) as (bind, connection):
            compiled = self._compiled.get(bind.dialect.name) or self._compile(bind.dialect)
            arguments = compiled.arguments(parameters)
            cursor = connection.cursor()
            try:
                if bind.dispatch.before_cursor_execute:
                    bind.dispatch.before_cursor_execute(bind, cursor, compiled.sql, arguments, None, False)
                cursor.execute(compiled.sql, arguments)
                fetched = cursor.fetchall()
            finally:
                cursor.close()
        return [compiled.convert(row) for row in fetched]

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled[dialect.name] = _Compiled(self._build(), dialect)
        return compiled


class _Compiled:
    def __init__(self, statement: Select, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.order = tuple(compiled.positiontup) if dialect.positional else None
        self.constants: dict[str, Any] = {}
        for bind, name in compiled.bind_names.items():
            if not bind.required:
                process = bind.type.dialect_impl(dialect).bind_processor(dialect)
                value = bind.effective_value
                self.constants[name] = process(value) if process else value
        columns = list(statement.selected_columns)
        self.row_type = namedtuple("Row", [column.key for column in columns])  # type: ignore[misc]
        self.processors = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns]
        self.plain = not any(self.processors)

    def arguments(self, parameters: Mapping[str, Any]) -> Any:
        values = {**self.constants, **parameters}
        return tuple(values[name] for name in self.order) if self.order is not None else values

    def convert(self, row: tuple[Any, ...]) -> Any:
        if self.plain:
            return self.row_type(*row)
        return self.row_type(
            *(process(value) if process else value for process, value in zip(self.processors, row, strict=True))
        )


@contextmanager
def _driver_connection(session: Session | scoped_session) -> Iterator[tuple[Connection | Engine, Any]]:
    """(what statement listeners hang on, the driver's connection) for one read."""
    if isinstance(session, scoped_session):
        session = session()
    bind = session.get_bind()
    if isinstance(bind, Connection) or session.in_transaction():
        connection = session.connection()
        yield connection, connection.connection.driver_connection
        return
    borrowed = bind.raw_connection()
    try:
        yield bind, borrowed.driver_connection
    finally:
        borrowed.close()  # back to the pool, which rolls back whatever the driver began
