"""The public river data browser: pages, charts, sources, downloads and constant query counts."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from app.rivers.models import Measurement, Parameter


@pytest.fixture()
def river(make):
    """One station with zinc over three months against a 0.01 mg/l limit, and a class row."""
    source = make.river_source(code="SRC_BULLETIN", citation="Kazhydromet bulletin (test)", reliability="**A** test")
    station = make.river_station(source=source, code="KZ-ULBA", river="Ulba", basin="Ertis", basin_slug="ertis")
    zinc = make.river_parameter(code="Zn", name="zinc")
    klass = make.river_parameter(code="class_Zn", name="class reported for zinc", dimension="category")
    make.river_standard(zinc, 0.01, source=make.river_source(code="SRC_LIMIT", citation="Fishery norms (test)"))
    for month, value in ((1, 0.244), (2, 0.005), (4, 0.62)):
        make.river_measurement(station, zinc, date(2025, month, 1), value, source=source)
    make.river_measurement(station, klass, date(2025, 1, 1), None, source=source, value_text="IV", unit="")
    return station


def test_station_page_is_public_and_draws_an_accessible_chart(client, river):
    response = client.get("/rivers/stations/KZ-ULBA")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'role="img"' in page and '<title id="chart-Zn-title">zinc at Ulba over time</title>' in page
    assert '<desc id="chart-Zn-desc">3 values from 2025-01 to 2025-04 in mg/l.' in page
    assert 'class="chart-limit"' in page
    assert page.count("chart-point-over") == 2
    assert "<script" not in page


def test_station_table_marks_each_value_against_the_limit_in_words(client, river):
    page = client.get("/rivers/stations/KZ-ULBA").get_data(as_text=True)
    assert "<strong>24.4×</strong>" in page and "<strong>62×</strong>" in page
    assert page.count("▲ over the limit") == 2
    assert '0.5× <span class="badge badge-ok">within the limit</span>' in page
    assert "<td>IV</td>" in page  # the class reported for that month


def test_station_page_shows_sources_and_caveats(client, river):
    page = client.get("/rivers/stations/KZ-ULBA").get_data(as_text=True)
    assert "Kazhydromet bulletin (test)" in page and "Fishery norms (test)" in page
    assert "**A** test" in page
    assert "each month's worst substance" in page


def test_unknown_station_and_basin_are_404(client, db):
    assert client.get("/rivers/stations/NOPE").status_code == 404
    assert client.get("/rivers/basins/nope").status_code == 404


def test_index_groups_stations_by_basin_and_river_and_is_in_the_nav(client, river, make):
    make.river_station(code="KZ-OTHER", river="Other", basin="Zhaiyk", basin_slug="zhaiyk")
    page = client.get("/rivers/").get_data(as_text=True)
    assert "Basin: Ertis" in page and "Basin: Zhaiyk" in page
    assert page.index("Basin: Ertis") < page.index("KZ-ULBA") < page.index("Basin: Zhaiyk") < page.index("KZ-OTHER")
    assert "4 values" in page
    assert 'href="/rivers/"' in client.get("/").get_data(as_text=True)


def test_basin_page_compares_each_stations_maximum_with_the_limit(client, river, make):
    clean = make.river_station(code="KZ-CLEAN", river="Clean", basin="Ertis", basin_slug="ertis")
    zinc = make.session.scalar(select(Parameter).where(Parameter.code == "Zn"))
    make.river_measurement(clean, zinc, date(2025, 1, 1), 0.004)
    page = client.get("/rivers/basins/ertis").get_data(as_text=True)
    assert "<strong>62×</strong>" in page and "0.4×" in page
    assert 'class="chart-bar chart-bar-over"' in page and page.count('class="chart-bar"') == 1
    assert "Fishery norms (test)" in page and "Kazhydromet bulletin (test)" in page


def test_csv_download_has_values_limits_and_neutralised_text(client, river, make, db):
    db.execute(update(Measurement).where(Measurement.value == 0.62).values(note='=HYPERLINK("x")'))
    db.commit()
    response = client.get("/rivers/stations/KZ-ULBA/data.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="KZ-ULBA.csv"'
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    assert [row["period"] for row in rows] == ["2025-01", "2025-02", "2025-04"]
    assert rows[0]["multiple_of_kazakh_limit"] == "24.4" and rows[0]["over_kazakh_limit"] == "yes"
    assert rows[0]["reported_class"] == "IV" and rows[0]["source_id"] == "SRC_BULLETIN"
    assert rows[2]["note"] == '\'=HYPERLINK("x")'


def test_xlsx_download_has_values_sources_and_caveats(client, river):
    response = client.get("/rivers/stations/KZ-ULBA/data.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["values", "sources", "caveats"]
    values = list(workbook["values"].iter_rows(values_only=True))
    assert values[0][0] == "station" and len(values) == 4 and values[1][7] == 0.244
    assert {row[0] for row in workbook["sources"].iter_rows(min_row=2, values_only=True)} == {
        "SRC_BULLETIN",
        "SRC_LIMIT",
    }


def add_stations(make, count, months):
    source = make.river_source()
    parameters = [make.river_parameter() for _ in range(3)]
    for parameter in parameters:
        make.river_standard(parameter, 0.1, source=source)
    stations = []
    for _ in range(count):
        station = make.river_station(source=source, basin="Big", basin_slug="big")
        for parameter in parameters:
            for month in range(1, months + 1):
                make.river_measurement(station, parameter, date(2024, month, 1), 0.05 * month, source=source)
        stations.append(station)
    return stations


def queries_for(client, count_queries, url):
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_station_page_query_count_does_not_grow_with_the_data(client, make, count_queries):
    small = add_stations(make, 1, 1)[0]
    large = add_stations(make, 1, 12)[0]
    assert queries_for(client, count_queries, f"/rivers/stations/{small.code}") == queries_for(
        client, count_queries, f"/rivers/stations/{large.code}"
    )


def test_index_and_basin_query_counts_do_not_grow_with_the_data(client, make, count_queries):
    add_stations(make, 1, 2)
    index_small = queries_for(client, count_queries, "/rivers/")
    basin_small = queries_for(client, count_queries, "/rivers/basins/big")
    add_stations(make, 6, 4)
    assert queries_for(client, count_queries, "/rivers/") == index_small
    assert queries_for(client, count_queries, "/rivers/basins/big") == basin_small


def test_station_page_on_real_data_reproduces_the_published_oil_multiple(app, client, db):
    assert app.test_cli_runner().invoke(args=["rivers", "import"]).exit_code == 0
    page = client.get("/rivers/stations/KZ-ZHAIYK-ATY-UP1KM").get_data(as_text=True)
    assert "4.68×" in page
    assert "ZAKON_ZHAIYK_2025" in page


@pytest.mark.parametrize(
    ("language", "heading", "title"),
    [("ru", "Цинк", "цинк: Ulba, динамика"), ("kk", "Мырыш", "мырыш: Ulba, уақыт бойынша")],
)
def test_station_page_names_parameters_in_the_page_language(client, river, language, heading, title):
    client.set_cookie("lang", language)
    page = client.get("/rivers/stations/KZ-ULBA").get_data(as_text=True)
    assert f'<h2 id="chart-Zn-heading">{heading} <span class="muted">(<code>Zn</code>)' in page
    assert title in page
    assert ">zinc<" not in page and "Zinc" not in page
