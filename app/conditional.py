"""Conditional GET for personal pages: the ETag is a hash of the page as sent, so a revisit answers 304.

A personal page's body holds everything that can differ between two views of it: the page's data, the
reader's name, language and navigation, and the session's CSRF token, which is the same for a whole
period (app.csrf_tokens), so an unchanged page hashes the same. Pages with a flash message pending are
never tagged (the message shows once, and a 304 would hide it).
"""

from __future__ import annotations

import hashlib

from flask import make_response, request
from werkzeug.datastructures import ETags
from werkzeug.wrappers import Response


def personal_response(html: str, *, flashing: bool) -> Response:
    """``html`` as a private page that browsers revalidate, or a 304 when theirs is the same."""
    if flashing:
        return make_response(html)
    status, headers, body = personal_page(html, request.if_none_match)
    return Response(body, status=status, headers=headers, mimetype="text/html" if body else None)


def personal_page(html: str, if_none_match: ETags) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, validation headers and body of ``html`` as a private page that browsers revalidate."""
    body = html.encode()
    etag = hashlib.blake2b(body, digest_size=16).hexdigest()
    headers = [("ETag", f'"{etag}"'), ("Cache-Control", "private, no-cache")]  # progress and sessions change
    if etag in if_none_match:
        return 304, headers, b""
    return 200, headers, body
