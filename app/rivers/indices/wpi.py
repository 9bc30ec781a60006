"""The hydrochemical water pollution index (WPI, ИЗВ) by the method in SOURCES.md (DNIPRO_TMP).

WPI = (C1/MAC1 + ... + C6/MAC6) / 6 over six ingredients of one sample: dissolved oxygen and BOD5
always, plus the four other substances with the largest C/MAC. Rules the sources leave open are
settings with named defaults (`WpiSettings`), documented in docs/indices.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from app.rivers.indices.classes import WPI_BANDS_DNIPRO, ClassBand, wpi_class
from app.rivers.indices.exceedance import (
    BelowDetection,
    Limit,
    LimitKind,
    Reading,
    in_limit_unit,
    ratio,
    substitute,
)

OXYGEN = "DO"
BOD5 = "BOD5"
INGREDIENT_COUNT = 6


class OxygenRule(StrEnum):
    """How the dissolved-oxygen term is formed; the 1988 special normatives were not found (SOURCES.md)."""

    #: MAC_DO / C_DO: the term grows as oxygen falls, and equals 1 at the minimum norm
    LIMIT_OVER_VALUE = "limit_over_value"
    #: normative(C) / C, with the normative taken from `WpiSettings.oxygen_normatives`
    NORMATIVE_TABLE = "normative_table"


@dataclass(frozen=True)
class NormativeStep:
    """Use `normative` when the measured value is above `above` (steps are tried from the highest)."""

    above: float
    normative: float


@dataclass(frozen=True)
class WpiSettings:
    """Every rule the sources leave open, with its default (docs/indices.md, "Settings")."""

    oxygen_rule: OxygenRule = OxygenRule.LIMIT_OVER_VALUE
    #: only for NORMATIVE_TABLE: must be supplied from the 1988 method once it has been read
    oxygen_normatives: tuple[NormativeStep, ...] = ()
    #: when given, BOD5 is divided by a value-dependent normative instead of the chosen limit
    bod5_normatives: tuple[NormativeStep, ...] = ()
    below_detection: BelowDetection = BelowDetection.HALF
    bands: tuple[ClassBand, ...] = field(default=WPI_BANDS_DNIPRO)


@dataclass(frozen=True)
class WpiIngredient:
    """One candidate ingredient and what happened to it."""

    parameter_code: str
    #: the reported value as text ("0.012", "<0.05", "missing")
    reported: str
    #: the value used, in the limit's unit (after any below-detection substitution)
    value: float | None
    unit: str
    limit: float | None
    ratio: float | None
    entered: bool
    reason: str


@dataclass(frozen=True)
class WpiWorking:
    """The working of one sample's WPI: each Ci, limit and ratio, what entered and why, index, class."""

    ingredients: tuple[WpiIngredient, ...]
    #: mean of the six ratios; None when the sample cannot give a WPI (see `problems`)
    index: float | None
    wpi_class: ClassBand | None
    #: entered ingredients whose ratio is above 1 (the method records the number of MAC exceedances)
    exceedance_count: int
    problems: tuple[str, ...]
    settings: WpiSettings

    @property
    def entered(self) -> tuple[WpiIngredient, ...]:
        """The six ingredients that made the index, in order of entry."""
        return tuple(ingredient for ingredient in self.ingredients if ingredient.entered)


def _reported(reading: Reading | None) -> str:
    if reading is None or reading.value is None:
        return "missing"
    return f"<{reading.value:g}" if reading.below_detection else f"{reading.value:g}"


def _value_used(reading: Reading, settings: WpiSettings) -> float | None:
    assert reading.value is not None
    if reading.below_detection:
        return substitute(reading.value, settings.below_detection)
    return reading.value


def _normative(value: float, steps: tuple[NormativeStep, ...]) -> float:
    for step in sorted(steps, key=lambda item: item.above, reverse=True):
        if value > step.above:
            return step.normative
    raise ValueError(f"no normative step covers the value {value}")


def _fixed_term(code: str, reading: Reading | None, limit: Limit | None, settings: WpiSettings) -> WpiIngredient:
    """Dissolved oxygen or BOD5: always an ingredient, so a gap here makes the WPI impossible."""
    reported = _reported(reading)
    if reading is None or reading.value is None:
        return WpiIngredient(code, reported, None, "", None, None, False, "missing: always required")
    if limit is None:
        return WpiIngredient(code, reported, None, reading.unit, None, None, False, "no limit in the chosen standard")
    value = in_limit_unit(reading.value, reading.unit, limit)
    used = _value_used(Reading(code, value, limit.unit, reading.below_detection), settings)
    if used is None:
        return WpiIngredient(code, reported, None, limit.unit, limit.value, None, False, "below detection, excluded")
    term, denominator, reason = _fixed_ratio(code, used, limit, settings)
    return WpiIngredient(code, reported, used, limit.unit, denominator, term, True, reason)


def _fixed_ratio(code: str, value: float, limit: Limit, settings: WpiSettings) -> tuple[float, float, str]:
    if code == OXYGEN and settings.oxygen_rule is OxygenRule.NORMATIVE_TABLE:
        normative = _normative(value, settings.oxygen_normatives)
        return ratio(value, normative, LimitKind.MINIMUM), normative, "always included; normative table / C"
    if code == OXYGEN:
        return ratio(value, limit.value, LimitKind.MINIMUM), limit.value, "always included; minimum norm / C"
    if settings.bod5_normatives:
        normative = _normative(value, settings.bod5_normatives)
        return ratio(value, normative, LimitKind.MAXIMUM), normative, "always included; C / normative table"
    return ratio(value, limit.value, LimitKind.MAXIMUM), limit.value, "always included; C / limit"


def _candidate(reading: Reading, limit: Limit | None, settings: WpiSettings) -> WpiIngredient:
    code = reading.parameter_code
    reported = _reported(reading)
    if reading.value is None:
        return WpiIngredient(code, reported, None, reading.unit, None, None, False, "missing value")
    if limit is None or limit.kind is not LimitKind.MAXIMUM:
        return WpiIngredient(code, reported, None, reading.unit, None, None, False, "no maximum limit in the standard")
    value = in_limit_unit(reading.value, reading.unit, limit)
    used = _value_used(Reading(code, value, limit.unit, reading.below_detection), settings)
    if used is None:
        return WpiIngredient(code, reported, None, limit.unit, limit.value, None, False, "below detection, excluded")
    term = ratio(used, limit.value, LimitKind.MAXIMUM)
    return WpiIngredient(code, reported, used, limit.unit, limit.value, term, False, "")


def _rank(candidates: list[WpiIngredient]) -> list[WpiIngredient]:
    """Mark the four largest ratios as entered (ties broken by parameter code), the rest as not."""
    usable = sorted(
        (item for item in candidates if item.ratio is not None),
        key=lambda item: (-(item.ratio or 0.0), item.parameter_code),
    )
    chosen = {item.parameter_code for item in usable[: INGREDIENT_COUNT - 2]}
    ranked = []
    for item in candidates:
        if item.ratio is None:
            ranked.append(item)
        elif item.parameter_code in chosen:
            ranked.append(_replace_reason(item, True, "among the four largest C/MAC"))
        else:
            ranked.append(_replace_reason(item, False, "smaller C/MAC than the four that entered"))
    return ranked


def _replace_reason(item: WpiIngredient, entered: bool, reason: str) -> WpiIngredient:
    return replace(item, entered=entered, reason=reason)


def _by_parameter(readings: Iterable[Reading]) -> dict[str, Reading]:
    indexed: dict[str, Reading] = {}
    for reading in readings:
        if reading.parameter_code in indexed:
            raise ValueError(f"two readings for {reading.parameter_code} in one sample")
        indexed[reading.parameter_code] = reading
    return indexed


def compute_wpi(
    readings: Iterable[Reading], limits: Mapping[str, Limit], settings: WpiSettings | None = None
) -> WpiWorking:
    """The WPI of one sample with its full working; `limits` maps parameter code to the chosen MAC."""
    settings = settings or WpiSettings()
    indexed = _by_parameter(readings)
    fixed = [_fixed_term(code, indexed.get(code), limits.get(code), settings) for code in (OXYGEN, BOD5)]
    others = [
        _candidate(reading, limits.get(code), settings)
        for code, reading in indexed.items()
        if code not in (OXYGEN, BOD5)
    ]
    ingredients = (*fixed, *_rank(others))
    entered = [item for item in ingredients if item.entered]
    problems = [f"{item.parameter_code}: {item.reason}" for item in fixed if not item.entered]
    if len(entered) < INGREDIENT_COUNT and not problems:
        problems.append(f"only {len(entered)} of {INGREDIENT_COUNT} ingredients have a value and a limit")
    exceedances = sum(1 for item in entered if (item.ratio or 0.0) > 1)
    if problems:
        return WpiWorking(ingredients, None, None, exceedances, tuple(problems), settings)
    index = sum(item.ratio or 0.0 for item in entered) / INGREDIENT_COUNT
    return WpiWorking(ingredients, index, wpi_class(index, settings.bands), exceedances, (), settings)
