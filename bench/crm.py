"""Drain the CRM sync outbox into a vendor's fake: time, API calls per conversation, dups, losses.

    .venv/bin/python -m bench.crm --vendor hubspot --conversations 10000 --workers 1
    .venv/bin/python -m bench.crm --vendor salesforce --conversations 10000 --fail-rate 0.05

N demo conversations (`cloud.demo`, through the real ingest writer) are each linked to their
own person with consent (`cloud.crm.enqueue.link`), which fills the outbox with every job a
real sync sends (person upsert, steps, activity). Then W real `showfloor-cloud crm work`
processes drain it through the vendor's real connector into the vendor's fake, served on
loopback. Time to drain runs from the workers' start to the last job leaving the open states.

The fake is imported by name at run time from `harness.crm.<vendor>`: its
`bench_fake(*, fail_rate, seed, workers)` context manager if it has one, else the adapter here
(`hubspot`). It yields a `Fake`:

    Fake.settings: dict            # the vendor's Settings values (JSON; secrets too), at the fake
    Fake.requests() -> int         # API requests (ADF: messages) it has served so far
    Fake.duplicates() -> int       # records it holds twice (a contact, a call, a lead...)
    Fake.activities() -> set[str]  # the keys of the activities it holds
    Fake.floor_s() -> float | None # the least time its limits allow for requests() requests

Losses: jobs not `sent` at the end, plus activities sent that the vendor does not hold.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import Engine, func, select

from bench.cloudbench import HUB, postgres, register
from cloud.crm import enqueue, people
from cloud.crm.model import VENDORS, Consent
from cloud.demo import conversation
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import db, migrate
from cloud.store.crm import OPEN_STATES, CrmConfigRow, OutboxRow
from cloud.store.projections import Conversation
from harness.http import serve

#: No job leaving the open states for this long: the run fails instead of waiting forever.
STALL_S = 120.0
STAFF = "staff-0123456789abcdef"


@dataclass
class HubSpotFake:
    """`harness.crm.hubspot`'s portal, read as the bench needs it."""

    portal: Any
    settings: dict[str, Any]

    def requests(self) -> int:
        """Requests the portal served."""
        return len(self.portal.requests)

    def duplicates(self) -> int:
        """Contacts with an e-mail held twice, calls with our key held twice."""
        contacts = [c.properties.get("email") for c in self.portal.live("contacts")]
        calls = [c.properties.get("showfloor_event_id") for c in self.portal.live("calls")]
        return len(contacts) - len(set(contacts)) + len(calls) - len(set(calls))

    def activities(self) -> set[str]:
        """Our keys of the calls it holds."""
        return {c.properties.get("showfloor_event_id") for c in self.portal.live("calls")}

    def floor_s(self) -> float:
        """HubSpot's 190 requests / 10 s: the k-th request's window."""
        return 10.0 * ((self.requests() - 1) // 190)


@contextlib.contextmanager
def _hubspot(fail_rate: float, seed: int, workers: int) -> Iterator[HubSpotFake]:
    fake = importlib.import_module("harness.crm.hubspot")
    faults = fake.Faults(error_rate=fail_rate / 2, lost_answer_rate=fail_rate / 2, seed=seed)
    portal = fake.Portal(fake.Config(faults=faults))
    with serve(fake.create_app(portal)) as url:
        settings = {
            "token": "test-token",
            "base_url": url,
            "requests_per_window": 190 // workers,  # one portal shared by the workers
            "backoff_base_s": 0.2,
            "backoff_cap_s": 2.0,
        }
        yield HubSpotFake(portal, settings)


def _fake(vendor: str, args: argparse.Namespace) -> Any:
    try:
        module = importlib.import_module(f"harness.crm.{vendor}")
    except ImportError as err:
        raise SystemExit(f"no fake for {vendor}: harness/crm/{vendor} ({err})") from err
    if hasattr(module, "bench_fake"):
        return module.bench_fake(fail_rate=args.fail_rate, seed=args.seed, workers=args.workers)
    if vendor == "hubspot":
        return _hubspot(args.fail_rate, args.seed, args.workers)
    raise SystemExit(f"harness.crm.{vendor} has no bench_fake(): see bench/crm.py")


def seed_outbox(engine: Engine, vendor: str, settings: dict[str, Any], count: int) -> None:
    """`count` ended conversations, each linked to its own person, and the site's CRM settings."""
    register(engine)
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        session.add(
            CrmConfigRow(
                tenant_id=HUB.tenant,
                site_id=HUB.site,
                vendor=vendor,
                settings=settings,  # secrets too: the fake's throwaway ones (JSON values)
                credentials="",
                user_map={},  # no owner ids: a fake may check them against its users
            )
        )
    rng = random.Random(0)
    start = datetime.now(UTC) - timedelta(days=1)
    writer = BatchWriter(sessions)
    batch: list[Message] = []
    for number in range(count):
        batch.extend(conversation(HUB, STAFF, start + timedelta(seconds=30 * number), rng))
        if len(batch) >= 2000:
            writer.write(batch)
            batch = []
    if batch:
        writer.write(batch)
    consent = Consent(
        by_user="bench@bench.invalid", at=datetime.now(UTC), scopes=("crm",), text="Bench consent."
    )
    with sessions() as session:
        ids = list(
            session.scalars(select(Conversation.id).where(Conversation.tenant_id == HUB.tenant))
        )
    for first in range(0, len(ids), 500):
        with sessions.begin() as session:
            for number, cid in enumerate(ids[first : first + 500], first):
                person = people.create(
                    session,
                    tenant=HUB.tenant,
                    site=HUB.site,
                    first_name="Bench",
                    last_name=f"Customer {number}",
                    email=f"customer{number}@example.com",
                    phone=None,
                    by="bench@bench.invalid",
                )
                enqueue.link(
                    session,
                    tenant=HUB.tenant,
                    site=HUB.site,
                    conversation_id=cid,
                    person=person,
                    consent=consent,
                )


@contextlib.contextmanager
def workers(
    url: str, count: int, key: bytes, state: Path, claim: int
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` `showfloor-cloud crm work` processes; SIGTERM and waited for at the end."""
    env = os.environ | {
        "SHOWFLOOR_CLOUD_CRM_KEY": key.decode(),
        "SHOWFLOOR_CLOUD_CRM_POLL_S": "0.05",
        "SHOWFLOOR_CLOUD_CRM_CLAIM_SIZE": str(claim),
        "SHOWFLOOR_CLOUD_CRM_RETRY_BASE_S": "0.5",
        "SHOWFLOOR_CLOUD_CRM_RETRY_MAX_S": "30",
        "SHOWFLOOR_CLOUD_STATE_DIR": str(state),
        "PYTHONPATH": str(Path.cwd()),
    }
    command = [sys.executable, "-m", "cloud", "crm", "work", "--database-url", url]
    procs = [subprocess.Popen(command, env=env) for _ in range(count)]
    try:
        yield procs
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def _open(engine: Engine) -> int:
    with engine.connect() as connection:
        query = select(func.count()).select_from(OutboxRow).where(OutboxRow.state.in_(OPEN_STATES))
        return int(connection.execute(query).scalar_one())


def drain(engine: Engine, url: str, args: argparse.Namespace, key: bytes) -> float:
    """Seconds until no job is open; SystemExit when nothing moves for STALL_S."""
    with (
        tempfile.TemporaryDirectory() as state,
        workers(url, args.workers, key, Path(state), args.claim),
    ):
        started = last_move = time.monotonic()
        left = _open(engine)
        while left:
            time.sleep(0.25)
            now_left = _open(engine)
            if now_left != left:
                last_move, left = time.monotonic(), now_left
            elif time.monotonic() - last_move > STALL_S:
                raise SystemExit(f"stalled with {left} open jobs: see `showfloor-cloud crm status`")
        return time.monotonic() - started


def report(engine: Engine, fake: Any, conversations: int, seconds: float) -> dict[str, Any]:
    """The figures of one run."""
    with engine.connect() as connection:
        rows = connection.execute(select(OutboxRow.kind, OutboxRow.key, OutboxRow.state)).all()
    held = fake.activities()
    unsent = sum(1 for _, _, state in rows if state != "sent")
    missing = sum(1 for kind, key, state in rows if kind == "activity" and key not in held)
    calls = fake.requests()
    floor = fake.floor_s()
    return {
        "conversations": conversations,
        "jobs": len(rows),
        "drain_s": round(seconds, 1),
        "api_calls": calls,
        "calls_per_conversation": round(calls / conversations, 2),
        "floor_s": round(floor, 1) if floor else None,
        "vs_floor": round(seconds / floor, 2) if floor else None,
        "duplicates": fake.duplicates(),
        "losses": unsent + missing,
    }


def main() -> None:
    """Run once and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vendor", choices=VENDORS, required=True)
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--claim", type=int, default=200, help="crm_claim_size of each worker.")
    parser.add_argument("--fail-rate", type=float, default=0.0, help="Transient failures injected.")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    key = Fernet.generate_key()
    with _fake(args.vendor, args) as fake, postgres() as engine:
        migrate.upgrade(engine)
        seed_outbox(engine, args.vendor, fake.settings, args.conversations)
        url = engine.url.render_as_string(hide_password=False)
        seconds = drain(engine, url, args, key)
        print(report(engine, fake, args.conversations, seconds))


if __name__ == "__main__":
    main()
