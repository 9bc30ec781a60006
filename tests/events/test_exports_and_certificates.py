"""Exports (CSV, XLSX, formula-safe), iCalendar files and certificates of attendance."""

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.auth.models import Role
from app.events import ics
from app.events.models import AttendanceStatus, Certificate
from app.events.services import certificates as certificate_services
from app.events.services import duplicates as duplicate_services


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


@pytest.fixture()
def event_with_marks(make):
    event = make.event(title="Export test event")
    sessions = [make.event_session(event, title=f"Day {number}") for number in (1, 2, 3, 4, 5)]
    good = make.person(full_name="Demo Participant 01")
    hostile = make.person(full_name='=HYPERLINK("http://evil")')
    for person in (good, hostile):
        make.registration(event, person)
    for event_session in sessions[:4]:
        make.attendance(event_session, good)
    make.attendance(sessions[0], hostile, status=AttendanceStatus.LATE)
    return event, good, hostile


def test_participant_csv_neutralises_formulas(client, coordinator, event_with_marks):
    event, _good, _hostile = event_with_marks
    response = client.get(f"/events/manage/{event.id}/participants.csv")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Demo Participant 01" in text
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_attendance_xlsx_is_a_people_by_sessions_matrix_with_points(client, coordinator, event_with_marks):
    event, _good, _hostile = event_with_marks
    response = client.get(f"/events/manage/{event.id}/attendance.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1].endswith("Day 1") and len(rows[0]) == 8
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Demo Participant 01"][1:6] == ("present",) * 4 + (None,)
    assert by_name["Demo Participant 01"][6:] == (8, 80)
    assert by_name['\'=HYPERLINK("http://evil")'][6:] == (1, 20)


def test_exports_refuse_learners_and_unknown_formats(client, make, login_as, event_with_marks):
    event, _good, _hostile = event_with_marks
    login_as(make.user(role=Role.COORDINATOR))
    assert client.get(f"/events/manage/{event.id}/attendance.pdf").status_code == 404
    login_as(make.user(role=Role.LEARNER))
    assert client.get(f"/events/manage/{event.id}/participants.csv").status_code == 403


def test_calendar_escapes_text_and_ends_after_the_last_day(make):
    event = make.event(title="Water, quality; and more", starts_on=date(2030, 5, 12), ends_on=date(2030, 5, 14))
    text = ics.calendar([event], host="example.org", stamp=datetime(2030, 1, 1, tzinfo=UTC))
    assert "SUMMARY:Water\\, quality\\; and more\r\n" in text
    assert "DTSTART;VALUE=DATE:20300512" in text and "DTEND;VALUE=DATE:20300515" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_long_cyrillic_lines_fold_without_breaking_characters():
    folded = ics.fold_line("SUMMARY:" + "Водные ресурсы " * 20)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "Водные ресурсы " * 20


def test_upcoming_feed_is_public_and_lists_open_events(client, make):
    make.event(title="Open future event", is_open_for_registration=True, starts_on=date(2099, 1, 1), ends_on=None)
    make.event(title="Closed event", starts_on=date(2099, 1, 1), ends_on=None)
    response = client.get("/events/upcoming.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert "Open future event" in text and "Closed event" not in text


def test_certificates_follow_the_80_percent_rule_and_verify_publicly(client, db, make, coordinator, event_with_marks):
    event, good, hostile = event_with_marks
    assert client.post(f"/events/manage/{event.id}/certificates/issue").status_code == 302
    certificates = db.scalars(select(Certificate).where(Certificate.event_id == event.id)).all()
    assert [certificate.person_id for certificate in certificates] == [good.id]
    certificate = certificates[0]
    assert (certificate.sessions_attended, certificate.sessions_total) == (4, 5)
    client.post(f"/events/manage/{event.id}/certificates/issue")
    assert len(db.scalars(select(Certificate).where(Certificate.event_id == event.id)).all()) == 1
    client.post("/logout")
    anonymous = client.application.test_client()
    page = anonymous.get(f"/certificates/{certificate.code.lower()}").get_data(as_text=True)
    assert "This certificate is valid." in page and "Demo Participant 01" in page and event.title in page
    assert good.email is None or good.email not in page
    assert anonymous.get("/certificates/NOSUCHCODE").status_code == 404


def test_revoke_and_reissue(client, db, make, coordinator, event_with_marks):
    event, _good, _hostile = event_with_marks
    client.post(f"/events/manage/{event.id}/certificates/issue")
    first = db.scalar(select(Certificate))
    client.post(f"/events/manage/certificates/{first.id}/reissue")
    assert first.revoked_at is not None
    second = db.scalar(select(Certificate).where(Certificate.revoked_at.is_(None)))
    assert second.code != first.code
    assert "revoked" in client.get(f"/certificates/{first.code}").get_data(as_text=True)
    client.post(f"/events/manage/certificates/{second.id}/revoke")
    assert second.revoked_at is not None
    assert client.post(f"/events/manage/certificates/{second.id}/revoke").status_code == 409


def test_certificate_follows_the_kept_person_after_a_merge(db, make, event_with_marks):
    event, good, _hostile = event_with_marks
    certificate_services.issue_certificates(db, event, actor_id=None)
    kept = make.person(full_name="Demo Participant 01 (kept)")
    duplicate_services.merge_people(db, kept, good, actor_id=None)
    assert db.scalar(select(Certificate.person_id)) == kept.id
