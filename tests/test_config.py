import pytest

from app import create_app
from app.config import ConfigError, check_config, load_config, normalise_database_url


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app({"ENVIRONMENT": "production", "DATABASE_URL": "sqlite://"})


def test_production_sets_secure_cookies():
    config = load_config({"ENVIRONMENT": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": "sqlite://"})
    check_config(config)
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]


def test_development_generates_one_secret_key_and_keeps_it(tmp_path):
    first = load_config({"SECRET_KEY": None})
    check_config(first, instance_path=tmp_path)
    second = load_config({"SECRET_KEY": None})
    check_config(second, instance_path=tmp_path)
    assert len(first["SECRET_KEY"]) >= 64 and first["SECRET_KEY"] == second["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_defaults_to_sqlite_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = load_config({"SECRET_KEY": "x"})
    check_config(config, instance_path=tmp_path)
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'water-academy.sqlite3'}"


def test_environment_variables_reach_config(monkeypatch):
    monkeypatch.setenv("FLASK_LOGIN_MAX_FAILURES", "9")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    config = load_config()
    assert config["LOGIN_MAX_FAILURES"] == 9
    assert config["DATABASE_URL"] == "postgresql+psycopg://u@h/d"


def test_normalise_database_url_keeps_other_drivers():
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalise_database_url("postgres://a/b") == "postgresql+psycopg://a/b"


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError):
        check_config(load_config({"ENVIRONMENT": "staging", "SECRET_KEY": "x"}))
