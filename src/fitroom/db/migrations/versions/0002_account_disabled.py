"""Accounts can be disabled: `accounts.disabled_at` (null while the account is active).

Revision ID: 0002_account_disabled
Revises: 0002_job_engine (chained after main's 0002 at the rebase; the lead may reorder)
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_account_disabled"
down_revision = "0002_job_engine"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("accounts", sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("disabled_at")
