"""End of utterance: speech probabilities per chunk in, whole utterances out.

An utterance starts at the first chunk at or above the speech threshold (with `padding_ms` of
audio before it) and ends after `end_of_utterance_ms` below the lower, hysteresis threshold. One
that reaches `max_utterance_s` is cut at its quietest chunk of the last two seconds, so a long
monologue is not split mid-word; the rest starts the next utterance.

Each utterance also carries its pauses: the stretches below the lower threshold between two
chunks of speech. Quick turns (a customer answering within `end_of_utterance_ms`) end up in one
utterance; a bilingual site detects the language of each part between long pauses
(`asr.live_language_split_pause_ms`, `edge.listen.asr`).
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from edge.listen.vad import CHUNK, SAMPLE_RATE
from edge.settings import VadSettings

_HYSTERESIS = 0.15
_CUT_SEARCH_S = 2.0


@dataclass(frozen=True)
class Utterance:
    """A stretch of speech, in seconds from the start of the stream."""

    start: float
    end: float
    samples: NDArray[np.float32]
    speech_s: float
    #: (start, end) of each pause between two stretches of speech, in s from `start`.
    pauses: tuple[tuple[float, float], ...] = ()

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.end - self.start


class Endpointer:
    """Groups (chunk, speech probability) pairs into utterances."""

    def __init__(self, settings: VadSettings) -> None:
        self._on = settings.speech_threshold
        self._off = max(0.01, settings.speech_threshold - _HYSTERESIS)
        chunk_s = CHUNK / SAMPLE_RATE
        self._end_chunks = max(1, round(settings.end_of_utterance_ms / 1000 / chunk_s))
        self._max_chunks = int(settings.max_utterance_s / chunk_s)
        self._min_speech_chunks = max(1, round(settings.min_utterance_ms / 1000 / chunk_s))
        self._pad_chunks = round(settings.padding_ms / 1000 / chunk_s)
        self._search_chunks = int(_CUT_SEARCH_S / chunk_s)
        self.reset()

    def reset(self) -> None:
        """Forget the stream; the next chunk is at time zero."""
        self._position = 0  # index of the next chunk
        self._preroll: collections.deque[tuple[NDArray[np.float32], float]] = collections.deque(
            maxlen=max(1, self._pad_chunks)
        )
        self._chunks: list[tuple[NDArray[np.float32], float]] = []
        self._start = 0  # chunk index of self._chunks[0]
        self._silence = 0
        self._active = False

    @property
    def in_speech(self) -> bool:
        """Whether an utterance is under way."""
        return self._active

    @property
    def trailing_silence_ms(self) -> float:
        """How long the utterance under way has been below the lower threshold (0 if none)."""
        return self._silence * CHUNK / SAMPLE_RATE * 1000 if self._active else 0.0

    def tentative(self) -> Utterance | None:
        """The utterance under way as it will end if the pause that has begun goes on.

        Only once the pause is at least `padding_ms` long (the audio kept after the speech is
        then all there): from then on, while nothing above the lower threshold is heard, the
        utterance that ends it (`__call__` after `end_of_utterance_ms`, or `flush()`) has
        exactly these samples. None when no utterance is under way, the pause is shorter, or
        there is too little speech.
        """
        if not self._active or self._silence < max(1, self._pad_chunks):
            return None
        keep = len(self._chunks) - self._silence + self._pad_chunks
        done = self._emit(self._chunks[:keep])
        return done[0] if done else None

    def __call__(self, chunk: NDArray[np.float32], probability: float) -> list[Utterance]:
        """Feed one chunk; the utterances it completes (usually none)."""
        index = self._position
        self._position += 1
        if not self._active:
            if probability < self._on:
                if self._pad_chunks:
                    self._preroll.append((chunk, probability))
                return []
            self._active = True
            self._chunks = list(self._preroll) if self._pad_chunks else []
            self._preroll.clear()
            self._start = index - len(self._chunks)
            self._silence = 0
        self._chunks.append((chunk, probability))
        self._silence = 0 if probability >= self._off else self._silence + 1
        if self._silence >= self._end_chunks:
            return self._close(len(self._chunks) - self._silence + self._pad_chunks)
        if len(self._chunks) >= self._max_chunks:
            return self._cut()
        return []

    def flush(self) -> list[Utterance]:
        """End of stream: the utterance under way, if any."""
        if not self._active:
            return []
        return self._close(len(self._chunks) - self._silence + self._pad_chunks)

    def _cut(self) -> list[Utterance]:
        window = [p for _, p in self._chunks[-self._search_chunks :]]
        at = len(self._chunks) - len(window) + int(np.argmin(window)) + 1
        rest = self._chunks[at:]
        done = self._emit(self._chunks[:at])
        self._start += at
        self._chunks = rest
        self._silence = 0
        return done

    def _close(self, keep: int) -> list[Utterance]:
        done = self._emit(self._chunks[: min(keep, len(self._chunks))])
        tail = self._chunks[len(self._chunks) - self._pad_chunks :] if self._pad_chunks else []
        self._active = False
        self._chunks = []
        self._preroll.extend(tail)
        return done

    def _emit(self, chunks: list[tuple[NDArray[np.float32], float]]) -> list[Utterance]:
        speech = sum(1 for _, p in chunks if p >= self._on)
        if speech < self._min_speech_chunks:
            return []
        chunk_s = CHUNK / SAMPLE_RATE
        return [
            Utterance(
                start=self._start * chunk_s,
                end=(self._start + len(chunks)) * chunk_s,
                samples=np.concatenate([c for c, _ in chunks]),
                speech_s=speech * chunk_s,
                pauses=self._pauses([p for _, p in chunks]),
            )
        ]

    def _pauses(self, probabilities: list[float]) -> tuple[tuple[float, float], ...]:
        """Stretches below the lower threshold with speech on both sides, in s."""
        chunk_s = CHUNK / SAMPLE_RATE
        spoken = [i for i, p in enumerate(probabilities) if p >= self._on]
        if not spoken:
            return ()
        pauses: list[tuple[float, float]] = []
        begun: int | None = None
        for index in range(spoken[0], spoken[-1] + 1):
            quiet = probabilities[index] < self._off
            if quiet and begun is None:
                begun = index
            elif not quiet and begun is not None:
                pauses.append((begun * chunk_s, index * chunk_s))
                begun = None
        return tuple(pauses)
