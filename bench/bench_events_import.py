"""Time the events services at 20,000 rows: importing a sign-in sheet and finding duplicates in the database.

Run: python bench/bench_events_import.py [--rows 20000]. It migrates a fresh SQLite file, makes one event
with three sessions, and then:
  1. imports a 20,000-row CSV sign-in sheet (preview, then confirm: one transaction), printing seconds and
     peak Python memory (tracemalloc). Target (issue #6): under 10 s and under 100 MB.
  2. runs the duplicates page's query and blocking over the 20,000 imported people. Target: under 10 s.
Names are syllables with a fixed seed: obviously synthetic, repeatable.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SYLLABLES = ("ба", "ке", "ло", "ми", "ну", "ра", "се", "ти", "жа", "ха", "ше", "ай", "ул", "ор", "да", "го")


def synthetic_sheet(rows: int) -> bytes:
    generator = random.Random(6)
    lines = ["ФИО,Организация,E-mail,День 1,День 2,День 3"]
    for number in range(rows):
        surname = "".join(generator.choice(SYLLABLES) for _ in range(3)).capitalize() + "ова"
        given = "".join(generator.choice(SYLLABLES) for _ in range(2)).capitalize()
        marks = ",".join(generator.choice(("+", "+", "-", "опоздал")) for _ in range(3))
        lines.append(f"{surname} {given},Synthetic Agency {number % 150},demo{number}@example.org,{marks}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def fresh_app(directory: str):  # noqa: ANN201  (a Flask app; imported lazily so --help stays fast)
    from alembic import command

    from app import create_app
    from app.cli import alembic_config

    url = f"sqlite:///{directory}/bench.sqlite3"
    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "heads")
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ENVIRONMENT": "testing"})


def run_import(rows: int, *, trace_memory: bool) -> None:
    """Import the synthetic sheet into a fresh database; timing and memory are measured in separate runs
    because tracemalloc slows Python down several times."""
    from app.db import db
    from app.events.models import EventKind
    from app.events.services import duplicates, events, import_writer, imports

    with tempfile.TemporaryDirectory() as directory, fresh_app(directory).app_context():
        event = events.save_event(
            db, None, kind=EventKind.TRAINING, title="Bench training (synthetic)",
            starts_on=date(2030, 1, 1), ends_on=date(2030, 1, 3),
        )  # fmt: skip
        for day in (1, 2, 3):
            events.add_session(db, event, held_on=date(2030, 1, day), title=f"Day {day}")
        db.commit()
        content = synthetic_sheet(rows)
        if trace_memory:
            tracemalloc.start()
        started = time.perf_counter()
        upload = imports.stash_upload(db, event, filename="bench.csv", content=content, actor_id=None)
        summary = import_writer.confirm_import(db, upload, {}, actor_id=None)
        db.commit()
        elapsed = time.perf_counter() - started
        if trace_memory:
            peak = tracemalloc.get_traced_memory()[1] / 1_000_000
            tracemalloc.stop()
            print(f"import {rows} rows: peak Python memory {peak:.0f} MB (target < 100 MB)")
            return
        print(f"import {rows} rows: {elapsed:.2f} s (target < 10 s, one transaction); {summary}")
        started = time.perf_counter()
        pairs = duplicates.candidate_pairs(db)
        elapsed = time.perf_counter() - started
        print(f"duplicates among {rows} people: {elapsed:.2f} s (target < 10 s), {len(pairs)} pairs shown")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    rows = parser.parse_args().rows
    run_import(rows, trace_memory=False)
    run_import(rows, trace_memory=True)


if __name__ == "__main__":
    main()
