"""Resemblyzer 0.1.4 (GE2E, 256-d) as Resemblyzer's `embed_utterance` computes it.

The waveform is raised to -30 dBFS if quieter (Resemblyzer's `normalize_volume`, increase only),
cut into 1.6 s partials (160 mel frames) at 1.3 partials per second, the last kept if at least
75 % covered (the audio is zero-padded to it); each partial is embedded and the L2-normalised
mean of the partial embeddings is the result. Resemblyzer's webrtcvad silence trimming is not
done here: pass speech, as cut by the VAD or the segmentation.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.listen.embedding import check_audio, l2_normalise
from edge.listen.embedding.mel import HOP, mel_spectrogram

SAMPLE_RATE = 16000
PARTIAL_FRAMES = 160
RATE = 1.3
MIN_COVERAGE = 0.75
TARGET_DBFS = -30.0
INPUT_NAME = "mels"


def normalise_volume(audio: NDArray[np.float32]) -> NDArray[np.float32]:
    """Raise the level to -30 dBFS when it is lower (never lower it)."""
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
    if rms <= 0.0:
        return audio
    change_db = TARGET_DBFS - 20.0 * np.log10(rms)
    if change_db < 0:
        return audio
    louder: NDArray[np.float32] = (audio * 10.0 ** (change_db / 20.0)).astype(np.float32)
    return louder


def partial_starts(num_samples: int) -> list[int]:
    """First mel frame of each 160-frame partial (Resemblyzer's `compute_partial_slices`)."""
    n_frames = int(np.ceil((num_samples + 1) / HOP))
    step = int(np.round((SAMPLE_RATE / RATE) / HOP))
    steps = max(1, n_frames - PARTIAL_FRAMES + step + 1)
    starts = list(range(0, steps, step))
    coverage = (num_samples - starts[-1] * HOP) / (PARTIAL_FRAMES * HOP)
    if coverage < MIN_COVERAGE and len(starts) > 1:
        starts.pop()
    return starts


def partial_mels(audio: NDArray[np.float32]) -> NDArray[np.float32]:
    """(partials, 160, 40) mel frames of volume-normalised audio."""
    starts = partial_starts(audio.shape[0])
    needed = (starts[-1] + PARTIAL_FRAMES) * HOP
    if needed >= audio.shape[0]:
        audio = np.pad(audio, (0, needed - audio.shape[0]))
    mel = mel_spectrogram(audio)
    stacked: NDArray[np.float32] = np.stack([mel[s : s + PARTIAL_FRAMES] for s in starts])
    return stacked


class ResemblyzerEmbedder:
    """Resemblyzer GE2E speaker embedder (ONNX).

    Attributes:
        dimension: 256.
        min_samples: 0.5 s; shorter audio raises `NoSpeechError`.
    """

    dimension = 256
    min_samples = SAMPLE_RATE // 2

    def __init__(self, model_path: Path, threads: int = 1) -> None:
        """Load the Resemblyzer ONNX model.

        Raises:
            edge.errors.ModelLoadError: the model cannot be loaded.
        """
        from edge.listen.onnx_session import open_session

        self._session = open_session(model_path, threads=threads, expect_input=INPUT_NAME)

    def partials(self, mels: NDArray[np.float32]) -> NDArray[np.float32]:
        """Unit-length embeddings of (n, 160, 40) partials, (n, 256)."""
        (embeddings,) = self._session.run(None, {INPUT_NAME: mels.astype(np.float32)})
        return np.asarray(embeddings, dtype=np.float32)

    def __call__(self, audio: NDArray[np.float32]) -> NDArray[np.float32]:
        """L2-normalised (256,) embedding of 16 kHz mono speech."""
        embedding: NDArray[np.float32] = self.batch([audio])[0]
        return embedding

    def batch(self, segments: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
        """(n, 256) embeddings, all partials of all segments in one model run."""
        if not segments:
            return np.zeros((0, self.dimension), dtype=np.float32)
        mels = [partial_mels(normalise_volume(check_audio(s, self.min_samples))) for s in segments]
        embeddings = self.partials(np.concatenate(mels))
        bounds = np.cumsum([0] + [m.shape[0] for m in mels])
        means = np.stack([embeddings[a:b].mean(axis=0) for a, b in itertools.pairwise(bounds)])
        return l2_normalise(means)
