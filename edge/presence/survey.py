"""What a hub hears, for installers placing hubs and calibrating zones (`beacons scan`).

Unlike the floor, a survey shows local ids (staff member ids of badges, device addresses):
it runs on the hub, for the installer's eyes, and nothing of it is emitted.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from edge.presence.advertisement import Advertisement
from edge.presence.registry import Registry
from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.smoothing import RssiFilter
from edge.presence.zones import distance_m

#: Calibration used when this hub anchors no zone yet.
DEFAULT_ZONE = ZoneSettings(name="-")


class SurveyRow(BaseModel):
    """One beacon (or device) as this hub hears it."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    staff_id: str | None
    frames: list[str]
    readings: int
    rssi_last: int
    rssi_smoothed: float
    distance_m: float
    zone: str | None


class Survey:
    """Smoothed RSSI, estimated distance and zone of everything heard."""

    def __init__(self, settings: PresenceSettings, site_key: bytes, hub: str | None = None) -> None:
        self._settings = settings
        self._registry = Registry(settings, site_key)
        local = [zone for zone in settings.zones if zone.hub == hub]
        self._zone = local[0] if local else DEFAULT_ZONE
        self._filters: dict[str, RssiFilter] = {}
        self._rows: dict[str, SurveyRow] = {}

    def add(self, advertisement: Advertisement, now: float) -> None:
        """Fold in one advertisement heard at `now`."""
        identity = self._registry.identify(advertisement)
        key = identity.key
        if identity.kind == "device" and advertisement.frames:
            key = next((f.beacon_id for f in advertisement.frames if f.beacon_id), key)
        smoother = self._filters.setdefault(
            key,
            RssiFilter(self._settings.rssi_process_noise, self._settings.rssi_measurement_noise),
        )
        smoothed = smoother.update(advertisement.rssi, now)
        distance = distance_m(smoothed, self._zone)
        previous = self._rows.get(key)
        kinds = {frame.kind for frame in advertisement.frames}
        frames = sorted(kinds | set(previous.frames if previous else []))
        in_zone = distance <= self._zone.radius_m and self._zone is not DEFAULT_ZONE
        kind = "beacon" if identity.kind == "device" and advertisement.frames else identity.kind
        self._rows[key] = SurveyRow(
            id=key,
            kind=kind,
            staff_id=self._registry.staff_id(key),
            frames=frames,
            readings=(previous.readings if previous else 0) + 1,
            rssi_last=advertisement.rssi,
            rssi_smoothed=round(smoothed, 1),
            distance_m=round(distance, 2),
            zone=self._zone.name if in_zone else None,
        )

    def rows(self) -> list[SurveyRow]:
        """Everything heard, loudest first."""
        return sorted(self._rows.values(), key=lambda row: -row.rssi_smoothed)
