"""The main navigation, rendered once per (language, role set) instead of on every page.

Its links depend only on the reader's language, whether they are signed in and which roles they hold,
so ``base.html`` wraps it in ``{% call main_nav() %}``. The rendered HTML is kept per app in this
process (derived from templates and catalogues, never state another process needs); the key space is
small and bounded: three languages times the role sets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup


def navigation_key() -> tuple[object, ...]:
    """Everything the navigation's links may depend on."""
    return navigation_key_for(str(get_locale()), current_user._get_current_object(), request.script_root)


def navigation_key_for(language: str, user: Any, script_root: str) -> tuple[object, ...]:
    roles = tuple(sorted(user.roles)) if user.is_authenticated else None
    return language, roles, script_root


def cached_navigation(caller: Callable[[], Markup]) -> Markup:
    """The body of ``{% call main_nav() %}``, rendered the first time its key is seen."""
    rendered: dict[tuple[object, ...], Markup] = current_app.extensions.setdefault("navigation", {})
    key = navigation_key()
    html = rendered.get(key)
    if html is None:
        html = rendered[key] = caller()  # a Jinja caller returns Markup in autoescaped templates
    return html
