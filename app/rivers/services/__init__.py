"""River data services: the import, the browser's queries and the downloads."""

from app.rivers.services.browse import (
    BasinPage,
    StationIndex,
    StationPage,
    basin_page,
    list_stations,
    station_page,
)
from app.rivers.services.calculator import CalculatorRow, calculate_wpi
from app.rivers.services.downloads import station_sheets
from app.rivers.services.importer import DataInvalid, ImportSummary, format_error, import_dataset

__all__ = [
    "BasinPage",
    "CalculatorRow",
    "DataInvalid",
    "ImportSummary",
    "StationIndex",
    "StationPage",
    "basin_page",
    "calculate_wpi",
    "format_error",
    "import_dataset",
    "list_stations",
    "station_page",
    "station_sheets",
]
