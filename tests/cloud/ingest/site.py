"""One site end to end for the delivery tests: hub processes, a real Mosquitto, ingest workers.

The hub is `python -m edge.sync.pump` (outbox and publisher, turns of ten conversations), each
ingest worker is `python -m cloud ingest --worker N` as systemd runs it, the store is the test
database (reached through a `TcpProxy`, so it can be taken away). Every process can be killed
with SIGKILL; `check` then proves that every event committed at the hub is in the cloud
exactly once.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select

from cloud.provision.mosquitto import hub_username
from cloud.store import admin, db
from cloud.store.events import Event
from cloud.store.projections import Conversation, TurnRow
from edge.sync.settings import OutboxSettings, SyncSettings
from harness.mosquitto import Mosquitto
from harness.processes import terminate
from harness.tcpproxy import TcpProxy
from tests.cloud.factory import World

CLOUD_USER, CLOUD_PASSWORD = "cloud", "cloud-secret-pw"
#: How long the hub waits for a receipt before sending an event again (seconds).
RECEIPT_TIMEOUT_S = 1.0


def until(condition: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
    """Poll `condition` every 20 ms; `AssertionError` naming `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class Site:
    """The processes of one site and the cloud; `close` ends every one still running."""

    def __init__(self, engine: Engine, world: World, directory: Path, proxy: TcpProxy) -> None:
        """Broker files from the cloud's provisioning; nothing started yet."""
        self.engine, self.directory, self.proxy = engine, directory, proxy
        self.hub = world.hubs["acme"]
        with db.session_factory(engine).begin() as session:
            admin.write_broker_files(session, directory / "broker", CLOUD_USER, CLOUD_PASSWORD)
        self.broker = Mosquitto(directory / "broker")
        self.outbox = directory / "outbox.sqlite3"
        settings = SyncSettings(
            tenant=self.hub.tenant, site=self.hub.site, hub=self.hub.hub, host="127.0.0.1",
            port=self.broker.port, username=hub_username(self.hub),
            backoff_min_s=0.1, backoff_max_s=0.5, inflight=50, batch=100,
            receipt_timeout_s=RECEIPT_TIMEOUT_S, outbox=OutboxSettings(path=self.outbox),
        )  # fmt: skip
        values = settings.model_dump(mode="json")
        values["password"] = world.hub_passwords["acme"]  # a SecretStr dumps masked
        self.settings = directory / "sync.json"
        self.settings.write_text(json.dumps(values), encoding="utf-8")
        self.processes: list[subprocess.Popen[bytes]] = []

    def database_url(self) -> str:
        """The test database, through the proxy."""
        url = self.engine.url.set(host="127.0.0.1", port=self.proxy.port)
        return url.render_as_string(hide_password=False)

    def ingest(self, worker: int) -> subprocess.Popen[bytes]:
        """Start an ingest worker and wait until it has subscribed (systemd's READY=1)."""
        notify = self.directory / f"notify-{worker}-{len(self.processes)}"
        url = f"mqtt://{CLOUD_USER}:{CLOUD_PASSWORD}@127.0.0.1:{self.broker.port}"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
        environment |= {
            "NOTIFY_SOCKET": str(notify),
            "SHOWFLOOR_CLOUD_DATABASE_URL": self.database_url(),
            "SHOWFLOOR_CLOUD_INGEST_RETRY_S": "0.25",
        }
        command = [sys.executable, "-m", "cloud", "-v", "ingest", "--worker", str(worker)]
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
            systemd.bind(str(notify))
            systemd.settimeout(30)
            with (self.directory / f"ingest-{worker}.log").open("ab") as log:
                process = subprocess.Popen(
                    [*command, "--mqtt-url", url], env=environment, stdout=log, stderr=log
                )
            self.processes.append(process)
            if systemd.recv(4096) != b"READY=1":
                raise AssertionError("the ingest worker did not say READY=1")
        return process

    def ingest_log(self, worker: int) -> str:
        """What ingest worker `worker` logged so far."""
        return (self.directory / f"ingest-{worker}.log").read_text(encoding="utf-8")

    def pump(self, emit: int, pace_s: float = 0.005) -> subprocess.Popen[bytes]:
        """Start the hub: emit `emit` turns, publish until the cloud receipted every event."""
        command = [sys.executable, "-m", "edge.sync.pump", str(self.settings), "--emit", str(emit)]
        log = (self.directory / "hub.log").open("ab")
        with log:
            process = subprocess.Popen([*command, "--pace", str(pace_s)], stdout=log, stderr=log)
        self.processes.append(process)
        return process

    def finish(self, process: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
        """Until the hub has every receipt (it exits 0 then)."""
        code = process.wait(timeout_s)
        assert code == 0, self.hub_log()[-3000:]

    def hub_log(self) -> str:
        """What the hub processes logged so far."""
        return (self.directory / "hub.log").read_text(encoding="utf-8")

    @staticmethod
    def kill(process: subprocess.Popen[bytes]) -> None:
        """SIGKILL and reap."""
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def _outbox_query(self, sql: str) -> list[tuple[object, ...]]:
        """Read the hub's outbox (nothing before the hub has created and migrated it)."""
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.outbox}?mode=ro", uri=True)) as db:
                return db.execute(sql).fetchall()
        except sqlite3.OperationalError as err:
            if str(err).startswith(("no such table", "no such column", "unable to open")):
                return []
            raise

    def hub_rows(self, where: str = "1") -> int:
        """Rows of the hub's outbox matching an SQL condition."""
        rows = self._outbox_query(f"SELECT count(*) FROM events WHERE {where}")
        return int(str(rows[0][0])) if rows else 0

    def committed(self) -> set[str]:
        """Every event id the hub committed."""
        return {str(row[0]) for row in self._outbox_query("SELECT id FROM events")}

    def check(self) -> int:
        """Every committed event is in the cloud once, and counted once; return how many."""
        committed = self.committed()
        with self.engine.connect() as connection:
            # the hub's retained statuses are published beside the outbox, not from it
            query = select(Event.id).where(Event.type != "showfloor.status.v1")
            stored = list(connection.execute(query).scalars())
            turns = connection.execute(select(func.count()).select_from(TurnRow)).scalar_one()
            counted = connection.execute(select(func.sum(Conversation.turns))).scalar_one()
        assert len(stored) == len(set(stored)), "an event is stored twice"
        assert set(stored) == committed, (
            f"{len(committed - set(stored))} committed events missing in the cloud, "
            f"{len(set(stored) - committed)} unknown ones"
        )
        assert turns == counted == len(committed), "the projections counted a re-send twice"
        assert self.hub_rows("received_at IS NULL") == 0, "the hub still waits for receipts"
        return len(committed)

    def close(self) -> None:
        """Stop what still runs: hubs and workers, then the broker."""
        for process in self.processes:
            terminate(process)
        self.broker.stop()
