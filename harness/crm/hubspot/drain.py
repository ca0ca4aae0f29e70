"""Drain N linked conversations through the HubSpot connector into the fake, at HubSpot's limits.

A connector-level measurement (the outbox and its workers are `bench/crm.py`'s): each
conversation is a new person and their conversation (`UpsertPerson` + `LogActivity`), pushed
`--pairs` per push; a worker loop sleeps each Retry's `after_s` and pushes those jobs again.
Prints the time against the floor HubSpot's window allows, requests per conversation, and the
portal's contacts and calls (duplicates and losses).

    python -m harness.crm.hubspot.drain --conversations 10000 --fail-rate 0.05 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from cloud.crm.model import (
    Activity,
    Consent,
    Failed,
    LogActivity,
    Person,
    Retry,
    SyncJob,
    UpsertPerson,
)
from cloud.crm.vendors.hubspot import Connector, Settings
from harness.crm.hubspot.app import create_app
from harness.crm.hubspot.portal import Config, Faults, Portal
from harness.http import serve

_AT = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
_CONSENT = Consent(by_user="bench@example.com", at=_AT, scopes=("crm",), text="bench")


def conversation(n: int) -> list[SyncJob]:
    """The two jobs of conversation `n`: its person's link and the ended conversation."""
    who = Person(id=f"d{n}", last_name=f"Drain{n}", email=f"d{n}@example.com", consent=_CONSENT)
    talk = Activity(
        conversation_id=f"c{n}",
        site_id="s",
        started_at=_AT,
        ended_at=_AT + timedelta(minutes=9),
        duration_s=540,
        summary="Bench conversation.",
    )
    return [
        UpsertPerson(key=f"link-{n}", tenant_id="t", site_id="s", person=who),
        LogActivity(key=f"ended-{n}", tenant_id="t", site_id="s", person=who, activity=talk),
    ]


async def _worker(settings: Settings, queue: list[list[SyncJob]], failed: list[str]) -> None:
    connector = Connector(settings)
    try:
        while queue:
            batch = queue.pop(0)
            while batch:
                results = await connector.push(batch)
                failed.extend(r.reason for r in results if isinstance(r, Failed))
                waits = [r.after_s or 0.0 for r in results if isinstance(r, Retry)]
                batch = [job for job, r in zip(batch, results, strict=True) if isinstance(r, Retry)]
                if waits:
                    await asyncio.sleep(min(waits))
    finally:
        await connector.aclose()


async def _drain(url: str, args: argparse.Namespace) -> tuple[float, list[str]]:
    pairs = max(1, min(args.pairs, 50))
    queue = [
        [
            job
            for n in range(start, min(start + pairs, args.conversations))
            for job in conversation(n)
        ]
        for start in range(0, args.conversations, pairs)
    ]
    settings = Settings(
        token=SecretStr("test-token"),
        base_url=url,
        requests_per_window=190 // args.workers,
        backoff_base_s=0.2,
        backoff_cap_s=2.0,
    )
    failed: list[str] = []
    began = time.monotonic()
    await asyncio.gather(*(_worker(settings, queue, failed) for _ in range(args.workers)))
    return time.monotonic() - began, failed


def main() -> None:
    """Run the drain and print one line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--fail-rate", type=float, default=0.0, help="half 5xx, half lost answers")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=50, help="conversations per push (≤ 50)")
    args = parser.parse_args()
    rate = args.fail_rate / 2
    portal = Portal(Config(faults=Faults(error_rate=rate, lost_answer_rate=rate, seed=1)))
    with serve(create_app(portal)) as url:
        elapsed, failed = asyncio.run(_drain(url, args))
    sent = len(portal.requests)
    floor = 10.0 * ((sent - 1) // 190)  # the k-th request of a 190 / 10 s window
    contacts = {c.properties["email"] for c in portal.live("contacts")}
    calls = {c.properties["showfloor_event_id"] for c in portal.live("calls")}
    print(  # noqa: T201 (a command's output)
        f"{args.conversations} conversations, {args.workers} worker(s), fail rate "
        f"{args.fail_rate:.0%}: {elapsed:.1f} s (floor {floor:.0f} s for {sent} requests), "
        f"{sent / args.conversations:.3f} requests/conversation, "
        f"429s {portal.counts['status.429']}, contacts {len(portal.live('contacts'))} "
        f"({len(contacts)} distinct), calls {len(portal.live('calls'))} ({len(calls)} distinct), "
        f"failed {len(failed)}"
    )


if __name__ == "__main__":
    main()
