"""`showfloor-cloud ingest --worker N`: a separate ingest process, as systemd runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine

from cloud.demo import dataset
from cloud.settings import CloudSettings
from cloud.store import admin, db
from cloud.store.events import Event
from harness.mosquitto import Mosquitto
from harness.mqtt import Client
from tests.cloud.factory import NOW, build, count

CLOUD = str(Path(sys.executable).with_name("showfloor-cloud"))
CLOUD_USER, CLOUD_PASSWORD = "cloud", "cloud-secret-pw"


def test_a_worker_ingests_and_speaks_to_systemd(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    world = build(engine, events=False)
    acme = world.hubs["acme"]
    with db.session_factory(engine).begin() as session:
        admin.write_broker_files(session, tmp_path, CLOUD_USER, CLOUD_PASSWORD)
    notify = tmp_path / "notify"
    with (
        Mosquitto(tmp_path) as broker,
        socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd,
    ):
        systemd.bind(str(notify))
        systemd.settimeout(30)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
        environment |= {
            "NOTIFY_SOCKET": str(notify),
            "SHOWFLOOR_CLOUD_DATABASE_URL": settings.resolved_database_url,
        }
        url = f"mqtt://{CLOUD_USER}:{CLOUD_PASSWORD}@127.0.0.1:{broker.port}"
        worker = subprocess.Popen(
            [CLOUD, "ingest", "--worker", "2", "--mqtt-url", url],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert systemd.recv(4096) == b"READY=1"
            hub = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])
            messages = list(dataset(acme, world.staff["acme"], NOW, days=1, per_day=2))
            try:
                for message in messages:
                    hub.publish(message.topic, message.payload)
            finally:
                hub.close()
            deadline = time.monotonic() + 30
            while count(engine, Event) < len(messages):
                assert time.monotonic() < deadline, "the worker did not store every event"
                time.sleep(0.1)
            worker.send_signal(signal.SIGTERM)
            _, stderr = worker.communicate(timeout=30)
            assert systemd.recv(4096) == b"STOPPING=1"
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait(10)
    assert worker.returncode == 0, stderr
