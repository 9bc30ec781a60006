"""`flask --app app content validate|sync|export`: the course files and the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.content.export import export_tree
from app.content.files import validate_tree, write_tree
from app.content.sync import sync_folder
from app.db import db

DEFAULT_PATH = Path("courses")
content_group = AppGroup("content", help="Course files: validate, sync into the database, export.")


@content_group.command("validate")
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_PATH)
def validate(path: Path) -> None:
    """Check PATH (courses/ or one course folder); print every problem as file:line: message."""
    problems = validate_tree(path)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise SystemExit(1)
    click.echo(f"{path}: no problems found.")


@content_group.command("sync")
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_PATH)
@click.option("--skip-invalid", is_flag=True, help="Load the valid courses and report the invalid ones.")
def sync(path: Path, skip_invalid: bool) -> None:
    """Load PATH into the database in one transaction: upsert by slug, archive what disappeared."""
    report, invalid = sync_folder(db, path, skip_invalid=skip_invalid)
    db.commit()
    for line in [*invalid, *report.warnings]:
        click.echo(line, err=True)
    for line in report.lines:
        click.echo(line)
    if invalid and not skip_invalid:
        click.echo("Nothing was loaded: fix the problems above and sync again.", err=True)
        raise SystemExit(1)


@content_group.command("export")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_PATH)
@click.option("--replace", is_flag=True, help="Replace course folders that already exist.")
@click.option("--course", "slugs", multiple=True, help="Export only this course (repeatable).")
def export(directory: Path, replace: bool, slugs: tuple[str, ...]) -> None:
    """Write courses from the database to DIRECTORY/<slug>/."""
    tree = export_tree(db, list(slugs) or None)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        write_tree(tree, directory, replace=replace)
    except FileExistsError as error:
        raise click.ClickException(f"{error} (use --replace)") from error
    for course in tree.courses:
        click.echo(f"exported: {directory / course.slug}")
