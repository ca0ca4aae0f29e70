"""FileSource: frames of the right size, count and time; paced replay keeps to the clock."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from edge.audio.decode import load_audio
from edge.audio.file_source import FileSource
from edge.audio.frames import Frame
from edge.errors import AudioFileError
from tests.aio import run
from tests.audio_fixtures import write_tones


async def _collect(source: FileSource) -> list[Frame]:
    return [frame async for frame in source]


@pytest.mark.parametrize(("frame_ms", "size"), [(10, 160), (20, 320), (30, 480)])
def test_frames_cover_the_file_with_a_zero_padded_tail(
    tmp_path: Path, frame_ms: int, size: int
) -> None:
    path = tmp_path / "odd.wav"
    samples = np.random.default_rng(7).uniform(-0.5, 0.5, 16100).astype(np.float32)
    sf.write(path, samples, 16000, subtype="FLOAT")

    frames = run(_collect(FileSource(path, frame_ms)))

    assert len(frames) == -(-16100 // size)
    assert all(len(frame.samples) == size for frame in frames)
    assert all(frame.samples.dtype == np.float32 for frame in frames)
    assert [frame.index for frame in frames] == list(range(len(frames)))
    assert [frame.start for frame in frames] == pytest.approx(
        [i * frame_ms / 1000 for i in range(len(frames))]
    )
    joined = np.concatenate([frame.samples for frame in frames])
    assert np.array_equal(joined[:16100], samples)
    assert not joined[16100:].any()


def test_any_format_gives_the_decoded_audio_and_its_duration(tmp_path: Path) -> None:
    path = write_tones(tmp_path / "stereo.flac", 1.5, 44100, 2)
    source = FileSource(path, 20)

    frames = run(_collect(source))

    assert source.duration == pytest.approx(1.5)
    decoded = load_audio(path)
    assert len(frames) == -(-len(decoded) // 320)
    assert np.array_equal(np.concatenate([f.samples for f in frames])[: len(decoded)], decoded)


def test_realtime_replay_paces_frames_to_the_clock(tmp_path: Path) -> None:
    path = write_tones(tmp_path / "second.wav", 1.0, 16000, 1)

    async def replay() -> tuple[list[float], list[Frame], float]:
        loop = asyncio.get_running_loop()
        started = loop.time()
        arrivals, frames = [], []
        async for frame in FileSource(path, 30, realtime=True):
            arrivals.append(loop.time() - started)
            frames.append(frame)
        return arrivals, frames, loop.time() - started

    arrivals, frames, elapsed = run(replay())

    # No frame comes before it would have finished arriving from a microphone...
    assert all(at >= frame.end - 1e-3 for at, frame in zip(arrivals, frames, strict=True))
    # ...and the whole second takes about a second (a loose bound: a shared 2-core machine).
    assert 0.99 <= elapsed < 1.6


def test_fast_replay_is_fast_and_lets_other_tasks_run(tmp_path: Path) -> None:
    path = write_tones(tmp_path / "ten.wav", 10.0, 16000, 1)

    async def replay() -> tuple[int, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(ticker())
        count = len(await _collect(FileSource(path, 30)))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return count, ticks

    count, ticks = run(replay(), timeout_s=5.0)

    assert count == -(-160000 // 480)
    assert ticks > count // 32


def test_closing_early_stops_the_replay(tmp_path: Path) -> None:
    path = write_tones(tmp_path / "long.wav", 60.0, 16000, 1)

    async def first_three() -> list[Frame]:
        frames = []
        stream = FileSource(path, 30).__aiter__()
        for _ in range(3):
            frames.append(await anext(stream))
        await stream.aclose()
        return frames

    assert [frame.index for frame in run(first_three(), timeout_s=5.0)] == [0, 1, 2]


def test_bad_file_and_frame_size_fail_at_construction(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="not found"):
        FileSource(tmp_path / "missing.wav")
    path = write_tones(tmp_path / "ok.wav", 0.1, 16000, 1)
    with pytest.raises(ValueError, match="frame_ms must be one of"):
        FileSource(path, 25)
