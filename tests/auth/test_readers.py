"""The signed-in reader: one statement per request, refused when the token or the account is no longer valid."""

from app.auth.models import Role, User
from app.auth.readers import SignedInUser, account_of, load_signed_in_user


def test_a_reader_carries_the_account_and_its_roles(db, make):
    user = make.user(roles=(Role.TRAINER, Role.COORDINATOR), name="Gulnara", locale="kk")
    reader = load_signed_in_user(db, user.get_id())
    assert isinstance(reader, SignedInUser)
    assert (reader.id, reader.name, reader.email, reader.locale) == (user.id, "Gulnara", user.email, "kk")
    assert reader.roles == {Role.TRAINER, Role.COORDINATOR}
    assert reader.get_id() == user.get_id() and reader.is_authenticated and not reader.is_anonymous
    assert account_of(db, reader) is user


def test_an_account_without_roles_is_still_a_reader(db, make):
    user = make.user(role=None)
    assert load_signed_in_user(db, user.get_id()).roles == frozenset()


def test_stale_tokens_inactive_accounts_and_garbage_are_refused(db, make):
    user = make.user()
    old_id = user.get_id()
    user.session_token = "rotated-token-value"
    db.flush()
    assert load_signed_in_user(db, old_id) is None
    assert load_signed_in_user(db, user.get_id()) is not None
    user.is_active = False
    db.flush()
    assert load_signed_in_user(db, user.get_id()) is None
    for garbage in ("", ":", "abc:def", f"{user.id}", f"{user.id}:", "999999:token", "-1:x"):
        assert load_signed_in_user(db, garbage) is None


def test_account_of_an_orm_user_is_that_user(db, make):
    user = make.user()
    assert account_of(db, db.get(User, user.id)) is user
