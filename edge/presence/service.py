"""The hub's presence task: advertisements in, presence events out through the `EventSink`.

`PresenceService.run(advertisements)` is the long-lived coroutine: it feeds every advertisement
to the zone locator (or the traffic counter, for anonymous devices) and every `tick_s` decides
zones, updates the floor and emits what changed. `observe` and `tick` are public so tests and
the simulation drive time themselves; readings from other hubs of the site go in through
`observe(advertisement, hub=...)`. When a customer starts waiting, the injected `on_waiting`
callback gets the `waiting` payload (the coaching sinks prompt the nearest salesperson).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import aclosing
from dataclasses import dataclass

from contract.payloads import Presence
from edge.events import EventSink
from edge.presence.advertisement import Advertisement
from edge.presence.floor import Floor
from edge.presence.registry import Identity, Registry
from edge.presence.settings import PresenceSettings
from edge.presence.traffic import TrafficCounter
from edge.presence.zones import ZoneLocator

_LOGGER = logging.getLogger(__name__)

WaitingCallback = Callable[[Presence], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Engagement:
    """Who a conversation is with: the visit and the salesperson near the hub."""

    visit_id: str
    staff: str
    zone: str


class PresenceService:
    """Zones, visits and traffic of one hub (merging other hubs' readings fed to it)."""

    def __init__(
        self,
        settings: PresenceSettings,
        sink: EventSink,
        *,
        site_key: bytes,
        hub: str,
        on_waiting: WaitingCallback | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.hub = hub
        self._sink = sink
        self._on_waiting = on_waiting
        self._clock = clock
        self.registry = Registry(settings, site_key)
        self.locator = ZoneLocator(settings, hub)
        self.floor = Floor(settings)
        zone_names = [zone.name for zone in settings.zones]
        self.traffic = TrafficCounter(zone_names, settings.traffic_interval_s)
        self._local_zones = [zone.name for zone in settings.zones if zone.hub in (None, hub)]
        self._identities: dict[str, Identity] = {}

    def observe(self, advertisement: Advertisement, hub: str | None = None) -> Identity:
        """One advertisement heard by `hub` (default: this hub) now."""
        now = self._clock()
        identity = self.registry.identify(advertisement)
        if identity.kind == "device":
            zones = self._local_zones if hub in (None, self.hub) else []
            if (
                self.settings.count_devices
                and zones
                and advertisement.rssi >= self.settings.device_min_rssi
            ):
                self.traffic.device(zones[0], advertisement.address, now)
            return identity
        self._identities[identity.key] = identity
        self.locator.observe(hub or self.hub, identity.key, advertisement.rssi, now)
        return identity

    async def tick(self) -> None:
        """Decide zones now and emit every resulting event (and the traffic summaries due)."""
        now = self._clock()
        zones = {
            identity: self.locator.locate(key, now) for key, identity in self._identities.items()
        }
        update = self.floor.update(now, zones)
        for identity, zone in zones.items():
            if zone is None:
                continue
            if identity.kind == "badge" and identity.staff is not None:
                self.traffic.staff(zone, identity.staff)
            elif identity.kind == "tag":
                visit_id = self.floor.visit_of(identity.key)
                if visit_id is not None:
                    self.traffic.visitor(zone, visit_id)
        for zone, dwell in update.ended_stays:
            self.traffic.stay_ended(zone, dwell)
        for key in list(self._identities):
            gone = zones.get(self._identities[key]) is None and self.floor.zone_of(key) is None
            if gone and now - self._last_heard(key, now) > self.settings.visit_gap_s:
                del self._identities[key]
                self.locator.forget(key)
        for payload in update.events:
            await self._sink.emit(payload)
        for summary in self.traffic.roll(now):
            await self._sink.emit(summary)
        if self._on_waiting is not None:
            for waiting in update.waiting:
                try:
                    await self._on_waiting(waiting)
                except Exception:  # a coaching sink failing must not stop presence
                    _LOGGER.exception("the waiting prompt for %s failed", waiting.visit_id)

    def forget(self, visit_id: str) -> bool:
        """Forget a visit on the floor: no event names it again; whether it was on the floor."""
        return self.floor.forget_visit(visit_id)

    async def engage(self, conversation_id: str, zone: str | None = None) -> Engagement | None:
        """Link a starting conversation to the visit and salesperson near this hub, if any.

        The daemon calls this when the conversation assembler starts a conversation; the
        `engaged` event is emitted and the pair returned (for `ConversationStarted.visit_id`
        and `.staff`). The customer nearest this hub wins when several are in the zone.
        """
        for name in [zone] if zone else self._local_zones:
            tags, badges = self.floor.present(name)
            if not tags or not badges:
                continue
            _, visit_id = max(tags, key=lambda tag: self._loudness(tag[0]))
            _, staff = max(badges, key=lambda badge: self._loudness(badge[0]))
            await self._sink.emit(
                Presence(
                    action="engaged",
                    zone=name,
                    staff=staff,
                    visit_id=visit_id,
                    conversation_id=conversation_id,
                )
            )
            return Engagement(visit_id=visit_id, staff=staff, zone=name)
        return None

    async def run(self, advertisements: AsyncGenerator[Advertisement, None]) -> None:
        """Consume `advertisements` and tick every `tick_s`, until cancelled."""
        async with asyncio.TaskGroup() as group:
            group.create_task(self._ticks(), name="presence-ticks")
            async with aclosing(advertisements) as source:
                async for advertisement in source:
                    self.observe(advertisement)

    async def _ticks(self) -> None:
        while True:
            await asyncio.sleep(self.settings.tick_s)
            await self.tick()

    def _loudness(self, beacon: str) -> float:
        smoothed = self.locator.smoothed(beacon, self.hub)
        return smoothed if smoothed is not None else -200.0

    def _last_heard(self, beacon: str, now: float) -> float:
        heard = self.locator.last_heard(beacon)
        return heard if heard is not None else now
