"""Traffic summaries: aligned intervals, device peaks robust to address rotation, no ids."""

from __future__ import annotations

from datetime import UTC, datetime

from edge.presence.traffic import TrafficCounter

T0 = 1_800_000_000  # a multiple of 600


def test_summaries_per_zone_per_aligned_interval() -> None:
    counter = TrafficCounter(["entrance", "suv-row"], interval_s=600)
    assert counter.roll(T0 + 5) == []
    counter.visitor("entrance", "visit-0000000000000001")
    counter.visitor("entrance", "visit-0000000000000001")
    counter.visitor("entrance", "visit-0000000000000002")
    counter.staff("entrance", "staff-0000000000000001")
    for dwell in (30.0, 90.0, 60.0):
        counter.stay_ended("entrance", dwell)
    assert counter.roll(T0 + 599) == []
    entrance, suv = counter.roll(T0 + 600)
    assert entrance.interval_start == datetime.fromtimestamp(T0, UTC)
    assert (entrance.visitors, entrance.staff_present, entrance.median_dwell_s) == (2, 1, 60.0)
    assert (suv.zone, suv.visitors, suv.devices, suv.median_dwell_s) == ("suv-row", 0, 0, None)
    assert counter.roll(T0 + 700) == []  # the next interval starts empty


def test_devices_are_a_peak_of_presence_so_a_rotating_address_counts_once() -> None:
    counter = TrafficCounter(["entrance"], interval_s=600)
    counter.roll(T0)
    for t in range(0, 300, 5):  # one phone, new random address every 2 minutes
        counter.device("entrance", f"rotating-{t // 120}", T0 + t)
    for t in range(300, 330, 5):  # three other phones together for half a minute
        for phone in ("x", "y", "z"):
            counter.device("entrance", phone, T0 + t)
    (summary,) = counter.roll(T0 + 600)
    assert summary.devices == 3
    text = summary.model_dump_json()
    assert "rotating" not in text and '"x"' not in text
