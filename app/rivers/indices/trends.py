"""Trend figures over a series of dated values: median, maximum, change factor, months over a limit."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.rivers.indices.exceedance import BelowDetection, substitute


@dataclass(frozen=True)
class SeriesPoint:
    """One value of a series, dated by the first day of its period (a month for bulletin rows)."""

    start: date
    value: float
    below_detection: bool = False


@dataclass(frozen=True)
class PeriodSummary:
    """Median and maximum over the points between `first` and `last` (inclusive)."""

    first: date
    last: date
    count: int
    median: float
    maximum: float
    maximum_on: date
    below_detection_count: int


def _within(points: Iterable[SeriesPoint], first: date, last: date) -> list[SeriesPoint]:
    return sorted((point for point in points if first <= point.start <= last), key=lambda point: point.start)


def _value(point: SeriesPoint, rule: BelowDetection) -> float | None:
    return substitute(point.value, rule) if point.below_detection else point.value


def summarise(
    points: Iterable[SeriesPoint],
    first: date,
    last: date,
    below_detection: BelowDetection = BelowDetection.HALF,
) -> PeriodSummary | None:
    """Median and maximum over a period; None when no point falls in it."""
    chosen = [(point, _value(point, below_detection)) for point in _within(points, first, last)]
    usable = [(point, value) for point, value in chosen if value is not None]
    if not usable:
        return None
    values = [value for _, value in usable]
    peak_point, peak = max(usable, key=lambda pair: pair[1])
    below = sum(1 for point, _ in chosen if point.below_detection)
    return PeriodSummary(first, last, len(usable), statistics.median(values), peak, peak_point.start, below)


def change_factor(
    points: Iterable[SeriesPoint],
    before: tuple[date, date],
    after: tuple[date, date],
    statistic: str = "median",
    below_detection: BelowDetection = BelowDetection.HALF,
) -> float | None:
    """`statistic` ("median" or "maximum") of the later period divided by that of the earlier one."""
    if statistic not in ("median", "maximum"):
        raise ValueError("statistic must be 'median' or 'maximum'")
    series = list(points)
    earlier = summarise(series, *before, below_detection=below_detection)
    later = summarise(series, *after, below_detection=below_detection)
    if earlier is None or later is None or getattr(earlier, statistic) == 0:
        return None
    return getattr(later, statistic) / getattr(earlier, statistic)


def months_over_limit(
    points: Iterable[SeriesPoint], limit_value: float, first: date | None = None, last: date | None = None
) -> list[date]:
    """Distinct months in which some value is above `limit_value`; a "<DL" value never counts."""
    months = {
        date(point.start.year, point.start.month, 1)
        for point in points
        if not point.below_detection
        and point.value > limit_value
        and (first is None or point.start >= first)
        and (last is None or point.start <= last)
    }
    return sorted(months)
