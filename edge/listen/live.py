"""Live listening: frames in, diarized and transcribed utterances out, as they end.

VAD and end-of-utterance run on the event loop (tens of microseconds a frame) so capture never
waits. Each finished utterance goes at once to two worker threads (onnxruntime and CTranslate2
release the GIL), one for speech to text and one for diarization, each taking utterances in
order: the next utterance's speech to text starts as soon as the previous one's is done, without
waiting for its diarization. Speech to text is the long pole (the Whisper encoder always runs
on a 30 s window).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from edge.audio.frames import Frame
from edge.listen.asr import Recognition
from edge.listen.attribute import split_by_speaker
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Endpointer, Utterance
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.listen.transcript import Role, Segment, SpeakerTurn
from edge.listen.voiceprints import Voiceprint


@dataclass(frozen=True)
class Heard:
    """One utterance, diarized and transcribed, with how long that took."""

    start: float  # stream seconds
    end: float
    segments: tuple[Segment, ...]
    turns: tuple[SpeakerTurn, ...]  # who spoke when, words or not (for RTTM and metrics)
    endpointed_at: float  # time.monotonic() when the end of the utterance was decided
    ready_at: float  # time.monotonic() when its transcript was ready

    @property
    def latency(self) -> float:
        """Seconds from the end of the utterance being decided to its transcript."""
        return self.ready_at - self.endpointed_at


class LiveListener:
    """The listening pipeline over a live stream of frames."""

    def __init__(self, models: ListeningModels, voiceprints: list[Voiceprint]) -> None:
        self._models = models
        self._detector = models.speech_detector()
        self._endpointer = Endpointer(models.settings.vad)
        self.diarizer = OnlineDiarizer(
            models.segmenter, models.embedder, models.settings.diarization, voiceprints
        )
        self._diarize_pool: ThreadPoolExecutor | None = None

    async def listen(self, frames: AsyncIterable[Frame]) -> AsyncIterator[Heard]:
        """Every utterance of `frames`, in order, as soon as it is transcribed.

        When `frames` ends, the utterance in progress is finished and delivered too.
        """
        queue: asyncio.Queue[_Pending | None] = asyncio.Queue()
        with self._workers() as (transcribe, diarize):
            producer = asyncio.create_task(
                self._hear(frames, queue, transcribe, diarize), name="listen-vad"
            )
            try:
                while (pending := await queue.get()) is not None:
                    yield await self._understand(pending)
                await producer  # re-raise a source error
            finally:
                producer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await producer

    @contextlib.contextmanager
    def _workers(self) -> Iterator[tuple[ThreadPoolExecutor, ThreadPoolExecutor]]:
        transcribe = ThreadPoolExecutor(1, thread_name_prefix="listen-asr")
        diarize = ThreadPoolExecutor(1, thread_name_prefix="listen-diarize")
        self._diarize_pool = diarize
        try:
            yield transcribe, diarize
        finally:
            self._diarize_pool = None
            transcribe.shutdown(wait=False, cancel_futures=True)
            diarize.shutdown(wait=False, cancel_futures=True)

    async def _hear(
        self,
        frames: AsyncIterable[Frame],
        queue: asyncio.Queue[_Pending | None],
        transcribe: ThreadPoolExecutor,
        diarize: ThreadPoolExecutor,
    ) -> None:
        loop = asyncio.get_running_loop()

        def start(utterance: Utterance) -> None:
            queue.put_nowait(
                _Pending(
                    utterance,
                    time.monotonic(),
                    loop.run_in_executor(diarize, self._diarize, utterance),
                    loop.run_in_executor(transcribe, self._transcribe, utterance.samples),
                )
            )

        try:
            async for frame in frames:
                for chunk, probability in self._detector(frame.samples):
                    for utterance in self._endpointer(chunk, probability):
                        start(utterance)
            for utterance in self._endpointer.flush():
                start(utterance)
        finally:
            queue.put_nowait(None)

    def _diarize(self, utterance: Utterance) -> _Diarized:
        """Turns, with names looked up now: a later reset renumbers the speakers."""
        turns = self.diarizer(utterance) or [
            Turn(utterance.start, utterance.end, self.diarizer.last_speaker)
        ]
        names = {index: self.diarizer.speaker(index) for index in {t.speaker for t in turns}}
        return _Diarized(turns, names)

    def _transcribe(self, samples: NDArray[np.float32]) -> Recognition:
        word_timing = self._models.settings.asr.live_word_timing
        return self._models.transcriber(samples, word_timing=word_timing)

    def new_conversation(self, voiceprints: list[Voiceprint] | None = None) -> None:
        """Forget every customer voice (and take new staff voiceprints, when given).

        Utterances already heard are diarized first, with the voices they were spoken among.
        """
        if self._diarize_pool is not None:
            self._diarize_pool.submit(self._new_conversation, voiceprints)
        else:
            self._new_conversation(voiceprints)

    def _new_conversation(self, voiceprints: list[Voiceprint] | None) -> None:
        if voiceprints is not None:
            self.diarizer.voiceprints = voiceprints
        self.diarizer.reset()

    async def _understand(self, pending: _Pending) -> Heard:
        utterance = pending.utterance
        diarized, recognition = await asyncio.gather(pending.diarized, pending.recognition)
        turns, names = diarized.turns, diarized.names
        segments = []
        for speaker, start, end, text in split_by_speaker(
            recognition, utterance.start, turns, turns[0].speaker
        ):
            name, role = names[speaker]
            segments.append(
                Segment(
                    start=round(start, 3),
                    end=round(end, 3),
                    speaker=name,
                    role=role,
                    text=text,
                    language=recognition.language,
                )
            )
        named = [(t, names[t.speaker]) for t in turns]
        return Heard(
            start=utterance.start,
            end=utterance.end,
            segments=tuple(segments),
            turns=tuple(
                SpeakerTurn(start=t.start, end=t.end, speaker=name, role=role)
                for t, (name, role) in named
            ),
            endpointed_at=pending.endpointed_at,
            ready_at=time.monotonic(),
        )


@dataclass(frozen=True)
class _Pending:
    """An utterance whose diarization and speech to text are under way."""

    utterance: Utterance
    endpointed_at: float
    diarized: asyncio.Future[_Diarized]
    recognition: asyncio.Future[Recognition]


@dataclass(frozen=True)
class _Diarized:
    """Who spoke when in one utterance, and the speakers' names and roles."""

    turns: list[Turn]
    names: dict[int, tuple[str, Role]]
