"""Shared fixtures: the app on the database under test, each test in a rolled-back transaction."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import scoped_session

from app import create_app, remove_db_session
from app.config import normalise_database_url
from app.db import Base
from app.db import db as db_session
from tests.factories import Make


@contextmanager
def fresh_database(base_url: str | None) -> Iterator[str]:
    """An empty database for this run: in-memory SQLite, or a new PostgreSQL database dropped afterwards."""
    if not base_url:
        yield "sqlite://"
        return
    url = make_url(normalise_database_url(base_url))
    if not url.drivername.startswith("postgresql"):
        yield url.render_as_string(hide_password=False)
        return
    name = f"wa_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with fresh_database(os.environ.get("DATABASE_URL")) as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url: str) -> Flask:
    application = create_app(
        {
            "TESTING": True,
            "ENVIRONMENT": "testing",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
        },
    )
    Base.metadata.create_all(application.extensions["engine"])
    # The test and its requests share one session (rolled back after the test), so rows made by the
    # factories are visible to requests and a test sees what its requests changed.
    application.teardown_appcontext_funcs.remove(remove_db_session)
    return application


@pytest.fixture()
def engine(app: Flask) -> Engine:
    return app.extensions["engine"]


@pytest.fixture()
def db(app: Flask, engine: Engine) -> Iterator[scoped_session]:
    """The app's session bound to one connection whose transaction is rolled back after the test;
    the app's own commits become savepoints."""
    connection = engine.connect()
    transaction = connection.begin()
    db_session.remove()
    db_session.configure(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield db_session
    finally:
        db_session.remove()
        transaction.rollback()
        connection.close()
        db_session.configure(bind=engine, join_transaction_mode="conditional_savepoint")


@pytest.fixture()
def make(db: scoped_session) -> Make:
    return Make(db)


@pytest.fixture()
def client(app: Flask, db: scoped_session) -> FlaskClient:
    # Not `with app.test_client()`: a preserved request context would leak `g` (the signed-in user)
    # into requests made by a second client in the same test.
    return app.test_client()


@pytest.fixture()
def login_as(client: FlaskClient) -> Callable[[Any], Any]:
    """Sign ``user`` in on the test client (the cookie a real sign-in would give)."""

    def sign_in(user: Any) -> Any:
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return sign_in


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture()
def count_queries(engine: Engine) -> Callable[[], Any]:
    """``with count_queries() as counter: ...`` counts SQL statements, ignoring savepoint bookkeeping.

    It starts by expiring the shared session, so requests load what they show as a fresh request would."""

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        db_session.expire_all()
        counter = QueryCounter()

        def before_cursor_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                counter.statements.append(statement)

        event.listen(engine, "before_cursor_execute", before_cursor_execute)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before_cursor_execute)

    return counting
