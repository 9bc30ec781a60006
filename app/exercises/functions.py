"""The computations a `computed` question can name, each returning its answer and its full working.

Each function takes the session and the question's `compute` mapping and returns a `Computation`:
a number (graded like `numeric`) or the set of correct option codes (graded like `multiple_choice`),
plus the working the learner sees after submission (values, limits, dates, sources, formula).
There is deliberately no `wpi` function: no station in the data holds the six ingredients of one
sample (app/rivers/data/SOURCES.md, "No station supports a full WPI calculation").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.exercises import data
from app.exercises.data import ComputationError, Period, parse_period
from app.exercises.working import message, significant
from app.rivers.indices import (
    WPI_BANDS_DNIPRO,
    BelowDetection,
    SeriesPoint,
    parse_unified_class,
    summarise,
    wpi_class,
)
from app.rivers.models import Measurement

NUMBER = "number"
CHOICE = "choice"
NONE_OPTION = "none"


@dataclass(frozen=True)
class Computation:
    answer_type: str
    value: float | None = None
    correct: frozenset[str] = frozenset()
    #: formula, steps, rows (values with sources), limits, result
    working: dict[str, Any] = field(default_factory=dict)


Function = Callable[[Session, dict[str, Any]], Computation]
FUNCTIONS: dict[str, Function] = {}
#: the inputs each function needs (checked before any query); `options` is checked by computed.py
REQUIRED_INPUTS: dict[str, tuple[str, ...]] = {}
ANSWER_TYPES: dict[str, str] = {}


def computation(name: str, answer_type: str, inputs: tuple[str, ...]) -> Callable[[Function], Function]:
    """Register a computation under the name a quiz file uses in `compute.function`."""

    def decorate(function: Function) -> Function:
        FUNCTIONS[name], REQUIRED_INPUTS[name], ANSWER_TYPES[name] = function, inputs, answer_type
        return function

    return decorate


def _points(rows: list[Measurement]) -> list[SeriesPoint]:
    return [
        SeriesPoint(row.period_start_on, row.canonical_value, row.is_below_detection)
        for row in rows
        if row.canonical_value is not None
    ]


def _unit(rows: list[Measurement]) -> str:
    return rows[0].canonical_unit if rows else ""


def _statistic_step(name: dict[str, Any], period: Period, count: int, value: float, unit: str) -> dict[str, Any]:
    return message(
        "step.statistic", statistic=name, period=period.label, count=count, value=significant(value), unit=unit
    )


def _division_step(numerator: float, denominator: float, result: float) -> dict[str, Any]:
    return message(
        "step.division",
        numerator=significant(numerator),
        denominator=significant(denominator),
        result=significant(result, 4),
    )


@computation("change_factor", NUMBER, ("station", "parameter", "before", "after"))
def change_factor(session: Session, spec: dict[str, Any]) -> Computation:
    """The median (or maximum) of the later period divided by that of the earlier one."""
    station = data.get_station(session, spec["station"])
    statistic = spec.get("statistic", "median")
    if statistic not in ("median", "maximum"):
        raise ComputationError("'statistic' must be median or maximum")
    before, after = parse_period(spec["before"]), parse_period(spec["after"])
    earlier_rows = data.require_series(session, station, spec["parameter"], before)
    later_rows = data.require_series(session, station, spec["parameter"], after)
    earlier = summarise(_points(earlier_rows), before.first, before.last, BelowDetection.HALF)
    later = summarise(_points(later_rows), after.first, after.last, BelowDetection.HALF)
    if earlier is None or later is None or getattr(earlier, statistic) == 0:
        raise ComputationError(f"the {statistic} of {before.label} is zero or missing; no factor can be formed")
    first, second, unit = getattr(earlier, statistic), getattr(later, statistic), _unit(earlier_rows)
    factor, name = second / first, message(f"stat.{statistic}")
    return Computation(
        NUMBER,
        value=factor,
        working={
            "formula": message("formula.change_factor", statistic=name, after=after.label, before=before.label),
            "steps": [
                _statistic_step(name, before, earlier.count, first, unit),
                _statistic_step(name, after, later.count, second, unit),
                _division_step(second, first, factor),
            ],
            "rows": [data.measurement_row(row) for row in earlier_rows + later_rows],
            "result": significant(factor, 4),
        },
    )


def _compared(session: Session, spec: dict[str, Any]) -> tuple[Period, Any, list[tuple[Measurement, Any]]]:
    """The station's values of one parameter in the period, each against the chosen limit."""
    station = data.get_station(session, spec["station"])
    period = parse_period(spec["period"])
    rows = data.require_series(session, station, spec["parameter"], period)
    limit = data.require_limit(session, spec["parameter"], data.standard_codes(spec["standard"]))
    return period, limit, [(row, data.compare(row, limit)) for row in rows]


@computation("max_multiple", NUMBER, ("station", "parameter", "period", "standard"))
def max_multiple(session: Session, spec: dict[str, Any]) -> Computation:
    """The highest value of the period divided by the limit (how many times the limit it reaches)."""
    period, limit, compared = _compared(session, spec)
    judged = [(row, result) for row, result in compared if result is not None and not row.is_below_detection]
    if not judged:
        raise ComputationError(f"no value above detection for {spec['parameter']} in {period.label}")
    peak, result = max(judged, key=lambda pair: pair[1].multiple)
    return Computation(
        NUMBER,
        value=result.multiple,
        working={
            "formula": message("formula.max_multiple"),
            "steps": [
                message("step.highest_value", value=peak.value_text, unit=peak.unit, period=peak.period),
                _limit_step(limit),
                _division_step(result.value_in_limit_unit, limit.value, result.multiple),
            ],
            "rows": [data.measurement_row(row, outcome) for row, outcome in compared],
            "limits": [data.limit_row(limit)],
            "result": significant(result.multiple, 4),
        },
    )


@computation("months_over_limit", NUMBER, ("station", "parameter", "period", "standard"))
def months_over_limit(session: Session, spec: dict[str, Any]) -> Computation:
    """How many distinct months of the period hold a value above the limit ("<DL" never counts)."""
    period, limit, compared = _compared(session, spec)
    months = sorted({row.period_start_on.strftime("%Y-%m") for row, result in compared if result and result.breaches})
    return Computation(
        NUMBER,
        value=float(len(months)),
        working={
            "formula": message("formula.months_over_limit"),
            "steps": [
                _limit_step(limit),
                message("step.months_above", months=months or message("none")),
                message("step.months_count", months=len(months), values=len(compared), period=period.label),
            ],
            "rows": [data.measurement_row(row, outcome) for row, outcome in compared],
            "limits": [data.limit_row(limit)],
            "result": len(months),
        },
    )


@computation("wpi_class", NUMBER, ("station", "period"))
def wpi_class_of_reported(session: Session, spec: dict[str, Any]) -> Computation:
    """The class (Dnipro TMP bands) of a WPI value the sources report; `bound` picks a range's end."""
    station = data.get_station(session, spec["station"])
    period = parse_period(spec["period"])
    row = data.require_series(session, station, "WPI", period)[0]
    bound = spec.get("bound", "lower")
    if bound not in ("lower", "upper"):
        raise ComputationError("'bound' must be lower or upper")
    value = row.value_max if bound == "upper" and row.value_max is not None else row.value
    if value is None:
        raise ComputationError(f"the WPI of {station.code} in {period.label} has no number")
    band = wpi_class(value, WPI_BANDS_DNIPRO)
    return Computation(
        NUMBER,
        value=float(band.number),
        working={
            "formula": message("formula.wpi_class"),
            "steps": [
                message(f"step.wpi_{bound}", value=significant(value)),
                message("step.wpi_band", number=band.number, lower=_edge(band.lower), upper=_edge(band.upper)),
            ],
            "rows": [data.measurement_row(row)],
            "limits": [{"standard": band.source_id, "value": band.upper, "unit": "", "sources": band.source_id}],
            "result": message("result.wpi_class", number=band.number, label={"wpi_class": band.label}),
        },
    )


def option_codes(spec_options: list[Any]) -> list[str]:
    """The parameter codes the options name (a code, or a mapping with `code`)."""
    return [str(option.get("code") if isinstance(option, dict) else option) for option in spec_options]


@computation("exceeding_substances", CHOICE, ("station", "period", "standard"))
def exceeding_substances(session: Session, spec: dict[str, Any]) -> Computation:
    """Which of the listed substances have a value above the standard's limit in the period."""
    station = data.get_station(session, spec["station"])
    period = parse_period(spec["period"])
    codes = data.standard_codes(spec["standard"])
    rows, limits, steps, correct = [], [], [], set()
    for code in [code for code in option_codes(spec["options"]) if code != NONE_OPTION]:
        limit = data.find_limit(session, code, codes)
        values = data.series(session, station, code, period)
        compared = [(row, data.compare(row, limit) if limit else None) for row in values]
        rows += [data.measurement_row(row, outcome) for row, outcome in compared]
        limits += [data.limit_row(limit)] if limit else []
        over = [row.period for row, outcome in compared if outcome and outcome.breaches]
        correct |= {code} if over else set()
        steps.append(_substance_verdict(code, limit, values, over))
    verdict = sorted(correct) or message("none_of_them")
    return Computation(
        CHOICE,
        correct=frozenset(correct or {NONE_OPTION}),
        working={
            "formula": message("formula.exceeding_substances"),
            "steps": steps,
            "rows": rows,
            "limits": limits,
            "result": verdict,
        },
    )


def _edge(bound: float | None) -> float | str:
    return bound if bound is not None else "-"


def _limit_step(limit: Any) -> dict[str, Any]:
    return message("step.limit", value=significant(limit.value), unit=limit.unit, standard=limit.standard_code)


def _substance_verdict(code: str, limit: Any, values: list[Measurement], over: list[str]) -> dict[str, Any]:
    name = {"parameter": code}
    if not values:
        return message("step.no_value", name=name, code=code)
    if limit is None:
        return message("step.no_limit", name=name, code=code)
    value, unit, standard = significant(limit.value), limit.unit, limit.standard_code
    if over:
        return message("step.over", name=name, code=code, value=value, unit=unit, standard=standard, periods=over)
    return message("step.within", name=name, code=code, value=value, unit=unit, standard=standard)


@computation("class_driver", CHOICE, ("station", "period"))
def class_driver(session: Session, spec: dict[str, Any]) -> Computation:
    """Which substance the bulletin table gives the worst class in that month (ties: all of them)."""
    station = data.get_station(session, spec["station"])
    period = parse_period(spec["period"])
    if not period.is_month:
        raise ComputationError(f'class_driver needs a month such as "2025-03", not {period.label!r}')
    reported = []
    for code in [code for code in option_codes(spec["options"]) if code != NONE_OPTION]:
        for row in data.series(session, station, f"class_{code}", period):
            reported.append((code, row, parse_unified_class(row.value_text, period.first.year)))
    if not reported:
        raise ComputationError(f"station {station.code} reports no class for the listed substances in {period.label}")
    worst = max(item[2].number for item in reported)
    correct = frozenset(code for code, _row, parsed in reported if parsed.number == worst)
    return Computation(
        CHOICE,
        correct=correct,
        working={
            "formula": message("formula.class_driver"),
            "steps": [
                message("step.class_of", name={"parameter": code}, code=code, value=row.value_text)
                for code, row, _parsed in reported
            ],
            "rows": [data.measurement_row(row) for _code, row, _parsed in reported],
            "result": sorted(correct),
        },
    )


def run(session: Session, spec: dict[str, Any]) -> Computation:
    """Run the named computation; ComputationError for an unknown name or missing inputs."""
    name = spec.get("function")
    function = FUNCTIONS.get(name) if isinstance(name, str) else None
    if function is None:
        raise ComputationError(f"unknown compute function {name!r}; use one of: {', '.join(sorted(FUNCTIONS))}")
    missing = [key for key in REQUIRED_INPUTS[name] if key not in spec]
    if missing:
        raise ComputationError(f"compute function {name} needs {', '.join(missing)}")
    return function(session, spec)
