"""Check audio for the export checks: espeak-ng speech when available, else a synthetic voice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

SAMPLE_RATE = 16000

_SENTENCES = (
    ("en-us", "Good morning, welcome to the showroom. Are you looking for a hybrid or an SUV?"),
    ("en-us+f3", "We would like a test drive. What does the lease cost per month with a trade-in?"),
)


def check_speech() -> tuple[NDArray[np.float32], str]:
    """About 10 s of 16 kHz mono audio with two different voices, and how it was made."""
    espeak = shutil.which("espeak-ng")
    if espeak is not None:
        try:
            voices = [_espeak(espeak, voice, text) for voice, text in _SENTENCES]
        except (OSError, subprocess.SubprocessError, wave.Error):
            voices = []
        if voices:
            gap = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
            return np.concatenate([voices[0], gap, voices[1]]), "espeak-ng en-us + en-us+f3"
    return _synthetic_voices(), "synthetic vowel-like signal (espeak-ng not found)"


def _espeak(executable: str, voice: str, text: str) -> NDArray[np.float32]:
    from scipy.signal import resample_poly

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "speech.wav"
        subprocess.run(
            [executable, "-v", voice, "-w", str(path), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        with wave.open(str(path), "rb") as reader:
            rate = reader.getframerate()
            pcm = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    audio = pcm.astype(np.float64) / 32768.0
    divisor = int(np.gcd(rate, SAMPLE_RATE))
    resampled = resample_poly(audio, SAMPLE_RATE // divisor, rate // divisor)
    clipped: NDArray[np.float32] = np.clip(resampled, -1.0, 1.0).astype(np.float32)
    return clipped


def _synthetic_voices() -> NDArray[np.float32]:
    """Two 'speakers' (different pitch and formants) of syllable-like bursts, with a pause."""
    rng = np.random.default_rng(0)
    parts = []
    for pitch, formants in ((110.0, (700.0, 1200.0)), (210.0, (400.0, 2300.0))):
        t = np.arange(int(4.5 * SAMPLE_RATE)) / SAMPLE_RATE
        glottal = sum(np.sin(2 * np.pi * pitch * k * t) / k for k in range(1, 20))
        formant = sum(np.sin(2 * np.pi * f * t) for f in formants)
        envelope = np.clip(np.sin(2 * np.pi * 3.0 * t), 0.0, None)
        voice = 0.1 * glottal * (1 + 0.3 * formant) * envelope
        parts.append(voice + 0.003 * rng.standard_normal(t.size))
        parts.append(np.zeros(SAMPLE_RATE // 2))
    return np.concatenate(parts).astype(np.float32)
