"""The lesson page's fast lane (app.courses.fast_lane) answers exactly as Flask would, or leaves it to Flask.

Each case views a page through the lane and again with the lane closed (``LESSON_FAST_LANE = False``,
so Flask answers), and compares status, headers and body byte for byte; a spy says whether the lane
served the view itself, so an equal answer cannot come from the lane quietly stepping aside.
"""

import pytest

from app.auth.models import Role
from app.courses.fast_lane import LessonFastLane
from app.courses.models import LessonTranslation


@pytest.fixture()
def lane(app, monkeypatch):
    """Records, per request, whether the lane served it (True) or passed it to Flask (False)."""
    served: list[bool] = []
    original = LessonFastLane.serve

    def spy(self, environ):
        answer = original(self, environ)
        served.append(answer is not None)
        return answer

    monkeypatch.setattr(LessonFastLane, "serve", spy)
    return served


@pytest.fixture()
def lesson(make):
    course = make.course(title="Basin management")
    module = make.module(course, slug="basics", position=1)
    first = make.lesson(module, slug="why", position=1, title="Why basins")
    make.lesson(module, slug="who", position=2, title="Who manages")
    return course, first, f"/courses/{course.slug}/basics/why"


def _signed_in(app, user):
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user.get_id(), True
    browser.get("/")  # a first page gives the session its CSRF secret, as a real visit does
    return browser


def _answer(response):
    return response.status, list(response.headers.items()), response.get_data()


def _both(app, browser, url, **request_options):
    """(through the lane, through Flask) for the same request; the page is viewed once first, so it is kept."""
    browser.get(url, **request_options)
    through_lane = _answer(browser.get(url, **request_options))
    app.config["LESSON_FAST_LANE"] = False
    try:
        through_flask = _answer(browser.get(url, **request_options))
    finally:
        app.config["LESSON_FAST_LANE"] = True
    return through_lane, through_flask


def test_an_enrolled_learner_gets_the_same_page_from_the_lane(app, make, lesson, lane):
    course, _first, url = lesson
    user = make.user(name="Synthetic <b>Aigerim</b>")
    make.enrolment(course, user)
    through_lane, through_flask = _both(app, _signed_in(app, user), url)
    assert (
        lane[-1] is True
    )  # the lane answered the second view itself (the third, with the lane closed, never reaches it)
    assert through_lane == through_flask
    assert b"Synthetic &lt;b&gt;Aigerim&lt;/b&gt;" in through_lane[2] and b"Mark as done" in through_lane[2]


@pytest.mark.parametrize(
    ("account_language", "language_cookie", "request_options"),
    [
        ("ru", None, {}),  # the account's language
        (None, "kk", {}),  # the language cookie
        (None, None, {"headers": {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}}),  # the browser's
        (None, None, {"query_string": {"print": "1"}}),  # another address, another kept page
    ],
)
def test_languages_and_addresses_match_flask(
    app, make, db, lesson, lane, account_language, language_cookie, request_options
):
    course, first, url = lesson
    db.add(LessonTranslation(lesson_id=first.id, language="ru", title="Зачем бассейны", html="<p>Текст</p>"))
    db.flush()
    user = make.user(locale=account_language)
    make.enrolment(course, user)
    browser = _signed_in(app, user)
    if language_cookie:
        browser.set_cookie("lang", language_cookie)
    through_lane, through_flask = _both(app, browser, url, **request_options)
    assert lane[-1] is True
    assert through_lane == through_flask


def test_staff_navigation_and_a_draft_seen_by_its_trainer_match_flask(app, make, lesson, lane):
    course, _first, url = lesson
    admin = make.user(roles=(Role.ADMIN,))
    through_lane, through_flask = _both(app, _signed_in(app, admin), url)
    assert lane[-1] is True and through_lane == through_flask and b">Users</a>" in through_lane[2]
    trainer = make.user(roles=(Role.TRAINER,))
    draft_course = make.course(trainers=(trainer,), status="draft")
    module = make.module(draft_course, slug="drafts")
    make.lesson(module, slug="sketch", status="draft")
    draft_url = f"/courses/{draft_course.slug}/drafts/sketch"
    through_lane, through_flask = _both(app, _signed_in(app, trainer), draft_url)
    assert lane[-1] is True and through_lane == through_flask and through_lane[0] == "200 OK"


def test_what_the_lane_leaves_to_flask(app, make, db, lesson, lane):
    course, first, url = lesson
    user = make.user()
    make.enrolment(course, user)
    browser = _signed_in(app, user)
    browser.get(url)  # kept from now on

    browser.post(url + "/done")  # a flash message waits: Flask shows it, once
    shown = browser.get(url)
    assert lane[-1] is False and b"Lesson marked as done." in shown.get_data()

    browser.get(url)  # the page as done is kept from now on (a page with a message is never kept)
    etag = browser.get(url).headers["ETag"]
    assert lane[-1] is True
    assert browser.get(url, headers={"If-None-Match": etag}).status_code == 304 and lane[-1] is False

    learner = make.user()
    draft = make.lesson(first.module, slug="unpublished", status="draft")
    assert _signed_in(app, learner).get(f"/courses/{course.slug}/basics/{draft.slug}").status_code == 403
    assert lane[-1] is False
    assert browser.get(f"/courses/{course.slug}/basics/missing").status_code == 404 and lane[-1] is False

    remembered = _signed_in(app, user)
    with remembered.session_transaction() as session:
        session["_remember"] = "set"  # as signing in with "remember me" leaves it
    assert remembered.get(url).status_code == 200 and lane[-1] is False  # Flask sets the remember-me cookie
    assert remembered.get_cookie("remember_token") is not None

    forged = app.test_client()
    payload, _sep, signature = browser.get_cookie("session").value.rpartition(".")
    forged.set_cookie("session", f"{payload}.{'A' * len(signature)}")
    assert forged.get(url).status_code == 302 and lane[-1] is False  # to sign in

    browser.post("/logout")  # the session token rotates: the old cookie is worthless
    copied = app.test_client()
    copied.set_cookie("session", payload + "." + signature)
    assert copied.get(url).status_code == 302 and lane[-1] is False

    leaver = make.user()
    leaving = _signed_in(app, leaver)
    leaving.get(url)
    assert leaving.get(url).status_code == 200 and lane[-1] is True
    leaver.is_active = False
    db.flush()
    assert leaving.get(url).status_code == 302 and lane[-1] is False  # a deactivated account is signed out


def test_a_session_without_a_csrf_secret_is_left_to_flask(app, make, lesson, lane):
    course, _first, url = lesson
    user = make.user()
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = user.get_id()
    _signed_in(app, user).get(url)  # another browser has the page kept meanwhile
    assert browser.get(url).status_code == 200 and lane[-1] is False  # Flask makes the secret
    assert browser.get(url).status_code == 200 and lane[-1] is True  # from then on, the lane


def test_other_addresses_are_not_routed_or_kept_by_the_lane(app, make, lesson):
    lane = app.wsgi_app
    assert isinstance(lane, LessonFastLane)
    course, _first, url = lesson
    browser = _signed_in(app, make.user())
    for path in ("/", "/courses/", f"/courses/{course.slug}/", "/courses/a/b/c/d", "/courses/x/x/" + "y" * 500):
        browser.get(path)
        assert ("", path) not in lane.routes
    browser.get(url)
    assert lane.routes[("", url)][0] == "courses.lesson"


def test_hostile_addresses_cookies_and_headers_never_break_a_lesson_view(app, make, lesson):
    _course, _first, url = lesson
    browser = _signed_in(app, make.user())
    browser.get(url)
    odd_paths = (url + "?a=%ff%fe", url.replace("/basics/", "/%2F/"), url.replace("/basics/", "/%00/"), url + "/")
    for path in (*odd_paths, "/courses/ü/ö/ä"):
        assert browser.get(path).status_code in (200, 302, 308, 404), path
    for cookie in ("session=%%%", "session=" + "a" * 5000, "session=.eJw.bad.sig", 'session="quoted"; lang=zz'):
        assert app.test_client().get(url, headers={"Cookie": cookie}).status_code == 302, cookie[:20]  # sign in
    assert browser.get(url, headers={"Accept-Language": "*;q=abc, ,,;;"}).status_code == 200
    assert browser.head(url).status_code == 200
