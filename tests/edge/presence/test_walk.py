"""Scripted walks through the real `BleakScanner` on a mock BlueZ, into the presence service.

This hub (hub-a, the entrance) hears beacons over D-Bus; the SUV-row hub's (hub-b) smoothed
readings are fed in as another hub's reports would be. Time is an injected clock advanced one
second per step, so the thresholds are the real ones without waiting for them.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress

from contract.events import ManagerAlertEvent, PresenceEvent, TrafficSummaryEvent
from contract.ids import HubAddress, staff_pseudonym
from contract.payloads import Presence
from edge.events import MemorySink
from edge.presence.frames import IBeacon
from edge.presence.scanner import BeaconScanner
from edge.presence.service import PresenceService
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, SITE_KEY, TAG_A, advert, settings
from tests.edge.presence.bluez import BluezControl, heard, pumping, release_bleak

HUB = HubAddress.of("acme", "downtown", "hub-a")
NEAR, FAR = -60, -95
TAG_ADDRESS, BADGE_ADDRESS = "D0:00:00:00:00:0A", "D0:00:00:00:00:0B"


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def test_customer_waits_is_greeted_moves_with_salesperson_and_leaves(bluez: str) -> None:
    clock = Clock(1_800_000_000.0)
    sink = MemorySink(HUB)
    prompts: list[Presence] = []

    async def on_waiting(payload: Presence) -> None:
        prompts.append(payload)

    service = PresenceService(
        settings(alert_after_s=60),
        sink,
        site_key=SITE_KEY,
        hub="hub-a",
        on_waiting=on_waiting,
        clock=clock,
    )
    addresses = {TAG_A.beacon_id: TAG_ADDRESS, BADGE_SAM.beacon_id: BADGE_ADDRESS}

    async def scenario() -> None:
        scanner = BeaconScanner(idle_restart_s=5)
        try:
            async with BluezControl(bluez) as control, pumping(scanner.advertisements()) as q:
                await control.add_adapter()

                async def step(
                    seconds: int, here: dict[IBeacon, int], there: dict[IBeacon, int]
                ) -> None:
                    for second in range(seconds):
                        for beacon, rssi in here.items():
                            # a 1 dB wobble so every step is a fresh reading on the bus
                            got = await heard(
                                control,
                                q,
                                addresses[beacon.beacon_id],
                                rssi - second % 2,
                                {0x004C: beacon.encode()},
                                address_type="random",
                            )
                            service.observe(got)
                        for beacon, rssi in there.items():
                            service.observe(advert(beacon, rssi), hub="hub-b")
                        await service.tick()
                        clock.now += 1

                # The customer's key tag comes in at the entrance; nobody comes for 70 s.
                await step(70, {TAG_A: NEAR}, {TAG_A: FAR})
                # Sam walks up to the entrance.
                await step(15, {TAG_A: NEAR, BADGE_SAM: NEAR}, {TAG_A: FAR, BADGE_SAM: FAR})
                # They walk to the SUV row together: weak here, strong at hub-b.
                await step(30, {TAG_A: FAR, BADGE_SAM: FAR}, {TAG_A: NEAR, BADGE_SAM: NEAR})
                engagement = await service.engage("conv-00000000000000bb", zone="suv-row")
                assert engagement is not None
                assert engagement.staff == staff_pseudonym(SITE_KEY, "sam")
                # They leave; the 10-minute traffic interval closes.
                await step(600, {}, {})
        finally:
            await release_bleak()

    run(scenario(), timeout_s=60)
    presence = [e.data for e in sink.events if isinstance(e, PresenceEvent)]
    tag = [(p.action, p.zone) for p in presence if p.staff is None and p.action != "dwell"]
    assert tag == [
        ("enter", "entrance"),
        ("waiting", "entrance"),
        ("exit", "entrance"),
        ("enter", "suv-row"),
        ("exit", "suv-row"),
    ]
    badge = [(p.action, p.zone) for p in presence if p.visit_id is None and p.action != "dwell"]
    assert badge == [
        ("enter", "entrance"),
        ("exit", "entrance"),
        ("enter", "suv-row"),
        ("exit", "suv-row"),
    ]
    waiting = next(p for p in presence if p.action == "waiting")
    assert prompts == [waiting] and waiting.waited_s == 30
    alerts = [e.data for e in sink.events if isinstance(e, ManagerAlertEvent)]
    assert len(alerts) == 1 and alerts[0].rule == "customer_waiting"
    assert alerts[0].visit_id == waiting.visit_id and alerts[0].zone == "entrance"
    greeted = next(p for p in presence if p.action == "greeted")
    assert greeted.staff == staff_pseudonym(SITE_KEY, "sam")
    assert greeted.waited_s is not None and 70 <= greeted.waited_s <= 72  # time to greet
    engaged = next(p for p in presence if p.action == "engaged")
    assert (engaged.visit_id, engaged.conversation_id) == (
        waiting.visit_id,
        "conv-00000000000000bb",
    )
    dwells = [p for p in presence if p.action == "dwell"]
    assert dwells and all(p.dwell_s is not None and p.dwell_s >= 60 for p in dwells)
    traffic = {e.data.zone: e.data for e in sink.events if isinstance(e, TrafficSummaryEvent)}
    assert traffic["entrance"].visitors == 1 and traffic["entrance"].staff_present == 1
    assert traffic["suv-row"].visitors == 1 and traffic["suv-row"].staff_present == 1
    assert traffic["entrance"].median_dwell_s is not None
    assert 85 <= traffic["entrance"].median_dwell_s <= 95


def test_run_consumes_the_scanner_and_ticks_in_real_time(bluez: str) -> None:
    """The daemon's `presence` task: `service.run(scanner.advertisements())` until cancelled."""
    sink = MemorySink(HUB)
    service = PresenceService(settings(tick_s=0.05), sink, site_key=SITE_KEY, hub="hub-a")

    async def scenario() -> None:
        scanner = BeaconScanner(idle_restart_s=5)
        try:
            async with BluezControl(bluez) as control:
                await control.add_adapter()
                task = asyncio.create_task(service.run(scanner.advertisements()), name="presence")
                while not any(isinstance(e, PresenceEvent) for e in sink.events):
                    await control.advertise(TAG_ADDRESS, NEAR, {0x004C: TAG_A.encode()})
                    await asyncio.sleep(0.05)
                assert scanner.health.ok
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
        finally:
            await release_bleak()

    run(scenario(), timeout_s=20)
    first = sink.events[0]
    assert isinstance(first, PresenceEvent)
    first_data = first.data
    assert (first_data.action, first_data.zone) == ("enter", "entrance")
