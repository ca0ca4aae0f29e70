"""Each user's interface language (NULL: the browser's `Accept-Language` decides).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.add_column("users", sa.Column("locale", sa.String(16), nullable=True))


def downgrade() -> None:
    """Revert (ALTER TABLE ... DROP COLUMN: a rebuilt `users` would cascade to the tokens)."""
    op.drop_column("users", "locale")
