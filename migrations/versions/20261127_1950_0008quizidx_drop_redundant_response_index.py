"""drop the redundant index on quiz_responses.attempt_id

The unique (attempt_id, question_id) index already serves every lookup by attempt; the extra index only
cost ten B-tree inserts per submission.

Revision ID: 0008quizidx
Revises: 0005quizzes
Create Date: 2026-11-27 19:50:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008quizidx"
down_revision: str | Sequence[str] | None = "0005quizzes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quiz_responses", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_responses_attempt_id")


def downgrade() -> None:
    with op.batch_alter_table("quiz_responses", schema=None) as batch_op:
        batch_op.create_index("ix_quiz_responses_attempt_id", ["attempt_id"], unique=False)
