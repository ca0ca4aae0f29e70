"""Hubs of a site in one process, wired by `report`/`merge`: ownership, visits, busy staff."""

from __future__ import annotations

from contract.events import PresenceEvent
from contract.ids import HubAddress, staff_pseudonym
from contract.payloads import Presence
from edge.events import MemorySink
from edge.presence.frames import IBeacon
from edge.presence.peers import Peers
from edge.presence.service import PresenceService
from edge.presence.settings import ZoneSettings
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, SITE_KEY, TAG_A, TAG_B, advert, settings

SAM = staff_pseudonym(SITE_KEY, "sam")


def test_a_zone_is_owned_by_its_first_hub_up_and_an_orphan_by_the_first_up() -> None:
    peers = Peers(
        settings(
            zones=[
                ZoneSettings(name="lounge", hub="hub-b"),
                ZoneSettings(name="lounge", hub="hub-c"),
                ZoneSettings(name="desk", hub="hub-d"),
            ],
            stale_after_s=5,
        ),
        "hub-c",
    )
    assert peers.owner("lounge", 0.0) == "hub-c" and peers.owner("desk", 0.0) == "hub-c"
    for t in (10.0, 14.0):
        peers.heard_from("hub-b", t, up_s=t - 10.0)
        peers.heard_from("hub-a", t, up_s=t - 10.0)
    # hub-a and hub-b are fresh but still warming up: hub-c, up since 0, keeps every zone
    assert peers.up(14.0) == ["hub-c"] and peers.owns("desk", 14.0)
    assert peers.owner("lounge", 15.0) == "hub-b"  # first of the lounge's hubs up
    assert peers.owner("desk", 15.0) == "hub-a"  # hub-d is down: the first hub up
    assert peers.owns("lounge", 19.5)  # hub-b's readings went stale
    peers.heard_from("hub-b", 20.0)  # back after a restart: warming up again
    assert peers.owns("lounge", 24.0) and peers.owner("lounge", 25.0) == "hub-b"
    peers.busy_elsewhere(SAM, 10.0)
    assert peers.is_busy(SAM, 15.0) and not peers.is_busy(SAM, 15.1)


class Site:
    """Two hubs, each with its own service and sink, exchanging reports every tick."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.prompts: dict[str, list[Presence]] = {"hub-a": [], "hub-b": []}
        self.sinks = {
            hub: MemorySink(HubAddress.of("acme", "downtown", hub)) for hub in self.prompts
        }
        self.services = {hub: self._service(hub) for hub in self.prompts}

    def _service(self, hub: str) -> PresenceService:
        async def on_waiting(waiting: Presence) -> None:
            self.prompts[hub].append(waiting)

        return PresenceService(
            settings(waiting_after_s=5, alert_after_s=60, switch_after_s=2),
            self.sinks[hub],
            site_key=SITE_KEY,
            hub=hub,
            on_waiting=on_waiting,
            clock=lambda: self.now,
        )

    async def walk(self, seconds: int, heard: dict[str, list[tuple[IBeacon, int]]]) -> None:
        for _ in range(seconds):
            for hub, readings in heard.items():
                for frame, rssi in readings:
                    self.services[hub].observe(advert(frame, rssi))
            reports = [service.report() for service in self.services.values()]
            for service in self.services.values():
                for report in reports:
                    service.merge(report)
                await service.tick()
            self.now += 1

    def restart(self, hub: str) -> None:
        """The hub's process starts again: a new service, a new sink, nothing remembered."""
        self.sinks[hub] = MemorySink(self.sinks[hub].hub)
        self.services[hub] = self._service(hub)

    def presence(self, hub: str) -> list[Presence]:
        return [e.data for e in self.sinks[hub].events if isinstance(e, PresenceEvent)]


def test_one_visit_across_hubs_and_a_busy_salesperson_is_not_prompted() -> None:
    site = Site()

    async def script() -> None:
        # Sam is at the SUV row (hub-b); talk there with no customer tag near links nobody.
        await site.walk(3, {"hub-b": [(BADGE_SAM, -60)]})
        engaged = await site.services["hub-b"].engage("conv-00000000000000aa")
        assert engaged is None
        assert site.services["hub-b"].report().beacons[0].busy is False
        # A customer comes in at the entrance (hub-a) and waits.
        await site.walk(10, {"hub-a": [(TAG_A, -60)], "hub-b": [(BADGE_SAM, -60)]})
        # then walks to the SUV row, where Sam greets them
        await site.walk(10, {"hub-a": [(TAG_A, -95)], "hub-b": [(TAG_A, -60), (BADGE_SAM, -60)]})

    run(script())
    a, b = site.presence("hub-a"), site.presence("hub-b")
    tag_a = [(p.action, p.zone) for p in a if p.visit_id]
    tag_b = [(p.action, p.zone) for p in b if p.visit_id]
    assert tag_a[:2] == [("enter", "entrance"), ("waiting", "entrance")]
    assert ("exit", "entrance") in tag_a and all(zone == "entrance" for _, zone in tag_a)
    assert tag_b[:2] == [("enter", "suv-row"), ("greeted", "suv-row")]
    assert {p.visit_id for p in a + b if p.visit_id} == {a[0].visit_id}  # one visit
    # Sam was free: the prompt went to hub-b (nearest him), naming him; hub-a stayed quiet
    assert [p.staff for p in site.prompts["hub-b"]] == [SAM] and site.prompts["hub-a"] == []
    # badge events only from the owner of Sam's zone
    assert [p.action for p in a if p.staff] == [] and b[0].staff == SAM


def test_a_salesperson_in_a_conversation_is_busy_and_the_owner_prompts_the_floor() -> None:
    site = Site()

    async def script() -> None:
        both = {"hub-b": [(TAG_B, -60), (BADGE_SAM, -60)]}
        await site.walk(4, both)
        assert await site.services["hub-b"].engage("conv-00000000000000aa") is not None
        await site.walk(1, both)
        assert any(beacon.busy for beacon in site.services["hub-b"].report().beacons)
        await site.walk(10, both | {"hub-a": [(TAG_A, -60)]})

    run(script())
    # Sam is busy with the first customer: no free salesperson, hub-a (the owner) prompts
    assert [p.staff for p in site.prompts["hub-a"]] == [None]
    assert site.prompts["hub-b"] == []


def test_a_restarted_hub_takes_the_visit_over_without_a_new_id() -> None:
    site = Site()
    at_entrance = {"hub-a": [(TAG_A, -60)], "hub-b": [(TAG_A, -95)]}

    async def script() -> None:
        await site.walk(20, at_entrance)
        site.restart("hub-a")
        await site.walk(70, at_entrance)  # warm-up (12 s), then a dwell event (every 60 s)

    first_sink = site.sinks["hub-a"]
    run(script())
    first = [e.data for e in first_sink.events if isinstance(e, PresenceEvent)]
    visit = first[0].visit_id
    assert [(p.action, p.zone) for p in first[:1]] == [("enter", "entrance")]
    after = site.presence("hub-a")
    assert [p.action for p in after] == ["dwell"] and after[0].visit_id == visit
    # while hub-a warmed up, hub-b held the entrance and said nothing new
    assert [p.action for p in site.presence("hub-b")] == []
