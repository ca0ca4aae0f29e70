"""Voice cues of a turn (pitch, loudness, speaking rate) and a heuristic arousal in [0, 1].

This is a heuristic, not an emotion model: no emotion model that ships its weights exists on
the package registries the hub may use. Raised pitch, raised loudness and faster speech than
the same speaker's own baseline (the median of their earlier turns) are common correlates of
arousal/stress in speech research; `arousal` is 0.5 at the speaker's baseline and moves toward
1 (or 0) as the three cues rise (or fall) together. Treat it as a hint to combine with text
sentiment, never as a diagnosis.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

import numpy as np
from numpy.typing import NDArray

SAMPLE_RATE = 16000
_FRAME = 640  # 40 ms
_MIN_F0, _MAX_F0 = 70.0, 400.0


@dataclass(frozen=True)
class VoiceCues:
    """Measured cues of one turn."""

    pitch_hz: float | None  # median F0 of voiced frames
    energy_db: float  # RMS level of voiced frames, dBFS
    words_per_s: float | None


def measure(samples: NDArray[np.float32], words: int, duration_s: float) -> VoiceCues:
    """Pitch (autocorrelation), loudness and rate of `samples` (16 kHz mono float32)."""
    frames = len(samples) // _FRAME
    if frames == 0:
        return VoiceCues(None, -100.0, None)
    blocks = samples[: frames * _FRAME].reshape(frames, _FRAME).astype(np.float64)
    rms = np.sqrt(np.mean(blocks**2, axis=1)) + 1e-12
    voiced = blocks[rms > max(1e-4, 0.3 * float(np.max(rms)))]
    pitches = [p for p in (_pitch(block) for block in voiced) if p is not None]
    level = float(20 * np.log10(np.sqrt(np.mean(voiced**2)) + 1e-12)) if len(voiced) else -100.0
    rate = words / duration_s if duration_s > 0 and words > 0 else None
    return VoiceCues(float(median(pitches)) if pitches else None, level, rate)


def _pitch(block: NDArray[np.float64]) -> float | None:
    block = block - block.mean()
    spectrum = np.fft.rfft(block, n=2 * len(block))
    corr = np.fft.irfft(spectrum * np.conj(spectrum))[: len(block)]
    if corr[0] <= 0:
        return None
    lo, hi = int(SAMPLE_RATE / _MAX_F0), int(SAMPLE_RATE / _MIN_F0)
    lag = lo + int(np.argmax(corr[lo:hi]))
    if corr[lag] / corr[0] < 0.3:  # not periodic enough: unvoiced or noise
        return None
    return SAMPLE_RATE / lag


class ArousalEstimator:
    """Arousal of each turn against the same speaker's baseline (pure, per conversation)."""

    def __init__(self) -> None:
        self._history: dict[str, list[VoiceCues]] = defaultdict(list)

    def reset(self) -> None:
        """Forget every speaker's baseline."""
        self._history.clear()

    def __call__(self, speaker: str, cues: VoiceCues) -> float:
        """Arousal in [0, 1] of `cues`; 0.5 for a speaker's first turn."""
        history = self._history[speaker]
        history.append(cues)
        if len(history) < 2:
            return 0.5
        earlier = history[:-1]
        terms = []
        pitches = [c.pitch_hz for c in earlier if c.pitch_hz]
        if cues.pitch_hz and pitches:
            terms.append(12 * math.log2(cues.pitch_hz / median(pitches)) / 3.0)  # 3 semitones
        terms.append((cues.energy_db - median(c.energy_db for c in earlier)) / 6.0)  # 6 dB
        rates = [c.words_per_s for c in earlier if c.words_per_s]
        if cues.words_per_s and rates:
            terms.append((cues.words_per_s / median(rates) - 1.0) / 0.3)  # 30 % faster
        return round(0.5 + 0.5 * math.tanh(sum(terms) / len(terms)), 3)
