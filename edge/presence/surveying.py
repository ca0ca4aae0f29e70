"""A zone survey from a recorded walk: the readings through the hubs' own smoothing, labelled.

`walk(readings, marks, settings)` replays the readings through a `ZoneLocator` (without any
survey) and, every `tick_s`, takes each surveyed beacon's fingerprint (the smoothed RSSI of
every hub of `settings.zones`, NaN where a hub has no fresh reading) with the zone marked then;
`survey_walk` learns a `ZoneSurvey` from them. Training sees fingerprints exactly as a hub
deciding with the survey will.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from edge.presence.settings import PresenceSettings
from edge.presence.trace import Reading
from edge.presence.zone_survey import (
    Features,
    MarkedZones,
    Method,
    SurveyError,
    Weighting,
    ZoneSurvey,
    adjacent_zones,
    learn,
    ticks,
)
from edge.presence.zones import ZoneLocator

Fingerprint = tuple[float, NDArray[np.float64], str]


def surveyed_hubs(settings: PresenceSettings) -> list[str]:
    """The hubs of the site's zones (each must be named: a survey spans hubs)."""
    hubs = [zone.hub for zone in settings.zones]
    if not hubs or any(hub is None for hub in hubs):
        raise SurveyError(
            "a survey needs every zone's hub named (presence.zones[].hub or a layout)"
        )
    return [hub for hub in hubs if hub is not None]


def walk(
    readings: Sequence[Reading], marks: MarkedZones, settings: PresenceSettings
) -> list[Fingerprint]:
    """(time, fingerprint, marked zone) every `tick_s` while a surveyed beacon is marked."""
    hubs = surveyed_hubs(settings)
    configured = {zone.name for zone in settings.zones}
    unknown = sorted(marks.zones() - configured)
    if unknown:
        raise SurveyError(f"the marks name zones no hub anchors: {', '.join(unknown)}")
    plain = settings.model_copy(update={"survey": None})
    locator = ZoneLocator(plain, hubs[0])
    column = {hub: i for i, hub in enumerate(hubs)}
    beacons = marks.beacons()
    out: list[Fingerprint] = []
    done = 0
    for now, upto in ticks(readings, settings.tick_s):
        for reading in readings[done:upto]:
            locator.observe(reading.hub, reading.beacon, reading.rssi, reading.time)
        done = upto
        for beacon in beacons:
            zone = marks.at(beacon, now)
            fresh = locator.fresh_rssi(beacon, now) if zone is not None else {}
            if zone is None or not fresh:
                continue
            vector = np.full(len(hubs), math.nan)
            for hub, rssi in fresh.items():
                vector[column[hub]] = rssi
            out.append((now, vector, zone))
    return out


def survey_walk(
    readings: Sequence[Reading],
    marks: MarkedZones,
    settings: PresenceSettings,
    *,
    method: Method = "knn",
    shrinkage: float = 0.1,
    k: int = 15,
    weighting: Weighting = "vote",
    features: Features = "rssi",
    rate_per_s: float | None = None,
    adjacency: bool = True,
) -> ZoneSurvey:
    """The zone survey of a recorded, marked walk.

    `rate_per_s`: with a forward filter; `adjacency`: the zones the walk went between directly
    (one surveyed tag at a time) are its adjacent zones (False: every move alike).
    """
    prints = walk(readings, marks, settings)
    return learn(
        [(vector, zone) for _, vector, zone in prints],
        surveyed_hubs(settings),
        method=method,
        rssi_process_noise=settings.rssi_process_noise,
        rssi_measurement_noise=settings.rssi_measurement_noise,
        rssi_median_of=settings.rssi_median_of,
        shrinkage=shrinkage,
        k=k,
        weighting=weighting,
        feature=features,
        rate_per_s=rate_per_s,
        adjacent=adjacent_zones([(when, zone) for when, _, zone in prints]) if adjacency else (),
    )
