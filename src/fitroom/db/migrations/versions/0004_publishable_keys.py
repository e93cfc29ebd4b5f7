"""Publishable keys: a kind per API key, and the key that made each job (so such a key reads only its own).

Revision ID: 0004_publishable_keys
Revises: 0003_job_list
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_publishable_keys"
down_revision = "0003_job_list"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("kind", sa.String(length=12), server_default="secret", nullable=False))
    op.add_column("jobs", sa.Column("api_key_id", sa.String(length=36), nullable=True))
    op.create_index(op.f("ix_jobs_api_key_id"), "jobs", ["api_key_id"], unique=False)


def downgrade() -> None:
    # Not batch operations: on SQLite those copy the jobs table, and dropping the old copy
    # would cascade to job_items. SQLite (>= 3.35) drops a plain, unindexed column in place.
    op.drop_index(op.f("ix_jobs_api_key_id"), table_name="jobs")
    op.drop_column("jobs", "api_key_id")
    op.drop_column("api_keys", "kind")
