"""Utterances of a whole recording: the live VAD and endpointer run over it as fast as they can."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from edge.listen.endpointer import Endpointer, Utterance
from edge.listen.vad import SpeechDetector
from edge.settings import VadSettings

_BLOCK = 16000


def find_utterances(
    samples: NDArray[np.float32], detector: SpeechDetector, settings: VadSettings
) -> list[Utterance]:
    """Every utterance in 16 kHz mono audio, in time order."""
    detector.reset()
    endpointer = Endpointer(settings)
    found: list[Utterance] = []
    for start in range(0, len(samples), _BLOCK):
        for chunk, probability in detector(samples[start : start + _BLOCK]):
            found.extend(endpointer(chunk, probability))
    found.extend(endpointer.flush())
    return found
