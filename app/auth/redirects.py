"""One helper decides whether a ``next`` target is safe to redirect to."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """Return ``target`` if it is a path inside this site, else None."""
    if not target or len(target) > 2000:
        return None
    if any(ord(character) < 32 for character in target) or "\\" in target:
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
