"""Fixed-size mono frames at 16 kHz: the unit every audio source yields.

A `Framer` cuts a stream of arbitrary-size chunks into `Frame`s of `frame_ms` (10, 20 or 30 ms,
the sizes webrtcvad accepts), numbering them and stamping each with its start time in seconds
since the stream started.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SAMPLE_RATE = 16000
"""Sample rate of every frame, in Hz."""

FRAME_MS = (10, 20, 30)
"""Frame lengths webrtcvad accepts, in milliseconds."""


@dataclass(frozen=True, slots=True)
class Frame:
    """A fixed-size block of mono audio.

    Attributes:
        samples: float32 samples in [-1, 1] at `SAMPLE_RATE`.
        start: start time in seconds since the stream started.
        index: position of the frame in its stream (0, 1, 2...).
    """

    samples: NDArray[np.float32]
    start: float
    index: int

    @property
    def end(self) -> float:
        """End time in seconds since the stream started."""
        return self.start + len(self.samples) / SAMPLE_RATE


def frame_samples(frame_ms: int) -> int:
    """Number of samples in a frame of `frame_ms` milliseconds (160, 320 or 480).

    Raises:
        ValueError: `frame_ms` is not 10, 20 or 30.
    """
    if frame_ms not in FRAME_MS:
        raise ValueError(f"frame_ms must be one of {FRAME_MS}, not {frame_ms}")
    return SAMPLE_RATE * frame_ms // 1000


def to_pcm16(samples: NDArray[np.float32]) -> bytes:
    """Little-endian 16-bit PCM bytes of float samples (clipped to [-1, 1]), as webrtcvad wants.

    The scale is 32768, the inverse of how int16 capture is read, so int16 audio round-trips
    bit-exactly.
    """
    scaled = np.clip(np.round(samples * 32768.0), -32768, 32767)
    return scaled.astype("<i2").tobytes()


def from_pcm16(data: NDArray[np.int16]) -> NDArray[np.float32]:
    """Float32 samples in [-1, 1) of int16 samples (divided by 32768)."""
    return data.astype(np.float32) / np.float32(32768.0)


class Framer:
    """Cuts chunks of any size into numbered, time-stamped frames of a fixed size.

    Args:
        frame_ms: frame length in milliseconds (10, 20 or 30).
    """

    def __init__(self, frame_ms: int = 30) -> None:
        self.size = frame_samples(frame_ms)
        self._pending: NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._position = 0  # samples since stream start at the first pending sample
        self._index = 0

    def push(self, chunk: NDArray[np.float32]) -> Iterator[Frame]:
        """Add samples and yield every frame they complete."""
        data = np.concatenate((self._pending, chunk.astype(np.float32, copy=False)))
        whole = len(data) - len(data) % self.size
        for offset in range(0, whole, self.size):
            yield self._frame(data[offset : offset + self.size])
        self._pending = data[whole:]

    def flush(self) -> Iterator[Frame]:
        """Yield the last partial frame, zero-padded to full size (nothing if none is pending)."""
        if len(self._pending):
            padded = np.zeros(self.size, dtype=np.float32)
            padded[: len(self._pending)] = self._pending
            self._pending = padded[:0]
            yield self._frame(padded)

    def skip(self, samples: int) -> None:
        """Advance the clock by `samples` lost samples (dropped on overflow), keeping time true."""
        self._position += samples

    def _frame(self, samples: NDArray[np.float32]) -> Frame:
        frame = Frame(samples.copy(), self._position / SAMPLE_RATE, self._index)
        self._position += self.size
        self._index += 1
        return frame
