"""Loading and validating the river CSVs (app/rivers/csvdata)."""

from datetime import date

import pytest

from app.rivers.csvdata import (
    DataError,
    limits_for,
    load_dataset,
    parse_dataset,
    parse_period,
    series_of,
    standard_codes,
)
from app.rivers.indices import WPI_BANDS_DNIPRO, WPI_BANDS_ECOTARGET

SOURCES = (
    "| source_id | Citation | URL | What | Reliability |\n|---|---|---|---|---|\n"
    "| SRC_A | A paper | http://a | x | **B** |\n"
)
STATIONS = "station_id,river,river_local,basin,site_name,oblast,latitude,longitude,source_id\nST-1,R,R,B,S,O,,,SRC_A\n"
MEASUREMENT_HEADER = "station_id,date_or_period,parameter,value,unit,source_id,note,value_max\n"


def _parse(measurement_rows: str, stations: str = STATIONS):
    return parse_dataset(
        {
            "SOURCES.md": SOURCES,
            "kz_rivers/stations.csv": stations,
            "kz_rivers/measurements.csv": MEASUREMENT_HEADER + measurement_rows,
        }
    )


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_load_dataset_reads_shipped_data_without_errors(dataset):
    assert dataset.errors == []
    assert len(dataset.stations) == 42
    assert len(dataset.measurements) == 458
    assert "DNIPRO_TMP" in dataset.sources
    assert dataset.sources["UNECE_2011"].url.startswith("https://issuu.com")


def test_load_dataset_keeps_original_and_canonical_values(dataset):
    mercury = next(m for m in dataset.measurements if m.station_code == "KZ-NURA-OUTFALL")
    assert (mercury.value, mercury.unit) == (348.0, "ng/L")
    assert mercury.canonical_value == pytest.approx(0.000348)
    assert mercury.canonical_unit == "mg/l"
    assert mercury.period == parse_period("2005")


def test_load_dataset_keeps_ranges_and_categories(dataset):
    wpi = next(m for m in dataset.measurements if m.parameter_code == "WPI")
    assert (wpi.value, wpi.value_max, wpi.period.start, wpi.period.end) == (
        1.18,
        1.68,
        date(1994, 1, 1),
        date(2004, 12, 31),
    )
    worst = next(m for m in dataset.measurements if m.station_code == "KZ-ZHAIYK-WKO")
    assert (worst.value, worst.category) == (None, ">5")


def test_parse_measurements_reports_every_problem_with_line_and_column():
    rows = (
        "ST-1,2025-01,Zn,0.012,mg/L,SRC_A,,\n"  # line 2: fine
        "ST-9,2025-01,Zn,0.012,mg/L,SRC_A,,\n"  # line 3: unknown station
        "ST-1,2025-01,Xx,0.012,mg/L,SRC_A,,\n"  # line 4: unknown parameter
        "ST-1,2025-02,Zn,0.012,ng,SRC_A,,\n"  # line 5: unit does not fit
        "ST-1,2025-03,Zn,lots,mg/L,SRC_A,,\n"  # line 6: not a number
        "ST-1,2025-01,Zn,0.013,mg/L,SRC_A,,\n"  # line 7: duplicate of line 2
        "ST-1,2025-04,Zn,0.012,mg/L,NOPE,,\n"  # line 8: unknown source
        "ST-1,2025-13,Zn,0.012,mg/L,SRC_A,,\n"  # line 9: bad period
    )
    result = _parse(rows)
    file = "kz_rivers/measurements.csv"
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "station_id"),
        (4, "parameter"),
        (5, "unit"),
        (6, "value"),
        (7, "parameter"),
        (8, "source_id"),
        (9, "date_or_period"),
    ]
    assert all(e.file == file for e in result.errors)
    assert "unknown station 'ST-9'" in result.errors[0].message
    assert "duplicate" in result.errors[4].message
    assert [m.row for m in result.measurements] == [2]


def test_parse_measurements_reads_below_detection_value():
    result = _parse("ST-1,2025-01,Cu,<0.001,mg/L,SRC_A,,\n")
    [measurement] = result.measurements
    assert (measurement.value, measurement.below_detection, measurement.value_text) == (0.001, True, "<0.001")


def test_parse_measurements_rejects_unit_on_an_index():
    result = _parse("ST-1,2025,WPI,1.2,mg/L,SRC_A,,\n")
    assert [(e.column, e.row) for e in result.errors] == [("unit", 2)]


def test_parse_stations_reports_duplicate_station_and_unknown_source():
    stations = STATIONS + "ST-1,R,R,B,S,O,,,SRC_A\nST-2,R,R,B,S,O,x,,MISSING\n"
    result = _parse("", stations)
    assert result.errors == [
        DataError("kz_rivers/stations.csv", 3, "station_id", "duplicate station 'ST-1'"),
        DataError("kz_rivers/stations.csv", 4, "source_id", "unknown source_id 'MISSING' (not in SOURCES.md)"),
        DataError("kz_rivers/stations.csv", 4, "latitude", "not a number"),
    ]


def test_parse_period_reads_every_form_in_the_data():
    assert parse_period("2025-Q1").end == date(2025, 3, 31)
    assert parse_period("2024-02").end == date(2024, 2, 29)
    assert parse_period("2025-09-02").start == date(2025, 9, 2)
    with pytest.raises(ValueError):
        parse_period("Q1 2025")


def test_limits_for_converts_nitrogen_basis_to_ion_form(dataset):
    nitrate = next(s for s in dataset.standards if s.item == "nitrate - fishery MAC, expressed as N")
    # SOURCES.md: multiply an 'as N' value by 62/14 to get NO3-.
    assert nitrate.canonical_value == pytest.approx(9.1 * 62 / 14, rel=2e-3)
    limits = limits_for(dataset.standards, "SIBECOLOG_FISHERY")
    assert (limits["NO3"].value, limits["NO3"].unit) == (9.1, "mg N/L")
    assert limits["DO"].kind == "min"


def test_limits_for_separates_lead_transitional_value(dataset):
    assert limits_for(dataset.standards, "EU_DWD_2020_2184")["Pb"].value == 5
    assert limits_for(dataset.standards, "EU_DWD_2020_2184_UNTIL_2036")["Pb"].value == 10
    assert "EU_UWWTD_91_271" in standard_codes(dataset.standards)


def test_standards_keep_reference_rows_without_parameter(dataset):
    cadmium_eqs = next(s for s in dataset.standards if s.item == "Cadmium AA-EQS inland surface waters")
    assert (cadmium_eqs.parameter_code, cadmium_eqs.value) == (None, None)
    assert cadmium_eqs.value_text.startswith("<=0.08")


def test_wpi_bands_match_the_standards_file(dataset):
    for source_id, bands in (("DNIPRO_TMP", WPI_BANDS_DNIPRO), ("ECOTARGET", WPI_BANDS_ECOTARGET)):
        rows = [s for s in dataset.standards if s.item.startswith("class threshold") and source_id in s.source_ids]
        assert [(row.lower, row.upper) for row in rows] == [(band.lower, band.upper) for band in bands]


def test_series_of_orders_points_in_canonical_units(dataset):
    points = series_of(dataset.measurements, "KZ-KARABALTA", "SO4")
    assert [point.start.month for point in points[:5]] == [6, 8, 9, 10, 12]
    assert points[1].value == 970.0
