"""Drain linked conversations into the Salesforce and Dynamics fakes with their limits on.

    PYTHONPATH=$PWD .venv/bin/python -m bench.crm_sfdyn [--vendor salesforce|dynamics]
        [--conversations 10000] [--workers 1] [--fail 0.05] [--speed 5]

Each conversation is five jobs (link, three steps, the activity), queued in order; `workers`
loops each take up to the connector's `max_batch` jobs of whole conversations, push them, and
push the Retry ones again after their `after_s`, until every job is Sent. `--fail` makes that
share of the fake's API calls answer 503. The fakes' clock runs `--speed` times faster than
real time (the connector waits on the same clock), so Dynamics' 6,000 requests / 5 minutes
takes 1/speed of the wall time. Prints: time to drain (fake seconds), the floor the vendor's
limit allows for the API calls made, API calls per conversation, duplicates and losses.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from cloud.crm.backoff import Backoff
from cloud.crm.model import Failed, Retry, SyncJob
from cloud.crm.vendors import dynamics, salesforce
from harness.crm.clock import FakeClock
from harness.crm.dynamics import FakeDataverse
from harness.crm.salesforce import FakeSalesforce
from harness.http import serve
from tests.cloud.crm.vendors.jobs_sfdyn import conversation

BACKOFF = Backoff(base_s=0.5, cap_s=4.0, attempts=3)
SF_STEPS = {"greeted": "Working - Contacted", "test_drive": "Test Drive", "negotiation": "Write-up"}
DYN_STEPS = {"greeted": 2, "test_drive": 100000001, "negotiation": 100000002}


def _batches(conversations: int, per_batch: int) -> deque[list[SyncJob]]:
    """Whole conversations (5 jobs each), at most `per_batch` jobs a batch."""
    whole = max(1, per_batch // 5)
    numbers = list(range(1, conversations + 1))
    groups = [numbers[i : i + whole] for i in range(0, len(numbers), whole)]
    return deque([job for n in group for job in conversation(n)] for group in groups)


async def _worker(
    connector: Any, batches: deque[list[SyncJob]], sleep: Callable[[float], Awaitable[None]]
) -> int:
    failed = 0
    while batches:
        todo = batches.popleft()
        while todo:
            results = await connector.push(todo)
            failed += sum(isinstance(r, Failed) for r in results)
            retry = [(j, r) for j, r in zip(todo, results, strict=True) if isinstance(r, Retry)]
            todo = [job for job, _ in retry]
            if retry:
                await sleep(max(r.after_s or 0.1 for _, r in retry))
    await connector.aclose()
    return failed


def _scaled(speed: float) -> Callable[[float], Awaitable[None]]:
    return lambda seconds: asyncio.sleep(seconds / speed)


def _drain(
    args: argparse.Namespace, make: Callable[[], Any], clock: FakeClock, calls: Callable[[], int]
) -> tuple[float, int]:
    async def report(batches: deque[list[SyncJob]]) -> None:
        while True:
            await asyncio.sleep(10)
            print(f"  t={clock():.0f} s: {calls()} calls, {len(batches)} batches left", flush=True)

    async def go() -> int:
        connectors = [make() for _ in range(args.workers)]
        batches = _batches(args.conversations, connectors[0].max_batch)
        sleep = _scaled(args.speed)
        progress = asyncio.create_task(report(batches))
        try:
            return sum(await asyncio.gather(*[_worker(c, batches, sleep) for c in connectors]))
        finally:
            progress.cancel()

    start, wall = clock(), time.monotonic()
    failed = asyncio.run(go())
    print(f"  wall {time.monotonic() - wall:.1f} s")
    return clock() - start, failed


def _figures(
    elapsed: float, failed: int, calls: int, floor: float, people: list[str], activities: list[str]
) -> dict[str, Any]:
    return {
        "elapsed_s": elapsed, "failed": failed, "calls": calls, "floor_s": floor,
        "records": (len(people), len(activities)),
        "distinct": (len(set(people)), len(set(activities))),
    }  # fmt: skip


def _salesforce(args: argparse.Namespace, clock: FakeClock) -> dict[str, Any]:
    fake = FakeSalesforce(clock=clock)
    fake.faults.transient_rate = args.fail
    fake.org.lead_statuses += ("Test Drive", "Write-up")
    with serve(fake.app) as url:
        settings = salesforce.Settings.model_validate({
            "login_url": url, "client_id": "fake-consumer-key",
            "client_secret": "fake-consumer-secret", "step_statuses": SF_STEPS, "backoff": BACKOFF,
        })  # fmt: skip
        sleep = _scaled(args.speed)
        elapsed, failed = _drain(
            args,
            lambda: salesforce.Connector(settings, clock=clock, sleep=sleep),
            clock,
            lambda: fake.api_calls,
        )
    key = settings.external_id_field
    # the rolling 24-hour allocation is Salesforce's only request limit: calls that fit force
    # no wait
    floor = 0.0 if fake.api_calls <= settings.api_usage_threshold * fake.api_limit else 86_400.0
    out = _figures(
        elapsed, failed, fake.api_calls, floor,
        [str(r.fields[key]) for r in fake.org.live("Lead")],
        [str(r.fields[key]) for r in fake.org.live("Task")],
    )  # fmt: skip
    return {**out, "tokens": fake.auth.issued, "injected": fake.faults.injected}


def _dynamics(args: argparse.Namespace, clock: FakeClock) -> dict[str, Any]:
    fake = FakeDataverse(clock=clock, window_requests=args.window)
    fake.faults.transient_rate = args.fail
    fake.tables.custom_lead_statuscodes = {100000001, 100000002}
    with serve(fake.app) as url:
        fake.entra.resource = url
        settings = dynamics.Settings.model_validate({
            "org_url": url, "authority": url, "tenant_id": fake.entra.tenant_id,
            "client_id": fake.entra.client_id, "client_secret": fake.entra.client_secret,
            "step_statuscodes": DYN_STEPS, "window_requests": args.window // args.workers,
            "max_wait_s": 60.0, "backoff": BACKOFF,
        })  # fmt: skip
        sleep = _scaled(args.speed)
        elapsed, failed = _drain(
            args,
            lambda: dynamics.Connector(settings, clock=clock, sleep=sleep),
            clock,
            lambda: fake.api_calls,
        )
    # at most `window_requests` in any `window_s`: request k (from 0) cannot go before
    # window_s * (k // window_requests), whatever the pacing
    floor = fake.window_s * ((fake.api_calls - 1) // fake.window_requests)
    out = _figures(
        elapsed, failed, fake.api_calls, floor,
        [r["new_showfloorpersonid"] for r in fake.tables.rows["leads"].values()],
        [r["new_showfloorkey"] for r in fake.tables.rows["phonecalls"].values()],
    )  # fmt: skip
    extra = {"throttled": fake.throttled, "injected": fake.faults.injected}
    return {**out, "tokens": fake.entra.issued, **extra}


def main() -> None:
    """Run one vendor's drain and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vendor", choices=["salesforce", "dynamics"], default="dynamics")
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--fail", type=float, default=0.05)
    parser.add_argument("--speed", type=float, default=5.0)
    parser.add_argument(
        "--window", type=int, default=6000, help="Dynamics: requests per 5 minutes (6,000)"
    )
    args = parser.parse_args()
    clock = FakeClock(speed=args.speed)
    out = (_salesforce if args.vendor == "salesforce" else _dynamics)(args, clock)
    n = args.conversations
    calls, records, distinct = out["calls"], sum(out["records"]), sum(out["distinct"])
    print(f"{args.vendor}: {n} conversations, {args.workers} worker(s), {args.fail:.0%} transient")
    print(f"  drained in {out['elapsed_s']:.0f} s (fake clock); floor {out['floor_s']:.0f} s")
    print(f"  API calls {calls} ({calls / n:.3f} per conversation), tokens {out['tokens']}")
    print(f"  records {out['records']}, failed {out['failed']}")
    print(f"  duplicates {records - distinct}, losses {2 * n - distinct}")
    print(f"  faults injected {out['injected']}, throttled {out.get('throttled', 0)}")


if __name__ == "__main__":
    main()
