"""Learner pages: catalogue, course page, enrolment, lessons, progress and my learning."""

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.courses.models import Enrolment, LessonProgress
from app.courses.services import progress


@pytest.fixture()
def course_with_lessons(make):
    course = make.course(title="Basin management")
    first = make.module(course, slug="basics", position=1, title="Basics")
    second = make.module(course, slug="data", position=2, title="Data")
    lessons = [
        make.lesson(first, slug="why", position=1, title="Why basins"),
        make.lesson(first, slug="who", position=2, title="Who manages"),
        make.lesson(second, slug="units", position=1, title="Units"),
    ]
    return course, lessons


def test_catalogue_lists_published_courses_only_with_counts(client, make, course_with_lessons):
    make.course(title="Secret draft", status="draft")
    page = client.get("/courses/").get_data(as_text=True)
    assert "Basin management" in page
    assert "2 modules" in page
    assert "Secret draft" not in page


def test_draft_course_page_is_hidden_from_learners_but_shown_to_its_trainer(client, make, login_as):
    trainer = make.user(role=Role.TRAINER)
    course = make.course(status="draft", trainers=(trainer,))
    login_as(make.user())
    assert client.get(f"/courses/{course.slug}/").status_code == 403
    login_as(trainer)
    assert client.get(f"/courses/{course.slug}/").status_code == 200


def test_draft_lesson_is_hidden_from_learners(client, make, login_as):
    lesson = make.lesson(status="draft")
    login_as(make.user())
    module = lesson.module
    assert client.get(f"/courses/{module.course.slug}/{module.slug}/{lesson.slug}").status_code == 403
    assert lesson.title not in client.get(f"/courses/{module.course.slug}/").get_data(as_text=True)


def test_enrol_is_one_click_and_idempotent(client, make, login_as, db, course_with_lessons):
    course, _ = course_with_lessons
    user = login_as(make.user())
    assert client.post(f"/courses/{course.slug}/enrol").status_code == 302
    assert client.post(f"/courses/{course.slug}/enrol").status_code == 302
    rows = db.scalars(select(Enrolment).where(Enrolment.user_id == user.id)).all()
    assert len(rows) == 1


def test_enrol_in_a_draft_course_is_refused(client, make, login_as, db):
    trainer = make.user(role=Role.TRAINER)
    course = make.course(status="draft", trainers=(trainer,))
    login_as(trainer)
    assert client.post(f"/courses/{course.slug}/enrol").status_code == 400


def test_lesson_page_shows_cached_html_navigation_and_mark_done(client, make, login_as, db, course_with_lessons):
    course, lessons = course_with_lessons
    user = login_as(make.user())
    make.enrolment(course, user)
    url = f"/courses/{course.slug}/basics/who"
    page = client.get(url).get_data(as_text=True)
    assert "Text of lesson" in page
    assert "Why basins" in page and "Units" in page  # previous and next, across modules
    assert client.post(url + "/done").status_code == 302
    assert db.scalar(select(LessonProgress).where(LessonProgress.user_id == user.id)).lesson_id == lessons[1].id
    assert "Mark as done" not in client.get(url).get_data(as_text=True)


def test_mark_done_without_enrolment_explains(client, make, login_as, course_with_lessons):
    course, _ = course_with_lessons
    login_as(make.user())
    response = client.post(f"/courses/{course.slug}/basics/why/done")
    assert response.status_code == 400
    assert "Enrol in the course first" in response.get_data(as_text=True)


def test_lesson_page_never_renders_markdown(client, make, login_as, monkeypatch, course_with_lessons):
    course, _ = course_with_lessons
    login_as(make.user())

    def explode(*args, **kwargs):
        raise AssertionError("Markdown rendered during a page view")

    monkeypatch.setattr("app.content.markdown.render_markdown", explode)
    monkeypatch.setattr("app.courses.services.rendering.render_markdown", explode)
    assert client.get(f"/courses/{course.slug}/basics/why").status_code == 200


def test_lesson_falls_back_to_course_language_with_a_note(client, make, login_as, course_with_lessons):
    course, _ = course_with_lessons
    login_as(make.user(locale="ru"))
    client.set_cookie("lang", "ru")
    page = client.get(f"/courses/{course.slug}/basics/why").get_data(as_text=True)
    assert 'role="note"' in page and "Text of lesson" in page


def test_my_learning_shows_progress_and_next_lesson(client, make, login_as, db, course_with_lessons):
    course, lessons = course_with_lessons
    user = login_as(make.user())
    make.enrolment(course, user)
    db.add(LessonProgress(lesson_id=lessons[0].id, user_id=user.id))
    db.commit()
    page = client.get("/courses/learning").get_data(as_text=True)
    assert "1 of 3 lessons done" in page
    assert f"/courses/{course.slug}/basics/who" in page
    assert not progress.is_course_complete(db, course, user.id)


def test_course_complete_needs_every_lesson_and_every_registered_requirement(make, db, course_with_lessons):
    course, lessons = course_with_lessons
    user = make.user()
    make.enrolment(course, user)
    for lesson in lessons:
        db.add(LessonProgress(lesson_id=lesson.id, user_id=user.id))
    db.flush()
    assert progress.is_course_complete(db, course, user.id)

    def quiz_not_passed(session, course, user_id):
        return [progress.Requirement("Quiz 1", met=False)]

    progress.register_completion_requirement(quiz_not_passed)
    try:
        assert not progress.is_course_complete(db, course, user.id)
    finally:
        progress.COMPLETION_REQUIREMENTS.remove(quiz_not_passed)


def _build_course(make, lesson_count):
    course = make.course()
    module = make.module(course)
    lessons = [make.lesson(module, position=index) for index in range(lesson_count)]
    return course, module, lessons


@pytest.mark.parametrize("page", ["lesson", "catalogue", "my_learning", "detail"])
def test_learner_pages_query_count_does_not_grow_with_the_course(client, make, login_as, count_queries, page):
    user = login_as(make.user())
    client.get("/")  # the session gets its CSRF secret: every view below is a steady one
    counts = []
    for size in (3, 300) if page == "lesson" else (3, 30):
        course, module, lessons = _build_course(make, size)
        make.enrolment(course, user)
        url = {
            "lesson": f"/courses/{course.slug}/{module.slug}/{lessons[1].slug}",
            "catalogue": "/courses/",
            "my_learning": "/courses/learning",
            "detail": f"/courses/{course.slug}/",
        }[page]
        for _view in ("first", "again") if page == "lesson" else ("first",):  # the lesson: Flask, then the fast lane
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counts.append(counter.count)
    half = len(counts) // 2
    assert counts[:half] == counts[half:]
    assert max(counts) <= 8
