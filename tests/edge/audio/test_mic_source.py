"""MicSource: real capture through sounddevice and PortAudio from a virtual ALSA microphone."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import soxr
from numpy.typing import NDArray

from edge.audio.decode import load_audio
from edge.audio.devices import find_input_device, list_input_devices
from edge.audio.frames import Frame, from_pcm16
from edge.audio.mic_source import MicSource
from edge.errors import AudioDeviceError
from edge.settings import AudioSettings
from harness.speech import SALESPERSON, speak
from tests.aio import run
from tests.virtual_mic import VirtualMic, use_virtual_mic, virtual_mic

LINE = "Welcome to the showroom. Would you like to take the hybrid for a test drive?"


@pytest.fixture(scope="module")
def speech() -> NDArray[np.float32]:
    return speak(LINE, SALESPERSON)


@pytest.fixture
def mic16k(tmp_path: Path, speech: NDArray[np.float32]) -> Iterator[VirtualMic]:
    wav = tmp_path / "speech16k.wav"
    sf.write(wav, speech, 16000, subtype="PCM_16")
    with virtual_mic(wav, tmp_path / "mic") as mic, use_virtual_mic(mic):
        yield mic
    with pytest.raises(ProcessLookupError):
        os.kill(mic.server_pid, 0)  # PulseAudio is gone


async def _capture(settings: AudioSettings, samples: int) -> tuple[list[Frame], float]:
    """Capture frames until `samples` samples arrived; also the wait for the first frame."""
    frames: list[Frame] = []
    started = time.monotonic()
    first_at = 0.0
    async with MicSource(settings) as mic:
        async for frame in mic:
            first_at = first_at or time.monotonic() - started
            frames.append(frame)
            if sum(len(f.samples) for f in frames) >= samples:
                break
    return frames, first_at


def test_capture_is_the_wav_bit_exact_from_the_first_sample(mic16k: VirtualMic) -> None:
    expected = from_pcm16(mic16k.samples)

    frames, first_at = run(_capture(AudioSettings(device="wavin"), len(expected) + 8000), 30)

    captured = np.concatenate([frame.samples for frame in frames])
    assert np.array_equal(captured[: len(expected)], expected)
    assert not captured[len(expected) :].any()  # then the device hears silence
    assert [frame.index for frame in frames] == list(range(len(frames)))
    assert frames[-1].start == pytest.approx((len(frames) - 1) * 0.03)
    assert first_at < 5.0


def test_a_device_at_another_rate_is_resampled_to_16k(
    tmp_path: Path, speech: NDArray[np.float32]
) -> None:
    wav = tmp_path / "speech48k.wav"
    sf.write(wav, soxr.resample(speech, 16000, 48000), 48000, subtype="PCM_16")
    expected = load_audio(wav)
    settings = AudioSettings(device="wavin", device_rate=48000, frame_ms=20)

    with virtual_mic(wav, tmp_path / "mic") as mic, use_virtual_mic(mic):
        frames, _ = run(_capture(settings, len(expected) + 8000), 30)

    captured = np.concatenate([frame.samples for frame in frames])[: len(expected)]
    assert {len(frame.samples) for frame in frames} == {320}
    assert np.max(np.abs(captured - expected)) < 1e-3
    assert np.corrcoef(captured, expected)[0, 1] > 0.9999


def test_a_slow_consumer_loses_blocks_counted_and_the_clock_skips_them(
    mic16k: VirtualMic,
) -> None:
    async def stall() -> tuple[MicSource, list[Frame]]:
        async with MicSource(AudioSettings(device="wavin"), max_queued_s=0.3) as mic:
            await asyncio.sleep(3.5)  # ~2 s start-up, then ~1.5 s of audio for a 0.3 s queue
            frames = mic.__aiter__()
            return mic, [await anext(frames) for _ in range(20)]

    mic, frames = run(stall(), 30)

    assert mic.overflows > 0
    steps = np.diff([frame.start for frame in frames])
    gaps = np.flatnonzero(steps > 0.031)
    assert list(gaps) == [9]  # the 10 queued blocks, then the gap, then live blocks
    assert steps[9] == pytest.approx(0.03 + 0.03 * mic.overflows)  # the gap is what was lost
    assert [frame.index for frame in frames] == list(range(20))


def test_devices_are_found_by_name_any_case_or_index(mic16k: VirtualMic) -> None:
    names = [device.name for device in list_input_devices()]
    assert "wavin" in names

    device = find_input_device("WAVIN")
    assert device.name == "wavin"
    assert find_input_device(device.index) == device
    assert find_input_device(str(device.index)) == device


@pytest.mark.parametrize("spec", ["no-such-mic", 999])
def test_a_device_that_does_not_exist_is_named_with_the_available_ones(
    mic16k: VirtualMic, spec: str | int
) -> None:
    async def open_missing() -> None:
        async with MicSource(AudioSettings(device=spec)):
            pass

    with pytest.raises(AudioDeviceError, match=rf"no input device {spec!r}; available .*wavin"):
        run(open_missing(), 10)
