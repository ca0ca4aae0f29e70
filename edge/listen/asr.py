"""Speech to text with faster-whisper (CTranslate2, int8), one utterance at a time.

Whisper invents text on silence and loops on noise. The guards here: Whisper's own no-speech
and compression-ratio checks per segment, a list of phrases it is known to hallucinate that are
dropped unless the words were confident, and a collapse of runs of repeated words.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from edge.errors import ModelLoadError
from edge.settings import AsrSettings

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

_LOGGER = logging.getLogger(__name__)

# What Whisper says on silence and noise (from its training data's subtitles).
_HALLUCINATIONS = frozenset(
    {
        "thank you",
        "thanks for watching",
        "thank you for watching",
        "please subscribe",
        "you",
        "bye",
        "so",
        "subtitles by the amara org community",
    }
)
_CONFIDENT = 0.6
_MAX_REPEATS = 2


@dataclass(frozen=True)
class Word:
    """A recognised word, in seconds from the start of the utterance."""

    start: float
    end: float
    text: str  # as Whisper wrote it, with its leading space where a new word begins
    probability: float


def join_words(words: tuple[Word, ...] | list[Word]) -> str:
    """The text of consecutive words, spaced as Whisper spaced them."""
    return "".join(w.text for w in words).strip()


@dataclass(frozen=True)
class Recognition:
    """What was said in one utterance."""

    text: str
    language: str
    words: tuple[Word, ...]


class WhisperTranscriber:
    """faster-whisper on one utterance; blocking (call it through `asyncio.to_thread`)."""

    def __init__(self, model_dir: Path, settings: AsrSettings) -> None:
        try:
            from faster_whisper import WhisperModel

            self._model: WhisperModel = WhisperModel(
                str(model_dir),
                device="cpu",
                compute_type="int8",
                cpu_threads=settings.threads,
                local_files_only=True,
            )
        except Exception as err:
            raise ModelLoadError(f"cannot load the speech model in {model_dir}: {err}") from err
        self._settings = settings
        self._language = "en" if settings.model == "en" else settings.language

    def __call__(self, samples: NDArray[np.float32]) -> Recognition:
        """Transcribe 16 kHz mono audio (up to 30 s)."""
        settings = self._settings
        segments, info = self._model.transcribe(
            samples,
            language=self._language,
            beam_size=settings.beam_size,
            temperature=0.0,
            condition_on_previous_text=False,
            word_timestamps=True,
            hotwords=settings.vocabulary or None,
            no_speech_threshold=settings.no_speech_threshold,
            compression_ratio_threshold=settings.max_compression_ratio,
            vad_filter=False,
        )
        words: list[Word] = []
        for segment in segments:
            if segment.compression_ratio > settings.max_compression_ratio:
                _LOGGER.debug("dropped a repetition loop: %r", segment.text)
                continue
            if segment.no_speech_prob > settings.no_speech_threshold and segment.avg_logprob < -1:
                _LOGGER.debug("dropped text on non-speech: %r", segment.text)
                continue
            words.extend(
                Word(float(w.start), float(w.end), w.word, float(w.probability))
                for w in segment.words or ()
                if w.word.strip()
            )
        words = _drop_hallucination(_collapse_repeats(words))
        return Recognition(
            text=join_words(words),
            language=info.language,
            words=tuple(words),
        )


def normalise(text: str) -> str:
    """Lower case, letters, digits and single spaces (for comparing phrases)."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def _collapse_repeats(words: list[Word]) -> list[Word]:
    """Drop n-grams (n ≤ 4) repeated more than `_MAX_REPEATS` times in a row."""
    keys = [normalise(w.text) for w in words]
    out_words: list[Word] = []
    out_keys: list[str] = []
    i = 0
    while i < len(words):
        skipped = False
        for n in range(1, 5):
            gram = keys[i : i + n]
            if len(gram) < n or out_keys[-n * _MAX_REPEATS :] != gram * _MAX_REPEATS:
                continue
            i += n
            skipped = True
            break
        if not skipped:
            out_words.append(words[i])
            out_keys.append(keys[i])
            i += 1
    return out_words


def _drop_hallucination(words: list[Word]) -> list[Word]:
    if not words or normalise(join_words(words)) not in _HALLUCINATIONS:
        return words
    if min(w.probability for w in words) >= _CONFIDENT:
        return words
    return []
