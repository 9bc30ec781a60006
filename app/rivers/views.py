"""The public river data browser: stations by basin and river, station pages, basins, downloads."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from app.auth.policy import public
from app.db import db
from app.exports import XLSX_MIMETYPE, csv_lines, xlsx_chunks
from app.rivers import services
from app.rivers.charts import format_number
from app.rivers.forms import WpiCalculatorForm
from app.rivers.labels import WPI_CLASS_LABELS, WPI_REASONS, capitalized, parameter_name

bp = Blueprint("rivers", __name__)


@bp.app_template_filter("river_number")
def river_number(value: float | None) -> str:
    """A measured or computed number with up to four significant figures; blank for None."""
    return "" if value is None else format_number(value)


@bp.app_template_filter("parameter_name")
def parameter_name_filter(parameter: object, capital: bool = False) -> str:
    """A river parameter (model or code) named in the page's language; codes stay as they are."""
    code = getattr(parameter, "code", parameter)
    name = parameter_name(str(code), getattr(parameter, "name", ""))
    return capitalized(name) if capital else name


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}


@bp.route("/")
@public
def index() -> str:
    return render_template("rivers/index.html", index=services.list_stations(db))


@bp.route("/stations/<code>")
@public
def station(code: str) -> str:
    return render_template("rivers/station.html", page=services.station_page(db, code))


@bp.route("/stations/<code>/data.csv")
@public
def station_csv(code: str) -> Response:
    values = services.station_sheets(db, code)[0]
    return Response(csv_lines(values), mimetype="text/csv", headers=_attachment(f"{code}.csv"))


@bp.route("/stations/<code>/data.xlsx")
@public
def station_xlsx(code: str) -> Response:
    sheets = services.station_sheets(db, code)
    return Response(xlsx_chunks(sheets), mimetype=XLSX_MIMETYPE, headers=_attachment(f"{code}.xlsx"))


@bp.route("/basins/<slug>")
@public
def basin(slug: str) -> str:
    return render_template("rivers/basin.html", page=services.basin_page(db, slug))


@bp.route("/wpi")
@public
def wpi_calculator() -> tuple[str, int]:
    form = WpiCalculatorForm(formdata=request.args or None)
    working = None
    submitted = bool(request.args)
    if submitted and form.validate():
        working = services.calculate_wpi(form.rows())
    status = 400 if submitted and form.errors else 200
    labels = {"reasons": WPI_REASONS, "classes": WPI_CLASS_LABELS}
    return render_template("rivers/wpi.html", form=form, working=working, labels=labels), status
