"""A busy Saturday at scale: 200 hubs on 40 sites into one cloud (two ingest workers, PostgreSQL).

    .venv/bin/python -m bench.saturday [--hubs 200] [--sites 40] [--hours 1] [--speed 10]

Every simulated hub is the hub's real delivery path: its own SQLite outbox (fsync'd commits)
and `Publisher` (QoS 1, persistent session, receipts on), fed a Saturday's peak at `--speed`
times real time: conversations (started, turns, a prompt and its outcome, ended, greeted; as
`cloud.demo` makes them), visitors entering, dwelling and leaving, and five-minute traffic
summaries per zone. Hubs run `--processes` to a process; the cloud is Mosquitto (the broker
role's persistence settings) and two `showfloor-cloud ingest` workers on a fresh PostgreSQL
database, all on this machine.

Figures: events/s committed in the cloud over the run; ingest lag p50/p95/max = the cloud's
receipt back at the hub minus the hub's commit (the whole trip, receipt included). Proof:
the hubs' outboxes (every event each committed) equal the cloud's events by id, none is stored
twice, the conversations' turn counters equal the turns stored, and every hub ends with
nothing awaiting a receipt.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from bench.cloudbench import postgres
from cloud.demo import ZONES, conversation
from cloud.provision.mosquitto import hub_username
from cloud.store import admin, db
from cloud.store.events import Event
from cloud.store.projections import Conversation, TurnRow
from contract import payloads as p
from contract.events import parse_event
from contract.ids import HubAddress, new_subject
from edge.sync.outbox import Outbox
from edge.sync.publisher import Publisher
from edge.sync.settings import OutboxSettings, SyncSettings
from harness.mosquitto import Mosquitto
from harness.processes import terminate

CLOUD = ("cloud", "cloud-saturday-pw")
#: As deploy/ansible/roles/broker/templates/mosquitto.conf.j2 (queue limit raised for a backlog).
BROKER = "autosave_interval 10\nmax_queued_messages 1000000\n"
STAFF = "staff-0123456789abcdef"
Schedule = list[tuple[float, p.Payload]]


def saturday(
    hub: HubAddress, hours: float, seed: int, conversations: float, visitors: float
) -> Schedule:
    """A hub's events over `hours` of a busy Saturday: (seconds from opening, payload)."""
    rng = random.Random(seed)
    span = hours * 3600
    opening = datetime(2026, 3, 7, 10, tzinfo=UTC)
    events: Schedule = []
    for _ in range(round(conversations * hours)):
        begins = opening + timedelta(seconds=rng.uniform(0, span))
        for message in conversation(hub, STAFF, begins, rng):
            event = parse_event(message.payload)
            events.append(((event.time - opening).total_seconds(), event.data))
    for _ in range(round(visitors * hours)):
        at, visit, zone = rng.uniform(0, span), new_subject("visit"), rng.choice(ZONES)
        stay = rng.uniform(120, 1800)
        events.append((at, p.Presence(action="enter", zone=zone, visit_id=visit)))
        events.append((at + 60, p.Presence(action="dwell", zone=zone, visit_id=visit, dwell_s=60)))
        events.append((at + stay, p.Presence(action="exit", zone=zone, visit_id=visit)))
    for interval in range(0, int(span), 300):
        for zone in ZONES:
            summary = p.TrafficSummary(
                zone=zone, interval_start=opening + timedelta(seconds=interval), interval_s=300,
                visitors=rng.randint(0, 12), devices=rng.randint(0, 30), staff_present=3,
            )  # fmt: skip
            events.append((interval + 300.0, summary))
    return sorted((e for e in events if e[0] <= span), key=lambda e: e[0])


async def _hub(settings: SyncSettings, schedule: Schedule, speed: float, t0: float) -> None:
    """Emit on time, publish, and return once the cloud receipted everything."""
    async with await Outbox.open(settings.outbox, settings.address) as outbox:
        publisher = Publisher(settings, outbox)
        task = asyncio.create_task(publisher.run(), name=f"publisher-{settings.hub}")
        try:
            for at, payload in schedule:
                await asyncio.sleep(max(0.0, t0 + at / speed - time.time()))
                await outbox.emit(payload)
            while await outbox.depth() > 0:  # noqa: ASYNC110 (a count in SQLite)
                await asyncio.sleep(0.2)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _hubs(
    jobs: list[tuple[dict[str, Any], float, int]], options: dict[str, float], t0: float
) -> None:
    """One process of hubs (run with `spawn`)."""

    async def main() -> None:
        async with asyncio.TaskGroup() as group:
            for values, _, seed in jobs:
                settings = SyncSettings.model_validate(values)
                schedule = saturday(settings.address, options["hours"], seed,
                                    options["conversations"], options["visitors"])  # fmt: skip
                group.create_task(_hub(settings, schedule, options["speed"], t0))

    asyncio.run(main())


def _register(engine: Engine, hubs: int, sites: int) -> list[tuple[HubAddress, str]]:
    """Tenants of ten sites each, `hubs` spread evenly over `sites`; (hub, MQTT password)."""
    made: list[tuple[HubAddress, str]] = []
    with db.session_factory(engine).begin() as session:
        for site in range(sites):
            tenant = f"group-{site // 10}"
            if site % 10 == 0:
                admin.add_tenant(session, tenant, tenant.title())
            admin.add_site(session, tenant, f"site-{site}", f"Site {site}")
        for index in range(hubs):
            address = HubAddress(f"group-{index % sites // 10}", f"site-{index % sites}",
                                 f"hub-{index // sites + 1}")  # fmt: skip
            made.append((address, admin.add_hub(session, address, "", "mqtt://x").password))
    return made


def _ingest(broker: Mosquitto, url: str, worker: int, directory: Path) -> subprocess.Popen[bytes]:
    """`showfloor-cloud ingest --worker N`, once it has subscribed (systemd's READY=1)."""
    notify = directory / f"notify-{worker}"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment |= {"NOTIFY_SOCKET": str(notify), "SHOWFLOOR_CLOUD_DATABASE_URL": url}
    mqtt = f"mqtt://{CLOUD[0]}:{CLOUD[1]}@127.0.0.1:{broker.port}"
    command = [sys.executable, "-m", "cloud", "ingest", "--worker", str(worker), "--mqtt-url", mqtt]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
        systemd.bind(str(notify))
        systemd.settimeout(60)
        with (directory / f"ingest-{worker}.log").open("wb") as log:
            process = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
        if systemd.recv(4096) != b"READY=1":
            raise RuntimeError(f"ingest worker {worker} did not start")
    return process


def _outboxes(directory: Path) -> tuple[set[str], list[float], int]:
    """Every event id the hubs committed, their lags (s), and rows still awaiting a receipt."""
    ids: set[str] = set()
    lags: list[float] = []
    waiting = 0
    for path in sorted(directory.glob("hub-*.sqlite3")):
        with contextlib.closing(sqlite3.connect(path)) as outbox:
            rows = outbox.execute("SELECT id, created_at, received_at FROM events").fetchall()
        for event_id, created, received in rows:
            ids.add(event_id)
            if received is None:
                waiting += 1
            else:
                lags.append(received - created)
    return ids, sorted(lags), waiting


def run(args: argparse.Namespace) -> dict[str, float]:
    """One run; the figures, after checking nothing was lost or duplicated."""
    spawn = multiprocessing.get_context("spawn")
    with postgres() as engine, tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        hubs = _register(engine, args.hubs, args.sites)
        with db.session_factory(engine).begin() as session:
            admin.write_broker_files(session, directory / "broker", *CLOUD)
        url = engine.url.render_as_string(hide_password=False)
        with Mosquitto(directory / "broker", extra=BROKER) as broker:
            workers = [_ingest(broker, url, n, directory) for n in (1, 2)]
            try:
                jobs = []
                for seed, (address, password) in enumerate(hubs):
                    settings = SyncSettings(
                        tenant=address.tenant, site=address.site, hub=address.hub,
                        host="127.0.0.1", port=broker.port, username=hub_username(address),
                        receipt_timeout_s=60.0, outbox=OutboxSettings(
                            path=directory / f"hub-{seed:03d}.sqlite3"),
                    )  # fmt: skip
                    values = settings.model_dump(mode="json") | {"password": password}
                    jobs.append((values, 0.0, seed))
                options = {
                    k: float(getattr(args, k))
                    for k in ("hours", "speed", "conversations", "visitors")
                }
                t0 = time.time() + 5.0  # every process has imported and connected by then
                share = len(jobs) // args.processes + 1
                processes = [
                    spawn.Process(target=_hubs, args=(jobs[i : i + share], options, t0))
                    for i in range(0, len(jobs), share)
                ]
                for process in processes:
                    process.start()
                for process in processes:
                    process.join()
                    if process.exitcode != 0:
                        raise RuntimeError(f"a hub process failed ({process.exitcode})")
                wall = time.time() - t0
            finally:
                for worker in workers:
                    terminate(worker)
        committed, lags, waiting = _outboxes(directory)
        with engine.connect() as connection:
            query = select(Event.id, Event.received_at).where(Event.type != "showfloor.status.v1")
            stored = connection.execute(query).all()
            turns = connection.execute(select(func.count()).select_from(TurnRow)).scalar_one()
            counted = connection.execute(select(func.sum(Conversation.turns))).scalar_one() or 0
    ids = [row[0] for row in stored]
    if len(ids) != len(set(ids)) or set(ids) != committed or waiting:
        raise RuntimeError(
            f"lost or duplicated: {len(committed - set(ids))} missing, "
            f"{len(ids) - len(set(ids))} twice, {waiting} without a receipt"
        )
    if turns != counted:
        raise RuntimeError(f"conversations count {counted} turns, {turns} stored")
    arrivals = sorted(row[1] for row in stored)
    span = (arrivals[-1] - arrivals[0]).total_seconds()
    return {
        "hubs": float(len(hubs)),
        "events": float(len(ids)),
        "wall_s": wall,
        "events_per_s": len(ids) / span,
        "lag_p50_ms": 1000 * lags[len(lags) // 2],
        "lag_p95_ms": 1000 * lags[int(len(lags) * 0.95)],
        "lag_max_ms": 1000 * lags[-1],
        "lag_mean_ms": 1000 * statistics.fmean(lags),
    }


def main() -> None:
    """Run once and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hubs", type=int, default=200)
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--hours", type=float, default=1.0, help="Saturday hours simulated.")
    parser.add_argument("--speed", type=float, default=10.0, help="Times real time.")
    parser.add_argument("--conversations", type=float, default=6.0, help="Per hub and hour.")
    parser.add_argument("--visitors", type=float, default=25.0, help="Per hub and hour.")
    parser.add_argument("--processes", type=int, default=4, help="Hub processes.")
    args = parser.parse_args()
    result = run(args)
    sys.stdout.write(" ".join(f"{k}={v:.1f}" for k, v in result.items()) + "\n")


if __name__ == "__main__":
    main()
