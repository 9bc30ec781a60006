from sqlalchemy import func, select

from app.events.models import Attendance, Event, Person, Registration
from app.reports import pages
from app.reports.cells import Cells
from app.reports.scale import generate_scale
from app.reports.services.base import ReportFilters


def counts(db):
    return [db.scalar(select(func.count()).select_from(model)) for model in (Event, Person, Registration, Attendance)]


def test_demo_scale_command_builds_the_asked_sizes(app, db):
    result = app.test_cli_runner().invoke(
        args=["demo", "scale", "--events", "6", "--people", "200", "--attendance", "300", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    events, people, registrations, attendance = counts(db)
    assert (events, people, attendance) == (6, 200, 300)
    assert registrations > 0
    assert db.scalar(select(func.count()).where(Person.merged_into_id.is_not(None))) == 2
    assert db.scalar(select(func.count()).where(Event.title.like("Synthetic event %"))) == 6


def test_scale_is_deterministic_and_its_dashboard_counts_each_merged_person_once(db):
    generate_scale(db, events=4, people=100, attendance=200, seed=7)
    first = [tuple(row) for row in db.execute(select(Attendance.person_id, Attendance.status).order_by(Attendance.id))]
    report = dict(pages.build_dashboard(db, ReportFilters(), Cells(1)).table("summary").rows)
    kept = select(func.count(func.distinct(func.coalesce(Person.merged_into_id, Person.id))))
    assert report["Unique participants"] <= db.scalar(kept)
    db.rollback()
    generate_scale(db, events=4, people=100, attendance=200, seed=7)
    people_offset = db.scalar(select(func.min(Person.id)))
    second = [tuple(row) for row in db.execute(select(Attendance.person_id, Attendance.status).order_by(Attendance.id))]
    first_offset = min(person_id for person_id, _status in first)
    assert [(p - first_offset, s) for p, s in first] == [(p - people_offset, s) for p, s in second]
