"""The per-process caches' one rule for staying bounded: when one is full, its oldest entry goes."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def keep(cache: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key``, first dropping the oldest entries (plain dicts keep insertion order)."""
    while len(cache) >= limit:
        cache.pop(next(iter(cache)))
    cache[key] = value
    return value
