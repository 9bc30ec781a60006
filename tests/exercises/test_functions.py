"""Computed answers against values computed by hand from app/rivers/data/kz_rivers/measurements.csv."""

from __future__ import annotations

import pytest

from app.exercises import functions
from app.exercises.data import ComputationError
from app.exercises.services import compute_answer
from app.exercises.working import render_working

EU_DRINKING = ["EU_DWD_2020_2184", "EU_DWD_98_83"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # Karabalta SO4 2024: 524, 970, 812, 797, 370 -> median 797; 2025: ten values -> median (682 + 759) / 2
        (
            {"function": "change_factor", "station": "KZ-KARABALTA", "parameter": "SO4", "before": 2024, "after": 2025},
            720.5 / 797,
        ),
        (
            {
                "function": "change_factor",
                "station": "KZ-KARABALTA",
                "parameter": "SO4",
                "before": 2024,
                "after": 2025,
                "statistic": "maximum",
            },
            989 / 970,
        ),
        (
            {"function": "max_multiple", "station": "KZ-KARABALTA", "parameter": "SO4", "period": 2025}
            | {"standard": EU_DRINKING},
            989 / 250,
        ),
        # 2025 values above 500 mg/l: March to November (December is 477)
        (
            {"function": "months_over_limit", "station": "KZ-KARABALTA", "parameter": "SO4", "period": 2025}
            | {"standard": "AQM_KZ_DRINKING"},
            9,
        ),
        (
            {
                "function": "max_multiple",
                "station": "KZ-KRAS",
                "parameter": "Zn",
                "period": 2025,
                "standard": "AQM_FISHERY",
            },
            141.2,
        ),
        (
            {
                "function": "max_multiple",
                "station": "KZ-ILE",
                "parameter": "Cu",
                "period": 2025,
                "standard": "SIBECOLOG_FISHERY",
            },
            0.00397 / 0.005,
        ),
        (
            {"function": "max_multiple", "station": "KZ-ZHAIYK-ATY-UP1KM", "parameter": "oil_products"}
            | {"period": "2025-09-02", "standard": "KZ_UNIFIED_2025_CLASS_1"},
            4.68,
        ),
        (
            {
                "function": "months_over_limit",
                "station": "KZ-ZHAIYK-ATY",
                "parameter": "oil_products",
                "period": 2025,
                "standard": "AQM_KZ_DRINKING",
            },
            2,
        ),
        # Syr Darya SO4 2024: 256, 270 -> 263; 2025: seven values -> median 238.667
        (
            {"function": "change_factor", "station": "KZ-SYR-KZO", "parameter": "SO4", "before": 2024, "after": 2025},
            238.667 / 263,
        ),
        ({"function": "wpi_class", "station": "KZ-URAL-URALSK", "period": "1994/2004", "bound": "upper"}, 3),
    ],
)
def test_numeric_computations_match_hand_computed_values(river_data, spec, expected):
    result = functions.run(river_data, spec)
    assert result.answer_type == functions.NUMBER
    assert result.value == pytest.approx(expected, rel=1e-6)


def test_exceeding_substances_lists_only_values_above_the_eu_value(river_data):
    spec = {"function": "exceeding_substances", "station": "KZ-SYR-KZO", "standard": EU_DRINKING}
    options = ["SO4", "Cu", "none"]
    assert functions.run(river_data, spec | {"period": 2024, "options": options}).correct == {"SO4"}  # 270 > 250
    assert functions.run(river_data, spec | {"period": 2025, "options": options}).correct == {"none"}  # 245.667


def test_class_driver_names_the_worst_class_and_every_substance_of_a_tie(river_data):
    spec = {"function": "class_driver", "options": ["SO4", "Cu", "Zn"]}
    assert functions.run(river_data, spec | {"station": "KZ-SYR-KZO", "period": "2025-05"}).correct == {"SO4"}
    assert functions.run(river_data, spec | {"station": "KZ-ILE", "period": "2025-02"}).correct == {"Cu", "SO4"}


def test_working_carries_values_limits_sources_and_caveats(river_data):
    definition = {
        "id": "q",
        "kind": "computed",
        "compute": {"function": "max_multiple", "station": "KZ-KARABALTA", "parameter": "SO4"}
        | {"period": 2025, "standard": EU_DRINKING},
    }
    resolved = compute_answer(river_data, definition)
    working = resolved["working"]
    assert resolved["value"] == pytest.approx(3.956)
    assert {row["period"] for row in working["rows"]} >= {"2025-03", "2025-08", "2025-12"}
    assert working["limits"][0]["standard"] == "EU_DWD_98_83" and working["limits"][0]["value"] == 250
    assert {source["code"] for source in working["sources"]} == {"AQM_KZH2025", "SCRIBD_9883"}
    assert working["caveat_sources"] == ["AQM_KZH2025", "SCRIBD_9883"]
    shown = render_working(working)
    assert any("worst substance" in caveat for caveat in shown["caveats"])
    assert any("98/83/EC" in caveat for caveat in shown["caveats"])


def test_working_is_stored_without_words_and_worded_in_the_learners_language(app, river_data):
    definition = {
        "id": "q",
        "kind": "computed",
        "compute": {"function": "change_factor", "station": "KZ-KARABALTA", "parameter": "SO4"}
        | {"before": 2024, "after": 2025},
    }
    working = compute_answer(river_data, definition)["working"]
    assert working["formula"]["msg"] == "formula.change_factor"
    assert working["formula"]["args"]["statistic"] == {"msg": "stat.median", "args": {}}
    with app.test_request_context(headers={"Accept-Language": "en"}):
        english = render_working(working)
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        russian = render_working(working)
    assert english["formula"] == "change factor = median(2025) / median(2024)"
    assert russian["formula"] == "коэффициент изменения = медиана(2025) / медиана(2024)"
    assert russian["steps"][0].startswith("медиана за 2024 (число значений: ")
    assert "," in russian["steps"][2] and "," not in english["steps"][2]  # decimal comma in Russian


def test_a_period_without_data_is_refused_with_a_message(river_data):
    spec = {"function": "max_multiple", "station": "KZ-KARABALTA", "parameter": "SO4", "period": 2019}
    with pytest.raises(ComputationError, match="no SO4 value in the period 2019"):
        functions.run(river_data, spec | {"standard": "AQM_FISHERY"})
