"""Who may do what: the only module that reads roles or compares owners.

Role matrix (admin may do everything):

| action                                   | learner | trainer | coordinator | admin |
|------------------------------------------|---------|---------|-------------|-------|
| public pages, catalogue, sign up         | yes     | yes     | yes         | yes   |
| my learning, change own password         | yes     | yes     | yes         | yes   |
| author own courses and quizzes            |         | yes     |             | yes   |
| take quizzes of courses one is enrolled in | yes    | yes     | yes         | yes   |
| events, people, attendance, certificates  |         |         | yes         | yes   |
| register self for an open event           | yes     | yes     | yes         | yes   |
| self check-in, download own certificate   | yes     | yes     | yes         | yes   |
| public participant list of an event       | yes     | yes     | yes         | yes   |
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


# --- courses: assigned trainers and admins edit; learners see published courses and lessons only ---


def can_edit_course(user: Any, course: Any) -> bool:
    """Admins, and trainers assigned to the course, edit it (uses the loaded trainer links)."""
    if has_any_role(user, (Role.ADMIN,)):
        return True
    return has_any_role(user, (Role.TRAINER,)) and user.id in course.trainer_ids


def can_view_course(user: Any, course: Any) -> bool:
    """Anyone sees a published course; drafts and archived courses only its editors."""
    return course.status == "published" or can_edit_course(user, course)


def can_view_lesson(user: Any, lesson: Any) -> bool:
    """Readers see live published lessons of published courses; editors see every lesson."""
    module = lesson.module
    live = lesson.status == "published" and not lesson.is_archived and not module.is_archived
    return (live and module.course.status == "published") or can_edit_course(user, module.course)


# --- quizzes: enrolled learners take live quizzes of published courses; the course's editors manage them ---


def can_take_quiz(user: Any, quiz: Any, enrolment: Any) -> bool:
    """An enrolled learner takes live quizzes of a published course; the course's editors may try them."""
    module = quiz.module
    live = not quiz.is_archived and not module.is_archived and module.course.status == "published"
    enrolled = enrolment is not None and getattr(user, "id", None) == enrolment.user_id
    return (live and enrolled) or can_edit_course(user, module.course)


def can_manage_quiz(user: Any, quiz: Any) -> bool:
    """The course's editors see results, override grades, regrade and edit the quiz."""
    return can_edit_course(user, quiz.module.course)


def can_answer_attempt(user: Any, attempt: Any) -> bool:
    """Only the learner who started an attempt answers and submits it."""
    return getattr(user, "id", None) == attempt.user_id


def can_view_attempt(user: Any, attempt: Any) -> bool:
    """Learners see their own attempts; the course's editors see everyone's."""
    return getattr(user, "id", None) == attempt.user_id or can_manage_quiz(user, attempt.quiz)


def can_coordinate_events(user: Any) -> bool:
    """Coordinators and admins run events, people and attendance."""
    return has_any_role(user, (Role.COORDINATOR,))


def can_view_reports(user: Any) -> bool:
    """Coordinators and admins see reports with personal data."""
    return has_any_role(user, (Role.COORDINATOR,))


# --- events area -------------------------------------------------------------------------------


def can_register_for_event(user: Any, event: Any) -> bool:
    """Any signed-in account may register itself for an event that is open for registration."""
    return bool(getattr(user, "is_authenticated", False) and event.is_open_for_registration)


def can_download_certificate(user: Any, certificate: Any) -> bool:
    """Coordinators download any certificate; a participant only their own (account linked to the person)."""
    if can_coordinate_events(user):
        return True
    person_id = getattr(user, "person_id", None)
    return person_id is not None and person_id == certificate.person_id


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
