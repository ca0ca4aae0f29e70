"""The other hubs of the site, as their readings tell: which are up, which owns a zone.

Every hub of a site merges all hubs' readings, so every hub decides every zone; one hub emits
each zone's events, its owner: the first (by id) of the zone's hubs that is up. This hub is
always up; another is up while its last readings are younger than `stale_after_s`. A zone none
of whose hubs is up falls to the first hub of the site that is (so a hub whose readings are
merged in-process, or a hub that went down, still has its zone reported, once).
"""

from __future__ import annotations

from edge.presence.settings import PresenceSettings


class Peers:
    """Liveness of the site's hubs, zone ownership, and badges busy at other hubs."""

    def __init__(self, settings: PresenceSettings, hub: str) -> None:
        self._hub = hub
        self._stale = settings.stale_after_s
        self._zone_hubs: dict[str, list[str]] = {}
        for zone in settings.zones:
            self._zone_hubs.setdefault(zone.name, []).append(zone.hub or hub)
        self._seen: dict[str, float] = {}
        self._busy: dict[str, float] = {}

    def heard_from(self, hub: str, now: float) -> None:
        """Readings of `hub` arrived at `now`."""
        self._seen[hub] = now

    def up(self, now: float) -> list[str]:
        """Hubs up now, by id (this one included)."""
        fresh = {hub for hub, seen in self._seen.items() if now - seen <= self._stale}
        return sorted(fresh | {self._hub})

    def owner(self, zone: str, now: float) -> str:
        """The hub that emits `zone`'s events now."""
        up = self.up(now)
        anchors = sorted(hub for hub in self._zone_hubs.get(zone, []) if hub in up)
        return anchors[0] if anchors else up[0]

    def owns(self, zone: str, now: float) -> bool:
        """Whether this hub emits `zone`'s events now."""
        return self.owner(zone, now) == self._hub

    def hubs_of(self, zone: str) -> list[str]:
        """The hubs anchoring `zone`."""
        return list(self._zone_hubs.get(zone, []))

    def busy_elsewhere(self, staff: str, now: float) -> None:
        """Another hub says `staff` is in a conversation there."""
        self._busy[staff] = now

    def is_busy(self, staff: str, now: float) -> bool:
        """Whether another hub said lately that `staff` is in a conversation."""
        return now - self._busy.get(staff, -1e18) <= self._stale
