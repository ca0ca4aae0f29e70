"""Hub outbox and MQTT throughput with durability on (issue 3), against a real Mosquitto.

    .venv/bin/python -m bench.outbox [--runs 3] [--backlog 100000]

- commit: events committed per second by `Outbox.emit` (one fsync'd transaction each, as a
  live hub commits) and by `emit_many` in batches of 100;
- drain: a backlog committed while the broker is down, then the time from the broker's start
  until every event is PUBACKed and marked sent (target: 100,000 events in < 60 s).
Prints medians of `--runs` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from contract.ids import new_subject
from edge.sync.outbox import Outbox
from edge.sync.publisher import Publisher
from edge.sync.pump import _turn
from edge.sync.settings import SyncSettings
from harness.mosquitto import Mosquitto, hub_acl

PREFIX = "showfloor/v1/bench/site/hub-1"


def _settings(broker: Mosquitto, outbox: Path) -> SyncSettings:
    return SyncSettings.model_validate(
        {
            "tenant": "bench", "site": "site", "hub": "hub-1", "host": "127.0.0.1",
            "port": broker.port, "username": "hub", "password": "pw", "inflight": 1000,
            "batch": 1000, "backoff_min_s": 0.05, "backoff_max_s": 0.2,
            "outbox": {"path": str(outbox), "max_bytes": 1 << 30},
        }
    )  # fmt: skip


async def _commit(settings: SyncSettings, n: int, batch: int) -> float:
    subjects = [new_subject("conv") for _ in range(10)]
    async with await Outbox.open(settings.outbox, settings.address) as outbox:
        started = time.perf_counter()
        for first in range(0, n, batch):
            items = [_turn(subjects[i % 10], i) for i in range(first, min(n, first + batch))]
            await outbox.emit_many(items)
        return n / (time.perf_counter() - started)


async def _drain(broker: Mosquitto, settings: SyncSettings, backlog: int) -> float:
    await _commit(settings, backlog, 1000)  # the broker is down meanwhile
    async with await Outbox.open(settings.outbox, settings.address) as outbox:
        publisher = Publisher(settings, outbox)
        task = asyncio.create_task(publisher.run())
        try:
            started = time.perf_counter()
            broker.start()
            # the broker's PUBACKs, not the cloud's receipts: no cloud runs here
            while await outbox.pending(1) or publisher.in_flight:  # noqa: ASYNC110 (SQLite)
                await asyncio.sleep(0.05)
            return time.perf_counter() - started
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def main() -> None:
    """Run and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backlog", type=int, default=100_000)
    parser.add_argument("--commits", type=int, default=2000)
    args = parser.parse_args()
    single, batched, drains = [], [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            broker = Mosquitto(directory / "broker", {"hub": "pw"}, hub_acl("hub", PREFIX))
            try:
                settings = _settings(broker, directory / "commit.db")
                single.append(asyncio.run(_commit(settings, args.commits, 1)))
                settings = _settings(broker, directory / "batch.db")
                batched.append(asyncio.run(_commit(settings, args.commits * 5, 100)))
                seconds = asyncio.run(_drain(broker, _settings(broker, directory / "d.db"),
                                             args.backlog))  # fmt: skip
                drains.append(seconds)
                print(f"run {run + 1}: commit {single[-1]:.0f}/s, batched {batched[-1]:.0f}/s, "
                      f"drain {args.backlog} in {seconds:.1f} s")  # fmt: skip
            finally:
                broker.stop()
    drain = statistics.median(drains)
    print(f"median commit, one event per transaction: {statistics.median(single):.0f} events/s")
    print(f"median commit, batches of 100: {statistics.median(batched):.0f} events/s")
    print(f"median drain of {args.backlog} events: {drain:.1f} s "
          f"({args.backlog / drain:.0f} events/s published and acknowledged)")  # fmt: skip
    print(f"target < 60 s: {'met' if drain < 60 else 'NOT met'}")


if __name__ == "__main__":
    main()
