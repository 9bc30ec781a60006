"""Translated labels for the fixed English texts that app.rivers.indices returns (reasons, class names)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
