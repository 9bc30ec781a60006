from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from app.db import UTCDateTime, make_engine


def test_sqlite_file_database_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_sqlite_savepoints_roll_back_only_the_inner_work(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'sp.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))
    with engine.connect() as connection, connection.begin():
        connection.execute(text("INSERT INTO notes VALUES ('kept')"))
        savepoint = connection.begin_nested()
        connection.execute(text("INSERT INTO notes VALUES ('dropped')"))
        savepoint.rollback()
        assert connection.execute(text("SELECT body FROM notes")).scalars().all() == ["kept"]
    engine.dispose()


def test_utc_datetime_stores_aware_values_as_utc():
    column_type = UTCDateTime()
    almaty = timezone(timedelta(hours=5))
    stored = column_type.process_bind_param(datetime(2026, 3, 1, 14, 0, tzinfo=almaty), None)
    assert stored == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert column_type.process_result_value(datetime(2026, 3, 1, 9, 0), None).tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        column_type.process_bind_param(datetime(2026, 3, 1, 9, 0), None)
