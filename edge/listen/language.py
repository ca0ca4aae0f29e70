"""Which of a site's languages an utterance is in: Whisper's language detection, restricted.

Whisper's multilingual decoder scores every language token after one encoder pass over the
utterance's 30 s window. A bilingual site only has a few languages, so the guess is the most
probable of those (a Spanish sentence heard as Portuguese or Galician is still Spanish on a
showroom floor in Texas). The encoder output is the one the transcription then decodes from:
`EncoderCache` keeps it, so detection costs one decoder step, not a second encoder pass.

The live hub's encoder reads a short window (`asr.live_encoder_window_s`); on it the detector is
less sure, and once took an espeak Spanish utterance for English. `edge.listen.asr` detects on
the short window and reads Whisper's whole 30 s window again only when the short window's
probability is below `asr.live_language_recheck_below` (docs/benchmarks.md).
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
    #: Detected again on Whisper's whole 30 s window, the short window's guess being unsure.
    rechecked: bool = False
    #: (language, probability) of each of the site's languages, renormalised.
    among: tuple[tuple[str, float], ...] = ()

    def blended(self, other: LanguageGuess) -> LanguageGuess:
        """The guess from the mean of this one's and `other`'s probabilities (same languages)."""
        mine, theirs = dict(self.among), dict(other.among)
        mean = {code: (mine.get(code, 0.0) + theirs.get(code, 0.0)) / 2 for code in mine}
        best = max(mean, key=lambda code: mean[code])
        return LanguageGuess(best, mean[best], rechecked=True, among=tuple(mean.items()))


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
    share = {code: p / total if total > 0 else 0.0 for code, p in allowed.items()}
    return LanguageGuess(best, share[best], among=tuple(share.items()))


class EncoderCache:
    """The last features encoded and their encoder output (one thread per model).

    Two entries: a detection read again on the whole window must not push out the short
    window's output, which the transcription then decodes from.
    """

    def __init__(self, size: int = 2) -> None:
        self._size = size
        self._entries: list[tuple[NDArray[np.float32], ctranslate2.StorageView]] = []

    @property
    def last_output(self) -> ctranslate2.StorageView | None:
        """The encoder output last put or got (the one last decoded from), if any."""
        return self._entries[-1][1] if self._entries else None

    @property
    def last_frames(self) -> int | None:
        """How many mel frames the encoder read for `last_output`."""
        return self._entries[-1][0].shape[-1] if self._entries else None

    def get(self, features: NDArray[np.float32]) -> ctranslate2.StorageView | None:
        """The output for `features` when they are among the last ones encoded, else None."""
        for index, (known, output) in enumerate(self._entries):
            if known.shape == features.shape and np.array_equal(known, features):
                self._entries.append(self._entries.pop(index))  # the most recently used last
                return output
        return None

    def put(self, features: NDArray[np.float32], output: ctranslate2.StorageView) -> None:
        """Remember `features` (a copy) and their encoder output, forgetting the oldest."""
        self._entries.append((np.array(features, copy=True), output))
        del self._entries[: -self._size]
