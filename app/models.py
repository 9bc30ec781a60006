"""Imports every model so that Alembic and string-named relationships see them all."""

from app.audit import AuditEntry
from app.auth.models import LoginThrottle, Role, User, UserRole
from app.db import Base
from app.events.models import Organisation, Person

__all__ = ["AuditEntry", "Base", "LoginThrottle", "Organisation", "Person", "Role", "User", "UserRole"]
