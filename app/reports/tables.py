"""Report tables as shown on pages and written to exports: translated headers, suppressed cells, a chart.

Pages, the printable summary, CSV and XLSX all render these same objects, so the minimum cell size
(``cells.Cells``) is applied in exactly one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.exports import Sheet
from app.reports.cells import Cells
from app.reports.charts import bar_chart
from app.rivers.charts import BarChart


@dataclass(frozen=True)
class ReportTable:
    #: the ``?table=`` name of its CSV export
    key: str
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    chart: BarChart | None = None
    #: what the chart shows, for its <desc>
    chart_description: str = ""
    #: the endpoint the first cell of each row links to, with the id of each row (``link_ids``)
    link_endpoint: str | None = None
    link_param: str = "event_id"
    link_ids: Sequence[int] = field(default_factory=tuple)

    def sheet(self) -> Sheet:
        return Sheet(self.title, list(self.header), [list(row) for row in self.rows])


def figures_table(key: str, title: str, figures: Sequence[tuple[str, Any]]) -> ReportTable:
    """A two-column table: figure, value."""
    return ReportTable(key, title, [_("Figure"), _("Value")], [list(item) for item in figures])


def share_table(
    key: str, title: str, group_label: str, groups: Sequence[tuple[str, int]], total: int, cells: Cells
) -> ReportTable:
    """Participants per group with their share of all participants, largest group first, and a chart."""
    ordered = sorted(groups, key=lambda item: (-item[1], item[0]))
    rows = [[label, cells.count(count), cells.share(count, total)] for label, count in ordered]
    return ReportTable(
        key,
        title,
        [group_label, _("Participants"), _("Share of participants (%)")],
        rows,
        chart=bar_chart([(row[0], row[1]) for row in rows]),
        chart_description=_("Participants per group; the same numbers are in the table."),
    )
