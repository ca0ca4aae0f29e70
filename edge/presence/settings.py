"""`presence:` settings: zones and their calibration, badges, customer tags, thresholds."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

_BEACON_ID = r"^(ibeacon|altbeacon|eddystone):[0-9a-f:-]+$"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ZoneSettings(_Section):
    """One zone of the floor, anchored by the hub that stands in it."""

    name: str = Field(
        min_length=1, max_length=64, description="Zone name, e.g. 'entrance' or 'SUV row'."
    )
    hub: str | None = Field(
        default=None,
        description="Id of the hub standing in this zone; null means the hub reading this file.",
    )
    measured_power_dbm: float = Field(
        default=-59.0,
        ge=-100.0,
        le=0.0,
        description="Calibration: smoothed RSSI this hub hears from a badge 1 m away, dBm.",
    )
    path_loss_exponent: float = Field(
        default=2.2,
        ge=1.5,
        le=5.0,
        description="Calibration: how fast RSSI falls with distance (2 free space, 2.5-4 "
        "indoors with people and cars).",
    )
    radius_m: float = Field(
        default=5.0,
        gt=0.0,
        le=50.0,
        description="A beacon estimated nearer than this (metres) can be in the zone.",
    )


class PresenceSettings(_Section):
    """BLE presence: zones, staff badges, customer tags and event thresholds."""

    enabled: bool = Field(default=True, description="Scan for beacons at all.")
    adapter: str | None = Field(
        default=None, description="Bluetooth adapter, e.g. 'hci0'; null takes the first powered."
    )
    zones: list[ZoneSettings] = Field(
        default_factory=list, description="Zones of the site, one per hub that anchors one."
    )
    badges: dict[str, str] = Field(
        default_factory=dict,
        description="Staff badges: beacon id (`ibeacon:UUID:MAJOR:MINOR`, "
        "`altbeacon:ID1:ID2:ID3`, `eddystone:NAMESPACE:INSTANCE`) -> staff member id (the same "
        "id as voice enrollment).",
    )
    tag_prefixes: list[str] = Field(
        default_factory=list,
        description="Beacon ids starting with one of these are customer tags, e.g. "
        "'ibeacon:UUID' for every major/minor of the dealership's key tags.",
    )
    count_devices: bool = Field(
        default=True, description="Count other devices (phones) as anonymous traffic."
    )
    device_min_rssi: int = Field(
        default=-75, ge=-127, le=0, description="Weaker devices are too far to count, dBm."
    )
    survey: Path | None = Field(
        default=None,
        description="Zone survey file made by `showfloor-edge beacons survey` from an "
        "installer's walk through the zones: zones are then decided from the survey's "
        "fingerprints of every hub's RSSI (with the same hysteresis) instead of the nearest "
        "hub's zone, and RSSI is smoothed as when the survey was made. An absolute path; every "
        "hub of the site names the same survey. Null: nearest hub. Chosen with a survey on a "
        "real recording: rssi_process_noise 8, rssi_median_of 5, tick_s 0.5, switch_ratio "
        "0.6, switch_after_s 0 (smoothing as set when surveying; the rest on the hubs).",
    )
    rssi_process_noise: float = Field(
        default=2.0, gt=0.0, description="Kalman filter: how fast true RSSI may drift, dB²/s."
    )
    rssi_measurement_noise: float = Field(
        default=36.0, gt=0.0, description="Kalman filter: variance of one RSSI reading, dB²."
    )
    rssi_median_of: int = Field(
        default=1,
        ge=1,
        le=15,
        description="Each reading is first replaced by the median of the hub's last this many "
        "readings of the beacon (1: none), dropping lone outliers before the Kalman filter. "
        "With a survey, the survey's own value is used.",
    )
    switch_ratio: float = Field(
        default=0.7,
        gt=0.0,
        lt=1.0,
        description="Hysteresis: another zone wins only when its distance estimate is below "
        "this fraction of the current zone's.",
    )
    switch_after_s: float = Field(
        default=6.0, ge=0.0, description="Hysteresis: another zone must win this long, s."
    )
    stale_after_s: float = Field(
        default=12.0, gt=0.0, description="A hub's reading older than this is ignored, s."
    )
    exit_after_s: float = Field(
        default=20.0, gt=0.0, description="Out of every zone this long is an exit, s."
    )
    dwell_every_s: float = Field(
        default=60.0, gt=0.0, description="A dwell event is emitted this often in a zone, s."
    )
    waiting_after_s: float = Field(
        default=60.0, gt=0.0, description="A customer alone in a zone this long is waiting, s."
    )
    alert_after_s: float = Field(
        default=300.0, gt=0.0, description="Waiting this long raises a manager alert, s."
    )
    visit_gap_s: float = Field(
        default=300.0, gt=0.0, description="A tag unseen this long starts a new visit, s."
    )
    traffic_interval_s: int = Field(
        default=900, ge=10, le=86400, description="Length of one traffic summary, s."
    )
    tick_s: float = Field(default=1.0, gt=0.0, le=10.0, description="Decision period, s.")
    share_wait_s: float = Field(
        default=0.2,
        ge=0.0,
        description="Hubs report their readings at common tick boundaries (multiples of "
        "tick_s on their clocks, kept by NTP) and decide this long after each, as of the "
        "boundary, once the site's reports are in: every hub then decides from the same "
        "readings as one process hearing every hub would. At most half of tick_s, s.",
    )
    share_readings: bool = Field(
        default=True,
        description="Share readings with the other hubs of the site over the broker (when "
        "sync is enabled): every hub then decides every zone, each zone's events come from "
        "one hub, and a visit keeps one id across hubs.",
    )
    idle_restart_s: float = Field(
        default=30.0,
        gt=0.0,
        description="With no advertisement this long, scanning restarts (and finds out "
        "whether the adapter is still there), s.",
    )
    retry_max_s: float = Field(
        default=30.0, gt=0.0, description="Longest wait between attempts to scan again, s."
    )

    @model_validator(mode="after")
    def _consistent(self) -> PresenceSettings:
        hubs = [zone.hub for zone in self.zones]
        if len(set(hubs)) != len(hubs):
            raise ValueError("presence.zones: each hub anchors one zone at most")
        for beacon in self.badges:
            if not _valid_beacon_id(beacon):
                raise ValueError(
                    f"presence.badges: {beacon!r} is not a beacon id like "
                    "'ibeacon:UUID:MAJOR:MINOR' (lower case)"
                )
        if self.alert_after_s <= self.waiting_after_s:
            raise ValueError("presence.alert_after_s must be longer than waiting_after_s")
        return self


def _valid_beacon_id(beacon: str) -> bool:
    return re.match(_BEACON_ID, beacon) is not None
