"""Sign-in sheet import: stash in the database, preview (errors, suggestions), confirm in one go."""

import io

import pytest
from sqlalchemy import func, select

from app.audit import AuditEntry
from app.auth.models import Role
from app.events.models import Attendance, AttendanceStatus, Person, Registration, SigninUpload

SHEET = (
    "ФИО,Организация,E-mail,День 1,День 2\n"
    "Бейсеева Гаухар,Demo Basin Inspection,g.beiseeva@example.org,+,опоздал\n"
    "Demo Newcomer,Demo Water Utility,newcomer@example.org,+,-\n"
)


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


@pytest.fixture()
def event(make):
    event = make.event()
    make.event_session(event, title="Day 1")
    make.event_session(event, title="Day 2", held_on=event.ends_on)
    return event


def upload(client, event, text, filename="sheet.csv", encoding="utf-8"):
    return client.post(
        f"/events/manage/{event.id}/import",
        data={"sheet": (io.BytesIO(text.encode(encoding)), filename)},
        content_type="multipart/form-data",
    )


def test_preview_writes_nothing_and_suggests_the_known_person(client, db, make, coordinator, event):
    known = make.person(full_name="Gaukhar Beiseyeva", email="g.beiseeva@example.org")
    people_before = db.scalar(select(func.count(Person.id)))
    response = upload(client, event, SHEET, encoding="cp1251")
    assert response.status_code == 302
    stored = db.scalar(select(SigninUpload).where(SigninUpload.event_id == event.id))
    assert stored.content.startswith("ФИО".encode("cp1251"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Бейсеева Гаухар" in page and "Demo Newcomer" in page
    assert f'value="{known.id}" checked' in page
    assert db.scalar(select(func.count(Person.id))) == people_before
    assert db.scalar(select(func.count(Registration.id))) == 0


def test_confirm_writes_people_registrations_and_marks(client, db, make, coordinator, event):
    known = make.person(full_name="Gaukhar Beiseyeva", email="g.beiseeva@example.org")
    location = upload(client, event, SHEET).headers["Location"]
    response = client.post(location, data={})
    assert response.status_code == 302
    registered = set(db.scalars(select(Registration.person_id).where(Registration.event_id == event.id)))
    newcomer = db.scalar(select(Person).where(Person.full_name == "Demo Newcomer"))
    assert registered == {known.id, newcomer.id}
    assert newcomer.organisation.name == "Demo Water Utility"
    marks = {
        (attendance.person_id, attendance.session.title): attendance.status
        for attendance in db.scalars(select(Attendance))
    }
    assert marks[(known.id, "Day 1")] == AttendanceStatus.PRESENT
    assert marks[(known.id, "Day 2")] == AttendanceStatus.LATE
    assert marks[(newcomer.id, "Day 2")] == AttendanceStatus.ABSENT
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "signin_sheet.imported")) is not None
    assert client.post(location, data={}).status_code == 409


def test_coordinator_can_choose_a_new_person_instead_of_the_suggestion(client, db, make, coordinator, event):
    known = make.person(full_name="Gaukhar Beiseyeva", email="g.beiseeva@example.org")
    location = upload(client, event, SHEET).headers["Location"]
    client.post(location, data={"row-2": "new"})
    assert db.scalar(select(Registration).where(Registration.person_id == known.id)) is None
    assert db.scalar(select(Person).where(Person.full_name == "Бейсеева Гаухар")) is not None


def test_choosing_a_person_that_was_not_suggested_is_refused(client, db, make, coordinator, event):
    stranger = make.person(full_name="Unrelated Person")
    location = upload(client, event, SHEET).headers["Location"]
    response = client.post(location, data={"row-2": str(stranger.id)})
    assert response.status_code == 400
    assert db.scalar(select(func.count(Registration.id))) == 0


def test_sheet_with_errors_lists_row_and_column_and_cannot_be_confirmed(client, db, coordinator, event):
    bad = "ФИО,E-mail,День 1\nDemo One,not-an-email,+\nDemo Two,two@example.org,maybe\n"
    location = upload(client, event, bad).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert "not-an-email" in page and "E-mail" in page
    assert "Import all rows" not in page
    assert client.post(location, data={}).status_code == 400
    assert db.scalar(select(func.count(Person.id)).where(Person.full_name.like("Demo %"))) == 0


def test_more_attendance_columns_than_sessions_is_an_error(client, coordinator, event):
    sheet = "ФИО,День 1,День 2,День 3\nDemo One,+,+,+\n"
    page = client.get(upload(client, event, sheet).headers["Location"]).get_data(as_text=True)
    assert "3 attendance columns" in page


def test_upload_requires_a_file_and_coordinator(client, make, login_as, event):
    login_as(make.user(role=Role.LEARNER))
    assert upload(client, event, SHEET).status_code == 403
    login_as(make.user(role=Role.COORDINATOR))
    assert client.post(f"/events/manage/{event.id}/import", data={}).status_code == 400
