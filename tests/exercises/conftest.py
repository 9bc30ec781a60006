"""Fixtures for case exercises: the shipped river data imported, and a course folder written by a trainer."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.rivers.csvdata import load_dataset
from app.rivers.services import import_dataset

COURSE_YML = "title: Trainer's river course\nsummary: Written in YAML only.\nlanguage: en\nstatus: published\n"
MODULE_YML = "title: Exercises\nsummary: One exercise.\n"
LESSON_MD = "---\ntitle: Brief\nestimated_minutes: 5\n---\nThe Talas in 2025.\n"


@pytest.fixture()
def river_data(db):
    """The real data of app/rivers/data, imported as `flask rivers import` does."""
    import_dataset(db, load_dataset())
    db.flush()
    return db


def write_course(root: Path, quiz_yaml: str) -> Path:
    """A one-module course with one quiz, as a trainer would write it."""
    folder = root / "trainer-course"
    module = folder / "01-exercises"
    module.mkdir(parents=True)
    (folder / "course.yml").write_text(COURSE_YML)
    (module / "module.yml").write_text(MODULE_YML)
    (module / "01-brief.md").write_text(LESSON_MD)
    (module / "quiz-case.yml").write_text(quiz_yaml)
    return folder
