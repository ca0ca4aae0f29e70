"""Purchase-likelihood score: outcomes, each tenant's model, visit and dwell on the projections.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.store.base import UtcDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "score_outcomes",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("sold", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("remote_id", sa.String(length=200), nullable=True),
        sa.Column("set_by", sa.String(length=320), nullable=False),
        sa.Column("set_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "conversation_id", name=op.f("pk_score_outcomes")),
    )
    op.create_index(
        "ix_score_outcomes_tenant_set", "score_outcomes", ["tenant_id", "set_at"], unique=False
    )
    op.create_table(
        "score_models",
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("outcomes", sa.Integer(), nullable=False),
        sa.Column("sold", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("intercept", sa.Float(), nullable=False),
        sa.Column("coefficients", sa.JSON(), nullable=False),
        sa.Column("trained_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_score_models")),
    )
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("visit_id", sa.String(64), nullable=True))
    with op.batch_alter_table("presence") as batch:
        batch.add_column(sa.Column("dwell_s", sa.Float(), nullable=True))


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("presence") as batch:
        batch.drop_column("dwell_s")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("visit_id")
    op.drop_index("ix_score_outcomes_tenant_set", table_name="score_outcomes")
    op.drop_table("score_models")
    op.drop_table("score_outcomes")
