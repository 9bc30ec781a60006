"""Concentration units as chemists type them, and conversion between them.

Canonical spellings are lower-case with the micro sign (U+00B5): ``g/l``, ``mg/l``, ``µg/l`` and
``ng/l``. Aliases are matched ignoring case, spaces and the separator, so ``mg/L``, ``mg l-1``,
``мг/дм3``, ``mg/dm³``, ``ug/l``, ``μg/l`` (Greek mu), ``mkg/l``, ``мкг/л`` and ``нг/л`` all resolve.
Per-cubic-metre units map onto their per-litre equal (``g/m3`` is ``mg/l``, ``mg/m3`` is ``µg/l``).

A unit that states its basis (``mg N/L``, ``mg/l O2``) is a different quantity: converting nitrate
"as N" to nitrate needs a molar-mass factor, so ``canonical_unit`` refuses it and ``parse_unit``
reports the basis separately. The public API (``canonical_unit``, ``convert_concentration``,
``parse_unit``, ``UnitSpec`` and the ``*_PER_L`` constants) is imported by other features: keep it stable.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

GRAMS_PER_L = "g/l"
MILLIGRAMS_PER_L = "mg/l"
MICROGRAMS_PER_L = "µg/l"
NANOGRAMS_PER_L = "ng/l"

# Power of ten of each canonical unit in grams per litre; integers keep conversions exact.
_EXPONENT = {GRAMS_PER_L: 0, MILLIGRAMS_PER_L: -3, MICROGRAMS_PER_L: -6, NANOGRAMS_PER_L: -9}

_MASS_PREFIXES = {
    0: ("g", "г", "гр"),
    -3: ("mg", "мг"),
    -6: ("ug", "mkg", "mcg", "мкг"),
    -9: ("ng", "нг"),
}
_VOLUMES = {
    0: ("l", "л", "dm3", "дм3", "litre", "liter", "литр"),
    -3: ("m3", "м3"),
}
_SUPERSCRIPTS = str.maketrans({"³": "3", "⁻": "-", "¹": "1", "−": "-"})
_BASIS_PATTERN = re.compile(r"^(?P<mass>\S+)\s+(?P<basis>[A-Za-z][A-Za-z0-9]*)\s*/\s*(?P<volume>\S+)$")
_TRAILING_BASIS = re.compile(r"^(?P<unit>.+?)\s+(?P<basis>[A-Za-z][A-Za-z0-9]*)$")


@dataclass(frozen=True)
class UnitSpec:
    """A recognised concentration unit and, when stated, its basis ("N", "O2", "P")."""

    canonical: str
    basis: str | None = None


def _build_aliases() -> dict[str, str]:
    """Every accepted spelling (already squeezed by ``_squeeze``) mapped to its canonical unit."""
    by_exponent = {exponent: unit for unit, exponent in _EXPONENT.items()}
    aliases: dict[str, str] = {}
    for mass_exponent, masses in _MASS_PREFIXES.items():
        for volume_exponent, volumes in _VOLUMES.items():
            canonical = by_exponent.get(mass_exponent + volume_exponent)
            if canonical is None:
                continue
            for mass in masses:
                for volume in volumes:
                    for spelling in (f"{mass}/{volume}", f"{mass}{volume}-1", f"{mass}{volume}^-1"):
                        aliases[spelling] = canonical
    return aliases


def _squeeze(text: str) -> str:
    """Lower-case, drop spaces and multiplication dots, fold micro signs and superscripts."""
    folded = text.translate(_SUPERSCRIPTS).lower().replace("µ", "u").replace("μ", "u")
    return re.sub(r"[\s·⋅*.]", "", folded)


_ALIASES = _build_aliases()


@lru_cache(maxsize=1024)  # grading asks for the same few spellings over and over
def canonical_unit(text: str) -> str | None:
    """Return the canonical spelling of a concentration unit, or None if it is not one."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    return _ALIASES.get(_squeeze(text))


def parse_unit(text: str) -> UnitSpec | None:
    """Recognise a unit that may name its basis ("mg N/L", "mg/l O2"); None if unknown."""
    plain = canonical_unit(text)
    if plain is not None:
        return UnitSpec(plain)
    if not isinstance(text, str) or len(text) > 40:
        return None
    stripped = text.strip()
    inner = _BASIS_PATTERN.match(stripped)
    if inner is not None:
        unit = canonical_unit(f"{inner['mass']}/{inner['volume']}")
        return UnitSpec(unit, inner["basis"]) if unit else None
    trailing = _TRAILING_BASIS.match(stripped)
    if trailing is not None:
        unit = canonical_unit(trailing["unit"])
        return UnitSpec(unit, trailing["basis"]) if unit else None
    return None


def convert_concentration(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a concentration between units; raises ValueError for an unknown unit."""
    source = _require_unit(from_unit)
    target = _require_unit(to_unit)
    shift = _EXPONENT[source] - _EXPONENT[target]
    if shift == 0:
        return float(value)
    # Decimal arithmetic so that 0.07 mg/l becomes 70 µg/l, not 70.00000000000001.
    return float(Decimal(repr(float(value))).scaleb(shift))


def _require_unit(text: str) -> str:
    """Canonical unit for ``text`` or a ValueError naming the accepted spellings."""
    unit = canonical_unit(text)
    if unit is None:
        known = ", ".join(_EXPONENT)
        raise ValueError(f"Unknown concentration unit {text!r}; use one of {known}.")
    return unit
