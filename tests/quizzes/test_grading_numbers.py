import math

import pytest

from app.quizzes.grading import GradingInputError, Interval, parse_interval, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.05", 0.05),
        ("0,05", 0.05),
        ("  0,05  ", 0.05),
        ("1 250,5", 1250.5),
        ("1\u00a0250,5", 1250.5),
        ("1\u202f250,5", 1250.5),
        ("12'000", 12000.0),
        ("12’000", 12000.0),
        ("1,250.5", 1250.5),
        ("1.250,5", 1250.5),
        ("1.250.000", 1250000.0),
        ("1,250,000", 1250000.0),
        ("-3", -3.0),
        ("+3", 3.0),
        ("−0,5", -0.5),
        (".5", 0.5),
        (",5", 0.5),
        ("5.", 5.0),
        ("848", 848.0),
    ],
)
def test_parse_number_reads_separators(text, value):
    assert parse_number(text).value == value


def test_parse_number_reads_a_single_comma_as_decimal_comma():
    assert parse_number("1,250").value == 1.25


@pytest.mark.parametrize(
    "text",
    [
        "1.2e-3",
        "1,2E-3",
        "1.2 e -3",
        "1,2·10^-3",
        "1.2×10^-3",
        "1.2 x 10^-3",
        "1.2*10**-3",
        "1,2·10⁻³",
        "12e-4",
    ],
)
def test_parse_number_reads_scientific_notation(text):
    assert parse_number(text).value == 0.0012


def test_parse_number_reads_positive_exponents():
    assert parse_number("3.5e2").value == 350.0
    assert parse_number("3,5·10^+2").value == 350.0


@pytest.mark.parametrize(
    "text",
    [
        "<0.05",
        "< 0,05",
        "&lt;0.05",
        "&lt; 0.05",
        "≤0.05",
        "<=0.05",
        "менее 0,05",
        "Меньше 0.05",
        "less than 0.05",
    ],
)
def test_parse_number_marks_below_detection(text):
    number = parse_number(text)
    assert number.below_detection
    assert number.value == 0.05


def test_parse_number_plain_number_is_not_below_detection():
    assert not parse_number("0.05").below_detection


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("0.05 mg/l", 0.05, "mg/l"),
        ("0,05мг/л", 0.05, "mg/l"),
        ("50 мкг/л", 50.0, "µg/l"),
        ("50 ug/L", 50.0, "µg/l"),
        ("348 нг/л", 348.0, "ng/l"),
        ("1,2e-3 g/l", 0.0012, "g/l"),
        ("<0,05 mg/dm3", 0.05, "mg/l"),
    ],
)
def test_parse_number_reads_a_trailing_unit(text, value, unit):
    number = parse_number(text)
    assert (number.value, number.unit) == (value, unit)


def test_parse_number_without_unit_has_none():
    assert parse_number("0.05").unit is None


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("0.050", 2),
        ("0,05", 1),
        ("1.20", 3),
        ("1 250,5", 5),
        ("1.20e-3", 3),
        ("100.", 3),
        ("0.0", 1),
        ("7", 1),
    ],
)
def test_parse_number_keeps_significant_figures_as_typed(text, figures):
    number = parse_number(text)
    assert number.significant_figures == figures
    assert number.fits_significant_figures(figures)


def test_parse_number_trailing_zeros_of_whole_numbers_are_ambiguous():
    number = parse_number("1200")
    assert [number.fits_significant_figures(count) for count in range(1, 6)] == [
        False,
        True,
        True,
        True,
        False,
    ]


def test_parse_number_decimal_number_fits_only_its_own_figures():
    number = parse_number("0.050")
    assert not number.fits_significant_figures(1)
    assert not number.fits_significant_figures(3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "not a number"),
        ("", "Type a number"),
        ("   ", "Type a number"),
        ("1 25", "not a number"),
        ("1,2,3.4", "not a number"),
        ("1,2.3.4", "not a number"),
        ("1..2", "not a number"),
        ("5 10", "not a number"),
        ("0.05 furlongs", "don't recognise the unit"),
        ("0.05 %", "don't recognise the unit"),
        ("1e999", "too large"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("1" * 101, "too long"),
        ("1,2·10", "don't recognise the unit"),
    ],
)
def test_parse_number_rejects_garbage_with_a_message(text, message):
    with pytest.raises(GradingInputError, match=message):
        parse_number(text)


@pytest.mark.parametrize("value", [None, 5, 0.5, ["1"], b"1"])
def test_parse_number_rejects_non_text(value):
    with pytest.raises(GradingInputError):
        parse_number(value)  # type: ignore[arg-type]


def test_parse_number_error_is_a_value_error():
    assert issubclass(GradingInputError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[5, 7)", Interval(5, 7, True, False)),
        ("(0.1, 0.5]", Interval(0.1, 0.5, False, True)),
        ("[0,1; 0,5]", Interval(0.1, 0.5, True, True)),
        (" ( 1 ,2 ) ", Interval(1, 2, False, False)),
        ("[0, inf)", Interval(0, math.inf, True, False)),
        ("(-∞, 3]", Interval(-math.inf, 3, False, True)),
    ],
)
def test_parse_interval_reads_brackets_and_bounds(text, expected):
    assert parse_interval(text) == expected


def test_interval_contains_respects_open_and_closed_bounds():
    interval = parse_interval("[5, 7)")
    assert [interval.contains(value) for value in (4.99, 5, 6, 6.999, 7)] == [False, True, True, True, False]
    interval = parse_interval("(0.1, 0.5]")
    assert [interval.contains(value) for value in (0.1, 0.10001, 0.5, 0.5001)] == [False, True, True, False]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5, 7", "must look like"),
        ("[5, 7", "must look like"),
        ("[5]", "must look like"),
        ("[0,1, 0,5]", "two bounds"),
        ("[7, 5]", "lower bound above"),
        ("[a, 5]", "not a number"),
        ("[5 mg/l, 7]", "plain numbers"),
        ("[<5, 7]", "plain numbers"),
        (None, "must be text"),
    ],
)
def test_parse_interval_rejects_bad_syntax(text, message):
    with pytest.raises(ValueError, match=message):
        parse_interval(text)  # type: ignore[arg-type]
