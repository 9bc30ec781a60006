"""Accounts: sign-up, sign-in with throttling, passwords, roles and deactivation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit import record_audit
from app.auth.models import LoginThrottle, Role, User, UserRole, new_session_token
from app.db import utcnow
from app.errors import DomainError, NotFound

MIN_PASSWORD_LENGTH = 10
# Checked when the e-mail is unknown, so a wrong address costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password-for-timing")


class EmailTaken(DomainError):
    pass


class InvalidCredentials(DomainError):
    pass


class LoginThrottled(DomainError):
    status_code = 429


class WeakPassword(DomainError):
    pass


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    #: a shared office address legitimately sees more failures than one account
    address_factor: int = 4


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(_("The password must have at least %(n)s characters.", n=MIN_PASSWORD_LENGTH))


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    roles: Iterable[Role] = (Role.LEARNER,),
    locale: str | None = None,
) -> User:
    """Create an active account; refuses a taken e-mail in any letter case."""
    check_password_strength(password)
    if get_user_by_email(session, email) is not None:
        raise EmailTaken(_("An account with this e-mail address already exists."))
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=generate_password_hash(password),
        locale=locale,
        role_links=[UserRole(role=role) for role in set(roles)],
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session,
    *,
    email: str,
    password: str,
    client_address: str,
    policy: ThrottlePolicy,
    now: datetime | None = None,
) -> User:
    """Return the active user with these credentials, counting failures per e-mail and address."""
    now = now or utcnow()
    keys = {
        f"email:{normalise_email(email)}": policy.max_failures,
        f"ip:{client_address}": policy.max_failures * policy.address_factor,
    }
    throttles = _load_throttles(session, list(keys))
    if any(row.locked_until and row.locked_until > now for row in throttles.values()):
        raise LoginThrottled(_("Too many failed sign-ins. Please wait a few minutes and try again."))
    user = get_user_by_email(session, email)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid or not user.is_active:
        for key, limit in keys.items():
            _count_failure(session, throttles.get(key), key, limit, policy.lockout, now)
        raise InvalidCredentials(_("Wrong e-mail address or password."))
    email_throttle = throttles.get(f"email:{user.email}")
    if email_throttle is not None:
        session.delete(email_throttle)
    user.last_login_at = now
    return user


def _load_throttles(session: Session, keys: list[str]) -> dict[str, LoginThrottle]:
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)).with_for_update())
    return {row.key: row for row in rows}


def _count_failure(
    session: Session, row: LoginThrottle | None, key: str, limit: int, lockout: timedelta, now: datetime
) -> None:
    if row is None:
        row = LoginThrottle(key=key, failure_count=0, first_failure_at=now)
        session.add(row)
    elif now - row.first_failure_at > lockout:
        row.failure_count, row.first_failure_at, row.locked_until = 0, now, None
    row.failure_count += 1
    if row.failure_count >= limit:
        row.locked_until = now + lockout


def end_all_sessions(user: User) -> None:
    """Invalidate every session and remember-me cookie of ``user``."""
    user.session_token = new_session_token()


def change_password(user: User, *, current_password: str, new_password: str) -> None:
    if not check_password_hash(user.password_hash, current_password):
        raise InvalidCredentials(_("The current password is not correct."))
    check_password_strength(new_password)
    user.password_hash = generate_password_hash(new_password)
    end_all_sessions(user)


def set_roles(session: Session, *, actor: User | None, user: User, roles: Iterable[Role]) -> None:
    """Replace the user's roles and audit the change; an account always keeps at least one role."""
    wanted = set(roles) or {Role.LEARNER}
    before = sorted(user.roles)
    if set(before) == wanted:
        return
    user.role_links = [link for link in user.role_links if link.role in wanted]
    user.role_links.extend(UserRole(role=role) for role in wanted - set(before))
    record_audit(
        session,
        actor_id=actor.id if actor else None,
        action="user.roles_changed",
        subject=f"users:{user.id}",
        details={"before": before, "after": sorted(wanted)},
    )


def set_active(session: Session, *, actor: User, user: User, active: bool) -> None:
    """Activate or deactivate an account; deactivation ends its sessions at once."""
    if user.is_active == active:
        return
    user.is_active = active
    if not active:
        end_all_sessions(user)
    record_audit(
        session,
        actor_id=actor.id,
        action="user.activated" if active else "user.deactivated",
        subject=f"users:{user.id}",
    )


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def list_users(session: Session, *, search: str = "", page: int = 1, per_page: int = 50) -> tuple[list[User], int]:
    """One page of users matching ``search`` in name or e-mail, and the total count."""
    statement = select(User)
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        statement = statement.where(or_(func.lower(User.name).like(pattern), User.email.like(pattern)))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    users = session.scalars(statement.order_by(User.email).offset((max(page, 1) - 1) * per_page).limit(per_page)).all()
    return list(users), total


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user
