"""Attendance sheet: one tap per mark (no JS needed), audit, walk-ins, search, constant queries."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.audit import AuditEntry
from app.auth.models import Role
from app.events.models import Attendance, AttendanceStatus, Registration, RegistrationStatus
from app.events.services import attendance as attendance_services
from app.events.services.attendance import NotRegistered


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


@pytest.fixture()
def sheet(make):
    event_session = make.event_session(title="Day 1")
    person = make.person(full_name="Demo Participant 01")
    make.registration(event_session.event, person)
    return event_session, person


def test_sheet_refuses_learners_and_trainers(client, make, login_as, sheet):
    event_session, person = sheet
    for role in (Role.LEARNER, Role.TRAINER):
        login_as(make.user(role=role))
        url = f"/events/manage/sessions/{event_session.id}/attendance"
        assert client.get(url).status_code == 403
        assert client.post(url + "/mark", data={"person_id": person.id, "status": "present"}).status_code == 403


def test_tapping_a_status_records_attendance_and_audit(client, db, coordinator, sheet):
    event_session, person = sheet
    url = f"/events/manage/sessions/{event_session.id}/attendance/mark"
    response = client.post(url, data={"person_id": str(person.id), "status": "late"})
    assert response.status_code == 302
    assert f"#person-{person.id}" in response.headers["Location"]
    client.post(url, data={"person_id": str(person.id), "status": "present"})
    attendance = db.scalar(select(Attendance).where(Attendance.person_id == person.id))
    assert attendance.status == AttendanceStatus.PRESENT
    assert attendance.recorded_by_id == coordinator.id
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "attendance.recorded")).all()
    assert [(entry.details["from"], entry.details["to"]) for entry in entries] == [(None, "late"), ("late", "present")]
    assert all(entry.actor_id == coordinator.id for entry in entries)
    page = client.get(f"/events/manage/sessions/{event_session.id}/attendance").get_data(as_text=True)
    assert 'aria-pressed="true"' in page


def test_mark_answers_json_for_the_progressive_script(client, coordinator, sheet):
    event_session, person = sheet
    response = client.post(
        f"/events/manage/sessions/{event_session.id}/attendance/mark",
        data={"person_id": str(person.id), "status": "excused"},
        headers={"Accept": "application/json"},
    )
    assert response.get_json() == {"person_id": person.id, "status": "excused"}


def test_unknown_status_is_refused_without_writing(client, db, coordinator, sheet):
    event_session, person = sheet
    client.post(
        f"/events/manage/sessions/{event_session.id}/attendance/mark",
        data={"person_id": str(person.id), "status": "asleep"},
    )
    assert db.scalar(select(func.count(Attendance.id))) == 0


def test_person_not_registered_cannot_be_marked(client, db, make, coordinator, sheet):
    event_session, _person = sheet
    stranger = make.person()
    response = client.post(
        f"/events/manage/sessions/{event_session.id}/attendance/mark",
        data={"person_id": str(stranger.id), "status": "present"},
    )
    assert response.status_code == 400
    assert db.scalar(select(func.count(Attendance.id))) == 0


def test_cancelled_registration_cannot_be_marked(db, make, sheet):
    event_session, _person = sheet
    cancelled = make.person()
    make.registration(event_session.event, cancelled, status=RegistrationStatus.CANCELLED)
    with pytest.raises(NotRegistered):
        attendance_services.record_attendance(db, event_session, cancelled, AttendanceStatus.PRESENT, actor_id=None)


def test_walk_in_is_registered_and_marked_present(client, db, coordinator, sheet):
    event_session, _person = sheet
    response = client.post(
        f"/events/manage/sessions/{event_session.id}/attendance/walk-in",
        data={"walkin-full_name": "Demo Walk-in 01", "walkin-email": "walkin01@example.org"},
    )
    assert response.status_code == 302
    registration = db.scalar(
        select(Registration)
        .join(Registration.person)
        .where(Registration.event_id == event_session.event_id)
        .where(Registration.person.has(full_name="Demo Walk-in 01"))
    )
    assert registration.status == RegistrationStatus.CONFIRMED
    attendance = db.scalar(select(Attendance).where(Attendance.person_id == registration.person_id))
    assert attendance.status == AttendanceStatus.PRESENT


def test_walk_in_without_name_shows_error(client, db, coordinator, sheet):
    event_session, _person = sheet
    response = client.post(f"/events/manage/sessions/{event_session.id}/attendance/walk-in", data={})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_search_box_filters_the_sheet(client, make, coordinator, sheet):
    event_session, _person = sheet
    make.registration(event_session.event, make.person(full_name="Гаухар Бейсеева"))
    page = client.get(f"/events/manage/sessions/{event_session.id}/attendance", query_string={"q": "gaukhar"}).get_data(
        as_text=True
    )
    assert "Гаухар Бейсеева" in page
    assert "Demo Participant 01" not in page


def test_record_attendance_takes_now_explicitly(db, make, sheet):
    event_session, person = sheet
    moment = datetime(2030, 3, 10, 9, 5, tzinfo=UTC)
    attendance = attendance_services.record_attendance(
        db, event_session, person, AttendanceStatus.LATE, actor_id=None, now=moment
    )
    assert attendance.recorded_at == moment


def test_points_per_status_follow_the_event(make):
    event = make.event(points_present=3, points_late=2, points_excused=0)
    assert event.points_for(AttendanceStatus.PRESENT) == 3
    assert event.points_for(AttendanceStatus.LATE) == 2
    assert event.points_for(AttendanceStatus.EXCUSED) == 0
    assert make.event().points_for(AttendanceStatus.EXCUSED) == 1


def _register_many(make, event_session, count):
    for _ in range(count):
        person = make.person(organisation=make.organisation())
        make.registration(event_session.event, person)
        make.attendance(event_session, person, status=AttendanceStatus.LATE)


def test_sheet_query_count_is_constant_from_20_to_200(client, make, coordinator, count_queries):
    event_session = make.event_session()
    url = f"/events/manage/sessions/{event_session.id}/attendance"

    def measure():
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200
        return counter.count

    _register_many(make, event_session, 20)
    small = measure()
    _register_many(make, event_session, 180)
    assert measure() == small


def test_attendance_event_must_be_its_sessions_event(db, make):
    """The reports read attendances.event_id instead of the session's; the database refuses any other event."""
    event_session, other_event, person = make.event_session(), make.event(), make.person()
    db.add(
        Attendance(
            session_id=event_session.id, event_id=other_event.id, person_id=person.id, status=AttendanceStatus.PRESENT
        )
    )
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()
