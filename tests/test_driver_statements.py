"""Statements straight on the driver (app.driver_statements) give what Core gives, on the connection they should."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, Integer, String, event, literal, null, select
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.courses.models import LessonStatus
from app.db import UTCDateTime, enum_type
from app.driver_statements import DriverStatement

SIGNED_AT = datetime(2024, 5, 17, 9, 30, 15, tzinfo=UTC)


def _typed_statement():
    """One row of every kind of conversion the hot reads need, as literals (no table, nothing to clean up)."""
    return select(
        literal(7, Integer).label("number"),
        literal("Ақсу <b>", String).label("text"),
        literal(True, Boolean).label("yes"),
        literal(False, Boolean).label("no"),
        literal(LessonStatus.PUBLISHED, enum_type(LessonStatus)).label("status"),
        literal(Role.TRAINER, enum_type(Role)).label("role"),
        literal([["h2", "Sources", "sources"]], JSON).label("toc"),
        literal(SIGNED_AT, UTCDateTime).label("signed_at"),
        null().label("missing"),
    )


def test_rows_match_what_core_gives_type_by_type(db):
    core = db.execute(_typed_statement()).one()
    (row,) = DriverStatement(_typed_statement).rows(db, {})
    assert row == tuple(core)
    assert row.yes is True and row.no is False and row.status is LessonStatus.PUBLISHED and row.role is Role.TRAINER
    assert row.toc == [["h2", "Sources", "sources"]] and row.signed_at == SIGNED_AT and row.missing is None
    assert row.text == "Ақсу <b>"


def test_bound_values_and_constants_reach_the_statement(db, make):
    user = make.user(name="Synthetic Reader", roles=(Role.LEARNER, Role.TRAINER))
    from app.auth.readers import READER

    rows = READER.rows(db, {"user_id": user.id})  # the session's own, unflushed-then-flushed rows
    assert {row.role for row in rows} == {Role.LEARNER, Role.TRAINER}
    assert {row.name for row in rows} == {"Synthetic Reader"}
    assert READER.rows(db, {"user_id": user.id + 10_000}) == []


def test_outside_a_transaction_a_read_borrows_a_pooled_connection_and_gives_it_back(engine):
    returned = []
    seen = []

    def on_checkin(*_args):
        returned.append(1)

    def on_statement(_bind, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "checkin", on_checkin)
    event.listen(engine, "before_cursor_execute", on_statement)
    session = Session(bind=engine)
    try:
        (row,) = DriverStatement(_typed_statement).rows(session, {})
        assert row.status is LessonStatus.PUBLISHED and row.signed_at == SIGNED_AT
        assert not session.in_transaction()  # nothing begun on the session
        assert len(returned) == 1  # the borrowed connection went back to the pool
        assert len(seen) == 1 and seen[0].lstrip().upper().startswith("SELECT")  # counters see the read
    finally:
        event.remove(engine, "checkin", on_checkin)
        event.remove(engine, "before_cursor_execute", on_statement)
        session.close()


def test_inside_a_transaction_a_read_sees_the_requests_own_writes(engine):
    session = Session(bind=engine)
    try:
        session.connection()  # a request that has begun (say, written something)
        returned = []

        def on_checkin(*_args):
            returned.append(1)

        event.listen(engine, "checkin", on_checkin)
        try:
            (row,) = DriverStatement(lambda: select(literal(1).label("one"))).rows(session, {})
        finally:
            event.remove(engine, "checkin", on_checkin)
        assert row.one == 1 and returned == []  # the session's connection, not a borrowed one
        assert session.in_transaction()
    finally:
        session.close()
