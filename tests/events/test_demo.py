"""Events demo data: real WECOOP events with synthetic participants, loaded once."""

from datetime import date

from sqlalchemy import func, select

from app.events.demo import load_demo_events
from app.events.models import Attendance, Event, Person, Registration


def test_demo_events_load_real_wecoop_rows_with_synthetic_people_once(db):
    lines = load_demo_events(db, today=date(2030, 1, 1))
    assert "WECOOP" in lines[0]
    vienna = db.scalar(select(Event).where(Event.source_reference.like("WEC-06:%")))
    assert vienna.city == "Vienna"
    assert vienna.starts_on == date(2018, 10, 15) and vienna.kind.value == "study_tour"
    assert len(vienna.sessions) == 5
    assert db.scalar(select(Event).where(Event.source_reference.like("WEC-01:%"))) is None  # project phase
    assert db.scalar(select(Event).where(Event.source_reference.like("WEC-09:%"))) is None  # no date
    names = db.scalars(select(Person.full_name)).all()
    assert names and all("Demo" in name for name in names)
    assert db.scalar(select(func.count(Registration.id))) > 0
    assert db.scalar(select(func.count(Attendance.id))) > 0
    assert load_demo_events(db, today=date(2030, 1, 1)) == ["demo events already present"]
