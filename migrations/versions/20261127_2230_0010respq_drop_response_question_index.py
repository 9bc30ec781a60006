"""drop the index on quiz_responses.question_id

Every submission writes ten responses, one per question, so this index took ten inserts on ten
different pages per submission: most of the pages a submission's commit writes. Nothing needs it:
responses are read by attempt (the unique (attempt_id, question_id) index), the per-question reports
reach them through their quiz's attempts, and questions are archived, never deleted.

Revision ID: 0010respq
Revises: 0008quizidx
Create Date: 2026-11-27 22:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010respq"
down_revision: str | Sequence[str] | None = "0008quizidx"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quiz_responses", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_responses_question_id")


def downgrade() -> None:
    with op.batch_alter_table("quiz_responses", schema=None) as batch_op:
        batch_op.create_index("ix_quiz_responses_question_id", ["question_id"], unique=False)
