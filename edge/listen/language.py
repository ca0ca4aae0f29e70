"""Which of a site's languages an utterance is in: Whisper's language detection, restricted.

Whisper's multilingual decoder scores every language token after one encoder pass over the
utterance's 30 s window. A bilingual site only has a few languages, so the guess is the most
probable of those (a Spanish sentence heard as Portuguese or Galician is still Spanish on a
showroom floor in Texas). The encoder output is the one the transcription then decodes from:
`EncoderCache` keeps it, so detection costs one decoder step, not a second encoder pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from edge.errors import EdgeError

if TYPE_CHECKING:
    import ctranslate2
    from faster_whisper import WhisperModel


class LanguageError(EdgeError):
    """Language detection cannot run (an English-only model, or no language to choose)."""


def wire_language(code: str | None) -> str | None:
    """`code` when it is an ISO 639-1 code (as `Turn.language` takes), else None.

    Whisper names a few languages with three letters (`haw`, `yue`): a multilingual site that
    detects any language may hear one; the turn then carries no language rather than failing.
    """
    return code if code and re.fullmatch(r"[a-z]{2}", code) else None


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language and its probability among the site's languages (renormalised)."""

    language: str
    probability: float


def detect_language(
    model: WhisperModel, samples: NDArray[np.float32], languages: tuple[str, ...]
) -> LanguageGuess:
    """The most probable of `languages` for one utterance (its first 30 s).

    Raises:
        LanguageError: the model is English-only, or `languages` is empty.
    """
    from faster_whisper.audio import pad_or_trim

    if not languages:
        raise LanguageError("no language to detect among")
    if not model.model.is_multilingual:
        raise LanguageError("language detection needs the multilingual model")
    features = model.feature_extractor(samples)
    # The slice `transcribe` encodes first (it drops the last frame), so the cache matches.
    content = min(features.shape[-1] - 1, model.feature_extractor.nb_max_frames)
    encoded = model.encode(pad_or_trim(features[:, :content]))
    scores = {token[2:-2]: prob for token, prob in model.model.detect_language(encoded)[0]}
    allowed = {code: scores.get(code, 0.0) for code in languages}
    best = max(allowed, key=lambda code: allowed[code])
    total = sum(allowed.values())
    return LanguageGuess(best, allowed[best] / total if total > 0 else 0.0)


class EncoderCache:
    """The last features encoded and their encoder output (one entry; one thread per model)."""

    def __init__(self) -> None:
        self._features: NDArray[np.float32] | None = None
        self._output: ctranslate2.StorageView | None = None

    def get(self, features: NDArray[np.float32]) -> ctranslate2.StorageView | None:
        """The output for `features` when they are the last ones encoded, else None."""
        last = self._features
        if last is None or last.shape != features.shape or not np.array_equal(last, features):
            return None
        return self._output

    def put(self, features: NDArray[np.float32], output: ctranslate2.StorageView) -> None:
        """Remember `features` (a copy) and their encoder output."""
        self._features = np.array(features, copy=True)
        self._output = output
