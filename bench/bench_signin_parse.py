"""Time and memory of parsing a 20,000-row sign-in sheet as CSV (cp1251, UTF-8 BOM) and XLSX.

Run: python bench/bench_signin_parse.py. Targets: under 10 s and under 100 MB peak each. Time is
measured without tracemalloc (it slows Python down); peak memory in a second, traced run.
"""

from __future__ import annotations

import io
import random
import re
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # noqa: E402

from app.events.signin_sheet import parse_signin_sheet  # noqa: E402

ROWS = 20_000
HEADER = ["№", "ФИО", "Организация", "Должность", "Эл. почта", "Телефон", "Страна", "Пол", "День 1", "День 2"]
SYLLABLES = ("ба", "ке", "ло", "ми", "ну", "ра", "се", "ти", "жа", "ха", "цы", "ше", "ай", "ей", "ул", "ор")


def _rows(seed: int = 7) -> list[list[str]]:
    generator = random.Random(seed)
    rows = []
    for number in range(1, ROWS + 1):
        surname = "".join(generator.choice(SYLLABLES) for _ in range(3)).capitalize() + "ова"
        given = "".join(generator.choice(SYLLABLES) for _ in range(2)).capitalize()
        rows.append([
            str(number), f"{surname} {given}", f"Синтетическое агентство {number % 300}", "Специалист",
            f"person{number:05d}@example.test", f"8 701 {number:07d}", "Казахстан", "Ж",
            generator.choice("+-"), generator.choice(["+", "опоздал", "уваж"]),
        ])  # fmt: skip
    return rows


def _csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    lines = [delimiter.join(HEADER)] + [delimiter.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


_SHARED_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_SHARED_STRINGS_RELATION = (
    '<Relationship Id="rIdShared" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)


def _xlsx_bytes(rows: list[list[str]]) -> bytes:
    """A workbook as openpyxl writes it: every string inline in the sheet XML."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append([int(row[0]), *row[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_shared_strings(data: bytes) -> bytes:
    """Rewrite inline strings into a sharedStrings part, the way Excel itself saves a workbook."""
    source = zipfile.ZipFile(io.BytesIO(data))
    strings: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        index = strings.setdefault(match.group(2), len(strings))
        return f'<c r="{match.group(1)}" t="s"><v>{index}</v></c>'

    inline = re.compile(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            text = source.read(name).decode()
            if name == "xl/worksheets/sheet1.xml":
                text = inline.sub(shared, text)
            elif name == "[Content_Types].xml":
                text = text.replace("</Types>", _SHARED_STRINGS_TYPE + "</Types>")
            elif name == "xl/_rels/workbook.xml.rels":
                text = text.replace("</Relationships>", _SHARED_STRINGS_RELATION + "</Relationships>")
            target.writestr(name, text)
        items = "".join(f"<si><t>{text}</t></si>" for text in strings)
        target.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                        f'2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')  # fmt: skip
    return buffer.getvalue()


def _measure(label: str, data: bytes, filename: str) -> None:
    started, cpu_started = time.perf_counter(), time.process_time()
    result = parse_signin_sheet(data, filename)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    tracemalloc.start()
    parse_signin_sheet(data, filename)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timing = f"{elapsed:5.2f} s (CPU {cpu:5.2f} s)"
    print(f"{label:<22} {len(data) / 1e6:4.1f} MB file  {timing}  peak {peak / 1e6:5.1f} MB  "
          f"{len(result.rows)} rows, {len(result.errors)} errors")  # fmt: skip


def main() -> None:
    rows = _rows()
    _measure("CSV cp1251 semicolon", _csv_bytes(rows, ";", "cp1251"), "sheet.csv")
    _measure("CSV UTF-8 BOM comma", _csv_bytes(rows, ",", "utf-8-sig"), "sheet.csv")
    inline = _xlsx_bytes(rows)
    _measure("XLSX shared strings", _with_shared_strings(inline), "sheet.xlsx")
    _measure("XLSX inline strings", inline, "sheet.xlsx")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS (includes generating the files): {max_rss:.0f} MB")


if __name__ == "__main__":
    main()
