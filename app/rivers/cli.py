"""``flask --app app rivers import [DIR]``: validate every river data file, then import all or nothing."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.db import db
from app.rivers import csvdata
from app.rivers.services import DataInvalid, format_error, import_dataset

rivers_group = AppGroup("rivers", help="River data: stations, measurements, standards.")


@rivers_group.command("import")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def import_data(directory: Path | None) -> None:
    """Check every row of DIR (default: app/rivers/data) and import it in one transaction.

    On any problem, every problem is listed as file:row:column: message and nothing is written.
    """
    data_dir = directory or csvdata.DATA_DIR
    try:
        dataset = csvdata.load_dataset(data_dir)
    except OSError as error:
        raise click.ClickException(f"cannot read the river data in {data_dir}: {error}") from error
    try:
        summary = import_dataset(db, dataset)
    except DataInvalid as error:
        db.rollback()
        for problem in error.errors:
            click.echo(format_error(problem), err=True)
        click.echo(error.message, err=True)
        raise SystemExit(1) from error
    db.commit()
    for line in summary.lines():
        click.echo(line)
    click.echo(f"{summary.changes} changes.")
