"""`flask --app app content validate|sync|export` through the CLI runner."""

import shutil
from pathlib import Path

from sqlalchemy import select

from app.courses.models import Course

EXAMPLE = Path(__file__).resolve().parents[2] / "courses" / "example-course"


def test_validate_prints_file_line_message_and_exits_1(app, tmp_path):
    course = tmp_path / "bad-course"
    shutil.copytree(EXAMPLE, course)
    (course / "course.yml").write_text("title: Bad\nsummary: x\nlanguage: en\ncolour: blue\n")
    result = app.test_cli_runner().invoke(args=["content", "validate", str(course)])
    assert result.exit_code == 1
    assert f"{course / 'course.yml'}:4:" in result.output


def test_validate_accepts_the_example_course(app):
    result = app.test_cli_runner().invoke(args=["content", "validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output


def test_sync_then_export_writes_the_same_course_back(app, db, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["content", "sync", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert db.scalar(select(Course.slug)) == "example-course"
    result = runner.invoke(args=["content", "export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    exported = tmp_path / "example-course" / "01-getting-started" / "02-finding-a-course.md"
    original = (EXAMPLE / "01-getting-started" / "02-finding-a-course.md").read_text()
    assert exported.read_text().split("---\n", 2)[2] == original.split("---\n", 2)[2]
    again = runner.invoke(args=["content", "export", str(tmp_path)])
    assert again.exit_code != 0 and "--replace" in again.output


def test_sync_of_an_invalid_folder_loads_nothing_and_exits_1(app, db, tmp_path):
    (tmp_path / "course.yml").write_text("title: [unclosed\n")
    result = app.test_cli_runner().invoke(args=["content", "sync", str(tmp_path)])
    assert result.exit_code == 1
    assert db.scalar(select(Course)) is None
