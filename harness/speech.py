"""Speech from espeak-ng for tests, benches and the demo: utterances and two-voice dialogues."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr
from numpy.typing import NDArray

SAMPLE_RATE = 16000
SALESPERSON = "en-us"
"""A low male voice."""
CUSTOMER = "en-us+f3"
"""A high female voice, clearly different from `SALESPERSON`."""
_SILENCE = 1e-3  # espeak-ng pads its output with silence: trimmed so turn times are tight


@dataclass(frozen=True)
class Turn:
    """One line of a dialogue and where it lies in the WAV.

    Attributes:
        voice: espeak-ng voice that spoke it.
        text: what was said.
        start: start of the turn in seconds.
        end: end of the turn in seconds.
    """

    voice: str
    text: str
    start: float
    end: float


def speak(text: str, voice: str = SALESPERSON) -> NDArray[np.float32]:
    """Samples of `text` spoken by espeak-ng `voice`, 16 kHz mono float32, silence trimmed."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "espeak.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-w", str(wav), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        samples, rate = sf.read(wav, dtype="float32", always_2d=True)
    mono = samples.mean(axis=1, dtype=np.float32)
    resampled: NDArray[np.float32] = soxr.resample(mono, rate, SAMPLE_RATE, quality="HQ")
    voiced = np.flatnonzero(np.abs(resampled) > _SILENCE)
    if len(voiced) == 0:
        return resampled.astype(np.float32)
    return resampled[voiced[0] : voiced[-1] + 1].astype(np.float32)


def synthesize(text: str, voice: str, path: Path) -> Path:
    """Write `text` spoken by espeak-ng `voice` to `path` as a 16 kHz mono 16-bit WAV."""
    sf.write(path, speak(text, voice), SAMPLE_RATE, subtype="PCM_16")
    return path


def make_dialogue(turns: list[tuple[str, str]], path: Path, gap_s: float = 0.6) -> list[Turn]:
    """Write `(voice, text)` turns, `gap_s` of silence apart, to `path` (16 kHz mono WAV).

    Returns:
        Each turn with its start and end in seconds, as ground truth for diarization.
    """
    gap = np.zeros(round(gap_s * SAMPLE_RATE), dtype=np.float32)
    parts: list[NDArray[np.float32]] = [gap]
    timeline: list[Turn] = []
    position = len(gap)
    for voice, text in turns:
        speech = speak(text, voice)
        timeline.append(
            Turn(voice, text, position / SAMPLE_RATE, (position + len(speech)) / SAMPLE_RATE)
        )
        parts += [speech, gap]
        position += len(speech) + len(gap)
    sf.write(path, np.concatenate(parts), SAMPLE_RATE, subtype="PCM_16")
    return timeline
