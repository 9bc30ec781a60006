"""Domain errors: broken business rules, with a message a person can act on."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the action; ``str(error)`` is shown to the user."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    """The data changed under the user (a stale form, a duplicate)."""

    status_code = 409


class PermissionDenied(DomainError):
    status_code = 403
