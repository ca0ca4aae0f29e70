"""Code-switching within one utterance: its parts between long pauses, each in its language.

Quick turns end up in one utterance: the endpointer waits `vad.end_of_utterance_ms` of pause
before it ends one, and a customer who answers the salesperson sooner is heard in the
salesperson's utterance. One language detected for the whole of it decodes one of the two
speakers in the other's language (synthetic dialogues with turns 0.4-0.55 s apart: Spanish
answers written as English nonsense, docs/benchmarks.md "Quick turns"). On a site with several
languages, `edge.listen.asr` detects the language of each part between pauses of at least
`asr.live_language_split_pause_ms` and decodes each run of parts in one language on its own.

The threshold lies between the pauses within a turn (espeak-ng's between two sentences: about
220 ms) and a turn taken after 0.4 s (about 370 ms below the VAD's lower threshold). A part
shorter than `MIN_PART_S` is detected with its neighbour: Whisper's detector is unsure on a
word or two.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from edge.listen.language import LanguageGuess

MIN_PART_S = 1.0
#: A part's language guessed on the short live window below this is read again on Whisper's whole
#: window, and the two averaged. Chosen on synthetic speech only: the detector's sure guesses
#: there were 0.92-1.00 and its coin flips 0.5-0.8 (docs/benchmarks.md, "Quick turns").
RECHECK_BELOW = 0.8


def parts(
    pauses: Sequence[tuple[float, float]], duration: float, min_pause_s: float
) -> list[tuple[float, float]]:
    """(start, end) of the parts of an utterance split in the middle of each long pause.

    A part shorter than `MIN_PART_S` joins the one before it (the first, the one after it).
    """
    cuts = [(start + end) / 2 for start, end in pauses if end - start >= min_pause_s]
    bounds = [0.0, *cuts, duration]
    joined: list[tuple[float, float]] = []
    for start, end in itertools.pairwise(bounds):
        if joined and (end - start < MIN_PART_S or joined[-1][1] - joined[-1][0] < MIN_PART_S):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def runs(
    spans: Sequence[tuple[float, float]], guesses: Sequence[LanguageGuess]
) -> list[tuple[float, float, LanguageGuess]]:
    """Consecutive parts of one language joined: (start, end, its surest part's guess)."""
    joined: list[tuple[float, float, LanguageGuess]] = []
    for (start, end), guess in zip(spans, guesses, strict=True):
        if joined and joined[-1][2].language == guess.language:
            sure = max(joined[-1][2], guess, key=lambda g: g.probability)
            joined[-1] = (joined[-1][0], end, sure)
        else:
            joined.append((start, end, guess))
    return joined
