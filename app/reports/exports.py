"""Report downloads: XLSX (one sheet per table), CSV (one table per file, ``?table=``), attendance rows."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from flask import Response, abort, request, stream_with_context
from flask_babel import gettext as _

from app.auth.models import Role
from app.auth.policy import role_required
from app.courses.models import Course
from app.db import db, get_or_404
from app.events.models import Event
from app.exports import UTF8_BOM, XLSX_MIMETYPE, Sheet, csv_lines, safe_cell, xlsx_chunks
from app.reports import pages
from app.reports.services.attendance_export import attendance_rows
from app.reports.views import bp, cells, filter_form

FORMATS = ("csv", "xlsx")
#: rows per streamed chunk of the attendance export
ROWS_PER_CHUNK = 500


class _LineWriter:
    """A file for csv.writer whose write() hands the formatted line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def streamed_csv(sheet: Sheet) -> Iterator[str]:
    """CSV of a sheet whose rows are read lazily (``app.exports.csv_lines`` unpacks every row first)."""
    writer = csv.writer(_LineWriter())
    yield UTF8_BOM + writer.writerow([safe_cell(cell) for cell in sheet.header])
    chunk: list[str] = []
    for row in sheet.rows:
        chunk.append(writer.writerow([safe_cell(cell) for cell in row]))
        if len(chunk) == ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def download(report: pages.Report, filename: str, file_format: str) -> Response:
    """The whole report as XLSX, or the table named by ``?table=`` (default: the first) as CSV."""
    if file_format not in FORMATS:
        abort(404)
    if file_format == "xlsx":
        response = Response(xlsx_chunks([table.sheet() for table in report.tables]), mimetype=XLSX_MIMETYPE)
    else:
        table = report.table(request.args.get("table", report.tables[0].key))
        if table is None:
            abort(404)
        filename = f"{filename}-{table.key}"
        response = Response(csv_lines(table.sheet()), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@bp.route("/export.<file_format>")
@role_required(Role.COORDINATOR)
def export_dashboard(file_format: str) -> Response:
    form = filter_form()
    if not form.validate():
        abort(400)
    return download(pages.build_dashboard(db, form.filters(), cells()), "report", file_format)


@bp.route("/events/<int:event_id>/export.<file_format>")
@role_required(Role.COORDINATOR)
def export_event(event_id: int, file_format: str) -> Response:
    event = get_or_404(Event, event_id)
    return download(pages.build_event_report(db, event, cells()), f"event-{event.id}-report", file_format)


@bp.route("/courses/<int:course_id>/export.<file_format>")
@role_required(Role.COORDINATOR)
def export_course(course_id: int, file_format: str) -> Response:
    course = get_or_404(Course, course_id)
    return download(pages.build_course_report(db, course, cells()), f"course-{course.id}-report", file_format)


@bp.route("/attendance.csv")
@role_required(Role.COORDINATOR)
def export_attendance() -> Response:
    """Every attendance mark of the filtered events, streamed as it is read."""
    form = filter_form()
    if not form.validate():
        abort(400)
    header = [_("Event id"), _("Event"), _("City"), _("Country"), _("Date"), _("Session"), _("Person id"),
              _("Name"), _("Organisation"), _("Status")]  # fmt: skip
    sheet = Sheet(_("Attendance"), header, attendance_rows(db, form.filters()))
    response = Response(stream_with_context(streamed_csv(sheet)), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="attendance.csv"'
    return response
