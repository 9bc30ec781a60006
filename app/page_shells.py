"""Pages rendered once for everyone who sees them alike, then filled in for each reader.

Two signed-in readers with the same language and roles see the same lesson page except for their name
in the header and the session's CSRF token in its forms. ``render_shared`` renders the template once
per key with placeholders for those two, keeps the HTML in this process, and fills in the reader's values
on every view: a string replacement instead of a template render. The key must hold everything the page
shows besides the reader (the caller passes its page data, a hashable value). Pages with a flash message
pending render normally, since the message shows once. Used by the lesson page, the busiest page.
"""

from __future__ import annotations

import secrets
from collections.abc import Hashable
from typing import Any

from flask import Flask, current_app, render_template, request, session
from flask_login import current_user
from markupsafe import escape

from app.bounded import keep
from app.csrf_tokens import csrf_token
from app.navigation import navigation_key

#: unguessable per process, so no lesson text can contain it
_SLOT = f"wa-slot-{secrets.token_hex(12)}"
NAME_SLOT = f"{_SLOT}-name"
CSRF_SLOT = f"{_SLOT}-csrf"
#: about 20 kB each: a few hundred lessons x languages x role sets and states stay under a few tens of MB
MAX_SHELLS = 2000


class _ShellReader:
    """The reader as the template sees it while the shell renders: their name is a placeholder."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    name = NAME_SLOT

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._reader, attribute)


def render_shared(template: str, page_key: Hashable, **context: Any) -> str:
    """``template`` rendered with ``context`` for the current reader, from the shell kept for ``page_key``."""
    if "_flashes" in session:
        return render_template(template, **context)
    reader = current_user._get_current_object()
    key = shell_key(template, page_key, navigation_key(), request.full_path)
    shell = kept_shell(current_app, key)
    if shell is None:
        shell = render_template(template, current_user=_ShellReader(reader), csrf_token=lambda: CSRF_SLOT, **context)
        keep(current_app.extensions.setdefault("page_shells", {}), key, shell, MAX_SHELLS)
    return fill_shell(shell, reader, csrf_token())


def shell_key(template: str, page_key: Hashable, navigation: Hashable, full_path: str) -> Hashable:
    # language, role set and script root: what the navigation depends on, and all the rest of the page does
    return template, page_key, navigation, full_path


def kept_shell(app: Flask, key: Hashable) -> str | None:
    return app.extensions.get("page_shells", {}).get(key)


def fill_shell(shell: str, reader: Any, token: str) -> str:
    """The kept page with this reader's name and CSRF token in their places."""
    name = escape(reader.name) if reader.is_authenticated else ""
    return shell.replace(CSRF_SLOT, escape(token)).replace(NAME_SLOT, name)
