"""Character n-gram TF-IDF features and one logistic unit per class on them.

Half of the objection/signal classifiers of both languages (issue 14/18): no multilingual
sentence-embedding model is in the bundle, and character n-grams read Spanish wording, dialect
words, an ASR's misspellings ("haber si", "valla") and the key words of English turns that a
sentence embedding blurs. Text is folded (`language.fold`: lower case,
no accents), anything but letters and digits becomes a space; each word, padded with a space
on both sides, gives its n-grams for n in [low, high] exactly as scikit-learn's `char_wb`
analyser does (a word shorter than n gives itself once). Term frequency is sublinear
(1 + log count), times the idf learnt in training, L2-normalised; a class's log-odds is its
weights over those features plus its bias.

The artefacts (`head_es.npz` for Spanish, `head_en_ngram.npz` for English, shipped in the
package) hold the vocabulary, idf, weights and bias; `python -m eval.understand_cv --write`
trains them with scikit-learn, whose `TfidfVectorizer` these features are checked against in
the tests. Inference is plain numpy.
"""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.errors import ConfigError
from edge.understand.head import read_artefact
from edge.understand.language import fold

NGRAM_HEAD_FILE = "head_es.npz"
#: The English n-gram head, averaged with the embedding head (`understanding.classifier`).
ENGLISH_NGRAM_HEAD_FILE = "head_en_ngram.npz"
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def prepare(text: str) -> str:
    """Folded text with only letters, digits and single spaces ("¿Está?" -> " esta ")."""
    return _NOT_WORD.sub(" ", fold(text))


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    """The n-grams of `prepare(text)`, low <= n <= high, word by word (`char_wb`)."""
    grams: list[str] = []
    for word in prepare(text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


class NgramHead:
    """Per-class log-odds of texts from their character n-gram TF-IDF features."""

    def __init__(
        self,
        classes: list[str],
        vocabulary: list[str],
        idf: NDArray[np.float64],
        weights: NDArray[np.float64],
        bias: NDArray[np.float64],
        ngram_range: tuple[int, int],
    ) -> None:
        """Check that the shapes agree.

        Args:
            classes: class ids, in the row order of `weights`.
            vocabulary: the n-grams, in the column order of `weights` and `idf`.
            idf: inverse document frequency per n-gram.
            weights: classes x vocabulary.
            bias: one per class.
            ngram_range: least and most characters of an n-gram.

        Raises:
            ConfigError: the shapes or the n-gram range do not agree.
        """
        low, high = ngram_range
        if not 1 <= low <= high:
            raise ConfigError(f"n-gram head: bad n-gram range {ngram_range}")
        shape = (len(classes), len(vocabulary))
        if weights.shape != shape or bias.shape != (len(classes),) or idf.shape != shape[1:]:
            raise ConfigError(
                f"n-gram head: {len(classes)} classes and {len(vocabulary)} n-grams but weights "
                f"{weights.shape}, bias {bias.shape} and idf {idf.shape}"
            )
        self.classes = list(classes)
        self.vocabulary = list(vocabulary)
        self.ngram_range = (low, high)
        self._index = {gram: i for i, gram in enumerate(self.vocabulary)}
        self._idf = idf.astype(np.float64)
        self._weights = weights.astype(np.float64)
        self._bias = bias.astype(np.float64)

    def features(self, text: str) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The non-zero TF-IDF features of `text`: vocabulary indices and values."""
        counts = Counter(
            self._index[g] for g in char_ngrams(text, *self.ngram_range) if g in self._index
        )
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        index = np.array(sorted(counts), dtype=np.int64)
        values = (1.0 + np.log([counts[i] for i in index])) * self._idf[index]
        return index, values / np.linalg.norm(values)

    def logits(self, texts: list[str]) -> NDArray[np.float64]:
        """Log-odds, one row per text, one column per class (in `classes` order)."""
        out = np.tile(self._bias, (len(texts), 1))
        for row, text in enumerate(texts):
            index, values = self.features(text)
            out[row] += self._weights[:, index] @ values
        return out

    def __call__(self, texts: list[str]) -> NDArray[np.float64]:
        """Probabilities, one row per text, one column per class (in `classes` order)."""
        return 1.0 / (1.0 + np.exp(-self.logits(texts)))

    def save(self, path: Path) -> None:
        """Write the head as compressed `.npz` (weights as float32: half the size)."""
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            vocabulary=np.array(self.vocabulary),
            idf=self._idf.astype(np.float32),
            weights=self._weights.astype(np.float32),
            bias=self._bias,
            ngram_range=np.array(self.ngram_range, dtype=np.int64),
        )

    @classmethod
    def load(cls, path: Path | None = None, *, shipped: str = NGRAM_HEAD_FILE) -> NgramHead:
        """The head at `path`, else the one shipped in the package as `shipped`.

        Raises:
            ConfigError: the file is missing or not an n-gram head.
        """
        where = path or f"edge/understand/{shipped}"
        try:
            with np.load(BytesIO(read_artefact(path, shipped)), allow_pickle=False) as data:
                low, high = (int(n) for n in data["ngram_range"])
                return cls(
                    [str(c) for c in data["classes"]],
                    [str(g) for g in data["vocabulary"]],
                    data["idf"],
                    data["weights"],
                    data["bias"],
                    (low, high),
                )
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise ConfigError(f"cannot load the n-gram classifier head {where}: {err}") from err
        except ConfigError as err:
            raise ConfigError(f"cannot load the n-gram classifier head {where}: {err}") from err
