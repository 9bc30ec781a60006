"""Command-line actions: ``flask --app app users|db|demo ...``; they call the same services as views."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup

from app import demo
from app.auth import services as auth_services
from app.auth.models import Role
from app.content.cli import content_group
from app.db import db
from app.errors import DomainError
from app.i18n import update_catalogues
from app.reports.cli import scale_command
from app.rivers.cli import rivers_group

MIGRATIONS_PATH = Path(__file__).resolve().parent.parent / "migrations"

users_group = AppGroup("users", help="Manage accounts.")
db_group = AppGroup("db", help="Database migrations (Alembic).")
demo_group = AppGroup("demo", help="Demo data.")
i18n_group = AppGroup("i18n", help="Translation catalogues.")
demo_group.add_command(scale_command)  # reports: `demo scale`, the synthetic benchmark dataset
#: course files (validate, sync, export); the commands live in app/content/cli.py
CONTENT_GROUP = content_group
RIVERS_GROUP = rivers_group


@i18n_group.command("update")
@click.argument("area", required=False)
def update_translations(area: str | None) -> None:
    """Extract UI strings of AREA (a feature package; none: the shared catalogue) into its ru/kk catalogues."""
    for language, messages in update_catalogues(area).items():
        click.echo(f"{language}: {len(messages)} untranslated")
        for message in messages:
            click.echo(f"  {message!r}")


def alembic_config(database_url: str) -> Config:
    """Alembic configuration for ``database_url``, usable from any working directory."""
    config = Config(str(MIGRATIONS_PATH / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_PATH))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@users_group.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True)
@click.password_option(help="Asked for when not given.")
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account, or give an existing account the admin role."""
    user = auth_services.get_user_by_email(db, email)
    try:
        if user is None:
            user = auth_services.create_user(db, email=email, name=name, password=password, roles=[Role.ADMIN])
        else:
            auth_services.set_roles(db, actor=None, user=user, roles=user.roles | {Role.ADMIN})
    except DomainError as error:
        raise click.ClickException(error.message) from error
    db.commit()
    click.echo(f"{user.email} is an administrator.")


@db_group.command("upgrade")
@click.argument("revision", default="heads")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: every branch head)."""
    command.upgrade(alembic_config(current_app.config["DATABASE_URL"]), revision)


@db_group.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Revert migrations down to REVISION."""
    command.downgrade(alembic_config(current_app.config["DATABASE_URL"]), revision)


@db_group.command("current")
def current() -> None:
    """Show the revision the database is at."""
    command.current(alembic_config(current_app.config["DATABASE_URL"]))


@demo_group.command("load")
def load() -> None:
    """Create demo accounts (safe to run twice)."""
    summary = demo.load_demo_data(db)
    db.commit()
    for line in summary:
        click.echo(line)


@demo_group.command("load-if-empty")
def load_if_empty() -> None:
    """Load demo data only into a database that has no accounts yet (what ``make run`` does)."""
    if demo.database_has_users(db):
        click.echo("Database has accounts; demo data not loaded.")
        return
    for line in demo.load_demo_data(db):
        click.echo(line)
    db.commit()
