"""Every figure of every report against the hand-built dataset (tests/reports/dataset.py explains it)."""

from datetime import date

import pytest

from app.events.models import AttendanceStatus, EventKind
from app.reports import pages
from app.reports.cells import Cells
from app.reports.services.base import ReportFilters
from tests.reports.dataset import build

EXACT = Cells(1)  # no suppression: the raw figures
DEFAULT = Cells(3)


@pytest.fixture()
def data(make):
    return build(make)


def rows(report, key):
    return report.table(key).rows


def test_headline_counts_merged_duplicates_once_and_ignores_cancelled_excused_and_trainers(db, data):
    report = pages.build_dashboard(db, ReportFilters(), EXACT)
    assert dict(rows(report, "summary")) == {
        "Events held": 3,  # E4 had nobody present
        "Cities": 3,  # Almaty, Astana, Tashkent
        "Countries": 2,  # Kazakhstan, Uzbekistan
        "Unique participants": 5,  # A (with A2), B, C, D, E; not F (cancelled), G (excused), T (trainer)
        "Participant-days": 9,  # E1: A 2 + B + C + D; E2: A once for two sessions on one day + C + E; E3: A
        "Repeat participants (two or more events)": 2,  # A (E1, E2 as A2, E3) and C (E1, E2)
        "Participants of events with a linked course": 4,  # E1's attendees A, B, C, D
        "Of them, completed a linked course": 1,  # A
        "Share who completed a linked course (%)": 25.0,
        "Quizzes attempted (participant and quiz)": 4,  # A-Q, A-post, B-Q, B-post (pre-tests do not count)
        "Quiz pass rate (%)": 75.0,  # B failed Q
    }


def test_breakdowns_use_the_kept_persons_attributes(db, data):
    report = pages.build_dashboard(db, ReportFilters(), EXACT)
    assert rows(report, "gender") == [["Female", 3, 60.0], ["Male", 2, 40.0]]
    assert rows(report, "organisation_type") == [["Ministry", 3, 60.0], ["NGO", 2, 40.0]]
    assert rows(report, "country") == [["KZ", 3, 60.0], ["KG", 1, 20.0], ["UZ", 1, 20.0]]
    assert rows(report, "years") == [["2019", 2, 5, 8], ["2020", 1, 1, 1]]
    assert rows(report, "events") == [
        ["Webinar", "2021-01-01", "Almaty", "Kazakhstan", 1, 0, 0.0],
        ["Study tour", "2020-05-05", "Tashkent", "Uzbekistan", 2, 1, 50.0],
        ['=HYPERLINK("http://x")', "2019-10-01", "Astana", "Kazakhstan", 3, 3, 100.0],
        ["Basin planning workshop", "2019-03-10", "Almaty", "Kazakhstan", 5, 4, 80.0],
    ]


def test_small_groups_and_their_shares_are_suppressed(db, data):
    report = pages.build_dashboard(db, ReportFilters(), DEFAULT)
    summary = dict(rows(report, "summary"))
    assert summary["Unique participants"] == 5
    assert summary["Repeat participants (two or more events)"] == "<3"
    assert summary["Of them, completed a linked course"] == "<3"
    assert summary["Share who completed a linked course (%)"] == "<3"
    assert summary["Events held"] == 3
    assert rows(report, "gender") == [["Female", 3, 60.0], ["Male", "<3", "<3"]]
    assert rows(report, "country") == [["KZ", 3, 60.0], ["KG", "<3", "<3"], ["UZ", "<3", "<3"]]
    assert rows(report, "events")[0] == ["Webinar", "2021-01-01", "Almaty", "Kazakhstan", "<3", 0, "<3"]
    assert rows(report, "years")[1] == ["2020", 1, "<3", "<3"]
    assert report.table("gender").chart.bars[1].value_label == "<3"
    assert report.table("gender").chart.bars[1].width == 0


@pytest.mark.parametrize(
    ("filters", "events", "participants", "days"),
    [
        (ReportFilters(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31)), 2, 5, 8),
        (ReportFilters(country="Uzbekistan"), 1, 1, 1),
        (ReportFilters(kind=EventKind.TRAINING), 1, 3, 3),
        (ReportFilters(date_from=date(2022, 1, 1)), 0, 0, 0),
    ],
)
def test_filters_choose_the_events(db, data, filters, events, participants, days):
    summary = dict(rows(pages.build_dashboard(db, filters, EXACT), "summary"))
    assert (summary["Events held"], summary["Unique participants"], summary["Participant-days"]) == (
        events,
        participants,
        days,
    )


def test_dashboard_counts_shared_days_once_and_folds_a_duplicate_registered_beside_its_kept_person(db, make):
    x = make.event(title="X", starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 2))  # two sessions on day 2
    x1, x2, x3 = (make.event_session(x, held_on=date(2020, 1, day)) for day in (1, 2, 2))
    y = make.event(title="Y", starts_on=date(2020, 2, 1), ends_on=date(2020, 2, 2))  # one session a day
    y1, y2 = (make.event_session(y, held_on=date(2020, 2, day)) for day in (1, 2))
    k, p, q, r = (make.person() for _ in range(4))
    d = make.person(merged_into_id=k.id)  # K's duplicate; its rows were not moved
    for event, person in ((x, k), (x, d), (x, p), (x, q), (y, d), (y, r)):
        make.registration(event, person)
    marks = [(x1, k), (x1, d), (x2, d), (x2, p), (x3, p), (y1, d), (y1, r), (y2, r)]
    for event_session, person in marks:
        make.attendance(event_session, person)
    make.attendance(x1, q, status=AttendanceStatus.ABSENT)
    report = pages.build_dashboard(db, ReportFilters(), EXACT)
    summary = dict(rows(report, "summary"))
    assert summary["Unique participants"] == 3  # K (with D), P, R; Q was absent
    assert summary["Participant-days"] == 6  # X: K 2 (day 1 as K and D, day 2 as D), P 1 (both on day 2); Y: K 1, R 2
    assert summary["Repeat participants (two or more events)"] == 1  # K, at Y as D
    assert [row[4:6] for row in rows(report, "events")] == [[2, 2], [3, 2]]  # Y, X: registered, attended
    assert rows(report, "years") == [["2020", 2, 3, 6]]


def test_event_report_figures(db, data):
    report = pages.build_event_report(db, data.e1, EXACT)
    assert dict(rows(report, "summary")) == {
        "Registered participants": 5,  # A, B, C, D, G
        "Attended (at least one session)": 4,
        "Attendance rate (%)": 80.0,
        "Sessions": 2,
        "Certificates issued": 1,  # B's was revoked
    }
    assert [row[1:] for row in rows(report, "sessions")] == [
        ["2019-03-10", 2, 1, 2, 0, 3, 60.0],  # present A B, late C, excused D G
        ["2019-03-11", 1, 1, 1, 1, 2, 40.0],  # present D, late A, excused G, absent B
    ]
    assert rows(report, "cohort") == [["Integrated water resources", 4, 3, 2, 1, 33.3]]
    assert dict(rows(report, "knowledge_gain")) == {
        "Took the pre-test": 3,
        "Mean best pre-test score (%)": 58.3,  # (50 + 75 + 50) / 3, B's best of two attempts
        "Took the post-test": 2,
        "Mean best post-test score (%)": 87.5,
        "Took both": 2,
        "Mean gain (percentage points)": 25.0,
    }
    assert rows(report, "knowledge_gain_people") == [
        ["Aigerim A", 50.0, 100.0, 50.0],
        ["Bota B", 75.0, 75.0, 0.0],
        ["Chingiz C", 50.0, "—", "—"],
    ]


def test_event_report_suppresses_small_cells_and_means_of_few_people(db, data):
    report = pages.build_event_report(db, data.e1, DEFAULT)
    assert rows(report, "sessions")[1][2:] == ["<3", "<3", "<3", "<3", "<3", "<3"]
    gain = dict(rows(report, "knowledge_gain"))
    assert gain["Mean best pre-test score (%)"] == 58.3
    assert gain["Mean best post-test score (%)"] == "<3"


def test_event_merged_duplicate_counts_as_the_kept_person(db, data):
    report = pages.build_event_report(db, data.e2, EXACT)
    assert dict(rows(report, "summary"))["Attended (at least one session)"] == 3
    assert [row[2:] for row in rows(report, "sessions")] == [[2, 0, 0, 0, 2, 66.7], [1, 1, 0, 0, 2, 66.7]]


def test_course_report_figures(db, data):
    report = pages.build_course_report(db, data.course, EXACT)
    assert dict(rows(report, "summary")) == {"Enrolled": 2, "Completed": 1, "Completion rate (%)": 50.0}
    assert rows(report, "quizzes") == [["Basins quiz", 2, 75.0, 1, 50.0]]
    assert rows(report, "hardest_questions") == [
        ["Basins quiz", "ph", 2, 50.0, 1],
        ["Basins quiz", "basin", 2, 100.0, 2],
    ]


def test_cells_rules():
    cells = Cells(3)
    assert [cells.count(value) for value in (0, 1, 2, 3, None)] == [0, "<3", "<3", 3, 0]
    assert cells.share(3, 4) == 75.0
    assert cells.share(2, 10) == "<3"
    assert cells.share(0, 10) == 0.0
    assert cells.share(1, 0) == "—"
    assert cells.mean(50.0, 2) == "<3"
    assert cells.mean(None, 5) == "—"
