"""Parameters, their canonical units and chemical-basis conversions ("as N" versus ion form).

Pure Python. Mass-concentration prefixes (mg, µg, ng per litre) are converted by `app.units`;
this module only adds what is specific to water chemistry: nitrogen and phosphorus species may be
reported as the ion (NO3-, NO2-, NH4+, PO4 3-) or as the element (mg N/L, mg P/L), and the two
differ by the ratio of molar masses (SOURCES.md, "WPI methodology" point 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app import units


class Dimension(StrEnum):
    """What kind of quantity a parameter is, which fixes the units it may carry."""

    MASS_CONCENTRATION = "mass_concentration"
    COUNT_PER_VOLUME = "count_per_volume"
    PH = "ph"
    INDEX = "index"
    CATEGORY = "category"


CANONICAL_MASS_UNIT = units.MILLIGRAMS_PER_L
ION = "ion"

# Standard atomic weights (IUPAC, abridged), g/mol: chemistry constants, not river data.
ATOMIC_MASS = {"H": 1.008, "N": 14.007, "O": 15.999, "P": 30.974}
ION_MOLAR_MASS = {
    "NO3": ATOMIC_MASS["N"] + 3 * ATOMIC_MASS["O"],
    "NO2": ATOMIC_MASS["N"] + 2 * ATOMIC_MASS["O"],
    "NH4": ATOMIC_MASS["N"] + 4 * ATOMIC_MASS["H"],
    "PO4": ATOMIC_MASS["P"] + 4 * ATOMIC_MASS["O"],
}
#: element in which each ion may also be expressed
ION_ELEMENT = {"NO3": "N", "NO2": "N", "NH4": "N", "PO4": "P"}


@dataclass(frozen=True)
class Parameter:
    """A measured quantity: code as used in the CSVs, English name, dimension, canonical unit."""

    code: str
    name: str
    dimension: Dimension
    canonical_unit: str = ""
    #: basis of the canonical value: "ion" for ions and plain substances, "N"/"P" for totals
    basis: str = "ion"


def _mass(code: str, name: str) -> Parameter:
    basis = {"P_total": "P", "N_total": "N"}.get(code, ION)
    return Parameter(code, name, Dimension.MASS_CONCENTRATION, CANONICAL_MASS_UNIT, basis)


PARAMETERS: dict[str, Parameter] = {
    parameter.code: parameter
    for parameter in (
        *(
            _mass(code, name)
            for code, name in (
                ("Cu", "copper"),
                ("Zn", "zinc"),
                ("Cd", "cadmium"),
                ("Pb", "lead"),
                ("Hg", "mercury"),
                ("Fe", "iron (total)"),
                ("Mn", "manganese"),
                ("Al", "aluminium"),
                ("Ni", "nickel"),
                ("Cr", "chromium"),
                ("As", "arsenic"),
                ("Sb", "antimony"),
                ("Se", "selenium"),
                ("B", "boron"),
                ("SO4", "sulphate"),
                ("Cl", "chloride"),
                ("Na", "sodium"),
                ("F", "fluoride"),
                ("NO3", "nitrate (as NO3-)"),
                ("NO2", "nitrite (as NO2-)"),
                ("NH4", "ammonium (as NH4+)"),
                ("PO4", "phosphate (as PO4)"),
                ("P_total", "total phosphorus (as P)"),
                ("N_total", "total nitrogen (as N)"),
                ("oil_products", "oil products"),
                ("phenols", "volatile phenols"),
                ("mineralization", "total dissolved solids"),
                ("COD", "chemical oxygen demand (mg O2/L)"),
                ("BOD5", "biochemical oxygen demand, 5 days (mg O2/L)"),
                ("BOD_full", "biochemical oxygen demand, full (mg O2/L)"),
                ("DO", "dissolved oxygen"),
                ("suspended_solids", "suspended solids"),
            )
        ),
        Parameter("E_coli", "Escherichia coli", Dimension.COUNT_PER_VOLUME, "number/100 ml"),
        Parameter("enterococci", "intestinal enterococci", Dimension.COUNT_PER_VOLUME, "number/100 ml"),
        Parameter("pH", "hydrogen ion concentration", Dimension.PH, "pH units"),
        Parameter("WPI", "water pollution index (ИЗВ)", Dimension.INDEX),
        Parameter("class", "water-body class as stated by the source", Dimension.CATEGORY),
        Parameter("pollution_level", "press pollution category", Dimension.CATEGORY),
    )
}
CLASS_PREFIX = "class_"
COUNT_UNITS = {"number/100 ml", "cfu/100 ml"}


def find_parameter(code: str) -> Parameter | None:
    """The parameter for a CSV code; `class_<code>` is a category attached to a known substance."""
    if code.startswith(CLASS_PREFIX):
        substance = PARAMETERS.get(code.removeprefix(CLASS_PREFIX))
        if substance is None:
            return None
        return Parameter(code, f"class reported for {substance.name}", Dimension.CATEGORY)
    return PARAMETERS.get(code)


@dataclass(frozen=True)
class ParsedUnit:
    """A concentration unit split into its canonical mass-per-volume part and its chemical basis."""

    mass_unit: str
    #: "N" or "P" when the unit names the element ("mg N/L"); None when it names no basis
    basis: str | None


def parse_concentration_unit(text: str) -> ParsedUnit | None:
    """Split "mg N/L", "mg/l P", "mg O2/L", "µg/l" into mass unit and basis; None if not a concentration."""
    spec = units.parse_unit(text)
    if spec is None:
        return None
    # "O2" only names what COD/BOD/DO are measured as; it is not a conversion basis.
    basis = spec.basis if spec.basis in ("N", "P") else None
    if spec.basis is not None and spec.basis not in ("N", "P", "O2"):
        return None
    return ParsedUnit(spec.canonical, basis)


def basis_factor(parameter_code: str, from_basis: str, to_basis: str) -> float:
    """Factor that turns a value on `from_basis` into `to_basis` (e.g. NO3 as N -> ion: 62.004/14.007)."""
    if from_basis == to_basis:
        return 1.0
    element = ION_ELEMENT.get(parameter_code)
    if element is None or {from_basis, to_basis} != {ION, element}:
        raise ValueError(f"cannot convert {parameter_code} from basis {from_basis} to {to_basis}")
    ion_mass = ION_MOLAR_MASS[parameter_code]
    element_mass = ATOMIC_MASS[element]
    return ion_mass / element_mass if to_basis == ION else element_mass / ion_mass


def to_canonical(value: float, unit_text: str, parameter: Parameter) -> float:
    """Convert a concentration to the parameter's canonical unit and basis (mg/l, ion form unless a total)."""
    parsed = parse_concentration_unit(unit_text)
    if parsed is None:
        raise ValueError(f"{unit_text!r} is not a concentration unit")
    in_mass_unit = units.convert_concentration(value, parsed.mass_unit, parameter.canonical_unit)
    # A unit that names no basis is taken to be on the parameter's own basis (docs/indices.md).
    basis = parsed.basis or parameter.basis
    return in_mass_unit * basis_factor(parameter.code, basis, parameter.basis)


def from_canonical(value: float, unit_text: str, parameter: Parameter) -> float:
    """Express a canonical value in `unit_text` (the inverse of `to_canonical`)."""
    return value / to_canonical(1.0, unit_text, parameter)


def is_unit_valid(unit_text: str, parameter: Parameter) -> bool:
    """Whether a unit fits a parameter: a concentration for substances, blank for indices and classes."""
    if parameter.dimension is Dimension.MASS_CONCENTRATION:
        parsed = parse_concentration_unit(unit_text)
        if parsed is None:
            return False
        basis = parsed.basis or parameter.basis
        return basis == parameter.basis or ION_ELEMENT.get(parameter.code) == basis
    if parameter.dimension is Dimension.COUNT_PER_VOLUME:
        return unit_text.strip() in COUNT_UNITS
    if parameter.dimension is Dimension.PH:
        return unit_text.strip() in ("", "pH units")
    return unit_text.strip() in ("", "dimensionless", "-")
