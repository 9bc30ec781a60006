import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth.models import Role
from app.events.models import AssessmentKind, EventAssessment, EventCourseLink
from tests.reports.dataset import build


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(Role.COORDINATOR))


@pytest.fixture()
def data(make):
    return build(make)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize("role", [Role.LEARNER, Role.TRAINER])
@pytest.mark.parametrize(
    "url", ["/reports/", "/reports/summary", "/reports/export.xlsx", "/reports/attendance.csv", "/reports/events/{e}",
            "/reports/events/{e}/export.csv", "/reports/courses/{c}"]
)  # fmt: skip
def test_learners_and_trainers_get_403(client, make, login_as, data, role, url):
    login_as(make.user(role))
    assert client.get(url.format(e=data.e1.id, c=data.course.id)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/reports/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_learners_cannot_link_courses(client, make, login_as, data):
    login_as(make.user(Role.LEARNER))
    response = client.post(f"/reports/events/{data.e1.id}/courses", data={"course_id": data.course.id})
    assert response.status_code == 403


def test_dashboard_shows_figures_suppressed_cells_charts_and_a_nav_link(client, coordinator, data):
    response = client.get("/reports/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'href="/reports/"' in page  # the nav link
    assert "Unique participants" in page
    assert "&lt;3" in page
    assert page.count("<svg") == 5  # gender, organisation type, country, event, year
    assert '<title id="chart-gender-title">Participants by gender</title>' in page
    assert f'href="/reports/events/{data.e1.id}"' in page


def test_dashboard_filter_narrows_and_bad_filter_is_explained(client, coordinator, data):
    page = client.get("/reports/?country=Uzbekistan").get_data(as_text=True)
    assert "Study tour" in page and "Basin planning workshop" not in page
    response = client.get("/reports/?date_from=2020-01-01&date_to=2019-01-01")
    assert response.status_code == 400
    assert "must not be before its start" in response.get_data(as_text=True)
    assert client.get("/reports/?country=Atlantis").status_code == 400
    assert client.get("/reports/?date_from=not-a-date").status_code == 400


def test_nav_link_hidden_from_learners(client, make, login_as):
    login_as(make.user(Role.LEARNER))
    assert 'href="/reports/"' not in client.get("/courses/").get_data(as_text=True)


def test_csv_export_suppresses_small_cells_and_neutralises_formulas(client, coordinator, data):
    gender = csv_rows(client.get("/reports/export.csv?table=gender"))
    assert gender == [
        ["Gender", "Participants", "Share of participants (%)"],
        ["Female", "3", "60.0"],
        ["Male", "<3", "<3"],
    ]
    events = csv_rows(client.get("/reports/export.csv?table=events"))
    assert ['\'=HYPERLINK("http://x")', "2019-10-01", "Astana", "Kazakhstan", "3", "3", "100.0"] in events
    assert client.get("/reports/export.csv?table=nothing").status_code == 404
    assert client.get("/reports/export.pdf").status_code == 404


def test_xlsx_export_has_one_sheet_per_table_with_safe_and_suppressed_cells(client, coordinator, data):
    response = client.get("/reports/export.xlsx?date_to=2030-01-01")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    assert len(workbook.sheetnames) == 6
    gender = [list(row) for row in workbook["Participants by gender"].iter_rows(values_only=True)]
    assert gender[2] == ["Male", "<3", "<3"]
    titles = [row[0] for row in workbook["Participants by event"].iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://x")' in titles


def test_event_and_course_exports(client, coordinator, data):
    sessions = csv_rows(client.get(f"/reports/events/{data.e1.id}/export.csv?table=sessions"))
    assert sessions[2][1:] == ["2019-03-11", "<3", "<3", "<3", "<3", "<3", "<3"]
    workbook = load_workbook(io.BytesIO(client.get(f"/reports/courses/{data.course.id}/export.xlsx").data))
    assert workbook.sheetnames == ["Course figures", "Quizzes", "Hardest questions"]


def test_attendance_export_streams_every_mark_of_the_chosen_events(client, coordinator, data):
    response = client.get("/reports/attendance.csv?country=Uzbekistan")
    assert response.is_streamed
    rows = csv_rows(response)
    assert rows[0][0] == "Event id"
    assert sorted(row[7] for row in rows[1:]) == ["Aigerim A", "Dilnoza D"]
    everything = csv_rows(client.get("/reports/attendance.csv"))
    assert len(everything) == 1 + 19
    merged = next(row for row in everything if row[7] == "Aigerim A.")
    assert merged[6] == str(data.a.id)  # the duplicate's marks carry the kept person's id


def test_printable_summary(client, coordinator, data):
    page = client.get("/reports/summary?date_from=2019-01-01&kind=workshop").get_data(as_text=True)
    assert "Report summary" in page
    assert "2019-01-01" in page and "Workshop" in page
    assert "Headline figures" in page


def test_event_report_page_and_linking(client, coordinator, data, make, db):
    page = client.get(f"/reports/events/{data.e1.id}").get_data(as_text=True)
    assert "Knowledge gain per participant" in page and "Aigerim A" in page
    other = make.course(title="Drinking water safety")
    response = client.post(f"/reports/events/{data.e2.id}/courses", data={"course_id": other.id})
    assert response.status_code == 302
    assert db.scalar(select(EventCourseLink.id).where(EventCourseLink.event_id == data.e2.id)) is not None
    again = client.post(f"/reports/events/{data.e2.id}/courses", data={"course_id": other.id})
    assert again.status_code == 409
    assert "already linked" in again.get_data(as_text=True)
    assert client.post(f"/reports/events/{data.e2.id}/courses", data={"course_id": 999999}).status_code == 400
    response = client.post(
        f"/reports/events/{data.e2.id}/assessments", data={"pre_quiz_id": data.pre.id, "post_quiz_id": 0}
    )
    assert response.status_code == 302
    kinds = db.scalars(select(EventAssessment.kind).where(EventAssessment.event_id == data.e2.id)).all()
    assert kinds == [AssessmentKind.PRE]
    client.post(f"/reports/events/{data.e2.id}/courses/{other.id}/unlink")
    assert db.scalar(select(EventCourseLink.id).where(EventCourseLink.event_id == data.e2.id)) is None
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.subject == f"events:{data.e2.id}")).all()
    assert sorted(actions) == ["event.assessments_set", "event.course_linked", "event.course_unlinked"]


def test_course_report_page(client, coordinator, data):
    page = client.get(f"/reports/courses/{data.course.id}").get_data(as_text=True)
    assert "Hardest questions" in page and "ph" in page


def _grow(make, count):
    for number in range(count):
        event = make.event(title=f"Extra {number}", starts_on=date(2019, 6, 1), ends_on=date(2019, 6, 1))
        event_session = make.event_session(event)
        for _index in range(3):
            person = make.person()
            make.registration(event, person)
            make.attendance(event_session, person)


@pytest.mark.parametrize("url", ["/reports/", "/reports/events/{e}", "/reports/courses/{c}", "/reports/summary"])
def test_report_query_count_does_not_grow_with_data(client, make, coordinator, data, count_queries, url):
    url = url.format(e=data.e1.id, c=data.course.id)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    _grow(make, 6)
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert small.count == large.count
    assert small.count <= 12


def test_attendance_export_neutralises_formulas_in_names(client, coordinator, make):
    event = make.event(title="+SUM(A1)", country="Kazakhstan")
    event_session = make.event_session(event)
    person = make.person(full_name="=cmd|' /C calc'!A0")
    make.registration(event, person)
    make.attendance(event_session, person)
    rows = csv_rows(client.get("/reports/attendance.csv"))
    row = next(row for row in rows if row[0] == str(event.id))
    assert row[1] == "'+SUM(A1)"
    assert row[7] == "'=cmd|' /C calc'!A0"


def test_dashboard_lists_the_busiest_events_and_the_export_lists_all(client, coordinator, data, make, monkeypatch):
    from app.reports import views

    monkeypatch.setattr(views, "DASHBOARD_EVENT_ROWS", 1)
    page = client.get("/reports/").get_data(as_text=True)
    assert "the 1 events with the most attendees" in page
    listed = [row for row in csv_rows(client.get("/reports/export.csv?table=events"))[1:] if row]
    assert len(listed) > 1
