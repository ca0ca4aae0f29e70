"""The dealer's language of a site's CRM settings (`en` or `es`): rows stored before keep `en`.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("crm_settings") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=False, server_default="en"))


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("crm_settings") as batch:
        batch.drop_column("language")
