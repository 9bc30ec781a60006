"""Standards: kz_rivers/standards_kz.csv and eu_directives/parametric_values.csv as one `Standard` shape.

Neither file has a parameter-code column, so the tables below say which rows are usable limits and
for which parameter. Rows not named here are kept as reference rows (`parameter_code` None): class
meanings, deadlines, formulas, hardness-dependent EQS and the like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from app.rivers.chemistry import Dimension, find_parameter, is_unit_valid, to_canonical
from app.rivers.csvdata.common import (
    DataError,
    check_sources,
    parse_number,
    parse_range,
    read_rows,
    split_source_ids,
)
from app.rivers.indices.exceedance import LimitKind

KZ_FILE = "kz_rivers/standards_kz.csv"
EU_FILE = "eu_directives/parametric_values.csv"


# standards_kz.csv `item` -> (standard code, parameter code, kind). Codes name who set the value.
KZ_LIMIT_ROWS: dict[str, tuple[str, str, LimitKind]] = {
    "dissolved oxygen minimum - household-drinking & cultural use": (
        "SOVIET_RULES_DRINKING",
        "DO",
        LimitKind.MINIMUM,
    ),
    "dissolved oxygen minimum - fishery use, summer": (
        "SOVIET_RULES_FISHERY_SUMMER",
        "DO",
        LimitKind.MINIMUM,
    ),
    "pH range": ("SOVIET_RULES_ALL_USES", "pH", LimitKind.RANGE),
    "Cu - fishery MPC (Russian Federation, Order No. 552 of 2016)": ("AQM_FISHERY", "Cu", LimitKind.MAXIMUM),
    "Zn - fishery MPC (RF Order 552)": ("AQM_FISHERY", "Zn", LimitKind.MAXIMUM),
    "phenols - fishery MPC (RF Order 552)": ("AQM_FISHERY", "phenols", LimitKind.MAXIMUM),
    "oil products - fishery MPC (RF Order 552)": ("AQM_FISHERY", "oil_products", LimitKind.MAXIMUM),
    "SO4 - fishery MPC (RF Order 552)": ("AQM_FISHERY", "SO4", LimitKind.MAXIMUM),
    "NO3 (as NO3-) - value used for both fishery and KZ drinking": ("AQM_FISHERY", "NO3", LimitKind.MAXIMUM),
    "SO4 - Kazakhstan drinking/household MPC": ("AQM_KZ_DRINKING", "SO4", LimitKind.MAXIMUM),
    "Cu - Kazakhstan drinking/household MPC": ("AQM_KZ_DRINKING", "Cu", LimitKind.MAXIMUM),
    "Zn - Kazakhstan drinking/household MPC": ("AQM_KZ_DRINKING", "Zn", LimitKind.MAXIMUM),
    "phenol index - Kazakhstan drinking/household MPC": ("AQM_KZ_DRINKING", "phenols", LimitKind.MAXIMUM),
    "oil products - Kazakhstan drinking/household MPC": (
        "AQM_KZ_DRINKING",
        "oil_products",
        LimitKind.MAXIMUM,
    ),
    "phenol MAC (sum of volatile phenols giving chlorophenol odour on chlorination)": (
        "KZ_SANITARY_CHLORINATION",
        "phenols",
        LimitKind.MAXIMUM,
    ),
    "BOD (full, БПКполн) - fishery MAC": ("SIBECOLOG_FISHERY", "BOD_full", LimitKind.MAXIMUM),
    "dissolved oxygen - fishery minimum": ("SIBECOLOG_FISHERY", "DO", LimitKind.MINIMUM),
    "oil products - fishery MAC": ("SIBECOLOG_FISHERY", "oil_products", LimitKind.MAXIMUM),
    "phenols - fishery MAC": ("SIBECOLOG_FISHERY", "phenols", LimitKind.MAXIMUM),
    "ammonium - fishery MAC, expressed as N": ("SIBECOLOG_FISHERY", "NH4", LimitKind.MAXIMUM),
    "nitrite - fishery MAC, expressed as N": ("SIBECOLOG_FISHERY", "NO2", LimitKind.MAXIMUM),
    "nitrate - fishery MAC, expressed as N": ("SIBECOLOG_FISHERY", "NO3", LimitKind.MAXIMUM),
    "iron (total) - fishery MAC": ("SIBECOLOG_FISHERY", "Fe", LimitKind.MAXIMUM),
    "copper (total) - fishery MAC (CONFLICTING)": ("SIBECOLOG_FISHERY", "Cu", LimitKind.MAXIMUM),
    "oil products - class-1 upper limit (implied)": (
        "KZ_UNIFIED_2025_CLASS_1",
        "oil_products",
        LimitKind.MAXIMUM,
    ),
}
# Winter DO minima differ by fishery category, which sits in the `class` column.
KZ_WINTER_OXYGEN = "dissolved oxygen minimum - fishery use, winter (under ice)"
KZ_WINTER_OXYGEN_CODES = {
    "highest & 1st category": "SOVIET_RULES_FISHERY_WINTER_CATEGORY_1",
    "2nd category": "SOVIET_RULES_FISHERY_WINTER_CATEGORY_2",
}

# parametric_values.csv `directive` prefix -> standard code.
EU_DIRECTIVE_CODES = {
    "Directive (EU) 2020/2184": "EU_DWD_2020_2184",
    "Council Directive 98/83/EC": "EU_DWD_98_83",
    "Council Directive 91/271/EEC": "EU_UWWTD_91_271",
    "Commission proposal COM(2022) 541": "EU_UWWTD_PROPOSAL_2022",
    "Directive 2006/7/EC": "EU_BWD_2006_7",
    "Directive 2008/105/EC": "EU_EQS_2008_105",
}
EU_PARAMETER_NAMES = {
    "Intestinal enterococci": "enterococci",
    "Enterococci": "enterococci",
    "Escherichia coli (E. coli)": "E_coli",
    "Escherichia coli": "E_coli",
    "Antimony": "Sb",
    "Arsenic": "As",
    "Boron": "B",
    "Cadmium": "Cd",
    "Lead": "Pb",
    "Aluminium": "Al",
    "Chromium": "Cr",
    "Copper": "Cu",
    "Fluoride": "F",
    "Mercury": "Hg",
    "Nickel": "Ni",
    "Nitrate": "NO3",
    "Nitrite": "NO2",
    "Selenium": "Se",
    "Ammonium": "NH4",
    "Chloride": "Cl",
    "Hydrogen ion concentration (pH)": "pH",
    "Iron": "Fe",
    "Manganese": "Mn",
    "Sulphate": "SO4",
    "Sodium": "Na",
    "Chemical oxygen demand (COD)": "COD",
    "Biochemical oxygen demand (BOD5 at 20 °C without nitrification)": "BOD5",
    "Total phosphorus": "P_total",
    "Total nitrogen": "N_total",
}
# Same directive and parameter, different agglomeration size: told apart by value (UNEP_UWWTD, ECHA_UWWTD_TN).
EU_SIZE_BANDS = {
    ("P_total", "2"): "_SENSITIVE_10K_100K_PE",
    ("P_total", "1"): "_SENSITIVE_LARGER",
    ("N_total", "15"): "_SENSITIVE_10K_100K_PE",
}


@dataclass(frozen=True)
class Standard:
    """One row of a standards file; a usable limit when `parameter_code` and `standard_code` are set."""

    file: str
    row: int
    jurisdiction: str
    #: the standard or directive as written in the file
    instrument: str
    #: annex part, or the class / category column of standards_kz.csv
    section: str
    #: the row's own name for what it limits ("Cu - fishery MPC (RF Order 552)", "Nitrate")
    item: str
    standard_code: str | None
    parameter_code: str | None
    kind: LimitKind
    value_text: str
    #: the limit for max/min rows; None for ranges and reference rows
    value: float | None
    lower: float | None
    upper: float | None
    unit: str
    #: `value` in the parameter's canonical unit and basis (nitrate "as N" becomes NO3-)
    canonical_value: float | None
    label: str
    note: str
    source_ids: tuple[str, ...]


def parse_kz_standards(text: str, known_sources: set[str]) -> tuple[list[Standard], list[DataError]]:
    """Rows of standards_kz.csv; mapped limit rows must carry a number in a unit that fits the parameter."""
    return _parse(text, KZ_FILE, known_sources, _kz_row)


def parse_eu_values(text: str, known_sources: set[str]) -> tuple[list[Standard], list[DataError]]:
    """Rows of parametric_values.csv; rows without a value (status notes) need no source_id."""
    return _parse(text, EU_FILE, known_sources, _eu_row)


def _parse(
    text: str, file: str, known_sources: set[str], to_standard: Callable[[int, dict[str, str]], Standard]
) -> tuple[list[Standard], list[DataError]]:
    standards: list[Standard] = []
    errors: list[DataError] = []
    seen: dict[tuple[str, ...], int] = {}
    for row_number, row in read_rows(text):
        standard = to_standard(row_number, row)
        row_errors = _check(standard, row, known_sources)
        key = tuple(row.values())
        if key in seen:
            row_errors.append(DataError(file, row_number, "*", f"duplicate of line {seen[key]}"))
        seen.setdefault(key, row_number)
        errors.extend(row_errors)
        if not row_errors:
            standards.append(_with_canonical(standard))
    return standards, errors


@dataclass(frozen=True)
class _RowMeaning:
    """What a row is, as decided by the tables above: which standard and parameter, and how it limits."""

    standard_code: str | None
    parameter_code: str | None
    kind: LimitKind
    label: str = ""


def _kz_row(row_number: int, row: dict[str, str]) -> Standard:
    item = row.get("item", "")
    standard_code, parameter_code, kind = KZ_LIMIT_ROWS.get(item, (None, None, LimitKind.INFO))
    if item == KZ_WINTER_OXYGEN and row.get("class") in KZ_WINTER_OXYGEN_CODES:
        standard_code, parameter_code, kind = KZ_WINTER_OXYGEN_CODES[row["class"]], "DO", LimitKind.MINIMUM
    meaning = _RowMeaning(standard_code, parameter_code, kind, row.get("label_en", ""))
    value_text = row.get("value") or row.get("upper") or row.get("lower", "")
    lower, upper = _number(row.get("lower", "")), _number(row.get("upper", ""))
    header = ("KZ", row.get("standard", ""), row.get("class", ""), item)
    return _standard(KZ_FILE, row_number, row, header, meaning, value_text, (lower, upper))


def _eu_row(row_number: int, row: dict[str, str]) -> Standard:
    directive = row.get("directive", "")
    header = ("EU", directive, row.get("annex_part", ""), row.get("parameter", ""))
    base_code = next((code for prefix, code in EU_DIRECTIVE_CODES.items() if directive.startswith(prefix)), None)
    name, _, grade = row.get("parameter", "").partition(" - ")
    parameter_code = EU_PARAMETER_NAMES.get(row.get("parameter", "")) or EU_PARAMETER_NAMES.get(name)
    if base_code is None or parameter_code is None or (grade and base_code != "EU_BWD_2006_7"):
        meaning = _RowMeaning(base_code, None, LimitKind.INFO)
    else:
        kind = LimitKind.RANGE if parameter_code == "pH" else LimitKind.MAXIMUM
        standard_code = base_code + _eu_code_suffix(row, parameter_code, grade)
        meaning = _RowMeaning(standard_code, parameter_code, kind, grade)
    return _standard(EU_FILE, row_number, row, header, meaning, row.get("value", ""), (None, None))


def _eu_code_suffix(row: dict[str, str], parameter_code: str, grade: str) -> str:
    annex_part = row.get("annex_part", "")
    if grade:
        waters = "INLAND" if "inland" in annex_part else "COASTAL"
        return f"_{waters}_{grade.upper()}"
    if "transitional" in annex_part:
        return "_UNTIL_2036"
    return EU_SIZE_BANDS.get((parameter_code, row.get("value", "")), "")


def _standard(
    file: str,
    row_number: int,
    row: dict[str, str],
    header: tuple[str, str, str, str],
    meaning: _RowMeaning,
    value_text: str,
    bounds: tuple[float | None, float | None],
) -> Standard:
    jurisdiction, instrument, section, item = header
    parsed = parse_number(value_text)
    lower, upper = parse_range(value_text) or bounds
    single = meaning.kind in (LimitKind.MAXIMUM, LimitKind.MINIMUM)
    return Standard(
        file=file,
        row=row_number,
        jurisdiction=jurisdiction,
        instrument=instrument,
        section=section,
        item=item,
        standard_code=meaning.standard_code,
        parameter_code=meaning.parameter_code,
        kind=meaning.kind,
        value_text=value_text,
        value=parsed.value if parsed and single else None,
        lower=lower,
        upper=upper,
        unit=row.get("unit", ""),
        canonical_value=None,
        label=meaning.label,
        note=row.get("note", ""),
        source_ids=split_source_ids(row.get("source_id", "")),
    )


def _number(text: str) -> float | None:
    parsed = parse_number(text)
    return parsed.value if parsed else None


def _check(standard: Standard, row: dict[str, str], known_sources: set[str]) -> list[DataError]:
    def error(column: str, message: str) -> DataError:
        return DataError(standard.file, standard.row, column, message)

    errors = check_sources(standard.file, standard.row, "source_id", standard.source_ids, known_sources)
    if not standard.source_ids and standard.value_text:
        errors.append(error("source_id", "a row with a value needs a source_id"))
    if standard.parameter_code is None:
        return errors
    parameter = find_parameter(standard.parameter_code)
    if parameter is None:
        return [*errors, error("parameter", f"unknown parameter {standard.parameter_code!r}")]
    if not is_unit_valid(standard.unit, parameter):
        errors.append(error("unit", f"unit {standard.unit!r} does not fit {parameter.code} ({parameter.dimension})"))
    numeric = standard.value is not None or (standard.kind is LimitKind.RANGE and standard.lower is not None)
    if not numeric:
        errors.append(error("value", f"value {standard.value_text!r} is not a number"))
    return errors


def _with_canonical(standard: Standard) -> Standard:
    parameter = find_parameter(standard.parameter_code or "")
    if standard.value is None or parameter is None or parameter.dimension is not Dimension.MASS_CONCENTRATION:
        return standard
    canonical = to_canonical(standard.value, standard.unit, parameter)
    return replace(standard, canonical_value=canonical)
