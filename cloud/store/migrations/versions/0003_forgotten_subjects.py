"""Ingest looks up the subjects a forget command named (`command_audit` by tenant and subject).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.create_index("ix_command_audit_tenant_subject", "command_audit", ["tenant_id", "subject"])


def downgrade() -> None:
    """Revert."""
    op.drop_index("ix_command_audit_tenant_subject", table_name="command_audit")
