"""Replaying recorded readings: CSV checks, one decision per change, hubs sharing a zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from edge.presence.replay import ZoneDecision, layout_settings, replay
from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.trace import Reading, TraceError, read_layout, read_trace

LAYOUT = "hub,x,y,zone\nh1,0,0,lounge\nh2,8,0,lounge\nh3,4,6,desk\n"


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def walk(seconds: int, near: str, start: float = 1000.0) -> list[Reading]:
    """A tag near hub `near` (-55 dBm there, -80 elsewhere), 2 readings/s per hub."""
    return [
        Reading(time=start + k / 2, hub=hub, beacon="tag1", rssi=-55 if hub == near else -80)
        for k in range(seconds * 2)
        for hub in ("h1", "h2", "h3")
    ]


def test_a_walk_gives_one_decision_per_change_and_hubs_share_a_zone(tmp_path: Path) -> None:
    receivers = read_layout(_file(tmp_path, "layout.csv", LAYOUT))
    settings = layout_settings(receivers, PresenceSettings(switch_after_s=2, exit_after_s=5))
    readings = walk(20, "h1") + walk(20, "h2", 1020.0) + walk(20, "h3", 1040.0)
    decisions = list(replay(readings, settings))
    assert [d.zone for d in decisions] == ["lounge", "desk"]  # h1 -> h2 stays in the lounge
    assert (
        decisions[0].time == 1001.0 and 1042.0 <= decisions[1].time <= 1050.0
    )  # smoothing + switch_after_s
    # after a silence longer than exit_after_s + stale_after_s the tag has left
    again = list(replay([*readings, *walk(5, "h1", 1100.0)], settings))
    assert [d.zone for d in again] == ["lounge", "desk", None, "lounge"]


def test_the_configuration_calibrates_hubs_by_id(tmp_path: Path) -> None:
    receivers = read_layout(_file(tmp_path, "layout.csv", "hub,x,y,zone\nh1,0,0,a\nh2,5,0,b\n"))
    base = PresenceSettings(
        zones=[ZoneSettings(name="ignored", hub="h2", measured_power_dbm=-75, radius_m=9)]
    )
    zones = layout_settings(receivers, base).zones
    assert [(z.name, z.hub, z.measured_power_dbm) for z in zones] == [
        ("a", "h1", -59.0),
        ("b", "h2", -75.0),
    ]
    assert zones[1].radius_m == 9


def test_decisions_serialise_as_the_jsonl_line() -> None:
    line = ZoneDecision(time=1.5, beacon="tag1", zone=None).model_dump_json()
    assert line == '{"time":1.5,"beacon":"tag1","zone":null}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("t,hub,beacon,rssi\n1,h1,tag,-50\n", "the header must be time,hub,beacon,rssi"),
        ("time,hub,beacon,rssi\n1,h1,tag,loud\n", "line 2: rssi: Input should be a valid number"),
        ("time,hub,beacon,rssi\n2,h1,tag,-50\n1,h1,tag,-50\n", "line 3: time goes backwards"),
        ("time,hub,beacon,rssi\n1,h1,tag\n", "line 2: rssi: Input should be a valid number"),
        ("", "the header must be time,hub,beacon,rssi (found nothing)"),
    ],
)
def test_a_bad_trace_names_its_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(TraceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_trace(_file(tmp_path, "trace.csv", text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hub,x,y,zone\nh1,0,0,a\nh1,1,1,b\n", "line 3: hub 'h1' is listed twice"),
        ("hub,x,y,zone\n", "no receivers"),
        ("hub,x,y,zone\nh1,left,0,a\n", "line 2: x: Input should be a valid number"),
    ],
)
def test_a_bad_layout_names_its_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(TraceError, match=message):
        read_layout(_file(tmp_path, "layout.csv", text))


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TraceError, match="cannot be read"):
        read_trace(tmp_path / "missing.csv")


def test_as_one_hub_of_a_site_raw_readings_at_common_boundaries_decide_as_one_process(
    tmp_path: Path,
) -> None:
    receivers = read_layout(_file(tmp_path, "layout.csv", LAYOUT))
    settings = layout_settings(receivers, PresenceSettings(switch_after_s=0, exit_after_s=5))
    readings = walk(10, "h1") + walk(10, "h3", 1010.0)
    one = list(replay(readings, settings))
    assert [d.zone for d in one] == ["lounge", "desk"]
    for hub in ("h1", "h2", "h3"):
        assert list(replay(readings, settings, local_hub=hub, lag_s=0.0)) == one
    # reports a tick late: the desk hub's readings reach h1 a second later, so does the move
    late = list(replay(readings, settings, local_hub="h1"))
    assert [d.zone for d in late] == ["lounge", "desk"]
    assert late[1].time == one[1].time + settings.tick_s
