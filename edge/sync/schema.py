"""The outbox's SQLite schema, built by numbered migrations that only ever move forward.

`schema_version` holds one row: the last migration applied. Each migration runs in its own
transaction (sqlite-utils `atomic`) together with the version bump, so a crash leaves the
file at a whole version.
A migration, once released, is never edited: change the schema by appending one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import NamedTuple

from sqlite_utils import Database

from edge.sync.errors import OutboxError

_LOGGER = logging.getLogger(__name__)


class Migration(NamedTuple):
    """One step of the schema."""

    version: int
    summary: str
    statements: Sequence[str]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "events in insertion order, unique by id; counters",
        (
            """CREATE TABLE events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                topic TEXT NOT NULL,
                subject TEXT,
                payload TEXT NOT NULL,
                created_at REAL NOT NULL,
                sent_at REAL
            )""",
            "CREATE INDEX events_subject ON events(subject)",
            "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            "INSERT INTO counters (name, value) VALUES ('dropped', 0)",
        ),
    ),
    Migration(
        2,
        "priority and size per event; byte and pending counters kept by triggers",
        (
            "ALTER TABLE events ADD COLUMN priority INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE events ADD COLUMN size INTEGER NOT NULL DEFAULT 0",
            """UPDATE events SET
                size = length(payload) + length(topic) + length(id) + 64,
                priority = CASE
                    WHEN type IN ('showfloor.traffic.v1', 'showfloor.status.v1') THEN 0
                    WHEN type = 'showfloor.presence.v1'
                        AND json_extract(payload, '$.data.action') = 'dwell' THEN 0
                    WHEN type IN ('showfloor.presence.v1', 'showfloor.prompt.outcome.v1') THEN 1
                    WHEN type LIKE 'showfloor.conversation.%' OR type IN (
                        'showfloor.prompt.v1', 'showfloor.alert.v1',
                        'showfloor.command.result.v1') THEN 2
                    ELSE 1 END""",
            "CREATE INDEX events_unsent ON events(seq) WHERE sent_at IS NULL",
            "CREATE INDEX events_sent ON events(sent_at) WHERE sent_at IS NOT NULL",
            "CREATE INDEX events_drop ON events(priority, seq) WHERE sent_at IS NULL",
            """INSERT INTO counters (name, value)
                SELECT 'bytes', coalesce(sum(size), 0) FROM events""",
            """INSERT INTO counters (name, value)
                SELECT 'pending', count(*) FROM events WHERE sent_at IS NULL""",
            """CREATE TRIGGER events_added AFTER INSERT ON events BEGIN
                UPDATE counters SET value = value + NEW.size WHERE name = 'bytes';
                UPDATE counters SET value = value + 1
                    WHERE name = 'pending' AND NEW.sent_at IS NULL;
            END""",
            """CREATE TRIGGER events_removed AFTER DELETE ON events BEGIN
                UPDATE counters SET value = value - OLD.size WHERE name = 'bytes';
                UPDATE counters SET value = value - 1
                    WHERE name = 'pending' AND OLD.sent_at IS NULL;
            END""",
            """CREATE TRIGGER events_acknowledged AFTER UPDATE OF sent_at ON events
                WHEN OLD.sent_at IS NULL AND NEW.sent_at IS NOT NULL BEGIN
                UPDATE counters SET value = value - 1 WHERE name = 'pending';
            END""",
        ),
    ),
    Migration(
        3,
        "received_at: kept until the cloud's receipt; depth counts events not yet received",
        (
            # Rows PUBACKed before this version wait for a receipt like any other (re-sent
            # after the timeout if none comes; the cloud deduplicates them by id).
            "ALTER TABLE events ADD COLUMN received_at REAL",
            "DROP TRIGGER events_added",
            "DROP TRIGGER events_removed",
            "DROP TRIGGER events_acknowledged",
            "DROP INDEX events_sent",
            "DROP INDEX events_drop",
            "CREATE INDEX events_received ON events(received_at) WHERE received_at IS NOT NULL",
            """CREATE INDEX events_awaiting ON events(sent_at)
                WHERE sent_at IS NOT NULL AND received_at IS NULL""",
            "CREATE INDEX events_drop ON events(priority, seq) WHERE received_at IS NULL",
            """UPDATE counters SET value = (SELECT count(*) FROM events WHERE received_at IS NULL)
                WHERE name = 'pending'""",
            """CREATE TRIGGER events_added AFTER INSERT ON events BEGIN
                UPDATE counters SET value = value + NEW.size WHERE name = 'bytes';
                UPDATE counters SET value = value + 1
                    WHERE name = 'pending' AND NEW.received_at IS NULL;
            END""",
            """CREATE TRIGGER events_removed AFTER DELETE ON events BEGIN
                UPDATE counters SET value = value - OLD.size WHERE name = 'bytes';
                UPDATE counters SET value = value - 1
                    WHERE name = 'pending' AND OLD.received_at IS NULL;
            END""",
            """CREATE TRIGGER events_receipted AFTER UPDATE OF received_at ON events
                WHEN OLD.received_at IS NULL AND NEW.received_at IS NOT NULL BEGIN
                UPDATE counters SET value = value - 1 WHERE name = 'pending';
            END""",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version


def version_of(db: Database) -> int:
    """The schema version of an open outbox (0 for a new, empty file)."""
    if not db["schema_version"].exists():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check(db: Database) -> int:
    """The file's version; `OutboxError` if it is newer than this code (read-only)."""
    current = version_of(db)
    if current > LATEST:
        raise OutboxError(
            f"the outbox schema is version {current}, newer than this showfloor knows "
            f"({LATEST}): upgrade showfloor or move the outbox file away"
        )
    return current


def migrate(db: Database, target: int = LATEST) -> int:
    """Apply every migration above the file's version up to `target`; return the new version.

    A file newer than this code is refused, never touched.
    """
    current = check(db)
    for migration in MIGRATIONS:
        if not current < migration.version <= target:
            continue
        with db.atomic():
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for statement in migration.statements:
                db.execute(statement)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (migration.version,))
        _LOGGER.info("outbox migrated to version %d: %s", migration.version, migration.summary)
        current = migration.version
    return current
