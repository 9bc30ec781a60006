"""Time certificates at event scale: every PDF built cold at issue, then the ZIP served from stored bytes.

Run: python bench/bench_certificates.py [--people 300]
It builds one event of two sessions with ``--people`` qualifying participants (Cyrillic and Kazakh names) in a
temporary SQLite file, then in one fresh process measures:
  1. issue_certificates with ``link`` (as the coordinator's Issue button does): every certificate created and its
     PDF built and stored, fonts parsed for the first time in this process (cold). Per-PDF time and size.
  2. GET /events/manage/<id>/certificates.zip (warm: stored bytes): time to the first and the last byte.
Target (issue #6): the ZIP of a 300-person event far below gunicorn's 30 s worker timeout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NAMES = ("Гаухар Бейсеева", "Әлия Қоңырбаева", "Nurlan Seitkali", "Өмірзақ Ұлықбекұлы", "Дмитрий Иванов")


def build(url: str, people: int):  # noqa: ANN201 - (app, event id); imported lazily so --help stays fast
    from alembic import command

    from app import create_app
    from app.auth.models import Role
    from app.auth.services import create_user
    from app.cli import alembic_config
    from app.db import db
    from app.events.models import (
        Attendance,
        AttendanceStatus,
        Event,
        EventKind,
        EventSession,
        Gender,
        ParticipantRole,
        Person,
        Registration,
        RegistrationStatus,
    )

    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "heads")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENVIRONMENT": "testing"})
    with app.app_context():
        event = Event(
            kind=EventKind.TRAINING, title="Бассейновое планирование: семинар", city="Astana", country="Kazakhstan",
            starts_on=date(2030, 5, 12), ends_on=date(2030, 5, 13),
        )  # fmt: skip
        sessions = [
            EventSession(
                event=event,
                title=f"Day {day + 1}",
                held_on=date(2030, 5, 12 + day),
                start_time=clock(9),
                end_time=clock(17),
            )
            for day in range(2)
        ]
        db.add_all([event, *sessions])
        for number in range(people):
            person = Person(
                full_name=f"{NAMES[number % len(NAMES)]} {number}", latin_name=f"person {number}",
                gender=Gender.NOT_STATED, country="KZ",
            )  # fmt: skip
            db.add(person)
            db.add(Registration(event=event, person=person, status=RegistrationStatus.REGISTERED,
                                role=ParticipantRole.PARTICIPANT))  # fmt: skip
            db.flush()
            db.add_all(
                [
                    Attendance(
                        session_id=item.id, event_id=event.id, person_id=person.id, status=AttendanceStatus.PRESENT
                    )
                    for item in sessions
                ]
            )
        create_user(db, email="bench@example.org", name="Bench", password="bench-password-1", roles=[Role.COORDINATOR])
        db.commit()
        return app, event.id


def measure(app, event_id: int) -> None:  # noqa: ANN001
    from flask import url_for
    from sqlalchemy import func, select

    from app.auth.models import User
    from app.db import db
    from app.events.models import Certificate, Event
    from app.events.services import certificates as certificate_services

    with app.test_request_context():
        event = db.get(Event, event_id)
        started, cpu_started = time.perf_counter(), time.process_time()
        issued = certificate_services.issue_certificates(
            db, event, actor_id=None, link=lambda code: url_for("certificates.verify", code=code, _external=True)
        )
        db.commit()
        cold, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        total_bytes = db.scalar(select(func.sum(func.length(Certificate.pdf))))
    print(f"  issue + build + store {issued} PDFs (cold): {cold:.2f} s wall, {cpu:.2f} s CPU,")
    print(f"    {1000 * cold / issued:.1f} ms wall and {1000 * cpu / issued:.1f} ms CPU per PDF,")
    print(f"    {total_bytes / issued / 1024:.1f} KiB per PDF on average")
    with app.app_context():
        user = db.scalar(select(User).where(User.email == "bench@example.org"))
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        started = time.perf_counter()
        response = client.get(f"/events/manage/{event_id}/certificates.zip", buffered=False)
        chunks = iter(response.response)
        first = next(chunks)
        first_byte = time.perf_counter() - started
        size = len(first) + sum(len(chunk) for chunk in chunks)
        last_byte = time.perf_counter() - started
        response.close()
    print(f"  GET certificates.zip (warm, stored bytes): first byte {1000 * first_byte:.0f} ms,")
    print(f"    last byte {1000 * last_byte:.0f} ms, {size / 1024 / 1024:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/bench.sqlite"
        started = time.perf_counter()
        app, event_id = build(url, arguments.people)
        print(f"{arguments.people} participants built in {time.perf_counter() - started:.1f} s")
        measure(app, event_id)


if __name__ == "__main__":
    main()
