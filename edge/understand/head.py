"""A trained classifier head on the sentence embeddings: one logistic unit per class.

Multi-label: each objection/signal class has its own weight vector over the 384-d MiniLM
embedding, so "the payment is too high, can I drive it?" can score two classes; no class over
the threshold is `other`. The weights (`head.npz`, shipped in the package) are trained by
`python -m eval.understand_cv --language en --write` on every retired English line and the
example phrases, its regularisation and the threshold chosen by cross-validation (with an
n-gram head beside it: `ngrams.py`; docs/benchmarks.md). The same class holds the Spanish
embedding head (`head_es_emb.npz`). Inference is one matrix product: no torch, no
scikit-learn on the hub.
"""

from __future__ import annotations

from importlib import resources
from io import BytesIO
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.errors import ConfigError

HEAD_FILE = "head.npz"


class LinearHead:
    """Per-class probabilities from unit-length sentence vectors."""

    def __init__(
        self, classes: list[str], weights: NDArray[np.float64], bias: NDArray[np.float64]
    ) -> None:
        """Check the shapes: `weights` is classes x dimension, `bias` one per class.

        Raises:
            ConfigError: the shapes do not agree.
        """
        if weights.ndim != 2 or weights.shape[0] != len(classes) or bias.shape != (len(classes),):
            raise ConfigError(
                f"classifier head: {len(classes)} classes but weights {weights.shape} "
                f"and bias {bias.shape}"
            )
        self.classes = list(classes)
        self._weights = weights.astype(np.float64)
        self._bias = bias.astype(np.float64)

    def logits(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """Log-odds, one row per vector, one column per class (in `classes` order)."""
        return np.asarray(vectors.astype(np.float64) @ self._weights.T + self._bias)

    def __call__(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """Probabilities, one row per vector, one column per class (in `classes` order)."""
        return 1.0 / (1.0 + np.exp(-self.logits(vectors)))

    def save(self, path: Path) -> None:
        """Write the head as `.npz` (classes, weights, bias)."""
        np.savez(path, classes=np.array(self.classes), weights=self._weights, bias=self._bias)

    @classmethod
    def load(cls, path: Path | None = None, *, shipped: str = HEAD_FILE) -> LinearHead:
        """The head at `path`, else the one shipped in the package as `shipped`.

        Raises:
            ConfigError: the file is missing or not a head.
        """
        try:
            with np.load(BytesIO(read_artefact(path, shipped)), allow_pickle=False) as data:
                return cls([str(c) for c in data["classes"]], data["weights"], data["bias"])
        except (OSError, KeyError, ValueError) as err:
            where = path or f"edge/understand/{shipped}"
            raise ConfigError(f"cannot load the classifier head {where}: {err}") from err


def read_artefact(path: Path | None, shipped: str) -> bytes:
    """The bytes of the file at `path`, else of the file `shipped` in this package.

    Raises:
        OSError: the file is missing or unreadable.
    """
    if path is None:
        return resources.files("edge.understand").joinpath(shipped).read_bytes()
    return path.read_bytes()
