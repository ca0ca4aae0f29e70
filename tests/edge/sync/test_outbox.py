"""The outbox: committed before publish, unique by id, ordered, forgettable, within budget."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from contract.events import envelope
from contract.ids import new_subject
from contract.payloads import Presence
from edge.sync.outbox import Outbox
from edge.sync.priority import Priority
from edge.sync.settings import OutboxSettings
from edge.sync.store import ROW_OVERHEAD
from tests.aio import run
from tests.edge.sync.factories import HUB, OTHER_HUB, every_payload, traffic, turn


def _settings(path: Path, **changes: object) -> OutboxSettings:
    return OutboxSettings.model_validate({"path": path, **changes})


def test_an_emitted_event_is_on_disk_when_emit_returns(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"

    async def scenario() -> str:
        async with await Outbox.open(_settings(path), HUB) as outbox:
            event = await outbox.emit(turn(new_subject("conv"), 0))
            # another connection (another process would see the same) reads it back now
            with sqlite3.connect(path) as other:
                rows = other.execute("SELECT id, topic, priority FROM events").fetchall()
            assert rows == [(event.id, "showfloor/v1/acme-motors/downtown/hub-1/conversation", 2)]
            return event.id

    event_id = run(scenario())

    async def reopened() -> list[str]:
        async with await Outbox.open(_settings(path), HUB) as outbox:
            return [row.id for row in await outbox.pending(10)]

    assert run(reopened()) == [event_id]


def test_adding_the_same_id_again_is_a_no_op(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with await Outbox.open(_settings(tmp_path / "o.db"), HUB) as outbox:
            event = envelope(HUB, traffic())
            assert await outbox.add([event]) == 1
            assert await outbox.add([event, event]) == 0
            assert await outbox.depth() == 1

    run(scenario())


def test_every_kind_gets_its_topic_subject_and_priority(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with await Outbox.open(_settings(tmp_path / "o.db"), HUB) as outbox:
            events = await outbox.emit_many(every_payload())
            rows = await outbox.pending(100)
            assert [row.id for row in rows] == [event.id for event in events]
            for row, event in zip(rows, events, strict=True):
                assert row.topic == outbox.topics.for_type(str(getattr(event, "type", "")))
                assert row.subject == event.subject
                assert row.payload == event.model_dump_json()

    run(scenario())
    with sqlite3.connect(tmp_path / "o.db") as db:
        priorities = dict(db.execute("SELECT type, priority FROM events").fetchall())
    assert priorities["showfloor.traffic.v1"] == Priority.LOW
    assert priorities["showfloor.presence.v1"] == Priority.LOW  # a dwell update
    assert priorities["showfloor.conversation.turn.v1"] == Priority.HIGH
    assert priorities["showfloor.alert.v1"] == Priority.HIGH
    assert priorities["showfloor.command.result.v1"] == Priority.HIGH


def test_an_event_of_another_hub_is_refused(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with await Outbox.open(_settings(tmp_path / "o.db"), HUB) as outbox:
            with pytest.raises(Exception, match="not this hub"):
                await outbox.add([envelope(OTHER_HUB, traffic())])
            assert await outbox.depth() == 0

    run(scenario())


def test_pending_is_in_insertion_order_and_only_a_receipt_ends_delivery(tmp_path: Path) -> None:
    conv_a, conv_b = new_subject("conv"), new_subject("conv")

    async def scenario() -> None:
        async with await Outbox.open(_settings(tmp_path / "o.db"), HUB) as outbox:
            for index in range(5):
                await outbox.emit_many([turn(conv_a, index), turn(conv_b, index)])
            rows = await outbox.pending(100)
            for conv in (conv_a, conv_b):
                indexes = [row.payload for row in rows if row.subject == conv]
                assert [f'"index":{i}' in p for i, p in enumerate(indexes)] == [True] * 5
            assert await outbox.mark_sent([row.id for row in rows[:4]]) == 4
            assert await outbox.mark_sent([rows[0].id]) == 0  # a second PUBACK changes nothing
            assert [row.id for row in await outbox.pending(100)] == [r.id for r in rows[4:]]
            assert await outbox.depth() == 10  # a PUBACK is not delivery: the cloud's receipt is
            assert [r.id for r in await outbox.pending(2, after_seq=rows[5].seq)] == [
                rows[6].id,
                rows[7].id,
            ]
            # receipts: for sent rows, for a row whose PUBACK was never recorded, twice, unknown
            assert await outbox.mark_received([rows[0].id, rows[1].id, rows[4].id]) == 3
            assert await outbox.mark_received([rows[0].id, "not-in-the-outbox"]) == 0
            assert await outbox.depth() == 7
            assert rows[4].id not in {row.id for row in await outbox.pending(100)}
            # sent without a receipt past the timeout: to be sent again, in order
            assert await outbox.requeue(older_than_s=3600) == 0
            assert await outbox.requeue(older_than_s=0) == 2
            assert [row.id for row in await outbox.pending(3)] == [r.id for r in rows[2:4]] + [
                rows[5].id
            ]
            assert await outbox.depth() == 7

    run(scenario())


def test_forget_removes_sent_and_unsent_events_of_one_subject(tmp_path: Path) -> None:
    conv, other = new_subject("conv"), new_subject("conv")

    async def scenario() -> None:
        async with await Outbox.open(_settings(tmp_path / "o.db"), HUB) as outbox:
            mine = await outbox.emit_many([turn(conv, i) for i in range(3)])
            await outbox.emit_many([turn(other, 0), traffic()])
            await outbox.mark_sent([mine[0].id])
            assert await outbox.forget(conv) == 3
            assert await outbox.forget(conv) == 0
            rows = await outbox.pending(100)
            assert conv not in {row.subject for row in rows}
            assert len(rows) == 2
            assert await outbox.depth() == 2

    run(scenario())
    with sqlite3.connect(tmp_path / "o.db") as db:
        assert db.execute(
            "SELECT count(*) FROM events WHERE payload LIKE ?", (f"%{conv}%",)
        ).fetchone() == (0,)


def test_received_events_are_kept_then_pruned_and_sent_ones_never(tmp_path: Path) -> None:
    async def scenario(keep_sent_s: float) -> tuple[int, int]:
        settings = _settings(tmp_path / f"o{keep_sent_s}.db", keep_sent_s=keep_sent_s)
        async with await Outbox.open(settings, HUB) as outbox:
            events = await outbox.emit_many([traffic(), traffic(), traffic()])
            await outbox.mark_sent([events[0].id, events[1].id])
            await outbox.mark_received([events[0].id])
            await outbox.prune()
            return (await outbox.counters()).bytes, await outbox.depth()

    kept, kept_depth = run(scenario(3600.0))
    removed, removed_depth = run(scenario(0.0))
    assert kept > removed > 0
    assert kept_depth == removed_depth == 2  # the sent one without a receipt stays


def test_over_budget_the_oldest_lowest_priority_events_go_first_and_are_counted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "o.db"
    budget = 64 * 1024
    conv = new_subject("conv")

    async def scenario() -> tuple[list[str], int]:
        async with await Outbox.open(_settings(path, max_bytes=budget), HUB) as outbox:
            lows = await outbox.emit_many([traffic(f"zone-{i}") for i in range(60)])
            dwell = Presence(action="dwell", zone="suv-row", dwell_s=1.0)
            await outbox.emit_many([dwell] * 20)
            size = len(envelope(HUB, turn(conv, 0, "x" * 400)).model_dump_json()) + ROW_OVERHEAD
            highs = await outbox.emit_many(
                [turn(conv, i, "x" * 400) for i in range(budget * 7 // 10 // size)]
            )
            left = {row.id for row in await outbox.pending(10_000)}
            counters = await outbox.counters()
            assert counters.bytes <= budget
            assert {event.id for event in highs} <= left  # every conversation turn kept
            assert lows[0].id not in left  # the oldest traffic summary went first
            return sorted(left), counters.dropped

    left, dropped = run(scenario())
    assert dropped > 0

    async def reopened() -> int:
        async with await Outbox.open(_settings(path, max_bytes=budget), HUB) as outbox:
            assert len(await outbox.pending(10_000)) == len(left)
            return await outbox.dropped()

    assert run(reopened()) == dropped  # the drop count survives a restart


def test_over_budget_received_events_go_first_and_the_depth_stays_true(tmp_path: Path) -> None:
    """Received rows are freed without counting; a sent row without a receipt is undelivered."""
    budget = 64 * 1024
    conv = new_subject("conv")

    async def scenario() -> None:
        settings = _settings(tmp_path / "o.db", max_bytes=budget, keep_sent_s=3600)
        async with await Outbox.open(settings, HUB) as outbox:
            size = len(envelope(HUB, turn(conv, 0, "x" * 400)).model_dump_json()) + ROW_OVERHEAD
            first = await outbox.emit_many(
                [turn(conv, i, "x" * 400) for i in range(budget // 2 // size)]
            )
            half = len(first) // 2
            await outbox.mark_sent([event.id for event in first])
            await outbox.mark_received([event.id for event in first[:half]])
            assert await outbox.depth() == len(first) - half
            more = await outbox.emit_many(
                [turn(conv, 1000 + i, "x" * 400) for i in range(budget * 5 // 10 // size)]
            )
            counters = await outbox.counters()
            assert counters.bytes <= budget
            assert counters.dropped == 0  # only received rows had to go
            assert counters.depth == len(first) - half + len(more)
            with sqlite3.connect(tmp_path / "o.db") as db:
                (left,) = db.execute("SELECT count(*) FROM events WHERE received_at IS NOT NULL")
                (waiting,) = db.execute("SELECT count(*) FROM events WHERE received_at IS NULL")
            assert left[0] < half and waiting[0] == counters.depth
            await outbox.emit_many([turn(conv, 5000 + i, "x" * 400) for i in range(half * 2)])
            counters = await outbox.counters()
            assert counters.dropped > 0  # then undelivered rows, counted, sent or not
            with sqlite3.connect(tmp_path / "o.db") as db:
                (waiting,) = db.execute("SELECT count(*) FROM events WHERE received_at IS NULL")
            assert waiting[0] == counters.depth

    run(scenario())
