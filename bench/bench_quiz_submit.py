"""Throughput of submitting a 10-question quiz attempt against a bare Flask route that inserts one row.

Run: python bench/bench_quiz_submit.py [--submissions 1000] [--history 1000000] [--clients 16] [--rounds 5]
It migrates a fresh SQLite file, makes a quiz of ten questions (choice, numeric, short text) and one
open attempt per synthetic learner, each with its session cookie and CSRF token. Then, in one run,
with gunicorn (2 sync workers) and `--clients` concurrent HTTP clients, for `--rounds` rounds in turn:
  1. a bare Flask app whose POST route inserts one row (same SQLite settings: WAL, busy timeout);
  2. the real submit: CSRF check, grading, the attempt and its ten responses in one transaction;
then the same rounds after adding `--history` earlier submitted attempts of the same quiz (nothing may
scan them). It prints submissions/s, p50/p99 and errors for each, and the median ratios.
Target (issue #4): submit >= 0.35x the bare insert, zero errors ("database is locked" included), no
slowdown with the history.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_lesson_page import free_port, serve  # noqa: E402

WORKERS_NOTE = "gunicorn 2 sync workers (as bench_lesson_page)"
OLD_LEARNERS = 1000
#: requests per phase sent before timing starts (template compilation, imports, connection pools)
WARM_UP = 100
QUESTIONS = [
    *[
        {
            "id": f"choice-{number}",
            "kind": "single_choice",
            "prompt": f"Synthetic choice question {number}?",
            "options": [{"text": "Right", "correct": True, "feedback": "Yes."}, {"text": "Wrong"}],
        }
        for number in range(5)
    ],
    *[
        {
            "id": f"number-{number}",
            "kind": "numeric",
            "prompt": f"Synthetic number {number} in mg/l?",
            "unit": "mg/l",
            "answers": [{"value": 5 + number, "tolerance": 0.1}],
        }
        for number in range(3)
    ],
    *[
        {"id": f"text-{number}", "kind": "short_text", "prompt": "Which sea?", "answers": [{"text": "Aral"}]}
        for number in range(2)
    ],
]
ANSWERS = {
    **{f"q-choice-{number}": "0" for number in range(5)},
    **{f"q-number-{number}": f"{5 + number},0 мг/л" for number in range(3)},
    **{f"q-text-{number}": "aral" for number in range(2)},
}


def bare_app() -> Flask:
    """The baseline: one route that inserts one row with the same engine settings as the app."""
    from app.db import make_engine

    bare = Flask(__name__)
    engine = make_engine(os.environ["BENCH_BARE_URL"])

    def insert() -> str:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO rows (value) VALUES (:value)"), {"value": secrets.token_hex(8)})
        return "ok"

    bare.add_url_rule("/insert", "insert", insert, methods=["POST"])
    return bare


def make_quiz(db) -> int:  # noqa: ANN001
    from app.courses.models import Course, Module
    from app.quizzes.models import Question, Quiz
    from app.quizzes.sync import apply_question

    course = Course(slug="bench-course", title="Bench course (synthetic)", language="en", status="published")
    module = Module(course=course, slug="bench", position=1, title="Bench module")
    quiz = Quiz(module=module, slug="bench", title="Bench quiz", pass_mark=50)
    for position, definition in enumerate(QUESTIONS, start=1):
        question = Question(key=definition["id"])
        apply_question(question, definition, position)
        quiz.questions.append(question)
    db.add(quiz)
    db.commit()
    return quiz.id


def learner_role():  # noqa: ANN201
    from app.auth.models import Role, UserRole

    return UserRole(role=Role.LEARNER)


def prepare_learners(app, quiz_id: int, count: int, prefix: str) -> list[tuple[int, str, str]]:  # noqa: ANN001
    """`count` enrolled learners, each with an open attempt: (attempt id, session cookie, CSRF token)."""
    from app.auth.models import User
    from app.courses.models import Enrolment
    from app.db import db
    from app.quizzes import services

    jobs = []
    with app.app_context():
        quiz = services.load_quiz(db, quiz_id)
        users = [
            User(email=f"{prefix}{n}@example.org", name=f"Bench {n}", password_hash="x", role_links=[learner_role()])
            for n in range(count)
        ]
        db.add_all(users)
        db.flush()
        db.add_all(Enrolment(course_id=quiz.module.course_id, user_id=user.id) for user in users)
        attempts = [services.start_attempt(db, quiz, user.id) for user in users]
        db.commit()
        accounts = [(user.get_id(), attempt.id) for user, attempt in zip(users, attempts, strict=True)]
    # outside the app context: each request then gets its own `g`, where Flask-WTF caches the CSRF token
    for user_id, attempt_id in accounts:
        client = app.test_client()
        # production cookies are Secure: the test client keeps them only over https
        with client.session_transaction(base_url="https://localhost") as session:
            session["_user_id"], session["_fresh"] = user_id, True
        page = client.get(f"/quizzes/attempts/{attempt_id}", base_url="https://localhost").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        jobs.append((attempt_id, f"session={client.get_cookie('session').value}", token))
    return jobs


def add_history(database: Path, quiz_id: int, attempts: int) -> None:
    """`attempts` earlier submitted attempts of the same quiz by other learners, inserted in bulk."""
    connection = sqlite3.connect(database)
    per_learner = max(1, attempts // OLD_LEARNERS)
    with connection:
        connection.executemany(
            "INSERT INTO users (email, name, password_hash, is_active, session_token, created_at) "
            "VALUES (?, 'Old learner', 'x', 1, 'x', '2025-01-01 00:00:00')",
            [(f"old{n}@example.org",) for n in range(OLD_LEARNERS)],
        )
        first = connection.execute("SELECT min(id) FROM users WHERE email LIKE 'old%'").fetchone()[0]
        started, submitted = "2025-01-01 00:00:00", "2025-01-01 00:10:00"
        rows = (
            (quiz_id, first + learner, number + 1, 1, started, submitted, 10.0, 10.0, 1, 0, "[]")
            for learner in range(OLD_LEARNERS)
            for number in range(per_learner)
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO quiz_attempts (quiz_id, user_id, number, seed, started_at, submitted_at, score, max_score,"
            " passed, is_late, question_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    connection.close()


def drive(port: int, path_of, jobs: list, clients: int) -> dict[str, float]:  # noqa: ANN001
    """POST every job with `clients` threads; returns rate, latency percentiles and the error count."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    queue = list(jobs)

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            path, body, headers, expected = path_of(job)
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            connection.close()
            with lock:
                latencies.append(time.perf_counter() - started)
                if response.status != expected:
                    errors.append(str(response.status))
                    if len(errors) == 1:
                        reason = re.search(rb"<main.*?<p>(.*?)</p>", content, re.S)
                        print(f"first error {response.status}: {reason.group(1)[:200] if reason else content[:200]!r}")

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(jobs) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "errors": len(errors),
        "statuses": sorted(set(errors)),
    }


def submit_request(job: tuple[int, str, str]) -> tuple[str, str, dict[str, str], int]:
    attempt_id, cookie, token = job
    body = urlencode({"csrf_token": token, **ANSWERS})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    return f"/quizzes/attempts/{attempt_id}/submit", body, headers, 302


def insert_request(_job: object) -> tuple[str, str, dict[str, str], int]:
    return "/insert", "", {}, 200


class Served:
    """One app under gunicorn, its workers warmed up with `WARM_UP` requests."""

    def __init__(self, target: str, environment: dict[str, str], path_of, warm_up: list, clients: int) -> None:  # noqa: ANN001
        self.port = free_port()
        self.server = serve(target, self.port, environment)
        self.path_of, self.clients = path_of, clients
        self.measure(warm_up)

    def measure(self, jobs: list) -> dict:
        return drive(self.port, self.path_of, jobs, self.clients)

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=10)


def alternate(bare: Served, submit: Served, jobs: list, rounds: int, count: int) -> list[tuple[dict, dict]]:
    """`rounds` pairs of (bare insert, submit) measurements, `count` requests each, taken in turn so that a
    change in the machine's speed (other load, a noisy neighbour's steal time) hits both alike."""
    return [
        (bare.measure([None] * count), submit.measure(jobs[number * count : (number + 1) * count]))
        for number in range(rounds)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of bare insert and submit")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wa-bench-quiz-"))
    database = folder / "bench.sqlite3"
    environment = {
        "DATABASE_URL": f"sqlite:///{database}",
        "BENCH_BARE_URL": f"sqlite:///{folder / 'bare.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "FLASK_ENVIRONMENT": "production",
    }
    os.environ.update(environment)
    try:
        from alembic import command

        from app import create_app
        from app.cli import alembic_config
        from app.db import db

        config = alembic_config(environment["DATABASE_URL"])
        config.attributes["configure_logger"] = False
        command.upgrade(config, "heads")
        with sqlite3.connect(folder / "bare.sqlite3") as bare:
            bare.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        app = create_app()
        with app.app_context():
            quiz_id = make_quiz(db)
        count, rounds = options.submissions, options.rounds
        jobs = prepare_learners(app, quiz_id, count * rounds + WARM_UP, "fresh")
        bare = Served(
            "bench.bench_quiz_submit:bare_app()", environment, insert_request, [None] * WARM_UP, options.clients
        )
        submit = Served("app:create_app()", environment, submit_request, jobs[:WARM_UP], options.clients)
        try:
            before = alternate(bare, submit, jobs[WARM_UP:], rounds, count)
            started = time.perf_counter()
            add_history(database, quiz_id, options.history)
            print(f"added {options.history} earlier attempts in {time.perf_counter() - started:.1f} s")
            later_jobs = prepare_learners(app, quiz_id, count * rounds, "later")
            after = alternate(bare, submit, later_jobs, rounds, count)
        finally:
            bare.stop()
            submit.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{count} requests per row, {options.clients} concurrent clients, {WORKERS_NOTE}, SQLite WAL")
    print(f"{'':34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for label, measured in (("", before), (f", {options.history} earlier", after)):
        for number, (baseline, submitted) in enumerate(measured, start=1):
            for name, result in ((f"{number} bare insert", baseline), (f"{number} submit{label}", submitted)):
                row = f"{result['rps']:>9.0f}{result['p50']:>9.1f}{result['p99']:>9.1f}{result['errors']:>8}"
                print(f"{name:34}{row}  {' '.join(result['statuses'])}")
    ratio_before = statistics.median(submitted["rps"] / baseline["rps"] for baseline, submitted in before)
    ratio_after = statistics.median(submitted["rps"] / baseline["rps"] for baseline, submitted in after)
    errors = sum(result["errors"] for pair in before + after for result in pair)
    print(f"median ratio submit/bare insert: {ratio_before:.2f} (target >= 0.35); errors: {errors} (target 0)")
    slowdown = ratio_after / ratio_before
    print(f"with {options.history} earlier attempts: {ratio_after:.2f}; after/before {slowdown:.2f} (target: about 1)")


if __name__ == "__main__":
    main()
