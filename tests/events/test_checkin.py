"""Self check-in: a rotating code, valid only while the session runs, for registered participants."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth.models import Role
from app.events.models import Attendance, AttendanceStatus, RegistrationStatus
from app.events.services import checkin
from app.events.services.attendance import NotRegistered
from app.events.services.duplicates import merge_people, undo_merge

SECRET = "test"
ALMATY = timezone(timedelta(hours=5))
# 10:00 in Almaty on the session day (05:00 UTC)
DURING = datetime(2030, 3, 10, 5, 0, 20, tzinfo=UTC)


@pytest.fixture()
def setting(make):
    event = make.event(title="Check-in event")
    event_session = make.event_session(
        event, held_on=date(2030, 3, 10), start_time=time(9, 30), end_time=time(12, 0), title="Morning"
    )
    person = make.person(full_name="Checking Participant")
    user = make.user(person_id=person.id)
    make.registration(event, person)
    return event_session, person, user


def _check_in(db, event_session, user, code, now):
    return checkin.self_check_in(
        db,
        event_session,
        user_id=user.id,
        person_id=user.person_id,
        code=code,
        secret=SECRET,
        timezone=ALMATY,
        now=now,
    )


def test_code_rotates_every_minute_and_accepts_the_previous_one(db, setting):
    event_session, _person, user = setting
    code = checkin.current_code(SECRET, event_session, now=DURING).text
    assert code.startswith(f"{event_session.id}-")
    assert checkin.current_code(SECRET, event_session, now=DURING + timedelta(minutes=1)).text != code
    assert checkin.current_code(SECRET, event_session, now=DURING).seconds_left == 40
    checkin.check_code(SECRET, event_session, code.lower(), DURING + timedelta(seconds=50))
    with pytest.raises(checkin.CheckInCodeExpired):
        checkin.check_code(SECRET, event_session, code, DURING + timedelta(minutes=2))
    with pytest.raises(checkin.CheckInCodeExpired):
        checkin.check_code("another secret", event_session, code, DURING)


def test_self_check_in_records_present_without_a_recorder_and_audits_the_account(db, setting):
    event_session, person, user = setting
    code = checkin.current_code(SECRET, event_session, now=DURING).text
    attendance = _check_in(db, event_session, user, code, DURING)
    assert (attendance.person_id, attendance.status, attendance.recorded_by_id) == (
        person.id,
        AttendanceStatus.PRESENT,
        None,
    )
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "attendance.self_check_in"))
    assert entry.actor_id == user.id and entry.subject == f"attendances:{attendance.id}"
    again = _check_in(db, event_session, user, code, DURING + timedelta(seconds=5))
    assert again.id == attendance.id


def test_check_in_refuses_outside_the_session(db, setting):
    event_session, _person, user = setting
    early = datetime(2030, 3, 10, 3, 59, tzinfo=UTC)  # 08:59 local, before doors open at 09:00
    late = datetime(2030, 3, 10, 7, 1, tzinfo=UTC)  # 12:01 local
    for moment in (early, late, DURING + timedelta(days=1)):
        code = checkin.current_code(SECRET, event_session, now=moment).text
        with pytest.raises(checkin.CheckInWindowClosed):
            _check_in(db, event_session, user, code, moment)
    doors_open = datetime(2030, 3, 10, 4, 0, 5, tzinfo=UTC)
    _check_in(db, event_session, user, checkin.current_code(SECRET, event_session, now=doors_open).text, doors_open)


def test_check_in_refuses_people_who_are_not_registered(db, make, setting):
    event_session, _person, _user = setting
    code = checkin.current_code(SECRET, event_session, now=DURING).text
    for user in (make.user(), make.user(person_id=make.person().id)):
        with pytest.raises(NotRegistered):
            _check_in(db, event_session, user, code, DURING)
    cancelled = make.person()
    make.registration(event_session.event, cancelled, status=RegistrationStatus.CANCELLED)
    with pytest.raises(NotRegistered):
        _check_in(db, event_session, make.user(person_id=cancelled.id), code, DURING)


def test_merge_relinks_the_duplicates_account_and_undo_gives_it_back(db, make, setting):
    event_session, person, user = setting
    kept = make.person(full_name="Kept record")
    merge = merge_people(db, kept, person, actor_id=None)
    assert db.get(type(user), user.id).person_id == kept.id
    code = checkin.current_code(SECRET, event_session, now=DURING).text
    assert _check_in(db, event_session, user, code, DURING).person_id == kept.id
    undo_merge(db, merge, actor_id=None)
    assert db.get(type(user), user.id).person_id == person.id


def test_a_second_account_of_a_merged_duplicate_checks_in_as_the_kept_person(db, make, setting):
    event_session, person, user = setting
    kept = make.person(full_name="Kept record with an account")
    make.user(person_id=kept.id)
    merge_people(db, kept, person, actor_id=None)
    assert db.get(type(user), user.id).person_id == person.id  # the kept person keeps their own account
    code = checkin.current_code(SECRET, event_session, now=DURING).text
    assert _check_in(db, event_session, user, code, DURING).person_id == kept.id


@pytest.fixture()
def today_session(make):
    """A session without times held today in Kazakhstan, so check-in is open all day."""
    event = make.event(title="Today's event")
    today = datetime.now(ZoneInfo("Asia/Almaty")).date()
    event_session = make.event_session(event, held_on=today, title="All day")
    person = make.person()
    make.registration(event, person)
    return event_session, person


def test_participant_checks_in_through_the_link(app, client, db, make, login_as, today_session):
    event_session, person = today_session
    login_as(make.user(person_id=person.id))
    code = checkin.current_code(app.config["SECRET_KEY"], event_session).text
    page = client.get(f"/events/checkin?code={code}").get_data(as_text=True)
    assert f'value="{code}"' in page
    response = client.post("/events/checkin", data={"code": code})
    assert response.status_code == 200 and "All day" in response.get_data(as_text=True)
    mark = db.scalar(select(Attendance).where(Attendance.person_id == person.id))
    assert mark.status == AttendanceStatus.PRESENT and mark.recorded_by_id is None


def test_check_in_page_explains_wrong_codes(client, make, login_as, today_session):
    event_session, person = today_session
    login_as(make.user(person_id=person.id))
    response = client.post("/events/checkin", data={"code": f"{event_session.id}-AAAAAAAA"})
    assert response.status_code == 400 and "expired or is wrong" in response.get_data(as_text=True)
    response = client.post("/events/checkin", data={"code": "hello"})
    assert response.status_code == 400 and "not a check-in code" in response.get_data(as_text=True)
    assert client.post("/events/checkin", data={"code": ""}).status_code == 400


def test_check_in_needs_an_account(client, today_session):
    response = client.get("/events/checkin?code=1-AAAA")
    assert response.status_code == 302 and "login" in response.headers["Location"]


def test_coordinator_screen_shows_a_refreshing_qr_code(app, client, make, login_as, today_session):
    event_session, _person = today_session
    login_as(make.user(role=Role.COORDINATOR))
    page = client.get(f"/events/manage/sessions/{event_session.id}/checkin-code").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' in page and "<script" not in page
    assert f"/events/manage/sessions/{event_session.id}/checkin-code.svg" in page
    assert f"{event_session.id}-" in page
    image = client.get(f"/events/manage/sessions/{event_session.id}/checkin-code.svg")
    assert image.mimetype == "image/svg+xml" and b"<svg" in image.data
    assert image.headers["Cache-Control"] == "no-store"


def test_learners_cannot_open_the_coordinator_screen(client, make, login_as, today_session):
    event_session, _person = today_session
    login_as(make.user(role=Role.LEARNER))
    assert client.get(f"/events/manage/sessions/{event_session.id}/checkin-code").status_code == 403
    assert client.get(f"/events/manage/sessions/{event_session.id}/checkin-code.svg").status_code == 403
