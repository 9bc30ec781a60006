"""Real-browser fixtures: the app served in a thread over a fresh database with demo data, and Debian's
Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.db import Base
from app.db import db as db_session
from app.demo import load_demo_data
from tests.conftest import fresh_database

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = (configured, *CHROMIUM_CANDIDATES) if configured else CHROMIUM_CANDIDATES
    return next((path for path in candidates if path and Path(path).exists()), shutil.which("chromium"))


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app on a random loopback port, its database holding the demo data."""
    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        base_url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}"
    with fresh_database(base_url) as database_url:
        app = create_app({"ENVIRONMENT": "testing", "DATABASE_URL": database_url, "SECRET_KEY": "live-test"})
        Base.metadata.create_all(app.extensions["engine"])
        with app.app_context():
            load_demo_data(db_session)
            db_session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            thread.join(timeout=10)
            db_session.remove()
            app.extensions["engine"].dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium); .ci/run installs it")
        pytest.skip("Chromium is not installed here (apt-get install chromium); CI runs these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object, live_server: str) -> Iterator[object]:
    """A fresh browser context (no cookies) with a phone-or-desk viewport and the live server as base URL."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1024, "height": 768})
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: object, email: str, password: str = "water-academy-demo") -> None:
    """Sign in through the real form, as a person would."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
