"""The working of a computed question, stored language-neutrally and worded at display time.

At sync there is no learner and no language, so the computations (app.exercises.functions) store each
sentence as a message key and its arguments: `{"msg": "step.limit", "args": {"value": 0.001, ...}}`.
An argument is a number (shown with the learner's decimal separator), a string (codes, periods, values
as reported: never translated), a list (joined), `{"parameter": code}` (the parameter's name),
`{"wpi_class": label}` (a WPI class name) or another message. `render_working` turns it into text with
gettext in the learner's language; workings stored as plain English text before this format still show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.rivers.labels import WPI_CLASS_LABELS, parameter_name

NUMBER_FORMAT = "0.##########"
NONE_OPTION = "none"
NONE_OF_THESE = _l("None of these substances")
MESSAGES = {
    "stat.median": _l("median"),
    "stat.maximum": _l("maximum"),
    "none": _l("none"),
    "none_of_them": _l("none of them"),
    "formula.change_factor": _l("change factor = %(statistic)s(%(after)s) / %(statistic)s(%(before)s)"),
    "formula.max_multiple": _l("multiple = highest value in the period / limit (both in the limit's unit)"),
    "formula.months_over_limit": _l(
        "count the months with a value above the limit; a month without a row is not counted"
    ),
    "formula.wpi_class": _l("find the band of the class table that holds the WPI (Dnipro TMP, DNIPRO_TMP)"),
    "formula.exceeding_substances": _l("a substance exceeds when some value of the period is above its limit"),
    "formula.class_driver": _l("the water body's class is set by the substance with the worst class that month"),
    "step.statistic": _l("%(statistic)s of %(period)s (number of values: %(count)s) = %(value)s %(unit)s"),
    "step.division": _l("%(numerator)s / %(denominator)s = %(result)s"),
    "step.highest_value": _l("highest value: %(value)s %(unit)s in %(period)s"),
    "step.limit": _l("limit: %(value)s %(unit)s (%(standard)s)"),
    "step.months_above": _l("months above it: %(months)s"),
    "step.months_count": _l("months above the limit: %(months)s; values in %(period)s: %(values)s"),
    "step.wpi_lower": _l("WPI (lower end of the reported range) = %(value)s"),
    "step.wpi_upper": _l("WPI (upper end of the reported range) = %(value)s"),
    "step.wpi_band": _l("class %(number)s: %(lower)s < WPI ≤ %(upper)s"),
    "step.no_value": _l("%(name)s (%(code)s): no value in the period, so it cannot be shown to exceed"),
    "step.no_limit": _l("%(name)s (%(code)s): the chosen standard(s) give no value for it"),
    "step.over": _l("%(name)s (%(code)s): above %(value)s %(unit)s (%(standard)s) in %(periods)s"),
    "step.within": _l("%(name)s (%(code)s): every value at or below %(value)s %(unit)s (%(standard)s)"),
    "step.class_of": _l("%(name)s (%(code)s): class %(value)s"),
    "result.wpi_class": _l("class %(number)s (%(label)s)"),
}

#: SOURCES.md caveats, attached to a working whenever one of these sources is among its rows or limits
SOURCE_CAVEATS = {
    "AQM_KZH2024": _l(
        "The 2024 rows follow the same extraction as the 2025 bulletin rows; 2024 coverage is incomplete "
        "(only June and August-December), and 2024 classes use the pre-2025 scale."
    ),
    "AQM_KZH2025": _l(
        "Bulletin rows are each month's worst substance as a third party extracted them from the "
        "Kazhydromet bulletins: not means and not full panels. A missing month usually means the substance "
        "did not drive the class, not that the water was clean."
    ),
    "AQM_README": _l(
        "This limit is second-hand: a student project's list, partly Russian Federation fishery norms. "
        "Use it for practice, not as a compliance reference."
    ),
    "SIBECOLOG_NORMS": _l(
        "This limit comes from a Russian regional reproduction (reliability D), not a Kazakh legal text."
    ),
    "SCRIBD_9883": _l(
        "The EU value is that of Directive 98/83/EC, the predecessor of Directive (EU) 2020/2184 (the part of "
        "the recast that holds it could not be read). Comparing river water with a drinking-water value is a "
        "teaching comparison, not a legal assessment."
    ),
    "LEGGOVUK_9883": _l(
        "The EU value is that of Directive 98/83/EC, the predecessor of Directive (EU) 2020/2184. Comparing "
        "river water with a drinking-water value is a teaching comparison, not a legal assessment."
    ),
    "UNECE_2011": _l(
        "The WPI range is historical (1994-2004); Kazakhstan now classifies rivers with the Unified Classification."
    ),
    "KAZZAKON_ZHAIYK_2025": _l(
        "A single unplanned sampling day quoted by the press (reliability C), not a monthly series."
    ),
}


def message(key: str, **args: Any) -> dict[str, Any]:
    """A sentence of the working as stored: its key in MESSAGES and its arguments."""
    if key not in MESSAGES:
        raise KeyError(f"unknown working message {key!r}")
    return {"msg": key, "args": args}


def significant(value: float, digits: int = 6) -> float:
    """A float rounded to `digits` significant figures (what the working stores and shows)."""
    return float(f"{value:.{digits}g}")


def format_number(value: float) -> str:
    """A number with the current language's decimal separator, no grouping, no exponent."""
    return format_decimal(value, format=NUMBER_FORMAT, locale=get_locale() or "en")


def render(value: Any) -> str:
    """One stored sentence or argument as text in the current language (see the module docstring)."""
    if isinstance(value, bool) or value is None:
        return str(value or "")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(render(item) for item in value)
    if isinstance(value, Mapping):
        if "parameter" in value:
            return parameter_name(str(value["parameter"]))
        if "wpi_class" in value:
            label = str(value["wpi_class"])
            return str(WPI_CLASS_LABELS.get(label, label))
        template = MESSAGES.get(str(value.get("msg")))
        if template is None:
            return ""
        args = value.get("args") or {}
        return str(template) % {name: render(arg) for name, arg in args.items()} if args else str(template)
    return str(value)


def caveat_texts(codes: list[str]) -> list[str]:
    return [str(SOURCE_CAVEATS[code]) for code in codes if code in SOURCE_CAVEATS]


def render_working(working: Mapping[str, Any]) -> dict[str, Any]:
    """The working with its sentences worded in the current language, ready for exercises/_working.html."""
    shown = dict(working)
    for key in ("formula", "result"):
        if key in working:
            shown[key] = render(working[key])
    shown["steps"] = [render(step) for step in working.get("steps", [])]
    shown["caveats"] = caveat_texts(working.get("caveat_sources", [])) or list(working.get("caveats", []))
    return shown


def option_text(option: Mapping[str, Any]) -> str:
    """An option of a substance question: the trainer's own text as written, else the parameter's name
    ("copper (Cu)") or "None of these substances" in the current language."""
    if not option.get("named"):
        return str(option.get("text", ""))
    code = str(option.get("code", ""))
    return str(NONE_OF_THESE) if code == NONE_OPTION else f"{parameter_name(code)} ({code})"


def answer_text(resolved: Mapping[str, Any]) -> str:
    """The right answer of a numeric computed question as shown: the worded result, else the number."""
    result = (resolved.get("working") or {}).get("result")
    if result is None or isinstance(result, str):
        return str(resolved.get("display", resolved.get("value")))
    return render(result)
