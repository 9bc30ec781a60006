"""Configuration: the only module that reads ``os.environ``."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

INSTANCE_PATH = Path(__file__).resolve().parent.parent / "instance"
LANGUAGES = ("en", "ru", "kk")


class ConfigError(RuntimeError):
    """The configuration cannot run; the message says what to set."""


class DefaultConfig:
    ENVIRONMENT = "development"
    DATABASE_URL: str | None = None
    SECRET_KEY: str | None = None
    TESTING = False
    LANGUAGES = LANGUAGES
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session: long forms on slow links
    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT_MINUTES = 15
    USERS_PER_PAGE = 50
    #: reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none)
    PROXY_FIX_HOPS = 0
    #: serve repeat views of kept lesson pages without Flask's request machinery (app/courses/fast_lane.py)
    LESSON_FAST_LANE = True
    #: the time zone in which event session dates and times are entered and check-in windows are judged
    EVENTS_TIMEZONE = "Asia/Almaty"
    #: aggregated report cells below this many people are shown as "<N" so nobody can be identified
    REPORTS_MIN_CELL_SIZE = 3


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs (the driver we install)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def default_database_url(instance_path: Path = INSTANCE_PATH) -> str:
    return f"sqlite:///{instance_path / 'water-academy.sqlite3'}"


def database_url_from_env() -> str:
    """The database URL the environment asks for, or the SQLite default."""
    url = os.environ.get("DATABASE_URL") or default_database_url()
    return normalise_database_url(url)


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """DefaultConfig, then the environment, then ``overrides``."""
    config = {key: getattr(DefaultConfig, key) for key in dir(DefaultConfig) if key.isupper()}
    config.update(_environment_values())
    config.update(overrides or {})
    if config.get("DATABASE_URL"):
        config["DATABASE_URL"] = normalise_database_url(config["DATABASE_URL"])
    return config


def _environment_values() -> dict[str, Any]:
    values: dict[str, Any] = {}
    if os.environ.get("DATABASE_URL"):
        values["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        values["SECRET_KEY"] = os.environ["SECRET_KEY"]
    for name, raw in os.environ.items():
        if name.startswith("FLASK_") and name not in ("FLASK_APP", "FLASK_DEBUG", "FLASK_RUN_PORT"):
            values[name.removeprefix("FLASK_")] = _parse_env_value(raw)
    return values


def _parse_env_value(raw: str) -> Any:
    """Numbers and booleans from the environment arrive as their types (as Flask's from_prefixed_env)."""
    lowered = raw.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(raw)
    except ValueError:
        return raw


def check_config(config: dict[str, Any], instance_path: Path = INSTANCE_PATH) -> None:
    """Fill development defaults and refuse to run an unsafe production configuration."""
    environment = config.get("ENVIRONMENT")
    if environment not in ("development", "production", "testing"):
        raise ConfigError(f"ENVIRONMENT must be development, production or testing, not {environment!r}.")
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = default_database_url(instance_path)
    if environment == "production":
        if not config.get("SECRET_KEY"):
            raise ConfigError(
                "SECRET_KEY is not set. Production refuses to start without one: "
                "export SECRET_KEY to a long random string (see .env.example)."
            )
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
    elif not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = development_secret_key(instance_path)


def development_secret_key(instance_path: Path) -> str:
    """A random key generated once and kept in ``instance/`` so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
