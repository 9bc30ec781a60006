"""The lesson page's fast path: "next lesson" marks done, cached navigation, templates' translations, sessions."""

import re

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.courses.models import LessonProgress


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


def _done_lesson_ids(db, user):
    return set(db.scalars(select(LessonProgress.lesson_id).where(LessonProgress.user_id == user.id)))


def test_next_lesson_button_marks_done_and_goes_on_across_modules(client, make, login_as, db, course_with_lessons):
    course, lessons = course_with_lessons
    user = login_as(make.user())
    make.enrolment(course, user)
    url = f"/courses/{course.slug}/basics/who"
    page = client.get(url).get_data(as_text=True)
    assert f'action="{url}/next"' in page and "Mark as done" in page
    response = client.post(url + "/next")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/courses/{course.slug}/data/units")
    assert _done_lesson_ids(db, user) == {lessons[1].id}
    # once done, "next" is a plain link again (a GET, nothing to record)
    page = client.get(url).get_data(as_text=True)
    assert f'action="{url}/next"' not in page
    assert f'rel="next" href="/courses/{course.slug}/data/units"' in page


def test_next_lesson_twice_records_once_and_last_lesson_returns_to_the_course(
    client, make, login_as, db, course_with_lessons
):
    course, lessons = course_with_lessons
    user = login_as(make.user())
    make.enrolment(course, user)
    client.post(f"/courses/{course.slug}/basics/why/next")
    client.post(f"/courses/{course.slug}/basics/why/next")
    assert db.scalar(select(LessonProgress.id).where(LessonProgress.lesson_id == lessons[0].id)) is not None
    assert len(_done_lesson_ids(db, user)) == 1
    response = client.post(f"/courses/{course.slug}/data/units/next")
    assert response.headers["Location"].endswith(f"/courses/{course.slug}/")
    assert _done_lesson_ids(db, user) == {lessons[0].id, lessons[2].id}


def test_next_lesson_button_needs_enrolment_and_is_a_link_without_it(client, make, login_as, db, course_with_lessons):
    course, _ = course_with_lessons
    user = login_as(make.user())
    page = client.get(f"/courses/{course.slug}/basics/why").get_data(as_text=True)
    assert "/basics/why/next" not in page and f'rel="next" href="/courses/{course.slug}/basics/who"' in page
    response = client.post(f"/courses/{course.slug}/basics/why/next")
    assert response.status_code == 400 and "Enrol in the course first" in response.get_data(as_text=True)
    assert _done_lesson_ids(db, user) == set()


def test_next_lesson_refuses_get_and_draft_lessons(client, make, login_as, db):
    lesson = make.lesson(status="draft")
    module = lesson.module
    login_as(make.user())
    url = f"/courses/{module.course.slug}/{module.slug}/{lesson.slug}/next"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403


def test_next_lesson_needs_a_csrf_token(app, client, make, login_as, db, course_with_lessons):
    course, _ = course_with_lessons
    user = login_as(make.user())
    make.enrolment(course, user)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/courses/{course.slug}/basics/why/next")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert _done_lesson_ids(db, user) == set()


def test_cached_navigation_follows_roles_and_language(client, make, login_as):
    assert "/courses/learning" not in client.get("/courses/").get_data(as_text=True)
    login_as(make.user())
    learner_page = client.get("/courses/").get_data(as_text=True)
    assert "/courses/learning" in learner_page and "/reports/" not in learner_page
    login_as(make.user(roles=(Role.COORDINATOR,)))
    coordinator_page = client.get("/courses/").get_data(as_text=True)
    assert "/reports/" in coordinator_page and "/auth/manage" not in coordinator_page
    login_as(make.user(locale="ru"))
    assert "Моё обучение" in client.get("/courses/").get_data(as_text=True)
    login_as(make.user(locale="kk"))
    page = client.get("/courses/").get_data(as_text=True)
    assert "Моё обучение" not in page and 'lang="kk"' in page


def test_templates_translate_pages_and_imported_macros(client, make, login_as, course_with_lessons):
    course, _ = course_with_lessons
    user = login_as(make.user(locale="ru"))
    make.enrolment(course, user)
    page = client.get(f"/courses/{course.slug}/basics/why").get_data(as_text=True)
    assert "Выйти" in page and "Sign out" not in page  # base.html
    assert "Mark as done" not in page  # lesson.html


def test_a_copied_cookie_stops_working_after_sign_out(app, client, make, login_as, course_with_lessons):
    course, _ = course_with_lessons
    user = login_as(make.user())
    url = f"/courses/{course.slug}/basics/why"
    assert client.get(url).status_code == 200
    copied = app.test_client()
    copied.set_cookie("session", client.get_cookie("session").value)
    assert copied.get(url).status_code == 200
    client.post("/logout")
    assert copied.get(url).status_code == 302  # sent to sign in: the token in the cookie was rotated
    assert user.name not in copied.get("/").get_data(as_text=True)


def test_lesson_page_revalidates_with_an_etag_until_something_it_shows_changes(
    client, make, login_as, db, course_with_lessons
):
    course, lessons = course_with_lessons
    user = login_as(make.user())
    make.enrolment(course, user)
    url = f"/courses/{course.slug}/basics/why"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert "private" in first.headers["Cache-Control"] and "no-cache" in first.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    client.post(url + "/done")  # progress changed, and a flash message is waiting
    after_done = client.get(url, headers={"If-None-Match": etag})
    assert after_done.status_code == 200 and "Lesson marked as done." in after_done.get_data(as_text=True)
    assert "ETag" not in after_done.headers  # never a 304 over a pending message
    etag = client.get(url).headers["ETag"]
    lessons[0].html, lessons[0].version = "<p>Rewritten</p>", lessons[0].version + 1
    db.flush()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Rewritten" in changed.get_data(as_text=True)


def test_lesson_etag_differs_between_readers_and_languages(app, client, make, login_as, course_with_lessons):
    course, _ = course_with_lessons
    url = f"/courses/{course.slug}/basics/why"
    login_as(make.user(name="Aigerim"))
    etag = client.get(url).headers["ETag"]
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make.user(name="Daniyar").get_id(), True
    response = other.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and "Daniyar" in response.get_data(as_text=True)
    client.post("/language", data={"language": "ru", "next": url})
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def _csrf_tokens(page):
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', page))


def test_one_rendered_lesson_serves_every_reader_with_their_own_name_and_token(
    app, client, make, login_as, db, course_with_lessons
):
    """The page is rendered once and filled in per reader (app.page_shells): nobody sees another's name or token."""
    course, lessons = course_with_lessons
    url = f"/courses/{course.slug}/basics/why"
    first = login_as(make.user(name="Aigerim <b>A.</b>"))
    make.enrolment(course, first)
    first_page = client.get(url).get_data(as_text=True)
    other_client = app.test_client()
    second = make.user(name="Daniyar")
    make.enrolment(course, second)
    with other_client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = second.get_id(), True
    second_page = other_client.get(url).get_data(as_text=True)
    assert "Aigerim &lt;b&gt;A.&lt;/b&gt;" in first_page and "<b>A.</b>" not in first_page
    assert "Daniyar" in second_page and "Aigerim" not in second_page
    assert "wa-slot-" not in first_page + second_page
    first_tokens, second_tokens = _csrf_tokens(first_page), _csrf_tokens(second_page)
    assert len(first_tokens) == 1 and len(second_tokens) == 1 and first_tokens != second_tokens
    shells = app.extensions["page_shells"]
    assert len([key for key in shells if key[-1] == url + "?"]) == 1  # one render served both readers
    # the token filled in is the reader's own: the form on the page works with CSRF protection on
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = other_client.post(url + "/done", data={"csrf_token": first_tokens.pop()})
        accepted = other_client.post(url + "/done", data={"csrf_token": second_tokens.pop()})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert refused.status_code == 400 and accepted.status_code == 302
    assert _done_lesson_ids(db, second) == {lessons[0].id}


def test_a_kept_lesson_page_follows_edits_progress_and_roles(app, client, make, login_as, db, course_with_lessons):
    course, lessons = course_with_lessons
    url = f"/courses/{course.slug}/basics/why"
    user = login_as(make.user())
    assert "Enrol to save your progress" in client.get(url).get_data(as_text=True)
    make.enrolment(course, user)
    assert "Mark as done" in client.get(url).get_data(as_text=True)
    lessons[0].html = "<p>Edited without a version bump</p>"
    course.title = "Basin management, second edition"
    db.flush()
    page = client.get(url).get_data(as_text=True)
    assert "Edited without a version bump" in page and "second edition" in page
    login_as(make.user(roles=(Role.ADMIN,)))
    assert ">Users</a>" in client.get(url).get_data(as_text=True)  # the admin's navigation, not the learner's


def test_the_kept_pages_are_bounded(app, client, make, login_as, course_with_lessons, monkeypatch):
    from app import page_shells

    course, _ = course_with_lessons
    login_as(make.user())
    monkeypatch.setattr(page_shells, "MAX_SHELLS", 2)
    for slug in ("basics/why", "basics/who", "data/units"):
        assert client.get(f"/courses/{course.slug}/{slug}").status_code == 200
    assert len(app.extensions["page_shells"]) <= 2
