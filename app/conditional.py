"""Conditional GET for personal pages: an ETag from everything the page shows, so a revisit answers 304.

A signed-in page depends on the page's own data plus the reader (account, session token, name, roles,
language), the address, the session's CSRF token and its age and the deployed templates and catalogues; all of them go
into the tag. Pages with a pending flash message are never answered with 304 (the message must show).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from app.i18n import translation_directories


def deployment_fingerprint(app: Flask) -> str:
    """Templates and catalogues as deployed: the same in every process of one release."""
    digest = hashlib.blake2b(digest_size=8)
    folders = [Path(app.root_path, app.template_folder or "templates"), *translation_directories()]
    for path in sorted(file for folder in folders for file in folder.rglob("*") if file.is_file()):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def personal_etag(*page_parts: object) -> str | None:
    """The tag of a signed-in page showing ``page_parts``; None when the page must not be revalidated."""
    if "_flashes" in session:
        return None
    user = current_user._get_current_object()
    limit = current_app.config.get("WTF_CSRF_TIME_LIMIT")  # a cached form's token must still be valid
    generate_csrf()  # makes the session's CSRF secret exist before the tag is taken, as rendering would
    token = (session.get("csrf_token"), int(time.time() // max(limit // 2, 1)) if limit else None)
    fingerprint = current_app.extensions.get("deployment_fingerprint")
    if fingerprint is None:
        fingerprint = current_app.extensions["deployment_fingerprint"] = deployment_fingerprint(current_app)
    reader = (user.get_id(), user.name, sorted(user.roles), str(get_locale()), request.full_path, token)
    return hashlib.blake2b(repr((fingerprint, reader, page_parts)).encode(), digest_size=16).hexdigest()
