"""The other hubs of the site, as their readings tell: which are up, which owns a zone.

Every hub of a site merges all hubs' readings, so every hub decides every zone; one hub emits
each zone's events, its owner: the first (by id) of the zone's hubs that is up; a zone none of
whose hubs is up falls to the first hub up of the site (so a hub that went down still has its
zone reported, once). A hub is fresh while its last readings are younger than `stale_after_s`
(this hub always is), and up once it has been deciding zones for `stale_after_s` (each hub
says how long in its readings): a hub that (re)starts first takes the visit ids of the hubs
already up, then owns its zones, so a visit keeps its id. When no hub is up yet (the whole
site starting), every fresh hub counts.
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
        self._since: dict[str, float] = {}
        self._busy: dict[str, float] = {}

    def heard_from(self, hub: str, now: float, up_s: float = 0.0) -> None:
        """Readings of `hub`, which has been deciding zones for `up_s`, arrived at `now`."""
        self._since[hub] = now - up_s
        self._seen[hub] = now

    def up_s(self, now: float) -> float:
        """How long this hub has been deciding zones."""
        return now - self._since.setdefault(self._hub, now)

    def up(self, now: float) -> list[str]:
        """Hubs up now, by id (every fresh one while none is up yet)."""
        self._since.setdefault(self._hub, now)
        self._seen[self._hub] = now
        fresh = [hub for hub, seen in self._seen.items() if now - seen <= self._stale]
        warm = [hub for hub in fresh if now - self._since[hub] >= self._stale]
        return sorted(warm or fresh)

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
