"""The `computed` question kind, registered through the grading package's extension points.

A computed question names a computation and its inputs by code; its answer is calculated from the
river data when the quiz is synced (app.exercises.services) and stored under `resolved` in the
question's definition, so grading needs no database and the answer never reaches the browser before
submission: the learner view is an allowlist (option texts only). A number is graded like `numeric`
(tolerances, units, decimal comma), a set of substances like `multiple_choice`.

    - id: karabalta-factor
      kind: computed
      prompt: By what factor did the median sulphate value change from 2024 to 2025?
      compute: {function: change_factor, station: KZ-KARABALTA, parameter: SO4, before: 2024, after: 2025}
      relative_tolerance: 0.02
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises import functions, references
from app.exercises.working import answer_text, option_text, render_working
from app.quizzes.grading import (
    Outcome,
    QuestionDefinitionError,
    register_grader,
    register_public_view,
    register_validator,
)
from app.quizzes.grading.answers import register_answer_writer
from app.quizzes.grading.choice import grade_multiple_choice
from app.quizzes.grading.core import Question, presentation_order
from app.quizzes.grading.numeric import grade_numeric
from app.quizzes.grading.validation import check_number
from app.quizzes.services.review import WORKING_WRITERS

KIND = "computed"
RESOLVED = "resolved"
COMPUTED_KEYS = frozenset({"compute", "options", "tolerance", "relative_tolerance"})
OPTION_KEYS = frozenset({"code", "text", "feedback"})


def compute_spec(question: Question) -> dict[str, Any]:
    """The `compute` mapping with the question's option codes (what the computation reads)."""
    compute = question.get("compute")
    spec = dict(compute) if isinstance(compute, Mapping) else {}
    options = question.get("options")
    spec["options"] = list(options) if isinstance(options, list) else []
    return spec


def resolved_of(question: Question) -> Mapping[str, Any]:
    resolved = question.get(RESOLVED)
    if not isinstance(resolved, Mapping):
        raise QuestionDefinitionError(
            f"Question {question.get('id')!r} has not been computed from the river data yet; sync the course again."
        )
    return resolved


@register_grader(KIND)
def grade_computed(question: Question, response: object, seed: int) -> Outcome:
    """Grade against the answer stored at sync: as multiple choice for substances, else as numeric."""
    resolved = resolved_of(question)
    if resolved.get("answer_type") == functions.CHOICE:
        options = [{"text": option["text"], "correct": option["correct"]} for option in resolved["options"]]
        return grade_multiple_choice({"id": question.get("id"), "options": options}, response, seed)
    answer = {"value": resolved["value"]}
    answer |= {key: resolved[key] for key in ("tolerance", "relative_tolerance") if resolved.get(key)}
    numeric = {"id": question.get("id"), "kind": "numeric", "answers": [answer]}
    if resolved.get("unit"):
        numeric["unit"] = resolved["unit"]
    return grade_numeric(numeric, response, seed)


@register_public_view(KIND)
def public_computed(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    """Option texts (no correctness) for substance questions; nothing else before submission."""
    resolved = question.get(RESOLVED)
    if not isinstance(resolved, Mapping) or resolved.get("answer_type") != functions.CHOICE:
        return {}
    texts = [option_text(option) for option in resolved.get("options", [])]
    order = presentation_order(question, seed, len(texts), "options") if shuffle_options else range(len(texts))
    return {"options": [{"index": index, "text": texts[index]} for index in order]}


@register_answer_writer(KIND)
def computed_answer(question: Question) -> list[str]:
    resolved = question.get(RESOLVED)
    if not isinstance(resolved, Mapping):
        return []
    if resolved.get("answer_type") == functions.CHOICE:
        return [option_text(option) for option in resolved.get("options", []) if option.get("correct")]
    return [answer_text(resolved)]


def computed_working(definition: dict[str, Any]) -> Any:
    resolved = definition.get(RESOLVED)
    """The working worded in the learner's language (called when the result page is shown)."""
    working = resolved.get("working") if isinstance(resolved, Mapping) else None
    return render_working(working) if isinstance(working, Mapping) else None


WORKING_WRITERS[KIND] = computed_working


@register_validator(KIND, keys=COMPUTED_KEYS)
def validate_computed(question: Question) -> list[str]:
    """The computation is known and has its inputs, options fit it, and the data it names exists."""
    compute = question.get("compute")
    if not isinstance(compute, Mapping):
        return ["missing key 'compute' (a mapping with 'function' and its inputs)"]
    name = compute.get("function")
    if name not in functions.FUNCTIONS:
        return [f"unknown compute function {name!r}; use one of: {', '.join(sorted(functions.FUNCTIONS))}"]
    missing = [key for key in functions.REQUIRED_INPUTS[name] if key not in compute]
    problems = [f"compute function {name} needs '{key}'" for key in missing]
    problems += _option_problems(question, functions.ANSWER_TYPES[name] == functions.CHOICE)
    for key in ("tolerance", "relative_tolerance"):
        problems += check_number(question, key, "question", 0, 1e9)
    session = references.current_session()
    if problems or session is None:
        return problems
    return references.check_compute(session, compute_spec(question))


def _option_problems(question: Question, needs_options: bool) -> list[str]:
    options = question.get("options")
    if not needs_options:
        return ["'options' only goes with exceeding_substances or class_driver"] if options is not None else []
    if not isinstance(options, list) or len(options) < 2:
        return ["'options' must list at least 2 parameter codes (or 'none')"]
    problems = []
    for number, option in enumerate(options, start=1):
        if isinstance(option, Mapping):
            unknown = sorted(str(key) for key in option if key not in OPTION_KEYS)
            problems += [f"unknown key {key!r} in option {number}" for key in unknown]
            option = option.get("code")
        if not isinstance(option, str) or not option:
            problems.append(f"option {number}: give a parameter code such as SO4, or {{code: SO4, text: ...}}")
    codes = functions.option_codes(options)
    if len(set(codes)) != len(codes):
        problems.append("each option code may appear only once")
    return problems
