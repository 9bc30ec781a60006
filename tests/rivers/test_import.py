"""`flask --app app rivers import`: validate everything, write all or nothing, and twice changes nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.rivers.models import Measurement, Parameter, Source, Standard, Station

MODELS = (Source, Station, Parameter, Measurement, Standard)
SOURCES_MD = """# Sources

| source_id | Citation | URL as stored | What was taken | Reliability / notes |
|---|---|---|---|---|
| SRC_A | Test bulletin, 2025 | https://example.org/a | zinc | **A** test |
"""
STATIONS = "station_id,river,river_local,basin,site_name,oblast,latitude,longitude,source_id\n"
STATIONS += "KZ-T,Test,Тест,Test Basin (East),Test site,Test oblast,,,SRC_A\n"
MEASUREMENTS_HEADER = "station_id,date_or_period,parameter,value,unit,source_id,note,value_max\n"
GOOD_ROW = "KZ-T,2025-01,Zn,0.05,mg/L,SRC_A,bulletin,\n"
STANDARDS = "standard,item,class,label_en,label_ru,lower,upper,value,unit,note,source_id\n"
STANDARDS += "Fishery,Zn - fishery MPC (RF Order 552),,,,,,0.01,mg/dm3,,SRC_A\n"
EU = "directive,annex_part,parameter,value,unit,note,source_id\n"


def write_data(root: Path, measurement_rows: str = GOOD_ROW, sources: str = SOURCES_MD) -> Path:
    (root / "kz_rivers").mkdir(parents=True)
    (root / "eu_directives").mkdir()
    (root / "SOURCES.md").write_text(sources, encoding="utf-8")
    (root / "kz_rivers" / "stations.csv").write_text(STATIONS, encoding="utf-8")
    (root / "kz_rivers" / "measurements.csv").write_text(MEASUREMENTS_HEADER + measurement_rows, encoding="utf-8")
    (root / "kz_rivers" / "standards_kz.csv").write_text(STANDARDS, encoding="utf-8")
    (root / "eu_directives" / "parametric_values.csv").write_text(EU, encoding="utf-8")
    return root


def run_import(app, directory=None):
    args = ["rivers", "import"] + ([str(directory)] if directory else [])
    return app.test_cli_runner().invoke(args=args)


def counts(db):
    return {model.__name__: db.scalar(select(func.count()).select_from(model)) for model in MODELS}


def snapshot(db):
    rows = db.execute(
        select(
            Station.code,
            Parameter.code,
            Measurement.period,
            Measurement.value_text,
            Measurement.value,
            Measurement.canonical_value,
            Measurement.unit,
            Measurement.source_codes,
        )
        .join(Station, Station.id == Measurement.station_id)
        .join(Parameter, Parameter.id == Measurement.parameter_id)
        .order_by(Measurement.id)
    ).all()
    standards = db.execute(select(Standard.row_key, Standard.value, Standard.canonical_value).order_by(Standard.id))
    return rows, standards.all()


def test_import_of_shipped_data_twice_changes_nothing_the_second_time(app, db):
    first = run_import(app)
    assert first.exit_code == 0, first.output + first.stderr
    assert "measurements: 458 created" in first.output
    after_first = counts(db), snapshot(db)
    second = run_import(app)
    assert second.exit_code == 0, second.stderr
    assert "0 changes." in second.output
    assert (counts(db), snapshot(db)) == after_first
    assert after_first[0]["Station"] == 42 and after_first[0]["Source"] >= 80


def test_import_keeps_original_text_and_unit_and_normalises_the_value(app, db):
    assert run_import(app).exit_code == 0
    nura = db.scalar(
        select(Measurement)
        .join(Station, Station.id == Measurement.station_id)
        .join(Parameter, Parameter.id == Measurement.parameter_id)
        .where(Station.code == "KZ-NURA-OUTFALL", Parameter.code == "Hg")
    )
    assert nura.unit == "ng/L" and nura.value_text == "348"
    assert nura.canonical_value == pytest.approx(0.000348)
    assert nura.canonical_unit == "mg/l"
    assert nura.source.code == "HG_NURA_2005"


def test_import_updates_a_changed_value_in_place(app, db, tmp_path):
    directory = write_data(tmp_path / "data")
    assert run_import(app, directory).exit_code == 0
    (directory / "kz_rivers" / "measurements.csv").write_text(
        MEASUREMENTS_HEADER + GOOD_ROW.replace("0.05", "0.07"), encoding="utf-8"
    )
    result = run_import(app, directory)
    assert result.exit_code == 0, result.stderr
    assert "measurements: 0 created, 1 updated" in result.output
    assert db.scalar(select(func.count()).select_from(Measurement)) == 1
    assert db.scalar(select(Measurement.value)) == 0.07


def test_import_small_fixture_creates_basin_slug_and_limit(app, db, tmp_path):
    assert run_import(app, write_data(tmp_path / "data")).exit_code == 0
    station = db.scalar(select(Station))
    assert station.basin_slug == "test-basin-east"
    standard = db.scalar(select(Standard).where(Standard.standard_code == "AQM_FISHERY"))
    assert standard.parameter.code == "Zn" and standard.value == 0.01 and standard.source.code == "SRC_A"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("KZ-NOPE,2025-01,Zn,0.05,mg/L,SRC_A,,\n", "measurements.csv:2:station_id: unknown station 'KZ-NOPE'"),
        ("KZ-T,2025-01,Unobtainium,0.05,mg/L,SRC_A,,\n", "measurements.csv:2:parameter: unknown parameter"),
        ("KZ-T,2025-01,Zn,0.05,pH units,SRC_A,,\n", "measurements.csv:2:unit: unit 'pH units' does not fit Zn"),
        ("KZ-T,2025-01,Zn,a lot,mg/L,SRC_A,,\n", "measurements.csv:2:value: value 'a lot' is not a number"),
        (GOOD_ROW + GOOD_ROW, "measurements.csv:3:parameter: duplicate row for this station, period and parameter"),
        ("KZ-T,2025-01,Zn,0.05,mg/L,SRC_NOPE,,\n", "measurements.csv:2:source_id: unknown source_id 'SRC_NOPE'"),
        ("KZ-T,2025-13,Zn,0.05,mg/L,SRC_A,,\n", "measurements.csv:2:date_or_period: "),
    ],
)
def test_import_refuses_broken_files_names_the_cell_and_writes_nothing(app, db, tmp_path, rows, expected):
    result = run_import(app, write_data(tmp_path / "data", rows))
    assert result.exit_code == 1
    assert f"kz_rivers/{expected}" in result.stderr
    assert "nothing was imported" in result.stderr
    assert set(counts(db).values()) == {0}


def test_import_lists_every_problem_at_once(app, db, tmp_path):
    rows = GOOD_ROW + "KZ-NOPE,2025-02,Zn,0.05,mg/L,SRC_A,,\nKZ-T,2025-03,Zn,x,mg/L,SRC_NOPE,,\n"
    result = run_import(app, write_data(tmp_path / "data", rows))
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("kz_rivers/")]
    assert problems == [
        "kz_rivers/measurements.csv:3:station_id: unknown station 'KZ-NOPE'",
        "kz_rivers/measurements.csv:4:source_id: unknown source_id 'SRC_NOPE' (not in SOURCES.md)",
        "kz_rivers/measurements.csv:4:value: value 'x' is not a number",
    ]
    assert set(counts(db).values()) == {0}


def test_import_reports_a_missing_directory_without_a_traceback(app, db, tmp_path):
    result = run_import(app, tmp_path / "absent")
    assert result.exit_code != 0
    assert "cannot read the river data" in result.stderr
    assert set(counts(db).values()) == {0}


def test_import_reads_windows_1251_files(app, db, tmp_path):
    directory = write_data(tmp_path / "data")
    stations = directory / "kz_rivers" / "stations.csv"
    stations.write_bytes(stations.read_text(encoding="utf-8").encode("cp1251"))
    assert run_import(app, directory).exit_code == 0
    assert db.scalar(select(Station.river_local)) == "Тест"
