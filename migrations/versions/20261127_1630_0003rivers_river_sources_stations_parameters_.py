"""river sources stations parameters measurements standards

Revision ID: 0003rivers
Revises: 0001
Create Date: 2026-11-27 16:30:00.250653+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = '0003rivers'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('river_parameters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('dimension', sa.String(length=40), nullable=False),
    sa.Column('canonical_unit', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_river_parameters')),
    sa.UniqueConstraint('code', name=op.f('uq_river_parameters_code'))
    )
    op.create_table('river_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('citation', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('reliability', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_river_sources')),
    sa.UniqueConstraint('code', name=op.f('uq_river_sources_code'))
    )
    op.create_table('river_standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('row_key', sa.String(length=40), nullable=False),
    sa.Column('jurisdiction', sa.String(length=2), nullable=False),
    sa.Column('instrument', sa.String(length=300), nullable=False),
    sa.Column('section', sa.String(length=300), nullable=False),
    sa.Column('item', sa.String(length=300), nullable=False),
    sa.Column('standard_code', sa.String(length=80), nullable=True),
    sa.Column('parameter_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('value_text', sa.String(length=300), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('lower', sa.Float(), nullable=True),
    sa.Column('upper', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('canonical_value', sa.Float(), nullable=True),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_codes', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['parameter_id'], ['river_parameters.id'], name=op.f('fk_river_standards_parameter_id_river_parameters'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_id'], ['river_sources.id'], name=op.f('fk_river_standards_source_id_river_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_river_standards')),
    sa.UniqueConstraint('row_key', name=op.f('uq_river_standards_row_key'))
    )
    with op.batch_alter_table('river_standards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_river_standards_jurisdiction'), ['jurisdiction'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_standards_parameter_id'), ['parameter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_standards_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_standards_standard_code'), ['standard_code'], unique=False)

    op.create_table('river_stations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('river', sa.String(length=200), nullable=False),
    sa.Column('river_local', sa.String(length=200), nullable=False),
    sa.Column('basin', sa.String(length=200), nullable=False),
    sa.Column('basin_slug', sa.String(length=200), nullable=False),
    sa.Column('site_name', sa.Text(), nullable=False),
    sa.Column('oblast', sa.String(length=200), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_codes', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['river_sources.id'], name=op.f('fk_river_stations_source_id_river_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_river_stations')),
    sa.UniqueConstraint('code', name=op.f('uq_river_stations_code'))
    )
    with op.batch_alter_table('river_stations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_river_stations_basin_slug'), ['basin_slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_stations_river'), ['river'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_stations_source_id'), ['source_id'], unique=False)

    op.create_table('river_measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('parameter_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('source_codes', sa.String(length=300), nullable=False),
    sa.Column('period', sa.String(length=20), nullable=False),
    sa.Column('period_start_on', sa.Date(), nullable=False),
    sa.Column('period_end_on', sa.Date(), nullable=False),
    sa.Column('value_text', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_max', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('is_below_detection', sa.Boolean(), nullable=False),
    sa.Column('canonical_value', sa.Float(), nullable=True),
    sa.Column('canonical_value_max', sa.Float(), nullable=True),
    sa.Column('canonical_unit', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['parameter_id'], ['river_parameters.id'], name=op.f('fk_river_measurements_parameter_id_river_parameters'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_id'], ['river_sources.id'], name=op.f('fk_river_measurements_source_id_river_sources'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['station_id'], ['river_stations.id'], name=op.f('fk_river_measurements_station_id_river_stations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_river_measurements')),
    sa.UniqueConstraint('station_id', 'parameter_id', 'period', name=op.f('uq_river_measurements_station_id_parameter_id_period'))
    )
    with op.batch_alter_table('river_measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_river_measurements_parameter_id'), ['parameter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_measurements_period_start_on'), ['period_start_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_measurements_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_river_measurements_station_id'), ['station_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('river_measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_river_measurements_station_id'))
        batch_op.drop_index(batch_op.f('ix_river_measurements_source_id'))
        batch_op.drop_index(batch_op.f('ix_river_measurements_period_start_on'))
        batch_op.drop_index(batch_op.f('ix_river_measurements_parameter_id'))

    op.drop_table('river_measurements')
    with op.batch_alter_table('river_stations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_river_stations_source_id'))
        batch_op.drop_index(batch_op.f('ix_river_stations_river'))
        batch_op.drop_index(batch_op.f('ix_river_stations_basin_slug'))

    op.drop_table('river_stations')
    with op.batch_alter_table('river_standards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_river_standards_standard_code'))
        batch_op.drop_index(batch_op.f('ix_river_standards_source_id'))
        batch_op.drop_index(batch_op.f('ix_river_standards_parameter_id'))
        batch_op.drop_index(batch_op.f('ix_river_standards_jurisdiction'))

    op.drop_table('river_standards')
    op.drop_table('river_sources')
    op.drop_table('river_parameters')
