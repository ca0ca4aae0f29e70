"""Insert or upsert many rows in one statement; fast on both databases.

PostgreSQL gets the whole batch as one JSON parameter (`json_to_recordset`): one statement,
nothing per row to build, send or parse. SQLite gets an `executemany`, which is fast in-process.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import JSON, ColumnElement, Table, Text, and_, bindparam, column, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnClause

from cloud.store.base import Base

#: Builds the `SET` of an upsert from the table's columns and the conflicting row (`excluded`).
SetClause = Callable[[Mapping[str, ColumnClause[Any]], Any], Mapping[str, ColumnElement[Any]]]


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialize {type(value).__name__}")


def _postgres_insert(table: Table, rows: list[dict[str, Any]]) -> postgresql.Insert:
    """INSERT ... SELECT FROM json_to_recordset(:rows): the rows as one JSON parameter."""
    names = [c.name for c in table.columns]
    records = (
        func.json_to_recordset(
            sql_cast(bindparam("rows", json.dumps(rows, default=_iso), type_=Text), JSON)
        )
        .table_valued(*(column(c.name, c.type) for c in table.columns))
        .render_derived(name="r", with_types=True)
    )
    source = select(*(records.c[name] for name in names))
    return postgresql.insert(table).from_select(names, source)


def _execute(
    session: Session,
    stmt: Any,
    rows: list[dict[str, Any]],
    table: Table,
    returning: tuple[str, ...],
) -> list[tuple[Any, ...]]:
    if returning:
        stmt = stmt.returning(*(table.c[name] for name in returning))
    if session.get_bind().dialect.name == "postgresql":
        result = session.execute(stmt)
    else:
        result = session.execute(stmt, rows)
    return [tuple(row) for row in result] if returning else []


def _statement(session: Session, table: Table, rows: list[dict[str, Any]]) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return _postgres_insert(table, rows)
    return sqlite.insert(table)


def insert_ignore(
    session: Session, model: type[Base], rows: list[dict[str, Any]], returning: tuple[str, ...] = ()
) -> list[tuple[Any, ...]]:
    """Insert `rows` (every column given), ignoring key conflicts; the inserted `returning`."""
    if not rows:
        return []
    table = cast(Table, model.__table__)
    stmt = _statement(session, table, rows).on_conflict_do_nothing()
    return _execute(session, stmt, rows, table, returning)


def upsert(
    session: Session,
    model: type[Base],
    rows: list[dict[str, Any]],
    set_: SetClause,
    returning: tuple[str, ...] = (),
    same: tuple[str, ...] = (),
) -> list[tuple[Any, ...]]:
    """Insert `rows` (every column given, one per key); a stored row takes `set_` instead.

    The database locks a conflicting row and evaluates `set_` on its latest committed
    version, so concurrent upserts of one key each count. Give the rows in key order: two
    transactions then lock shared keys in the same order and cannot deadlock. A stored row
    whose `same` columns differ from the new row's is left alone (and not in `returning`).
    """
    if not rows:
        return []
    table = cast(Table, model.__table__)
    stmt = _statement(session, table, rows)
    keys = list(table.primary_key.columns)
    guard = and_(*(table.c[name] == stmt.excluded[name] for name in same)) if same else None
    stmt = stmt.on_conflict_do_update(
        index_elements=keys,
        set_=dict(set_({c.name: c for c in table.columns}, stmt.excluded)),
        where=guard,
    )
    return _execute(session, stmt, rows, table, returning)
