"""Translated labels for the fixed English texts of app.rivers: parameter names (chemistry.PARAMETERS, which
the import stores in English) and the reasons and class names that app.rivers.indices returns.

Codes (Cu, SO4, BOD5) are never translated; only the names beside them are.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.rivers.chemistry import CLASS_PREFIX

#: one entry per app.rivers.chemistry.PARAMETERS code, same English text (tests/rivers/test_labels.py)
PARAMETER_NAMES = {
    "Cu": _l("copper"),
    "Zn": _l("zinc"),
    "Cd": _l("cadmium"),
    "Pb": _l("lead"),
    "Hg": _l("mercury"),
    "Fe": _l("iron (total)"),
    "Mn": _l("manganese"),
    "Al": _l("aluminium"),
    "Ni": _l("nickel"),
    "Cr": _l("chromium"),
    "As": _l("arsenic"),
    "Sb": _l("antimony"),
    "Se": _l("selenium"),
    "B": _l("boron"),
    "SO4": _l("sulphate"),
    "Cl": _l("chloride"),
    "Na": _l("sodium"),
    "F": _l("fluoride"),
    "NO3": _l("nitrate (as NO3-)"),
    "NO2": _l("nitrite (as NO2-)"),
    "NH4": _l("ammonium (as NH4+)"),
    "PO4": _l("phosphate (as PO4)"),
    "P_total": _l("total phosphorus (as P)"),
    "N_total": _l("total nitrogen (as N)"),
    "oil_products": _l("oil products"),
    "phenols": _l("volatile phenols"),
    "mineralization": _l("total dissolved solids"),
    "COD": _l("chemical oxygen demand (mg O2/L)"),
    "BOD5": _l("biochemical oxygen demand, 5 days (mg O2/L)"),
    "BOD_full": _l("biochemical oxygen demand, full (mg O2/L)"),
    "DO": _l("dissolved oxygen"),
    "suspended_solids": _l("suspended solids"),
    "E_coli": _l("Escherichia coli"),
    "enterococci": _l("intestinal enterococci"),
    "pH": _l("hydrogen ion concentration"),
    "WPI": _l("water pollution index (ИЗВ)"),
    "class": _l("water-body class as stated by the source"),
    "pollution_level": _l("press pollution category"),
}
WPI_REASONS = {
    "always included; minimum norm / C": _l("always included; minimum norm / C"),
    "always included; C / limit": _l("always included; C / limit"),
    "among the four largest C/MAC": _l("among the four largest C/MAC"),
    "smaller C/MAC than the four that entered": _l("smaller C/MAC than the four that entered"),
    "below detection, excluded": _l("below detection, excluded"),
}
WPI_CLASS_LABELS = {
    "Very pure": _l("Very pure"),
    "Pure": _l("Pure"),
    "Moderately contaminated (moderately polluted)": _l("Moderately contaminated (moderately polluted)"),
    "Contaminated (polluted)": _l("Contaminated (polluted)"),
    "Dirty": _l("Dirty"),
    "Very dirty": _l("Very dirty"),
    "Extremely dirty": _l("Extremely dirty"),
}


def parameter_name(code: str, fallback: str = "") -> str:
    """A parameter's name in the current language; `class_<code>` names the substance's class.

    `fallback` (the stored English name) serves a code that no table knows; the code itself if empty."""
    if code.startswith(CLASS_PREFIX) and code.removeprefix(CLASS_PREFIX) in PARAMETER_NAMES:
        return _("class reported for %(substance)s", substance=parameter_name(code.removeprefix(CLASS_PREFIX)))
    name = PARAMETER_NAMES.get(code)
    return str(name) if name is not None else fallback or code


def parameter_choice_label(code: str) -> LazyString:
    """ "copper (Cu)" in the language of the page that shows it (for module-level select choices)."""
    return LazyString(lambda: f"{parameter_name(code)} ({code})")


def capitalized(text: str) -> str:
    """First letter upper case, the rest untouched ("pH", "Escherichia coli" keep their case)."""
    return text[:1].upper() + text[1:]
