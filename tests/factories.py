"""``make.<model>(**overrides)``: one method per model, unique defaults.

Each made row is committed to the test's savepoint: it survives a request that rolls back its own
work (a refused form), and the whole test transaction is still rolled back afterwards."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app.audit import AuditEntry
from app.auth.models import Role, User, UserRole
from app.events.models import Gender, Organisation, OrganisationType, Person

TEST_PASSWORD = "correct-horse-battery"
# Hashing is deliberately slow; every factory user shares one precomputed hash.
_TEST_PASSWORD_HASH = generate_password_hash(TEST_PASSWORD)
_sequence = itertools.count(1)


class Make:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _add(self, instance: Any) -> Any:
        self.session.add(instance)
        self.session.commit()
        return instance

    def user(self, role: Role | None = Role.LEARNER, roles: tuple[Role, ...] = (), **overrides: Any) -> User:
        number = next(_sequence)
        wanted = set(roles) or ({role} if role else set())
        values: dict[str, Any] = {
            "email": f"user{number}@example.org",
            "name": f"Test User {number}",
            "password_hash": _TEST_PASSWORD_HASH,
            "role_links": [UserRole(role=item) for item in wanted],
        }
        values.update(overrides)
        return self._add(User(**values))

    def organisation(self, **overrides: Any) -> Organisation:
        number = next(_sequence)
        values: dict[str, Any] = {
            "name": f"Test Organisation {number}",
            "type": OrganisationType.NGO,
            "country": "KZ",
        }
        values.update(overrides)
        return self._add(Organisation(**values))

    def person(self, **overrides: Any) -> Person:
        number = next(_sequence)
        values: dict[str, Any] = {
            "full_name": f"Test Person {number}",
            "latin_name": f"test person {number}",
            "gender": Gender.NOT_STATED,
            "country": "KZ",
        }
        values.update(overrides)
        return self._add(Person(**values))

    def audit_entry(self, **overrides: Any) -> AuditEntry:
        values: dict[str, Any] = {
            "actor_id": None,
            "action": "test.action",
            "subject": "tests:1",
            "details": {},
        }
        values.update(overrides)
        return self._add(AuditEntry(**values))
