"""Each turn's language (ISO 639-1, contract 1.1): nullable, turns stored before keep none.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("language")
