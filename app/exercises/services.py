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
from app.exercises.working import SOURCE_CAVEATS
from app.quizzes.sync import STORED_ONLY_KEYS, register_definition_resolver
from app.rivers.models import Parameter

#: how close a typed number must be when the question does not say (ratios: 1 %; counts, classes: exact)
DEFAULT_RELATIVE_TOLERANCE = {"change_factor": 0.01, "max_multiple": 0.01}
NONE_TEXT = "None of these substances"  # stored English; shown through option_text()


def _caveat_sources(working: dict[str, Any]) -> list[str]:
    """The sources of the working's rows and limits that carry a caveat (worded at display time)."""
    rows = working.get("rows", []) + working.get("limits", [])
    codes = {code for row in rows for code in str(row.get("sources", "")).split(";") if code}
    return [code for code in sorted(codes) if code in SOURCE_CAVEATS]


def _option_texts(session: Session, options: list[Any]) -> list[tuple[str, str, bool]]:
    """(code, text, named) per option: the text written in the file, else (named) the parameter's name and
    code, stored in English and worded in the learner's language by `computed.option_text`."""
    codes = functions.option_codes(options)
    names = dict(session.execute(select(Parameter.code, Parameter.name).where(Parameter.code.in_(codes))).all())
    texts = []
    for code, option in zip(codes, options, strict=True):
        written = option.get("text") if isinstance(option, dict) else None
        default = NONE_TEXT if code == functions.NONE_OPTION else f"{names.get(code, code)} ({code})"
        texts.append((code, written or default, not written))
    return texts


def compute_answer(session: Session, definition: dict[str, Any]) -> dict[str, Any]:
    """The `resolved` value of a computed question: answer, tolerance or options, and the full working."""
    spec = compute_spec(definition)
    result = functions.run(session, spec)
    working = dict(result.working)
    working["sources"] = data.cited_sources(session, working.get("rows", []) + working.get("limits", []))
    working["caveat_sources"] = _caveat_sources(working)
    resolved: dict[str, Any] = {"answer_type": result.answer_type, "function": spec["function"], "working": working}
    if result.answer_type == functions.CHOICE:
        resolved["options"] = [
            {"code": code, "text": text, "correct": code in result.correct, "named": named}
            for code, text, named in _option_texts(session, spec["options"])
        ]
        return resolved
    value = float(f"{result.value:.6g}")
    resolved |= {"value": value, "display": f"{value:g}"}
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
