"""The cross-validation's choice: pooled DER on the training files only."""

from __future__ import annotations

import pytest

from eval.diarization_cv import OFFLINE_GRID, ONLINE_GRID, choose, live_grid, pooled

# per grid point, (error s, reference s) of three files; file 2 alone favours point "b"
ERRORS = {
    "a": [(1.0, 10.0), (2.0, 20.0), (9.0, 10.0)],
    "b": [(3.0, 10.0), (6.0, 20.0), (0.0, 10.0)],
    "c": [(1.0, 10.0), (2.0, 20.0), (5.0, 10.0)],
}
GRID = [{"name": name} for name in ("a", "b", "c")]


def errors(point: dict[str, str]) -> list[tuple[float, float]]:
    return ERRORS[point["name"]]


def test_pooled_is_total_error_over_total_speech() -> None:
    assert pooled(ERRORS["a"], [0, 1]) == pytest.approx(3.0 / 30.0)
    assert pooled(ERRORS["a"], []) == 0.0


def test_the_held_out_file_plays_no_part_in_the_choice() -> None:
    assert choose(GRID, errors, [0, 1]) == {"name": "a"}  # a and c tie: the earlier one
    assert choose(GRID, errors, [0, 1, 2]) == {"name": "c"}
    assert choose(GRID, errors, [2]) == {"name": "b"}


def test_the_grids_start_with_the_defaults_before_issue_18() -> None:
    assert OFFLINE_GRID[0] == {
        "window_step_s": 5.0,
        "speech_onset": 0.5,
        "overlap_bias": 0.0,
        "cluster_threshold": 0.25,
        "min_gap_s": 0.1,
        "separate_overlap": False,
        "min_local_speech_s": 0.0,
        "overlap_onset": None,
        "embedding_step_s": None,
        "window_weighting": "flat",
    }
    assert ONLINE_GRID[0] == {
        "gain_normalisation": False,
        "speech_threshold": 0.5,
        "padding_ms": 200,
        "online_threshold": 0.5,
        "distinct_local_speakers": False,
    }
    assert len(OFFLINE_GRID) == 865 and len(ONLINE_GRID) == 48


def test_round_6_keeps_every_round_5_choice_in_its_grid() -> None:
    """So at a 5 s step the CV can reproduce round 5, and the new steps only add choices."""
    chosen = {
        "window_step_s": 5.0, "speech_onset": 0.5, "overlap_bias": 0.25, "min_gap_s": 0.3,
        "separate_overlap": True, "overlap_onset": None, "embedding_step_s": None,
        "window_weighting": "flat",
    }  # fmt: skip
    for threshold, floor in ((0.3, 2.0), (0.25, 0.0)):
        point = dict(chosen, cluster_threshold=threshold, min_local_speech_s=floor)
        assert OFFLINE_GRID.count(point) == 1
    assert {p["window_step_s"] for p in OFFLINE_GRID} == {5.0, 2.5, 2.0, 1.5, 1.0}
    assert not [p for p in OFFLINE_GRID if p["window_step_s"] == p["embedding_step_s"]]


def test_a_padding_fixed_beforehand_keeps_only_its_live_points() -> None:
    fixed = live_grid(200)
    assert len(fixed) == 24 and {point["padding_ms"] for point in fixed} == {200}
    assert {point["distinct_local_speakers"] for point in fixed} == {False, True}
    assert live_grid() == ONLINE_GRID
