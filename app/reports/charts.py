"""Report bar charts: the geometry of ``app.rivers.charts.bar_chart``, with report value labels.

A suppressed cell ("<3") draws no bar and keeps its "<3" label, so a chart never shows more than
the table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.rivers.charts import BarChart
from app.rivers.charts import bar_chart as river_bar_chart

#: the most bars one chart draws (the table beside it lists every row)
MAX_BARS = 20


def bar_chart(items: Sequence[tuple[str, int | float | str]]) -> BarChart | None:
    """Horizontal bars of (label, shown value); text values such as "<3" or "—" draw no bar."""
    shown = list(items)[:MAX_BARS]
    if not shown:
        return None
    values = [(label, float(value) if isinstance(value, int | float) else 0.0) for label, value in shown]
    top = max(value for _label, value in values) or 1.0
    chart = river_bar_chart(values, reference=top)
    bars = tuple(
        replace(bar, value_label=str(display), is_over=False)
        for bar, (_label, display) in zip(chart.bars, shown, strict=True)
    )
    return replace(chart, bars=bars)
