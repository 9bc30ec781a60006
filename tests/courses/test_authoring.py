"""Trainer pages: creating courses, arranging modules and lessons, editing with revisions and locking."""

from html.parser import HTMLParser
from io import BytesIO

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.courses.models import Course, CourseTrainer, Lesson, LessonRevision, StoredImage


class ElementCollector(HTMLParser):
    """Every element and its attributes, as a browser would see them."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture()
def trainer(make):
    return make.user(role=Role.TRAINER)


@pytest.fixture()
def lesson(make, trainer):
    course = make.course(trainers=(trainer,), slug="basins")
    module = make.module(course, slug="basics", position=1)
    return make.lesson(module, slug="why", position=1, title="Why", markdown="First text.\n")


def edit_url(lesson):
    return f"/courses/manage/{lesson.module.course.slug}/lessons/{lesson.id}"


def save(client, lesson, markdown, *, version=None, button="publish", title="Why"):
    data = {"title": title, "estimated_minutes": "12", "markdown": markdown, button: "1"}
    data["version"] = str(lesson.version if version is None else version)
    return client.post(edit_url(lesson), data=data)


@pytest.mark.parametrize(
    ("role", "assigned", "status"),
    [(Role.LEARNER, False, 403), (Role.TRAINER, False, 403), (Role.TRAINER, True, 200), (Role.ADMIN, False, 200)],
)
def test_only_assigned_trainers_and_admins_edit(client, make, db, login_as, lesson, role, assigned, status):
    user = make.user(role=role)
    if assigned:
        lesson.module.course.trainer_links.append(CourseTrainer(user_id=user.id))
        db.commit()
    login_as(user)
    assert client.get(edit_url(lesson)).status_code == status


def test_create_course_assigns_the_trainer_and_starts_as_draft(client, db, login_as, trainer):
    login_as(trainer)
    data = {"title": "Groundwater", "slug": "groundwater", "summary": "Wells.", "language": "ru"}
    response = client.post("/courses/manage/new", data=data)
    assert response.status_code == 302
    course = db.scalar(select(Course).where(Course.slug == "groundwater"))
    assert course.status == "draft" and course.trainer_ids == {trainer.id}
    assert client.post("/courses/manage/new", data=data).status_code == 400  # slug taken


def test_add_modules_and_lessons_and_reorder(client, db, login_as, trainer, lesson):
    login_as(trainer)
    course = lesson.module.course
    base = f"/courses/manage/{course.slug}"
    client.post(f"{base}/modules", data={"module-title": "Second", "module-slug": "second"})
    response = client.post(
        f"{base}/modules/{lesson.module_id}/lessons", data={"lesson-title": "Who", "lesson-slug": "who"}
    )
    assert response.status_code == 302
    new = db.scalar(select(Lesson).where(Lesson.slug == "who"))
    assert new.status == "draft" and new.position == 2
    client.post(f"{base}/lessons/{new.id}/move/up")
    db.expire_all()
    assert [item.slug for item in sorted(lesson.module.lessons, key=lambda item: item.position)] == ["who", "why"]
    second = next(module for module in course.modules if module.slug == "second")
    client.post(f"{base}/modules/{second.id}/move/up")
    client.post(f"{base}/modules/{second.id}/rename", data={"title": "Renamed"})
    db.expire_all()
    assert [(module.slug, module.title) for module in sorted(course.modules, key=lambda m: m.position)][0] == (
        "second",
        "Renamed",
    )


def test_preview_renders_without_saving(client, db, login_as, trainer, lesson):
    login_as(trainer)
    response = save(client, lesson, "## Fresh heading", button="preview")
    assert response.status_code == 200
    assert '<h2 id="fresh-heading">Fresh heading</h2>' in response.get_data(as_text=True)
    db.expire_all()
    assert lesson.markdown == "First text.\n" and lesson.version == 1


def test_save_renders_html_writes_a_revision_and_bumps_version(client, db, login_as, trainer, lesson):
    login_as(trainer)
    assert save(client, lesson, "## Units\r\n\r\nmg/l", button="save_draft").status_code == 302
    db.expire_all()
    assert lesson.markdown == "## Units\n\nmg/l\n"
    assert '<h2 id="units">' in lesson.html and lesson.status == "draft" and lesson.version == 2
    revision = db.scalar(select(LessonRevision).where(LessonRevision.lesson_id == lesson.id))
    assert (revision.number, revision.author_id, revision.markdown) == (1, trainer.id, "## Units\n\nmg/l\n")


def test_stale_save_is_refused_and_keeps_the_text(client, db, login_as, trainer, lesson):
    login_as(trainer)
    assert save(client, lesson, "Alice's version").status_code == 302
    response = save(client, lesson, "Bob's careful version", version=1)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved this lesson" in page
    assert "Bob&#39;s careful version" in page
    db.expire_all()
    assert lesson.markdown == "Alice's version\n"


def test_tampered_version_is_a_form_error_not_a_crash(client, login_as, trainer, lesson):
    login_as(trainer)
    assert save(client, lesson, "Text", version="abc").status_code == 400


def test_history_compare_and_restore(client, db, login_as, trainer, lesson):
    login_as(trainer)
    save(client, lesson, "Version <one>")
    db.expire_all()
    save(client, lesson, "Version two")
    base = edit_url(lesson)
    assert "Restore revision 1" in client.get(f"{base}/history").get_data(as_text=True)
    diff = client.get(f"{base}/compare?old=1&new=2").get_data(as_text=True)
    assert "&lt;" in diff and "<one>" not in diff
    assert client.post(f"{base}/revisions/1/restore").status_code == 302
    db.expire_all()
    numbers = db.scalars(select(LessonRevision.number).where(LessonRevision.lesson_id == lesson.id)).all()
    assert sorted(numbers) == [1, 2, 3]
    assert lesson.markdown == "Version <one>\n" and "&lt;one&gt;" in lesson.html
    assert client.get(f"{base}/compare?old=1&new=99").status_code == 404


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        '<iframe src="https://evil.example"></iframe>',
        '<form action="https://evil.example"><input></form>',
        '<p style="position:fixed">x</p>',
    ],
)
def test_xss_in_lesson_markdown_never_reaches_the_page(client, db, login_as, trainer, lesson, attack):
    login_as(trainer)
    save(client, lesson, attack)
    db.expire_all()
    course, module = lesson.module.course, lesson.module
    page = client.get(f"/courses/{course.slug}/{module.slug}/{lesson.slug}").get_data(as_text=True)
    body = page.split('class="lesson-body">', 1)[1].split("</article>", 1)[0]
    parser = ElementCollector()
    parser.feed(body)
    assert not {tag for tag, _ in parser.elements} & {"script", "iframe", "form", "input", "style", "object"}
    for _tag, attributes in parser.elements:
        for name, value in attributes:
            assert not name.startswith("on") and name != "style"
            assert not (value or "").lower().startswith(("javascript:", "data:"))


def test_image_upload_is_validated_and_served_sandboxed(client, db, login_as, trainer, lesson):
    login_as(trainer)
    base = f"/courses/manage/{lesson.module.course.slug}/images"
    bad = client.post(base, data={"image": (BytesIO(b"<svg onload=alert(1)>"), "evil.png")})
    assert bad.status_code == 400
    good = client.post(base, data={"image": (BytesIO(PNG), "Basin-Map.PNG")}, follow_redirects=True)
    assert "![Describe the image](../images/basin-map.png)" in good.get_data(as_text=True)
    assert db.scalar(select(StoredImage.path)) == "images/basin-map.png"
    served = client.get(f"/courses/{lesson.module.course.slug}/images/basin-map.png")
    assert served.data == PNG and served.mimetype == "image/png"
    assert served.headers["Content-Security-Policy"] == "sandbox"
    assert "max-age" in served.headers["Cache-Control"]


def test_lesson_links_and_images_resolve_to_site_urls(client, db, login_as, trainer, lesson, make):
    login_as(trainer)
    make.lesson(lesson.module, slug="who", position=2)
    save(client, lesson, "[who](02-who.md#top) [gone](09-gone.md) ![map](../images/none.png)")
    db.expire_all()
    assert 'href="/courses/basins/basics/who#top"' in lesson.html
    assert "gone" in lesson.html and "09-gone.md" not in lesson.html


def _grow_course(make, trainer, size):
    course = make.course(trainers=(trainer,))
    for number in range(2):
        module = make.module(course, position=number + 1)
        for position in range(size):
            make.lesson(module, position=position + 1)
    return course


@pytest.mark.parametrize("page", ["index", "outline", "history"])
def test_trainer_pages_query_count_does_not_grow(client, make, login_as, count_queries, trainer, page):
    login_as(trainer)
    counts = []
    for size in (2, 12):
        course = _grow_course(make, trainer, size)
        lesson = course.modules[0].lessons[0]
        for number in range(size):
            save(client, lesson, f"Text {number}")
        url = {
            "index": "/courses/manage/",
            "outline": f"/courses/manage/{course.slug}/",
            "history": f"{edit_url(lesson)}/history",
        }[page]
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
