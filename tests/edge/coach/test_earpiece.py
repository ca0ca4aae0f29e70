"""The earpiece sink on a real sounddevice output.

A PulseAudio null sink, recorded from its monitor with `parec` while the prompt plays.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from edge.coach.errors import SinkError
from edge.coach.sinks.base import Delivery
from edge.coach.sinks.earpiece import EarpieceSink
from harness.speech import synthesize
from tests.aio import run
from tests.virtual_mic import use_virtual_mic, virtual_mic


def test_prompt_is_heard_on_the_output_device(tmp_path: Path) -> None:
    wav = synthesize("unused", "en-us", tmp_path / "in.wav")
    with virtual_mic(wav, tmp_path / "pa") as mic, use_virtual_mic(mic):
        import os

        env = {**os.environ, **mic.env}
        raw = tmp_path / "heard.raw"
        with raw.open("wb") as out:
            recorder = subprocess.Popen(
                ["parec", "-d", "vsink.monitor", "--raw", "--format=s16le", "--rate=16000",
                 "--channels=1"], env=env, stdout=out, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                time.sleep(0.5)
                sink = EarpieceSink("pulse", volume=0.8)

                async def say() -> bool:
                    ok = await sink.deliver(Delivery("r", "objection", "Offer the test drive now."))
                    await sink.wait()
                    return ok

                assert run(say(), 20)
                time.sleep(0.5)
            finally:
                recorder.terminate()
                recorder.wait(timeout=5)
    heard = np.frombuffer(raw.read_bytes(), dtype="<i2").astype(np.float32) / 32768
    assert len(heard) > 16000
    assert float(np.sqrt(np.mean(heard**2))) > 0.005  # speech reached the device


def test_interrupt_stops_playback(tmp_path: Path) -> None:
    wav = synthesize("unused", "en-us", tmp_path / "in.wav")
    with virtual_mic(wav, tmp_path / "pa") as mic, use_virtual_mic(mic):
        sink = EarpieceSink("pulse")

        async def cut() -> float:
            long = "This is a long prompt that would take many seconds to say in full. " * 3
            await sink.deliver(Delivery("r", "metric", long))
            started = time.monotonic()
            await sink.interrupt()
            return time.monotonic() - started

        assert run(cut(), 20) < 1.0


def test_unknown_output_device_is_a_clear_error() -> None:
    with pytest.raises(SinkError, match="earpiece output device 'no-such-device' not found"):
        EarpieceSink("no-such-device")


def test_missing_espeak_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SinkError, match="espeak-ng not found"):
        EarpieceSink()
