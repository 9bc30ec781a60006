"""Quiz files into the database and back: upsert, archive, keep attempts, export round trip."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from app.content.export import export_tree
from app.content.files import load_tree, write_tree
from app.content.sync import sync_tree
from app.quizzes import services
from app.quizzes.models import Quiz, QuizAttempt

EXAMPLE = Path(__file__).resolve().parents[2] / "courses" / "example-course"
NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _quiz(db) -> Quiz:
    return db.scalar(select(Quiz).where(Quiz.slug == "orientation"))


def test_sync_creates_quizzes_with_every_kind_and_rendered_prompts(db):
    report = sync_tree(db, load_tree(EXAMPLE))
    quiz = _quiz(db)
    assert any(line.startswith("quiz created: example-course/") for line in report.lines)
    kinds = {question.kind for question in quiz.questions}
    assert kinds >= {"single_choice", "multiple_choice", "true_false", "numeric", "short_text", "matching", "ordering"}
    assert all(question.prompt_html.startswith("<") for question in quiz.questions)
    assert quiz.translations.get("ru", {}).get("title")


def test_resync_keeps_attempts_and_archives_what_disappeared(db, make):
    tree = load_tree(EXAMPLE)
    sync_tree(db, tree)
    quiz = _quiz(db)
    question_ids = {question.key: question.id for question in quiz.questions}
    learner = make.user()
    attempt = services.start_attempt(db, quiz, learner.id, now=NOW)
    course = tree.courses[0]
    module = course.modules[0]
    fewer = dataclasses.replace(module.quizzes[0], questions=module.quizzes[0].questions[1:], title="Renamed")
    changed = dataclasses.replace(course, modules=(dataclasses.replace(module, quizzes=(fewer,)), *course.modules[1:]))
    sync_tree(db, dataclasses.replace(tree, courses=(changed,)))
    db.expire_all()
    quiz = _quiz(db)
    assert quiz.title == "Renamed"
    assert {question.key: question.id for question in quiz.questions} == question_ids
    archived = [question.key for question in quiz.questions if question.is_archived]
    assert archived == [module.quizzes[0].questions[0].data["id"]]
    assert db.get(QuizAttempt, attempt.id) is not None
    without = dataclasses.replace(changed, modules=(dataclasses.replace(module, quizzes=()), *course.modules[1:]))
    sync_tree(db, dataclasses.replace(tree, courses=(without,)))
    db.expire_all()
    assert _quiz(db).is_archived and db.get(QuizAttempt, attempt.id) is not None


def test_export_sync_export_is_a_fixed_point(db, tmp_path):
    sync_tree(db, load_tree(EXAMPLE))
    first = export_tree(db, ["example-course"])
    write_tree(first, tmp_path / "one")
    reloaded = load_tree(tmp_path / "one" / "example-course")
    assert reloaded.courses[0].modules[0].quizzes == load_tree(EXAMPLE).courses[0].modules[0].quizzes
    sync_tree(db, reloaded)
    write_tree(export_tree(db, ["example-course"]), tmp_path / "two")
    one = tmp_path / "one" / "example-course" / "01-getting-started" / "quiz-orientation.yml"
    two = tmp_path / "two" / "example-course" / "01-getting-started" / "quiz-orientation.yml"
    assert one.read_bytes() == two.read_bytes()
