"""``public_view``: a question as it may be sent to a learner before submission."""

from collections.abc import Mapping
from typing import Any

from .core import PUBLIC_VIEWS, Question, QuestionDefinitionError, points_of


def public_view(question: Question, seed: int = 0, *, shuffle_options: bool = False) -> dict[str, Any]:
    """The learner-safe keys of a question: an allowlist, so a new secret key can never leak."""
    if not isinstance(question, Mapping):
        raise QuestionDefinitionError("A question must be a mapping of keys to values.")
    view: dict[str, Any] = {key: question[key] for key in ("id", "kind", "prompt") if key in question}
    view["points"] = points_of(question)
    builder = PUBLIC_VIEWS.get(question.get("kind"))  # type: ignore[arg-type]
    if builder is not None:
        view.update(builder(question, seed, shuffle_options))
    return view
