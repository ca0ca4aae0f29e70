"""The pure helpers of `eval.polish_gap` (the diagnosis of the polish against `transcribe`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from edge.audio.decode import load_audio
from edge.listen.polish import Piece, join
from eval.polish_gap import noisy, spoken, with_tail


def test_with_tail_adds_silence_and_keeps_the_times() -> None:
    one_s = np.full(16000, 1000, dtype=np.int16)
    joined = join([Piece(5.0, one_s), Piece(8.0, one_s)])
    longer = with_tail(joined, 1.0)
    assert len(longer.audio) == len(joined.audio) + 16000
    assert not longer.audio[len(joined.audio) :].any()
    assert longer.stream_time(4.5) == joined.stream_time(4.5) == 9.0  # clamped to the end


def test_spoken_gives_the_pieces_in_joined_time() -> None:
    one_s = np.full(16000, 1000, dtype=np.int16)
    joined = join([Piece(5.0, one_s), Piece(8.0, one_s)])  # joined: [1, 2) and [3, 4)
    assert [(u.start, u.end) for u in spoken(joined)] == [(1.0, 2.0), (3.0, 4.0)]


def test_noisy_adds_noise_at_the_asked_level_in_the_pauses_too(tmp_path: Path) -> None:
    tone = 0.1 * np.sin(np.arange(16000) * 2 * np.pi * 440 / 16000)
    samples = np.concatenate([np.zeros(16000), tone]).astype(np.float32)
    path = tmp_path / "x.wav"
    sf.write(path, samples, 16000, subtype="PCM_16")
    noisy(path, 20.0)
    pause = load_audio(path)[:16000]
    level = 20 * np.log10(np.sqrt(np.mean(pause**2)) / np.sqrt(np.mean(tone**2)))
    assert -21.5 < level < -18.5
