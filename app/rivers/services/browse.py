"""Read-only queries for the river data browser: station lists, station pages, basin comparisons.

Every function loads what its page shows in a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from app.errors import NotFound
from app.rivers.charts import BarChart, LineChart, SeriesValue, bar_chart, line_chart
from app.rivers.chemistry import Dimension
from app.rivers.indices import Exceedance, Limit, LimitKind, Reading, exceedance_multiple
from app.rivers.models import Measurement, Parameter, Source, Standard, Station

#: Which Kazakh limit a station page compares with, best first. All are second-hand (docs/indices.md §1).
KZ_PREFERENCE = (
    "AQM_FISHERY",
    "SIBECOLOG_FISHERY",
    "AQM_KZ_DRINKING",
    "KZ_UNIFIED_2025_CLASS_1",
    "KZ_SANITARY_CHLORINATION",
    "SOVIET_RULES_FISHERY_SUMMER",
    "SOVIET_RULES_DRINKING",
)
#: Which EU value is "nearest": drinking water first (current, then predecessor), then the rest.
EU_PREFERENCE = (
    "EU_DWD_2020_2184",
    "EU_DWD_98_83",
    "EU_EQS_2008_105",
    "EU_BWD_2006_7_INLAND_GOOD",
    "EU_UWWTD_91_271",
)
CLASS_PREFIX = "class_"


@dataclass(frozen=True)
class RiverGroup:
    river: str
    stations: tuple[Station, ...]


@dataclass(frozen=True)
class BasinGroup:
    basin: str
    basin_slug: str
    rivers: tuple[RiverGroup, ...]


@dataclass(frozen=True)
class StationIndex:
    basins: tuple[BasinGroup, ...]
    #: measurements held per station id
    counts: dict[int, int]
    sources: tuple[Source, ...]


def source_codes(rows: Iterable[Station | Measurement | Standard]) -> set[str]:
    """Every source_id named by the rows (each row may name several)."""
    return {code for row in rows for code in row.source_codes.split(";") if code}


def load_sources(session: Session, codes: set[str]) -> tuple[Source, ...]:
    """The sources with these codes, in code order (one query)."""
    if not codes:
        return ()
    return tuple(session.scalars(select(Source).where(Source.code.in_(codes)).order_by(Source.code)))


def list_stations(session: Session) -> StationIndex:
    """Every station grouped by basin and river, with its number of values and the sources cited."""
    stations = list(session.scalars(select(Station).order_by(Station.basin, Station.river, Station.code)))
    grouped: dict[tuple[str, str], dict[str, list[Station]]] = defaultdict(lambda: defaultdict(list))
    for station in stations:
        grouped[(station.basin, station.basin_slug)][station.river].append(station)
    basins = tuple(
        BasinGroup(basin, slug, tuple(RiverGroup(river, tuple(items)) for river, items in rivers.items()))
        for (basin, slug), rivers in grouped.items()
    )
    counts = dict(session.execute(select(Measurement.station_id, func.count()).group_by(Measurement.station_id)).all())
    return StationIndex(basins, counts, load_sources(session, source_codes(stations)))


@dataclass(frozen=True)
class Comparison:
    """A value against one limit: the limit row and the exceedance (None when not comparable)."""

    standard: Standard
    exceedance: Exceedance | None


@dataclass(frozen=True)
class ValueRow:
    measurement: Measurement
    kazakh: Comparison | None
    eu: Comparison | None
    #: the class the data reports for this substance in the same period ("III"), if any
    reported_class: str | None


@dataclass(frozen=True)
class ParameterSeries:
    parameter: Parameter
    rows: tuple[ValueRow, ...]
    kazakh_limit: Standard | None
    eu_limit: Standard | None
    chart: LineChart


@dataclass(frozen=True)
class StationPage:
    station: Station
    series: tuple[ParameterSeries, ...]
    #: classes, indices and labels the sources report for the whole water body
    reported: tuple[Measurement, ...]
    sources: tuple[Source, ...]


def get_station(session: Session, code: str) -> Station:
    station = session.scalar(select(Station).where(Station.code == code))
    if station is None:
        raise NotFound(_("There is no station with the code %(code)s.", code=code))
    return station


def usable_limits(session: Session) -> list[Standard]:
    """Every max/min limit row with a number and a parameter (one query)."""
    statement = (
        select(Standard)
        .options(joinedload(Standard.parameter))
        .where(Standard.parameter_id.is_not(None), Standard.value.is_not(None))
        .where(Standard.kind.in_((LimitKind.MAXIMUM.value, LimitKind.MINIMUM.value)))
    )
    return list(session.scalars(statement))


def choose_limits(limits: list[Standard], preference: tuple[str, ...]) -> dict[int, Standard]:
    """Per parameter id, the limit of the most preferred standard that has one."""
    rank = {code: index for index, code in enumerate(preference)}
    chosen: dict[int, Standard] = {}
    for limit in sorted(limits, key=lambda item: rank.get(item.standard_code or "", len(rank))):
        if limit.standard_code in rank and limit.parameter_id is not None:
            chosen.setdefault(limit.parameter_id, limit)
    return chosen


def compare(measurement: Measurement, standard: Standard | None) -> Comparison | None:
    """The measurement against one limit row; the multiple comes from app.rivers.indices."""
    if standard is None or standard.value is None:
        return None
    reading = Reading(measurement.parameter.code, measurement.value, measurement.unit, measurement.is_below_detection)
    limit = Limit(
        standard.standard_code or "",
        measurement.parameter.code,
        standard.value,
        standard.unit,
        LimitKind(standard.kind),
    )
    return Comparison(standard, exceedance_multiple(reading, limit))


def station_page(session: Session, code: str) -> StationPage:
    """A station's values per parameter, each against its Kazakh limit and the nearest EU value."""
    station = get_station(session, code)
    measurements = list(
        session.scalars(
            select(Measurement)
            .options(joinedload(Measurement.parameter))
            .where(Measurement.station_id == station.id)
            .order_by(Measurement.period_start_on, Measurement.id)
        )
    )
    limits = usable_limits(session)
    kazakh, eu = choose_limits(limits, KZ_PREFERENCE), choose_limits(limits, EU_PREFERENCE)
    classes = {
        (item.parameter.code.removeprefix(CLASS_PREFIX), item.period): item.value_text
        for item in measurements
        if item.parameter.code.startswith(CLASS_PREFIX)
    }
    by_parameter: dict[int, list[Measurement]] = defaultdict(list)
    reported = []
    for item in measurements:
        if item.parameter.dimension == Dimension.MASS_CONCENTRATION:
            by_parameter[item.parameter_id].append(item)
        elif not item.parameter.code.startswith(CLASS_PREFIX):
            reported.append(item)
    series = tuple(
        _series(items, kazakh.get(parameter_id), eu.get(parameter_id), classes)
        for parameter_id, items in sorted(by_parameter.items(), key=lambda pair: pair[1][0].parameter.code)
    )
    cited = [station, *measurements, *(row.kazakh_limit for row in series if row.kazakh_limit)]
    cited += [row.eu_limit for row in series if row.eu_limit]
    return StationPage(station, series, tuple(reported), load_sources(session, source_codes(cited)))


def _series(
    items: list[Measurement], kazakh: Standard | None, eu: Standard | None, classes: dict[tuple[str, str], str]
) -> ParameterSeries:
    rows = tuple(
        ValueRow(item, compare(item, kazakh), compare(item, eu), classes.get((item.parameter.code, item.period)))
        for item in items
    )
    values = [
        SeriesValue(item.period_start_on, item.canonical_value, item.period)
        for item in items
        if item.canonical_value is not None
    ]
    limit = kazakh.canonical_value if kazakh else None
    chart = line_chart(values, limit, items[0].canonical_unit)
    return ParameterSeries(items[0].parameter, rows, kazakh, eu, chart)


@dataclass(frozen=True)
class BasinCell:
    """The highest value of one parameter at one station (below-detection values left out)."""

    maximum: float
    count: int
    #: maximum / Kazakh limit, both in canonical units; None without a maximum limit
    multiple: float | None


@dataclass(frozen=True)
class BasinParameter:
    parameter: Parameter
    limit: Standard | None
    #: each station's maximum multiple of the limit; None without a limit
    chart: BarChart | None


@dataclass(frozen=True)
class BasinPage:
    basin: str
    slug: str
    stations: tuple[Station, ...]
    parameters: tuple[BasinParameter, ...]
    cells: dict[tuple[int, int], BasinCell]
    sources: tuple[Source, ...]


def _basin_maxima(session: Session, slug: str) -> list[tuple[int, int, float, int]]:
    """Per station and parameter of the basin: maximum canonical value and number of values (SQL)."""
    statement = (
        select(Measurement.station_id, Measurement.parameter_id, func.max(Measurement.canonical_value), func.count())
        .join(Station, Station.id == Measurement.station_id)
        .where(Station.basin_slug == slug, Measurement.canonical_value.is_not(None))
        .where(Measurement.is_below_detection.is_(False))
        .group_by(Measurement.station_id, Measurement.parameter_id)
    )
    return [(row[0], row[1], row[2], row[3]) for row in session.execute(statement)]


def basin_page(session: Session, slug: str) -> BasinPage:
    """Each station of a basin against the Kazakh limit of each substance measured there."""
    stations = tuple(
        session.scalars(select(Station).where(Station.basin_slug == slug).order_by(Station.river, Station.code))
    )
    if not stations:
        raise NotFound(_("There is no basin with this name in the river data."))
    kazakh = {
        parameter_id: limit
        for parameter_id, limit in choose_limits(usable_limits(session), KZ_PREFERENCE).items()
        if limit.kind == LimitKind.MAXIMUM.value and limit.canonical_value
    }
    cells: dict[tuple[int, int], BasinCell] = {}
    for station_id, parameter_id, maximum, count in _basin_maxima(session, slug):
        limit = kazakh.get(parameter_id)
        multiple = maximum / limit.canonical_value if limit and limit.canonical_value else None
        cells[(station_id, parameter_id)] = BasinCell(maximum, count, multiple)
    parameter_ids = {parameter_id for _station, parameter_id in cells}
    parameters = session.scalars(select(Parameter).where(Parameter.id.in_(parameter_ids)).order_by(Parameter.code))
    columns = tuple(_basin_parameter(parameter, kazakh.get(parameter.id), stations, cells) for parameter in parameters)
    codes = set(
        session.scalars(
            select(Measurement.source_codes)
            .join(Station, Station.id == Measurement.station_id)
            .where(Station.basin_slug == slug)
            .distinct()
        )
    )
    cited = source_codes([*stations, *(column.limit for column in columns if column.limit)])
    cited |= {code for text in codes for code in text.split(";") if code}
    return BasinPage(stations[0].basin, slug, stations, columns, cells, load_sources(session, cited))


def _basin_parameter(
    parameter: Parameter, limit: Standard | None, stations: tuple[Station, ...], cells: dict[tuple[int, int], BasinCell]
) -> BasinParameter:
    if limit is None:
        return BasinParameter(parameter, None, None)
    bars = []
    for station in stations:
        cell = cells.get((station.id, parameter.id))
        if cell is not None and cell.multiple is not None:
            bars.append((f"{station.river} ({station.code})", cell.multiple))
    return BasinParameter(parameter, limit, bar_chart(bars) if bars else None)
