"""`showfloor-cloud ingest --worker N`: a separate ingest process, as systemd runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from cloud.demo import dataset
from cloud.settings import CloudSettings
from cloud.store import admin, db
from cloud.store.events import Event
from harness.mosquitto import Mosquitto, dynsec_file
from harness.mqtt import Client
from tests.cloud.factory import NOW, build, count

CLOUD = str(Path(sys.executable).with_name("showfloor-cloud"))
CLOUD_USER, CLOUD_PASSWORD = "cloud", "cloud-secret-pw"


def _worker_environment(settings: CloudSettings, notify: Path) -> dict[str, str]:
    """This environment without settings, plus systemd's socket and the test database."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    return environment | {
        "NOTIFY_SOCKET": str(notify),
        "SHOWFLOOR_CLOUD_DATABASE_URL": settings.resolved_database_url,
    }


def _url(port: int) -> str:
    return f"mqtt://{CLOUD_USER}:{CLOUD_PASSWORD}@127.0.0.1:{port}"


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
        environment, url = _worker_environment(settings, notify), _url(broker.port)
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


def test_a_subscription_the_acl_refuses_ends_the_worker_with_one_line(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    """The cloud's account may only write commands: Mosquitto refuses the ingest subscription.

    Mosquitto's `acl_file` grants every subscription (and filters at delivery); its Dynamic
    Security plugin, like other brokers' ACLs, answers a denied one with SUBACK 0x87.

    The worker never says READY, exits non-zero (systemd restarts it until its start limit)
    and says in one line which filter was refused and why; it does not wait as if subscribed.
    """
    dynsec = dynsec_file(
        tmp_path / "dynsec.json",
        CLOUD_USER,
        CLOUD_PASSWORD,
        [("publishClientSend", "showfloor/v1/+/+/+/cmd/#")],
    )
    notify = tmp_path / "notify"
    with (
        Mosquitto(tmp_path / "broker", dynsec=dynsec) as broker,
        socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd,
    ):
        systemd.bind(str(notify))
        systemd.setblocking(False)
        environment, url = _worker_environment(settings, notify), _url(broker.port)
        worker = subprocess.run(
            [CLOUD, "ingest", "--worker", "1", "--mqtt-url", url],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        with pytest.raises(BlockingIOError):
            systemd.recv(4096)  # no READY=1
    assert worker.returncode == 1
    last = worker.stderr.strip().splitlines()[-1]
    assert last.startswith("showfloor-cloud: error: the broker at 127.0.0.1:")
    assert "refused the subscription to $share/ingest/" in last
    assert "(Not authorized)" in last and f"account ({CLOUD_USER}) read" in last
    assert "Traceback" not in worker.stderr
