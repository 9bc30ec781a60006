"""Demo data: accounts for each role (and, as features land, obviously synthetic content)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import services as auth_services
from app.auth.models import Role, User
from app.courses.demo import load_demo_courses
from app.db import utcnow
from app.events.demo import load_demo_events
from app.rivers.demo import load_demo_rivers

DEMO_PASSWORD = "water-academy-demo"  # noqa: S105  (documented in the README; demo data only)
DEMO_ACCOUNTS = (
    ("learner@example.com", "Demo Learner", (Role.LEARNER,)),
    ("trainer@example.com", "Demo Trainer", (Role.TRAINER,)),
    ("coordinator@example.com", "Demo Coordinator", (Role.COORDINATOR,)),
    ("admin@example.com", "Demo Admin", (Role.ADMIN,)),
)


def database_has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def load_demo_accounts(session: Session) -> list[str]:
    """Create the four demo accounts that do not exist yet."""
    created = []
    for email, name, roles in DEMO_ACCOUNTS:
        if auth_services.get_user_by_email(session, email) is None:
            auth_services.create_user(session, email=email, name=name, password=DEMO_PASSWORD, roles=roles)
            created.append(email)
    return created


def load_demo_data(session: Session) -> list[str]:
    """Everything demo, idempotent; returns a line per thing done."""
    created = load_demo_accounts(session)
    lines = [f"demo account created: {email}" for email in created] or ["demo accounts already present"]
    # River data first: the case exercises' computed answers are calculated from it when courses sync.
    lines += load_demo_rivers(session)
    lines += load_demo_courses(session)
    lines += load_demo_events(session, today=utcnow().date())
    return lines
