"""Who an advertisement is: a staff badge, a customer tag, or an anonymous device.

Badges are configured beacon ids mapped to staff member ids (the same ids as voice
enrollment); they leave the hub only as `contract.ids.staff_pseudonym(site_key, staff_id)`.
Customer tags are beacon ids under a configured prefix (e.g. the dealership's iBeacon UUID);
they leave the hub only as a random per-visit pseudonym (see `edge.presence.floor`). Anything
else, a phone with a rotating random address, is an anonymous device: counted, never tracked.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from contract.ids import staff_pseudonym
from edge.presence.advertisement import Advertisement
from edge.presence.settings import PresenceSettings


@dataclass(frozen=True, slots=True)
class Identity:
    """What an advertisement is; `key` is the beacon id (badge/tag) or address (device)."""

    kind: Literal["badge", "tag", "device"]
    key: str
    staff: str | None = None


class Registry:
    """Badge and tag lookup from the settings."""

    def __init__(self, settings: PresenceSettings, site_key: bytes) -> None:
        self._badges = {
            beacon: staff_pseudonym(site_key, staff) for beacon, staff in settings.badges.items()
        }
        self._staff_ids = dict(settings.badges)
        self._tag_prefixes = tuple(prefix.lower() for prefix in settings.tag_prefixes)

    def identify(self, advertisement: Advertisement) -> Identity:
        """Badge, tag or device; a beacon id that is neither is an anonymous device."""
        for frame in advertisement.frames:
            beacon = frame.beacon_id
            if beacon is None:
                continue
            staff = self._badges.get(beacon)
            if staff is not None:
                return Identity("badge", beacon, staff)
            if self._tag_prefixes and beacon.startswith(self._tag_prefixes):
                return Identity("tag", beacon)
        return Identity("device", advertisement.address)

    def staff_id(self, beacon: str) -> str | None:
        """The local staff id of a badge (for the installer's scan, never on the wire)."""
        return self._staff_ids.get(beacon)


def beacon_key(site_key: bytes, beacon_id: str) -> str:
    """A badge or tag between the hubs of a site: HMAC-SHA256 of its beacon id, site key."""
    digest = hmac.new(site_key, beacon_id.encode(), hashlib.sha256)
    return f"beacon-{digest.hexdigest()[:16]}"
