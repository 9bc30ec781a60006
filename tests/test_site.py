from flask import url_for

from app import create_app


def test_home_says_what_the_platform_is(client):
    page = client.get("/").get_data(as_text=True)
    assert "Water Academy" in page and "Central Asia" in page
    assert "<script" not in page  # works without JavaScript


def test_healthz_reports_database_status(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_unknown_page_gets_the_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_responses_carry_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_session_cookie_is_httponly_and_lax(client, make):
    from tests.factories import TEST_PASSWORD

    make.user(email="cookie@example.org")
    response = client.post("/login", data={"email": "cookie@example.org", "password": TEST_PASSWORD})
    cookie = next(header for header in response.headers.getlist("Set-Cookie") if header.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_post_without_csrf_token_gets_a_helpful_400(db):
    csrf_app = create_app(
        {"TESTING": True, "ENVIRONMENT": "testing", "DATABASE_URL": "sqlite://", "SECRET_KEY": "test"}
    )
    assert csrf_app.config["WTF_CSRF_ENABLED"] is not False
    with csrf_app.test_client() as client:
        response = client.post("/login", data={"email": "a@example.org", "password": "whatever-password"})
        assert response.status_code == 400
        assert "security token" in response.get_data(as_text=True)
        response = client.post("/language", data={"language": "ru"})
        assert response.status_code == 400


def test_csrf_token_from_the_form_is_accepted(db):
    csrf_app = create_app(
        {"TESTING": True, "ENVIRONMENT": "testing", "DATABASE_URL": "sqlite://", "SECRET_KEY": "test"}
    )
    with csrf_app.test_client() as client:
        page = client.get("/").get_data(as_text=True)
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        response = client.post("/language", data={"language": "kk", "csrf_token": token, "next": "/"})
        assert response.status_code == 302


def test_error_pages_render(app):
    with app.test_request_context("/"):
        assert url_for("site.home") == "/"


def test_unexpected_errors_get_the_500_page_and_nothing_leaks(db):
    from app.auth.policy import public

    failing_app = create_app(
        {"ENVIRONMENT": "testing", "DATABASE_URL": "sqlite://", "SECRET_KEY": "test", "PROPAGATE_EXCEPTIONS": False}
    )

    @failing_app.route("/boom")
    @public
    def boom():
        raise RuntimeError("secret internal detail")

    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Server error" in page and "secret internal detail" not in page


def test_forbidden_page_explains(client, make, login_as):
    login_as(make.user())
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "does not have permission" in response.get_data(as_text=True)


def test_nul_characters_are_refused_before_they_reach_the_database(client, make, login_as):
    """PostgreSQL text cannot hold NUL: an address with one names no page, a field with one is refused."""
    login_as(make.user())
    assert client.get("/courses/a%00b/m/l").status_code == 404
    assert client.get("/courses/?q=water%00").status_code == 400
    assert client.post("/language", data={"language": "ru\x00", "next": "/"}).status_code == 400
    assert client.get("/courses/?q=water").status_code == 200


def test_ids_beyond_the_database_range_are_not_found(client, make, login_as):
    login_as(make.user())
    too_big = ("2147483648", "99999999999999999999", "9223372036854775808")
    for path in (f"/quizzes/{too_big[0]}", f"/quizzes/{too_big[1]}", f"/quizzes/attempts/{too_big[2]}/result"):
        assert client.get(path).status_code == 404, path
