"""From windows of local speakers to global turns: the detection onset and the overlap bias."""

from __future__ import annotations

import numpy as np
import pytest

from edge.listen.reconstruct import Turn, reconstruct
from edge.listen.windows import Window

STEP = 0.016875


def one_window(activity: np.ndarray) -> tuple[list[Window], list[np.ndarray]]:
    """One window at 0 s whose local speaker k is global speaker k on every frame."""
    frames, local = activity.shape
    mapping = np.tile(np.arange(local), (frames, 1)).astype(np.int64)
    return [Window(offset=0.0, activity=activity.astype(np.float32))], [mapping]


def speech(turns: list[Turn], speaker: int) -> float:
    return float(sum(t.end - t.start for t in turns if t.speaker == speaker))


def test_faint_speech_counts_only_above_the_onset() -> None:
    activity = np.zeros((600, 2))
    activity[100:300, 0] = 0.9  # clear speech, 3.4 s
    activity[400:500, 1] = 0.4  # faint speech, 1.7 s
    windows, mapping = one_window(activity)
    strict = reconstruct(windows, mapping, 2, STEP, 10.0, onset=0.5)
    lenient = reconstruct(windows, mapping, 2, STEP, 10.0, onset=0.3)
    assert speech(strict, 0) == pytest.approx(200 * STEP)
    assert speech(strict, 1) == 0.0
    assert speech(lenient, 1) == pytest.approx(100 * STEP)


def test_the_bias_keeps_speech_half_the_windows_heard() -> None:
    activity = np.zeros((600, 1))
    activity[100:200, 0] = 0.9
    first, mapping = one_window(activity)
    # a second window over the same frames that hears nothing: the mean count is 0.5 there
    second = Window(offset=0.0, activity=np.zeros((600, 1), np.float32))
    windows = [first[0], second]
    maps = [mapping[0], mapping[0]]
    assert reconstruct(windows, maps, 1, STEP, 10.0, bias=0.0) == []  # rint(0.5) is 0
    kept = reconstruct(windows, maps, 1, STEP, 10.0, bias=0.25)
    assert speech(kept, 0) == pytest.approx(100 * STEP)


def test_short_pauses_within_a_speaker_are_filled() -> None:
    activity = np.zeros((600, 1))
    activity[100:200, 0] = 0.9
    activity[210:300, 0] = 0.9  # a 10-frame (0.17 s) pause
    windows, mapping = one_window(activity)
    assert len(reconstruct(windows, mapping, 1, STEP, 10.0, min_duration_off=0.1)) == 2
    assert len(reconstruct(windows, mapping, 1, STEP, 10.0, min_duration_off=0.3)) == 1


def test_a_second_voice_under_a_first_counts_from_the_overlap_onset() -> None:
    activity = np.zeros((589, 3), np.float32)
    activity[:, 0] = 0.9  # one voice heard clearly throughout
    activity[100:300, 1] = 0.4  # a second one, less sure, with it
    activity[400:500, 2] = 0.4  # and the same level while the first is silent:
    activity[400:500, 0] = 0.0  # not counted (silence is not made speech)
    windows = [Window(0.0, activity)]
    mapping = [np.tile(np.arange(3, dtype=np.int64), (589, 1))]
    plain = reconstruct(windows, mapping, 3, STEP, 10.0, onset=0.5)
    assert {t.speaker for t in plain} == {0}
    lenient = reconstruct(windows, mapping, 3, STEP, 10.0, onset=0.5, overlap_onset=0.3)
    second = [t for t in lenient if t.speaker == 1]
    assert len(second) == 1 and second[0].start == pytest.approx(100 * STEP, abs=STEP)
    assert second[0].end == pytest.approx(300 * STEP, abs=STEP)
    assert not [t for t in lenient if t.speaker == 2]
