"""Surveys from recorded walks, on the project's own simulated showroom (bench.presence).

An installer's walk is simulated, surveyed, and the survey then decides a second simulated
walk through the hubs' own replay; a third test feeds the survey's locator through the
presence service, other hubs' readings arriving as `SiteReadings` (the multi-hub merge).
"""

from __future__ import annotations

import bisect
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from bench.presence import HUBS, ZONE_OF, installer_walk
from contract.ids import HubAddress
from contract.payloads import SiteBeacon, SiteReadings
from edge.events import MemorySink
from edge.presence.replay import replay
from edge.presence.service import PresenceService
from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.surveying import survey_walk, walk
from edge.presence.trace import Reading
from edge.presence.zone_survey import Mark, MarkedZones, SurveyError, learn, save
from tests.edge.presence.beacons import SITE_KEY, TAG_A, TAG_UUID, advert


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def _showroom() -> tuple[PresenceSettings, dict[str, float]]:
    offsets = {
        hub: float(o) for hub, o in zip(HUBS, np.random.default_rng(7).normal(0, 3, 4), strict=True)
    }
    zones = [ZoneSettings(name=ZONE_OF[hub], hub=hub) for hub in HUBS]  # uncalibrated
    return PresenceSettings(zones=zones), offsets


def _settled_accuracy(decided: list[tuple[float, str | None]], marks: list[Mark]) -> float:
    """Share of seconds, from 10 s into each marked stay, where the decision is the mark."""
    times = [t for t, _ in decided]
    right = total = 0
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        end = after.time if after else times[-1]
        if mark.zone is None:
            continue
        for second in np.arange(mark.time + 10, end):
            at = bisect.bisect_right(times, second) - 1
            right += at >= 0 and decided[at][1] == mark.zone
            total += 1
    return right / total


def _changes_while_standing(decided: list[tuple[float, str | None]], marks: list[Mark]) -> int:
    """Decision changes from 10 s into a marked stay to its end (flicker)."""
    count = 0
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        if mark.zone is not None and after is not None:
            count += sum(1 for t, _ in decided if mark.time + 10 <= t < after.time)
    return count


def test_a_survey_of_one_simulated_walk_decides_another() -> None:
    settings, offsets = _showroom()
    readings, marks = installer_walk(np.random.default_rng(1), offsets, minutes=12)
    survey = survey_walk(readings, MarkedZones(marks, {"survey-tag"}), settings, k=15)
    assert sorted(survey.zones) == sorted(ZONE_OF.values()) and survey.method == "knn"
    visitor, truth = installer_walk(np.random.default_rng(2), offsets, minutes=10)
    decided = [(d.time, d.zone) for d in replay(visitor, settings, survey)]
    assert _settled_accuracy(decided, truth) >= 0.95
    assert _changes_while_standing(decided, truth) <= 1
    lda = survey_walk(readings, MarkedZones(marks, {"survey-tag"}), settings, method="lda")
    decided_lda = [(d.time, d.zone) for d in replay(visitor, settings, lda)]
    assert _settled_accuracy(decided_lda, truth) >= 0.95
    assert _changes_while_standing(decided_lda, truth) <= 1


def test_the_walk_refuses_zones_no_hub_anchors() -> None:
    settings, offsets = _showroom()
    readings, _ = installer_walk(np.random.default_rng(1), offsets, minutes=1)
    marks = MarkedZones([Mark(time=0.0, zone="cellar")], {"survey-tag"})
    with pytest.raises(SurveyError, match="the marks name zones no hub anchors: cellar"):
        walk(readings, marks, settings)
    unnamed = PresenceSettings(zones=[ZoneSettings(name="entrance")])
    with pytest.raises(SurveyError, match="every zone's hub named"):
        walk(readings, MarkedZones([Mark(time=0.0, zone="entrance")], {"x"}), unnamed)


def test_the_service_decides_with_the_survey_from_every_hubs_readings(tmp_path: Path) -> None:
    """A wall: the tag is louder at hub-a, but the survey walked it in hub-b's room."""
    rng = np.random.default_rng(0)
    prints = []
    for _ in range(80):  # (hub-a, hub-b) smoothed RSSI
        prints.append((np.array([-62.0, -66.0]) + rng.normal(0, 1.5, 2), "lounge"))
        prints.append((np.array([-60.0, -85.0]) + rng.normal(0, 1.5, 2), "entrance"))
    path = tmp_path / "site.survey.json"
    surveyed = learn(
        prints, ["hub-a", "hub-b"], method="knn", rssi_process_noise=2, rssi_measurement_noise=36
    )
    save(surveyed, path)
    zones = [ZoneSettings(name="entrance", hub="hub-a"), ZoneSettings(name="lounge", hub="hub-b")]
    common = {"zones": zones, "tag_prefixes": [f"ibeacon:{TAG_UUID}"], "switch_after_s": 0}
    decided: dict[bool, list[str | None]] = {}
    for with_survey in (False, True):
        settings = PresenceSettings.model_validate(
            common | ({"survey": path} if with_survey else {})
        )
        now = Clock(1_800_000_000.0)
        service = PresenceService(
            settings,
            MemorySink(HubAddress.of("acme", "downtown", "hub-a")),
            site_key=SITE_KEY,
            hub="hub-a",
            clock=now,
        )
        key = service.observe(advert(TAG_A, -62)).key  # heard here, at hub-a
        for _ in range(10):
            service.observe(advert(TAG_A, -62))
            at = datetime.fromtimestamp(now.now, UTC)
            beacon = SiteBeacon(key=key, kind="tag", rssi=-66.0)
            service.merge(SiteReadings(hub="hub-b", sent_at=at, beacons=[beacon]))
            service.locator.locate(key, now.now)  # every tick, as the service does
            now.now += 1
        decided[with_survey] = [service.locator.locate(key, now.now)]
        # hub-b stops hearing it (another hub's readings go stale): the survey sees a
        # fingerprint with hub-b missing, which it learned as the entrance's
        for _ in range(15):
            service.observe(advert(TAG_A, -60))
            service.locator.locate(key, now.now)
            now.now += 1
        decided[with_survey].append(service.locator.locate(key, now.now))
    assert decided[False] == ["entrance", "entrance"]  # nearest hub: hub-a
    assert decided[True] == ["lounge", "entrance"]


def test_survey_readings_and_marks_line_up_tick_by_tick() -> None:
    settings = PresenceSettings(
        zones=[ZoneSettings(name="a", hub="h1"), ZoneSettings(name="b", hub="h2")]
    )
    readings = [
        Reading(time=100 + k / 2, hub=hub, beacon="t", rssi=-50.0 if hub == "h1" else -80.0)
        for k in range(20)
        for hub in ("h1", "h2")
    ]
    marks = MarkedZones([Mark(time=102.0, zone="a"), Mark(time=105.0, zone=None)], {"t"})
    prints = walk(readings, marks, settings)
    assert [t for t, _, _ in prints] == [102.0, 103.0, 104.0]  # marked ticks only
    assert all(zone == "a" and v[0] > v[1] for _, v, zone in prints)
