"""Minimum cell size: small groups are shown as "<N" so no person can be picked out of a figure.

Pure functions over plain numbers; pages, charts and exports all show what these return, so a
suppressed cell never leaks through one of them. A count of 0 is shown (it identifies nobody).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cells:
    """Formats counts, shares and means under one minimum cell size."""

    min_size: int = 3

    @property
    def hidden(self) -> str:
        return f"<{self.min_size}"

    def is_small(self, count: int | None) -> bool:
        return count is not None and 0 < count < self.min_size

    def count(self, value: int | None) -> int | str:
        """The count, or "<N" when it is above zero and below the minimum."""
        if value is None:
            return 0
        return self.hidden if self.is_small(value) else int(value)

    def share(self, part: int | None, whole: int | None) -> float | str:
        """``part`` as a percent of ``whole`` (one decimal), hidden when either count is small."""
        if not whole:
            return "—"
        if self.is_small(part) or self.is_small(whole):
            return self.hidden
        return round(100 * (part or 0) / whole, 1)

    def mean(self, value: float | None, size: int | None) -> float | str:
        """A mean over ``size`` people, hidden when they are fewer than the minimum."""
        if value is None or not size:
            return "—"
        if self.is_small(size):
            return self.hidden
        return round(float(value), 1)

    def chart_value(self, value: int | float | str) -> float:
        """What a bar shows: hidden and missing cells draw no bar (their label says "<N")."""
        return float(value) if isinstance(value, int | float) else 0.0
