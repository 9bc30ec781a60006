import pytest
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth.models import Role, User
from tests.factories import TEST_PASSWORD


def post_login(client, email, password=TEST_PASSWORD, next_url=None, remember=False):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    return client.post(url, data=data)


def test_signup_creates_a_learner_and_signs_in(client, db):
    response = client.post(
        "/signup",
        data={
            "name": "Aigerim Test",
            "email": "New@Example.org",
            "password": "long-enough-pass",
            "confirm": "long-enough-pass",
        },
    )
    assert response.status_code == 302
    user = db.scalar(select(User).where(User.email == "new@example.org"))
    assert user.roles == {Role.LEARNER}
    assert client.get("/courses/learning").status_code == 200


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"email": "taken@EXAMPLE.org"}, "already exists"),
        ({"password": "short", "confirm": "short"}, "at least 10 characters"),
        ({"confirm": "something-else-entirely"}, "do not match"),
        ({"email": "not-an-email"}, "valid e-mail"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_signup_bad_input_explains_next_to_the_field_and_creates_nothing(client, make, db, form, message):
    make.user(email="taken@example.org")
    data = {
        "name": "Someone",
        "email": "fresh@example.org",
        "password": "long-enough-pass",
        "confirm": "long-enough-pass",
    } | form
    before = db.scalar(select(User.id).order_by(User.id.desc()))
    response = client.post("/signup", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page
    assert db.scalar(select(User.id).order_by(User.id.desc())) == before


def test_login_with_wrong_password_shows_one_generic_message(client, make):
    make.user(email="user@example.org")
    page = post_login(client, "user@example.org", "wrong-password").get_data(as_text=True)
    assert "Wrong e-mail address or password." in page


def test_login_redirects_to_landing_page_of_role(client, make):
    make.user(email="coord@example.org", role=Role.COORDINATOR)
    response = post_login(client, "coord@example.org")
    assert response.headers["Location"] == "/events/"


def test_login_follows_next_only_inside_the_site(client, make):
    make.user(email="user@example.org")
    assert post_login(client, "user@example.org", next_url="/admin/users").headers["Location"] == "/admin/users"
    client.post("/logout")
    response = post_login(client, "user@example.org", next_url="https://evil.example/")
    assert response.headers["Location"] == "/courses/learning"


def test_login_is_throttled_through_the_form(client, make, app):
    make.user(email="user@example.org")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        post_login(client, "user@example.org", "wrong-password")
    response = post_login(client, "user@example.org")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)


def test_remember_me_sets_a_persistent_cookie(client, make):
    make.user(email="user@example.org")
    response = post_login(client, "user@example.org", remember=True)
    assert any(header.startswith("remember_token=") for header in response.headers.getlist("Set-Cookie"))


def copied_cookie(client):
    return client.get_cookie("session").value


def test_logout_ends_every_session_of_the_user(app, client, make):
    make.user(email="user@example.org")
    post_login(client, "user@example.org")
    stolen = copied_cookie(client)
    client.post("/logout")
    other = app.test_client()
    other.set_cookie("session", stolen)
    assert other.get("/courses/learning").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, make):
    make.user(email="user@example.org")
    post_login(client, "user@example.org")
    stolen = copied_cookie(client)
    response = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a-brand-new-password",
            "confirm": "a-brand-new-password",
        },
    )
    assert response.status_code == 302
    assert client.get("/courses/learning").status_code == 200
    other = app.test_client()
    other.set_cookie("session", stolen)
    assert other.get("/courses/learning").status_code == 302


def test_password_change_with_wrong_current_password_says_so(client, make, login_as):
    login_as(make.user())
    response = client.post(
        "/account/password",
        data={
            "current_password": "wrong",
            "new_password": "a-brand-new-password",
            "confirm": "a-brand-new-password",
        },
    )
    assert response.status_code == 400
    assert "The current password is not correct." in response.get_data(as_text=True)


def test_deactivation_ends_the_users_sessions(app, client, make, login_as):
    target = make.user(email="target@example.org")
    victim = app.test_client()
    with victim.session_transaction() as session:
        session["_user_id"] = target.get_id()
    assert victim.get("/courses/learning").status_code == 200
    login_as(make.user(role=Role.ADMIN))
    assert client.post(f"/admin/users/{target.id}/active", data={"active": "0"}).status_code == 302
    assert victim.get("/courses/learning").status_code == 302


def test_admin_changes_roles_and_the_change_is_audited(client, make, login_as, db):
    admin = login_as(make.user(role=Role.ADMIN))
    target = make.user()
    response = client.post(f"/admin/users/{target.id}", data={"roles": ["trainer", "coordinator"]})
    assert response.status_code == 302
    assert target.roles == {Role.TRAINER, Role.COORDINATOR}
    entry = db.scalars(select(AuditEntry)).one()
    assert (entry.actor_id, entry.action) == (admin.id, "user.roles_changed")


def test_admin_cannot_change_own_roles(client, make, login_as):
    admin = login_as(make.user(role=Role.ADMIN))
    assert client.post(f"/admin/users/{admin.id}", data={"roles": ["learner"]}).status_code == 403


def test_admin_user_list_searches(client, make, login_as):
    login_as(make.user(role=Role.ADMIN))
    make.user(email="findme@example.org", name="Findable Person")
    make.user(email="other@example.org", name="Someone Else")
    page = client.get("/admin/users?q=findable").get_data(as_text=True)
    assert "findme@example.org" in page and "other@example.org" not in page


def test_admin_user_list_query_count_does_not_grow_with_users(client, make, login_as, count_queries):
    login_as(make.user(role=Role.ADMIN))
    make.user(role=Role.TRAINER)
    with count_queries() as few:
        assert client.get("/admin/users").status_code == 200
    for _ in range(20):
        make.user(roles=(Role.TRAINER, Role.COORDINATOR))
    with count_queries() as many:
        assert client.get("/admin/users").status_code == 200
    assert few.count == many.count, (few.statements, many.statements)


PAGES = ["/courses/learning", "/courses/manage/", "/events/", "/admin/users"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.LEARNER, {"/courses/learning"}),
        (Role.TRAINER, {"/courses/learning", "/courses/manage/"}),
        (Role.COORDINATOR, {"/courses/learning", "/events/"}),
        (Role.ADMIN, set(PAGES)),
    ],
)
def test_role_pages_answer_403_to_other_roles(client, make, login_as, role, allowed):
    login_as(make.user(role=role))
    for page in PAGES:
        assert client.get(page).status_code == (200 if page in allowed else 403), page


@pytest.mark.parametrize("page", PAGES + ["/account/password"])
def test_signed_in_pages_send_anonymous_visitors_to_sign_in(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    ("role", "link"),
    [
        (Role.LEARNER, "/events/"),
        (Role.TRAINER, "/courses/manage/"),
        (Role.COORDINATOR, "/events/"),
        (Role.ADMIN, "/admin/users"),
    ],
)
def test_navigation_fits_the_role(client, make, login_as, role, link):
    login_as(make.user(role=role))
    page = client.get("/").get_data(as_text=True)
    assert (f'href="{link}"' in page) is (role != Role.LEARNER)
