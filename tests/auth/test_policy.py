import pytest

from app.auth import policy
from app.auth.models import Role


@pytest.mark.parametrize(
    ("roles", "manage_users", "author", "coordinate", "reports"),
    [
        ((Role.LEARNER,), False, False, False, False),
        ((Role.TRAINER,), False, True, False, False),
        ((Role.COORDINATOR,), False, False, True, True),
        ((Role.ADMIN,), True, True, True, True),
        ((Role.TRAINER, Role.COORDINATOR), False, True, True, True),
    ],
)
def test_role_matrix(make, roles, manage_users, author, coordinate, reports):
    user = make.user(roles=roles)
    assert policy.can_manage_users(user) is manage_users
    assert policy.can_author_courses(user) is author
    assert policy.can_coordinate_events(user) is coordinate
    assert policy.can_view_reports(user) is reports


def test_admin_cannot_change_own_account(make):
    admin = make.user(role=Role.ADMIN)
    other = make.user()
    assert policy.can_change_user(admin, other)
    assert not policy.can_change_user(admin, admin)


@pytest.mark.parametrize(
    ("roles", "endpoint"),
    [
        ((Role.LEARNER,), "courses.my_learning"),
        ((Role.TRAINER,), "courses.manage_index"),
        ((Role.COORDINATOR,), "events.index"),
        ((Role.ADMIN,), "auth.manage_users"),
        ((Role.LEARNER, Role.COORDINATOR), "events.index"),
    ],
)
def test_landing_endpoint_follows_most_responsible_role(make, roles, endpoint):
    assert policy.landing_endpoint(make.user(roles=roles)) == endpoint


def test_bound_policy_rejects_unknown_predicates(make):
    bound = policy.BoundPolicy(make.user())
    assert bound.author_courses() is False
    with pytest.raises(AttributeError):
        bound.launch_rockets()
