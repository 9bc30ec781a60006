"""Statements run straight on the database driver, for the few that the busiest requests run every time.

A signed-in lesson page runs two SELECTs (the reader, the page); a quiz submission reads its attempt,
then claims it and writes ten responses. Through the ORM session each statement paid for SQLAlchemy's
execution path (cache lookup, execution context, parameter and result processing set up anew) and each
read for a transaction begun and rolled back: many times the SQL itself, and most of those requests'
time. A ``DriverStatement`` compiles its Core statement once per dialect and runs it on the driver's
cursor, converting values with SQLAlchemy's own type processing (booleans, enums, JSON, UTC datetimes),
so parameters and rows mean what they mean in Core.

* ``rows`` (a SELECT) runs on the session's connection when the session has one (a request that wrote,
  or a test's shared transaction), so it sees the same data as the rest of the request; otherwise on a
  connection borrowed from the engine's pool just for the read, without beginning a transaction (one
  SELECT is consistent on its own, and the pool resets the connection when it comes back).
* ``execute`` and ``execute_many`` (writes) always run on the session's connection, inside its
  transaction: ``session.commit()`` commits them with everything else.

Statement listeners (``before_cursor_execute``) are told of each statement, so query counters see it.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, Executable
from sqlalchemy.orm import Session, scoped_session

SessionLike = Session | scoped_session


class DriverStatement:
    """A Core statement, built by ``build`` on first use, run on the driver (see the module docstring)."""

    def __init__(self, build: Callable[[], Executable]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}

    def rows(self, session: SessionLike, parameters: Mapping[str, Any]) -> list[Any]:
        """The rows of a SELECT, as named tuples."""
        with _read_connection(session) as (bind, connection):
            compiled = self._compiled_for(bind.dialect)
            cursor = _cursor(bind, connection, compiled.sql, compiled.arguments(parameters))
            try:
                if compiled.processors is None:
                    compiled.learn_result_types(cursor.description, dialect=bind.dialect)
                fetched = cursor.fetchall()
            finally:
                cursor.close()
        return [compiled.convert(row) for row in fetched]

    def execute(self, session: SessionLike, parameters: Mapping[str, Any]) -> int:
        """Run a write in the session's transaction; returns the number of rows it matched."""
        connection = session.connection()
        compiled = self._compiled_for(connection.dialect)
        cursor = _cursor(
            connection, connection.connection.driver_connection, compiled.sql, compiled.arguments(parameters)
        )
        try:
            return cursor.rowcount
        finally:
            cursor.close()

    def execute_many(self, session: SessionLike, parameter_sets: Sequence[Mapping[str, Any]]) -> None:
        """Run a write once per parameter set, in one driver call, in the session's transaction."""
        connection = session.connection()
        compiled = self._compiled_for(connection.dialect)
        converted: dict[tuple[str, int], Any] = {}
        arguments = [compiled.arguments(parameters, converted) for parameters in parameter_sets]
        _cursor(connection, connection.connection.driver_connection, compiled.sql, arguments, many=True).close()

    def _compiled_for(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _Compiled(self._build(), dialect)
        return compiled


class _Compiled:
    """The SQL for one dialect, with the conversions of its parameters and of its result columns."""

    def __init__(self, statement: Executable, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.order = tuple(compiled.positiontup) if dialect.positional else None
        self.constants: dict[str, Any] = {}
        self.to_driver: dict[str, Callable[[Any], Any]] = {}
        for bind, name in compiled.bind_names.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if not bind.required:  # a constant of the statement (an enum literal, say): converted once
                self.constants[name] = process(bind.effective_value) if process else bind.effective_value
            elif process is not None:
                self.to_driver[name] = process
        self.columns = list(getattr(statement, "selected_columns", ()))
        self.row_type = namedtuple("Row", [column.key for column in self.columns]) if self.columns else None  # type: ignore[misc]
        #: set on the first run: a type's conversion may depend on the type the driver reports
        self.processors: list[Callable[[Any], Any] | None] | None = None
        self.active: list[tuple[int, Callable[[Any], Any]]] = []
        self.plain = False

    def learn_result_types(self, description: Sequence[Sequence[Any]], *, dialect: Dialect) -> None:
        self.processors = [
            column.type.dialect_impl(dialect).result_processor(dialect, described[1])
            for column, described in zip(self.columns, description, strict=True)
        ]
        self.active = [(index, process) for index, process in enumerate(self.processors) if process is not None]
        self.plain = not self.active

    def arguments(self, parameters: Mapping[str, Any], converted: dict[tuple[str, int], Any] | None = None) -> Any:
        """The driver's parameters. ``converted`` remembers conversions across the rows of one
        executemany, so a value shared by every row (a timestamp, say) is converted once."""
        values = dict(self.constants)
        to_driver = self.to_driver
        for name, value in parameters.items():
            process = to_driver.get(name)
            if process is None:
                values[name] = value
            elif converted is None:
                values[name] = process(value)
            else:
                key = (name, id(value))  # the rows (and so the values) outlive the call
                if key not in converted:
                    converted[key] = process(value)
                values[name] = converted[key]
        return tuple([values[name] for name in self.order]) if self.order is not None else values

    def convert(self, row: tuple[Any, ...]) -> Any:
        if self.plain:
            return self.row_type._make(row)
        values = list(row)
        for index, process in self.active:
            values[index] = process(values[index])
        return self.row_type._make(values)


def _cursor(bind: Connection | Engine, connection: Any, sql: str, arguments: Any, *, many: bool = False) -> Any:
    """A driver cursor that has run ``sql`` once, or once per argument set with ``many`` (listeners told first)."""
    cursor = connection.cursor()
    try:
        if bind.dispatch.before_cursor_execute:
            bind.dispatch.before_cursor_execute(bind, cursor, sql, arguments, None, many)
        (cursor.executemany if many else cursor.execute)(sql, arguments)
    except BaseException:
        cursor.close()
        raise
    return cursor


@contextmanager
def _read_connection(session: SessionLike) -> Iterator[tuple[Connection | Engine, Any]]:
    """(what statement listeners hang on, the driver's connection) for one read."""
    if isinstance(session, scoped_session):
        if not session.registry.has():  # no session yet in this request: do not make one just to read
            bind = session.session_factory.kw.get("bind")
            if isinstance(bind, Engine):
                with _borrowed(bind) as connection:
                    yield bind, connection
                return
        session = session()
    bind = session.get_bind()
    if isinstance(bind, Connection) or session.in_transaction():
        connection = session.connection()
        yield connection, connection.connection.driver_connection
        return
    with _borrowed(bind) as connection:
        yield bind, connection


@contextmanager
def _borrowed(engine: Engine) -> Iterator[Any]:
    borrowed = engine.raw_connection()
    try:
        yield borrowed.driver_connection
    finally:
        borrowed.close()  # back to the pool, which rolls back whatever the driver began
