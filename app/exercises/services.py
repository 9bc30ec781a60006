"""Case exercises: compute a `computed` question's answer and working from the river data at sync time.

Plugged into quiz sync (and the browser question editor) through
`app.quizzes.sync.register_definition_resolver`; the result is stored under `resolved` in the
question's definition, a key that exports and the YAML editor leave out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exercises import data, functions
from app.exercises.computed import KIND, RESOLVED, compute_spec
from app.exercises.data import ComputationError
from app.quizzes.sync import STORED_ONLY_KEYS, register_definition_resolver
from app.rivers.models import Parameter

#: how close a typed number must be when the question does not say (ratios: 1 %; counts, classes: exact)
DEFAULT_RELATIVE_TOLERANCE = {"change_factor": 0.01, "max_multiple": 0.01}
NONE_TEXT = "None of these substances"

#: SOURCES.md caveats, attached to a working whenever one of these sources is among its rows or limits
SOURCE_CAVEATS = {
    "AQM_KZH2025": (
        "Bulletin rows are each month's worst substance as a third party extracted them from the "
        "Kazhydromet bulletins: not means and not full panels. A missing month usually means the substance "
        "did not drive the class, not that the water was clean."
    ),
    "AQM_README": (
        "This limit is second-hand: a student project's list, partly Russian Federation fishery norms. "
        "Use it for practice, not as a compliance reference."
    ),
    "SIBECOLOG_NORMS": (
        "This limit comes from a Russian regional reproduction (reliability D), not a Kazakh legal text."
    ),
    "SCRIBD_9883": (
        "The EU value is that of Directive 98/83/EC, the predecessor of Directive (EU) 2020/2184 (the part of "
        "the recast that holds it could not be read). Comparing river water with a drinking-water value is a "
        "teaching comparison, not a legal assessment."
    ),
    "LEGGOVUK_9883": (
        "The EU value is that of Directive 98/83/EC, the predecessor of Directive (EU) 2020/2184. Comparing "
        "river water with a drinking-water value is a teaching comparison, not a legal assessment."
    ),
    "UNECE_2011": (
        "The WPI range is historical (1994-2004); Kazakhstan now classifies rivers with the Unified Classification."
    ),
    "KAZZAKON_ZHAIYK_2025": (
        "A single unplanned sampling day quoted by the press (reliability C), not a monthly series."
    ),
}
SOURCE_CAVEATS["AQM_KZH2024"] = (
    "The 2024 rows follow the same extraction; 2024 coverage is incomplete (only June and August-December), "
    "and 2024 classes use the pre-2025 scale."
)


def _caveats(working: dict[str, Any]) -> list[str]:
    rows = working.get("rows", []) + working.get("limits", [])
    codes = {code for row in rows for code in str(row.get("sources", "")).split(";") if code}
    return [SOURCE_CAVEATS[code] for code in sorted(codes) if code in SOURCE_CAVEATS]


def _option_texts(session: Session, options: list[Any]) -> list[tuple[str, str]]:
    """(code, text) per option: the text written in the file, else the parameter's name and code."""
    codes = functions.option_codes(options)
    names = dict(session.execute(select(Parameter.code, Parameter.name).where(Parameter.code.in_(codes))).all())
    texts = []
    for code, option in zip(codes, options, strict=True):
        written = option.get("text") if isinstance(option, dict) else None
        default = NONE_TEXT if code == functions.NONE_OPTION else f"{names.get(code, code)} ({code})"
        texts.append((code, written or default))
    return texts


def compute_answer(session: Session, definition: dict[str, Any]) -> dict[str, Any]:
    """The `resolved` value of a computed question: answer, tolerance or options, and the full working."""
    spec = compute_spec(definition)
    result = functions.run(session, spec)
    working = dict(result.working)
    working["sources"] = data.cited_sources(session, working.get("rows", []) + working.get("limits", []))
    working["caveats"] = _caveats(working)
    resolved: dict[str, Any] = {"answer_type": result.answer_type, "function": spec["function"], "working": working}
    if result.answer_type == functions.CHOICE:
        resolved["options"] = [
            {"code": code, "text": text, "correct": code in result.correct}
            for code, text in _option_texts(session, spec["options"])
        ]
        return resolved
    value = float(f"{result.value:.6g}")
    resolved |= {"value": value, "display": working.get("result", f"{value:g}")}
    relative = definition.get("relative_tolerance", DEFAULT_RELATIVE_TOLERANCE.get(spec["function"], 0))
    resolved |= {"tolerance": definition.get("tolerance", 0), "relative_tolerance": relative}
    return resolved


@register_definition_resolver
def resolve_definition(session: Session, definition: dict[str, Any]) -> dict[str, Any]:
    """A computed question's definition with its answer from the data; other kinds unchanged."""
    if definition.get("kind") != KIND:
        return definition
    try:
        resolved = compute_answer(session, definition)
    except ComputationError as error:
        raise ComputationError(f"question {definition.get('id')!r}: {error.message}") from error
    return {**definition, RESOLVED: resolved}


STORED_ONLY_KEYS.add(RESOLVED)
