"""/rivers/wpi: a learner's six numbers through compute_wpi, with the working shown."""

import pytest

from app.rivers.services import CalculatorRow, calculate_wpi

GOOD = {
    "oxygen_value": "8",
    "oxygen_limit": "6",
    "bod5_value": "3",
    "bod5_limit": "2",
    "substance_1": "Cu",
    "value_1": "0,005",
    "limit_1": "0,001",
    "substance_2": "Zn",
    "value_2": "0.02",
    "limit_2": "0.01",
    "substance_3": "SO4",
    "value_3": "150",
    "limit_3": "100",
    "substance_4": "oil_products",
    "value_4": "0,1",
    "limit_4": "0,05",
}


def test_calculate_wpi_uses_norm_over_value_for_oxygen():
    rows = [
        CalculatorRow("DO", 8, False, 6),
        CalculatorRow("BOD5", 3, False, 2),
        CalculatorRow("Cu", 0.005, False, 0.001),
        CalculatorRow("Zn", 0.02, False, 0.01),
        CalculatorRow("SO4", 150, False, 100),
        CalculatorRow("oil_products", 0.1, False, 0.05),
    ]
    working = calculate_wpi(rows)
    # (6/8 + 3/2 + 5 + 2 + 1.5 + 2) / 6 = 12.75 / 6
    assert working.index == pytest.approx(2.125)
    assert working.wpi_class.number == 3
    assert working.exceedance_count == 5


def test_calculator_page_is_public_and_says_it_is_not_data(client, db):
    response = client.get("/rivers/wpi")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "not data" in page and 'method="get"' in page


def test_calculator_shows_the_full_working_and_accepts_decimal_commas(client, db):
    response = client.get("/rivers/wpi", query_string=GOOD)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Sum of the six ratios ÷ 6 = 2.125." in page
    assert "Class 3: Moderately contaminated (moderately polluted)." in page
    assert "always included; minimum norm / C" in page and "0.75" in page
    assert "calculator result, not a measurement" in page


def test_calculator_counts_below_detection_as_half(client, db):
    response = client.get("/rivers/wpi", query_string=GOOD | {"value_1": "<0,002"})
    page = response.get_data(as_text=True)
    # Cu: 0.001 / 0.001 = 1 instead of 5: (0.75 + 1.5 + 1 + 2 + 1.5 + 2) / 6 = 1.458...
    assert "= 1.458." in page and "&lt;0.002" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value_4": "a lot"}, "is not a number I can read"),
        ({"limit_3": "0"}, "A limit must be a number above zero."),
        ({"limit_3": "<1"}, "A limit must be a number above zero."),
        ({"value_2": "-0,5"}, "A concentration cannot be negative."),
        ({"substance_2": "Cu"}, "Choose four different substances."),
        ({"substance_1": "DO"}, "Not a valid choice"),
        ({"value_1": "1" * 41}, "Field cannot be longer than 40 characters."),
        ({"oxygen_value": ""}, "This field is required."),
    ],
)
def test_calculator_explains_bad_input_next_to_the_field(client, db, changes, message):
    response = client.get("/rivers/wpi", query_string=GOOD | changes)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'aria-invalid="true"' in page
    assert "Sum of the six ratios" not in page
