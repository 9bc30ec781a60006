"""Demo river data: the real data shipped in app/rivers/data/, imported like `rivers import` does."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.rivers.csvdata import load_dataset
from app.rivers.services import import_dataset


def load_demo_rivers(session: Session) -> list[str]:
    """Import the shipped river data (idempotent: a second run changes nothing)."""
    summary = import_dataset(session, load_dataset())
    return [f"river data imported: {summary.changes} changes"]
