"""Local speaker activity in 10 s windows: pyannote segmentation-3.0 exported to ONNX.

The model sees one 10 s window of 16 kHz audio and returns, per frame, the log-probability of each
of 7 powerset classes over 3 local speakers: {}, {0}, {1}, {2}, {0,1}, {0,2}, {1,2}. `Segmenter`
turns them into per-speaker activity probabilities. Local speaker indices are only meaningful
within one window; linking them across windows is the clustering stage's job.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

SAMPLE_RATE = 16000
WINDOW_SAMPLES = 10 * SAMPLE_RATE
LOCAL_SPEAKERS = 3
MAX_SPEAKERS_PER_FRAME = 2
INPUT_NAME = "waveform"

# SincNet front end: (kernel, stride) of conv 251/10, pool 3, conv 5, pool 3, conv 5, pool 3.
_LAYERS = ((251, 10), (3, 3), (5, 1), (3, 3), (5, 1), (3, 3))


def num_frames(num_samples: int) -> int:
    """Output frames the model gives for `num_samples` input samples."""
    frames = num_samples
    for kernel, stride in _LAYERS:
        frames = 1 + (frames - kernel) // stride
    return frames


def receptive_field(frames: int = 1) -> int:
    """Input samples that `frames` consecutive output frames depend on."""
    size = frames
    for kernel, stride in reversed(_LAYERS):
        size = kernel + (size - 1) * stride
    return size


def powerset_classes() -> NDArray[np.float32]:
    """(7, 3) matrix: row c is 1 where local speaker k belongs to powerset class c."""
    rows = [
        [1.0 if k in subset else 0.0 for k in range(LOCAL_SPEAKERS)]
        for size in range(MAX_SPEAKERS_PER_FRAME + 1)
        for subset in combinations(range(LOCAL_SPEAKERS), size)
    ]
    return np.asarray(rows, dtype=np.float32)


def powerset_to_multilabel(log_probs: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per-speaker activity probability: the sum of the probabilities of classes containing it.

    Args:
        log_probs: (..., 7) powerset log-probabilities.

    Returns:
        (..., 3) probabilities in [0, 1].
    """
    probs = np.exp(log_probs.astype(np.float32))
    return np.clip(probs @ powerset_classes(), 0.0, 1.0).astype(np.float32)


class Segmenter:
    """Per-frame activity of up to 3 local speakers in 10 s windows.

    Frames are `frame_step_s` apart; frame i covers
    [i * frame_step_s, i * frame_step_s + frame_duration_s) of the window.

    Attributes:
        window_samples: samples per window (160000, 10 s at 16 kHz).
        frames_per_window: frames per window (589).
        frame_step_s: time between frames (270 samples, 16.875 ms).
        frame_duration_s: receptive field of one frame (991 samples, 61.9 ms).
    """

    window_samples = WINDOW_SAMPLES
    frames_per_window = num_frames(WINDOW_SAMPLES)
    frame_step_s = (receptive_field(2) - receptive_field(1)) / SAMPLE_RATE
    frame_duration_s = receptive_field(1) / SAMPLE_RATE

    def __init__(self, model_path: Path, threads: int = 1) -> None:
        """Load the segmentation ONNX model.

        Raises:
            edge.errors.ModelLoadError: the model cannot be loaded.
        """
        from edge.listen.onnx_session import open_session

        self._session = open_session(model_path, threads=threads, expect_input=INPUT_NAME)

    def log_powerset(self, chunks: NDArray[np.float32]) -> NDArray[np.float32]:
        """Powerset log-probabilities (batch, frames_per_window, 7).

        Args:
            chunks: (batch, samples) 16 kHz audio, samples <= window_samples; shorter chunks are
                zero-padded at the end here (frames past the audio then describe silence).

        Raises:
            ValueError: wrong shape, or chunks longer than a window.
        """
        if chunks.ndim != 2 or chunks.shape[0] == 0:
            raise ValueError(f"expected chunks of shape (batch, samples), got {chunks.shape}")
        if chunks.shape[1] > self.window_samples:
            raise ValueError(
                f"chunks of {chunks.shape[1]} samples are longer than a window "
                f"({self.window_samples})"
            )
        batch = np.zeros((chunks.shape[0], 1, self.window_samples), dtype=np.float32)
        batch[:, 0, : chunks.shape[1]] = chunks
        (log_probs,) = self._session.run(None, {INPUT_NAME: batch})
        return np.asarray(log_probs, dtype=np.float32)

    def __call__(self, chunks: NDArray[np.float32]) -> NDArray[np.float32]:
        """Per-frame activity probability of each local speaker, (batch, frames_per_window, 3).

        Args:
            chunks: (batch, samples) as for `log_powerset`.
        """
        return powerset_to_multilabel(self.log_powerset(chunks))
