"""Conditional GET for personal pages: the ETag is a hash of the page as sent, so a revisit answers 304.

A personal page's body holds everything that can differ between two views of it: the page's data, the
reader's name, language and navigation, and the session's CSRF token, which is the same for a whole
period (app.csrf_tokens), so an unchanged page hashes the same. Pages with a flash message pending are
never tagged (the message shows once, and a 304 would hide it).
"""

from __future__ import annotations

import hashlib

from flask import make_response, request
from werkzeug.wrappers import Response


def personal_response(html: str, *, flashing: bool) -> Response:
    """``html`` as a private page that browsers revalidate, or a 304 when theirs is the same."""
    if flashing:
        return make_response(html)
    etag = hashlib.blake2b(html.encode(), digest_size=16).hexdigest()
    # always revalidate: progress and sessions change
    headers = {"ETag": f'"{etag}"', "Cache-Control": "private, no-cache"}
    if etag in request.if_none_match:
        return Response(status=304, headers=headers)
    return Response(html, headers=headers, mimetype="text/html")
