"""Who is signed in: the account behind a session cookie, read with one Core statement per request.

Flask-Login's ``current_user`` is a ``SignedInUser``, a frozen record of what pages and the policy read
(id, e-mail, name, language, roles, linked person), not an ORM ``User``: loading an ORM user with its roles
on every request cost as much as the rest of a lesson page; the statement runs straight on the driver
(app.driver_statements). Code that changes the account loads it with ``account_of``.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from app.auth.models import Role, User, UserRole
from app.driver_statements import DriverStatement


@dataclass(frozen=True, slots=True)
class SignedInUser:
    id: int
    email: str
    name: str
    locale: str | None
    person_id: int | None
    session_token: str
    roles: frozenset[Role]

    # Flask-Login protocol: only active accounts are ever loaded
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"


def load_signed_in_user(session: Session, cookie_id: str) -> SignedInUser | None:
    """The reader for a session's ``user_id:session_token``, while the token matches and the account is active."""
    identifier, _sep, token = cookie_id.partition(":")
    if not identifier.isdigit() or not token:
        return None
    rows = READER.rows(session, {"user_id": int(identifier)})
    if not rows:
        return None
    first = rows[0]
    if not first.is_active or not hmac.compare_digest(first.session_token, token):
        return None
    roles = frozenset(row.role for row in rows if row.role is not None)
    return SignedInUser(first.id, first.email, first.name, first.locale, first.person_id, first.session_token, roles)


def account_of(session: Session, reader: SignedInUser | User) -> User:
    """The reader's ORM account, for code that changes it (one primary-key lookup)."""
    if isinstance(reader, User):
        return reader
    account = session.get(User, reader.id)
    if account is None:  # deleted while this request ran
        raise LookupError(f"user {reader.id} no longer exists")
    return account


def _reader_statement() -> Select:
    """One row per role (one row without a role for an account that has none)."""
    columns = (User.id, User.email, User.name, User.locale, User.is_active, User.session_token, User.person_id)
    return (
        select(*columns, UserRole.role)
        .outerjoin(UserRole, UserRole.user_id == User.id)
        .where(User.id == bindparam("user_id"))
    )


#: every signed-in request runs it: straight on the driver (app.driver_statements)
READER = DriverStatement(_reader_statement)
