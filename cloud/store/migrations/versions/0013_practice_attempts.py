"""Practice answers graded against the site's own objections (issue 15, practice).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cloud.store.base import UtcDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "practice_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("staff", sa.String(length=32), nullable=False),
        sa.Column("persona", sa.String(length=40), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("objections", sa.String(length=200), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("line_source", sa.String(length=10), nullable=False),
        sa.Column("line_conversation", sa.String(length=64), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("addressed", sa.Boolean(), nullable=False),
        sa.Column("feedback", sa.String(length=200), nullable=False),
        sa.Column("entered_by", sa.String(length=320), nullable=False),
        sa.Column("time", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_attempts")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_practice_attempts_staff", "practice_attempts", ["tenant_id", "staff", "time"]
    )


def downgrade() -> None:
    """Revert."""
    op.drop_index("ix_practice_attempts_staff", table_name="practice_attempts")
    op.drop_table("practice_attempts")
