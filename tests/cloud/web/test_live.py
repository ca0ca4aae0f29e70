"""The live floor as server-sent events: scoped as the page, reconnects, and fast after ingest."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.projections import Conversation
from cloud.web.app import create_app
from contract import payloads as p
from contract.events import envelope
from contract.topics import Topics
from harness.http import serve
from harness.mosquitto import Mosquitto
from harness.mqtt import Client
from tests.cloud.factory import World, build
from tests.cloud.ingest.test_consumer import _broker_files, _with_broker
from tests.cloud.web.conftest import login
from tests.cloud.web.live_server import signed_in
from tests.cloud.web.test_browser import ARTIFACTS


def _events(text: str) -> list[dict[str, str]]:
    """The SSE frames of a stream's text: each a dict of its fields (data lines joined)."""
    found = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            name, _, value = line.partition(": ")
            if name and not line.startswith(":"):
                fields[name] = f"{fields[name]}\n{value}" if name in fields else value
        if fields:
            found.append(fields)
    return found


def test_the_stream_is_the_users_floor_and_resumes_from_the_last_event(
    client: TestClient, engine: Engine, world: World
) -> None:
    assert client.get("/floor/events").status_code == 303  # signed out: to the login page
    login(client, world.email("acme", "viewer"))
    answer = client.get("/floor/events")
    assert answer.headers["content-type"].startswith("text/event-stream")
    frames = _events(answer.text)
    assert frames[0] == {"retry": "3000"}
    (floor,) = [f for f in frames if f.get("event") == "floor"]
    with db.session_factory(engine)() as session:
        live = session.scalar(
            select(func.count()).where(
                Conversation.tenant_id == "acme", Conversation.ended_at.is_(None)
            )
        )
    assert f'<span id="active-count">{live}</span>' in floor["data"]
    assert "acme seller" in floor["data"] and "rival" not in answer.text
    # the browser reconnects with the id it last had: nothing new, nothing sent
    again = client.get("/floor/events", headers={"Last-Event-ID": floor["id"]})
    assert [f for f in _events(again.text) if "event" in f] == []
    stale = client.get("/floor/events", headers={"Last-Event-ID": "an-older-state"})
    assert [f["id"] for f in _events(stale.text) if "event" in f] == [floor["id"]]


def _reader(client: httpx.Client, out: queue.Queue[tuple[float, str]], count: int) -> None:
    """Put (arrival time, data) of the first `count` `floor` events of one stream on `out`."""
    with client.stream("GET", "/floor/events") as answer:
        assert answer.headers["content-type"].startswith("text/event-stream")
        assert "content-encoding" not in answer.headers  # the client accepts gzip: not here
        event, data = "", []
        for line in answer.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
            elif line == "":
                if event == "floor":
                    out.put((time.monotonic(), "\n".join(data)))
                    count -= 1
                    if count == 0:
                        return
                event, data = "", []


def test_an_alert_reaches_an_open_stream_within_two_seconds_of_ingest(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    world = build(engine, events=False)
    acme = world.hubs["acme"]
    _broker_files(engine, tmp_path)
    with Mosquitto(tmp_path) as broker:
        live = _with_broker(settings, broker.port).model_copy(
            update={"live_stream_s": 30.0, "live_check_s": 30.0}
        )
        app = create_app(live)
        with serve(app, lifespan="on", timeout_s=20) as base_url:
            web = signed_in(base_url, world.email("acme", "manager"))
            deadline = time.monotonic() + 20
            while app.state.consumer is None or not app.state.consumer.subscribed.is_set():
                assert time.monotonic() < deadline, "ingest did not subscribe"
                time.sleep(0.05)
            arrived: queue.Queue[tuple[float, str]] = queue.Queue()
            reader = threading.Thread(target=_reader, args=(web, arrived, 2), daemon=True)
            reader.start()
            _, first = arrived.get(timeout=10)
            assert "No open alerts." in first
            hub = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])
            try:
                alert = p.ManagerAlert(
                    alert_id="alert-live-1",
                    severity="critical",
                    rule="complaint",
                    message="The customer is making a complaint.",
                )
                published = time.monotonic()
                hub.publish(
                    Topics(acme).event("alert"), envelope(acme, alert).model_dump_json().encode()
                )
                at, data = arrived.get(timeout=10)
            finally:
                hub.close()
                reader.join(timeout=15)  # it closed the stream after the second event
                web.close()
    assert "The customer is making a complaint." in data
    assert '<span id="alert-count">1</span>' in data
    assert at - published < 2.0, f"the update took {at - published:.2f} s"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the figure in docs/benchmarks.md
    with (ARTIFACTS / "sse-latency.txt").open("a", encoding="utf-8") as out:
        out.write(f"{settings.resolved_database_url.split(':')[0]} {at - published:.3f}\n")
