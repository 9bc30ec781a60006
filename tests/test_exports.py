import csv
import io

import pytest
from openpyxl import load_workbook

from app.exports import Sheet, csv_lines, safe_cell, xlsx_chunks


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://evil","x")'],
)
def test_safe_cell_neutralises_text_a_spreadsheet_would_run(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["0.012", "Ulba", "", " =not first", "Ертіс", "<0.05"])
def test_safe_cell_leaves_ordinary_text_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-1.5, 0, 3, None, True])
def test_safe_cell_leaves_numbers_and_empty_cells_alone(value):
    assert safe_cell(value) is value


def test_csv_lines_starts_with_a_bom_and_neutralises_every_cell():
    sheet = Sheet("values", ["=header", "b"], [["=1+2", -3.5], ["Ертіс", "@x"]])
    text = "".join(csv_lines(sheet))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["'=header", "b"], ["'=1+2", "-3.5"], ["Ертіс", "'@x"]]


def test_xlsx_chunks_write_every_sheet_with_neutralised_text_and_real_numbers():
    sheets = [Sheet("values", ["name", "value"], [["=cmd|' /C calc'!A0", 0.25]]), Sheet("sources", ["id"], [])]
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_chunks(sheets))))
    assert workbook.sheetnames == ["values", "sources"]
    rows = list(workbook["values"].iter_rows(values_only=True))
    assert rows == [("name", "value"), ("'=cmd|' /C calc'!A0", 0.25)]


def test_csv_lines_reads_rows_only_as_it_sends_them():
    from app.exports import Sheet, csv_lines

    consumed: list[int] = []

    def rows():
        for number in range(3):
            consumed.append(number)
            yield [number]

    lines = csv_lines(Sheet(title="t", header=["n"], rows=rows()))
    next(lines)  # byte-order mark
    next(lines)  # header
    assert consumed == []
    assert next(lines).strip() == "0"
    assert consumed == [0]
