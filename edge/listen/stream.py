"""Offline listening of a recording read block by block: memory bounded by a part, not the file.

A recording no longer than `PART_S` is read whole and goes through `pipeline.transcribe`, exactly
as before. A longer one is never held whole: the blocks go, as they are read, through

- the VAD and endpointer (utterance times kept, their audio dropped);
- the segmentation and embedding of each 10 s diarization window, at the same offsets as for the
  whole file (the last window flush with the end), as soon as its audio has been read;
- speech to text in parts of at most `PART_S`, each cut in the widest pause between utterances
  in its second half (at `PART_S` when there is none), decoded with `recording` like a short file.

What is kept between parts is the audio not yet decoded (at most `PART_S` plus a block), the
analysed windows (a few kB each), utterance times and words. The windows are clustered once at the
end (`cluster_windows`, whose dense stage is bounded by `diarize_offline.MAX_CLUSTERED`) and the
words attributed to the speakers as for a short file.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.audio.decode import iter_audio
from edge.listen import pipeline, windows
from edge.listen.asr import Recognition
from edge.listen.diarize_offline import (
    MAX_CLUSTERED,
    Diarization,
    OfflineDiarizer,
    cluster_windows,
)
from edge.listen.endpointer import Endpointer, Utterance
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.listen.transcript import Transcript
from edge.listen.voiceprints import Voiceprint

_LOGGER = logging.getLogger(__name__)
SAMPLE_RATE = 16000
PART_S = 120.0
"""Longest stretch of audio decoded at once. Fixed a priori, for memory: faster-whisper builds the
log-mel features of the whole stretch it is given (a few hundred kB a second with the STFT's
temporaries), so 120 s keeps that to tens of MB; each part's last 30 s Whisper window is padded,
about one encoder pass more per part than for a whole file."""


def transcribe_file(
    path: Path,
    models: ListeningModels,
    voiceprints: list[Voiceprint],
    *,
    part_s: float = PART_S,
) -> Transcript:
    """Diarize and transcribe an audio file, reading it block by block.

    Raises:
        AudioFileError: the file is missing, not audio, or corrupt or truncated (also when that is
            found part-way through: nothing is returned then).
    """
    return transcribe_blocks(iter_audio(path), str(path), models, voiceprints, part_s=part_s)


def transcribe_blocks(
    blocks: Iterable[NDArray[np.float32]],
    audio: str,
    models: ListeningModels,
    voiceprints: list[Voiceprint],
    *,
    part_s: float = PART_S,
) -> Transcript:
    """Diarize and transcribe 16 kHz mono audio given as consecutive blocks.

    Up to `part_s` seconds in all, this is `pipeline.transcribe` on the joined blocks.
    """
    limit = round(part_s * SAMPLE_RATE)
    stream = iter(blocks)
    head: list[NDArray[np.float32]] = []
    read = 0
    for block in stream:
        head.append(block)
        read += len(block)
        if read > limit:
            break
    else:
        samples = np.concatenate(head) if head else np.zeros(0, dtype=np.float32)
        return pipeline.transcribe(samples, audio, models, voiceprints)
    reader = StreamingListener(models, limit)
    for block in itertools.chain(head, stream):
        reader.feed(block)
    return reader.finish(audio, voiceprints)


class StreamingListener:
    """The offline pipeline over a stream of blocks; `feed` them in order, then `finish`."""

    def __init__(
        self, models: ListeningModels, part_samples: int, cluster_cap: int = MAX_CLUSTERED
    ) -> None:
        self._models = models
        self._cap = cluster_cap
        settings = models.settings
        self._detector = models.speech_detector()
        self._detector.reset()
        self._endpointer = Endpointer(settings.vad)
        self._diarizer = OfflineDiarizer(models.segmenter, models.embedder, settings.diarization)
        self._step = round(settings.diarization.window_step_s * SAMPLE_RATE)
        self._size = models.segmenter.window_samples
        self._part = part_samples
        self._audio = _Audio()
        self._next_window = 0  # offset (samples) of the next regular window
        self._decoded = 0  # sample up to which speech to text has run
        self.utterances: list[Utterance] = []
        self.windows: list[windows.Window] = []
        self.recognitions: list[Recognition] = []
        self.peak_held = 0  # most samples of audio held at once (for tests and benchmarks)

    def feed(self, block: NDArray[np.float32]) -> None:
        """The next block of 16 kHz mono audio."""
        self._audio.append(block.astype(np.float32, copy=False))
        self.peak_held = max(self.peak_held, self._audio.held)
        for chunk, probability in self._detector(block):
            self.utterances.extend(_times_only(self._endpointer(chunk, probability)))
        ready = []
        while self._next_window + self._size <= self._audio.end:
            ready.append(self._next_window)
            self._next_window += self._step
        self._analyse(ready)
        while self._audio.end - self._decoded > self._part:
            self._decode(self._cut())
        self._trim()

    def finish(self, audio: str, voiceprints: list[Voiceprint]) -> Transcript:
        """End of stream: the transcript, as `pipeline.transcribe` lays it out."""
        total = self._audio.end
        self.utterances.extend(_times_only(self._endpointer.flush()))
        last = windows.window_offsets(total, self._size, self._step)
        self._analyse([o for o in last if o > self._next_window - self._step])
        if self._decoded < total:
            self._decode(total)
        self._audio.drop_before(total)
        settings = self._models.settings
        duration = round(total / SAMPLE_RATE, 3)
        diarization = cluster_windows(
            self.windows, total / SAMPLE_RATE, settings.diarization, self._cap
        )
        utterances = self.utterances or _turns_as_speech(diarization.turns)
        if not utterances:
            _LOGGER.warning("no speech found in %s: the transcript is empty", audio)
            return Transcript(audio=audio, duration=duration, segments=(), turns=())
        if not diarization.turns:  # speech the segmentation missed: one unnamed speaker
            dimension = self._models.embedder.dimension
            diarization = Diarization(
                turns=[Turn(u.start, u.end, 0) for u in utterances],
                centroids=np.zeros((1, dimension), dtype=np.float32),
            )
        recognitions = [pipeline.in_speech(r, utterances) for r in self.recognitions]
        return pipeline.assemble(
            audio, duration, diarization, recognitions, self._models, voiceprints
        )

    def _analyse(self, offsets: list[int]) -> None:
        if offsets:
            first, last = offsets[0], offsets[-1] + self._size
            samples = self._audio.span(first, last)
            self.windows.extend(self._diarizer.analyse_at(samples, offsets, first))

    def _cut(self) -> int:
        """Where the part that starts at `_decoded` ends: the middle of its widest pause."""
        earliest, latest = self._decoded + self._part // 2, self._decoded + self._part
        best, width = latest, 0.0
        for before, after in itertools.pairwise(self.utterances[-200:]):
            middle = round((before.end + after.start) / 2 * SAMPLE_RATE)
            if earliest <= middle <= latest and after.start - before.end > width:
                best, width = middle, after.start - before.end
        return best

    def _decode(self, end: int) -> None:
        start = self._decoded
        recognition = self._models.transcriber.recording(self._audio.span(start, end))
        offset = start / SAMPLE_RATE
        words = tuple(
            dataclasses.replace(w, start=w.start + offset, end=w.end + offset)
            for w in recognition.words
        )
        self.recognitions.append(dataclasses.replace(recognition, words=words))
        self._decoded = end

    def _trim(self) -> None:
        # the window flush with the end, analysed last, starts after the last regular one
        last_regular = self._next_window - self._step
        self._audio.drop_before(min(self._decoded, last_regular))


class _Audio:
    """The blocks of a stream from some sample on; spans of them joined on demand."""

    def __init__(self) -> None:
        self._blocks: collections.deque[tuple[int, NDArray[np.float32]]] = collections.deque()
        self.end = 0  # samples appended so far
        self.held = 0  # samples held

    def append(self, block: NDArray[np.float32]) -> None:
        self._blocks.append((self.end, block))
        self.end += len(block)
        self.held += len(block)

    def span(self, first: int, last: int) -> NDArray[np.float32]:
        """Samples [first, last) of the stream (last clipped to the end).

        Raises:
            ValueError: samples before `first` were already dropped.
        """
        if self._blocks and first < self._blocks[0][0]:
            raise ValueError(f"sample {first} was dropped (held from {self._blocks[0][0]})")
        pieces = [
            block[max(0, first - at) : max(0, last - at)]
            for at, block in self._blocks
            if at < last and at + len(block) > first
        ]
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)

    def drop_before(self, sample: int) -> None:
        """Forget the blocks that end at or before `sample`."""
        while self._blocks and self._blocks[0][0] + len(self._blocks[0][1]) <= sample:
            self.held -= len(self._blocks.popleft()[1])


def _times_only(found: list[Utterance]) -> Iterator[Utterance]:
    """The utterances without their audio (only their times are used later)."""
    empty = np.zeros(0, dtype=np.float32)
    for utterance in found:
        yield Utterance(utterance.start, utterance.end, empty, utterance.speech_s)


def _turns_as_speech(turns: list[Turn]) -> list[Utterance]:
    """The union of `turns` as utterances (times only), in time order and not overlapping."""
    empty = np.zeros(0, dtype=np.float32)
    return [
        Utterance(start, end, empty, end - start) for start, end in pipeline.speech_spans(turns)
    ]
