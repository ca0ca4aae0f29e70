"""Gain normalisation: quiet, far-field speech raised towards a fixed level before the VAD.

Silero VAD and webrtcvad both hear level: a speaker two metres from the microphone at -50 dBFS
can go unheard where the same words at -30 dBFS would not. `GainNormaliser` is a slow automatic
gain on 32 ms chunks: a peak follower (instant attack, exponential release) tracks the level of
the loudest recent chunk, and each chunk is scaled so that level reaches `target_dbfs`. It only
boosts, never by more than `max_gain_db`, so loud audio is left alone and silence or low noise
is raised by a bounded amount (the VAD still has to call it speech). Causal and per chunk, so the
live hub and `transcribe` hear exactly the same thing.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

_CHUNK_S = 512 / 16000


class GainNormaliser:
    """Chunks in, the same chunks scaled towards a target level out (state kept between calls)."""

    def __init__(
        self, max_gain_db: float = 30.0, target_dbfs: float = -26.0, release_s: float = 3.0
    ) -> None:
        """Set the bounds.

        Args:
            max_gain_db: the most a chunk is amplified, in dB (0 turns the stage off).
            target_dbfs: RMS level, in dB below full scale, the loudest recent chunk is raised to.
            release_s: time constant of the level's decay after loud audio, in seconds.

        Raises:
            ValueError: a negative gain or release.
        """
        if max_gain_db < 0 or release_s <= 0:
            raise ValueError(f"bad gain bounds: max {max_gain_db} dB, release {release_s} s")
        self._max_gain = 10.0 ** (max_gain_db / 20.0)
        self._target = 10.0 ** (target_dbfs / 20.0)
        self._decay = math.exp(-_CHUNK_S / release_s)
        self.reset()

    def reset(self) -> None:
        """Forget the stream's level."""
        self._level = 0.0
        self.gain = 1.0

    def __call__(self, chunk: NDArray[np.float32]) -> NDArray[np.float32]:
        """The chunk scaled by the current gain, clipped to [-1, 1]."""
        rms = float(np.sqrt(np.mean(np.square(chunk, dtype=np.float64)))) if len(chunk) else 0.0
        self._level = max(rms, self._level * self._decay)
        self.gain = min(self._max_gain, max(1.0, self._target / max(self._level, 1e-9)))
        scaled: NDArray[np.float32] = np.clip(chunk * np.float32(self.gain), -1.0, 1.0).astype(
            np.float32
        )
        return scaled
