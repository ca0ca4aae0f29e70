"""Nothing lost: broker outages, a SIGKILLed publisher, both at once (real Mosquitto).

A `python -m edge.sync.pump` subprocess emits turns (one commit each) and publishes them
until the cloud has receipted every one; a cloud subscriber with a persistent QoS 1 session
counts event ids and receipts each. Every event committed to the outbox arrives; duplicates
(QoS 1 allows them) are only of ids already seen, which the cloud drops by id; within a
conversation, first arrivals are in order. (With the real ingest and a broker that crashes:
tests/cloud/ingest/test_delivery.py.)
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract.topics import Topics
from harness.mosquitto import Mosquitto
from tests.edge.sync.conftest import USERS, Subscriber, hub_settings
from tests.edge.sync.factories import HUB
from tests.waiting import until


def _pump(settings_file: Path, emit: int, pace: float = 0.0) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "edge.sync.pump", str(settings_file), "--emit", str(emit)]
    return subprocess.Popen([*command, "--pace", str(pace)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip


def _committed(outbox: Path) -> set[str]:
    with sqlite3.connect(outbox) as db:
        return {row[0] for row in db.execute("SELECT id FROM events")}


def _finish(process: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
    _, err = process.communicate(timeout=timeout_s)
    assert process.returncode == 0, err.decode()[-2000:]


def _check(subscriber: Subscriber, outbox: Path) -> int:
    """Every committed event arrived; return the number of duplicates (all of seen ids)."""
    events = [e for e in subscriber.events() if e["type"] != "showfloor.status.v1"]
    committed = _committed(outbox)
    until("every event", lambda: {e["id"] for e in subscriber.events()} >= committed, 20)
    events = [e for e in subscriber.events() if e["type"] != "showfloor.status.v1"]
    seen: set[str] = set()
    last_index: dict[str, int] = defaultdict(lambda: -1)
    duplicates = 0
    for event in events:
        if event["id"] in seen:
            duplicates += 1  # the cloud upserts by id: a duplicate changes nothing
            continue
        seen.add(event["id"])
        conversation, index = event["data"]["conversation_id"], event["data"]["index"]
        assert index > last_index[conversation], "first arrivals in order per conversation"
        last_index[conversation] = index
    assert seen == committed
    return duplicates


@pytest.fixture
def subscriber(broker: Mosquitto, request: pytest.FixtureRequest) -> Iterator[Subscriber]:
    client = Subscriber(
        broker, f"{Topics(HUB).prefix}/+", f"cloud-{request.node.name}"[:60], receipts=True
    )
    yield client
    client.close()


@pytest.fixture
def settings_file(broker: Mosquitto, tmp_path: Path) -> Path:
    settings = hub_settings(broker, tmp_path / "outbox.sqlite3", inflight=50, batch=100,
                            receipt_timeout_s=2.0,
                            client_id=f"hub-1-{tmp_path.name}"[:60])  # fmt: skip
    path = tmp_path / "sync.json"
    values = settings.model_dump(mode="json")
    values["password"] = USERS["hub-1"]  # a SecretStr dumps masked
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def _outbox(settings_file: Path) -> Path:
    return Path(json.loads(settings_file.read_text())["outbox"]["path"])


def test_a_broker_outage_mid_stream_loses_nothing(
    broker: Mosquitto, subscriber: Subscriber, settings_file: Path
) -> None:
    process = _pump(settings_file, emit=600, pace=0.004)
    try:
        until("events to flow", lambda: len(subscriber.messages) > 100, 20, every_s=0.02)
        broker.restart(down_s=1.5)  # the pump keeps committing while the broker is down
        _finish(process)
    finally:
        process.kill()
    _check(subscriber, _outbox(settings_file))


def test_a_publisher_killed_mid_publish_and_restarted_loses_nothing(
    broker: Mosquitto, subscriber: Subscriber, settings_file: Path
) -> None:
    first = _pump(settings_file, emit=1500)
    try:
        until("events to flow", lambda: len(subscriber.messages) > 200, 20, every_s=0.02)
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
    finally:
        first.kill()
    assert len(_committed(_outbox(settings_file))) < 1500  # killed before it emitted all
    # the broker published the hub's last will: retained `offline` status
    until("the last will", lambda: any(json.loads(p)["data"]["state"] == "offline"
                                       for t, p, _ in subscriber.messages
                                       if t.endswith("/status")), 10)  # fmt: skip
    _finish(_pump(settings_file, emit=0))
    _check(subscriber, _outbox(settings_file))


def test_publisher_killed_and_broker_down_at_once_loses_nothing(
    broker: Mosquitto, subscriber: Subscriber, settings_file: Path
) -> None:
    first = _pump(settings_file, emit=1500)
    try:
        until("events to flow", lambda: len(subscriber.messages) > 200, 20, every_s=0.02)
        first.send_signal(signal.SIGKILL)
        broker.stop()
        first.communicate(timeout=10)
    finally:
        first.kill()
    second = _pump(settings_file, emit=100)  # starts while the broker is still down
    try:
        time.sleep(1.0)
        broker.start()
        _finish(second)
    finally:
        second.kill()
    _check(subscriber, _outbox(settings_file))
