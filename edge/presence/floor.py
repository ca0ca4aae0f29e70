"""Who is in which zone, and what that means: enter/exit/dwell, waiting, greeted, engaged.

A pure stage: `update(now, zones)` takes every badge's and tag's current zone (after
hysteresis) and returns the payloads to emit; no I/O and no clock of its own, so tests drive
time directly. Badges appear as staff pseudonyms, tags as a random visit id made when a tag
first enters a zone and kept until it has been out of every zone for `visit_gap_s`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contract.ids import new_subject
from contract.payloads import ManagerAlert, Payload, Presence
from edge.presence.registry import Identity
from edge.presence.settings import PresenceSettings


@dataclass
class _Stay:
    """A badge or a tag on the floor."""

    identity: Identity
    zone: str | None = None
    since: float = 0.0
    last_dwell: float = 0.0
    last_in_zone: float = 0.0
    visit_id: str | None = None
    visit_start: float = 0.0
    greeted: bool = False
    alone_since: float | None = None
    waiting_sent: bool = False
    alert_sent: bool = False


@dataclass
class FloorUpdate:
    """What one update produced: payloads to emit, and the `waiting` ones to prompt staff."""

    events: list[Payload] = field(default_factory=list)
    waiting: list[Presence] = field(default_factory=list)
    ended_stays: list[tuple[str, float]] = field(default_factory=list)


class Floor:
    """Badges and tags by zone, with visit and waiting state."""

    def __init__(self, settings: PresenceSettings) -> None:
        self._settings = settings
        self._stays: dict[str, _Stay] = {}

    def update(self, now: float, zones: dict[Identity, str | None]) -> FloorUpdate:
        """Apply every subject's zone at `now`; subjects not listed keep their zone."""
        out = FloorUpdate()
        for identity, zone in zones.items():
            stay = self._stays.get(identity.key)
            if stay is None:
                if zone is None:
                    continue
                stay = self._stays[identity.key] = _Stay(identity)
            self._move(stay, zone, now, out)
        for stay in list(self._stays.values()):
            if stay.identity.kind == "tag":
                self._check_waiting(stay, now, out)
            if stay.zone is None and now - stay.last_in_zone >= self._settings.visit_gap_s:
                del self._stays[stay.identity.key]
        return out

    def _move(self, stay: _Stay, zone: str | None, now: float, out: FloorUpdate) -> None:
        if zone == stay.zone:
            if zone is not None:
                stay.last_in_zone = now
                if now - stay.last_dwell >= self._settings.dwell_every_s:
                    stay.last_dwell = now
                    out.events.append(self._presence(stay, "dwell", dwell_s=now - stay.since))
            return
        if stay.zone is not None:
            dwell = now - stay.since
            out.events.append(self._presence(stay, "exit", dwell_s=dwell))
            if stay.identity.kind == "tag":
                out.ended_stays.append((stay.zone, dwell))
        if zone is not None and stay.identity.kind == "tag" and stay.visit_id is None:
            stay.visit_id, stay.visit_start = new_subject("visit"), now
        stay.zone, stay.since, stay.last_dwell = zone, now, now
        if zone is not None:
            stay.last_in_zone = now
            out.events.append(self._presence(stay, "enter"))
        else:
            stay.alone_since, stay.waiting_sent, stay.alert_sent = None, False, False

    def _check_waiting(self, tag: _Stay, now: float, out: FloorUpdate) -> None:
        if tag.zone is None:
            return
        greeter = self._greeter(tag.zone)
        if greeter is not None:
            if not tag.greeted:
                tag.greeted = True
                out.events.append(
                    self._presence(
                        tag, "greeted", staff=greeter.identity.staff, waited_s=now - tag.visit_start
                    )
                )
            tag.alone_since, tag.waiting_sent, tag.alert_sent = None, False, False
            return
        if tag.alone_since is None:
            tag.alone_since = now
        alone = now - tag.alone_since
        if not tag.waiting_sent and alone >= self._settings.waiting_after_s:
            tag.waiting_sent = True
            waiting = self._presence(tag, "waiting", waited_s=alone)
            out.events.append(waiting)
            out.waiting.append(waiting)
        if not tag.alert_sent and alone >= self._settings.alert_after_s:
            tag.alert_sent = True
            out.events.append(
                ManagerAlert(
                    alert_id=f"waiting-{tag.visit_id}-{int(now)}",
                    severity="warning",
                    rule="customer_waiting",
                    message=f"A customer has waited {alone / 60:.0f} min in {tag.zone} "
                    "with no salesperson near.",
                    visit_id=tag.visit_id,
                    zone=tag.zone,
                )
            )

    def _greeter(self, zone: str) -> _Stay | None:
        """The badge that most recently came into `zone` (the one who walked up), if any."""
        badges = [s for s in self._stays.values() if s.identity.kind == "badge" and s.zone == zone]
        return max(badges, key=lambda s: s.since) if badges else None

    def _presence(self, stay: _Stay, action: str, **fields: object) -> Presence:
        base: dict[str, object] = {"action": action, "zone": stay.zone}
        if stay.identity.kind == "badge":
            base["staff"] = stay.identity.staff
        else:
            base["visit_id"] = stay.visit_id
        base.update(fields)
        return Presence.model_validate(base)

    def present(self, zone: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """In `zone` now: (tag beacon, visit id) pairs and (badge beacon, staff) pairs."""
        tags, badges = [], []
        for stay in self._stays.values():
            if stay.zone != zone:
                continue
            if stay.identity.kind == "tag" and stay.visit_id is not None:
                tags.append((stay.identity.key, stay.visit_id))
            elif stay.identity.kind == "badge" and stay.identity.staff is not None:
                badges.append((stay.identity.key, stay.identity.staff))
        return tags, badges

    def forget_visit(self, visit_id: str) -> bool:
        """Drop the tag of this visit without an event (forget-subject); whether it was here.

        A tag still heard afterwards starts a new visit, with a new random id.
        """
        for key, stay in list(self._stays.items()):
            if stay.visit_id == visit_id:
                del self._stays[key]
                return True
        return False

    def adopt_visit(self, beacon: str, visit_id: str, greeted: bool) -> None:
        """Take the visit id (and greeting) the hub owning the tag's zone gave it."""
        stay = self._stays.get(beacon)
        if stay is not None and stay.identity.kind == "tag" and stay.zone is not None:
            stay.visit_id = visit_id
            stay.greeted = stay.greeted or greeted

    def greeted(self, beacon: str) -> bool:
        """Whether the visit of a tracked tag has been greeted."""
        stay = self._stays.get(beacon)
        return stay is not None and stay.greeted

    def badges(self) -> list[tuple[str, str, str]]:
        """(beacon, staff, zone) of every badge in a zone now."""
        return [
            (key, stay.identity.staff, stay.zone)
            for key, stay in self._stays.items()
            if stay.identity.kind == "badge"
            and stay.identity.staff is not None
            and stay.zone is not None
        ]

    def visit_of(self, beacon: str) -> str | None:
        """The visit id of a tracked tag."""
        stay = self._stays.get(beacon)
        return stay.visit_id if stay else None

    def zone_of(self, beacon: str) -> str | None:
        """The zone a tracked beacon is in."""
        stay = self._stays.get(beacon)
        return stay.zone if stay else None
