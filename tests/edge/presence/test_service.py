"""The presence service on scripted walks, time driven by an injected clock (two hubs merged)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contract.events import ManagerAlertEvent, PresenceEvent, TrafficSummaryEvent
from contract.ids import HubAddress, staff_pseudonym
from contract.payloads import Presence, SiteBeacon, SiteReadings, SiteRssi
from edge.events import MemorySink
from edge.presence.advertisement import Advertisement
from edge.presence.service import PresenceService
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, SITE_KEY, TAG_A, advert, settings

HUB = HubAddress.of("acme", "downtown", "hub-a")
SAM = staff_pseudonym(SITE_KEY, "sam")
NEAR, FAR = -60, -95  # about 1 m from a hub / out of its zone


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def _presence(sink: MemorySink) -> list[Presence]:
    return [event.data for event in sink.events if isinstance(event, PresenceEvent)]


def test_walk_waiting_greeted_moving_together_and_leaving() -> None:
    clock = Clock(1_800_000_000.0)  # on a 600 s traffic boundary
    sink = MemorySink(HUB)
    prompts: list[Presence] = []

    async def on_waiting(payload: Presence) -> None:
        prompts.append(payload)

    service = PresenceService(
        settings(), sink, site_key=SITE_KEY, hub="hub-a", on_waiting=on_waiting, clock=clock
    )

    async def walk(seconds: int, readings: list[tuple[Advertisement, str]]) -> None:
        for _ in range(seconds):
            for advertisement, hub in readings:
                service.observe(advertisement, hub=hub)
            await service.tick()
            clock.now += 1

    async def script() -> None:
        # A customer comes in at the entrance (hub-a) and waits alone.
        await walk(40, [(advert(TAG_A, NEAR), "hub-a"), (advert(TAG_A, FAR), "hub-b")])
        # Sam walks up; then both move to the SUV row (hub-b) together.
        both_a = [
            (advert(TAG_A, NEAR), "hub-a"),
            (advert(BADGE_SAM, NEAR + 2, "C0:FF:EE:00:00:02"), "hub-a"),
        ]
        await walk(20, both_a)
        both_b = [
            (advert(TAG_A, FAR), "hub-a"),
            (advert(TAG_A, NEAR), "hub-b"),
            (advert(BADGE_SAM, FAR, "C0:FF:EE:00:00:02"), "hub-a"),
            (advert(BADGE_SAM, NEAR, "C0:FF:EE:00:00:02"), "hub-b"),
        ]
        await walk(30, both_b)
        engagement = await service.engage("conv-00000000000000aa", zone="suv-row")
        assert engagement is not None
        assert engagement.staff == SAM
        # They leave: nothing heard any more; then the traffic interval closes.
        await walk(600, [])

    run(script())
    events = _presence(sink)
    visit = events[0].visit_id
    assert visit is not None and visit.startswith("visit-")
    tag = [(e.action, e.zone) for e in events if e.staff is None and e.action != "dwell"]
    assert tag == [
        ("enter", "entrance"),
        ("waiting", "entrance"),
        ("exit", "entrance"),
        ("enter", "suv-row"),
        ("exit", "suv-row"),
    ]
    badge = [(e.action, e.zone) for e in events if e.visit_id is None and e.action != "dwell"]
    assert badge == [
        ("enter", "entrance"),
        ("exit", "entrance"),
        ("enter", "suv-row"),
        ("exit", "suv-row"),
    ]
    both = [(e.action, e.zone) for e in events if e.staff is not None and e.visit_id is not None]
    assert both == [("greeted", "entrance"), ("engaged", "suv-row")]
    waiting = next(e for e in events if e.action == "waiting")
    assert prompts == [waiting]
    assert waiting.waited_s == 30
    greeted = next(e for e in events if e.action == "greeted")
    assert greeted.staff == SAM
    assert greeted.waited_s is not None and 40 <= greeted.waited_s <= 42
    assert all(e.visit_id in (None, visit) for e in events)
    engaged = next(e for e in events if e.action == "engaged")
    assert engaged.conversation_id == "conv-00000000000000aa"
    assert engaged.visit_id == visit
    assert not [e for e in sink.events if isinstance(e, ManagerAlertEvent)]  # greeted in time
    summaries = {e.data.zone: e.data for e in sink.events if isinstance(e, TrafficSummaryEvent)}
    assert set(summaries) == {"entrance", "suv-row"}
    assert summaries["entrance"].visitors == 1
    assert summaries["entrance"].staff_present == 1
    assert summaries["suv-row"].visitors == 1
    assert summaries["entrance"].median_dwell_s is not None
    assert 55 <= summaries["entrance"].median_dwell_s <= 70
    for summary in summaries.values():
        assert "visit-" not in summary.model_dump_json()
        assert "staff-" not in summary.model_dump_json()


def test_a_forgotten_visit_is_never_named_again() -> None:
    clock = Clock(1_800_000_000.0)
    sink = MemorySink(HUB)
    service = PresenceService(settings(), sink, site_key=SITE_KEY, hub="hub-a", clock=clock)

    async def walk(seconds: int) -> None:
        for _ in range(seconds):
            service.observe(advert(TAG_A, NEAR), hub="hub-a")
            await service.tick()
            clock.now += 1

    async def script() -> tuple[str, int]:
        await walk(40)  # in, then waiting alone
        visit = _presence(sink)[0].visit_id
        assert visit is not None
        assert service.forget(visit) is True
        assert service.forget(visit) is False  # gone already
        heard = len(sink.events)
        await walk(40)  # the tag is still there
        return visit, heard

    visit, heard = run(script())
    later = [e.data for e in sink.events[heard:] if isinstance(e, PresenceEvent)]
    assert later and all(e.visit_id != visit for e in later)
    assert later[0].action == "enter" and later[0].visit_id is not None  # a new visit


def test_phones_count_as_traffic_and_engage_without_a_pair_links_nothing() -> None:
    clock = Clock(1_800_000_000.0)
    sink = MemorySink(HUB)
    service = PresenceService(settings(), sink, site_key=SITE_KEY, hub="hub-a", clock=clock)

    async def script() -> None:
        for second in range(601):
            phone = f"4{second // 200}:00:00:00:00:01"  # rotates its random address
            service.observe(Advertisement(phone, -60, (), random_address=True))
            service.observe(Advertisement("5F:00:00:00:00:02", -90, (), random_address=True))
            service.observe(advert(TAG_A, NEAR))
            await service.tick()
            clock.now += 1
        assert await service.engage("conv-00000000000000cc") is None  # a tag but no badge

    run(script())
    summaries = [e.data for e in sink.events if isinstance(e, TrafficSummaryEvent)]
    entrance = next(s for s in summaries if s.zone == "entrance")
    assert entrance.devices == 1  # one phone near; the far one (-90 dBm) is not counted
    assert entrance.visitors == 1 and entrance.staff_present == 0
    assert not any(isinstance(e, PresenceEvent) and e.data.action == "engaged" for e in sink.events)
    assert all("sam" not in e.model_dump_json() for e in sink.events)


def test_a_failing_waiting_callback_is_logged_and_presence_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock(1_800_000_000.0)
    sink = MemorySink(HUB)

    async def broken(payload: Presence) -> None:
        raise RuntimeError("earpiece unplugged")

    service = PresenceService(
        settings(), sink, site_key=SITE_KEY, hub="hub-a", on_waiting=broken, clock=clock
    )

    async def script() -> None:
        for _ in range(100):
            service.observe(advert(TAG_A, NEAR))
            await service.tick()
            clock.now += 1

    run(script())
    actions = [e.data.action for e in sink.events if isinstance(e, PresenceEvent)]
    assert "waiting" in actions and "dwell" in actions  # kept going after the failure
    assert any(isinstance(e, ManagerAlertEvent) for e in sink.events)
    assert "the waiting prompt for visit-" in caplog.text and "earpiece unplugged" in caplog.text


def test_a_hub_fed_another_hubs_raw_readings_decides_as_one_process_hearing_both() -> None:
    """Raw readings once a tick (`report` -> `merge`) smooth as in one process hearing both."""
    clock = Clock(1_800_000_000.0)
    site = settings(switch_after_s=0.0)
    one = PresenceService(site, MemorySink(HUB), site_key=SITE_KEY, hub="hub-a", clock=clock)
    here = PresenceService(site, MemorySink(HUB), site_key=SITE_KEY, hub="hub-a", clock=clock)
    hub_b = HubAddress.of("acme", "downtown", "hub-b")
    there = PresenceService(site, MemorySink(hub_b), site_key=SITE_KEY, hub="hub-b", clock=clock)
    # the tag walks from hub-a to hub-b, readings jittered, five a second at each hub
    path = [(NEAR - k % 3, FAR + k % 5) for k in range(40)] + [
        (FAR + k % 4, NEAR - k % 2) for k in range(40)
    ]
    zones: dict[str, list[str | None]] = {"one": [], "merged": []}
    for step, (at_a, at_b) in enumerate(path):
        key = one.observe(advert(TAG_A, at_a)).key
        one.observe(advert(TAG_A, at_b), hub="hub-b")
        here.observe(advert(TAG_A, at_a))
        there.observe(advert(TAG_A, at_b))
        if step % 5 == 4:  # a tick: hub-b's report since the last, then both decide
            readings = there.report()
            assert [len(beacon.readings) for beacon in readings.beacons] == [5]
            here.merge(readings)
            merged, alone = here.locator.smoothed(key, "hub-b"), one.locator.smoothed(key, "hub-b")
            assert merged == pytest.approx(alone, abs=1e-6)  # ages go in ms
            zones["one"].append(one.locator.locate(key, clock.now))
            zones["merged"].append(here.locator.locate(key, clock.now))
        clock.now += 0.2
    assert zones["merged"] == zones["one"]
    assert zones["one"][0] == "entrance" and zones["one"][-1] == "suv-row"
    assert there.report().beacons[0].readings == []  # each reading is sent once


def test_held_readings_count_only_at_the_boundary_they_precede() -> None:
    """As `run` ticks: a reading after the boundary waits; another hub's counts at sent_at - age."""
    clock = Clock(1_800_000_000.0)
    service = PresenceService(
        settings(), MemorySink(HUB), site_key=SITE_KEY, hub="hub-a", clock=clock
    )
    service.hold_readings()
    key = service.observe(advert(TAG_A, -60)).key
    clock.now += 0.5
    service.observe(advert(TAG_A, -60))
    assert service.until_boundary() == pytest.approx(0.5)
    clock.now += 0.6  # 0.1 s after the boundary: the decision's time
    service.observe(advert(TAG_A, -95))  # after the boundary
    sent = datetime.fromtimestamp(clock.now - 0.1, UTC)
    late = [SiteRssi(age_s=0.3, rssi=-70), SiteRssi(age_s=0.0, rssi=-99)]  # before / at it
    beacon = SiteBeacon(key=key, kind="tag", rssi=-80.0, readings=late)
    service.merge(SiteReadings(hub="hub-b", sent_at=sent, beacons=[beacon]))
    assert service.locator.smoothed(key, "hub-a") is None  # nothing counted before a tick
    run(service.tick(as_of=1_800_000_001.0))
    assert service.locator.smoothed(key, "hub-a") == -60.0
    assert service.locator.smoothed(key, "hub-b") == -70.0
    clock.now += 1.0
    run(service.tick(as_of=1_800_000_002.0))
    assert (service.locator.smoothed(key, "hub-a") or 0.0) < -60.0
    assert (service.locator.smoothed(key, "hub-b") or 0.0) < -70.0


def test_a_beacon_first_heard_since_the_last_tick_is_reported_with_its_readings() -> None:
    clock = Clock(1_800_000_000.0)
    sink = MemorySink(HUB)
    service = PresenceService(settings(), sink, site_key=SITE_KEY, hub="hub-a", clock=clock)
    service.hold_readings()
    service.observe(advert(TAG_A, -61))
    clock.now += 0.3
    service.observe(advert(TAG_A, -63))
    report = service.report()  # the readings still wait for their tick here
    assert [(b.rssi, [r.rssi for r in b.readings]) for b in report.beacons] == [(-63.0, [-61, -63])]
