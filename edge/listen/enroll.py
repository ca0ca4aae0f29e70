"""Enrollment: a salesperson's voiceprint from a few recordings of their speech."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from edge.errors import NoSpeechError
from edge.listen.models import ListeningModels
from edge.listen.utterances import find_utterances
from edge.listen.voiceprints import Voiceprint, make

_PIECE_S = 8.0
_MIN_PIECE_S = 1.0


def enroll(
    name: str, recordings: list[tuple[str, NDArray[np.float32]]], models: ListeningModels
) -> Voiceprint:
    """A voiceprint from the speech in `recordings` ((label, 16 kHz audio) pairs).

    Raises:
        NoSpeechError: less speech than `enrollment.min_speech_s` in all recordings together.
    """
    settings = models.settings
    pieces: list[NDArray[np.float32]] = []
    speech_s = 0.0
    for _, samples in recordings:
        for utterance in find_utterances(samples, models.speech_detector(), settings.vad):
            speech_s += utterance.speech_s
            size = int(_PIECE_S * 16000)
            for start in range(0, len(utterance.samples), size):
                piece = utterance.samples[start : start + size]
                if len(piece) >= max(models.embedder.min_samples, int(_MIN_PIECE_S * 16000)):
                    pieces.append(piece)
    needed = settings.enrollment.min_speech_s
    if speech_s < needed or not pieces:
        labels = ", ".join(label for label, _ in recordings)
        raise NoSpeechError(
            f"only {speech_s:.1f} s of speech in {labels}; enrolling {name!r} needs at least "
            f"{needed:.0f} s (record them reading a few sentences)"
        )
    vectors = [models.embedder(piece) for piece in pieces]
    return make(name, models.embedding_model, vectors, speech_s)
