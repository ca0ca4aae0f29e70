"""Sustained ingest Mosquitto -> PostgreSQL with validation and dedupe: events/s and p95 lag.

    .venv/bin/python -m bench.ingest --events 100000 --runs 3
    .venv/bin/python -m bench.ingest --events 100000 --runs 3 --rate 3000
    .venv/bin/python -m bench.ingest --events 100000 --runs 3 --workers 2

A hub process publishes realistic conversations (turn-heavy, as `cloud.demo` makes them) at
QoS 1 as fast as the broker takes them (or at `--rate` events/s, where the lag is what an
event waits at that load), each event stamped with its publish time; the cloud's
real `IngestConsumer` + `BatchWriter` store them. Throughput = events / (last commit - first
receipt); lag = commit time - the event's `time` (publish), over every event. A run fails if
the conversations' turn counters disagree with the turns stored (workers lost an update);
`fallbacks` counts batches that failed whole and were written one event at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.cloudbench import HUB, postgres, register
from cloud.demo import conversation
from cloud.ingest.check import Message
from cloud.ingest.consumer import IngestConsumer
from cloud.ingest.receipts import Receipts
from cloud.ingest.writer import BatchWriter
from cloud.mqtt import BrokerAddress
from cloud.store import admin, db
from cloud.store.events import Event
from cloud.store.projections import Conversation, TurnRow
from harness.mosquitto import Mosquitto

CLOUD = ("cloud", "cloud-bench-pw")
#: The ingest client's queue is the buffer while the database catches up: Mosquitto's default
#: (1000 messages) drops QoS 1 messages beyond it, so production brokers need it raised too.
BROKER_LIMITS = "max_queued_messages 1000000\nmax_queued_bytes 0\n"
#: No event stored for this long means events were lost: the run fails instead of waiting.
STALL_S = 60.0
_STAMP = "@@publish-time@@"
_STAMP_BYTES = json.dumps(_STAMP).encode()[1:-1]
#: Published but not yet acknowledged by the broker, at most.
_OUTSTANDING = 20000
#: The envelope's `time` (the first "time" key of an event; payloads have none).
_TIME = re.compile(rb'"time":\s*"([^"]+)"')


def _payloads(count: int, seed: int) -> list[tuple[str, bytes]]:
    """`count` events of fresh conversations, serialized once before the clock starts.

    The envelope's `time` is left as `_STAMP`, filled in at publish: what the hub does to make
    an event is not what this measures.
    """
    import random

    rng = random.Random(seed)
    staff = "staff-0123456789abcdef"
    made: list[tuple[str, bytes]] = []
    while len(made) < count:
        for message in conversation(HUB, staff, datetime.now(UTC), rng):
            event = json.loads(message.payload)
            event["time"] = _STAMP
            made.append((message.topic, json.dumps(event).encode()))
    return made[:count]


def _publish(port: int, password: str, count: int, seed: int, rate: float) -> None:
    """The hub: `count` events, back to back or `rate` a second (runs in its own process).

    At most `_OUTSTANDING` unacknowledged at once: an MQTT client has 65,535 message ids, and
    paho refuses (`MQTT_ERR_QUEUE_SIZE`) a publish whose id is still in use.
    """
    from collections import deque

    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    payloads = _payloads(count, seed)
    client = mqtt.Client(
        CallbackAPIVersion.VERSION2, client_id=f"bench-hub-{seed}", protocol=mqtt.MQTTv5
    )
    client.username_pw_set("hub-bench-main-hub-1", password)
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    client.connect("127.0.0.1", port)
    client.loop_start()
    outstanding: deque[mqtt.MQTTMessageInfo] = deque()
    started = time.monotonic()
    for sent, (topic, payload) in enumerate(payloads):
        if rate and (ahead := started + sent / rate - time.monotonic()) > 0:
            time.sleep(ahead)
        if len(outstanding) >= _OUTSTANDING:
            outstanding.popleft().wait_for_publish(timeout=120)
        now = datetime.now(UTC).isoformat().encode()
        info = client.publish(topic, payload.replace(_STAMP_BYTES, now, 1), qos=1)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            raise RuntimeError(f"publish refused: {mqtt.error_string(info.rc)}")
        outstanding.append(info)
    for info in outstanding:
        info.wait_for_publish(timeout=120)
    client.disconnect()
    client.loop_stop()


class TimedWriter(BatchWriter):
    """The real writer, noting when each batch committed and each event's lag."""

    lags: list[float]
    first: float | None = None
    last: float = 0.0

    def write(self, messages: Sequence[Message]) -> Receipts:
        """Write, then record lags against the events' own `time`."""
        receipts = super().write(messages)
        now = datetime.now(UTC)
        self.first = self.first or min(m.received_at for m in messages).timestamp()
        self.last = now.timestamp()
        for message in messages:
            found = _TIME.search(message.payload)
            if found:
                sent = datetime.fromisoformat(found.group(1).decode())
                self.lags.append((now - sent) / timedelta(seconds=1))
        return receipts


async def _ingest(
    port: int, writer: TimedWriter, index: int, shared: tuple[Any, Any], expected: int
) -> None:
    """One ingest worker, until the workers together stored `expected` events.

    `shared`: how many workers have subscribed, and how many events all have stored.
    """
    ready, total = shared
    consumer = IngestConsumer(
        BrokerAddress("127.0.0.1", port, *CLOUD),
        writer,
        client_id=f"bench-ingest-{index}",
        batch_size=1000,
        batch_wait_s=0.05,
    )
    task = asyncio.create_task(consumer.run(), name="ingest")
    mine, seen, progress_at = 0, 0, time.monotonic()
    try:
        while not consumer.subscribed.is_set():
            if task.done():
                task.result()
            await asyncio.sleep(0.05)
        with ready.get_lock():
            ready.value += 1
        while total.value < expected:
            if task.done():
                task.result()  # the consumer stopped: raise why
            if (done := writer.stats.stored + writer.stats.duplicates) != mine:
                with total.get_lock():
                    total.value += done - mine
                mine = done
            if total.value != seen:  # any worker's progress: one may idle while others store
                seen, progress_at = total.value, time.monotonic()
            elif time.monotonic() - progress_at > STALL_S:
                raise RuntimeError(f"ingest stalled at {total.value} of {expected} events")
            await asyncio.sleep(0.2)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def _worker(
    port: int, url: str, index: int, shared: tuple[Any, Any], expected: int, out: Any
) -> None:
    """An ingest process: its own engine, writer and MQTT client; reports its timings."""
    engine = db.make_engine(url)
    writer = TimedWriter(db.session_factory(engine))
    writer.lags = []
    try:
        asyncio.run(_ingest(port, writer, index, shared, expected))
    finally:
        engine.dispose()
        out.put((writer.first, writer.last, writer.lags, writer.stats.fallbacks))


def run_once(count: int, seed: int, rate: float = 0.0, workers: int = 1) -> dict[str, float]:
    """One run on a fresh database and broker, with `workers` ingest processes."""
    spawn = multiprocessing.get_context("spawn")
    with postgres() as engine, tempfile.TemporaryDirectory() as tmp:
        password = register(engine)
        with db.session_factory(engine).begin() as session:
            admin.write_broker_files(session, Path(tmp), *CLOUD)
        with Mosquitto(Path(tmp), extra=BROKER_LIMITS) as broker:
            shared, out = (spawn.Value("q", 0), spawn.Value("q", 0)), spawn.Queue()
            url = engine.url.render_as_string(hide_password=False)
            ingest = [
                spawn.Process(target=_worker, args=(broker.port, url, i, shared, count, out))
                for i in range(workers)
            ]
            for process in ingest:
                process.start()
            deadline = time.monotonic() + 60
            while shared[0].value < workers:  # every worker subscribed before the hub starts
                if time.monotonic() > deadline or not all(p.is_alive() for p in ingest):
                    raise RuntimeError("the ingest workers did not subscribe")
                time.sleep(0.05)
            publisher = spawn.Process(
                target=_publish, args=(broker.port, password, count, seed, rate)
            )
            started = time.perf_counter()
            publisher.start()
            reports = [out.get(timeout=STALL_S * 5) for _ in ingest]
            for process in (*ingest, publisher):
                process.join(timeout=60)
            wall = time.perf_counter() - started
        with engine.connect() as connection:
            stored = connection.execute(select(func.count()).select_from(Event)).scalar_one()
            counted = connection.execute(select(func.sum(Conversation.turns))).scalar_one()
            turns = connection.execute(select(func.count()).select_from(TurnRow)).scalar_one()
    if counted != turns:  # concurrent workers lost updates of the conversations' counters
        raise RuntimeError(f"conversations count {counted} turns but {turns} were stored")
    first = min(report[0] for report in reports if report[0] is not None)
    last = max(report[1] for report in reports)
    lags = sorted(lag for report in reports for lag in report[2])
    return {
        "events": float(stored),
        "events_per_s": stored / (last - first),
        "p50_lag_ms": 1000 * lags[len(lags) // 2],
        "p95_lag_ms": 1000 * lags[int(len(lags) * 0.95)],
        "wall_s": wall,
        "fallbacks": float(sum(report[3] for report in reports)),
    }


def main() -> None:
    """Run, print each run and the medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=30000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--rate", type=float, default=0.0, help="events/s to publish (default: as fast as taken)"
    )
    parser.add_argument("--workers", type=int, default=1, help="ingest processes")
    args = parser.parse_args()
    results = [run_once(args.events, seed, args.rate, args.workers) for seed in range(args.runs)]
    for result in results:
        print({key: round(value, 1) for key, value in result.items()})
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    print("median", {key: round(value, 1) for key, value in medians.items()})


if __name__ == "__main__":
    main()
