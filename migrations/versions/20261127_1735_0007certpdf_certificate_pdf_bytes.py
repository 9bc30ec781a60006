"""certificate pdf bytes

Revision ID: 0007certpdf
Revises: 0004events
Create Date: 2026-11-27 17:35:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007certpdf"
down_revision: str | Sequence[str] | None = "0004events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("pdf_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_column("pdf_key")
        batch_op.drop_column("pdf")
