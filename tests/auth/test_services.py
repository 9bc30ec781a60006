from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth import services
from app.auth.models import LoginThrottle, Role
from tests.factories import TEST_PASSWORD

POLICY = services.ThrottlePolicy(max_failures=3, lockout=timedelta(minutes=15))
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def sign_in(db, email, password, now=NOW, address="10.0.0.1"):
    return services.authenticate(db, email=email, password=password, client_address=address, policy=POLICY, now=now)


def test_create_user_refuses_existing_email_in_any_case(db):
    services.create_user(db, email="Aigerim@Example.org", name="A", password="long-enough-pass")
    with pytest.raises(services.EmailTaken):
        services.create_user(db, email="  aigerim@EXAMPLE.org ", name="B", password="long-enough-pass")


def test_create_user_stores_a_slow_hash_not_the_password(db):
    user = services.create_user(db, email="a@example.org", name="A", password="long-enough-pass")
    assert "long-enough-pass" not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
    assert user.roles == {Role.LEARNER}


def test_create_user_refuses_short_password(db):
    with pytest.raises(services.WeakPassword):
        services.create_user(db, email="a@example.org", name="A", password="short")


def test_authenticate_accepts_any_email_case(make, db):
    user = make.user(email="nurlan@example.org")
    assert sign_in(db, "NURLAN@example.org ", TEST_PASSWORD) == user


def test_authenticate_gives_one_generic_message_for_unknown_email_and_wrong_password(make, db):
    make.user(email="known@example.org")
    with pytest.raises(services.InvalidCredentials) as wrong_password:
        sign_in(db, "known@example.org", "nope-nope-nope")
    with pytest.raises(services.InvalidCredentials) as unknown:
        sign_in(db, "unknown@example.org", "nope-nope-nope")
    assert wrong_password.value.message == unknown.value.message


def test_authenticate_locks_after_repeated_failures_even_with_right_password(make, db):
    make.user(email="target@example.org")
    for _ in range(POLICY.max_failures):
        with pytest.raises(services.InvalidCredentials):
            sign_in(db, "target@example.org", "wrong-password")
    with pytest.raises(services.LoginThrottled):
        sign_in(db, "target@example.org", TEST_PASSWORD, now=NOW + timedelta(minutes=1))
    row = db.scalar(select(LoginThrottle).where(LoginThrottle.key == "email:target@example.org"))
    assert row.failure_count == POLICY.max_failures


def test_authenticate_unlocks_after_the_lockout_and_clears_the_count(make, db):
    make.user(email="target@example.org")
    for _ in range(POLICY.max_failures):
        with pytest.raises(services.InvalidCredentials):
            sign_in(db, "target@example.org", "wrong-password")
    later = NOW + POLICY.lockout + timedelta(seconds=1)
    assert sign_in(db, "target@example.org", TEST_PASSWORD, now=later).email == "target@example.org"
    assert db.scalar(select(LoginThrottle).where(LoginThrottle.key == "email:target@example.org")) is None


def test_authenticate_refuses_deactivated_account(make, db):
    make.user(email="gone@example.org", is_active=False)
    with pytest.raises(services.InvalidCredentials):
        sign_in(db, "gone@example.org", TEST_PASSWORD)


def test_change_password_rotates_the_session_token(make):
    user = make.user()
    before = user.session_token
    services.change_password(user, current_password=TEST_PASSWORD, new_password="a-brand-new-password")
    assert user.session_token != before
    with pytest.raises(services.InvalidCredentials):
        services.change_password(user, current_password="wrong", new_password="another-new-password")


def test_set_roles_audits_the_change(make, db):
    admin, user = make.user(role=Role.ADMIN), make.user()
    services.set_roles(db, actor=admin, user=user, roles=[Role.TRAINER, Role.LEARNER])
    db.flush()
    assert user.roles == {Role.TRAINER, Role.LEARNER}
    entry = db.scalars(select(AuditEntry).where(AuditEntry.subject == f"users:{user.id}")).one()
    assert entry.actor_id == admin.id
    assert entry.details == {"before": ["learner"], "after": ["learner", "trainer"]}


def test_set_roles_without_change_writes_no_audit(make, db):
    admin, user = make.user(role=Role.ADMIN), make.user()
    services.set_roles(db, actor=admin, user=user, roles=[Role.LEARNER])
    assert db.scalars(select(AuditEntry)).all() == []


def test_set_active_false_ends_sessions_and_is_audited(make, db):
    admin, user = make.user(role=Role.ADMIN), make.user()
    token = user.session_token
    services.set_active(db, actor=admin, user=user, active=False)
    db.flush()
    assert not user.is_active and user.session_token != token
    assert db.scalars(select(AuditEntry.action)).all() == ["user.deactivated"]


def test_list_users_searches_and_pages(make, db):
    for number in range(5):
        make.user(email=f"page{number}@example.org", name=f"Paged {number}")
    users, total = services.list_users(db, search="paged", page=2, per_page=2)
    assert total == 5
    assert [user.email for user in users] == ["page2@example.org", "page3@example.org"]
