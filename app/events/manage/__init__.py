"""Coordinator pages of the events area (``/events/manage/...``), on the events blueprint."""

from app.events.manage import (  # noqa: F401  (registers the routes)
    attendance,
    certificates,
    checkin,
    duplicates,
    events,
    exports,
    imports,
    people,
)
