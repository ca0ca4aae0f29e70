"""Insert many rows at once, skipping those whose key exists; fast on both databases.

PostgreSQL gets the whole batch as one JSON parameter (`json_to_recordset`): one statement,
nothing per row to build, send or parse. SQLite gets an `executemany`, which is fast in-process.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cloud.store.base import Base


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialize {type(value).__name__}")


def insert_ignore(
    session: Session, model: type[Base], rows: list[dict[str, Any]], returning: tuple[str, ...] = ()
) -> list[tuple[Any, ...]]:
    """Insert `rows` (every column given), ignoring key conflicts; the inserted `returning`."""
    if not rows:
        return []
    table = cast(Table, model.__table__)
    if session.get_bind().dialect.name != "postgresql":
        stmt = sqlite.insert(table).on_conflict_do_nothing()
        if returning:
            result = session.execute(stmt.returning(*(table.c[n] for n in returning)), rows)
            return [tuple(row) for row in result]
        session.execute(stmt, rows)
        return []
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    names = [column.name for column in table.columns]
    shape = ", ".join(f'"{c.name}" {c.type.compile(dialect=dialect)}' for c in table.columns)
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = (
        f"INSERT INTO {table.name} ({quoted}) SELECT {quoted} FROM "
        f"json_to_recordset(CAST(:rows AS json)) AS r({shape}) ON CONFLICT DO NOTHING"
    )
    if returning:
        sql += " RETURNING " + ", ".join(f'"{name}"' for name in returning)
    result = session.execute(text(sql), {"rows": json.dumps(rows, default=_iso)})
    return [tuple(row) for row in result] if returning else []
