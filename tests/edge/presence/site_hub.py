"""One hub's presence service in its own process, on a scripted walk, sharing readings.

    python -m tests.edge.presence.site_hub SPEC.json

SPEC: `tenant`, `site`, `hub`, `port`, `username`, `password`, `go` (a file, see below),
`end_s`, `out` (a JSON file written at the end) and `phases`: `[offset_s, {"tag"|"sam": rssi}]`
(what this hub hears from `start + offset_s` on, five times a second). Once imported, the
process writes `out` + ".ready" and waits for `go` to hold `{"start": UNIX_S}`, so that a slow
start on a loaded machine cannot make a hub miss the script. Time is the real clock, so the
hubs of a test run side by side. The output holds every event, every waiting prompt, and which
hubs' readings this hub merged (and how many raw readings of each) and which beacons it tracks.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

from contract.ids import HubAddress
from contract.payloads import Presence
from edge.events import MemorySink
from edge.presence.advertisement import Advertisement
from edge.presence.service import PresenceService
from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.site import SiteLink
from edge.sync.settings import SyncSettings
from tests.edge.presence.beacons import BADGE_SAM, SITE_KEY, TAG_A, advert, settings

ZONES = {"hub-a": "entrance", "hub-b": "sedans", "hub-c": "suv-row"}
FRAMES = {"tag": TAG_A, "sam": BADGE_SAM}
RATE_HZ = 5


def site_settings() -> PresenceSettings:
    """The site's presence settings (every hub reads the same), with short thresholds."""
    return settings(
        zones=[ZoneSettings(name=zone, hub=hub) for hub, zone in ZONES.items()],
        tick_s=0.25,
        share_wait_s=0.1,
        rssi_process_noise=400.0,
        switch_after_s=0.5,
        stale_after_s=1.5,
        exit_after_s=1.5,
        waiting_after_s=2.0,
        alert_after_s=60.0,
        visit_gap_s=60.0,
    )


async def walk(spec: dict[str, Any]) -> AsyncGenerator[Advertisement, None]:
    """The scripted advertisements, in real time."""
    phases = [(spec["start"] + offset, heard) for offset, heard in spec["phases"]]
    end = spec["start"] + spec["end_s"]
    while (now := time.time()) < end:
        current = [heard for begin, heard in phases if begin <= now]
        for name, rssi in (current[-1] if current else {}).items():
            yield advert(FRAMES[name], rssi, f"C0:FF:EE:00:00:0{len(name)}")
        await asyncio.sleep(1 / RATE_HZ)


async def main(spec: dict[str, Any]) -> None:
    """Run the hub until `start + end_s`, then write what happened."""
    address = HubAddress.of(spec["tenant"], spec["site"], spec["hub"])
    sink = MemorySink(address)
    prompts: list[Presence] = []

    async def on_waiting(waiting: Presence) -> None:
        prompts.append(waiting)

    service = PresenceService(
        site_settings(), sink, site_key=SITE_KEY, hub=spec["hub"], on_waiting=on_waiting
    )
    sync = SyncSettings(
        tenant=spec["tenant"],
        site=spec["site"],
        hub=spec["hub"],
        port=spec["port"],
        host="127.0.0.1",
        username=spec["username"],
        password=spec["password"],
    )
    link = SiteLink(sync, service)
    remaining = spec["start"] + spec["end_s"] + 0.5 - time.time()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(remaining), asyncio.TaskGroup() as group:
            group.create_task(link.run())
            group.create_task(service.run(walk(spec)))
    document = {
        "events": [event.model_dump(mode="json") for event in sink.events],
        "prompts": [prompt.model_dump(mode="json") for prompt in prompts],
        "merged_hubs": sorted(link.senders),
        "raw_counts": link.raw_counts,
        "tracked_keys": sorted(service.locator.beacons()),
        "rejected": link.rejected_count,
    }
    await asyncio.to_thread(Path(spec["out"]).write_text, json.dumps(document), encoding="utf-8")


def started(spec: dict[str, Any]) -> dict[str, Any]:
    """Say this process is ready, wait for the test's common start, return the spec with it."""
    Path(spec["out"] + ".ready").touch()
    go = Path(spec["go"])
    deadline = time.time() + 120
    while not go.exists():
        if time.time() > deadline:
            raise SystemExit(f"no start in {go} after 120 s")
        time.sleep(0.05)
    start: dict[str, Any] = json.loads(go.read_text(encoding="utf-8"))
    return spec | start


if __name__ == "__main__":
    asyncio.run(main(started(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
