"""CRM sync: people, conversation links with consent, per-site settings, remote ids, the outbox.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.store.base import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
TABLES = ("crm_links", "crm_outbox", "crm_people", "crm_remote_ids", "crm_settings")


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "crm_links",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("consent_by", sa.String(length=320), nullable=False),
        sa.Column("consent_at", UtcDateTime(), nullable=False),
        sa.Column("consent_scopes", sa.String(length=40), nullable=False),
        sa.Column("consent_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "site_id", "conversation_id", name=op.f("pk_crm_links")
        ),
        sa.UniqueConstraint("id", name=op.f("uq_crm_links_id")),
    )
    op.create_index(
        "ix_crm_links_tenant_person", "crm_links", ["tenant_id", "person_id"], unique=False
    )
    op.create_table(
        "crm_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("vendor", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("dedupe", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", UtcDateTime(), nullable=False),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("remote_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_outbox")),
        sa.UniqueConstraint("tenant_id", "vendor", "dedupe", name="uq_crm_outbox_dedupe"),
    )
    op.create_index(
        "ix_crm_outbox_conversation", "crm_outbox", ["tenant_id", "conversation_id"], unique=False
    )
    op.create_index(
        "ix_crm_outbox_lane", "crm_outbox", ["tenant_id", "vendor", "person_id", "id"], unique=False
    )
    op.create_index("ix_crm_outbox_state_next", "crm_outbox", ["state", "next_at"], unique=False)
    op.create_table(
        "crm_people",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_crm_people")),
    )
    op.create_table(
        "crm_remote_ids",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("vendor", sa.String(length=20), nullable=False),
        sa.Column("remote_id", sa.String(length=200), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "person_id", "vendor", "remote_id", name=op.f("pk_crm_remote_ids")
        ),
    )
    op.create_table(
        "crm_settings",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("vendor", sa.String(length=20), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("credentials", sa.Text(), nullable=False),
        sa.Column("user_map", sa.JSON(), nullable=False),
        sa.Column("steps", sa.String(length=100), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("paused_reason", sa.Text(), nullable=True),
        sa.Column("failing_since", UtcDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_success", UtcDateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "site_id", name=op.f("pk_crm_settings")),
    )


def downgrade() -> None:
    """Revert."""
    for table in reversed(TABLES):
        op.drop_table(table)
