from sqlalchemy import func, select

from app.auth.models import Role, User
from app.demo import DEMO_ACCOUNTS


def test_create_admin_creates_an_admin(app, db):
    result = app.test_cli_runner().invoke(
        args=["users", "create-admin", "Boss@Example.org"], input="long-enough-pass\nlong-enough-pass\n"
    )
    assert result.exit_code == 0, result.output
    user = db.scalar(select(User).where(User.email == "boss@example.org"))
    assert user.roles == {Role.ADMIN}


def test_create_admin_refuses_short_password(app, db):
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "x@example.org", "--password", "short"])
    assert result.exit_code != 0 and "at least 10 characters" in result.output


def test_create_admin_promotes_an_existing_account(app, db, make):
    make.user(email="promote@example.org")
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "promote@example.org", "--password", "x" * 12])
    assert result.exit_code == 0, result.output
    assert db.scalar(select(User).where(User.email == "promote@example.org")).roles == {
        Role.LEARNER,
        Role.ADMIN,
    }


def test_demo_load_is_safe_to_run_twice(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    emails = [email for email, _name, _roles in DEMO_ACCOUNTS]
    assert db.scalar(select(func.count()).select_from(User).where(User.email.in_(emails))) == 4


def test_demo_accounts_can_sign_in(app, db, client):
    app.test_cli_runner().invoke(args=["demo", "load"])
    response = client.post("/login", data={"email": "trainer@example.com", "password": "water-academy-demo"})
    assert response.headers["Location"] == "/courses/manage/"
