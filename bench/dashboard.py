"""Dashboard pages with 1 million stored events for one tenant: p95 server time per page.

    .venv/bin/python -m bench.dashboard --events 1000000 --runs 3 [--keep]

Seeds (once; `--keep` leaves the database `showfloor_bench_dashboard` for the next run) a year
of conversations, turns, prompts, presence and traffic for tenant `bench` through the real
ingest writer in large batches, then times each page in-process (ASGI, so the figure is the
server's time plus a thin test client) over `--requests` requests. Also prints each page's
weight: its HTML bytes plus the stylesheet and scripts it loads (no images, no fonts), both
uncompressed and as transferred to a browser that accepts gzip.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, func, select

from bench.cloudbench import HUB, postgres, register
from cloud.demo import dataset
from cloud.ingest.writer import BatchWriter
from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.events import Event
from cloud.store.projections import Conversation
from cloud.web.app import create_app

DATABASE = "showfloor_bench_dashboard"
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
PAGES = [
    "/floor",
    "/conversations",
    "/conversation",
    "/scorecards",
    "/analytics",
    "/follow-up",
]


def seed(engine: Engine, events: int) -> int:
    """Store about `events` events for tenant bench (skipped when already there)."""
    register(engine)
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(Event)).scalar_one()
    if stored >= events:
        return int(stored)
    days = 365
    per_day = max(1, (events // days - 44) // 12)
    writer = BatchWriter(db.session_factory(engine))
    batch = []
    started = time.perf_counter()
    staff = [f"staff-{i:016x}" for i in range(12)]
    for message in dataset(HUB, staff, datetime.now(UTC), days=days, per_day=per_day):
        batch.append(message)
        if len(batch) == 5000:
            writer.write(batch)
            batch = []
    writer.write(batch)
    print(f"seeded {writer.stats.stored} events in {time.perf_counter() - started:.0f} s")
    return writer.stats.stored


def weight(client: TestClient, path: str) -> tuple[int, int]:
    """Bytes of a page's HTML and of the stylesheets and scripts it links (two sums).

    Uncompressed, and as transferred when the browser accepts gzip (the bodies on the wire).
    """
    gzip = {"accept-encoding": "gzip"}
    page = client.get(path, headers=gzip)
    assets = [client.get(asset, headers=gzip) for asset in ASSET.findall(page.text)]
    answers = [page, *assets]
    plain = sum(len(answer.content) for answer in answers)
    return plain, sum(answer.num_bytes_downloaded for answer in answers)


def time_pages(engine: Engine, url: str, requests: int) -> dict[str, tuple[float, tuple[int, int]]]:
    """p95 milliseconds and weight in bytes (uncompressed, transferred) per page."""
    with db.session_factory(engine)() as session:
        conversation = session.scalars(
            select(Conversation.id).where(Conversation.ended_at.is_not(None)).limit(1)
        ).one()
    settings = CloudSettings(
        database_url=SecretStr(url), session_secret=SecretStr("b" * 40), secure_cookies=False
    )
    results = {}
    with TestClient(create_app(settings)) as client:
        form = client.get("/login").text
        csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        client.post(
            "/login",
            data={"email": "bench@bench.invalid", "password": "bench-password", "csrf": csrf},
        )
        for page in PAGES:
            path = f"/conversations/{conversation}" if page == "/conversation" else page
            size = weight(client, path)  # also the warm-up
            times = []
            for _ in range(requests):
                start = time.perf_counter()
                answer = client.get(path)
                times.append(1000 * (time.perf_counter() - start))
                if answer.status_code != 200:
                    raise RuntimeError(f"{path}: {answer.status_code}")
            times.sort()
            results[page] = (times[int(len(times) * 0.95) - 1], size)
    return results


def main() -> None:
    """Seed once, time the pages `--runs` times, print the medians of the p95s."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database", default=DATABASE, help="PostgreSQL database to use.")
    args = parser.parse_args()
    with postgres(args.database, keep=args.keep) as engine:
        stored = seed(engine, args.events)
        url = engine.url.render_as_string(hide_password=False)
        runs = [time_pages(engine, url, args.requests) for _ in range(args.runs)]
    print(f"events stored: {stored}")
    for page in PAGES:
        p95s = [run[page][0] for run in runs]
        median = statistics.median(p95s)
        plain, sent = runs[-1][page][1]
        print(
            f"{page:15s} p95 ms per run {[round(v) for v in p95s]} median {median:.0f}"
            f"  weight {plain:,} bytes, {sent:,} transferred"
        )


if __name__ == "__main__":
    main()
