"""Accounts can be disabled: `accounts.disabled_at` (null while the account is active).

Revision ID: 0002_account_disabled
Revises: 0002_job_engine
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
    # Not a batch operation: on SQLite that copies the accounts table, and dropping the old
    # copy would cascade to every table that refers to accounts. SQLite (>= 3.35) drops a
    # plain column in place.
    op.drop_column("accounts", "disabled_at")
