"""The job list's index: an account's jobs by (created_at, id), for newest-first keyset pages.

Revision ID: 0003_job_list
Revises: 0002_idempotency_keys
"""

from alembic import op

revision = "0003_job_list"
down_revision = "0002_idempotency_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_jobs_account_created", "jobs", ["account_id", "created_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_jobs_account_created", table_name="jobs")
