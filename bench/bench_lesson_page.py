"""Throughput of a signed-in learner's lesson page against a bare Flask "hello" route.

Run: python bench/bench_lesson_page.py [--seconds 10]. It builds a fresh SQLite database with the
demo data (the example course synced, the demo learner enrolled), serves the app with gunicorn
(2 sync workers on 127.0.0.1), drives it with wrk (20 connections), then does the same for a bare
Flask app in the same run, alternating the two for `--rounds` rounds, and prints requests/s, p50 and p99
of each, the ratio per round and the median ratio.
Target (issue #3): the lesson page reaches at least 0.35x the bare route's requests/s.
Needs wrk (`apt-get install wrk`).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUNICORN = Path(sys.executable).with_name("gunicorn")
LESSON_URL = "/courses/example-course/getting-started/finding-a-course"
CONNECTIONS = 20


def hello_app() -> Flask:
    """The baseline: Flask with one route and nothing else (gunicorn loads it by name)."""
    bare = Flask(__name__)
    bare.add_url_rule("/", "hello", lambda: "Hello, world!")
    return bare


def prepare_database(environment: dict[str, str]) -> str:
    """Migrate a fresh database, load the demo data and return the demo learner's session cookie."""
    os.environ.update(environment)
    from alembic import command

    from app import create_app
    from app.auth.services import get_user_by_email
    from app.cli import alembic_config
    from app.db import db
    from app.demo import load_demo_data

    config = alembic_config(environment["DATABASE_URL"])
    config.attributes["configure_logger"] = False
    command.upgrade(config, "heads")
    application = create_app()
    with application.app_context():
        load_demo_data(db)
        db.commit()
        learner = get_user_by_email(db, "learner@example.com")
        client = application.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = learner.get_id(), True
        cookie = client.get_cookie("session")
    assert cookie is not None, "could not build a session cookie"
    return f"session={cookie.value}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(target: str, port: int, environment: dict[str, str]) -> subprocess.Popen:
    command = [str(GUNICORN), "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]
    command += ["--graceful-timeout", "2", "--chdir", str(ROOT), "--log-level", "warning", target]
    server = subprocess.Popen(command, env={**os.environ, **environment, "PYTHONPATH": str(ROOT)})
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"gunicorn did not start for {target}")


def drive(url: str, seconds: int, cookie: str | None = None) -> dict[str, float]:
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{url} answered with errors:\n{output}")
    if "Socket errors" in output:  # timeouts make requests/s meaningless: say so rather than hide it
        print(f"warning: {url}: {output.split('Socket errors')[1].splitlines()[0].strip(': ')}", file=sys.stderr)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
    }


def _milliseconds(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


class Served:
    """One app under gunicorn, warmed up, measured as often as asked."""

    def __init__(self, target: str, path: str, environment: dict[str, str], cookie: str | None = None) -> None:
        port = free_port()
        self.server = serve(target, port, environment)
        self.url = f"http://127.0.0.1:{port}{path}"
        self.cookie = wait_until_warm(self.url, cookie)
        drive(self.url, 2, self.cookie)  # warm-up

    def measure(self, seconds: int) -> dict[str, float]:
        return drive(self.url, seconds, self.cookie)

    def stop(self) -> None:
        stop(self.server)


def wait_until_warm(url: str, cookie: str | None, attempts: int = 20) -> str | None:
    """Workers import the app after the port opens (seconds on a busy machine): wait for fast answers.
    Like a browser, keep the cookie the app sends back (the first visit stores the CSRF secret in the
    session); wrk never updates cookies, so without this every request would re-sign a new session."""
    deadline = time.monotonic() + 120
    fast = 0
    while fast < attempts and time.monotonic() < deadline:
        started = time.monotonic()
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            set_cookie = response.headers.get("Set-Cookie")
        if set_cookie and set_cookie.startswith("session="):
            cookie = set_cookie.split(";", 1)[0]
        fast = fast + 1 if time.monotonic() - started < 0.5 else 0
    return cookie


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn; on a busy machine its graceful shutdown may hang, so it is killed after a while."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of hello and lesson page")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    folder = Path(tempfile.mkdtemp(prefix="wa-bench-"))
    environment = {
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "FLASK_ENVIRONMENT": "production",
    }
    rounds: list[tuple[dict[str, float], dict[str, float]]] = []
    try:
        cookie = prepare_database(environment)
        lesson_app = Served("app:create_app()", LESSON_URL, environment, cookie)
        hello_app_ = Served("bench.bench_lesson_page:hello_app()", "/", environment)
        try:
            # Alternate the two, so a change in the machine's speed (other load, a noisy neighbour's
            # steal time) hits both alike; the median round is reported.
            for _round in range(arguments.rounds):
                rounds.append((hello_app_.measure(arguments.seconds), lesson_app.measure(arguments.seconds)))
        finally:
            lesson_app.stop()
            hello_app_.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'round':6}{'':14}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for number, (hello, lesson) in enumerate(rounds, start=1):
        for name, result in (("hello", hello), ("lesson page", lesson)):
            print(f"{number:<6}{name:14}{result['rps']:>10.0f}{result['p50']:>10.2f}{result['p99']:>10.2f}")
    ratios = sorted(lesson["rps"] / hello["rps"] for hello, lesson in rounds)
    print(f"ratio lesson/hello per round: {', '.join(f'{ratio:.2f}' for ratio in ratios)}")
    print(f"median ratio lesson/hello: {statistics.median(ratios):.2f} (target >= 0.35)")


if __name__ == "__main__":
    main()
