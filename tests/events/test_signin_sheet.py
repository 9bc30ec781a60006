import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.events.signin_sheet import RowError, SessionMark, parse_signin_sheet

FIXTURES = Path(__file__).parent / "fixtures"


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _errors_by_row(result) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for error in result.errors:
        found.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    return found


@pytest.fixture
def cp1251_result():
    data = (FIXTURES / "signin_cp1251_semicolon.csv").read_bytes()
    return parse_signin_sheet(data, "Участники.csv")


@pytest.fixture
def bom_result():
    data = (FIXTURES / "signin_utf8_bom_comma.csv").read_bytes()
    return parse_signin_sheet(data, "participants.csv")


def test_parse_signin_sheet_reads_cp1251_semicolon_csv_with_title_rows(cp1251_result):
    assert cp1251_result.file_format == "csv"
    assert cp1251_result.encoding == "cp1251"
    first = cp1251_result.rows[0]
    assert first.row_number == 4
    assert first.full_name == "Бейсеева Гаухар Канатовна"
    assert first.organisation == "Балхаш-Алакольская бассейновая инспекция"
    assert first.position == "Главный специалист"
    assert first.email == "g.beiseyeva@example.kz"
    assert first.phone == "+77011234567"
    assert (first.country, first.gender, first.present) == ("KZ", "female", True)


def test_parse_signin_sheet_reads_session_columns_as_marks(cp1251_result):
    statuses = [[mark.status for mark in row.sessions] for row in cp1251_result.rows[:3]]
    assert statuses == [["present", "present"], ["present", "late"], ["absent", "excused"]]
    assert cp1251_result.rows[0].sessions[0] == SessionMark("День 1", "present")


def test_parse_signin_sheet_keeps_quoted_semicolons_inside_a_cell(cp1251_result):
    assert cp1251_result.rows[1].organisation == "Казводхоз; филиал"


def test_parse_signin_sheet_skips_blank_and_pre_numbered_empty_rows(cp1251_result):
    assert [row.row_number for row in cp1251_result.rows] == [4, 5, 7, 9]


def test_parse_signin_sheet_reports_each_bad_cell_with_row_and_column(cp1251_result):
    assert not cp1251_result.ok
    assert _errors_by_row(cp1251_result) == {
        5: ["Эл. почта: “s.akhmetov@example” is not a valid e-mail address"],
        7: [
            "Телефон: “телефон нет” is not a phone number",
            "Страна: unknown country “Тоджикистан”: write it in full, e.g. Kazakhstan",
        ],
        9: ["ФИО: the name is missing", "Пол: unknown gender “?”: use М/Ж or male/female"],
    }


def test_parse_signin_sheet_reads_bom_csv_with_english_headers_and_typos(bom_result):
    assert bom_result.encoding == "utf-8-sig"
    first = bom_result.rows[0]
    assert first.full_name == "Gaukhar Beiseyeva"
    assert first.organisation == "Balkhash-Alakol Basin Inspection, Almaty"
    assert first.position == "Chief specialist"  # header "Positon" is a typo
    assert (first.country, first.gender, first.present) == ("KZ", "female", True)


def test_parse_signin_sheet_warns_about_unknown_headers(bom_result):
    assert bom_result.warnings == ("Column H “Dietary needs” was not recognised and is ignored.",)


def test_parse_signin_sheet_keeps_formulas_as_text_and_reports_them(bom_result):
    formula_row = bom_result.rows[1]
    assert formula_row.full_name == '=HYPERLINK("http://example.com","click")'
    assert bom_result.errors == (RowError(3, "Full Name", "looks like a spreadsheet formula: type the value itself"),)


def test_parse_signin_sheet_maps_present_marks_genders_and_country_codes(bom_result):
    sardor, aigerim = bom_result.rows[2], bom_result.rows[3]
    assert (sardor.gender, sardor.present, sardor.country, sardor.phone) == (
        "male",
        False,
        "UZ",
        "+998711234567",
    )
    assert (aigerim.gender, aigerim.present, aigerim.country) == ("not_stated", True, "KZ")


def test_parse_signin_sheet_joins_surname_given_and_patronymic_columns():
    data = "Фамилия\tИмя\tОтчество\tE-mail\nБейсеева\tГаухар\tКанатовна\tg@example.kz\n".encode()
    result = parse_signin_sheet(data, "list.txt")
    assert result.ok
    assert result.encoding == "utf-8"
    assert [row.full_name for row in result.rows] == ["Бейсеева Гаухар Канатовна"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("ФИО участника", "full_name"),
        ("  ф.и.о. ", "full_name"),
        ("Эл. почта", "email"),
        ("E-MAIL", "email"),
        ("Телефон (моб.)", "phone"),
        ("Организацыя", "organisation"),
        ("Name of organisation", "organisation"),
        ("Страна", "country"),
    ],
)
def test_parse_signin_sheet_recognises_header_spellings(header, field):
    values = {"full_name": "Ivanov Petr", "email": "p@example.kz", "phone": "87011234567",
              "organisation": "Kazhydromet", "country": "Казахстан"}  # fmt: skip
    columns = ["Name", header] if field != "full_name" else [header]
    cells = ["Ivanov Petr", values[field]] if field != "full_name" else ["Ivanov Petr"]
    data = ("\n".join([";".join(columns), ";".join(cells)]) + "\n").encode()
    result = parse_signin_sheet(data, "sheet.csv")
    assert result.warnings == ()
    row = result.rows[0]
    expected = {"email": "p@example.kz", "phone": "+77011234567", "country": "KZ"}.get(field, values[field])
    assert getattr(row, field) == expected


def test_parse_signin_sheet_without_name_column_gives_one_clear_error():
    result = parse_signin_sheet(b"Organisation,Email\nKazhydromet,a@example.kz\n", "sheet.csv")
    assert result.rows == ()
    assert len(result.errors) == 1
    assert "No column with participants' names" in result.errors[0].message


def test_parse_signin_sheet_reads_xlsx_by_content_with_numbers_and_title():
    data = _xlsx_bytes(
        [
            ["Sign-in sheet: basin council workshop"],
            [],
            ["#", "ФИО", None, "Телефон", "Пол", "Day 1"],
            [1, "Beiseeva", "G.", 77011234567, "Ж", "+"],
            [2, None, None, None, None, None],
            [3, '=HYPERLINK("http://x.example","x")', None, "8 (701) 000-00-00", "male", "maybe"],
        ]
    )
    result = parse_signin_sheet(data, "upload.bin")
    assert result.file_format == "xlsx"
    first = result.rows[0]
    assert (first.row_number, first.full_name, first.phone, first.gender) == (
        4,
        "Beiseeva G.",
        "+77011234567",
        "female",
    )
    assert first.sessions == (SessionMark("Day 1", "present"),)
    assert [row.row_number for row in result.rows] == [4, 6]
    assert result.rows[1].full_name == '=HYPERLINK("http://x.example","x")'
    assert [(error.row, error.column) for error in result.errors] == [(6, "ФИО"), (6, "Day 1")]


def test_parse_signin_sheet_reads_a_csv_named_xlsx_as_csv_with_a_warning():
    result = parse_signin_sheet(b"Name\nIvanov Petr\n", "export.xlsx")
    assert result.file_format == "csv"
    assert [row.full_name for row in result.rows] == ["Ivanov Petr"]
    assert "holds CSV text" in result.warnings[0]


def test_parse_signin_sheet_rejects_old_xls_and_broken_xlsx_without_crashing():
    old = parse_signin_sheet(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")
    broken = parse_signin_sheet(b"PK\x03\x04 not really a zip", "broken.xlsx")
    assert "old .xls" in old.errors[0].message
    assert "not a readable XLSX" in broken.errors[0].message
    assert old.rows == broken.rows == ()


def test_parse_signin_sheet_reports_an_oversized_csv_field_instead_of_crashing():
    data = b"Name;Email\nIvanov;" + b"a" * 200_000 + b"\n"
    result = parse_signin_sheet(data, "huge.csv")
    assert result.errors[0].row == 2
    assert "could not be read as CSV" in result.errors[0].message


def test_parse_signin_sheet_stops_after_max_rows(monkeypatch):
    import app.events.signin_sheet as signin_sheet

    monkeypatch.setattr(signin_sheet, "MAX_ROWS", 3)
    data = ("Name\n" + "".join(f"Person {index}\n" for index in range(10))).encode()
    result = signin_sheet.parse_signin_sheet(data, "many.csv")
    assert len(result.rows) == 2
    assert "more than 3 rows" in result.errors[0].message
