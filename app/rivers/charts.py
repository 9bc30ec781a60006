"""Server-side SVG charts as geometry: the templates draw them (rivers/_line_chart.html, _bar_chart.html).

Pure Python, no database and no JavaScript: a chart is a dataclass of coordinates and tick labels in
an SVG user space of fixed size, so pages work without scripts and the numbers stay in the table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 64, 40, 16, 48  # RIGHT leaves room for the last date label
LINE_HEIGHT = 260
#: a gap longer than this between two points breaks the line (a missing month is not a measured value)
MAX_GAP_DAYS = 45
BAR_HEIGHT = 22
BAR_GAP = 8
BAR_LABEL_WIDTH = 220


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    #: what a screen reader or tooltip says about the point ("2025-03: 0.012 mg/l")
    label: str
    #: above the limit line (drawn as a larger, outlined marker, not by colour alone)
    is_over: bool


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[ChartPoint, ...]
    #: SVG path data; "M" starts a new segment after a long gap
    path: str
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    #: y coordinate of the dashed limit line, None when there is no limit
    limit_y: float | None
    y_label: str


@dataclass(frozen=True)
class SeriesValue:
    """One value to plot: the first day of its period, the value and its period as written."""

    on: date
    value: float
    label: str


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A 1-2-5 step that cuts `span` into about `target_ticks` intervals."""
    if span <= 0:
        return 1.0
    raw = span / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def format_number(value: float) -> str:
    """Up to four significant figures, no exponent for the ranges river data has."""
    if value == 0:
        return "0"
    return f"{value:.4g}" if 1e-4 <= abs(value) < 1e6 else f"{value:.2e}"


def _value_ticks(maximum: float) -> tuple[list[float], float]:
    step = nice_step(maximum)
    top = step * math.ceil(maximum / step) if maximum > 0 else step
    count = round(top / step)
    return [step * index for index in range(count + 1)], top


def line_chart(values: Sequence[SeriesValue], limit: float | None, unit: str) -> LineChart:
    """A time series with its limit as a dashed line; y starts at zero so multiples read true."""
    height = LINE_HEIGHT
    plot_right, plot_bottom = WIDTH - RIGHT, height - BOTTOM
    ordered = sorted(values, key=lambda item: item.on)
    maximum = max([item.value for item in ordered] + ([limit] if limit else []) + [0.0])
    y_values, y_top = _value_ticks(maximum * 1.05)

    def y_of(value: float) -> float:
        return plot_bottom - (value / y_top) * (plot_bottom - TOP)

    first = ordered[0].on.toordinal() if ordered else 0
    span = (ordered[-1].on.toordinal() - first) if ordered else 0

    def x_of(day: date) -> float:
        if span == 0:
            return (LEFT + plot_right) / 2
        return LEFT + (day.toordinal() - first) / span * (plot_right - LEFT)

    points = tuple(
        ChartPoint(
            round(x_of(item.on), 1),
            round(y_of(item.value), 1),
            f"{item.label}: {format_number(item.value)} {unit}",
            limit is not None and item.value > limit,
        )
        for item in ordered
    )
    return LineChart(
        width=WIDTH,
        height=height,
        left=LEFT,
        right=plot_right,
        top=TOP,
        bottom=plot_bottom,
        points=points,
        path=_path(ordered, points),
        x_ticks=_date_ticks(ordered, points),
        y_ticks=tuple(Tick(round(y_of(value), 1), format_number(value)) for value in y_values),
        limit_y=round(y_of(limit), 1) if limit is not None else None,
        y_label=unit,
    )


def _path(ordered: Sequence[SeriesValue], points: Sequence[ChartPoint]) -> str:
    parts = []
    for index, point in enumerate(points):
        gap = index and (ordered[index].on - ordered[index - 1].on).days > MAX_GAP_DAYS
        parts.append(f"{'M' if index == 0 or gap else 'L'}{point.x},{point.y}")
    return " ".join(parts)


def _date_ticks(ordered: Sequence[SeriesValue], points: Sequence[ChartPoint], most: int = 6) -> tuple[Tick, ...]:
    if not points:
        return ()
    stride = max(1, math.ceil(len(points) / most))
    chosen = list(range(0, len(points), stride))
    if chosen[-1] != len(points) - 1 and len(points) - 1 - chosen[-1] >= stride / 2:
        chosen.append(len(points) - 1)
    return tuple(Tick(points[index].x, ordered[index].label) for index in chosen)


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float
    value_label: str
    is_over: bool


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    bar_height: int
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    #: x coordinate of the dashed reference line (multiple 1 = the limit)
    reference_x: float


def bar_chart(items: Sequence[tuple[str, float]], reference: float = 1.0) -> BarChart:
    """Horizontal bars (label, value) with a dashed line at `reference`, e.g. multiples of a limit."""
    left = BAR_LABEL_WIDTH
    right = WIDTH - RIGHT
    height = TOP + len(items) * (BAR_HEIGHT + BAR_GAP) + BOTTOM
    maximum = max([value for _label, value in items] + [reference])
    x_values, x_top = _value_ticks(maximum * 1.05)

    def x_of(value: float) -> float:
        return left + value / x_top * (right - left)

    bars = tuple(
        Bar(
            label,
            TOP + index * (BAR_HEIGHT + BAR_GAP),
            round(x_of(value) - left, 1),
            format_number(value),
            value > reference,
        )
        for index, (label, value) in enumerate(items)
    )
    return BarChart(
        width=WIDTH,
        height=height,
        left=left,
        right=right,
        top=TOP,
        bottom=height - BOTTOM,
        bar_height=BAR_HEIGHT,
        bars=bars,
        x_ticks=tuple(Tick(round(x_of(value), 1), format_number(value)) for value in x_values),
        reference_x=round(x_of(reference), 1),
    )
