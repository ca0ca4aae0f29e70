"""Audio files for tests: tones in any format, rate and channel count, and broken files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
from numpy.typing import NDArray

LEFT_HZ = 440.0
RIGHT_HZ = 1000.0


def tones(seconds: float, rate: int, channels: int) -> NDArray[np.float32]:
    """A 440 Hz tone (left) and a 1 kHz tone (right, and any further channel), amplitude 0.4."""
    t = np.arange(round(seconds * rate)) / rate
    left = 0.4 * np.sin(2 * np.pi * LEFT_HZ * t)
    right = 0.4 * np.sin(2 * np.pi * RIGHT_HZ * t)
    columns = [left] + [right] * (channels - 1)
    return np.stack(columns, axis=1).astype(np.float32)


def expected_mono(seconds: float, channels: int) -> NDArray[np.float32]:
    """What `tones(seconds, any rate, channels)` is at 16 kHz, downmixed by mean."""
    mono: NDArray[np.float32] = tones(seconds, 16000, channels).mean(axis=1, dtype=np.float32)
    return mono


def write_tones(path: Path, seconds: float, rate: int, channels: int, **kwargs: str) -> Path:
    """Write `tones(...)` to `path` (format from the suffix unless `format=` is given)."""
    sf.write(path, tones(seconds, rate, channels), rate, **kwargs)
    return path


def truncate(source: Path, target: Path, fraction: float) -> Path:
    """Copy the first `fraction` of the bytes of `source` to `target`."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def peak_hz(samples: NDArray[np.float32], rate: int = 16000) -> float:
    """Frequency of the strongest component of `samples`."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])
