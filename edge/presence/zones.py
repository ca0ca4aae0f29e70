"""Where each beacon is: smoothed RSSI per hub, calibrated distance, hysteresis, hubs merged.

Merge across hubs: every hub keeps a smoothed RSSI per beacon (`observe(hub, beacon, rssi)`,
readings from other hubs arrive the same way); a beacon's candidate zone is the zone of the hub
with the smallest calibrated distance estimate among fresh readings (younger than
`stale_after_s`), if that distance is within the zone's radius. Hysteresis: a beacon leaves its
current zone for another only when the other's distance is below `switch_ratio` times the
current one's (or the current zone has no fresh reading) for `switch_after_s` on end; it leaves
every zone when it has been out of all of them for `exit_after_s`.

With a site survey (`presence.survey`, see `edge.presence.zone_survey`), the candidate zone is
instead the most probable zone of the survey's model given the fresh smoothed RSSI of every
surveyed hub, and the same hysteresis acts on probabilities: another zone wins when the current
zone's probability is below `switch_ratio` times its own (a survey with `transitions` first
filters the probabilities forward from tick to tick; a beacon no hub hears starts afresh).
Radii then play no part; the readings still merge across hubs (the model needs every hub's
readings: `share_readings`). Other hubs' raw readings (`SiteBeacon.readings`) are smoothed here
as this hub's own; a value another hub smoothed already (`SiteBeacon.rssi` from a hub that
sends no raw readings) is, with a survey, taken as it is rather than smoothed again
(`observe(..., merged=True)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.smoothing import RssiFilter
from edge.presence.zone_survey import CompiledSurvey, SurveyError, ZoneSurvey, load_survey


def distance_m(rssi: float, zone: ZoneSettings) -> float:
    """Log-distance path loss: d = 10 ** ((P1m - RSSI) / (10 n)) metres."""
    return float(10 ** ((zone.measured_power_dbm - rssi) / (10.0 * zone.path_loss_exponent)))


@dataclass
class _Track:
    """One beacon's zone decision state."""

    zone: str | None = None
    candidate: str | None = None
    candidate_since: float = 0.0
    out_since: float | None = None
    filters: dict[str, RssiFilter] = field(default_factory=dict)
    belief: NDArray[np.float64] | None = None  # the survey's forward filter, if it has one
    belief_at: float = 0.0


class ZoneLocator:
    """Zone of each beacon from the readings of every hub of the site."""

    def __init__(
        self, settings: PresenceSettings, local_hub: str, survey: ZoneSurvey | None = None
    ) -> None:
        """Zones from `settings`; `survey` (default: the file `settings.survey` names, if any)."""
        self._settings = settings
        self._zones = {zone.hub or local_hub: zone for zone in settings.zones}
        self._tracks: dict[str, _Track] = {}
        if survey is None and settings.survey is not None:
            survey = load_survey(settings.survey)
        self._survey = _checked(survey, self._zones) if survey is not None else None
        self._noise = (
            (survey.rssi_process_noise, survey.rssi_measurement_noise, survey.rssi_median_of)
            if survey is not None
            else (
                settings.rssi_process_noise,
                settings.rssi_measurement_noise,
                settings.rssi_median_of,
            )
        )

    def observe(
        self, hub: str, beacon: str, rssi: float, now: float, *, merged: bool = False
    ) -> float | None:
        """One reading of `beacon` at `hub`; returns the smoothed RSSI (None: hub has no zone).

        `merged`: `rssi` is another hub's own smoothed value (its `SiteReadings`). With a
        survey it is taken as it is, so that a hub sees every hub's RSSI smoothed once, as the
        survey did; without one it is smoothed again, as it always was.
        """
        if hub not in self._zones:
            return None
        track = self._tracks.setdefault(beacon, _Track())
        smoother = track.filters.get(hub)
        if smoother is None:
            process, measurement, median_of = self._noise
            smoother = track.filters[hub] = RssiFilter(process, measurement, median_of=median_of)
        elif now - smoother.updated_at > self._settings.stale_after_s:
            smoother.reset()  # heard again after a silence: start from this reading
        if merged and self._survey is not None:
            return smoother.assume(rssi, now)
        return smoother.update(rssi, now)

    def fresh_rssi(self, beacon: str, now: float) -> dict[str, float]:
        """Hub id -> smoothed RSSI of `beacon`, from every hub with a fresh reading."""
        track = self._tracks.get(beacon)
        if track is None:
            return {}
        return {
            hub: smoother.estimate
            for hub, smoother in track.filters.items()
            if smoother.estimate is not None
            and now - smoother.updated_at <= self._settings.stale_after_s
        }

    def hub_distances(self, beacon: str, now: float) -> dict[str, float]:
        """Hub id -> distance estimate (m) from every hub with a fresh reading."""
        return {
            hub: distance_m(rssi, self._zones[hub])
            for hub, rssi in self.fresh_rssi(beacon, now).items()
        }

    def distances(self, beacon: str, now: float) -> dict[str, float]:
        """Zone name -> distance estimate (m): the nearest of its hubs with a fresh reading."""
        out: dict[str, float] = {}
        for hub, distance in self.hub_distances(beacon, now).items():
            name = self._zones[hub].name
            out[name] = min(distance, out.get(name, distance))
        return out

    def nearest_hub(self, beacon: str, now: float) -> str | None:
        """The hub with the smallest distance estimate to `beacon` now, if any hears it."""
        distances = self.hub_distances(beacon, now)
        return min(distances, key=distances.__getitem__) if distances else None

    def heard_by(self, hub: str, now: float) -> list[tuple[str, float]]:
        """(beacon, smoothed RSSI) of every beacon `hub` has a fresh reading of."""
        out = []
        for beacon, track in self._tracks.items():
            smoother = track.filters.get(hub)
            if (
                smoother is not None
                and smoother.estimate is not None
                and now - smoother.updated_at <= self._settings.stale_after_s
            ):
                out.append((beacon, smoother.estimate))
        return out

    def locate(self, beacon: str, now: float) -> str | None:
        """The beacon's zone now, after hysteresis (None: in no zone)."""
        track = self._tracks.get(beacon)
        if track is None:
            return None
        inside = self._candidates(beacon, now)
        best = min(inside, key=inside.__getitem__) if inside else None
        if best is None:
            if track.zone is not None:
                track.out_since = track.out_since if track.out_since is not None else now
                if now - track.out_since >= self._settings.exit_after_s:
                    track.zone, track.candidate = None, None
            return track.zone
        track.out_since = None
        if track.zone is None:
            track.zone, track.candidate = best, None
            return best
        current = inside.get(track.zone)
        wins = best != track.zone and (
            current is None or inside[best] < self._settings.switch_ratio * current
        )
        if not wins:
            track.candidate = None
        elif track.candidate != best:
            track.candidate, track.candidate_since = best, now
        elif now - track.candidate_since >= self._settings.switch_after_s:
            track.zone, track.candidate = best, None
        return track.zone

    def _candidates(self, beacon: str, now: float) -> dict[str, float]:
        """Zone -> a cost (smaller is nearer) of every zone the beacon may be in now."""
        if self._survey is not None:
            fresh = self.fresh_rssi(beacon, now)
            track = self._tracks[beacon]
            if not fresh:
                track.belief = None
                return {}
            if not self._survey.filtered:
                p = self._survey.posterior(fresh)
            elif track.belief is None or now > track.belief_at:  # once per tick
                elapsed = now - track.belief_at
                p = self._survey.forward(track.belief, self._survey.posterior(fresh), elapsed)
                track.belief, track.belief_at = p, now
            else:
                p = track.belief
            return dict(zip(self._survey.zones, (1.0 / p).tolist(), strict=True))
        distances = self.distances(beacon, now)
        radius: dict[str, float] = {}
        for zone in self._zones.values():
            radius[zone.name] = max(zone.radius_m, radius.get(zone.name, 0.0))
        return {name: d for name, d in distances.items() if d <= radius[name]}

    def beacons(self) -> list[str]:
        """Every beacon with a track."""
        return list(self._tracks)

    def forget(self, beacon: str) -> None:
        """Drop a beacon's state (it left the site)."""
        self._tracks.pop(beacon, None)

    def last_heard(self, beacon: str) -> float | None:
        """When any hub last heard `beacon`."""
        track = self._tracks.get(beacon)
        if track is None or not track.filters:
            return None
        return max(smoother.updated_at for smoother in track.filters.values())

    def smoothed(self, beacon: str, hub: str) -> float | None:
        """The smoothed RSSI of `beacon` at `hub`, if any."""
        track = self._tracks.get(beacon)
        smoother = track.filters.get(hub) if track else None
        return smoother.estimate if smoother else None


def _checked(survey: ZoneSurvey, zones: dict[str, ZoneSettings]) -> CompiledSurvey:
    """`survey` compiled, once its hubs and zones are those of the settings."""
    unknown_hubs = [hub for hub in survey.hubs if hub not in zones]
    names = {zone.name for zone in zones.values()}
    unknown_zones = [zone for zone in survey.zones if zone not in names]
    if unknown_hubs or unknown_zones:
        raise SurveyError(
            "the survey does not match presence.zones (survey again after moving or renaming): "
            + "; ".join(
                part
                for part in (
                    f"hubs not anchoring a zone: {', '.join(unknown_hubs)}" if unknown_hubs else "",
                    f"zones not configured: {', '.join(unknown_zones)}" if unknown_zones else "",
                )
                if part
            )
        )
    return survey.compile()
