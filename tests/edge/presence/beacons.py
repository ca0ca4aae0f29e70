"""Beacons and settings shared by the presence tests."""

from __future__ import annotations

import uuid

from edge.presence.advertisement import Advertisement
from edge.presence.frames import IBeacon
from edge.presence.settings import PresenceSettings, ZoneSettings

SITE_KEY = b"0123456789abcdef-site-key"
STAFF_UUID = uuid.UUID("5a4bcfce-174e-4bac-a814-092e77f6b7e5")
TAG_UUID = uuid.UUID("e2c56db5-dffb-48d2-b060-d0f5a71096e0")
BADGE_SAM = IBeacon(uuid=STAFF_UUID, major=1, minor=7, tx_power=-59)
TAG_A = IBeacon(uuid=TAG_UUID, major=3, minor=1, tx_power=-59)
TAG_B = IBeacon(uuid=TAG_UUID, major=3, minor=2, tx_power=-59)


def settings(**overrides: object) -> PresenceSettings:
    """Two zones, one per hub; Sam's badge; the dealership's key tags; short thresholds."""
    base: dict[str, object] = {
        "zones": [
            ZoneSettings(name="entrance", hub="hub-a", measured_power_dbm=-59),
            ZoneSettings(name="suv-row", hub="hub-b", measured_power_dbm=-62),
        ],
        "badges": {BADGE_SAM.beacon_id: "sam"},
        "tag_prefixes": [f"ibeacon:{TAG_UUID}"],
        "waiting_after_s": 30,
        "alert_after_s": 90,
        "exit_after_s": 10,
        "switch_after_s": 4,
        "dwell_every_s": 60,
        "visit_gap_s": 120,
        "traffic_interval_s": 600,
    }
    base.update(overrides)
    return PresenceSettings.model_validate(base)


def advert(frame: IBeacon, rssi: int, address: str = "C0:FF:EE:00:00:01") -> Advertisement:
    """An advertisement carrying one frame."""
    return Advertisement(address=address, rssi=rssi, frames=(frame,))
