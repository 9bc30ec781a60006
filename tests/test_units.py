import pytest

from app.units import (
    MICROGRAMS_PER_L,
    MILLIGRAMS_PER_L,
    NANOGRAMS_PER_L,
    UnitSpec,
    canonical_unit,
    convert_concentration,
    parse_unit,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mg/l", "mg/l"),
        ("mg/L", "mg/l"),
        ("MG / L", "mg/l"),
        ("mg l-1", "mg/l"),
        ("mg·l⁻¹", "mg/l"),
        ("mg/dm3", "mg/l"),
        ("mg/dm³", "mg/l"),
        ("мг/л", "mg/l"),
        ("мг/дм3", "mg/l"),
        ("g/m3", "mg/l"),
        ("µg/l", "µg/l"),
        ("μg/l", "µg/l"),
        ("ug/l", "µg/l"),
        ("mkg/l", "µg/l"),
        ("mcg/l", "µg/l"),
        ("мкг/л", "µg/l"),
        ("мкг/дм3", "µg/l"),
        ("mg/m3", "µg/l"),
        ("ng/l", "ng/l"),
        ("ng/L", "ng/l"),
        ("нг/л", "ng/l"),
        ("g/l", "g/l"),
        ("г/л", "g/l"),
    ],
)
def test_canonical_unit_accepts_spellings_chemists_type(text, expected):
    assert canonical_unit(text) == expected


def test_canonical_unit_uses_the_micro_sign():
    assert canonical_unit("ug/l") == "\u00b5g/l" == MICROGRAMS_PER_L


@pytest.mark.parametrize("text", ["", "%", "mg", "furlongs/l", "µS/cm at 20 °C", "mg N/L", "m3/s", "x" * 1000])
def test_canonical_unit_returns_none_for_anything_else(text):
    assert canonical_unit(text) is None


def test_canonical_unit_returns_none_for_non_text():
    assert canonical_unit(None) is None  # type: ignore[arg-type]
    assert canonical_unit(5) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mg/L", UnitSpec("mg/l")),
        ("mg N/L", UnitSpec("mg/l", "N")),
        ("mg O2/L", UnitSpec("mg/l", "O2")),
        ("mg/l N", UnitSpec("mg/l", "N")),
        ("mg/l P", UnitSpec("mg/l", "P")),
        ("µS/cm at 20 °C", None),
        ("pH units", None),
    ],
)
def test_parse_unit_reports_the_basis_separately(text, expected):
    assert parse_unit(text) == expected


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (0.05, "mg/l", "µg/l", 50.0),
        (0.07, "mg/l", "ug/l", 70.0),
        (50, "мкг/л", "mg/l", 0.05),
        (348, "ng/L", "µg/l", 0.348),
        (2, "ng/l", "mg/l", 0.000002),
        (1.5, "g/l", "mg/l", 1500.0),
        (0.234, "mg/dm3", "mg/l", 0.234),
        (12, "mg/m3", "µg/l", 12.0),
    ],
)
def test_convert_concentration_is_exact_for_decimal_inputs(value, source, target, expected):
    assert convert_concentration(value, source, target) == expected


def test_convert_concentration_round_trips():
    there = convert_concentration(0.123, MILLIGRAMS_PER_L, NANOGRAMS_PER_L)
    assert convert_concentration(there, NANOGRAMS_PER_L, MILLIGRAMS_PER_L) == 0.123


@pytest.mark.parametrize(("source", "target"), [("mg/l", "ppm"), ("parsecs", "mg/l"), ("mg N/L", "mg/l")])
def test_convert_concentration_rejects_unknown_units(source, target):
    with pytest.raises(ValueError, match="Unknown concentration unit"):
        convert_concentration(1.0, source, target)
