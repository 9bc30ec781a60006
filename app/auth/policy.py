"""Who may do what: the only module that reads roles or compares owners.

Role matrix (admin may do everything):

| action                                   | learner | trainer | coordinator | admin |
|------------------------------------------|---------|---------|-------------|-------|
| public pages, catalogue, sign up         | yes     | yes     | yes         | yes   |
| my learning, change own password         | yes     | yes     | yes         | yes   |
| author own courses and quizzes            |         | yes     |             | yes   |
| events, people, attendance, certificates  |         |         | yes         | yes   |
| reports with personal data                |         |         | yes         | yes   |
| manage users and roles                    |         |         |             | yes   |

Every view carries exactly one of ``@public``, ``@signed_in`` or ``@role_required``;
``tests/auth/test_route_audit.py`` fails on any endpoint without one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial, wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from app.auth.models import Role
from app.extensions import login_manager

ViewT = TypeVar("ViewT", bound=Callable[..., Any])
ACCESS_RULE_ATTRIBUTE = "access_rule"


def _mark(view: ViewT, rule: str) -> ViewT:
    setattr(view, ACCESS_RULE_ATTRIBUTE, rule)
    return view


def public(view: ViewT) -> ViewT:
    """Anyone, signed in or not."""
    return _mark(view, "public")


def signed_in(view: ViewT) -> ViewT:
    """Any active account."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return _mark(wrapper, "signed_in")  # type: ignore[return-value]


def role_required(*roles: Role) -> Callable[[ViewT], ViewT]:
    """An account holding one of ``roles`` (admins always pass)."""

    def decorator(view: ViewT) -> ViewT:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not has_any_role(current_user, roles):
                abort(403)
            return view(*args, **kwargs)

        return _mark(wrapper, "roles:" + ",".join(sorted(roles)))  # type: ignore[return-value]

    return decorator


def authorize(predicate: Callable[..., bool], *objects: Any) -> None:
    """Abort with 403 unless ``predicate(current_user, *objects)`` holds."""
    if not predicate(current_user, *objects):
        abort(403)


def has_any_role(user: Any, roles: Iterable[Role]) -> bool:
    """True when the user is signed in and holds one of ``roles`` or is an admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    held = user.roles
    return Role.ADMIN in held or any(role in held for role in roles)


def can_manage_users(user: Any) -> bool:
    """Only admins list users, change roles and deactivate accounts."""
    return has_any_role(user, (Role.ADMIN,))


def can_change_user(user: Any, target: Any) -> bool:
    """Admins may change other accounts; never their own roles or active flag (no self-lockout)."""
    return can_manage_users(user) and user.id != target.id


def can_author_courses(user: Any) -> bool:
    """Trainers and admins reach the authoring area."""
    return has_any_role(user, (Role.TRAINER,))


def can_coordinate_events(user: Any) -> bool:
    """Coordinators and admins run events, people and attendance."""
    return has_any_role(user, (Role.COORDINATOR,))


def can_view_reports(user: Any) -> bool:
    """Coordinators and admins see reports with personal data."""
    return has_any_role(user, (Role.COORDINATOR,))


def landing_endpoint(user: Any) -> str:
    """The page a user starts from, by their most responsible role."""
    if has_any_role(user, (Role.ADMIN,)):
        return "auth.manage_users"
    if Role.COORDINATOR in user.roles:
        return "events.index"
    if Role.TRAINER in user.roles:
        return "courses.manage_index"
    return "courses.my_learning"


class BoundPolicy:
    """Exposes ``can_*`` predicates bound to one user as ``can.*`` in templates."""

    def __init__(self, user: Any) -> None:
        self._user = user

    def __getattr__(self, name: str) -> Callable[..., bool]:
        predicate = globals().get(f"can_{name}")
        if predicate is None:
            raise AttributeError(f"policy has no can_{name}")
        return partial(predicate, self._user)
