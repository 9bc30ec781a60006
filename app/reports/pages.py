"""Whole reports: call the figure services, then shape their numbers into ``ReportTable``s.

Each builder runs a fixed number of SQL statements, so a page's query count does not grow with data.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.courses.models import Course
from app.events.forms import GENDER_LABELS, ORGANISATION_TYPE_LABELS
from app.events.models import Event
from app.reports.cells import Cells
from app.reports.charts import bar_chart
from app.reports.services import course_report, dashboard, event_report
from app.reports.services.base import ReportFilters
from app.reports.tables import ReportTable, figures_table, share_table


@dataclass(frozen=True)
class Report:
    tables: list[ReportTable]

    def table(self, key: str) -> ReportTable | None:
        return next((table for table in self.tables if table.key == key), None)


def build_dashboard(session: Session, filters: ReportFilters, cells: Cells, event_limit: int | None = None) -> Report:
    """Headline figures, breakdowns by gender, organisation type, country, event and year.

    ``event_limit`` keeps only the events with the most attendees in the events table (pages stay light
    on slow links; exports pass None and list every event)."""
    figures = dashboard.dashboard_figures(session, filters)
    events = dashboard.event_rows(session, filters, figures.event_counts)
    total = figures.headline.participants

    def groups_of(dimension: str, labels: dict) -> list[tuple[str, int]]:
        return [
            (str(labels.get(group.key, group.key or _("Not stated"))), group.participants)
            for group in figures.groups
            if group.dimension == dimension
        ]

    return Report([
        _summary_table(figures, cells),
        share_table("gender", _("Participants by gender"), _("Gender"),
                    groups_of("gender", GENDER_LABELS), total, cells),
        share_table("organisation_type", _("Participants by organisation type"), _("Organisation type"),
                    groups_of("organisation_type", ORGANISATION_TYPE_LABELS), total, cells),
        share_table("country", _("Participants by country of residence"), _("Country"),
                    groups_of("country", {}), total, cells),
        _events_table(events, cells, event_limit),
        _years_table([group for group in figures.groups if group.dimension == "year"], cells),
    ])  # fmt: skip


def _summary_table(figures: dashboard.DashboardFigures, cells: Cells) -> ReportTable:
    head, completion, quizzes = figures.headline, figures.course_completion, figures.quiz_pass
    return figures_table("summary", _("Headline figures"), [
        (_("Events held"), head.events),
        (_("Cities"), head.cities),
        (_("Countries"), head.countries),
        (_("Unique participants"), cells.count(head.participants)),
        (_("Participant-days"), cells.count(head.participant_days)),
        (_("Repeat participants (two or more events)"), cells.count(head.repeat_participants)),
        (_("Participants of events with a linked course"), cells.count(completion.whole)),
        (_("Of them, completed a linked course"), cells.count(completion.part)),
        (_("Share who completed a linked course (%)"), cells.share(completion.part, completion.whole)),
        (_("Quizzes attempted (participant and quiz)"), cells.count(quizzes.whole)),
        (_("Quiz pass rate (%)"), cells.share(quizzes.part, quizzes.whole)),
    ])  # fmt: skip


def _events_table(rows: list[dashboard.EventRow], cells: Cells, limit: int | None = None) -> ReportTable:
    title = _("Participants by event")
    if limit is not None and len(rows) > limit:
        rows = sorted(rows, key=lambda row: (-row.attended, row.starts_on))[:limit]
        title = _(
            "Participants by event: the %(shown)s events with the most attendees (the exports list all)", shown=limit
        )
    table_rows = [
        [row.title, row.starts_on.isoformat(), row.city or "", row.country or "",
         cells.count(row.registered), cells.count(row.attended), cells.share(row.attended, row.registered)]
        for row in rows
    ]  # fmt: skip
    busiest = sorted(zip(rows, table_rows, strict=True), key=lambda pair: -pair[0].attended)
    return ReportTable(
        "events",
        title,
        [_("Event"), _("Starts on"), _("City"), _("Country"), _("Registered"), _("Attended"), _("Attendance rate (%)")],
        table_rows,
        chart=bar_chart([(f"{row.title} ({row.starts_on.year})", cells_row[5]) for row, cells_row in busiest]),
        chart_description=_("Attendees of the events with the most attendees; every event is in the table."),
        link_endpoint="reports.event_report",
        link_ids=[row.event_id for row in rows],
    )


def _years_table(groups: list[dashboard.GroupCount], cells: Cells) -> ReportTable:
    ordered = sorted(groups, key=lambda group: group.key or "")
    rows = [
        [group.key, group.events or 0, cells.count(group.participants), cells.count(group.participant_days)]
        for group in ordered
    ]
    return ReportTable(
        "years",
        _("Participants by year"),
        [_("Year"), _("Events held"), _("Participants"), _("Participant-days")],
        rows,
        chart=bar_chart([(row[0], row[2]) for row in rows]),
        chart_description=_("Unique participants per year; the same numbers are in the table."),
    )


def build_event_report(session: Session, event: Event, cells: Cells) -> Report:
    """Registered vs attended, per-session attendance, certificates, the cohort and knowledge gain."""
    summary = event_report.event_summary(session, event)
    sessions = event_report.session_rows(session, event)
    session_rows = [
        [item.title, item.held_on.isoformat(), cells.count(item.present), cells.count(item.late),
         cells.count(item.excused), cells.count(item.absent), cells.count(item.present + item.late),
         cells.share(item.present + item.late, summary.registered)]
        for item in sessions
    ]  # fmt: skip
    return Report([
        figures_table("summary", _("Event figures"), [
            (_("Registered participants"), cells.count(summary.registered)),
            (_("Attended (at least one session)"), cells.count(summary.attended)),
            (_("Attendance rate (%)"), cells.share(summary.attended, summary.registered)),
            (_("Sessions"), summary.sessions),
            (_("Certificates issued"), cells.count(summary.certificates)),
        ]),
        ReportTable(
            "sessions", _("Attendance per session"),
            [_("Session"), _("Date"), _("Present"), _("Late"), _("Excused"), _("Absent"), _("Attended"),
             _("Attendance rate (%)")],
            session_rows,
            chart=bar_chart([(f"{row[1]} {row[0]}", row[7]) for row in session_rows]),
            chart_description=_("Attendance rate per session, in percent of registered participants."),
        ),
        _cohort_table(session, event, cells),
        *_gain_tables(session, event, cells),
    ])  # fmt: skip


def _cohort_table(session: Session, event: Event, cells: Cells) -> ReportTable:
    rows = event_report.cohort_rows(session, event)
    return ReportTable(
        "cohort",
        _("Linked courses: progress of the participants"),
        [_("Course"), _("Attended the event"), _("With an account"), _("Enrolled"), _("Completed"),
         _("Completed, of those with an account (%)")],
        [[row.title, cells.count(row.participants), cells.count(row.with_account), cells.count(row.enrolled),
          cells.count(row.completed), cells.share(row.completed, row.with_account)] for row in rows],
        link_endpoint="reports.course_report",
        link_param="course_id",
        link_ids=[row.course_id for row in rows],
    )  # fmt: skip


def _gain_tables(session: Session, event: Event, cells: Cells) -> list[ReportTable]:
    overall = event_report.knowledge_gain_summary(session, event)
    people = event_report.knowledge_gain_rows(session, event)
    blank = "—"
    return [
        figures_table("knowledge_gain", _("Knowledge gain (pre-test and post-test)"), [
            (_("Took the pre-test"), cells.count(overall.pre_count)),
            (_("Mean best pre-test score (%)"), cells.mean(overall.pre_mean, overall.pre_count)),
            (_("Took the post-test"), cells.count(overall.post_count)),
            (_("Mean best post-test score (%)"), cells.mean(overall.post_mean, overall.post_count)),
            (_("Took both"), cells.count(overall.gain_count)),
            (_("Mean gain (percentage points)"), cells.mean(overall.gain_mean, overall.gain_count)),
        ]),
        ReportTable(
            "knowledge_gain_people", _("Knowledge gain per participant"),
            [_("Participant"), _("Pre-test (%)"), _("Post-test (%)"), _("Gain (points)")],
            [[row.name, blank if row.pre is None else row.pre, blank if row.post is None else row.post,
              blank if row.pre is None or row.post is None else round(row.post - row.pre, 1)] for row in people],
        ),
    ]  # fmt: skip


def build_course_report(session: Session, course: Course, cells: Cells) -> Report:
    """Enrolments, completions, quiz scores and the hardest questions of one course."""
    summary = course_report.course_summary(session, course)
    quizzes = course_report.quiz_rows(session, course)
    questions = course_report.hardest_questions(session, course)
    blank = "—"
    return Report([
        figures_table("summary", _("Course figures"), [
            (_("Enrolled"), cells.count(summary.enrolled)),
            (_("Completed"), cells.count(summary.completed)),
            (_("Completion rate (%)"), cells.share(summary.completed, summary.enrolled)),
        ]),
        ReportTable(
            "quizzes", _("Quizzes"),
            [_("Quiz"), _("Learners who submitted"), _("Mean best score (%)"), _("Passed"), _("Pass rate (%)")],
            [[row.title, cells.count(row.learners), cells.mean(row.mean_best, row.learners),
              cells.count(row.passed), cells.share(row.passed, row.learners)] for row in quizzes],
        ),
        ReportTable(
            "hardest_questions", _("Hardest questions"),
            [_("Quiz"), _("Question"), _("Graded answers"), _("Mean score (%)"), _("Answered correctly")],
            [[row.quiz_title, row.key, cells.count(row.responses),
              cells.mean(row.mean_percent, row.responses) if row.mean_percent is not None else blank,
              cells.count(row.correct)] for row in questions],
        ),
    ])  # fmt: skip
