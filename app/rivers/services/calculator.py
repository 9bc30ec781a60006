"""The WPI calculator: a learner's six numbers through the same `compute_wpi` the data uses."""

from __future__ import annotations

from dataclasses import dataclass

from app.rivers.indices import Limit, LimitKind, Reading, WpiWorking, compute_wpi

OTHER_COUNT = 4
CALCULATOR_STANDARD = "LEARNER_INPUT"


@dataclass(frozen=True)
class CalculatorRow:
    """One ingredient as typed: measured value (mg/l), below-detection flag, the limit the learner chose."""

    parameter_code: str
    value: float
    below_detection: bool
    limit: float


def calculate_wpi(rows: list[CalculatorRow]) -> WpiWorking:
    """The WPI and its full working; dissolved oxygen's norm is a minimum, every other limit a maximum."""
    readings = [Reading(row.parameter_code, row.value, "mg/l", row.below_detection) for row in rows]
    limits = {
        row.parameter_code: Limit(
            CALCULATOR_STANDARD,
            row.parameter_code,
            row.limit,
            "mg/l",
            LimitKind.MINIMUM if row.parameter_code == "DO" else LimitKind.MAXIMUM,
        )
        for row in rows
    }
    return compute_wpi(readings, limits)
