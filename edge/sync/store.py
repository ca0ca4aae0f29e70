"""The outbox on disk: one SQLite file (WAL), blocking calls; `edge.sync.outbox` runs them.

Rows are events in insertion order (`seq`), unique by CloudEvents `id`, with their topic,
JSON payload, priority, subject (conversation/visit) and size. Each `add` commits (fsync of
the WAL, `synchronous=FULL`) before it returns, so nothing is published that is not on disk.

A row goes through three states: to send (`sent_at` null), sent (the broker's PUBACK set
`sent_at`) and received (the cloud's receipt set `received_at`). Only a receipt ends its
delivery: a sent row without one past the receipt timeout goes back to "to send" (`requeue`),
since a broker may lose what it acknowledged. Over the byte budget, received rows go first,
then undelivered rows of the lowest priority, oldest first; each of those is counted in
`counters.dropped`. `counters.depth` is every row the cloud has not received.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from contract.events import Envelope
from contract.topics import Topics
from edge.sync.errors import OutboxError, OutboxFullError
from edge.sync.priority import priority_of
from edge.sync.schema import check, migrate

_LOGGER = logging.getLogger(__name__)
#: Rough bytes a row costs beyond its payload, topic and id (indexes, row header).
ROW_OVERHEAD = 64
#: The WAL file is truncated to this after a checkpoint.
JOURNAL_LIMIT = 4 * 1024 * 1024
#: Over budget, drop down to this share of it, so drops come in batches, not on every add.
LOW_WATER = 0.9


class Row(NamedTuple):
    """An event waiting to be published."""

    seq: int
    id: str
    topic: str
    subject: str | None
    payload: str


class Counters(NamedTuple):
    """The outbox in numbers."""

    #: Events the cloud has not received yet (to send, or sent and awaiting a receipt).
    depth: int
    bytes: int
    dropped: int


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """SQLite and OS errors as outbox errors; a full disk as `OutboxFullError`."""
    try:
        yield
    except sqlite3.OperationalError as err:
        if err.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL:
            raise OutboxFullError(f"outbox {path}: no room left ({err})") from err
        raise OutboxError(f"outbox {path}: {err}") from err
    except sqlite3.DatabaseError as err:
        raise OutboxError(f"outbox {path} is unusable: {err}") from err
    except OSError as err:
        if err.errno == errno.ENOSPC:
            raise OutboxFullError(f"outbox {path}: no space left on the device") from err
        raise OutboxError(f"outbox {path}: {err}") from err


class OutboxStore:
    """Blocking access to the outbox file; use from one thread only."""

    def __init__(self, path: Path, topics: Topics, *, max_bytes: int, keep_sent_s: float) -> None:
        """Open (creating and migrating) the outbox at `path`."""
        self.path = path
        self.topics = topics
        self.max_bytes = max_bytes
        self.keep_sent_s = keep_sent_s
        self.unsaved_drops = 0
        with _translated(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = Database(sqlite3.connect(path, timeout=30.0))
            try:
                check(self.db)
                self.db.enable_wal()
                self.db.execute("PRAGMA synchronous=FULL")
                self.db.execute(f"PRAGMA journal_size_limit={JOURNAL_LIMIT}")
                page_size = int(self.db.execute("PRAGMA page_size").fetchone()[0])
                self.db.execute(f"PRAGMA max_page_count={2 * max_bytes // page_size + 256}")
                migrate(self.db)
            except BaseException:
                self.db.close()
                raise

    def add(self, events: Sequence[Envelope]) -> int:
        """Commit `events` (ids already present are skipped); return how many were new."""
        rows = [self._row(event) for event in events]
        try:
            return self._insert(rows)
        except OutboxFullError:
            _LOGGER.warning("outbox %s is full; making room and trying again", self.path)
            self._make_room()
        try:
            return self._insert(rows)
        except OutboxFullError:
            self.unsaved_drops += len(rows)
            raise

    def pending(self, limit: int, after_seq: int = 0) -> list[Row]:
        """Unsent events after `after_seq`, in insertion order (so in order per subject)."""
        with _translated(self.path):
            cursor = self.db.conn.execute(
                "SELECT seq, id, topic, subject, payload FROM events "
                "WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?",
                (after_seq, limit),
            )
            return [Row(*row) for row in cursor]

    def mark_sent(self, ids: Sequence[str]) -> int:
        """Events the broker acknowledged (PUBACK): kept until a receipt; return how many."""
        now = time.time()
        with _translated(self.path), self.db.atomic():
            cursor = self.db.conn.executemany(
                "UPDATE events SET sent_at = ? WHERE id = ? AND sent_at IS NULL",
                [(now, event_id) for event_id in ids],
            )
            return cursor.rowcount

    def mark_received(self, ids: Sequence[str]) -> int:
        """Events the cloud receipted: kept `keep_sent_s` (or removed); return how many.

        Ids the outbox does not hold (already received, forgotten, dropped) change nothing.
        """
        now = time.time()
        with _translated(self.path), self.db.atomic():
            if self.keep_sent_s > 0:
                cursor = self.db.conn.executemany(
                    "UPDATE events SET received_at = ?, sent_at = coalesce(sent_at, ?) "
                    "WHERE id = ? AND received_at IS NULL",
                    [(now, now, event_id) for event_id in ids],
                )
            else:
                cursor = self.db.conn.executemany(
                    "DELETE FROM events WHERE id = ?", [(event_id,) for event_id in ids]
                )
            return cursor.rowcount

    def requeue(self, older_than_s: float) -> int:
        """Sent events without a receipt for `older_than_s`: to be sent again; how many."""
        cutoff = time.time() - older_than_s
        with _translated(self.path), self.db.atomic():
            return self.db.execute(
                "UPDATE events SET sent_at = NULL "
                "WHERE sent_at IS NOT NULL AND sent_at < ? AND received_at IS NULL",
                (cutoff,),
            ).rowcount

    def forget(self, subject: str) -> int:
        """Remove every event (sent or not) of a conversation or visit; return how many."""
        with _translated(self.path), self.db.atomic():
            return self.db.execute("DELETE FROM events WHERE subject = ?", (subject,)).rowcount

    def prune(self) -> int:
        """Remove received events older than `keep_sent_s`; return how many."""
        cutoff = time.time() - self.keep_sent_s
        with _translated(self.path), self.db.atomic():
            return self.db.execute(
                "DELETE FROM events WHERE received_at IS NOT NULL AND received_at < ?", (cutoff,)
            ).rowcount

    def counters(self) -> Counters:
        """Depth, bytes and drops (including drops not yet written because the disk is full)."""
        with _translated(self.path):
            values = dict(self.db.execute("SELECT name, value FROM counters").fetchall())
        return Counters(
            depth=int(values["pending"]),
            bytes=int(values["bytes"]),
            dropped=int(values["dropped"]) + self.unsaved_drops,
        )

    def close(self) -> None:
        """Close the file (a clean WAL checkpoint)."""
        self.db.close()

    def _row(self, event: Envelope) -> tuple[object, ...]:
        if event.hub != self.topics.hub:
            raise OutboxError(f"event {event.id} is from {event.source}, not this hub")
        event_type = str(getattr(event, "type", ""))
        topic = self.topics.for_type(event_type)
        payload = event.model_dump_json()
        size = len(payload) + len(topic) + len(event.id) + ROW_OVERHEAD
        return (
            event.id, event_type, topic, event.subject, payload,
            time.time(), int(priority_of(event)), size,
        )  # fmt: skip

    def _insert(self, rows: list[tuple[object, ...]]) -> int:
        with _translated(self.path), self.db.atomic():
            cursor = self.db.conn.executemany(
                "INSERT OR IGNORE INTO events "
                "(id, type, topic, subject, payload, created_at, priority, size) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            added = cursor.rowcount
            if self.unsaved_drops:
                self._count_drops(self.unsaved_drops)
            self._enforce_budget()
        self.unsaved_drops = 0
        return added

    def _enforce_budget(self, target: int | None = None) -> None:
        used = int(self.db.execute("SELECT value FROM counters WHERE name='bytes'").fetchone()[0])
        if target is None:
            if used <= self.max_bytes:
                return
            target = int(self.max_bytes * LOW_WATER)
        excess = used - target
        freed, _ = self._drop("received_at IS NOT NULL ORDER BY seq", excess)
        if excess > freed:
            _, dropped = self._drop("received_at IS NULL ORDER BY priority, seq", excess - freed)
            self._count_drops(dropped)
            _LOGGER.warning(
                "outbox over its budget of %d bytes: dropped %d events the cloud has not "
                "received (lowest priority, oldest first)",
                self.max_bytes,
                dropped,
            )

    def _drop(self, order: str, excess: int) -> tuple[int, int]:
        """Delete rows in `order` until `excess` bytes are freed; return bytes and rows."""
        freed, doomed = 0, []
        for seq, size in self.db.conn.execute(f"SELECT seq, size FROM events WHERE {order}"):
            if freed >= excess:
                break
            doomed.append((seq,))
            freed += size
        self.db.conn.executemany("DELETE FROM events WHERE seq = ?", doomed)
        return freed, len(doomed)

    def _count_drops(self, n: int) -> None:
        self.db.execute("UPDATE counters SET value = value + ? WHERE name = 'dropped'", (n,))

    def _make_room(self) -> None:
        """After a full disk: checkpoint the WAL and drop the lowest-priority tenth."""
        with contextlib.suppress(sqlite3.DatabaseError):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        used = self.counters().bytes
        with contextlib.suppress(sqlite3.DatabaseError), self.db.atomic():
            self._enforce_budget(target=int(used * LOW_WATER))
        with contextlib.suppress(sqlite3.DatabaseError):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
