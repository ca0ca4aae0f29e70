"""The floor on the number of speakers from the voices one window holds at once."""

from __future__ import annotations

import numpy as np

from edge.listen.diarize_offline import heard_at_once
from edge.listen.segmentation import Segmenter
from edge.listen.windows import Piece, Window

FRAMES = Segmenter.frames_per_window
SECOND = round(1.0 / Segmenter.frame_step_s)


def window(seconds: list[float], embedded: list[int]) -> Window:
    activity = np.zeros((FRAMES, 3), dtype=np.float32)
    for local, length in enumerate(seconds):
        activity[: round(length * SECOND), local] = 0.9
    pieces = [Piece(local, 0, 10, np.ones(4, dtype=np.float32), 1.0) for local in embedded]
    return Window(offset=0.0, activity=activity, pieces=pieces)


def test_local_speakers_with_enough_speech_in_one_window_set_the_floor() -> None:
    analysed = [window([3.0, 0.5, 0.0], [0, 1]), window([2.5, 1.5, 1.2], [0, 1, 2])]
    assert heard_at_once(analysed, onset=0.5, min_speech_s=1.0) == 3
    assert heard_at_once(analysed, onset=0.5, min_speech_s=2.0) == 1
    assert heard_at_once(analysed, onset=0.5, min_speech_s=0.0) == 1  # off


def test_only_local_speakers_with_an_embedded_piece_count() -> None:
    assert heard_at_once([window([3.0, 3.0, 3.0], [2])], onset=0.5, min_speech_s=1.0) == 1
    assert heard_at_once([window([3.0, 3.0, 3.0], [0, 2])], onset=0.5, min_speech_s=1.0) == 2
    # below the onset is not speech
    assert heard_at_once([window([3.0, 3.0, 0.0], [0, 1])], onset=0.95, min_speech_s=1.0) == 1
