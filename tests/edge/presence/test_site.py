"""Several hubs of a site in separate processes, one real Mosquitto with the real ACL.

Three hubs of site `downtown` (entrance, sedans, suv-row) share readings over the broker; a
hub of another site of the same tenant runs beside them. A customer tag walks entrance ->
sedans -> suv-row while Sam's badge starts at the SUV row and joins the customer at the sedans.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from cloud.provision.mosquitto import acl_text, hub_username
from contract.ids import HubAddress, staff_pseudonym
from contract.payloads import SiteBeacon, SiteReadings
from contract.topics import SITE_ROOT, Topics
from harness.mosquitto import Mosquitto
from tests.edge.presence.beacons import SITE_KEY

SAM = staff_pseudonym(SITE_KEY, "sam")
FAR, QUIET = -90, -95
#: (offset s, {hub: {beacon: rssi}}): what each hub hears from then on.
SCRIPT: list[tuple[float, dict[str, dict[str, int]]]] = [
    (0, {"hub-a": {"tag": -60, "sam": QUIET}, "hub-b": {"tag": FAR, "sam": -88},
         "hub-c": {"tag": QUIET, "sam": -58}}),
    (5, {"hub-a": {"tag": FAR, "sam": QUIET}, "hub-b": {"tag": -60, "sam": -88},
         "hub-c": {"tag": FAR, "sam": -58}}),
    (10, {"hub-a": {"tag": FAR, "sam": QUIET}, "hub-b": {"tag": -60, "sam": -58},
          "hub-c": {"tag": FAR, "sam": FAR}}),
    (15, {"hub-a": {"tag": QUIET, "sam": QUIET}, "hub-b": {"tag": FAR, "sam": FAR},
          "hub-c": {"tag": -60, "sam": -58}}),
]  # fmt: skip
END_S = 20.0
SPOOF_KEY = "beacon-00000000000000ff"


def _spec(tmp_path: Path, port: int, hub: HubAddress, password: str) -> Path:
    phases = [[offset, heard.get(hub.hub, {})] for offset, heard in SCRIPT]
    if hub.site != "downtown":  # the other site hears the same tag loudly all along
        phases = [[0, {"tag": -55}]]
    spec = tmp_path / f"{hub.site}-{hub.hub}.json"
    spec.write_text(
        json.dumps(
            {
                "tenant": hub.tenant,
                "site": hub.site,
                "hub": hub.hub,
                "port": port,
                "username": hub_username(hub),
                "password": password,
                "go": str(tmp_path / "go.json"),
                "end_s": END_S,
                "phases": phases,
                "out": str(tmp_path / f"{hub.site}-{hub.hub}.out.json"),
            }
        ),
        encoding="utf-8",
    )
    return spec


class Intruder:
    """A hub of the other site trying to read every site's readings and to spoof one."""

    def __init__(self, port: int, hub: HubAddress, password: str) -> None:
        self.messages: list[str] = []
        self.subscribed = threading.Event()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="intruder")
        self.client.username_pw_set(hub_username(hub), password)
        self.client.on_connect = lambda c, *_: c.subscribe(f"{SITE_ROOT}/#", qos=0)
        self.client.on_subscribe = lambda *_: self.subscribed.set()
        self.client.on_message = lambda _c, _u, message: self.messages.append(message.topic)
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()

    def spoof(self, victim: HubAddress) -> None:
        readings = SiteReadings(
            hub=victim.hub,
            sent_at=datetime.now(UTC),
            beacons=[SiteBeacon(key=SPOOF_KEY, kind="tag", rssi=-40)],
        )
        self.client.publish(Topics(victim).site_readings, readings.model_dump_json(), qos=1)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def test_three_hubs_make_one_visit_and_another_site_gets_nothing(tmp_path: Path) -> None:
    hubs = [HubAddress.of("acme", "downtown", name) for name in ("hub-a", "hub-b", "hub-c")]
    other = HubAddress.of("acme", "uptown", "hub-a")  # same tenant, same hub name
    passwords = {hub: secrets.token_urlsafe(12) for hub in [*hubs, other]}
    users = {hub_username(hub): password for hub, password in passwords.items()}
    acl = acl_text("cloud", passwords)
    with Mosquitto(tmp_path / "broker", users | {"cloud": "cloud-pw"}, acl) as broker:
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.edge.presence.site_hub",
                 str(_spec(tmp_path, broker.port, hub, passwords[hub]))],
                env=os.environ.copy(),
            )
            for hub in [*hubs, other]
        ]  # fmt: skip
        intruder = Intruder(broker.port, other, passwords[other])
        try:
            assert intruder.subscribed.wait(10)
            start = _go(tmp_path, [*hubs, other])
            time.sleep(max(0.0, start + 6 - time.time()))
            for _ in range(8):  # while the site's hubs run: readings claiming to be hub-a's
                intruder.spoof(hubs[0])
                time.sleep(0.25)
            codes = [process.wait(timeout=END_S + 40) for process in processes]
        finally:
            intruder.close()
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait(timeout=10)
    assert codes == [0, 0, 0, 0]
    out = {
        hub.hub if hub.site == "downtown" else "other": _read(tmp_path, hub)
        for hub in [*hubs, other]
    }
    _assert_one_visit(out)
    # The ACL, for real: the other site's hub read nothing of this site's and spoofed nothing.
    downtown = [topic for topic in intruder.messages if "/acme/downtown/" in topic]
    assert downtown == [] and f"{SITE_ROOT}/acme/uptown/hub-a/readings" in intruder.messages
    assert out["other"]["merged_hubs"] == []
    for name in ("hub-a", "hub-b", "hub-c"):
        assert out[name]["merged_hubs"] == sorted({"hub-a", "hub-b", "hub-c"} - {name})
        # every other hub's raw readings came (two beacons, 5 a second each, for ~20 s: ~200)
        raw = out[name]["raw_counts"]
        assert sorted(raw) == out[name]["merged_hubs"] and all(n >= 100 for n in raw.values())
        assert SPOOF_KEY not in out[name]["tracked_keys"]
        assert out[name]["rejected"] == 0


def _go(tmp_path: Path, hubs: list[HubAddress]) -> float:
    """Start every hub's script 2 s after the last of them has loaded (slow under load)."""
    ready = [tmp_path / f"{hub.site}-{hub.hub}.out.json.ready" for hub in hubs]
    deadline = time.time() + 90
    while not all(path.exists() for path in ready):
        assert time.time() < deadline, "a hub process did not start in 90 s"
        time.sleep(0.05)
    start = time.time() + 2.0
    (tmp_path / "go.part").write_text(json.dumps({"start": start}), encoding="utf-8")
    (tmp_path / "go.part").rename(tmp_path / "go.json")  # whole or absent for the readers
    return start


def _read(tmp_path: Path, hub: HubAddress) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (tmp_path / f"{hub.site}-{hub.hub}.out.json").read_text(encoding="utf-8")
    )
    return document


def _assert_one_visit(out: dict[str, dict[str, Any]]) -> None:
    tag_events = [
        (name, event["data"])
        for name in ("hub-a", "hub-b", "hub-c")
        for event in out[name]["events"]
        if event["type"].startswith("showfloor.presence") and event["data"].get("visit_id")
    ]
    visits = {data["visit_id"] for _, data in tag_events}
    assert len(visits) == 1, tag_events  # one visit across the three hubs
    enters = [(name, data["zone"]) for name, data in tag_events if data["action"] == "enter"]
    assert enters == [("hub-a", "entrance"), ("hub-b", "sedans"), ("hub-c", "suv-row")]
    greeted = [(name, data["zone"], data["staff"]) for name, data in tag_events
               if data["action"] == "greeted"]  # fmt: skip
    assert greeted == [("hub-b", "sedans", SAM)]  # once, by the hub where Sam walked up
    waiting = [(name, data["zone"]) for name, data in tag_events if data["action"] == "waiting"]
    assert waiting == [("hub-a", "entrance")]  # Sam was at the SUV row: not near
    # the prompt goes to the hub nearest the free salesperson, naming him
    prompts = {name: out[name]["prompts"] for name in ("hub-a", "hub-b", "hub-c")}
    assert [p["staff"] for p in prompts["hub-c"]] == [SAM]
    assert prompts["hub-a"] == [] and prompts["hub-b"] == []
