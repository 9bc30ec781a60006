"""events sessions registrations attendance

Revision ID: 0004events
Revises: 0001
Create Date: 2026-11-27 16:34:30.171277+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0004events"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("workshop", "training", "study_tour", "webinar", "conference", name="eventkind", native_enum=False),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=120), nullable=True),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("organisers", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source_reference", sa.String(length=300), nullable=True),
        sa.Column("is_open_for_registration", sa.Boolean(), nullable=False),
        sa.Column("requires_approval", sa.Boolean(), nullable=False),
        sa.Column("points_present", sa.Integer(), nullable=False),
        sa.Column("points_late", sa.Integer(), nullable=False),
        sa.Column("points_excused", sa.Integer(), nullable=False),
        sa.Column("points_absent", sa.Integer(), nullable=False),
        sa.Column("certificate_percent", sa.Integer(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("certificate_percent BETWEEN 0 AND 100", name=op.f("ck_events_certificate_percent_range")),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_events_dates_in_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_starts_on"), ["starts_on"], unique=False)

    op.create_table(
        "event_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_sessions_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_sessions")),
    )
    with op.batch_alter_table("event_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_sessions_event_id"), ["event_id"], unique=False)

    op.create_table(
        "attendances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("present", "late", "excused", "absent", name="attendancestatus", native_enum=False),
            nullable=False,
        ),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_attendances_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_attendances_recorded_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["event_sessions.id"],
            name=op.f("fk_attendances_session_id_event_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendances")),
        sa.UniqueConstraint("session_id", "person_id", name=op.f("uq_attendances_session_id_person_id")),
    )
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendances_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendances_recorded_by_id"), ["recorded_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendances_session_id"), ["session_id"], unique=False)

    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sessions_attended", sa.Integer(), nullable=False),
        sa.Column("sessions_total", sa.Integer(), nullable=False),
        sa.Column("contact_minutes", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=5), server_default="en", nullable=False),
        sa.Column("issued_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_certificates_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["users.id"], name=op.f("fk_certificates_issued_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_certificates_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
        sa.UniqueConstraint("code", name=op.f("uq_certificates_code")),
    )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificates_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificates_issued_by_id"), ["issued_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificates_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("merged_by_id", sa.Integer(), nullable=True),
        sa.Column("merged_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("moved_registration_ids", sa.JSON(), nullable=False),
        sa.Column("moved_attendance_ids", sa.JSON(), nullable=False),
        sa.Column("moved_certificate_ids", sa.JSON(), nullable=False),
        sa.Column("moved_user_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["kept_id"], ["people.id"], name=op.f("fk_person_merges_kept_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["merged_by_id"], ["users.id"], name=op.f("fk_person_merges_merged_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["merged_id"], ["people.id"], name=op.f("fk_person_merges_merged_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["moved_user_id"], ["users.id"], name=op.f("fk_person_merges_moved_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_merges")),
    )
    with op.batch_alter_table("person_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_merges_kept_id"), ["kept_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merges_merged_by_id"), ["merged_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merges_merged_id"), ["merged_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merges_moved_user_id"), ["moved_user_id"], unique=False)

    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "registered",
                "confirmed",
                "cancelled",
                "waiting_list",
                name="registrationstatus",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "role",
            sa.Enum("participant", "trainer", "speaker", "organiser", name="participantrole", native_enum=False),
            nullable=False,
        ),
        sa.Column("consent_public_list", sa.Boolean(), nullable=False),
        sa.Column("registered_by_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_registrations_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_registrations_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["users.id"],
            name=op.f("fk_registrations_registered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("event_id", "person_id", name=op.f("uq_registrations_event_id_person_id")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registrations_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registrations_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registrations_registered_by_id"), ["registered_by_id"], unique=False)

    op.create_table(
        "signin_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("imported_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_signin_uploads_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_signin_uploads_uploaded_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_uploads")),
    )
    with op.batch_alter_table("signin_uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signin_uploads_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signin_uploads_uploaded_by_id"), ["uploaded_by_id"], unique=False)

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=300), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_people_name_key"), ["name_key"], unique=False)
    _backfill_name_keys()


def _backfill_name_keys() -> None:
    """People created before this revision get their search key (a pure function of the name)."""
    from app.events.transliteration import matching_key

    people = sa.table(
        "people", sa.column("id", sa.Integer), sa.column("full_name", sa.String), sa.column("name_key", sa.String)
    )
    connection = op.get_bind()
    for person_id, full_name in connection.execute(sa.select(people.c.id, people.c.full_name)).all():
        connection.execute(people.update().where(people.c.id == person_id).values(name_key=matching_key(full_name)))


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_name_key"))
        batch_op.drop_column("name_key")

    with op.batch_alter_table("signin_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signin_uploads_uploaded_by_id"))
        batch_op.drop_index(batch_op.f("ix_signin_uploads_event_id"))

    op.drop_table("signin_uploads")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_registered_by_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_person_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_event_id"))

    op.drop_table("registrations")
    with op.batch_alter_table("person_merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_merges_moved_user_id"))
        batch_op.drop_index(batch_op.f("ix_person_merges_merged_id"))
        batch_op.drop_index(batch_op.f("ix_person_merges_merged_by_id"))
        batch_op.drop_index(batch_op.f("ix_person_merges_kept_id"))

    op.drop_table("person_merges")
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificates_person_id"))
        batch_op.drop_index(batch_op.f("ix_certificates_issued_by_id"))
        batch_op.drop_index(batch_op.f("ix_certificates_event_id"))

    op.drop_table("certificates")
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendances_session_id"))
        batch_op.drop_index(batch_op.f("ix_attendances_recorded_by_id"))
        batch_op.drop_index(batch_op.f("ix_attendances_person_id"))

    op.drop_table("attendances")
    with op.batch_alter_table("event_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_sessions_event_id"))

    op.drop_table("event_sessions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_starts_on"))

    op.drop_table("events")
