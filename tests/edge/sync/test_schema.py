"""Migrations: an old outbox file is carried forward; a newer or broken one is refused."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from contract.events import envelope
from contract.ids import new_subject
from contract.payloads import Presence
from contract.topics import Topics
from edge.sync.errors import OutboxError
from edge.sync.outbox import Outbox
from edge.sync.priority import priority_of
from edge.sync.schema import LATEST, migrate, version_of
from edge.sync.settings import OutboxSettings
from tests.aio import run
from tests.edge.sync.factories import HUB, every_payload, turn


def test_a_version_1_file_is_migrated_forward_with_its_events(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    events = [envelope(HUB, payload) for payload in every_payload()]
    events.append(envelope(HUB, Presence(action="enter", zone="lobby")))
    topics = Topics(HUB)
    with Database(sqlite3.connect(path)) as db:
        assert migrate(db, target=1) == 1
        for event in events:  # the rows as version 1 wrote them
            event_type = str(getattr(event, "type", ""))
            db.execute(
                "INSERT INTO events (id, type, topic, subject, payload, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (event.id, event_type, topics.for_type(event_type), event.subject,
                 event.model_dump_json(), time.time()),
            )  # fmt: skip
        db.execute("UPDATE events SET sent_at = 1.0 WHERE id = ?", (events[0].id,))

    async def scenario() -> None:
        async with await Outbox.open(OutboxSettings(path=path), HUB) as outbox:
            assert [row.id for row in await outbox.pending(100)] == [e.id for e in events[1:]]
            # a row PUBACKed under version 1 waits for a receipt (version 3), then is re-sent
            assert await outbox.depth() == len(events)
            assert await outbox.requeue(older_than_s=60) == 1
            await outbox.emit(turn(new_subject("conv"), 0))  # and it takes new events
            assert await outbox.depth() == len(events) + 1
            assert await outbox.mark_received([events[0].id]) == 1
            assert await outbox.depth() == len(events)

    run(scenario())
    with Database(sqlite3.connect(path)) as db:
        assert version_of(db) == LATEST
        stored = dict(db.execute("SELECT id, priority FROM events").fetchall())
    # the backfill in migration 2 agrees with the code that sets priorities today
    assert {event.id: int(priority_of(event)) for event in events}.items() <= stored.items()


def test_a_file_from_a_newer_showfloor_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with Database(sqlite3.connect(path)) as db:
        migrate(db)
        db.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    before = path.read_bytes()
    with pytest.raises(OutboxError, match=f"version {LATEST + 1}, newer than"):
        run(Outbox.open(OutboxSettings(path=path), HUB))
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database\n" * 100)
    with pytest.raises(OutboxError, match=r"garbage\.sqlite3.*not a database"):
        run(Outbox.open(OutboxSettings(path=path), HUB))


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    with Database(sqlite3.connect(tmp_path / "o.db")) as db:
        assert migrate(db) == LATEST
        assert migrate(db) == LATEST
        assert db["counters"].count == 3
