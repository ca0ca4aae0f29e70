"""The hub's presence task: advertisements in, presence events out through the `EventSink`.

`PresenceService.run(advertisements)` is the long-lived coroutine: it feeds every advertisement
to the zone locator (or the traffic counter, for anonymous devices) and every `tick_s` decides
zones, updates the floor and emits what changed. `observe` and `tick` are public so tests and
the simulation drive time themselves; readings from other hubs of the site go in through
`observe(advertisement, hub=...)`, or, from hubs in other processes, as `SiteReadings` through
`merge` (`report` makes this hub's, with its raw readings since the last report, which the
other hubs smooth as their own; `edge.presence.site` carries them over the broker). Every
hub decides every zone; `run` ticks at common boundaries (multiples of `tick_s`), deciding
`share_wait_s` after each as of the boundary from every reading (its own and the site's) heard
before it, so that every hub decides as one process would. Only a zone's owner
(`edge.presence.peers`) emits its events, and a tag's visit id is the one its zone's owner gave
it, so a visit is one visit across hubs. When a customer starts waiting, the hub nearest a free
salesperson (one not in a conversation) calls the injected `on_waiting` with that salesperson
as `staff` (its coaching sinks prompt them).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, datetime

from contract.payloads import (
    SITE_READINGS_MAX,
    ManagerAlert,
    Payload,
    Presence,
    SiteBeacon,
    SiteReadings,
    SiteRssi,
    TrafficSummary,
)
from edge.events import EventSink
from edge.presence.advertisement import Advertisement
from edge.presence.floor import Floor
from edge.presence.peers import Peers
from edge.presence.registry import Identity, Registry, beacon_key
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
        self._site_key = site_key
        self.peers = Peers(settings, hub)
        self._engaged: dict[str, tuple[str, str]] = {}  # badge -> (conversation, zone)
        self._unreported: dict[str, deque[tuple[float, int]]] = {}  # key -> (time, rssi)
        self._deferred = False  # True while `run` ticks: readings wait for their boundary
        self._pending: list[tuple[float, str, str, float]] = []  # (time, hub, key, rssi)

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
        identity = Identity(identity.kind, beacon_key(self._site_key, identity.key), identity.staff)
        self._identities[identity.key] = identity
        self._fold(hub or self.hub, identity.key, advertisement.rssi, now)
        if hub in (None, self.hub):
            self._unreported.setdefault(identity.key, deque(maxlen=SITE_READINGS_MAX)).append(
                (now, advertisement.rssi)
            )
        return identity

    def report(self) -> SiteReadings:
        """What this hub hears now, for the other hubs of the site (with its raw readings)."""
        now = self._clock()
        unreported, self._unreported = self._unreported, {}
        beacons = []
        heard = dict(self.locator.heard_by(self.hub, now))
        for key, raw in unreported.items():  # new since the last tick: not smoothed yet
            heard.setdefault(key, float(raw[-1][1]))
        for key, rssi in heard.items():
            identity = self._identities.get(key)
            if identity is None or identity.kind == "device":
                continue
            zone = self.floor.zone_of(key)
            owned = identity.kind == "tag" and zone is not None and self.peers.owns(zone, now)
            beacons.append(
                SiteBeacon(
                    key=key,
                    kind=identity.kind,
                    staff=identity.staff,
                    rssi=max(-127.0, min(20.0, round(rssi, 1))),
                    readings=[
                        SiteRssi(age_s=round(now - when, 3), rssi=max(-127, min(20, value)))
                        for when, value in unreported.get(key, ())
                        if 0.0 <= now - when <= min(60.0, self.settings.stale_after_s)
                    ],
                    visit_id=self.floor.visit_of(key) if owned else None,
                    greeted=owned and self.floor.greeted(key),
                    busy=key in self._engaged,
                )
            )
        return SiteReadings(
            hub=self.hub,
            sent_at=datetime.fromtimestamp(now, UTC),
            up_s=self.peers.up_s(now),
            beacons=beacons,
        )

    def merge(self, readings: SiteReadings) -> None:
        """Another hub's readings; too old ones (queued while a link was down) are dropped.

        Raw readings are smoothed here, each at its age before now; a beacon with none (from a
        hub older than contract 1.2) counts by the sending hub's smoothed value.
        """
        now = self._clock()
        if (
            readings.hub == self.hub
            or now - readings.sent_at.timestamp() > self.settings.stale_after_s
        ):
            return
        self.peers.heard_from(readings.hub, now, readings.up_s)
        for beacon in readings.beacons:
            identity = self._identities.setdefault(
                beacon.key, Identity(beacon.kind, beacon.key, beacon.staff)
            )
            sent = min(now, readings.sent_at.timestamp())
            for raw in beacon.readings:
                self._fold(readings.hub, identity.key, raw.rssi, sent - raw.age_s)
            if not beacon.readings:
                self.locator.observe(readings.hub, identity.key, beacon.rssi, now, merged=True)
            if beacon.busy and beacon.staff is not None:
                self.peers.busy_elsewhere(beacon.staff, now)
            zone = self.floor.zone_of(beacon.key)
            if beacon.visit_id is not None and zone is not None and not self.peers.owns(zone, now):
                self.floor.adopt_visit(beacon.key, beacon.visit_id, beacon.greeted)

    def _fold(self, hub: str, key: str, rssi: float, when: float) -> None:
        """A reading into the locator, or, while `run` ticks, to wait for its boundary."""
        if self._deferred:
            self._pending.append((when, hub, key, rssi))
        else:
            self.locator.observe(hub, key, rssi, when)

    def hold_readings(self) -> None:
        """From now on readings wait for the tick they precede (`tick(as_of=...)`; `run` does)."""
        self._deferred = True

    def until_boundary(self) -> float:
        """Seconds to the next tick boundary (a multiple of `tick_s` on this hub's clock)."""
        tick = self.settings.tick_s
        now = self._clock()
        return (math.floor(now / tick) + 1) * tick - now

    async def tick(self, as_of: float | None = None) -> None:
        """Decide zones (as of `as_of`: from the readings before it) and emit what changed.

        The traffic summaries due go out too.
        """
        now = self._clock()
        decided_at = now if as_of is None else as_of
        if self._pending:
            self._pending.sort()
            due = [r for r in self._pending if r[0] < decided_at or as_of is None]
            self._pending = self._pending[len(due) :]
            for when, hub, key, rssi in due:
                if key in self._identities:
                    self.locator.observe(hub, key, rssi, when)
        zones = {
            identity: self.locator.locate(key, decided_at)
            for key, identity in self._identities.items()
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
                self._unreported.pop(key, None)
        for badge, (_, zone) in list(self._engaged.items()):
            if self.floor.zone_of(badge) != zone:  # walked away from the conversation
                del self._engaged[badge]
        for payload in [*update.events, *self.traffic.roll(now)]:
            if self._owned(payload, now):
                await self._sink.emit(payload)
        if self._on_waiting is not None:
            for waiting in update.waiting:
                here, staff = self._prompt_target(waiting.zone, now)
                if not here:
                    continue
                try:
                    await self._on_waiting(waiting.model_copy(update={"staff": staff}))
                except Exception:  # a coaching sink failing must not stop presence
                    _LOGGER.exception("the waiting prompt for %s failed", waiting.visit_id)

    def _owned(self, payload: Payload, now: float) -> bool:
        if isinstance(payload, Presence | ManagerAlert | TrafficSummary) and payload.zone:
            return self.peers.owns(payload.zone, now)
        return True

    def _prompt_target(self, zone: str, now: float) -> tuple[bool, str | None]:
        """Whether this hub prompts for a customer waiting in `zone`, and whom.

        The free salesperson nearest the zone's hubs is prompted at the hub nearest them;
        with nobody free, the zone's owner prompts the floor (staff None).
        """
        free = [
            (key, staff)
            for key, staff, _ in self.floor.badges()
            if key not in self._engaged and not self.peers.is_busy(staff, now)
        ]
        if not free:
            return self.peers.owns(zone, now), None
        hubs = self.peers.hubs_of(zone)

        def remoteness(badge: tuple[str, str]) -> tuple[float, float]:
            distances = self.locator.hub_distances(badge[0], now)
            near_zone = min((d for hub, d in distances.items() if hub in hubs), default=1e9)
            return (near_zone, min(distances.values(), default=1e9))

        key, staff = min(free, key=remoteness)
        nearest = self.locator.nearest_hub(key, now) or self.peers.owner(zone, now)
        return nearest == self.hub, staff

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
            badge, staff = max(badges, key=lambda badge: self._loudness(badge[0]))
            self._engaged[badge] = (conversation_id, name)
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

    def release(self, conversation_id: str) -> None:
        """The conversation ended: its salesperson is free again."""
        for badge, (conversation, _) in list(self._engaged.items()):
            if conversation == conversation_id:
                del self._engaged[badge]

    async def run(self, advertisements: AsyncGenerator[Advertisement, None]) -> None:
        """Consume `advertisements` and tick every `tick_s`, until cancelled."""
        self.hold_readings()
        async with asyncio.TaskGroup() as group:
            group.create_task(self._ticks(), name="presence-ticks")
            async with aclosing(advertisements) as source:
                async for advertisement in source:
                    self.observe(advertisement)

    async def _ticks(self) -> None:
        wait = min(self.settings.share_wait_s, self.settings.tick_s / 2)
        while True:
            until = self.until_boundary()
            boundary = self._clock() + until
            await asyncio.sleep(until + wait)
            await self.tick(as_of=boundary)

    def _loudness(self, beacon: str) -> float:
        smoothed = self.locator.smoothed(beacon, self.hub)
        return smoothed if smoothed is not None else -200.0

    def _last_heard(self, beacon: str, now: float) -> float:
        heard = self.locator.last_heard(beacon)
        return heard if heard is not None else now
