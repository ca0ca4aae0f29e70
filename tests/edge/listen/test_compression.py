"""The compressor the segmentation model may hear windows through (`windows.compressed`)."""

from __future__ import annotations

import numpy as np

from edge.listen.windows import compressed

RATE = 16000


def level_db(audio: np.ndarray) -> float:
    return float(10.0 * np.log10(np.mean(audio.astype(np.float64) ** 2)))


def test_a_quiet_voice_is_raised_towards_a_loud_one_and_pauses_are_not() -> None:
    rng = np.random.default_rng(0)
    tone = np.sin(2 * np.pi * 220 * np.arange(3 * RATE) / RATE).astype(np.float32)
    loud, quiet = 0.5 * tone, 0.5 * 10 ** (-24 / 20) * tone  # 24 dB apart
    pause = (1e-4 * rng.normal(size=4 * RATE)).astype(np.float32)
    chunk = np.concatenate([loud, pause[: 2 * RATE], quiet, pause[2 * RATE :]])
    out = compressed(chunk, 2.0)
    middle = slice(RATE // 2, 5 * RATE // 2)  # away from the interpolated edges
    assert abs(level_db(out[: 3 * RATE][middle]) - level_db(loud[middle])) < 0.5
    raised = level_db(out[5 * RATE : 8 * RATE][middle]) - level_db(quiet[middle])
    assert 11.0 < raised < 13.0  # half of the 24 dB difference
    before = level_db(quiet[middle]) - level_db(pause[: 2 * RATE][middle])
    after = level_db(out[5 * RATE : 8 * RATE][middle]) - level_db(out[3 * RATE : 5 * RATE][middle])
    assert after > before - 3.0  # the quiet voice keeps its margin over the pause


def test_ratio_one_or_a_chunk_too_short_is_left_as_it_is() -> None:
    chunk = np.linspace(-0.1, 0.1, RATE, dtype=np.float32)
    assert compressed(chunk, 1.0) is chunk
    assert np.array_equal(compressed(chunk[:1000], 2.0), chunk[:1000])
