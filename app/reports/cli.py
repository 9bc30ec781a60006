"""``flask --app app demo scale``: the synthetic dataset the reports benchmark runs on."""

from __future__ import annotations

import time

import click

from app.db import db
from app.reports.scale import generate_scale


@click.command("scale")
@click.option("--events", default=500, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--people", default=20_000, show_default=True, type=click.IntRange(10, 5_000_000))
@click.option("--attendance", default=100_000, show_default=True, type=click.IntRange(0, 50_000_000))
@click.option("--seed", default=1, show_default=True, type=int, help="The same seed builds the same data.")
def scale_command(events: int, people: int, attendance: int, seed: int) -> None:
    """Add a large, obviously synthetic set of events, people, registrations and attendance marks."""
    started = time.perf_counter()
    summary = generate_scale(db, events=events, people=people, attendance=attendance, seed=seed)
    db.commit()
    click.echo(
        f"{summary.organisations} organisations, {summary.people} people, {summary.events} events, "
        f"{summary.sessions} sessions, {summary.registrations} registrations, {summary.attendances} attendance "
        f"marks in {time.perf_counter() - started:.1f} s"
    )
