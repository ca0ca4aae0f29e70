"""Frames: sizes, 16-bit PCM for webrtcvad, and the framer's numbering and clock."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from edge.audio.frames import Frame, Framer, frame_samples, from_pcm16, to_pcm16


def test_frame_sizes_are_webrtcvad_sizes() -> None:
    assert [frame_samples(ms) for ms in (10, 20, 30)] == [160, 320, 480]
    with pytest.raises(ValueError, match="frame_ms must be one of"):
        frame_samples(25)


@given(st.lists(st.integers(-32768, 32767), max_size=500))
def test_int16_audio_round_trips_through_pcm16_bit_exact(values: list[int]) -> None:
    pcm = np.array(values, dtype=np.int16)
    data = to_pcm16(from_pcm16(pcm))
    assert data == pcm.astype("<i2").tobytes()
    assert len(data) == 2 * len(values)


def test_pcm16_clips_out_of_range_samples() -> None:
    samples = np.array([-2.0, -1.0, 0.0, 1.0, 2.0], dtype=np.float32)
    pcm = np.frombuffer(to_pcm16(samples), dtype="<i2")
    assert pcm.tolist() == [-32768, -32768, 0, 32767, 32767]


@given(st.lists(st.integers(0, 1000), max_size=12))
def test_framer_cuts_any_chunking_into_the_same_frames(sizes: list[int]) -> None:
    audio = np.arange(sum(sizes), dtype=np.float32) / 1e4
    framer = Framer(10)
    frames: list[Frame] = []
    position = 0
    for size in sizes:
        frames += framer.push(audio[position : position + size])
        position += size
    frames += framer.flush()

    assert len(frames) == -(-len(audio) // 160)
    assert [frame.index for frame in frames] == list(range(len(frames)))
    assert [frame.start for frame in frames] == pytest.approx(
        [i * 0.01 for i in range(len(frames))]
    )
    if frames:
        joined = np.concatenate([frame.samples for frame in frames])
        assert np.array_equal(joined[: len(audio)], audio)
        assert not joined[len(audio) :].any()


def test_skipped_samples_move_the_clock_on() -> None:
    framer = Framer(30)
    first = list(framer.push(np.zeros(480, dtype=np.float32)))
    framer.skip(4800)
    second = list(framer.push(np.zeros(480, dtype=np.float32)))
    assert [first[0].start, second[0].start] == pytest.approx([0.0, 0.33])
    assert [first[0].index, second[0].index] == [0, 1]
    assert second[0].end == pytest.approx(0.36)
