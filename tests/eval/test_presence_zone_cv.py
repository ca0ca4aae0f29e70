"""The third round's choice rule: allowed spurious rate, accuracy, ties to the simpler."""

from __future__ import annotations

from dataclasses import replace

from eval.presence_score import Score
from eval.presence_survey_cv import Candidate, Pooled
from eval.presence_zone_cv import CURRENT, differences, ranked


def _pooled(accuracy: float, spurious: int, minutes: float = 10.0) -> Pooled:
    score = Score(
        accuracy=accuracy,
        spurious=spurious,
        visitor_minutes=minutes,
        spurious_per_visitor_minute=spurious / minutes,
        decisions=spurious + 5,
    )
    return Pooled([score], [600])


def test_differences_count_the_settings_changed_from_the_second_round() -> None:
    assert differences(CURRENT) == 0
    assert differences(replace(CURRENT, tick_s=0.5)) == 1
    kernel = replace(CURRENT, weighting="kernel", parameter=45, rssi_median_of=5)
    assert differences(kernel) == 3  # weighting, k, rssi_median_of


def test_the_rule_excludes_flicker_and_breaks_ties_towards_the_simpler() -> None:
    simple = replace(CURRENT, switch_ratio=0.6)  # one change
    busy = replace(CURRENT, switch_ratio=0.6, tick_s=0.5, rssi_median_of=5)  # three
    flicker = replace(CURRENT, rssi_process_noise=32.0)
    results: list[tuple[Candidate, Pooled]] = [
        (busy, _pooled(0.9105, 2)),
        (simple, _pooled(0.9100, 4)),  # within 0.1 point of busy: a tie, and simpler
        (flicker, _pooled(0.95, 10)),  # 1.0 per minute: not allowed, however accurate
        (CURRENT, _pooled(0.90, 1)),
    ]
    order = [candidate for candidate, _ in ranked(results)]
    assert order == [simple, busy, CURRENT, flicker]
