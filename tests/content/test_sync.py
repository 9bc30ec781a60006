"""`content sync` and `content export`: upsert by slug, keep progress, archive, round-trip files."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.content.export import export_tree
from app.content.files import load_tree, write_tree
from app.content.sync import EXTRA_SYNCERS, register_extra_syncer, sync_folder, sync_tree
from app.courses.models import Course, Lesson, LessonProgress, LessonRevision, Module
from app.courses.services import authoring

EXAMPLE = Path(__file__).resolve().parents[2] / "courses" / "example-course"


@pytest.fixture()
def example_copy(tmp_path):
    target = tmp_path / "courses" / "example-course"
    shutil.copytree(EXAMPLE, target)
    return target


def lesson_by_slug(db, slug):
    return db.scalar(select(Lesson).where(Lesson.slug == slug))


def test_sync_loads_the_example_course_with_rendered_html_translations_and_images(db):
    sync_tree(db, load_tree(EXAMPLE))
    course = db.scalar(select(Course).where(Course.slug == "example-course"))
    assert course.status == "published" and "ru" in course.translations
    lesson = lesson_by_slug(db, "finding-a-course")
    assert 'src="/courses/example-course/images/course-page.svg"' in lesson.html
    assert 'href="/courses/example-course/lessons-and-quizzes/taking-quizzes#attempts-and-review"' in lesson.html
    signing_in = lesson_by_slug(db, "signing-in")
    assert [translation.language for translation in signing_in.translations] == ["ru"]
    assert signing_in.translations[0].html
    assert db.scalar(select(LessonRevision).where(LessonRevision.lesson_id == lesson.id)).author_id is None


def test_resync_keeps_ids_and_progress_and_archives_what_disappeared(db, make, example_copy):
    sync_tree(db, load_tree(example_copy))
    lesson = lesson_by_slug(db, "finding-a-course")
    user = make.user()
    db.add(LessonProgress(lesson_id=lesson.id, user_id=user.id))
    db.flush()
    path = example_copy / "01-getting-started" / "02-finding-a-course.md"
    path.write_text(path.read_text().replace("The course catalogue", "The catalogue of courses"))
    (example_copy / "01-getting-started" / "03-getting-help.md").unlink()
    sync_tree(db, load_tree(example_copy))
    db.expire_all()
    assert lesson_by_slug(db, "finding-a-course").id == lesson.id
    assert "The catalogue of courses" in lesson.html and lesson.version == 2
    assert db.scalar(select(LessonProgress.lesson_id).where(LessonProgress.user_id == user.id)) == lesson.id
    assert lesson_by_slug(db, "getting-help").is_archived
    revisions = db.scalars(select(LessonRevision.number).where(LessonRevision.lesson_id == lesson.id)).all()
    assert sorted(revisions) == [1, 2]


def test_unchanged_resync_writes_no_revision(db):
    sync_tree(db, load_tree(EXAMPLE))
    count = len(db.scalars(select(LessonRevision)).all())
    sync_tree(db, load_tree(EXAMPLE))
    assert len(db.scalars(select(LessonRevision)).all()) == count


def test_sync_folder_refuses_everything_when_a_course_is_invalid(db, tmp_path, example_copy):
    broken = example_copy.parent / "broken-course"
    broken.mkdir()
    (broken / "course.yml").write_text("title: Broken\n")
    report, invalid = sync_folder(db, example_copy.parent)
    assert invalid and any("broken-course" in line for line in invalid)
    assert db.scalar(select(Course)) is None
    report, invalid = sync_folder(db, example_copy.parent, skip_invalid=True)
    assert db.scalar(select(Course.slug)) == "example-course"


def test_extra_syncers_are_called_per_course(db):
    seen = []

    def syncer(session, course, course_file, report):
        seen.append((course.slug, [quiz.slug for module in course_file.modules for quiz in module.quizzes]))

    register_extra_syncer(syncer)
    try:
        sync_tree(db, load_tree(EXAMPLE))
    finally:
        EXTRA_SYNCERS.remove(syncer)
    assert seen == [("example-course", ["orientation"])]


def test_export_sync_export_is_a_fixed_point_including_browser_edits(db, make, tmp_path):
    sync_tree(db, load_tree(EXAMPLE))
    trainer = make.user(role=Role.TRAINER, email="author@example.org")
    course = authoring.get_course_for_editing(db, "example-course")
    module = authoring.add_module(db, course, slug="written-online", title="Written online")
    lesson = authoring.add_lesson(db, course, module, slug="fresh", title="Fresh", author_id=trainer.id)
    authoring.save_lesson(
        db,
        course,
        lesson,
        title="Fresh",
        markdown_text="# Fresh\r\n\r\nText: [back](../01-getting-started/01-signing-in.md)  \n\n",
        estimated_minutes=5,
        publish=True,
        version=lesson.version,
        author_id=trainer.id,
    )
    authoring.move_module(course, module, -1)
    db.flush()
    first, second = tmp_path / "first", tmp_path / "second"
    write_tree(export_tree(db), first)
    sync_tree(db, load_tree(first / "example-course"))
    write_tree(export_tree(db), second)
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative
    assert (first / "example-course" / "02-written-online" / "01-fresh.md").exists()
    assert db.scalar(select(Module.position).where(Module.slug == "written-online")) == 2
