"""Follow-up drafts: each site's voice and templates, messages sent, opt-outs.

Consent to be e-mailed or texted is the link's `consent_scopes` (0005); nothing changes there.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.store.base import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "followup_voices",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("dealership", sa.String(length=200), nullable=False),
        sa.Column("postal_address", sa.Text(), nullable=False),
        sa.Column("from_email", sa.String(length=320), nullable=False),
        sa.Column("sms_from", sa.String(length=40), nullable=True),
        sa.Column("tone", sa.String(length=20), nullable=False),
        sa.Column("templates", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "site_id", name=op.f("pk_followup_voices")),
    )
    op.create_table(
        "followup_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("to", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("remote_id", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("sent_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_messages")),
        sa.UniqueConstraint("tenant_id", "key", name="uq_followup_messages_key"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_followup_messages_conversation",
        "followup_messages",
        ["tenant_id", "conversation_id"],
        unique=False,
    )
    op.create_table(
        "followup_optouts",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "person_id", "channel", name=op.f("pk_followup_optouts")
        ),
    )


def downgrade() -> None:
    """Revert."""
    op.drop_table("followup_optouts")
    op.drop_index("ix_followup_messages_conversation", table_name="followup_messages")
    op.drop_table("followup_messages")
    op.drop_table("followup_voices")
