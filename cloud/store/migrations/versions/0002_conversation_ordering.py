"""Several ingest workers: what orders a conversation's latest sentiment and prompt.

Objections' `staff` is no longer written (a worker may not know it yet); the column stays for
the previous release (expand-then-contract) and goes in a later migration.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("sentiment_turn", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_prompt_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("last_prompt_at")
        batch.drop_column("sentiment_turn")
