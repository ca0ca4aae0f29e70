"""The round-7 bound's frame accounting: what a perfect fill recovers and what it adds."""

from __future__ import annotations

import numpy as np
import pytest

from edge.listen.reconstruct import Turn, reconstruct
from edge.listen.segmentation import Segmenter
from edge.listen.windows import Window
from edge.settings import DiarizationSettings
from eval.diarization_fill_bound import (
    FRAME_S,
    fill_bound,
    missed_false_alarm,
    nearest_fill,
    second_voice_bound,
    speakers_per_frame,
    voices_per_frame,
)


def frames(*counts: int) -> np.ndarray:
    return np.array(counts, dtype=np.int64)


def test_a_fill_gives_one_speaker_where_the_diarization_gives_nobody() -> None:
    reference = frames(0, 1, 2, 1, 0, 1)
    hypothesis = frames(0, 0, 0, 1, 0, 0)
    speech = np.array([True, True, True, True, True, False])
    found = fill_bound(reference, hypothesis, speech)
    # frames 0-4 heard; frame 3 already has a speaker; frame 5 is not heard
    assert found.missed == pytest.approx(3 * FRAME_S)  # 1 + 2 speakers missed in frames 1-2
    assert found.recoverable == pytest.approx(2 * FRAME_S)  # one speaker each
    assert found.false_alarm == pytest.approx(2 * FRAME_S)  # frames 0 and 4
    assert missed_false_alarm(reference, hypothesis) == pytest.approx((4 * FRAME_S, 0.0))


def test_a_second_voice_counts_where_the_windows_hear_more_than_are_given() -> None:
    reference = frames(2, 1, 3, 2)
    hypothesis = frames(1, 1, 1, 0)
    voices = frames(2, 2, 3, 2)
    found = second_voice_bound(reference, hypothesis, voices)
    # frame 0: one recovered; frame 1: one false alarm; frame 2: two recovered; frame 3: nobody
    # given, so it is the VAD fill's frame, not this one's
    assert (found.missed, found.recoverable, found.false_alarm) == pytest.approx(
        (3 * FRAME_S, 3 * FRAME_S, FRAME_S)
    )


def test_the_real_fill_gives_each_uncovered_run_the_nearest_turns_speaker() -> None:
    turns = [Turn(0.0, 1.0, 0), Turn(3.0, 4.0, 1)]
    speech = speakers_per_frame([(0.5, 1.5), (2.6, 2.9)], 500) > 0
    added = nearest_fill(turns, speech)
    assert [(t.speaker, round(t.start, 2), round(t.end, 2)) for t in added] == [
        (0, 1.0, 1.5),  # only what no turn covers; 0.5 s from speaker 0, 2 s from speaker 1
        (1, 2.6, 2.9),
    ]
    assert nearest_fill([], speech) == []


def test_spans_are_counted_at_frame_centres() -> None:
    assert speakers_per_frame([(0.0, 0.025), (0.01, 0.05)], 6).tolist() == [1, 2, 1, 1, 1, 0]


def test_the_count_of_voices_is_the_one_reconstruct_gives_speakers_up_to() -> None:
    step = Segmenter.frame_step_s
    size = Segmenter.frames_per_window
    activity = np.zeros((size, 3), dtype=np.float32)
    activity[: size // 2, 0] = 0.9  # one voice, then two at once, then none
    activity[size // 4 : size * 3 // 4, 1] = 0.8
    analysed = [Window(0.0, activity), Window(5.0, activity)]
    settings = DiarizationSettings(overlap_bias=0.0)
    duration = 15.0
    count = round(duration / FRAME_S)
    voices = voices_per_frame(analysed, settings, count)
    mapping = [np.tile(np.array([0, 1, -1]), (size, 1)) for _ in analysed]
    turns = reconstruct(analysed, mapping, 2, step, duration, min_duration_off=0.0)
    given = speakers_per_frame(((t.start, t.end) for t in turns), count)
    assert voices.max() == 2 and (voices == 1).any() and (voices == 0).any()
    # with two distinct speakers mapped, the diarization gives exactly the windows' count
    assert (np.abs(given - voices) > 0).mean() < 0.01  # frame edges only
