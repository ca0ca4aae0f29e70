"""`showfloor-edge run` as a subprocess: a replayed conversation reaches a real broker.

The hub runs the real models on a two-voice espeak-ng dialogue and publishes to a Mosquitto
the test starts; a cloud-side subscriber checks what arrives. SIGTERM finishes the utterance
in progress and the conversation; a broker that is down loses nothing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from contract.events import CoachingPromptEvent, HubStatusEvent, TurnEvent, parse_event
from contract.ids import HubAddress
from contract.topics import Topics
from harness.mosquitto import Mosquitto
from harness.processes import free_port
from harness.speech import Turn
from tests.edge.sync.conftest import ACL, USERS, Subscriber
from tests.edge.sync.factories import HUB
from tests.edge.test_cli import EDGE, fails_clearly
from tests.waiting import until

pytestmark = pytest.mark.slow
SITE_KEY = "test-site-key-0123456789abcdef"
ENDED, TURN = "showfloor.conversation.ended.v1", "showfloor.conversation.turn.v1"


def _environment(tmp_path: Path, bundle: Path, port: int, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    hub: HubAddress = HUB
    return environment | {
        "STATE_DIRECTORY": str(tmp_path / "state"),
        "SHOWFLOOR_MODELS__BUNDLE_DIR": str(bundle),
        "SHOWFLOOR_PRIVACY__SITE_KEY": SITE_KEY,
        "SHOWFLOOR_PRIVACY__CONSENT_MODE": "one_party",
        "SHOWFLOOR_PRESENCE__ENABLED": "false",
        "SHOWFLOOR_SYNC__TENANT": hub.tenant,
        "SHOWFLOOR_SYNC__SITE": hub.site,
        "SHOWFLOOR_SYNC__HUB": hub.hub,
        "SHOWFLOOR_SYNC__HOST": "127.0.0.1",
        "SHOWFLOOR_SYNC__PORT": str(port),
        "SHOWFLOOR_SYNC__USERNAME": "hub-1",
        "SHOWFLOOR_SYNC__PASSWORD": USERS["hub-1"],
        "SHOWFLOOR_SYNC__BACKOFF_MAX_S": "1",
        **extra,
    }


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    with Mosquitto(tmp_path / "broker", USERS, ACL) as running:
        yield running


@pytest.fixture
def cloud(broker: Mosquitto) -> Iterator[Subscriber]:
    subscriber = Subscriber(broker, "showfloor/v1/+/+/+/+", "test-cloud", receipts=True)
    yield subscriber
    subscriber.close()


def _types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


def test_a_replayed_conversation_reaches_the_cloud(
    dialogue: tuple[Path, list[Turn]],
    showfloor_bundle_dir: Path,
    tmp_path: Path,
    broker: Mosquitto,
    cloud: Subscriber,
) -> None:
    environment = _environment(tmp_path, showfloor_bundle_dir, broker.port)
    result = subprocess.run(
        [EDGE, "run", "--replay", str(dialogue[0]), "--fast"],
        capture_output=True,
        text=True,
        timeout=240,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    until("the conversation's end", lambda: ENDED in _types(cloud.events()), 20, every_s=0.1)
    events = [e for e in cloud.events() if e["type"] != "showfloor.status.v1"]
    ids = [e["id"] for e in events]
    assert len(set(ids)) == len(ids)
    parsed = [parse_event(payload) for _, payload, _ in cloud.messages]  # all valid
    kinds = _types(events)
    assert kinds[0] == "showfloor.conversation.started.v1"
    assert kinds[-1] == "showfloor.conversation.ended.v1"
    turns = [e.data for e in parsed if isinstance(e, TurnEvent)]
    assert len(turns) >= 5
    assert {t.role for t in turns} == {"customer"}  # nobody enrolled: everyone a customer
    assert all(t.text for t in turns)  # one-party consent: redacted text leaves
    prompts = [e.data.rule for e in parsed if isinstance(e, CoachingPromptEvent)]
    assert "price-objection" in prompts
    statuses = [e.data for e in parsed if isinstance(e, HubStatusEvent)]
    assert statuses[-1].state == "offline"
    assert all(topic.startswith(Topics(HUB).prefix) for topic, _, _ in cloud.messages)


def test_sigterm_finishes_the_utterance_and_the_conversation(
    dialogue: tuple[Path, list[Turn]],
    showfloor_bundle_dir: Path,
    tmp_path: Path,
    broker: Mosquitto,
    cloud: Subscriber,
) -> None:
    notify = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
        systemd.bind(str(notify))
        systemd.settimeout(120)
        environment = _environment(
            tmp_path,
            showfloor_bundle_dir,
            broker.port,
            NOTIFY_SOCKET=str(notify),
            WATCHDOG_USEC="4000000",
            WATCHDOG_PID="",
        )
        hub = subprocess.Popen(
            [EDGE, "run", "--replay", str(dialogue[0])],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            messages = [systemd.recv(4096).decode()]
            while "READY=1" not in messages[-1]:
                messages.append(systemd.recv(4096).decode())
            until("a turn", lambda: TURN in _types(cloud.events()), 60, every_s=0.1)
            hub.send_signal(signal.SIGTERM)
            _, stderr = hub.communicate(timeout=60)
            messages += _drain(systemd)
        finally:
            if hub.poll() is None:
                hub.kill()
                hub.wait(10)
    assert hub.returncode == 0, stderr
    assert any("WATCHDOG=1" in m for m in messages)
    assert any("STOPPING=1" in m for m in messages)
    until("the conversation's end", lambda: ENDED in _types(cloud.events()), 20, every_s=0.1)
    ended = next(e for e in cloud.events() if e["type"] == "showfloor.conversation.ended.v1")
    assert ended["data"]["reason"] == "shutdown"
    assert "Traceback" not in stderr


def _drain(sock: socket.socket) -> list[str]:
    sock.settimeout(0.5)
    out = []
    try:
        while True:
            out.append(sock.recv(4096).decode())
    except TimeoutError:
        return out


def test_a_broker_that_is_down_loses_nothing(
    dialogue: tuple[Path, list[Turn]], showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    broker = Mosquitto(tmp_path / "broker", USERS, ACL)  # not started: nothing listens yet
    environment = _environment(tmp_path, showfloor_bundle_dir, broker.port)
    first = subprocess.run(
        [EDGE, "run", "--replay", str(dialogue[0]), "--fast"],
        capture_output=True, text=True, timeout=240, env=environment, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "events stay in the outbox" in first.stderr
    silence = tmp_path / "silence.wav"
    sf.write(silence, np.zeros(16000 * 2, dtype=np.float32), 16000)
    with broker:
        cloud = Subscriber(broker, "showfloor/v1/+/+/+/+", "test-cloud-late", receipts=True)
        try:
            second = subprocess.run(
                [EDGE, "run", "--replay", str(silence), "--fast"],
                capture_output=True, text=True, timeout=240, env=environment, check=False,
            )  # fmt: skip
            assert second.returncode == 0, second.stderr
            until(
                "the conversation's end", lambda: ENDED in _types(cloud.events()), 20, every_s=0.1
            )
            kinds = _types(cloud.events())
        finally:
            cloud.close()
    assert kinds.count("showfloor.conversation.started.v1") == 1
    assert kinds.count("showfloor.conversation.turn.v1") >= 5


def test_without_a_site_key_the_hub_refuses_to_start(
    showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    environment = _environment(tmp_path, showfloor_bundle_dir, free_port())
    del environment["SHOWFLOOR_PRIVACY__SITE_KEY"]
    result = subprocess.run(
        [EDGE, "run"], capture_output=True, text=True, timeout=120, env=environment, check=False
    )
    fails_clearly(result, "privacy.site_key is not set")
