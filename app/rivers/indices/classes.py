"""Class lookups: the WPI (ИЗВ) class of an index value and Unified Classification classes as reported.

Only thresholds that the sources give are here (SOURCES.md; kz_rivers/standards_kz.csv). The Unified
Classification's parameter-by-parameter class limits were not in any source read, so there is no
function that turns a concentration into a Unified class (docs/indices.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class ClassBand:
    """One class of an index scale: values above `lower` and up to and including `upper`."""

    number: int
    label: str
    label_ru: str
    lower: float | None
    upper: float | None
    source_id: str


# DNIPRO_TMP: class 1 "not more than 0.3" ... class 7 "more than 10"; Russian labels from ECOTARGET.
WPI_BANDS_DNIPRO: tuple[ClassBand, ...] = (
    ClassBand(1, "Very pure", "Очень чистые", None, 0.3, "DNIPRO_TMP"),
    ClassBand(2, "Pure", "Чистые", 0.3, 1.0, "DNIPRO_TMP"),
    ClassBand(3, "Moderately contaminated (moderately polluted)", "Умеренно загрязненные", 1.0, 2.5, "DNIPRO_TMP"),
    ClassBand(4, "Contaminated (polluted)", "Загрязненные", 2.5, 4.0, "DNIPRO_TMP"),
    ClassBand(5, "Dirty", "Грязные", 4.0, 6.0, "DNIPRO_TMP"),
    ClassBand(6, "Very dirty", "Очень грязные", 6.0, 10.0, "DNIPRO_TMP"),
    ClassBand(7, "Extremely dirty", "Чрезвычайно грязные", 10.0, None, "DNIPRO_TMP"),
)
# ECOTARGET: a variant table that circulates (0.2/1/2/4/6/10); kept for comparison, never the default.
WPI_BANDS_ECOTARGET: tuple[ClassBand, ...] = (
    ClassBand(1, "Very clean", "Очень чистые", None, 0.2, "ECOTARGET"),
    ClassBand(2, "Clean", "Чистые", 0.2, 1.0, "ECOTARGET"),
    ClassBand(3, "Moderately polluted", "Умеренно загрязненные", 1.0, 2.0, "ECOTARGET"),
    ClassBand(4, "Polluted", "Загрязненные", 2.0, 4.0, "ECOTARGET"),
    ClassBand(5, "Dirty", "Грязные", 4.0, 6.0, "ECOTARGET"),
    ClassBand(6, "Very dirty", "Очень грязные", 6.0, 10.0, "ECOTARGET"),
    ClassBand(7, "Extremely dirty", "Чрезвычайно грязные", 10.0, None, "ECOTARGET"),
)


def wpi_class(index: float, bands: tuple[ClassBand, ...] = WPI_BANDS_DNIPRO) -> ClassBand:
    """The class whose band holds `index`; a value on a boundary belongs to the cleaner class."""
    if index < 0:
        raise ValueError(f"a WPI cannot be negative: {index}")
    for band in bands:
        if band.upper is None or index <= band.upper:
            return band
    raise ValueError("the class table has no open-ended last class")


class UnifiedSystem(StrEnum):
    """The two versions of Kazakhstan's Unified Classification met in the data (SOURCES.md, "Classes")."""

    #: classes 1-5 plus ">5" (MGOROD_2021)
    BEFORE_2025 = "before_2025"
    #: classes I-VI, applied by Kazhydromet from January 2025 (KZH_UNIFIED_2025)
    FROM_2025 = "from_2025"


@dataclass(frozen=True)
class UnifiedClass:
    """A class as a bulletin or statement reports it, read for the system in force at the time."""

    system: UnifiedSystem
    text: str
    #: 1-6; ">5" reads as 6 so that it sorts as the worst
    number: int
    above_five: bool
    #: True for a "6" before 2025, which may be an extractor's coding of ">5" (SOURCES.md, "Classes")
    ambiguous: bool


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def unified_system(year: int) -> UnifiedSystem:
    """The Unified Classification version in force in `year` (updated system from January 2025)."""
    return UnifiedSystem.FROM_2025 if year >= 2025 else UnifiedSystem.BEFORE_2025


def parse_unified_class(text: str, year: int) -> UnifiedClass:
    """Read "3", "IV" or ">5" as reported in `year`; ValueError for anything else."""
    cleaned = text.strip().upper()
    system = unified_system(year)
    if cleaned == ">5" and system is UnifiedSystem.BEFORE_2025:
        return UnifiedClass(system, text, 6, True, False)
    number = _ROMAN.get(cleaned) or (int(cleaned) if cleaned.isdigit() else 0)
    # A pre-2025 "6" is accepted but flagged: the data has such rows (SOURCES.md, "Classes").
    if not 1 <= number <= 6:
        raise ValueError(f"{text!r} is not a Unified Classification class for {year}")
    before = system is UnifiedSystem.BEFORE_2025
    return UnifiedClass(system, text, number, before and number == 6, before and number == 6)


def worst_class(classes: Iterable[UnifiedClass]) -> UnifiedClass:
    """The water body's class as bulletins give it: the class of its worst substance."""
    reported = list(classes)
    if not reported:
        raise ValueError("no classes given")
    if len({item.system for item in reported}) > 1:
        raise ValueError("classes from the pre-2025 and the 2025 system cannot be compared")
    return max(reported, key=lambda item: item.number)
