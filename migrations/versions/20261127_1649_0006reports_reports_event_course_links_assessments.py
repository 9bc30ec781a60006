"""reports event course links assessments

Revision ID: 0006reports
Revises: 0004events, 0005quizzes
Create Date: 2026-11-27 16:49:17.118841+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = '0006reports'
# A merge of the events and quizzes branches rather than down_revision "0001" with depends_on: Alembic
# (1.x) fails with KeyError '0001' when one revision depends on two current heads. Courses (0002) come in
# through 0005quizzes, which depends on it.
down_revision: str | Sequence[str] | None = ('0004events', '0005quizzes')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('event_course_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_event_course_links_course_id_courses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_course_links_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_course_links')),
    sa.UniqueConstraint('event_id', 'course_id', name=op.f('uq_event_course_links_event_id_course_id'))
    )
    with op.batch_alter_table('event_course_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_course_links_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_course_links_event_id'), ['event_id'], unique=False)

    op.create_table('event_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('pre', 'post', name='assessmentkind', native_enum=False), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_assessments_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['quiz_id'], ['quizzes.id'], name=op.f('fk_event_assessments_quiz_id_quizzes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_assessments')),
    sa.UniqueConstraint('event_id', 'kind', name=op.f('uq_event_assessments_event_id_kind'))
    )
    with op.batch_alter_table('event_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_assessments_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_assessments_quiz_id'), ['quiz_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_assessments_quiz_id'))
        batch_op.drop_index(batch_op.f('ix_event_assessments_event_id'))

    op.drop_table('event_assessments')
    with op.batch_alter_table('event_course_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_course_links_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_course_links_course_id'))

    op.drop_table('event_course_links')
