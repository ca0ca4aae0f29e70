"""Overlapped local speakers of one window are kept apart (`separate_overlap`)."""

from __future__ import annotations

import numpy as np

from edge.listen.windows import Piece, Window, separate_overlap


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, np.float32)
    return vector / np.linalg.norm(vector)


def test_two_voices_at_once_are_never_one_speaker() -> None:
    activity = np.zeros((100, 2), np.float32)
    activity[0:60, 0] = 0.9  # local 0 speaks from frame 0 to 60
    activity[40:100, 1] = 0.8  # local 1 from 40 to 100: overlap on 40-60
    pieces = [
        Piece(0, 0, 60, unit(1.0, 0.1), 1.0),  # local 0 sounds like speaker 0
        Piece(1, 40, 100, unit(0.7, 0.6), 1.0),  # local 1 nearer speaker 0, then speaker 1
    ]
    window = Window(offset=0.0, activity=activity, pieces=pieces)
    centres = np.stack([unit(1.0, 0.0), unit(0.0, 1.0)])
    mapping = np.zeros((100, 2), np.int64)  # the clustering put both on speaker 0
    out = separate_overlap(window, mapping, centres, onset=0.5)
    assert (out[:, 0] == 0).all()  # the closer voice keeps speaker 0
    assert (out[40:60, 1] == 1).all()  # the other takes speaker 1 where they overlap
    assert (out[60:, 1] == 0).all() and (out[:40, 1] == 0).all()  # elsewhere: unchanged


def test_one_speaker_or_no_overlap_is_left_alone() -> None:
    activity = np.zeros((50, 2), np.float32)
    activity[:, 0] = 0.9
    window = Window(0.0, activity, [Piece(0, 0, 50, unit(1.0, 0.0), 1.0)])
    mapping = np.zeros((50, 2), np.int64)
    centres = np.stack([unit(1.0, 0.0), unit(0.0, 1.0)])
    assert np.array_equal(separate_overlap(window, mapping, centres, 0.5), mapping)
    assert np.array_equal(separate_overlap(window, mapping, centres[:1], 0.5), mapping)


def test_a_less_sure_second_voice_is_kept_apart_with_an_overlap_onset() -> None:
    activity = np.zeros((100, 2), np.float32)
    activity[:, 0] = 0.9
    activity[40:60, 1] = 0.4  # under the onset, above the overlap onset
    pieces = [Piece(0, 0, 100, unit(1.0, 0.1), 1.0), Piece(1, 40, 60, unit(0.7, 0.6), 1.0)]
    window = Window(offset=0.0, activity=activity, pieces=pieces)
    centres = np.stack([unit(1.0, 0.0), unit(0.0, 1.0)])
    mapping = np.zeros((100, 2), np.int64)
    assert np.array_equal(separate_overlap(window, mapping, centres, 0.5), mapping)
    out = separate_overlap(window, mapping, centres, 0.5, overlap_onset=0.3)
    assert (out[40:60, 1] == 1).all() and (out[:, 0] == 0).all()
