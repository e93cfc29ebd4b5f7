"""Engines per tier: each job records the engine that renders it; workers say which they run.

`jobs.engine` is filled for the jobs already there with the engine their tier is
configured for now (`FITROOM_ENGINES`, else `FITROOM_ENGINE`, as the migrating process
reads them): before this revision every worker rendered every job with `FITROOM_ENGINE`.
The column keeps that value as its server default, so the upgrade is a plain
`ADD COLUMN` on SQLite too (no copy of the jobs table).

Revision ID: 0002_job_engine
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from fitroom.settings import load_settings

revision = "0002_job_engine"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    settings = load_settings()
    op.add_column("jobs", sa.Column("engine", sa.String(length=200), nullable=False, server_default=settings.engine))
    jobs = sa.table("jobs", sa.column("tier", sa.String), sa.column("engine", sa.String))
    for tier, engine in settings.tier_engines.items():
        if engine != settings.engine:
            op.execute(jobs.update().where(jobs.c.tier == tier).values(engine=engine))
    op.create_table(
        "workers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("engines", sa.JSON(), nullable=False),
        sa.Column("threads", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workers_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workers_seen_at"))
    op.drop_table("workers")
    # Not a batch operation: on SQLite that copies the jobs table, and dropping the old copy
    # would cascade to job_items. SQLite (>= 3.35) drops a plain column in place.
    op.drop_column("jobs", "engine")
