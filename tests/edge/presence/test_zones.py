"""Zone decisions: calibrated distance, several hubs merged, hysteresis, exits."""

from __future__ import annotations

import pytest

from edge.presence.settings import ZoneSettings
from edge.presence.smoothing import RssiFilter
from edge.presence.zones import ZoneLocator, distance_m
from tests.edge.presence.beacons import settings


def test_distance_follows_log_distance_calibration() -> None:
    zone = ZoneSettings(name="z", measured_power_dbm=-59, path_loss_exponent=2.0)
    assert distance_m(-59, zone) == pytest.approx(1.0)
    assert distance_m(-79, zone) == pytest.approx(10.0)
    assert distance_m(-69, zone.model_copy(update={"path_loss_exponent": 2.5})) == pytest.approx(
        10 ** (10 / 25)
    )


def feed(locator: ZoneLocator, start: int, seconds: int, readings: dict[str, int]) -> str | None:
    zone = None
    for t in range(start, start + seconds):
        for hub, rssi in readings.items():
            locator.observe(hub, "tag", rssi, float(t))
        zone = locator.locate("tag", float(t))
    return zone


def test_two_hubs_merge_on_the_nearest_calibrated_estimate() -> None:
    # hub-b hears -66 but is calibrated at -62 (1.5 m); hub-a hears -64 at -59 (1.7 m).
    locator = ZoneLocator(settings(), "hub-a")
    assert feed(locator, 0, 5, {"hub-a": -64, "hub-b": -66}) == "suv-row"
    assert locator.distances("tag", 4.0)["entrance"] > locator.distances("tag", 4.0)["suv-row"]


def test_hysteresis_ignores_a_short_excursion_and_accepts_a_sustained_move() -> None:
    locator = ZoneLocator(settings(switch_after_s=4), "hub-a")
    assert feed(locator, 0, 10, {"hub-a": -60, "hub-b": -85}) == "entrance"
    # 3 s of the other hub looking nearer: not enough
    assert feed(locator, 10, 3, {"hub-a": -85, "hub-b": -60}) == "entrance"
    assert feed(locator, 13, 10, {"hub-a": -60, "hub-b": -85}) == "entrance"
    # a real move: accepted once it has won for switch_after_s
    zones = [feed(locator, t, 1, {"hub-a": -85, "hub-b": -60}) for t in range(23, 40)]
    assert zones[-1] == "suv-row"
    assert zones.index("suv-row") >= 4


def test_a_nearly_equal_other_zone_does_not_take_over() -> None:
    locator = ZoneLocator(settings(switch_after_s=0), "hub-a")
    assert feed(locator, 0, 5, {"hub-a": -63}) == "entrance"
    # hub-b's estimate is nearer, but not below switch_ratio x the current distance
    assert feed(locator, 5, 30, {"hub-a": -63, "hub-b": -64}) == "entrance"


def test_exit_after_being_out_of_every_zone_and_stale_readings_ignored() -> None:
    locator = ZoneLocator(settings(exit_after_s=10, stale_after_s=5), "hub-a")
    assert feed(locator, 0, 5, {"hub-a": -60}) == "entrance"
    # readings go stale at t=10 (5 s after the last); the exit comes exit_after_s later
    located = {t: locator.locate("tag", float(t)) for t in range(5, 25)}
    assert located[19] == "entrance" and located[20] is None
    assert locator.distances("tag", 21.0) == {}


def test_readings_of_an_unknown_hub_are_ignored() -> None:
    locator = ZoneLocator(settings(), "hub-a")
    assert locator.observe("hub-x", "tag", -50, 0.0) is None
    assert locator.locate("tag", 0.0) is None


def test_filter_smooths_noise_and_resists_multipath_dropouts() -> None:
    smoother = RssiFilter(process_noise=2.0, measurement_noise=36.0)
    for t, rssi in enumerate([-60, -64, -56, -61, -59, -63, -57, -60]):
        smoother.update(rssi, float(t))
    settled = smoother.estimate
    assert settled is not None and abs(settled + 60) < 2
    dipped = smoother.update(-80, 8.0)  # one 20 dB multipath fade
    assert settled - dipped < 5
    for t in range(9, 40):  # a real, lasting change is followed
        smoother.update(-75, float(t))
    assert smoother.estimate is not None and abs(smoother.estimate + 75) < 2


def test_a_median_window_drops_a_lone_outlier_before_the_filter() -> None:
    plain = RssiFilter(process_noise=2.0, measurement_noise=36.0)
    median = RssiFilter(process_noise=2.0, measurement_noise=36.0, median_of=5)
    for t in range(6):
        plain.update(-60, float(t))
        median.update(-60, float(t))
    assert median.update(-90, 6.0) == pytest.approx(-60.0)  # median of -60 x4, -90: -60
    assert (plain.update(-90, 6.0) or 0.0) < -61.0
    for t in range(7, 10):  # a lasting change reaches the median after 3 of 5 readings
        median.update(-75, float(t))
    assert (median.estimate or 0.0) < -61.0
    median.reset()  # a new arrival starts from its own first reading, not the old window
    assert median.update(-50, 60.0) == -50.0


def test_the_locator_smooths_with_the_configured_median() -> None:
    locator = ZoneLocator(settings(rssi_median_of=3), "hub-a")
    for t in range(4):
        locator.observe("hub-a", "tag", -60, float(t))
    assert locator.observe("hub-a", "tag", -95, 4.0) == pytest.approx(-60.0)
