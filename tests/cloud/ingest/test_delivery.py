"""Nothing lost, nothing twice: every event committed at the hub is in the cloud exactly once.

Real processes throughout (`tests/cloud/ingest/site.py`): a hub publishing turns, Mosquitto
with its persistence at the default autosave (30 minutes, so a SIGKILL loses what it held),
ingest workers, PostgreSQL behind a proxy that can cut it off. Faults: the broker killed
while it holds events for ingest, or while ingest keeps up, or with its persistence file gone
(sessions lost: ingest must subscribe again); the hub, an ingest worker, the database. The
hub sends again what the cloud has not receipted after 1 s (`sync.receipt_timeout_s`);
ingest's dedupe by id makes those re-sends harmless, and `Site.check` counts rows by id.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from harness.tcpproxy import TcpProxy
from tests.cloud.factory import build
from tests.cloud.ingest.site import Site, until

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def site(engine: Engine, tmp_path: Path) -> Iterator[Site]:
    world = build(engine, events=False)
    port = engine.url.port or 5432
    with TcpProxy(port) as proxy:
        running = Site(engine, world, tmp_path, proxy)
        running.broker.start()
        try:
            yield running
        finally:
            running.close()


def test_a_broker_killed_while_it_holds_events_for_ingest_loses_none(site: Site) -> None:
    """The fault of issue 17: ingest away, the broker acknowledges and queues, then dies."""
    worker = site.ingest(1)  # subscribes once: the broker keeps its session and queues for it
    site.broker.stop()  # and saves that session (SIGTERM)
    worker.terminate()
    worker.wait(10)
    site.broker.start()
    hub = site.pump(emit=400)
    until(lambda: site.hub_rows("sent_at IS NOT NULL") >= 200, "the broker acknowledges events")
    site.broker.kill()  # everything it acknowledged since its last save is gone
    site.broker.start()
    site.ingest(1)
    site.finish(hub)
    assert site.check() == 400
    assert "got no receipt from the cloud" in site.hub_log()  # the broker did lose them


@pytest.mark.parametrize("disk_lost", [False, True], ids=["persistence-kept", "disk-lost"])
def test_a_broker_killed_while_ingest_keeps_up_loses_none(site: Site, disk_lost: bool) -> None:
    """Ingest stays up; with the persistence file gone the broker forgot its subscription."""
    site.ingest(1)
    hub = site.pump(emit=400)
    until(lambda: site.hub_rows("received_at IS NOT NULL") >= 100, "events reach the cloud")
    site.broker.kill()
    if disk_lost:
        site.broker.persistence_file.unlink(missing_ok=True)
    site.broker.start()
    site.finish(hub)
    assert site.check() == 400
    if disk_lost:  # the same worker connected again without a session, and subscribed again
        until(lambda: "(session present: False)" in site.ingest_log(1).split("disconnected")[-1],
              "the worker's reconnection without a session")  # fmt: skip


def test_a_hub_killed_mid_stream_loses_none(site: Site) -> None:
    site.ingest(1)
    first = site.pump(emit=1000, pace_s=0.0)
    until(lambda: site.hub_rows("received_at IS NOT NULL") >= 200, "events reach the cloud")
    site.kill(first)
    assert site.hub_rows() < 1000  # killed before it committed everything
    site.finish(site.pump(emit=0))  # the next start sends what is left
    site.check()


def test_an_ingest_worker_killed_mid_stream_loses_none(site: Site) -> None:
    """Two workers share the subscription; one is killed with a batch not yet committed."""
    first = site.ingest(1)
    site.ingest(2)
    hub = site.pump(emit=600)
    until(lambda: site.hub_rows("received_at IS NOT NULL") >= 150, "events reach the cloud")
    site.kill(first)
    site.ingest(1)
    site.finish(hub)
    assert site.check() == 600


def test_the_database_away_for_a_while_loses_none_and_receipts_nothing_meanwhile(
    site: Site,
) -> None:
    site.ingest(1)
    hub = site.pump(emit=600)
    until(lambda: site.hub_rows("received_at IS NOT NULL") >= 100, "events reach the cloud")
    site.proxy.cut()
    time.sleep(0.5)  # a batch committing as the cut came may still be receipted
    receipted = site.hub_rows("received_at IS NOT NULL")
    time.sleep(3.0)
    assert site.hub_rows("received_at IS NOT NULL") == receipted  # nothing committed, no receipt
    assert site.hub_rows("received_at IS NULL") > 0
    site.proxy.restore()
    site.finish(hub)
    assert site.check() == 600
