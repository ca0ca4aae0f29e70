"""Recorded readings through the hubs' own zone logic: one decision per zone change.

`replay(readings, settings)` feeds every reading to a `ZoneLocator` at its recorded time and
decides every beacon's zone every `tick_s` of recorded time, as `PresenceService` does on a
hub, yielding a `ZoneDecision` whenever a beacon's zone changes (None: it left every zone).
`layout_settings` turns a receiver layout into the `presence.zones` of a site, taking each
hub's calibration from the configuration when it names that hub.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict

from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.trace import Reading, Receiver
from edge.presence.zone_survey import ZoneSurvey
from edge.presence.zones import ZoneLocator

#: How the other hubs' readings reach a hub of a multi-hub site (`SiteReadings`): `raw`, each
#: reading batched per tick (`SiteBeacon.readings`, contract 1.2), or `smoothed`, the sending
#: hub's smoothed value per tick (`SiteBeacon.rssi` alone, as hubs before 1.2 send).
Shared = Literal["raw", "smoothed"]


class ZoneDecision(BaseModel):
    """A beacon's zone changed at `time` (Unix seconds); None: in no zone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    time: float
    beacon: str
    zone: str | None


def layout_settings(receivers: list[Receiver], base: PresenceSettings) -> PresenceSettings:
    """`base` with one zone entry per receiver (calibration from `base.zones` by hub id)."""
    configured = {zone.hub: zone for zone in base.zones if zone.hub is not None}
    zones = [
        configured[r.hub].model_copy(update={"name": r.zone})
        if r.hub in configured
        else ZoneSettings(name=r.zone, hub=r.hub)
        for r in receivers
    ]
    return PresenceSettings.model_validate(base.model_dump() | {"zones": zones})


def replay(
    readings: Iterable[Reading],
    settings: PresenceSettings,
    survey: ZoneSurvey | None = None,
    *,
    local_hub: str | None = None,
    shared: Shared = "raw",
    lag_s: float | None = None,
) -> Iterator[ZoneDecision]:
    """Zone changes of every beacon heard in `readings` (in time order).

    `survey` (default: the file `settings.survey` names, if any) decides zones as on a hub.
    `local_hub`: decide as that hub of a multi-hub site. `shared` raw: the other hubs' readings
    arrive in a batch each tick, smoothed here, and a decision counts those older than `lag_s`
    (default `tick_s`: a report sent at a tick may come after this hub decided; hubs that
    report at common tick boundaries and decide a little after them lag that little);
    smoothed: they are the other hubs' reported smoothed values (already one per tick), taken
    as they are.
    """
    hubs = [zone.hub for zone in settings.zones if zone.hub is not None]
    locator = ZoneLocator(settings, hubs[0] if hubs else "-", survey)
    tick = settings.tick_s
    zones: dict[str, str | None] = {}
    next_tick: float | None = None
    batched = local_hub is not None and shared == "raw"
    lag = tick if lag_s is None else lag_s
    pending: deque[Reading] = deque()  # other hubs' readings not yet arrived
    for reading in readings:
        if next_tick is None:
            next_tick = math.floor(reading.time / tick) * tick + tick
        while next_tick <= reading.time:
            while pending and pending[0].time < next_tick - lag:
                late = pending.popleft()
                locator.observe(late.hub, late.beacon, late.rssi, late.time)
            yield from _decide(locator, zones, next_tick)
            if not any(zones.values()):  # nobody anywhere: nothing changes until heard again
                next_tick = max(next_tick, math.floor(reading.time / tick) * tick)
            next_tick += tick
        zones.setdefault(reading.beacon, None)
        if batched and reading.hub != local_hub:
            pending.append(reading)
            continue
        merged = local_hub is not None and reading.hub != local_hub
        locator.observe(reading.hub, reading.beacon, reading.rssi, reading.time, merged=merged)
    if next_tick is not None and reading.time > next_tick - tick:  # the recording's end
        yield from _decide(locator, zones, reading.time)


def _decide(
    locator: ZoneLocator, zones: dict[str, str | None], now: float
) -> Iterator[ZoneDecision]:
    for beacon, before in zones.items():
        zone = locator.locate(beacon, now)
        if zone != before:
            zones[beacon] = zone
            yield ZoneDecision(time=now, beacon=beacon, zone=zone)
