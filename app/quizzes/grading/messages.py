"""Learner-facing messages of the grading package: translatable, without Flask.

A message is written as ``_("Give the unit (for example %(unit)s).", unit=unit)``. Here ``_`` does not
translate: it builds a ``Message``, a ``str`` whose value is the English text (so graders, tests and
other features can treat it as plain text) and which also keeps its ``msgid`` and ``params``. The
catalogue extractor sees the ``_(...)`` calls, so the msgids land in the quizzes catalogue
(``app/quizzes/translations``) like any other string of the area.

Translation happens outside the package, in two ways:

* the quizzes service stores feedback lines with ``to_stored`` (``{"msgid": ..., "params": ...}`` for a
  ``Message``, the text itself for author feedback), and the review translates them into the language
  of whoever reads the page, even if they switched language after submitting;
* ``set_translator(gettext)`` installs a hook (the quizzes services do it on import) that
  ``translate`` and ``str(GradingInputError)`` use, so an error shown right away is in the reader's
  language. Without a hook the text stays English, so the package imports and runs without Flask.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Translator = Callable[[str], str]

_translator: list[Translator] = []


class Message(str):
    """English text of a message, carrying its ``msgid`` and ``params`` for translation later."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Message:
        message = super().__new__(cls, msgid % params if params else msgid)
        message.msgid, message.params = msgid, params
        return message

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid: str, params: dict[str, Any]) -> Message:
    return Message(msgid, **params)


def _(msgid: str, **params: Any) -> Message:
    """Mark ``msgid`` for the catalogue and keep it untranslated (see the module docstring)."""
    return Message(msgid, **params)


def set_translator(translator: Translator | None) -> None:
    """Install ``translator(msgid) -> text`` (for example ``flask_babel.gettext``); None removes it."""
    _translator.clear()
    if translator is not None:
        _translator.append(translator)


def render(msgid: str, params: dict[str, Any] | None = None, translator: Translator | None = None) -> str:
    """``msgid`` translated with ``translator`` (or the installed hook) and filled with ``params``."""
    translate_text = translator or (_translator[0] if _translator else None)
    text = translate_text(msgid) if translate_text is not None else msgid
    if not params:
        return text
    try:
        return text % params
    except (KeyError, TypeError, ValueError):  # a broken translation must not hide the message
        return msgid % params


def translate(line: object, translator: Translator | None = None) -> str:
    """A ``Message`` in the reader's language; any other text unchanged."""
    if isinstance(line, Message):
        return render(line.msgid, line.params, translator)
    return str(line)


def to_stored(line: str) -> str | dict[str, Any]:
    """A feedback line as JSON: ``Message`` keeps its id and parameters, other text is kept as is."""
    if isinstance(line, Message):
        return {"msgid": line.msgid, "params": dict(line.params)}
    return str(line)


def from_stored(entry: object, translator: Translator | None = None) -> str:
    """A stored feedback line back to text in the reader's language (see ``to_stored``)."""
    if isinstance(entry, dict) and isinstance(entry.get("msgid"), str):
        params = entry.get("params")
        return render(entry["msgid"], params if isinstance(params, dict) else None, translator)
    return str(entry) if entry is not None else ""
