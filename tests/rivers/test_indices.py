"""Water-quality indices (app/rivers/indices) and the chemistry they rely on."""

import math
from datetime import date

import pytest

from app.rivers.chemistry import PARAMETERS, basis_factor, to_canonical
from app.rivers.csvdata import limits_for, load_dataset, series_of
from app.rivers.indices import (
    WPI_BANDS_ECOTARGET,
    BelowDetection,
    Limit,
    LimitKind,
    NormativeStep,
    OxygenRule,
    Reading,
    SeriesPoint,
    UnifiedSystem,
    WpiSettings,
    breaching_substances,
    change_factor,
    compute_wpi,
    exceedance_multiple,
    months_over_limit,
    parse_unified_class,
    reading_from_text,
    summarise,
    worst_class,
    wpi_class,
)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


# --- chemistry and units -------------------------------------------------------------------------


def test_basis_factor_matches_the_rounded_ratios_in_sources():
    # SOURCES.md, WPI methodology point 5: 18/14, 46/14, 62/14.
    assert basis_factor("NH4", "N", "ion") == pytest.approx(18 / 14, rel=2e-3)
    assert basis_factor("NO2", "N", "ion") == pytest.approx(46 / 14, rel=2e-3)
    assert basis_factor("NO3", "N", "ion") == pytest.approx(62 / 14, rel=2e-3)
    assert basis_factor("PO4", "ion", "P") == pytest.approx(30.974 / 94.970, rel=1e-4)


def test_basis_factor_refuses_a_meaningless_conversion():
    with pytest.raises(ValueError):
        basis_factor("Cu", "N", "ion")


def test_to_canonical_converts_micrograms_and_nitrogen_basis():
    assert to_canonical(200, "µg/l", PARAMETERS["Al"]) == pytest.approx(0.2)
    assert to_canonical(0.4, "mg N/L", PARAMETERS["NH4"]) == pytest.approx(0.4 * 18.039 / 14.007)


# --- exceedances ---------------------------------------------------------------------------------


def test_exceedance_multiple_reproduces_published_zhaiyk_oil_multiples(dataset):
    # ZAKON_ZHAIYK_2025 / KAZZAKON_ZHAIYK_2025: 0.234 mg/dm3 = 4.68 x and 0.163 = 3.26 x the class-1 norm.
    limit = limits_for(dataset.standards, "KZ_UNIFIED_2025_CLASS_1")["oil_products"]
    assert exceedance_multiple(Reading("oil_products", 0.234, "mg/L"), limit).multiple == pytest.approx(4.68)
    assert exceedance_multiple(Reading("oil_products", 0.163, "mg/L"), limit).multiple == pytest.approx(3.26)


def test_exceedance_multiple_converts_nanograms_to_micrograms(dataset):
    limit = limits_for(dataset.standards, "EU_DWD_98_83")["Hg"]  # 1.0 µg/l
    result = exceedance_multiple(Reading("Hg", 348, "ng/L"), limit)  # HG_NURA_2005 maximum
    assert result.value_in_limit_unit == pytest.approx(0.348)
    assert result.multiple == pytest.approx(0.348)
    assert not result.breaches


def test_exceedance_multiple_converts_ion_to_nitrogen_basis(dataset):
    limit = limits_for(dataset.standards, "SIBECOLOG_FISHERY")["NO2"]  # 0.02 mg N/L
    result = exceedance_multiple(Reading("NO2", 0.20, "mg/L"), limit)  # TULEMISOVA_URAL upper bound
    assert result.value_in_limit_unit == pytest.approx(0.20 * 14.007 / 46.005)
    assert result.multiple == pytest.approx(3.04, abs=0.01)
    assert result.breaches


def test_exceedance_multiple_inverts_a_minimum_limit():
    limit = Limit("SOVIET_RULES_FISHERY_SUMMER", "DO", 6, "mg/dm3", LimitKind.MINIMUM)
    assert exceedance_multiple(Reading("DO", 4, "mg/L"), limit).multiple == pytest.approx(1.5)
    assert not exceedance_multiple(Reading("DO", 9, "mg/L"), limit).breaches


def test_exceedance_multiple_below_detection_never_breaches_a_maximum():
    limit = Limit("X", "Cu", 0.001, "mg/l")
    low = exceedance_multiple(reading_from_text("Cu", "<0.0005"), limit)
    high = exceedance_multiple(reading_from_text("Cu", "<0.005"), limit)
    assert (low.breaches, low.determinate) == (False, True)
    assert (high.breaches, high.determinate, high.multiple) == (False, False, pytest.approx(5))


def test_exceedance_multiple_skips_missing_value_and_zero_limit_is_infinite():
    limit = Limit("EU_DWD_2020_2184", "E_coli", 0, "number/100 ml")
    assert exceedance_multiple(reading_from_text("E_coli", "", "number/100 ml"), limit) is None
    assert math.isinf(exceedance_multiple(Reading("E_coli", 3, "number/100 ml"), limit).multiple)


def test_breaching_substances_lists_only_breaches_worst_first(dataset):
    limits = limits_for(dataset.standards, "AQM_FISHERY")
    readings = [
        Reading("Cu", 0.004, "mg/L"),  # 4 x
        Reading("Zn", 0.005, "mg/L"),  # 0.5 x
        Reading("SO4", 313.4, "mg/L"),  # 3.134 x
        Reading("Hg", 2, "ng/L"),  # no limit in this standard
    ]
    result = breaching_substances(readings, limits)
    assert [(item.reading.parameter_code, round(item.multiple, 3)) for item in result] == [
        ("Cu", 4.0),
        ("SO4", 3.134),
    ]


# --- classes -------------------------------------------------------------------------------------


def test_wpi_class_places_published_ural_values_in_class_3():
    # UNECE_2011: Ural at Uralsk WPI 1.18-1.68 (1994-2004), 'moderately polluted'.
    assert wpi_class(1.18).number == 3
    assert wpi_class(1.68).number == 3
    assert "moderately polluted" in wpi_class(1.68).label
    assert wpi_class(1.68, WPI_BANDS_ECOTARGET).number == 3


def test_wpi_class_boundary_belongs_to_cleaner_class():
    assert [wpi_class(value).number for value in (0.3, 0.31, 1.0, 2.5, 10.0, 10.01)] == [1, 2, 2, 3, 6, 7]
    assert wpi_class(2.2).number == 3
    assert wpi_class(2.2, WPI_BANDS_ECOTARGET).number == 4


def test_parse_unified_class_reads_both_systems():
    above = parse_unified_class(">5", 2021)
    assert (above.system, above.number, above.above_five, above.ambiguous) == (
        UnifiedSystem.BEFORE_2025,
        6,
        True,
        False,
    )
    assert parse_unified_class("6", 2024).ambiguous
    assert parse_unified_class("IV", 2025).number == 4
    assert not parse_unified_class("6", 2025).ambiguous
    with pytest.raises(ValueError):
        parse_unified_class("7", 2025)


def test_worst_class_refuses_to_mix_systems():
    assert worst_class([parse_unified_class("3", 2025), parse_unified_class("5", 2025)]).number == 5
    with pytest.raises(ValueError):
        worst_class([parse_unified_class("3", 2024), parse_unified_class("3", 2025)])


# --- trends --------------------------------------------------------------------------------------


def test_trend_figures_for_karabalta_sulphate_2024(dataset):
    # AQM_KZH2024: 524 (Jun), 970 (Aug), 812 (Sep), 797 (Oct), 370 (Dec) mg/L.
    points = series_of(dataset.measurements, "KZ-KARABALTA", "SO4")
    year = summarise(points, date(2024, 1, 1), date(2024, 12, 31))
    assert (year.count, year.median, year.maximum, year.maximum_on) == (5, 797, 970, date(2024, 8, 1))
    drinking = limits_for(dataset.standards, "AQM_KZ_DRINKING")["SO4"].value  # 500
    over = months_over_limit(points, drinking, date(2024, 1, 1), date(2024, 12, 31))
    assert [month.month for month in over] == [6, 8, 9, 10]
    factor = change_factor(points, (date(2024, 6, 1), date(2024, 8, 31)), (date(2024, 9, 1), date(2024, 12, 31)))
    assert factor == pytest.approx(797 / 747)


def test_summarise_substitutes_below_detection_values():
    points = [SeriesPoint(date(2025, 1, 1), 0.004, True), SeriesPoint(date(2025, 2, 1), 0.010)]
    half = summarise(points, date(2025, 1, 1), date(2025, 12, 31))
    assert (half.median, half.below_detection_count) == (pytest.approx(0.006), 1)
    excluded = summarise(points, date(2025, 1, 1), date(2025, 12, 31), BelowDetection.EXCLUDE)
    assert (excluded.count, excluded.median) == (1, 0.010)
    assert months_over_limit(points, 0.001) == [date(2025, 2, 1)]
    assert summarise(points, date(2030, 1, 1), date(2030, 12, 31)) is None


# --- WPI -----------------------------------------------------------------------------------------

# Hypothetical sample and limits, chosen for easy hand arithmetic; not data about any river.
TEST_LIMITS = {
    "DO": Limit("TEST", "DO", 6, "mg/L", LimitKind.MINIMUM),
    "BOD5": Limit("TEST", "BOD5", 3, "mg/L"),
    "Cu": Limit("TEST", "Cu", 0.001, "mg/L"),
    "Zn": Limit("TEST", "Zn", 0.01, "mg/L"),
    "oil_products": Limit("TEST", "oil_products", 0.05, "mg/L"),
    "phenols": Limit("TEST", "phenols", 0.001, "mg/L"),
    "SO4": Limit("TEST", "SO4", 100, "mg/L"),
}


def _sample(**overrides: str) -> list[Reading]:
    values = {
        "DO": "8",
        "BOD5": "2.4",
        "Cu": "0.004",
        "Zn": "0.02",
        "oil_products": "0.1",
        "phenols": "0.003",
    }
    values |= {"SO4": "50", **overrides}
    return [reading_from_text(code, text) for code, text in values.items()]


def test_compute_wpi_hand_computed_sample():
    working = compute_wpi(_sample(), TEST_LIMITS)
    # DO 6/8 = 0.75, BOD5 0.8, Cu 4, phenols 3, Zn 2, oil 2 -> 12.55 / 6; SO4 (0.5) is the 5th other.
    assert working.index == pytest.approx(12.55 / 6)
    assert working.wpi_class.number == 3
    assert [item.parameter_code for item in working.entered] == [
        "DO",
        "BOD5",
        "Cu",
        "Zn",
        "oil_products",
        "phenols",
    ]
    sulphate = next(item for item in working.ingredients if item.parameter_code == "SO4")
    assert (sulphate.entered, sulphate.ratio) == (False, 0.5)
    assert working.exceedance_count == 4
    assert working.problems == ()


def test_compute_wpi_breaks_ties_by_parameter_code():
    working = compute_wpi(_sample(SO4="200"), TEST_LIMITS)  # SO4, Zn and oil all at ratio 2 for two places
    others = [item.parameter_code for item in working.entered[2:]]
    assert others == ["Cu", "Zn", "phenols", "SO4"]  # "SO4" < "Zn" < "oil_products" in code order
    oil = next(item for item in working.ingredients if item.parameter_code == "oil_products")
    assert (oil.entered, oil.reason) == (False, "smaller C/MAC than the four that entered")


def test_compute_wpi_below_detection_setting_changes_the_value_used():
    half = compute_wpi(_sample(phenols="<0.002"), TEST_LIMITS)
    at_limit = compute_wpi(_sample(phenols="<0.002"), TEST_LIMITS, WpiSettings(below_detection=BelowDetection.AT_LIMIT))
    phenol_half = next(item for item in half.ingredients if item.parameter_code == "phenols")
    phenol_limit = next(item for item in at_limit.ingredients if item.parameter_code == "phenols")
    assert (phenol_half.reported, phenol_half.value, phenol_half.ratio) == ("<0.002", 0.001, 1.0)
    assert phenol_limit.ratio == 2.0
    assert half.index == pytest.approx((0.75 + 0.8 + 4 + 2 + 2 + 1) / 6)


def test_compute_wpi_without_oxygen_gives_no_index():
    working = compute_wpi(_sample(DO=""), TEST_LIMITS)
    assert working.index is None and working.wpi_class is None
    assert working.problems == ("DO: missing: always required",)


def test_compute_wpi_needs_six_ingredients():
    readings = [
        reading_from_text("DO", "8"),
        reading_from_text("BOD5", "2.4"),
        reading_from_text("Cu", "0.004"),
    ]
    working = compute_wpi(readings, TEST_LIMITS)
    assert working.index is None
    assert working.problems == ("only 3 of 6 ingredients have a value and a limit",)


def test_compute_wpi_reports_substance_without_limit():
    working = compute_wpi([*_sample(), reading_from_text("Hg", "0.0001")], TEST_LIMITS)
    mercury = next(item for item in working.ingredients if item.parameter_code == "Hg")
    assert (mercury.entered, mercury.reason) == (False, "no maximum limit in the standard")
    assert working.index == pytest.approx(12.55 / 6)


def test_compute_wpi_oxygen_normative_table_setting():
    # Hypothetical steps to test the mechanism; the 1988 table itself is not in the sources.
    steps = (NormativeStep(6, 6), NormativeStep(0, 12))
    settings = WpiSettings(oxygen_rule=OxygenRule.NORMATIVE_TABLE, oxygen_normatives=steps)
    working = compute_wpi(_sample(DO="5"), TEST_LIMITS, settings)
    oxygen = working.entered[0]
    assert (oxygen.limit, oxygen.ratio) == (12, pytest.approx(12 / 5))


def test_compute_wpi_rejects_two_readings_of_one_parameter():
    with pytest.raises(ValueError):
        compute_wpi([*_sample(), reading_from_text("Cu", "0.002")], TEST_LIMITS)
