"""The scoring of zone decisions against a true room (eval.presence), rule by rule."""

from __future__ import annotations

import pytest

from edge.presence.replay import ZoneDecision
from edge.presence.trace import Reading, Receiver
from eval.presence_score import Truth, baseline, score


def truth(spans: list[tuple[float, float, str]], step: float = 1.0) -> list[Truth]:
    """Rows every `step` s over [start, end) in each span's zone."""
    rows = []
    for start, end, zone in spans:
        t = start
        while t < end:
            rows.append(Truth(time=t, beacon="tag", zone=zone))
            t += step
    return rows


def decided(*changes: tuple[float, str | None]) -> list[ZoneDecision]:
    return [ZoneDecision(time=t, beacon="tag", zone=zone) for t, zone in changes]


def test_a_late_but_matched_change_costs_accuracy_not_a_spurious_change() -> None:
    rows = truth([(0, 60, "a"), (60, 120, "b")])
    result = score(decided((0, "a"), (66, "b")), rows)
    assert result.accuracy == pytest.approx(114 / 120)
    assert result.spurious == 0 and result.visitor_minutes == pytest.approx(119 / 60)


def test_flicker_and_unmatched_changes_are_spurious() -> None:
    rows = truth([(0, 60, "a"), (60, 120, "b")])
    # a -> b too early (20 s before the true change), back to a, then b matched, then None
    result = score(decided((0, "a"), (40, "b"), (45, "a"), (61, "b"), (100, None)), rows)
    assert result.spurious == 3  # the early b, the return to a, the exit inside the segment


def test_each_true_change_matches_one_decision_and_arrivals_are_free() -> None:
    rows = truth([(0, 30, "a"), (30, 60, "b")])
    result = score(decided((3, "a"), (31, "b"), (33, "a"), (35, "b")), rows)
    assert result.spurious == 2  # the second b cannot reuse the true change
    assert result.decisions == 4


def test_segments_split_at_gaps_and_a_new_segment_starts_fresh() -> None:
    rows = truth([(0, 30, "a"), (1000, 1030, "a")])
    result = score(decided((0, "a"), (60, None), (1002, "a")), rows)
    assert result.spurious == 0  # the exit falls in the gap; re-entry is an arrival
    assert result.visitor_minutes == pytest.approx(58 / 60)


def test_the_baseline_takes_the_strongest_receiver_over_three_seconds() -> None:
    receivers = [Receiver(hub="h1", x=0, y=0, zone="a"), Receiver(hub="h2", x=5, y=0, zone="b")]
    readings = [
        Reading(time=0.0, hub="h1", beacon="tag", rssi=-60),
        Reading(time=0.5, hub="h2", beacon="tag", rssi=-70),
        Reading(time=1.0, hub="h2", beacon="tag", rssi=-50),  # mean -60: h1 (first) keeps it
        Reading(time=2.0, hub="h2", beacon="tag", rssi=-50),  # mean -56.7: b
        Reading(time=4.0, hub="h1", beacon="tag", rssi=-80),  # h1's -60 has left the window
    ]
    assert [(d.time, d.zone) for d in baseline(readings, receivers)] == [(0.0, "a"), (2.0, "b")]
