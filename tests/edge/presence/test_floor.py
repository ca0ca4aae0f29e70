"""Floor state: waiting escalates to a manager alert; visits end after the gap; privacy."""

from __future__ import annotations

from contract.ids import staff_pseudonym
from contract.payloads import ManagerAlert, Presence
from edge.presence.floor import Floor
from edge.presence.registry import Identity, Registry
from tests.edge.presence.beacons import BADGE_SAM, SITE_KEY, TAG_A, advert, settings

TAG = Identity("tag", TAG_A.beacon_id)
BADGE = Identity("badge", BADGE_SAM.beacon_id, staff_pseudonym(SITE_KEY, "sam"))


def test_waiting_prompt_then_manager_alert_when_nobody_comes() -> None:
    floor = Floor(settings(waiting_after_s=30, alert_after_s=90))
    out = []
    for t in range(120):
        update = floor.update(float(t), {TAG: "entrance"})
        out.extend(update.events)
        if update.waiting:
            assert t == 30
    waiting = [e for e in out if isinstance(e, Presence) and e.action == "waiting"]
    alerts = [e for e in out if isinstance(e, ManagerAlert)]
    assert len(waiting) == 1 and len(alerts) == 1
    assert alerts[0].visit_id == waiting[0].visit_id and alerts[0].severity == "warning"
    assert "entrance" in alerts[0].message


def test_waiting_rearms_when_the_salesperson_walks_off_and_a_visit_ends_after_the_gap() -> None:
    floor = Floor(settings(waiting_after_s=30, alert_after_s=90, visit_gap_s=60))
    events = []
    for t in range(10):
        events += floor.update(float(t), {TAG: "entrance", BADGE: "entrance"}).events
    for t in range(10, 45):
        events += floor.update(float(t), {TAG: "entrance", BADGE: None}).events
    kinds = [e.action for e in events if isinstance(e, Presence) and e.visit_id]
    assert kinds == ["enter", "greeted", "waiting"]
    first_visit = events[0].visit_id  # type: ignore[attr-defined]
    floor.update(50.0, {TAG: None})
    floor.update(111.0, {TAG: None})  # gone longer than visit_gap_s: the visit is over
    again = floor.update(112.0, {TAG: "entrance"}).events
    assert isinstance(again[0], Presence) and again[0].visit_id != first_visit


def test_staff_leave_only_as_pseudonyms_and_phones_stay_anonymous() -> None:
    registry = Registry(settings(), SITE_KEY)
    badge = registry.identify(advert(BADGE_SAM, -60))
    assert badge.kind == "badge" and badge.staff == staff_pseudonym(SITE_KEY, "sam")
    assert "sam" not in (badge.staff or "")
    assert registry.identify(advert(TAG_A, -60)).kind == "tag"
    phone = registry.identify(advert(TAG_A, -60).__class__("7A:11:22:33:44:55", -50, ()))
    assert (phone.kind, phone.key) == ("device", "7A:11:22:33:44:55")
