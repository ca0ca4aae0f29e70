"""Speaker embeddings: one interface, one file per backend.

`load_embedder("campp" | "resemblyzer", bundle)` returns a `SpeakerEmbedder` that turns 16 kHz
mono speech into an L2-normalised vector; the cosine similarity of two vectors says how likely
they come from the same voice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from edge.errors import ModelLoadError
from models.errors import ModelError
from models.manifest import ONNX_MODEL_FILE, Role

if TYPE_CHECKING:
    from models.bundle import Bundle

EmbedderKind = Literal["campp", "resemblyzer"]


class SpeakerEmbedder(Protocol):
    """Turns speech into a unit-length voice vector."""

    @property
    def dimension(self) -> int:
        """Length of the embedding."""
        ...

    @property
    def min_samples(self) -> int:
        """Fewest 16 kHz samples accepted."""
        ...

    def __call__(self, audio: NDArray[np.float32]) -> NDArray[np.float32]:
        """Embed one stretch of 16 kHz mono speech (float32 in [-1, 1]) into (dimension,)."""
        ...

    def batch(self, segments: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
        """Embed several stretches at once into (len(segments), dimension)."""
        ...


def load_embedder(kind: EmbedderKind, bundle: Bundle, threads: int = 1) -> SpeakerEmbedder:
    """Load the `kind` embedder from a verified bundle.

    Raises:
        ModelLoadError: the bundle has no such model, or it does not load.
    """
    role = Role.EMBEDDING_CAMPP if kind == "campp" else Role.EMBEDDING_RESEMBLYZER
    try:
        path = bundle.path(role) / ONNX_MODEL_FILE
    except ModelError as err:
        raise ModelLoadError(str(err)) from err
    if kind == "campp":
        from edge.listen.embedding.campp import CamppEmbedder

        return CamppEmbedder(path, threads=threads)
    from edge.listen.embedding.ge2e import ResemblyzerEmbedder

    return ResemblyzerEmbedder(path, threads=threads)


def check_audio(audio: NDArray[np.float32], min_samples: int) -> NDArray[np.float32]:
    """Validate a mono float waveform for an embedder and return it as contiguous float32.

    Raises:
        ValueError: not 1-D.
        edge.errors.NoSpeechError: shorter than `min_samples`.
    """
    from edge.errors import NoSpeechError

    if audio.ndim != 1:
        raise ValueError(f"expected mono audio of shape (samples,), got {audio.shape}")
    if audio.shape[0] < min_samples:
        raise NoSpeechError(
            f"{audio.shape[0] / 16000:.2f} s of audio is too short to embed "
            f"(at least {min_samples / 16000:.2f} s)"
        )
    return np.ascontiguousarray(audio, dtype=np.float32)


def l2_normalise(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    """Scale each row (or the vector) to unit length; an all-zero vector stays zero."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    unit: NDArray[np.float32] = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit
