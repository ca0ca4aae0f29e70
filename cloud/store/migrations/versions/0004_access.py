"""Access: session keys, disabled users, never-reused ids, token expiry, the audit log.

Users get a random session key (in every session cookie; a new one ends every session) and an
`active` flag; API tokens an expiry; user and token ids are never reused.

On SQLite, AUTOINCREMENT needs the tables rebuilt: `api_tokens` is set aside first, because
dropping `users` while it refers to it would cascade-delete every token.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)
#: Every rebuild of `users` on SQLite must keep AUTOINCREMENT (ignored on PostgreSQL).
_AUTOINCREMENT = {"sqlite_autoincrement": True}


def _token_columns(expiry: bool) -> list[sa.schema.SchemaItem]:
    columns: list[sa.schema.SchemaItem] = [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _AT, nullable=False),
    ]
    if expiry:
        columns.append(sa.Column("expires_at", _AT, nullable=True))
    return [
        *columns,
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_api_tokens_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    ]


def _sqlite_keeping_tokens(change_users: Callable[[], None], expiry: bool) -> None:
    """Change `users` on SQLite with `api_tokens` set aside.

    Rebuilding `users` drops it, and dropping a table that `api_tokens` refers to (ON DELETE
    CASCADE) would delete every token.
    """
    bind = op.get_bind()
    tokens = [dict(row) for row in bind.execute(sa.text("SELECT * FROM api_tokens")).mappings()]
    op.drop_table("api_tokens")
    change_users()
    kwargs = _AUTOINCREMENT if expiry else {}
    op.create_table("api_tokens", *_token_columns(expiry), **kwargs)
    if tokens:  # as stored (text on SQLite), column by column
        bind.execute(
            sa.text(
                "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) "
                "VALUES (:id, :user_id, :name, :token_hash, :created_at)"
            ),
            tokens,
        )


def _user_columns(batch: Any) -> None:
    batch.add_column(sa.Column("session_key", sa.String(64), nullable=False, server_default=""))
    batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))


def _users() -> None:
    """New columns, a random session key for each existing user, no server default after."""
    bind = op.get_bind()
    with op.batch_alter_table("users", recreate="auto", table_kwargs=_AUTOINCREMENT) as batch:
        _user_columns(batch)
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("session_key", sa.String()))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(session_key=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table("users", table_kwargs=_AUTOINCREMENT) as batch:
        batch.alter_column("session_key", server_default=None)


def upgrade() -> None:
    """Apply."""
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_keeping_tokens(_users, expiry=True)
    else:
        _users()
        op.add_column("api_tokens", sa.Column("expires_at", _AT, nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("site_id", sa.String(64), nullable=True),
        sa.Column("at", _AT, nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("target", sa.String(400), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_log_tenant_at", "audit_log", ["tenant_id", "at"])


def _drop_user_columns() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("active")
        batch.drop_column("session_key")


def downgrade() -> None:
    """Revert: the audit log, token expiry, session keys and the `active` flag go."""
    op.drop_index("ix_audit_log_tenant_at", table_name="audit_log")
    op.drop_table("audit_log")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_keeping_tokens(_drop_user_columns, expiry=False)
    else:
        op.drop_column("api_tokens", "expires_at")
        _drop_user_columns()
