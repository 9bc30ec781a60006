"""Time the reports at scale: the dashboard next to one reference GROUP BY, and the streamed attendance export.

Run: python bench/bench_reports.py [--events 500 --people 20000 --attendance 100000 --seed 1] [--rounds 7]
It builds the `demo scale` dataset in a temporary SQLite file (and, when DATABASE_URL points at
PostgreSQL, in a fresh PostgreSQL database as well), then in the same process measures:
  1. the dashboard's server time (GET /reports/ through the app) and the reference query (registered,
     attended and attendance rate per event in one GROUP BY), one of each per round for `--rounds` rounds
     in turn, so that a change in the machine's speed hits both alike; the medians and the median of the
     per-round ratios. Target (issue #7): dashboard <= 5 x the reference query, whatever the database.
  2. GET /reports/attendance.csv over every attendance row: time to the first byte and to the last byte,
     and peak Python memory (tracemalloc). Targets: streamed (first byte long before the last), < 50 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = 7


def reference_query():  # noqa: ANN201  (a Select; imported lazily so --help stays fast)
    """Registered, attended and attendance rate per event: the simplest honest aggregate over the same tables."""
    from sqlalchemy import and_, case, func, select

    from app.events.models import Attendance, AttendanceStatus, EventSession, Registration

    attended = (
        select(EventSession.event_id, func.count(func.distinct(Attendance.person_id)).label("attended"))
        .join(Attendance, Attendance.session_id == EventSession.id)
        .where(Attendance.status.in_((AttendanceStatus.PRESENT, AttendanceStatus.LATE)))
        .group_by(EventSession.event_id)
        .subquery()
    )
    registered = func.count(Registration.id)
    return (
        select(
            Registration.event_id,
            registered,
            func.max(attended.c.attended),
            case((registered > 0, 100.0 * func.max(attended.c.attended) / registered)),
        )
        .outerjoin(attended, and_(attended.c.event_id == Registration.event_id))
        .group_by(Registration.event_id)
    )


@contextmanager
def database(kind: str, directory: str) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{directory}/reports-bench.sqlite3"
        return
    from sqlalchemy import create_engine, make_url

    from app.config import normalise_database_url

    url = make_url(normalise_database_url(os.environ["DATABASE_URL"]))
    name = f"wa_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def build(url: str, arguments: argparse.Namespace):  # noqa: ANN201  (the Flask app)
    from alembic import command

    from app import create_app
    from app.auth.models import Role
    from app.auth.services import create_user
    from app.cli import alembic_config
    from app.db import db
    from app.reports.scale import generate_scale

    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "heads")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENVIRONMENT": "testing"})
    with app.app_context():
        started = time.perf_counter()
        summary = generate_scale(
            db, events=arguments.events, people=arguments.people, attendance=arguments.attendance, seed=arguments.seed
        )
        create_user(db, email="bench@example.org", name="Bench", password="bench-password-1", roles=[Role.COORDINATOR])
        db.commit()
        print(f"  built {summary} in {time.perf_counter() - started:.1f} s")
    return app


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(app, rounds: int = ROUNDS) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from app.auth.models import User
    from app.db import db

    with app.app_context():
        user = db.scalar(select(User).where(User.email == "bench@example.org"))
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        assert client.get("/reports/").status_code == 200  # warm caches, as a running server would be
        statement = reference_query()
        pairs = [
            (seconds(lambda: client.get("/reports/")), seconds(lambda: db.execute(statement).all()))
            for _round in range(rounds)
        ]
        dashboard = statistics.median(pair[0] for pair in pairs)
        reference = statistics.median(pair[1] for pair in pairs)
        ratios = sorted(pair[0] / pair[1] for pair in pairs)
        print(f"  dashboard {dashboard * 1000:.0f} ms, reference GROUP BY {reference * 1000:.0f} ms (medians of "
              f"{rounds} alternating rounds); ratio per round {', '.join(f'{ratio:.1f}' for ratio in ratios)}; "
              f"median ratio {statistics.median(ratios):.1f}x (target <= 5x)")  # fmt: skip
        measure_export(client)


def stream_export(client) -> tuple[int, int, float, float]:  # noqa: ANN001
    """Call the WSGI app as a server would and read the body: (bytes, chunks, first byte s, last byte s)."""
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/reports/attendance.csv", headers={"Cookie": cookie_header(client)}).get_environ()
    started = time.perf_counter()
    body = client.application(environ, lambda status, headers, exc_info=None: None)
    chunks = iter(body)
    size, count = len(next(chunks)), 1
    first_byte = time.perf_counter() - started
    for chunk in chunks:
        size, count = size + len(chunk), count + 1
    last_byte = time.perf_counter() - started
    getattr(body, "close", lambda: None)()
    return size, count, first_byte, last_byte


def cookie_header(client) -> str:  # noqa: ANN001
    return "; ".join(f"{cookie.key}={cookie.value}" for cookie in client._cookies.values())


def measure_export(client) -> None:  # noqa: ANN001
    size, chunks, first_byte, last_byte = stream_export(client)
    tracemalloc.start()
    stream_export(client)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  attendance export: {chunks} chunks, {size / 1e6:.1f} MB; first byte {first_byte * 1000:.0f} ms, "
          f"last byte {last_byte:.2f} s (first/last {first_byte / last_byte:.4f}); "
          f"peak Python memory {peak / 1e6:.1f} MB (separate run under tracemalloc; target < 50 MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--attendance", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="alternating rounds of dashboard and reference")
    arguments = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])
    for kind in kinds:
        print(f"{kind}:")
        with tempfile.TemporaryDirectory() as directory, database(kind, directory) as url:
            measure(build(url, arguments), arguments.rounds)


if __name__ == "__main__":
    main()
