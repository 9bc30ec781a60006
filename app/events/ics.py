"""iCalendar (RFC 5545) text for events: pure functions, no database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from app.events.models import Event

PRODUCT_ID = "-//Water Academy//Events//EN"


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for character in line:
        piece = character.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _event_lines(event: Event, host: str, stamp: datetime) -> list[str]:
    last_day = event.ends_on or event.starts_on
    location = ", ".join(part for part in (event.venue, event.city, event.country) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.id}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}",
        # DTEND of an all-day event is the day after the last day
        f"DTEND;VALUE=DATE:{last_day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], *, host: str, stamp: datetime, name: str | None = None) -> str:
    """A VCALENDAR with one all-day VEVENT per event, CRLF line endings."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event, host, stamp))
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"
