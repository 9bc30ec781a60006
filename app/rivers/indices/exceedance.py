"""Exceedance multiples: a measured value against one limit of a chosen standard, units reconciled."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.rivers.chemistry import Dimension, find_parameter, to_canonical


class LimitKind(StrEnum):
    """How a value limits a parameter."""

    MAXIMUM = "max"
    MINIMUM = "min"
    RANGE = "range"
    #: a reference row (class meaning, deadline, formula, percentage): not a concentration limit
    INFO = "info"


class BelowDetection(StrEnum):
    """What number stands in for a value reported as "<detection limit" (docs/indices.md)."""

    HALF = "half"
    AT_LIMIT = "at_limit"
    ZERO = "zero"
    EXCLUDE = "exclude"


@dataclass(frozen=True)
class Reading:
    """A measured value as reported: "<0.05" is value 0.05 with `below_detection`; None when missing."""

    parameter_code: str
    value: float | None
    unit: str = "mg/l"
    below_detection: bool = False


@dataclass(frozen=True)
class Limit:
    """One limit of one standard for one parameter, in the standard's own unit."""

    standard_code: str
    parameter_code: str
    value: float
    unit: str
    kind: LimitKind = LimitKind.MAXIMUM
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exceedance:
    """How a reading compares with a limit; `multiple` > 1 means the limit is broken."""

    reading: Reading
    limit: Limit
    #: measured value expressed in the limit's unit and basis
    value_in_limit_unit: float
    #: value / limit for a maximum; limit / value for a minimum (dissolved oxygen)
    multiple: float
    breaches: bool
    #: False when a below-detection value cannot be judged (its detection limit is above the limit)
    determinate: bool


def reading_from_text(parameter_code: str, text: str, unit: str = "mg/l") -> Reading:
    """Build a reading from a cell: "0.012", "<0.05" (below detection) or "" (missing)."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return Reading(parameter_code, None, unit)
    below = cleaned.startswith("<")
    return Reading(parameter_code, float(cleaned.lstrip("<").strip()), unit, below)


def substitute(value: float, rule: BelowDetection) -> float | None:
    """The stand-in for a below-detection value under `rule`; None for EXCLUDE."""
    return {
        BelowDetection.HALF: value / 2,
        BelowDetection.AT_LIMIT: value,
        BelowDetection.ZERO: 0.0,
        BelowDetection.EXCLUDE: None,
    }[rule]


def in_limit_unit(value: float, unit: str, limit: Limit) -> float:
    """Express `value` (in `unit`) in the limit's unit and basis, e.g. mg/l NO2- -> mg N/l."""
    parameter = find_parameter(limit.parameter_code)
    if parameter is None or parameter.dimension is not Dimension.MASS_CONCENTRATION:
        return value
    return to_canonical(value, unit, parameter) / to_canonical(1.0, limit.unit, parameter)


def ratio(value: float, limit_value: float, kind: LimitKind) -> float:
    """value / limit for a maximum, limit / value for a minimum; infinite when dividing by zero."""
    numerator, denominator = (value, limit_value) if kind is LimitKind.MAXIMUM else (limit_value, value)
    if denominator == 0:
        return math.inf if numerator > 0 else 0.0
    return numerator / denominator


def exceedance_multiple(reading: Reading, limit: Limit) -> Exceedance | None:
    """Compare one reading with one max/min limit; None when the value is missing or the limit is a range."""
    if reading.value is None or limit.kind not in (LimitKind.MAXIMUM, LimitKind.MINIMUM):
        return None
    if reading.parameter_code != limit.parameter_code:
        raise ValueError(f"limit for {limit.parameter_code} used on {reading.parameter_code}")
    value = in_limit_unit(reading.value, reading.unit, limit)
    multiple = ratio(value, limit.value, limit.kind)
    if not reading.below_detection:
        return Exceedance(reading, limit, value, multiple, multiple > 1, True)
    # The true value lies below `value`: a maximum cannot be shown broken, a minimum is broken for sure
    # once the detection limit itself is at or below the minimum.
    if limit.kind is LimitKind.MAXIMUM:
        return Exceedance(reading, limit, value, multiple, False, value <= limit.value)
    return Exceedance(reading, limit, value, multiple, value <= limit.value, value <= limit.value)


def compare_all(readings: Iterable[Reading], limits: Mapping[str, Limit]) -> list[Exceedance]:
    """Every reading that has a value and a max/min limit in `limits` (keyed by parameter code)."""
    results = []
    for reading in readings:
        limit = limits.get(reading.parameter_code)
        result = exceedance_multiple(reading, limit) if limit else None
        if result is not None:
            results.append(result)
    return results


def breaching_substances(readings: Iterable[Reading], limits: Mapping[str, Limit]) -> list[Exceedance]:
    """The readings that break their limit, worst first (largest multiple, then parameter code)."""
    breaches = [result for result in compare_all(readings, limits) if result.breaches]
    return sorted(breaches, key=lambda result: (-result.multiple, result.reading.parameter_code))
