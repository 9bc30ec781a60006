"""attendances.event_id, kept equal to the session's event by a foreign key on (event_id, session_id)

The reports reach a registrant's marks at an event through one index on (event_id, person_id, status)
instead of joining every registration to its event's sessions.

Revision ID: 0009attevent
Revises: 0007certpdf
Create Date: 2026-11-27 20:15:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009attevent"
down_revision: str | Sequence[str] | None = "0007certpdf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An index, not a constraint: rebuilding event_sessions in SQLite batch mode would cascade-delete attendance.
    op.create_index("ix_event_sessions_event_id_id", "event_sessions", ["event_id", "id"], unique=True)
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
    sessions = sa.table("event_sessions", sa.column("id", sa.Integer()), sa.column("event_id", sa.Integer()))
    attendances = sa.table("attendances", sa.column("session_id", sa.Integer()), sa.column("event_id", sa.Integer()))
    session_event = sa.select(sessions.c.event_id).where(sessions.c.id == attendances.c.session_id)
    op.execute(attendances.update().values(event_id=session_event.scalar_subquery()))
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_attendances_event_id_event_sessions"),
            "event_sessions",
            ["event_id", "session_id"],
            ["event_id", "id"],
            ondelete="CASCADE",
        )
        batch_op.create_index("ix_attendances_event_id_person_id_status", ["event_id", "person_id", "status"])


def downgrade() -> None:
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index("ix_attendances_event_id_person_id_status")
        batch_op.drop_constraint(batch_op.f("fk_attendances_event_id_event_sessions"), type_="foreignkey")
        batch_op.drop_column("event_id")
    op.drop_index("ix_event_sessions_event_id_id", table_name="event_sessions")
