"""Polish after the customer leaves: a conversation's speech transcribed again as a whole.

Live, each utterance is transcribed on its own and re-decoded after the last 25 s of the
conversation (`edge.listen.live`). Once the conversation has ended, its utterances' audio
(kept here, bounded by `asr.polish_max_s`) is joined, each pause (and the one before the first
utterance) shortened to at most `_GAP_S` of silence, and decoded the way `showfloor-edge
transcribe` decodes a file: Whisper's own 30 s windows, each after the text of the one before,
with word times. Each word is mapped back to stream time through the pieces it was joined from,
and given to the turn whose span holds its middle (else the nearest turn).

`SpeechKept` is the bounded store (int16, 32 kB a second); `polished_texts` is the mapping,
pure; the decode itself runs in the live hub's niced context thread (`LiveListener.polish`).
"""

from __future__ import annotations

import bisect
import collections
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from edge.listen.asr import Word, join_words
from edge.listen.vad import SAMPLE_RATE

_GAP_S = 1.0  # the longest silence kept between two utterances in the joined audio
_BLOCK_S = 60.0  # the most speech decoded at once (`blocks`), as `transcribe` (`stream`)


@dataclass(frozen=True)
class Piece:
    """One utterance's audio: where it starts in the stream and its samples (int16)."""

    start: float  # stream seconds
    samples: NDArray[np.int16]

    @property
    def end(self) -> float:
        """Stream seconds at its last sample."""
        return self.start + len(self.samples) / SAMPLE_RATE


class SpeechKept:
    """A conversation's utterance audio, in memory, at most `max_s` seconds (oldest dropped)."""

    def __init__(self, max_s: float) -> None:
        """Keep at most `max_s` seconds of speech."""
        self._max = int(max_s * SAMPLE_RATE)
        self._pieces: collections.deque[Piece] = collections.deque()
        self._samples = 0
        self.dropped_until = 0.0  # stream seconds: turns starting before lost audio

    def add(self, start: float, samples: NDArray[np.float32] | NDArray[np.int16]) -> None:
        """Keep one utterance (float in [-1, 1] or int16), dropping the oldest past the bound."""
        kept: NDArray[np.int16] = (
            samples.astype(np.int16)
            if samples.dtype == np.int16
            else (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
        )
        if not len(kept):
            return
        if self._pieces and start < self._pieces[-1].end - 1e-6:
            return  # the same utterance again (or audio already kept)
        self._pieces.append(Piece(start, kept))
        self._samples += len(kept)
        while self._samples > self._max and self._pieces:
            dropped = self._pieces.popleft()
            self._samples -= len(dropped.samples)
            self.dropped_until = dropped.end

    @property
    def seconds(self) -> float:
        """Speech kept, in seconds."""
        return self._samples / SAMPLE_RATE

    @property
    def nbytes(self) -> int:
        """Memory held by the samples."""
        return self._samples * 2

    def pieces(self) -> tuple[Piece, ...]:
        """What is kept, in stream order."""
        return tuple(self._pieces)

    def clear(self) -> None:
        """Forget the audio."""
        self._pieces.clear()
        self._samples = 0
        self.dropped_until = 0.0


@dataclass(frozen=True)
class Joined:
    """Pieces joined into one recording, and where each starts in it (seconds)."""

    audio: NDArray[np.float32]
    offsets: tuple[float, ...]
    pieces: tuple[Piece, ...]

    def stream_time(self, at: float) -> float:
        """The stream time of `at` seconds into the joined audio (a gap: its piece's end)."""
        index = max(0, bisect.bisect_right(self.offsets, at) - 1)
        piece = self.pieces[index]
        return piece.start + min(at - self.offsets[index], piece.end - piece.start)


def join(pieces: tuple[Piece, ...] | list[Piece]) -> Joined:
    """The pieces one after another, each pause cut to at most `_GAP_S` of silence.

    The silence before the first piece too, as a recording starts (tried on the tuning data:
    docs/benchmarks.md, "Polish after the customer leaves").
    """
    parts: list[NDArray[np.float32]] = []
    offsets: list[float] = []
    at = 0
    for i, piece in enumerate(pieces):
        before = piece.start - pieces[i - 1].end if i else piece.start  # the first: from 0
        silence = round(min(_GAP_S, max(0.0, before)) * SAMPLE_RATE)
        parts.append(np.zeros(silence, dtype=np.float32))
        at += silence
        offsets.append(at / SAMPLE_RATE)
        parts.append((piece.samples / 32767).astype(np.float32))
        at += len(piece.samples)
    audio = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    return Joined(audio, tuple(offsets), tuple(pieces))


def blocks(pieces: tuple[Piece, ...] | list[Piece], max_s: float = _BLOCK_S) -> list[list[Piece]]:
    """The pieces in runs of at most `max_s` seconds of speech, each decoded on its own.

    Bounds the decode's memory whatever `asr.polish_max_s`: the live hub's peak RSS on 300 s
    of speech was 645 MiB without polish, 664 MiB with 60 s runs, 729 MiB with 120 s and 817 MiB
    with 300 s (docs/benchmarks.md). Whisper's conditioning on the text before starts again at
    each run's start (a run is two of its 30 s windows).
    """
    runs: list[list[Piece]] = []
    seconds = 0.0
    for piece in pieces:
        length = piece.end - piece.start
        if not runs or seconds + length > max_s:
            runs.append([])
            seconds = 0.0
        runs[-1].append(piece)
        seconds += length
    return runs


def polished_texts(
    decoded: Sequence[tuple[Sequence[Word], Joined]],
    spans: list[tuple[float, float]],
    since: float = 0.0,
) -> list[str | None]:
    """Each span's (turn's, stream seconds) text among the `decoded` words, or None.

    `decoded`: each run's words with times in its joined audio. A word goes to the span holding
    its middle, else to the nearest span. None: a span that starts before `since` (its audio
    was dropped), or that got no word (its text is kept: the whole decode may skip what the
    live one heard).
    """
    given: list[list[Word]] = [[] for _ in spans]
    kept_spans = [i for i, (start, _) in enumerate(spans) if start >= since - 1e-6]
    if kept_spans:
        for word, joined in ((w, j) for words, j in decoded for w in words):
            middle = joined.stream_time((word.start + word.end) / 2)
            best = min(
                kept_spans,
                key=lambda i: (
                    0.0
                    if spans[i][0] <= middle <= spans[i][1]
                    else min(abs(middle - spans[i][0]), abs(middle - spans[i][1]))
                ),
            )
            given[best].append(word)
    return [join_words(kept) if kept else None for kept in given]
